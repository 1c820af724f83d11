"""Settings shared by every environment.

Everything that differs between a laptop and a server comes from environment
variables (read with django-environ) and has a default that works on a laptop.
`dev`, `test` and `production` only change what must differ.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
import xstatic.pkg.leaflet
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .mail import mailers_from_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

# Read by dev/production; tests set their own.
SECRET_KEY = env("SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "core",
    "home",
    "directory",
    "offers",
    "stories",
    "insights",
    "logins",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "offers.users_app.UsersConfig",  # Wagtail's users app, with offers' account admin
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # The sitemap.xml template that wagtail.contrib.sitemaps renders.
    "django.contrib.sitemaps",
    # Before staticfiles, so `runserver` leaves static files to WhiteNoise as in production.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below WhiteNoise (static files carry their own lifetime), above everything that may
    # set a cookie, which makes a response private.
    "core.front_cache.FrontCacheMiddleware",
    # Right below it: a page kept here is served with the front cache's headers, and
    # without anything below (compression included: kept compressed).
    "core.page_cache.PageCacheMiddleware",
    # Pages compressed here (after WhiteNoise, which serves static files compressed
    # already): BREACH is weighed in docs/design-notes.md ("Compression").
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Inside Django's CSP middleware, so it can widen img-src before the header is built.
    "home.map_tiles.MapTilesCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After the messages: it tells why it sends someone to set up or enter a code.
    "logins.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vitrine.urls"
WSGI_APPLICATION = "vitrine.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
    # Plain-text e-mails (core.emails.render_text): HTML escaping would show « d&#x27;été ».
    # Second, so every other template still renders (and escapes) with the first.
    {
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- Data --------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's database search backend uses PostgreSQL's full-text fields and indexes.
    INSTALLED_APPS.append("django.contrib.postgres")
    # A server process keeps its connection between requests: opening one costs about
    # 40 ms here, five times a beacon's whole answer (docs/benchmarks.md). Checked before
    # reuse, so a restarted database server costs no request an error.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation of queries (PostgreSQL compiles any whose estimated cost passes
    # jit_above_cost): the site's queries take milliseconds, and compiling one costs tens
    # of them. A query estimated dear (a directory search at 100,000 shops, any query on
    # tables without statistics yet) paid more for the compiling than it saved; the test
    # suite ran a fifth faster without it (docs/benchmarks.md). Options already in the
    # DATABASE_URL (`?options=...`) come after, and win.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(["-c jit=off", options.get("options", "")]).strip()
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The shops' category index carries included columns for PostgreSQL's index-only
    # scans (directory.models.shop); SQLite makes it a plain index on its key columns,
    # which is what it needs, and Django warns that it leaves the others out.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    # SQLite, the default, under an editor, the counting beacons and an import at once:
    # - WAL: readers never wait for the writer, nor the writer for readers (the public
    #   site keeps answering while an import writes). The mode is stored in the file, so
    #   it must sit on a local disk (WAL needs shared memory; no NFS).
    # - synchronous=NORMAL: in WAL mode a commit survives a crash of the process; only a
    #   power cut may lose the last commits, never corrupt the file.
    # - IMMEDIATE: a transaction takes the write lock when it begins. One that read first
    #   (as Wagtail's saves do) could otherwise not upgrade to writing while another
    #   writer holds the lock, and fails at once with "database is locked" instead of
    #   waiting its turn.
    # - timeout: how long a writer waits for the lock before giving up (seconds).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": env.int("SQLITE_TIMEOUT", default=20),
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# REDIS_URL (e.g. redis://127.0.0.1:6379/0) switches the cache to Redis; without it each
# process keeps its own in-memory cache, which is right for one process on a laptop.
# CACHE_URL, when set, is any other cache django-environ reads (dummycache:// keeps
# nothing: bench/throughput.py measures the pages rendered from scratch with it).
CACHES = {
    "default": (
        env.cache_url("CACHE_URL")
        if env("CACHE_URL", default="")
        else {
            **env.cache_url("REDIS_URL"),
            # Django's, with one client per connection pool (core/redis_cache.py).
            "BACKEND": "core.redis_cache.RedisCache",
        }
        if env("REDIS_URL", default="")
        else {
            # Django's, without its check of each key (core/cache_backends.py).
            "BACKEND": "core.cache_backends.LocMemCache",
            # Each shop may have three entries (its details, its rendered page, its
            # card): Django's default of 300 would keep dropping them in a town of a
            # few hundred shops. About 26 kB a shop (13 kB of it the page), so 25 MB for a
            # thousand shops.
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    )
}

# --- The front cache (core.front_cache, deploy/varnish) ---------------------------------

# The longest a shared cache keeps an anonymous page (seconds), should a change reach it
# by no purge; the page's own truth (an opening, a closing, midnight) often ends it sooner.
FRONT_CACHE_MAX_AGE = env.int("FRONT_CACHE_MAX_AGE", default=600)
# Where each front cache takes purges: a PURGE request with the keys in `xkey-purge`
# (e.g. http://127.0.0.1:6081/ for deploy/varnish/vitrine.vcl). Comma-separated, one per
# cache; none without a front cache.
FRONT_CACHE_PURGE_URLS = env.list("FRONT_CACHE_PURGE_URLS", default=[])
FRONT_CACHE_PURGE_TIMEOUT = env.float("FRONT_CACHE_PURGE_TIMEOUT", default=2.0)
# Django keeps what a front cache may keep too (core.page_cache), for the first visit
# after a purge and for a site without a front cache. Off: every page is rendered (what
# the benchmarks of rendering measure).
PAGE_CACHE = env.bool("PAGE_CACHE", default=True)

# --- Files -------------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [
    BASE_DIR / "static",
    # Leaflet (the map) from the xstatic-leaflet package, served as /static/leaflet/...
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
]

MEDIA_URL = env("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")

# AWS_STORAGE_BUCKET_NAME switches uploads (images, documents) to S3-compatible storage;
# django-storages reads the other AWS_* variables (endpoint, region, keys) itself.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_S3_FILE_OVERWRITE = False
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = False
    DEFAULT_FILE_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
else:
    DEFAULT_FILE_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"

STORAGES = {
    "default": {"BACKEND": DEFAULT_FILE_STORAGE_BACKEND},
    # Hashed, compressed names (long cache lifetime) need `collectstatic`; dev and tests
    # serve the source files through the finders instead. STATIC_COMPRESSION=false keeps
    # the hashed names without the gzip and brotli copies, whose making is most of
    # `collectstatic`'s half-minute: for a throwaway server (scripts/with-stack), or a
    # web server in front that compresses.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_COMPRESSION", default=True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

# --- Mail ----------------------------------------------------------------------

# EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587; mail is printed on the
# console when it is unset.
MAILERS = mailers_from_url(env("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Vitrine <vitrine@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Users ---------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# django-axes' backend comes first: it refuses a locked-out login before any password
# is checked (it checks none itself).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- Language and time -------------------------------------------------------

LANGUAGE_CODE = "fr-be"
LANGUAGES = [("fr-be", _("Français"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# "Open now" and "this week" are computed in the city's time zone (see DESIGN.md).
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

# --- Security ------------------------------------------------------------------


def _origin(url):
    """`https://tiles.example.org` for `https://tiles.example.org/{z}/{x}/{y}.png`."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


