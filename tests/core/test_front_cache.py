"""What a front cache may keep (core.front_cache): an anonymous page, no longer than its
truth (its shops' next opening or closing, midnight, the ceiling), with the keys that
purge it; nothing of a logged-in visitor, of a request with a cookie, of a response that
sets one, of a preview. And the purges (core.caching.purge): sent once the change
commits, in one request, never failing the change."""

import logging
import re
from datetime import datetime

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from core import caching, front_cache
from core.clock import BRUSSELS
from directory.models import OpeningHours
from tests.factories import (
    DirectoryPageFactory,
    HomePageFactory,
    ShopPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

WEEKDAYS = [(day, "09:00", "12:30") for day in range(5)]
LATE_OPENER = [(day, "11:00", "19:00") for day in range(5)]


@pytest.fixture
def home():
    return HomePageFactory()


@pytest.fixture
def text_page(home):
    return StandardPageFactory(parent=home, title="À propos", slug="a-propos")


@pytest.fixture
def directory(home):
    return DirectoryPageFactory(parent=home, slug="commerces")


@pytest.fixture
def bakery(directory):
    return ShopPageFactory(parent=directory, title="Boulangerie", hours=WEEKDAYS)


def s_maxage(response):
    found = re.search(r"s-maxage=(\d+)", response["Cache-Control"])
    return int(found.group(1)) if found else None


def keys(response):
    return set(response.get("Surrogate-Key", "").split())


def is_private(response):
    control = response["Cache-Control"]
    return "private" in control and "no-store" in control and "Surrogate-Key" not in response


def test_an_anonymous_page_is_public_for_shared_caches_only(client, clock, text_page):
    response = client.get(text_page.url)
    control = response["Cache-Control"]
    assert "public" in control
    # Browsers ask again each time: a purge could not reach them.
    assert "max-age=0" in control.replace("s-maxage", "")
    assert s_maxage(response) > 0


def test_a_page_is_kept_no_later_than_midnight(client, clock, settings, text_page):
    settings.FRONT_CACHE_MAX_AGE = 86_400
    clock(datetime(2026, 11, 24, 23, 50, tzinfo=BRUSSELS))
    assert s_maxage(client.get(text_page.url)) == 10 * 60


def test_the_ceiling_bounds_a_page_that_nothing_else_would(client, clock, settings, text_page):
    settings.FRONT_CACHE_MAX_AGE = 120
    assert s_maxage(client.get(text_page.url)) == 120


def test_a_shop_page_is_kept_until_the_shop_closes(client, clock, settings, bakery):
    settings.FRONT_CACHE_MAX_AGE = 86_400
    clock(datetime(2026, 11, 24, 12, 0, tzinfo=BRUSSELS))  # closes at 12:30
    assert s_maxage(client.get(bakery.url)) == 30 * 60
    # Served again by the page cache (core.page_cache): the same bound.
    clock(datetime(2026, 11, 24, 12, 10, tzinfo=BRUSSELS))
    assert s_maxage(client.get(bakery.url)) == 20 * 60


def test_a_shop_page_is_kept_until_a_neighbour_opens(client, clock, settings, directory, bakery):
    settings.FRONT_CACHE_MAX_AGE = 86_400
    ShopPageFactory(parent=directory, title="Voisin", hours=LATE_OPENER)
    clock(datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS))
    assert s_maxage(client.get(bakery.url)) == 60 * 60  # the neighbour opens at 11:00


def test_open_now_is_kept_until_any_shop_of_the_town_opens(client, clock, settings, bakery):
    settings.FRONT_CACHE_MAX_AGE = 86_400
    late = ShopPageFactory(parent=bakery.get_parent(), title="Tardif", hours=LATE_OPENER)
    clock(datetime(2026, 11, 24, 10, 0, tzinfo=BRUSSELS))
    response = client.get("/commerces/?ouvert=maintenant")
    assert late.title not in response.content.decode()  # closed: not on the page
    assert s_maxage(response) == 60 * 60  # ...but it opens at 11:00, and joins the list


def test_a_shop_page_carries_the_keys_of_what_it_shows(client, clock, directory, bakery):
    neighbour = ShopPageFactory(parent=directory, title="Voisin", hours=LATE_OPENER)
    shown = keys(client.get(bakery.url))
    assert {
        front_cache.SITE,
        front_cache.page_key(bakery),
        front_cache.tree_key(directory.path),  # its breadcrumb and address
        front_cache.NEARBY,
        front_cache.page_key(neighbour),
    } <= shown


def test_the_directory_carries_its_cards_and_its_list(client, clock, directory, bakery):
    shown = keys(client.get("/commerces/"))
    assert {front_cache.DIRECTORY, front_cache.page_key(bakery)} <= shown


def test_a_missing_page_is_purged_when_any_page_changes(client, clock, home):
    response = client.get("/pas-encore/")
    assert response.status_code == 404
    assert front_cache.MISSING in keys(response)


def test_a_logged_in_visitors_page_is_private(client, clock, admin_user, text_page):
    client.force_login(admin_user)
    assert is_private(client.get(text_page.url))


def test_a_request_with_a_cookie_gets_a_private_page(client, clock, text_page):
    client.cookies["n-importe-quoi"] = "1"
    assert is_private(client.get(text_page.url))


def test_a_response_setting_a_cookie_is_private(client, clock, text_page):
    # A page with a password: its form sets the CSRF cookie.
    PageViewRestriction.objects.create(
        page=text_page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get(text_page.url)
    assert response.cookies
    assert is_private(response)


def test_a_preview_is_private(clock):
    request = RequestFactory().get("/")
    request.is_preview = True
    response = HttpResponse()
    front_cache.cache_control(request, response, front_cache.Shown(), datetime.now(BRUSSELS))
    assert is_private(response)


def test_a_view_that_chose_its_own_cache_control_keeps_it(client, clock, home):
    response = client.post("/frequentation/compter/", "{}", content_type="text/plain")
    # never_cache's, untouched.
    assert "must-revalidate" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]
    assert "Surrogate-Key" not in response


# --- Purges --------------------------------------------------------------------------


def test_a_change_is_purged_once_it_commits_in_one_request(purges, bakery):
    def change():
        bakery.title = "Boulangerie du coin"
        bakery.save_revision().publish()
        OpeningHours.objects.create(shop=bakery, weekday=5, opens="09:00", closes="12:00")
        assert purges.requests == []  # not before the commit

    purged = purges.after(change)
    assert len(purges.requests) == 1
    assert {front_cache.page_key(bakery), front_cache.DIRECTORY} <= purged


def test_an_unreachable_front_cache_is_logged_and_the_change_kept(
    settings, caplog, django_capture_on_commit_callbacks, bakery
):
    settings.FRONT_CACHE_PURGE_URLS = ["http://127.0.0.1:9/"]  # the discard port: refused
    caching.start_new_batch()
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        bakery.title = "Boulangerie du coin"
        bakery.save_revision().publish()
    bakery.refresh_from_db()
    assert bakery.title == "Boulangerie du coin"
    assert "not purged" in caplog.text


def test_a_new_redirect_purges_the_not_found_answer_it_replaces(client, clock, purges, home):
    from wagtail.contrib.redirects.models import Redirect

    missing = client.get("/ancienne-adresse/")
    assert missing.status_code == 404
    purged = purges.after(
        lambda: Redirect.objects.create(old_path="/ancienne-adresse", redirect_link="/")
    )
    assert keys(missing) & purged
    moved = client.get("/ancienne-adresse/")
    assert moved.status_code == 301
    # ...and the redirect's answer goes when it changes.
    assert front_cache.MISSING in keys(moved)
