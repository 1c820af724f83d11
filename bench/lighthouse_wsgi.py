"""The site as bench/lighthouse.py serves it: `vitrine.wsgi` (production settings), plus
what other servers provide in production:

- the uploaded media, which the web server in front of gunicorn serves (README,
  "Production"). gunicorn alone cannot serve files, and without them every image would
  answer 404 and count against the pages. WhiteNoise stands in for that web server;
  `autorefresh` makes it look for each file when it is asked for, because Wagtail writes
  an image's renditions the first time a page shows them, after this process started;
- the map tiles, which come from a tile server of another origin (OpenStreetMap's by
  default). bench/lighthouse.py points the site's settings at TILES on
  http://localhost:<port>, which is another origin than the pages' http://127.0.0.1:<port>,
  so the tiles are cross-origin images allowed by the CSP as real ones are; each is the
  same blank 256-pixel square. No request leaves the machine, and the scores do not
  depend on a third party's server being reachable (as the browser tests do, they never
  fetch real tiles).
"""

import io

from django.conf import settings
from PIL import Image
from whitenoise import WhiteNoise

from vitrine.wsgi import application as site

TILES = "/tuiles/"


def _blank_tile():
    output = io.BytesIO()
    Image.new("RGB", (256, 256), "#e8ecef").save(output, format="PNG")
    return output.getvalue()


TILE = _blank_tile()

media = WhiteNoise(site, autorefresh=True)
media.add_files(str(settings.MEDIA_ROOT), prefix=settings.MEDIA_URL)


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path.startswith(TILES) and path.endswith(".png"):
        start_response(
            "200 OK",
            [
                ("Content-Type", "image/png"),
                ("Content-Length", str(len(TILE))),
                ("Cache-Control", "public, max-age=86400"),
                ("Access-Control-Allow-Origin", "*"),
            ],
        )
        return [TILE]
    return media(environ, start_response)
