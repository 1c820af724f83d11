"""A resident on a phone opens a shop page; an editor places a shop on the map."""

import re

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from home.models import SiteSettings
from tests.browser.conftest import foreign_requests
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def shop(live_server):
    shop = ShopPageFactory(
        title="Boulangerie Dupont",
        latitude=50.4669,
        longitude=4.8675,
        phone="+32 81 23 45 67",
        hours=[(day, "08:00", "18:00") for day in range(7)],
    )
    ShopPageFactory(title="Fleuriste du coin", latitude=50.4675, longitude=4.8680)
    # Tiles from the live server itself (they answer 404): the test never leaves it.
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "city_name": "Vilvèze",
            "map_tile_url": f"{live_server.url}/tuiles/{{z}}/{{x}}/{{y}}.png",
        },
    )
    return shop


def test_directions_link_carries_the_shop_coordinates_and_the_map_shows(page, shop, live_server):
    page.goto(shop.url)
    link = page.get_by_role("link", name="Itinéraire", exact=True)
    expect(link).to_have_attribute("href", re.compile(r"50\.466900.*4\.867500"))
    expect(page.get_by_role("link", name="Appeler")).to_have_attribute("href", "tel:+3281234567")
    expect(page.locator("#shop-map .leaflet-tile").first).to_be_attached()
    assert foreign_requests(page.requested_urls, live_server) == []


def test_shop_page_has_no_wcag_21_aa_violation(shop, accessibility_violations):
    assert accessibility_violations(shop.url) == []


def test_editor_places_the_shop_by_clicking_the_map(page, shop, django_user_model):
    django_user_model.objects.create_superuser("editrice", "e@example.be", "mot-de-passe")
    page.goto("/admin/login/")
    page.locator("#id_username").fill("editrice")
    page.locator("#id_password").fill("mot-de-passe")
    page.locator("form button[type=submit]").click()
    page.goto(f"/admin/pages/{shop.pk}/edit/")
    page.get_by_role("tab", name="Adresse et contact").click()
    picker = page.locator(".map-picker")
    expect(picker).to_be_visible()
    # Away from the zoom buttons in the top left corner.
    picker.click(position={"x": 200, "y": 200})
    latitude = float(page.locator("#id_latitude").input_value())
    longitude = float(page.locator("#id_longitude").input_value())
    assert (latitude, longitude) != (50.4669, 4.8675)
    assert abs(latitude - 50.4669) < 0.01
    assert abs(longitude - 4.8675) < 0.01
