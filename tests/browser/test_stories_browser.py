"""A resident reads a story on a phone and follows it into a shop; the story, campaign
and index pages pass axe-core's WCAG 2.1 AA checks."""

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from home.models import SiteSettings
from tests.browser.conftest import foreign_requests
from tests.factories import (
    CampaignPageFactory,
    ImageFactory,
    OfferPageFactory,
    ShopPageFactory,
    StoryPageFactory,
    story_block,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ALL_WEEK = [(day, "00:00", "23:59") for day in range(7)]


@pytest.fixture
def story(live_server):
    florist = ShopPageFactory(
        title="Fleurs de la Place", latitude=50.4670, longitude=4.8680, hours=ALL_WEEK
    )
    OfferPageFactory(parent=florist, title="Bouquet de saison")
    bikes = ShopPageFactory(title="Cycles du Pont", latitude=50.4660, longitude=4.8690)
    campaign = CampaignPageFactory(
        title="Vilvèze, j'y achète", slug="vilveze", partners=[{"name": "Radio Vèze"}]
    )
    # Tiles from the live server itself (they answer 404): the test never leaves it.
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "city_name": "Vilvèze",
            "map_tile_url": f"{live_server.url}/tuiles/{{z}}/{{x}}/{{y}}.png",
        },
    )
    return StoryPageFactory(
        title="Des fleurs livrées à vélo",
        slug="fleurs-a-velo",
        campaign=campaign,
        hero_image=ImageFactory(description="La vitrine du fleuriste"),
        featured_shops=[florist, bikes],
        body=[
            story_block("paragraph", "<p>Tout a commencé un samedi.</p>"),
            story_block(
                "testimonial", {"quote": "On vend un moment.", "name": "Martine", "role": "gérante"}
            ),
            story_block("shop_card", {"shop": bikes, "note": "Pour le vélo cargo."}),
        ],
    )


def test_reader_follows_a_featured_shop_from_the_story_to_the_shop(page, story, live_server):
    page.goto(story.url)
    visit = page.get_by_role("region", name="Rendez-leur visite")
    expect(visit).to_be_visible()
    expect(visit.get_by_text("Offre en cours :")).to_be_visible()
    expect(page.locator("#shops-map .leaflet-interactive")).to_have_count(2)
    visit.get_by_role("link", name="Fleurs de la Place", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/commerces/fleurs-de-la-place/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fleurs de la Place")
    expect(page.get_by_role("heading", name="Ils en parlent")).to_be_visible()
    assert foreign_requests(page.requested_urls, live_server) == []


def test_story_campaign_and_index_have_no_wcag_21_aa_violation(story, accessibility_violations):
    for url in [story.url, "/histoires/vilveze/", "/histoires/"]:
        assert accessibility_violations(url) == [], url


def test_keyboard_reader_opens_a_shop_from_the_map_and_comes_back(page, story):
    page.goto(story.url)
    marker = page.locator("#shops-map").get_by_role("button", name="Fleurs de la Place")
    expect(marker).to_have_attribute("tabindex", "0")
    marker.focus()
    page.keyboard.press("Enter")
    link = page.locator(".leaflet-popup").get_by_role("link", name="Fleurs de la Place")
    expect(link).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator(".leaflet-popup")).to_have_count(0)
    expect(marker).to_be_focused()


def test_map_controls_are_labelled_in_french(page, story):
    page.goto(story.url)
    expect(page.locator(".leaflet-control-zoom-in")).to_have_attribute("title", "Zoom avant")
    expect(page.locator(".leaflet-control-zoom-out")).to_have_attribute("title", "Zoom arrière")
    page.locator("#shops-map").get_by_role("button", name="Cycles du Pont").click()
    close = page.locator(".leaflet-popup-close-button")
    expect(close).to_have_attribute("aria-label", "Fermer")


def test_map_markers_take_their_colours_from_the_stylesheet(page, story):
    page.goto(story.url)
    marker = page.locator("#shops-map").get_by_role("button", name="Cycles du Pont")
    # --colour-primary inside a ring of --colour-bg, whatever Leaflet's defaults are.
    expect(marker).to_have_css("fill", "rgb(10, 79, 143)")
    expect(marker).to_have_css("stroke", "rgb(255, 255, 255)")
    expect(marker).to_have_css("fill-opacity", "1")
