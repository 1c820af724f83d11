"""The shop page's cached details and rendered page (directory.shop_cache): fewer
queries once warm, and never stale: what depends on the moment follows the clock, and a
change shows at the next visit."""

import re
import time as pytime
from datetime import datetime, time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from core.caching import STALE_AFTER
from core.clock import BRUSSELS
from directory.models import OpeningHours
from directory.shop_cache import GENERATION_KEY, forget_shop_pages
from tests.factories import OfferPageFactory, ShopPageFactory, StoryPageFactory
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db

TUESDAY_LUNCH = datetime(2026, 11, 24, 12, 45, tzinfo=BRUSSELS)
WEDNESDAY_MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=BRUSSELS)
WEEKDAYS_WITH_LUNCH_BREAK = [
    *((day, "09:00", "12:30") for day in range(5)),
    *((day, "13:30", "18:30") for day in range(5)),
]


@pytest.fixture
def bakery():
    return ShopPageFactory(title="Boulangerie Dupont", hours=WEEKDAYS_WITH_LUNCH_BREAK)


def page_of(client, shop):
    response = client.get(shop.url)
    assert response.status_code == 200
    return response.content.decode()


def text_of(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def queries_of(client, url):
    with counted_rendering() as context:
        assert client.get(url).status_code == 200
    return len([query for query in context if "SAVEPOINT" not in query["sql"]])


def test_a_warm_shop_page_loads_none_of_its_details_again(client, clock, bakery):
    ShopPageFactory(title="Voisin", hours=WEEKDAYS_WITH_LUNCH_BREAK)
    client.get(bakery.url)  # warms every cache
    forget_shop_pages()
    cold = queries_of(client, bakery.url)
    warm = queries_of(client, bakery.url)
    assert cold <= 15
    # Details, services, photos, hours, special hours and the nearest shops.
    assert warm <= cold - 6


def test_open_or_closed_follows_the_clock_with_a_warm_cache(client, clock, bakery):
    assert "Ouvert · ferme à 12:30" in text_of(page_of(client, bakery))
    clock(TUESDAY_LUNCH)
    assert "Fermé · ouvre à 13:30" in text_of(page_of(client, bakery))


def test_today_moves_in_the_week_with_a_warm_cache(client, clock, bakery):
    today = re.compile(r'aria-current="date">\s*<th scope="row">(\w+)')
    assert today.findall(page_of(client, bakery)) == ["Mardi"]
    clock(WEDNESDAY_MORNING)
    assert today.findall(page_of(client, bakery)) == ["Mercredi"]


def test_published_hours_show_at_the_next_visit(client, clock, bakery):
    page_of(client, bakery)
    bakery.opening_hours = [OpeningHours(weekday=1, opens=time(7), closes=time(11))]
    bakery.save_revision().publish()
    assert "07:00–11:00" in page_of(client, bakery)


def test_a_shop_opened_next_door_is_nearby_at_the_next_visit(client, clock, bakery):
    page_of(client, bakery)
    ShopPageFactory(title="Fleuriste d'à côté")
    assert "Fleuriste d&#x27;à côté" in page_of(client, bakery)


def test_a_neighbour_unpublished_leaves_at_the_next_visit(client, clock, bakery):
    neighbour = ShopPageFactory(title="Fleuriste d'à côté")
    page_of(client, bakery)
    neighbour.unpublish()
    assert "Fleuriste" not in page_of(client, bakery)


def test_a_renamed_category_shows_at_the_next_visit(client, clock, bakery):
    page_of(client, bakery)
    bakery.category.name = "Boulangerie-pâtisserie"
    bakery.category.save()
    assert "Boulangerie-pâtisserie" in page_of(client, bakery)


def test_a_change_made_elsewhere_shows_once_the_cache_is_stale(client, clock, bakery, monkeypatch):
    page_of(client, bakery)  # makes the site's settings, which drops what it kept
    page_of(client, bakery)
    # An update without signals, as another process's change looks to this one.
    OpeningHours.objects.filter(shop=bakery, weekday=1).update(opens=time(8))
    assert "08:00–12:30" not in page_of(client, bakery)
    later = pytime.time() + STALE_AFTER + 1
    monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: later)
    assert "08:00–12:30" in page_of(client, bakery)


