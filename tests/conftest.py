import io

import pytest
from django.core.management import call_command
from wagtail.models import Site


@pytest.fixture
def demo_site(db):
    """The demo content, as `make run` shows it; returns the default Site."""
    call_command("seed_demo", force=True, stdout=io.StringIO())
    return Site.objects.get(is_default_site=True)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE']} ({database['NAME']})"
