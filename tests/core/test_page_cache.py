"""Django's own page cache (core.page_cache): a page asked for again is served without a
query, with the front cache's headers, while it is true; never to or from a visitor with
a cookie, a login, a preview or a form; never past a purge of what it shows, its
lifetime, or a clock set back; never kept when it may show rows from before a purge."""

import gzip
import re
import time
from datetime import datetime

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from core import caching, front_cache, page_cache
from core.clock import BRUSSELS
from home.models import SiteSettings
from insights.models import InsightsSettings
from tests.factories import (
    DirectoryPageFactory,
    HomePageFactory,
    ShopPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

WEEKDAYS = [(day, "09:00", "12:30") for day in range(5)]


@pytest.fixture
def home():
    home = HomePageFactory()
    # Made at the first page's rendering otherwise, which purges every page (and keeps
    # that first page from being kept).
    site = Site.objects.get(is_default_site=True)
    SiteSettings.for_site(site)
    InsightsSettings.for_site(site)
    return home


@pytest.fixture
def text_page(home):
    return StandardPageFactory(parent=home, title="À propos", slug="a-propos")


@pytest.fixture
def bakery(home):
    directory = DirectoryPageFactory(parent=home, slug="commerces")
    return ShopPageFactory(parent=directory, title="Boulangerie Dupont", hours=WEEKDAYS)


def get(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    response.queries = len(queries)
    return response


def served_from_cache(response):
    # The view ran and rendered a template (the test client records it), or it did not.
    return response.context is None and response.queries == 0


def test_a_page_asked_again_is_served_without_a_query(client, clock, bakery):
    first = get(client, bakery.url)
    again = get(client, bakery.url)
    assert not served_from_cache(first)
    assert served_from_cache(again)
    assert again.content == first.content
    assert again.status_code == 200
    # The front cache's headers, worked out again from what the page showed.
    assert again["Surrogate-Key"] == first["Surrogate-Key"]
    assert "s-maxage" in again["Cache-Control"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["X-Frame-Options"] == first["X-Frame-Options"]
    assert again.cookies == {}


def test_a_publication_shows_at_the_next_visit(client, clock, bakery):
    get(client, bakery.url)
    bakery.title = "Boulangerie Dupont et fils"
    bakery.save_revision().publish()
    response = get(client, bakery.url)
    assert not served_from_cache(response)
    assert "Boulangerie Dupont et fils" in response.content.decode()


def test_hours_changed_show_at_the_next_visit(client, clock, bakery):
    assert "Ouvert" in get(client, bakery.url).content.decode()
    bakery.opening_hours.all().delete()
    response = get(client, bakery.url)
    assert not served_from_cache(response)
    assert "Ouvert" not in response.content.decode()


def test_the_kept_page_ends_with_its_lifetime(client, clock, bakery):
    clock(datetime(2026, 11, 24, 12, 29, 59, tzinfo=BRUSSELS))
    assert "ferme à 12:30" in get(client, bakery.url).content.decode()
    assert served_from_cache(get(client, bakery.url))
    clock(datetime(2026, 11, 24, 12, 30, tzinfo=BRUSSELS))  # the bakery closes
    response = get(client, bakery.url)
    assert not served_from_cache(response)
    assert "ferme à 12:30" not in response.content.decode()


def test_a_clock_set_back_renders_again(client, clock, text_page):
    get(client, text_page.url)
    clock(datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS))
    assert not served_from_cache(get(client, text_page.url))


def test_a_page_rendered_while_purged_is_not_kept(client, clock, text_page):
    # A purge of what every page shows, from another server, while this one renders.
    cache.set(page_cache.version_key(front_cache.SITE), page_cache.next_purge() + 1, timeout=None)
    get(client, text_page.url)
    assert not served_from_cache(get(client, text_page.url))


def test_a_change_purged_before_its_commit_drops_what_was_kept_in_between(
    client, clock, text_page, django_capture_on_commit_callbacks
):
    caching.start_new_batch()
    get(client, text_page.url)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        text_page.title = "Qui sommes-nous"
        text_page.save_revision().publish()
        # Another process renders the old page after the purge made at the save, before
        # the commit, and keeps it with the versions of then.
        get(client, text_page.url)
        assert served_from_cache(get(client, text_page.url))
    # The commit purged again.
    response = get(client, text_page.url)
    assert not served_from_cache(response)
    assert "Qui sommes-nous" in response.content.decode()


def test_a_version_the_cache_dropped_renders_again(client, clock, text_page):
    get(client, text_page.url)
    cache.delete(page_cache.version_key(front_cache.SITE))
    assert not served_from_cache(get(client, text_page.url))


@pytest.mark.parametrize(
    "visitor",
    ["cookie", "logged in", "post", "page cache off"],
)
def test_nothing_is_served_or_kept_for_a_visitor_of_their_own(
    client, clock, text_page, visitor, django_user_model, settings
):
    def visit():
        if visitor == "post":
            return client.post(text_page.url)
        return get(client, text_page.url)

    if visitor == "cookie":
        client.cookies["choix"] = "1"
    elif visitor == "logged in":
        client.force_login(django_user_model.objects.create_superuser("a", "a@x.be", "pw"))
    elif visitor == "page cache off":
        settings.PAGE_CACHE = False
    visit()
    if visitor == "post":
        assert not served_from_cache(get(client, text_page.url))
    else:
        assert not served_from_cache(visit())
        client.cookies.clear()
        client.logout()
        settings.PAGE_CACHE = True
        # What they were shown was not kept for the others either.
        assert not served_from_cache(get(client, text_page.url))


def test_a_page_served_to_a_visitor_with_a_cookie_is_not_from_the_cache(client, clock, text_page):
    get(client, text_page.url)
    client.cookies["sessionid"] = "x"
    assert not served_from_cache(get(client, text_page.url))


def test_compressed_and_plain_pages_are_kept_apart(client, clock, text_page):
    get(client, text_page.url, accept_encoding="gzip")
    plain = get(client, text_page.url)
    assert not served_from_cache(plain)
    assert "Content-Encoding" not in plain
    compressed = get(client, text_page.url, accept_encoding="gzip, deflate")
    assert served_from_cache(compressed)
    assert compressed["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed.content) == plain.content


def test_a_missing_page_is_kept_until_a_page_fills_it(client, clock, home):
    assert get(client, "/nouveautes/").status_code == 404
    missing = get(client, "/nouveautes/")
    assert missing.status_code == 404
    assert served_from_cache(missing)
    StandardPageFactory(parent=home, title="Nouveautés", slug="nouveautes")
    assert get(client, "/nouveautes/").status_code == 200


def test_a_query_string_is_a_page_of_its_own(client, clock, bakery):
    get(client, "/commerces/?q=boulangerie")
    other = get(client, "/commerces/?q=fleuriste")
    assert not served_from_cache(other)
    assert served_from_cache(get(client, "/commerces/?q=boulangerie"))


def test_a_large_response_is_not_kept(client, clock, text_page, monkeypatch):
    monkeypatch.setattr(page_cache, "MAX_BYTES", 100)
    get(client, text_page.url)
    assert not served_from_cache(get(client, text_page.url))


def test_an_entry_lives_no_longer_than_the_cache_keeps_the_sites_entries(
    client, clock, text_page, monkeypatch
):
    get(client, text_page.url)
    later = time.time() + caching.STALE_AFTER + 1
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    assert not served_from_cache(get(client, text_page.url))


def test_a_page_that_sets_a_cookie_is_not_kept(client, clock, home):
    # The login form sets the CSRF cookie it needs.
    get(client, "/admin/login/")
    response = get(client, "/admin/login/")
    assert not served_from_cache(response)
    assert re.search(r"private|no-cache|no-store", response["Cache-Control"])


def test_a_cache_that_keeps_nothing_renders_every_page(client, clock, text_page, settings):
    # As bench/throughput.py's third server (CACHE_URL=dummycache://).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    first = get(client, text_page.url)
    text_page.save_revision().publish()  # a purge, with nowhere to keep its versions
    assert first.status_code == 200
    assert not served_from_cache(get(client, text_page.url))