# --- The rendered page ----------------------------------------------------------------


def test_a_return_visit_gets_the_page_as_rendered_without_a_query(client, clock, bakery):
    page_of(client, bakery)  # makes the site's settings, which drops what it kept
    first = page_of(client, bakery)
    with CaptureQueriesContext(connection) as context:
        again = page_of(client, bakery)
    assert again == first
    # Served whole by the page cache (core.page_cache): not even routing.
    assert len(context) == 0


def test_the_kept_page_ends_when_a_neighbour_closes(client, clock, bakery):
    ShopPageFactory(title="Voisin matinal", hours=[(1, "07:00", "10:30")])
    clock(datetime(2026, 11, 24, 10, 29, tzinfo=BRUSSELS))
    assert "Ouvert · ferme à 10:30" in text_of(page_of(client, bakery))
    clock(datetime(2026, 11, 24, 10, 30, tzinfo=BRUSSELS))
    html = text_of(page_of(client, bakery))
    assert "Voisin matinal" in html
    assert "Ouvert · ferme à 10:30" not in html
    assert "Ouvert · ferme à 12:30" in html  # the bakery itself


def test_the_kept_page_ends_at_midnight(client, clock, bakery):
    today = re.compile(r'aria-current="date">\s*<th scope="row">(\w+)')
    clock(datetime(2026, 11, 24, 23, 59, 30, tzinfo=BRUSSELS))
    assert today.findall(page_of(client, bakery)) == ["Mardi"]
    clock(datetime(2026, 11, 25, 0, 0, tzinfo=BRUSSELS))
    assert today.findall(page_of(client, bakery)) == ["Mercredi"]


def test_an_offer_posted_elsewhere_shows_at_the_next_visit(client, bakery):
    page_of(client, bakery)
    generation = cache.get(GENERATION_KEY)
    OfferPageFactory(parent=bakery, title="Croissants à moitié prix")
    # As another process sees it: its signals dropped nothing here.
    cache.set(GENERATION_KEY, generation, timeout=None)
    assert "Croissants à moitié prix" in page_of(client, bakery)


def test_a_story_published_about_the_shop_shows_at_the_next_visit(client, clock, bakery):
    page_of(client, bakery)
    StoryPageFactory(title="Le pain de Monsieur Dupont", featured_shops=[bakery])
    assert "Le pain de Monsieur Dupont" in page_of(client, bakery)


def test_a_shop_made_private_is_not_served_from_the_kept_page(client, clock, bakery):
    page_of(client, bakery)
    PageViewRestriction.objects.create(page=bakery, restriction_type="password", password="x")
    response = client.get(bakery.url)
    # Wagtail's password form, not the page.
    assert response.status_code == 200
    assert 'type="password"' in response.content.decode()
    assert "Ouvert · ferme" not in text_of(response.content.decode())


def test_an_unpublished_shop_is_not_served_from_the_kept_page(client, clock, bakery):
    page_of(client, bakery)
    bakery.unpublish()
    assert client.get(bakery.url).status_code == 404


@pytest.mark.parametrize("visitor", ["editor", "query string"])
def test_editors_and_query_strings_get_the_page_rendered_for_them(
    client, clock, bakery, visitor, django_user_model
):
    page_of(client, bakery)
    url = bakery.url
    if visitor == "editor":
        user = django_user_model.objects.create_superuser("admin", "admin@example.org", "pw")
        client.force_login(user)
    else:
        url += "?utm_source=lettre"
    response = client.get(url)
    assert response.status_code == 200
    assert response.context is not None  # rendered, not the kept page
    if visitor == "editor":
        assert "wagtail-userbar" in response.content.decode()
