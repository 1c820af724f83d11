"""A resident's journey through the directory, in a real browser: search, filter,
open a shop, get directions; the map agrees with the list."""

import re

import pytest
from playwright.sync_api import expect

from home.models import SiteSettings
from tests.browser.conftest import foreign_requests
from tests.factories import CategoryFactory, DistrictFactory, ShopPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ALWAYS_OPEN = [(day, "00:00", "00:00") for day in range(7)]


@pytest.fixture
def town(live_server):
    bakery = CategoryFactory(name="Boulangerie", slug="boulangerie")
    florist = CategoryFactory(name="Fleuriste", slug="fleuriste")
    centre = DistrictFactory(name="Centre", slug="centre", latitude=50.4669, longitude=4.8675)
    gare = DistrictFactory(name="Gare", slug="gare", latitude=50.4710, longitude=4.8600)
    ShopPageFactory(
        title="Boulangerie du Centre",
        category=bakery,
        district=centre,
        latitude=50.4671,
        longitude=4.8679,
        hours=ALWAYS_OPEN,
    )
    ShopPageFactory(
        title="Boulangerie Fermée",
        category=bakery,
        district=centre,
        latitude=50.4665,
        longitude=4.8670,
        hours=[],
    )
    ShopPageFactory(
        title="Boulangerie de la Gare",
        category=bakery,
        district=gare,
        latitude=50.4712,
        longitude=4.8602,
        hours=ALWAYS_OPEN,
    )
    ShopPageFactory(
        title="Fleurs du Centre",
        category=florist,
        district=centre,
        latitude=50.4668,
        longitude=4.8690,
        hours=ALWAYS_OPEN,
    )
    # Tiles from the test server itself: tests never fetch real tiles.
    settings = SiteSettings.objects.get_or_create(site_id=1)[0]
    settings.map_tile_url = f"{live_server.url}/static/leaflet/images/layers.png?{{z}}/{{x}}/{{y}}"
    settings.save()


def test_search_open_now_in_a_district_then_directions(town, page, live_server):
    page.goto("/commerces/")
    page.get_by_label("Quel commerce cherchez-vous ?").fill("boulangerie")
    page.get_by_role("button", name="Rechercher").click()
    expect(page).to_have_url(re.compile(r"q=boulangerie"))
    # On a phone the filters are folded into « Filtrer »; each change applies at once.
    page.locator("summary", has_text="Filtrer").click()
    page.get_by_label("Ouvert maintenant").check()
    expect(page).to_have_url(re.compile(r"q=boulangerie.*ouvert=maintenant"))
    page.locator("summary", has_text="Filtrer").click()
    page.get_by_label("Quartier").select_option("centre")

    expect(page).to_have_url(re.compile(r"q=boulangerie.*quartier=centre.*ouvert=maintenant"))
    results = page.locator(".shop-list .shop-card__title")
    expect(results).to_have_text(["Boulangerie du Centre"])

    # The map shows the same shops as the list.
    map_element = page.locator("#directory-map")
    expect(map_element).to_be_visible()
    expect(map_element).to_have_attribute("data-features", "1")

    page.get_by_role("link", name="Boulangerie du Centre").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Boulangerie du Centre")
    directions = page.get_by_role("link", name="Itinéraire", exact=True)
    expect(directions).to_have_attribute("href", re.compile(r"50\.467100.*4\.867900"))
    assert foreign_requests(page.requested_urls, live_server) == []


def test_map_and_list_agree_without_filters(town, page):
    page.goto("/commerces/")
    cards = page.locator(".shop-list .shop-card__title")
    expect(cards).to_have_count(4)
    expect(page.locator("#directory-map")).to_have_attribute("data-features", "4")


def test_directory_works_without_javascript(town, browser, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    tab = context.new_page()
    tab.goto("/commerces/")
    tab.get_by_label("Quel commerce cherchez-vous ?").fill("fleurs")
    tab.get_by_role("button", name="Rechercher").click()
    expect(tab.locator(".shop-list .shop-card__title")).to_have_text(["Fleurs du Centre"])
    expect(tab.locator("#directory-map")).to_be_hidden()
    context.close()


def test_directory_and_shop_pages_have_no_wcag_violation(town, accessibility_violations):
    assert accessibility_violations("/commerces/?q=boul&ouvert=maintenant") == []
    assert accessibility_violations("/commerces/?q=zzz") == []
    assert accessibility_violations("/commerces/boulangerie-du-centre/") == []