# Public pages: no inline script or style, nothing from another origin except uploaded
# media on an S3 host and the map tiles of the site's settings (home/map_tiles.py adds them).
EXTRA_IMG_ORIGINS = [origin for origin in [_origin(MEDIA_URL)] if origin]
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *EXTRA_IMG_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Wagtail's admin relies on inline scripts and styles; it is not public and sits behind a
# login, so it gets its own, looser policy (see vitrine/urls.py).
ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:", *EXTRA_IMG_ORIGINS],
    # The page editor shows its live preview in a frame of its own.
    "frame-ancestors": [CSP.SELF],
}
# Geolocation ("Autour de moi") for the site's own pages; what it never uses, for none.
PERMISSIONS_POLICY = {
    "geolocation": ["self"],
    **{
        feature: []
        for feature in [
            "accelerometer",
            "autoplay",
            "browsing-topics",
            "camera",
            "display-capture",
            "encrypted-media",
            "gyroscope",
            "hid",
            "idle-detection",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "screen-wake-lock",
            "serial",
            "usb",
            "xr-spatial-tracking",
        ]
    },
}
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail lifts it for its preview views

# --- Wagtail -------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Vitrine"
# The admin speaks the site's language: every account, a merchant's first login
# included, gets it, and the account settings offer no language without a catalogue.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail's login form with French labels (its password field has none of its own).
WAGTAILADMIN_USER_LOGIN_FORM = "logins.forms.LoginForm"
# The site's public address (scheme, host, port), the one source of every absolute link:
# pages through the default Wagtail Site, which follows it after each `migrate`, and
# everything else through core.site_url. `make run` sets it from ADDR and PORT;
# production must give it (`check --deploy` refuses a local or plain-http address).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Links in Wagtail's own e-mails (moderation notifications).
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_I18N_ENABLED = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Every upload is turned upright and scaled down to IMAGE_UPLOAD_MAX_SIDE pixels on its
# long side (core.image_upload); merchants are asked for the file and its alternative
# text only (offers.image_forms).
WAGTAILIMAGES_IMAGE_FORM_BASE = "offers.image_forms.ImageForm"
IMAGE_UPLOAD_MAX_SIDE = env.int("IMAGE_UPLOAD_MAX_SIDE", default=2400)
# No third-party requests, even from the admin: no Gravatar, no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# A new address is confirmed from its mailbox first (offers.accounts); a system check
# refuses to start with Wagtail's immediate change turned back on.
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Vitrine -------------------------------------------------------------------------

