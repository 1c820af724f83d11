"""A page asked for again is served from what the first request kept: no entry of the
site's caches (core.caching and the kept shop pages and cards, all under "vitrine:") is
built again. An entry rebuilt on every request -- a value the cache never keeps, a key
that changes each time -- costs no extra query once the rows are in memory, so the query
budgets would not see it; it shows here."""

import pytest
from django.core.cache import cache

from insights.models import InsightsSettings

pytestmark = pytest.mark.django_db

SITE_PREFIX = "vitrine:"


@pytest.fixture
def written_keys(monkeypatch):
    """The site's cache keys written from now on (set, set_many, add), in order."""
    written = []

    def spy(name):
        original = getattr(cache, name)

        def write(key_or_mapping, *args, **kwargs):
            keys = key_or_mapping if isinstance(key_or_mapping, dict) else [key_or_mapping]
            written.extend(key for key in keys if key.startswith(SITE_PREFIX))
            return original(key_or_mapping, *args, **kwargs)

        monkeypatch.setattr(cache, name, write)

    for name in ("set", "set_many", "add"):
        spy(name)
    return written


@pytest.mark.parametrize(
    "url",
    [
        "/a-propos/",
        "/",
        "/commerces/",
        "/commerces/?q=pain",
        "/commerces/boulangerie-du-beffroi/",
        "/offres/",
        "/histoires/",
    ],
)
def test_a_page_asked_for_again_builds_no_cache_entry(demo_site, client, written_keys, url):
    # As on a site that has served a page before: the first read of the counting
    # setting creates its row, and saving it drops the kept shop pages (whether they
    # carry the counting script), cards built earlier in that request included.
    InsightsSettings.for_site(demo_site)
    written_keys.clear()
    assert client.get(url).status_code == 200
    assert written_keys, "the first request keeps what it built"
    written_keys.clear()
    assert client.get(url).status_code == 200
    assert written_keys == []
