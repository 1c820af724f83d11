"""The site as bench/lighthouse.py serves it: `vitrine.wsgi` (production settings), plus
the uploaded media that the web server in front of gunicorn serves in production
(README, "Production"). gunicorn alone cannot serve files, and without them every image
would answer 404 and count against the pages.

WhiteNoise stands in for that web server. `autorefresh` makes it look for each file when
it is asked for: Wagtail writes an image's renditions the first time a page shows them,
after this process started.
"""

from django.conf import settings
from whitenoise import WhiteNoise

from vitrine.wsgi import application as site

application = WhiteNoise(site, autorefresh=True)
application.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)
