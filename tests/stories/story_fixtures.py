"""Fixtures of the stories tests: a frozen clock and a site with /histoires/. Imported by
name by the modules that use them."""

from datetime import datetime

import pytest

from core.clock import BRUSSELS
from tests.factories import HomePageFactory, StoriesPageFactory

# A Tuesday morning in Brussels.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)
ALL_WEEK = [(day, "09:00", "18:00") for day in range(7)]


@pytest.fixture(name="now")
def now_fixture(monkeypatch):
    """Freeze the clock at NOW (Brussels): "today" is Tuesday 24 November 2026."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return NOW


@pytest.fixture(name="stories_index")
def stories_index_fixture(db):
    """A home page as the default site's root, with the stories at /histoires/."""
    home = HomePageFactory()
    return StoriesPageFactory(parent=home, slug="histoires")
