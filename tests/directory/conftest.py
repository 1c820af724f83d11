from datetime import datetime

import pytest

from core.clock import BRUSSELS

# 2026-11-24 is a Tuesday.
TUESDAY_MORNING = datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture
def clock(monkeypatch):
    """Sets the time the site sees, Tuesday 24 November 2026 at 10:00 until the test
    calls clock(another_moment)."""

    def set_to(moment):
        monkeypatch.setattr("django.utils.timezone.now", lambda: moment)

    set_to(TUESDAY_MORNING)
    return set_to


@pytest.fixture
def directory():
    """A site's home page with the shop directory under it, at /commerces/."""
    from tests.factories import DirectoryPageFactory, HomePageFactory

    return DirectoryPageFactory(parent=HomePageFactory(), slug="commerces")
