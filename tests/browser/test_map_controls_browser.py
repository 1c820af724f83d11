"""Every map of the site, in a real browser: its controls speak French, show where the
keyboard is, and its credits stay legible; the directory's map shows where the resident
stands."""

from datetime import date

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from home.models import SiteSettings
from tests.browser.contrast import contrasts
from tests.factories import (
    ALL_WEEK,
    CampaignPageFactory,
    DirectoryPageFactory,
    HomePageFactory,
    OperationPageFactory,
    OperationsPageFactory,
    ShopPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SHOP = "/commerces/fleurs-de-la-place/"
# Each map of the site, and whether its markers open a popup (with a close button).
MAPS = {
    "/commerces/": True,
    SHOP: False,
    "/histoires/fleurs-a-velo/": True,
    "/histoires/vilveze/": True,
    "/operations/dimanche-shopping/": True,
    "/operations/qui-est-ouvert-dimanche/": True,
}


@pytest.fixture
def town(live_server, clock):
    home = HomePageFactory()
    DirectoryPageFactory(parent=home, slug="commerces")
    OperationsPageFactory(parent=home)
    florist = ShopPageFactory(
        title="Fleurs de la Place", latitude=50.4670, longitude=4.8680, hours=ALL_WEEK
    )
    bikes = ShopPageFactory(
        title="Cycles du Pont", latitude=50.4660, longitude=4.8690, hours=ALL_WEEK
    )
    campaign = CampaignPageFactory(title="Vilvèze, j'y achète", slug="vilveze")
    StoryPageFactory(
        title="Des fleurs livrées à vélo",
        slug="fleurs-a-velo",
        campaign=campaign,
        featured_shops=[florist, bikes],
    )
    OperationPageFactory(
        title="Dimanche shopping",
        slug="dimanche-shopping",
        days=[(date(2026, 11, 29), "10:00", "18:00")],
        shops=[florist, bikes],
    )
    # Tiles from the live server itself (they answer 404): the test never leaves it.
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "city_name": "Vilvèze",
            "map_tile_url": f"{live_server.url}/tuiles/{{z}}/{{x}}/{{y}}.png",
            "map_attribution": '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
        },
    )


def keyboard_focus(page, locator):
    """Give `locator` the focus as the keyboard does (so :focus-visible applies)."""
    locator.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(locator).to_be_focused()


def open_a_popup(page):
    """Open the first marker's popup from the keyboard; returns its close button."""
    marker = page.locator(".leaflet-marker-pane .leaflet-interactive, path.leaflet-interactive")
    marker.first.focus()
    page.keyboard.press("Enter")
    close = page.locator(".leaflet-popup-close-button")
    expect(close).to_be_visible()
    return close


@pytest.mark.parametrize("url", MAPS)
def test_map_controls_are_labelled_in_french(page, town, url):
    page.goto(url)
    zoom_in, zoom_out = (
        page.locator(".leaflet-control-zoom-in"),
        page.locator(".leaflet-control-zoom-out"),
    )
    for button, label in ((zoom_in, "Zoom avant"), (zoom_out, "Zoom arrière")):
        expect(button).to_have_attribute("title", label)
        expect(button).to_have_attribute("aria-label", label)
    credits = page.locator(".leaflet-control-attribution a")
    expect(credits.first).to_be_visible()
    for credit in credits.all():
        assert "JavaScript" not in (credit.get_attribute("title") or "")
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("Leaflet")
    if MAPS[url]:
        expect(open_a_popup(page)).to_have_attribute("aria-label", "Fermer")


@pytest.mark.parametrize("url", MAPS)
def test_the_focus_on_a_map_control_is_a_ring_of_3_to_1(page, town, url):
    page.goto(url)
    buttons = [page.locator(".leaflet-control-zoom-in"), page.locator(".leaflet-control-zoom-out")]
    if MAPS[url]:
        buttons.append(open_a_popup(page))
    for button in buttons:
        keyboard_focus(page, button)
        seen = contrasts(button)
        assert seen["outline"] != "none", seen
        assert seen["outline_width"] >= 2, seen
        assert seen["ring"] >= 3, seen
        assert seen["ring_inside"] >= 3, seen
        assert seen["text"] >= 4.5, seen


def test_the_map_credits_are_legible_at_rest_under_the_pointer_and_focused(page, town):
    page.goto(SHOP)
    credits = page.locator(".leaflet-control-attribution a")
    expect(credits).to_have_count(2)  # Leaflet's and the tiles'
    for credit in credits.all():
        assert contrasts(credit)["text"] >= 4.5
        credit.hover()
        assert contrasts(credit)["text"] >= 4.5
        keyboard_focus(page, credit)
        assert contrasts(credit)["text"] >= 4.5
        page.mouse.move(0, 0)


def test_the_directory_map_shows_where_the_resident_stands(page, town):
    page.goto("/commerces/?pres=50.46650,4.86850&tri=distance")
    expect(page.locator("#directory-map")).to_have_attribute("data-features", "2")
    expect(page.locator(".leaflet-tooltip")).to_have_text("Vous êtes ici")
    expect(page.locator("path.map-marker--here")).to_have_count(1)


def test_a_district_centre_is_not_where_the_resident_stands(page, town):
    page.goto("/commerces/")
    expect(page.locator("#directory-map")).to_have_attribute("data-features", "2")
    expect(page.locator(".leaflet-tooltip")).to_have_count(0)
    expect(page.locator("path.map-marker--here")).to_have_count(0)
