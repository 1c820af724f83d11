"""Settings of the server and commands that test_concurrent_writers starts: the test
settings, with every error's traceback in the server's log, which a failure shows."""

from vitrine.settings.test import *  # noqa: F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