# Behind a reverse proxy, the header holding the visitor's address (HTTP_X_FORWARDED_FOR,
# HTTP_X_REAL_IP...), for the counting beacon's rate limit (insights.visitors); without
# it every visitor shares the proxy's address, and its limit.
INSIGHTS_ADDRESS_HEADER = env("INSIGHTS_ADDRESS_HEADER", default="")

# --- Logins (logins/, README "Logins") -------------------------------------------

# Failed logins, counted by django-axes (logins/throttle.py) over the last
# LOGIN_LOCKOUT_MINUTES: one account from one address is locked after
# LOGIN_FAILURE_LIMIT failures, one address (whatever the accounts) after
# LOGIN_ADDRESS_FAILURE_LIMIT, and, when LOGIN_ACCOUNT_FAILURE_LIMIT is set, one
# account (whatever the addresses) after that many. A lock ends LOGIN_LOCKOUT_MINUTES
# after the last failure; staff lift it sooner ("Connexions bloquées", or axes_reset).
LOGIN_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_ACCOUNT_FAILURE_LIMIT = env.int("LOGIN_ACCOUNT_FAILURE_LIMIT", default=0)
LOGIN_LOCKOUT_MINUTES = env.int("LOGIN_LOCKOUT_MINUTES", default=15)

AXES_ENABLED = env.bool("LOGIN_THROTTLE", default=True)
AXES_HANDLER = "logins.throttle.LoginThrottleHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"] + (
    ["username"] if LOGIN_ACCOUNT_FAILURE_LIMIT else []
)
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_USERNAME_CALLABLE = "logins.throttle.username_key"
AXES_CLIENT_IP_CALLABLE = "core.addresses.client_address"
AXES_LOCKOUT_CALLABLE = "logins.views.locked_out"
# A success must not wipe the count: it would wipe the address's count too, so anyone
# with an account of their own could guess another's password without end.
AXES_RESET_ON_SUCCESS = False
# No log of successful logins (addresses kept for ever); failures go after a lock ends.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False  # django.contrib.admin is not installed; see logins' admin view

# Two-factor authentication (django-otp, TOTP): anyone may turn it on in their account;
# with STAFF_REQUIRE_2FA, staff cannot reach the admin before they have.
STAFF_REQUIRE_2FA = env.bool("STAFF_REQUIRE_2FA", default=False)
# The name authenticator apps show beside the account.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Vitrine")

# Where the "Itinéraire" link sends a resident; {lat} and {lon} are the shop's position.
DIRECTIONS_URL = env(
    "DIRECTIONS_URL",
    default="https://www.openstreetmap.org/directions?route=%3B{lat}%2C{lon}#map=17/{lat}/{lon}",
)
