"""A resident reads about the Sunday opening on a phone: the operation's page lists and
maps its shops, « Qui est ouvert dimanche ? » answers, and the operations' pages pass
axe-core's WCAG 2.1 AA checks, set no cookie and ask nothing of another site."""

from datetime import date

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from home.models import SiteSettings
from tests.browser.conftest import foreign_requests
from tests.factories import (
    ALL_WEEK,
    DirectoryPageFactory,
    HomePageFactory,
    ImageFactory,
    OfferPageFactory,
    OperationPageFactory,
    OperationsPageFactory,
    ShopPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def operation(live_server, clock):
    home = HomePageFactory()
    DirectoryPageFactory(parent=home, slug="commerces")
    OperationsPageFactory(parent=home, intro="<p>Les rendez-vous du commerce.</p>")
    florist = ShopPageFactory(
        title="Fleurs de la Place", latitude=50.4670, longitude=4.8680, hours=ALL_WEEK
    )
    OfferPageFactory(parent=florist, title="Bouquet de saison")
    bikes = ShopPageFactory(
        title="Cycles du Pont",
        latitude=50.4660,
        longitude=4.8690,
        hours=[(day, "09:00", "18:00") for day in range(6)],
    )
    # Tiles from the live server itself (they answer 404): the test never leaves it.
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "city_name": "Vilvèze",
            "map_tile_url": f"{live_server.url}/tuiles/{{z}}/{{x}}/{{y}}.png",
        },
    )
    return OperationPageFactory(
        title="Dimanche shopping",
        slug="dimanche-shopping",
        days=[(date(2026, 11, 29), "10:00", "18:00")],
        image=ImageFactory(),
        image_alt="La rue commerçante illuminée",
        partners=[{"name": "Association des commerçants", "url": "https://asso.example"}],
        shops=[florist, bikes],
    )


def test_resident_finds_the_shops_of_the_sunday_opening_in_the_list_and_on_the_map(
    page, operation, live_server
):
    page.goto(operation.url)
    shops = page.get_by_role("region", name="Les commerces ouverts le dimanche 29 novembre")
    expect(shops.get_by_role("link", name="Fleurs de la Place", exact=True)).to_be_visible()
    expect(shops.get_by_text("Ouvert ce jour-là : 10:00–18:00")).to_have_count(2)
    expect(page.locator("#shops-map .leaflet-interactive")).to_have_count(2)
    marker = page.locator("#shops-map").get_by_role("button", name="Cycles du Pont")
    marker.focus()
    page.keyboard.press("Enter")
    page.get_by_role("link", name="Cycles du Pont").last.click()
    expect(page).to_have_url(f"{live_server.url}/commerces/cycles-du-pont/")
    assert foreign_requests(page.requested_urls, live_server) == []
    assert page.context.cookies() == []


def test_resident_asks_who_is_open_on_sunday_from_the_home_page(page, operation, live_server):
    page.goto("/")
    page.get_by_role("link", name="Qui est ouvert dimanche ?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Qui est ouvert dimanche ?")
    expect(page.get_by_role("link", name="Dimanche shopping")).to_be_visible()
    expect(page.get_by_role("link", name="Cycles du Pont").first).to_be_visible()
    assert page.context.cookies() == []


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/operations/",
        "/operations/dimanche-shopping/",
        "/operations/qui-est-ouvert-dimanche/",
    ],
)
def test_operations_pages_have_no_wcag_21_aa_violation(url, operation, accessibility_violations):
    assert accessibility_violations(url) == []
