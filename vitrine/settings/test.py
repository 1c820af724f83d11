"""The test suite: same stack as production, minus what only slows tests down.

DATABASE_URL picks the database, so the same suite runs on SQLite and PostgreSQL
(`make test` does both).
"""

import atexit
import shutil
import tempfile

from .base import *  # noqa: F403
from .base import STORAGES

DEBUG = False
SECRET_KEY = "tests-only-insecure-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# A media folder for this process, removed when it ends (every test worker, every
# `manage.py` a test starts, makes one).
MEDIA_ROOT = tempfile.mkdtemp(prefix="vitrine-test-media-")
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
STORAGES = {
    **STORAGES,
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
WHITENOISE_AUTOREFRESH = True
# A fixed address, the host Django's test client sends: absolute links in pages,
# feeds and e-mails can be followed with the client.
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
# Django's immediate task backend, except that the test factories' pages are indexed
# once rather than at each of their saves (tests/indexing.py).
TASKS = {"default": {"BACKEND": "tests.indexing.TaskBackend"}}
