import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from wagtail.models import Site


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests,
    so cached navigation or renditions from another test would be stale."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def log_in():
    """Log in through Wagtail's login form, as a person does (and through the failed-login
    throttle, which `client.login()` skips: it raises for want of a request).
    `log_in(client, username, password)` returns the response: a redirect on success."""

    def log_in(client, username, password, address="127.0.0.1", **headers):
        return client.post(
            reverse("wagtailadmin_login"),
            {"username": username, "password": password},
            REMOTE_ADDR=address,
            **headers,
        )

    return log_in


@pytest.fixture(scope="module")
def _demo_for_this_module(django_db_setup, django_db_blocker):
    """The demo, seeded once per test module (seeding takes seconds) inside a
    transaction rolled back after the module's last test. Each test still runs in a
    savepoint of its own, so what one test changes the next does not see; but a test of
    the module that comes after the first `demo_site` user sees the demo too."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo_site(_demo_for_this_module, db):
    """The demo content, as `make run` shows it; returns the default Site."""
    return Site.objects.get(is_default_site=True)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE']} ({database['NAME']})"
