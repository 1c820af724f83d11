import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: the database is rolled back between tests,
    so cached navigation or renditions from another test would be stale."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_site(db):
    """The demo content, as `make run` shows it; returns the default Site."""
    call_command("seed_demo", force=True, stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE']} ({database['NAME']})"
