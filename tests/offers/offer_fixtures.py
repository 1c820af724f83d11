"""Fixtures of the public offers tests (the feed, offer pages, RSS): a frozen clock and
a site with its /offres/ feed. Imported by name by the modules that use them."""

from datetime import datetime

import pytest

from core.clock import BRUSSELS
from tests.factories import HomePageFactory, OffersPageFactory

# A Tuesday morning in Brussels; the coming Sunday is 2026-11-29.
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS)


@pytest.fixture(name="now")
def now_fixture(monkeypatch):
    """Freeze the clock at NOW (Brussels): "today" is Tuesday 24 November 2026."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return NOW


@pytest.fixture(name="offers_site")
def offers_site_fixture(db):
    """A home page as the default site's root, with the offers feed at /offres/."""
    home = HomePageFactory()
    return OffersPageFactory(parent=home, slug="offres")
