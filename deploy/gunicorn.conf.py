"""gunicorn's configuration for an app server of Vitrine: `gunicorn -c deploy/gunicorn.conf.py`
(deploy/systemd/vitrine.service, scripts/with-stack). The environment overrides the
address and the number of workers; the site's own settings come from the environment too
(README, "Production")."""

import multiprocessing
import os

wsgi_app = "vitrine.wsgi"
# Behind the front cache on the same machine, or on a private network: never public.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
# Sync workers: each request is short (a page renders in tens of milliseconds, the
# front cache serves the rest), and a worker per request keeps the database connections
# simple. Twice the cores plus one, the usual rule, unless told.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# The application is imported once and the workers fork from it: faster starts, shared
# memory.
preload_app = True
# A request that takes longer is a bug or an attack; its worker is replaced.
timeout = 30
graceful_timeout = 30
# Workers are replaced now and then, so a slow leak never grows.
max_requests = 5000
max_requests_jitter = 500
# The front cache's address: gunicorn trusts its X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
