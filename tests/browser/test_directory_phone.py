"""The directory on a phone, in a real browser: the filters fold into « Filtrer » so the
first result shows in the first screen, a change of filter applies at once (a button
without JavaScript), and « Itinéraire » opens the phone's own maps application."""

import re

import pytest
from playwright.sync_api import expect

from home.models import HomePage, SiteSettings
from tests.browser.conftest import foreign_requests
from tests.factories import (
    CategoryFactory,
    DirectoryPageFactory,
    DistrictFactory,
    HomePageFactory,
    OfferPageFactory,
    ServiceFactory,
    ShopPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ALWAYS_OPEN = [(day, "00:00", "00:00") for day in range(7)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def town(live_server):
    """A directory as the demo town has it: an introduction, several categories,
    districts and services (the filter form at its longest), bakeries open and closed."""
    DirectoryPageFactory(
        parent=HomePage.objects.first() or HomePageFactory(),
        intro="<p>Tous les commerces de Vilvèze : horaires, adresse, téléphone et itinéraire.</p>",
    )
    bakery = CategoryFactory(name="Boulangerie", slug="boulangerie")
    CategoryFactory(name="Fleuriste", slug="fleuriste")
    centre = DistrictFactory(name="Centre", slug="centre", latitude=50.4669, longitude=4.8675)
    DistrictFactory(name="Gare", slug="gare", latitude=50.4710, longitude=4.8600)
    services = [
        ServiceFactory(name=name)
        for name in ("Livraison", "Click & collect", "Terrasse", "Accès PMR", "Paiement mobile")
    ]
    shops = {}
    for number, (title, hours) in enumerate(
        [
            ("Boulangerie du Beffroi", ALWAYS_OPEN),
            ("Boulangerie de la Gare", ALWAYS_OPEN),
            ("Boulangerie Fermée", []),
        ]
    ):
        shops[title] = ShopPageFactory(
            title=title,
            category=bakery,
            district=centre,
            latitude=50.4671 + number / 1000,
            longitude=4.8679,
            phone=f"081 23 45 6{number}",
            street=f"Grand-Place {number + 1}",
            hours=hours,
            services=services[:2],
        )
    # Tiles from the test server itself: tests never fetch real tiles.
    settings = SiteSettings.objects.get_or_create(site_id=1)[0]
    settings.map_tile_url = f"{live_server.url}/static/leaflet/images/layers.png?{{z}}/{{x}}/{{y}}"
    settings.save()
    return shops


def test_first_result_shows_in_the_first_screen_after_a_filtered_search(town, page):
    page.goto("/commerces/?q=boulangerie&categorie=boulangerie&ouvert=maintenant")
    # The map, shown by the script above the list, is part of the layout measured.
    expect(page.locator("#directory-map")).to_have_attribute("data-features", "2")
    first = page.locator(".shop-list > li").first
    expect(first).to_contain_text("Boulangerie")
    assert first.bounding_box()["y"] < PHONE["height"]


def test_filters_fold_into_filtrer_on_a_phone(town, page):
    page.goto("/commerces/?categorie=boulangerie")
    category = page.get_by_label("Catégorie")
    expect(category).to_be_hidden()
    page.locator("summary", has_text="Filtrer").click()
    expect(category).to_be_visible()


def test_filters_stay_shown_on_a_wide_screen(town, browser, live_server):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="fr-BE", base_url=live_server.url
    )
    tab = context.new_page()
    tab.goto("/commerces/?categorie=boulangerie")
    expect(tab.get_by_label("Catégorie")).to_be_visible()
    expect(tab.get_by_label("Ouvert maintenant")).to_be_visible()
    expect(tab.locator("summary", has_text="Filtrer")).to_be_hidden()
    context.close()


def test_a_chip_removes_its_filter_and_keeps_the_others(town, page):
    page.goto("/commerces/?q=boulangerie&categorie=boulangerie&ouvert=maintenant")
    page.get_by_role("link", name="Retirer le filtre Ouvert maintenant").click()
    expect(page).to_have_url(re.compile(r"/commerces/\?q=boulangerie&categorie=boulangerie$"))
    expect(page.locator(".shop-list .shop-card__title")).to_have_count(3)


def test_changing_a_filter_applies_it_at_once(town, page):
    page.goto("/commerces/?q=boulangerie")
    page.locator("summary", has_text="Filtrer").click()
    expect(page.get_by_role("button", name="Appliquer")).to_be_hidden()
    page.get_by_label("Ouvert maintenant").check()
    expect(page).to_have_url(re.compile(r"q=boulangerie.*ouvert=maintenant"))
    expect(page.locator(".shop-list .shop-card__title")).to_have_count(2)
    expect(page.get_by_role("link", name="Retirer le filtre Ouvert maintenant")).to_be_visible()


def test_without_javascript_appliquer_applies_the_filters(town, browser, live_server):
    context = browser.new_context(
        viewport=PHONE, java_script_enabled=False, base_url=live_server.url
    )
    tab = context.new_page()
    tab.goto("/commerces/?q=boulangerie")
    tab.locator("summary", has_text="Filtrer").click()
    tab.get_by_label("Ouvert maintenant").check()
    expect(tab).to_have_url(re.compile(r"/commerces/\?q=boulangerie$"))
    tab.get_by_role("button", name="Appliquer").click()
    expect(tab).to_have_url(re.compile(r"q=boulangerie.*ouvert=maintenant"))
    expect(tab.locator(".shop-list .shop-card__title")).to_have_count(2)
    context.close()


def test_a_card_calls_the_shop(town, page):
    page.goto("/commerces/?q=beffroi")
    call = page.get_by_role("link", name="Appeler Boulangerie du Beffroi")
    expect(call).to_have_attribute("href", "tel:081234560")
    # Above the card's own link, which covers the rest of the card.
    call.scroll_into_view_if_needed()
    box = call.bounding_box()
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('a').getAttribute('href')",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert hit == "tel:081234560"


def directions_on(browser, live_server, url, **context_options):
    context = browser.new_context(locale="fr-BE", base_url=live_server.url, **context_options)
    tab = context.new_page()
    tab.requested_urls = []
    tab.on("request", lambda request: tab.requested_urls.append(request.url))
    tab.goto(url)
    return context, tab, tab.locator(".shop__actions").get_by_role("link", name="Itinéraire")


def phone(devices, name):
    """A device descriptor for browser.new_context (Chromium emulating it)."""
    return {key: value for key, value in devices[name].items() if key != "default_browser_type"}


def test_directions_open_a_geo_uri_on_android(town, browser, devices, live_server):
    context, tab, link = directions_on(
        browser, live_server, "/commerces/boulangerie-du-beffroi/", **phone(devices, "Pixel 7")
    )
    expect(link).to_have_attribute(
        "href", "geo:50.4671,4.8679?q=50.4671,4.8679(Boulangerie%20du%20Beffroi)"
    )
    assert foreign_requests(tab.requested_urls, live_server) == []
    context.close()


def test_directions_open_apple_plans_on_an_iphone(town, browser, devices, live_server):
    context, tab, link = directions_on(
        browser, live_server, "/commerces/boulangerie-du-beffroi/", **phone(devices, "iPhone 15")
    )
    expect(link).to_have_attribute("href", "https://maps.apple.com/?daddr=50.4671,4.8679")
    assert foreign_requests(tab.requested_urls, live_server) == []
    context.close()


def test_directions_elsewhere_route_from_the_residents_known_position(town, browser, live_server):
    context, _tab, link = directions_on(
        browser,
        live_server,
        "/commerces/boulangerie-du-beffroi/",
        geolocation={"latitude": 50.4600, "longitude": 4.8600},
        permissions=["geolocation"],
    )
    expect(link).to_have_attribute(
        "href",
        re.compile(
            r"openstreetmap\.org/directions\?route=50\.46000%2C4\.86000%3B50\.467100%2C4\.867900"
        ),
    )
    context.close()


def test_directions_elsewhere_without_a_position_go_to_the_shop_only(town, browser, live_server):
    context, tab, link = directions_on(browser, live_server, "/commerces/boulangerie-du-beffroi/")
    tab.wait_for_load_state("networkidle")
    expect(link).to_have_attribute(
        "href", re.compile(r"openstreetmap\.org/directions\?route=%3B50\.467100%2C4\.867900")
    )
    context.close()


def test_an_offer_page_gives_its_shops_directions_for_the_phone(
    town, browser, devices, live_server
):
    offer = OfferPageFactory(parent=town["Boulangerie du Beffroi"], title="Pain du dimanche")
    context, tab, link = directions_on(browser, live_server, offer.url, **phone(devices, "Pixel 7"))
    expect(link).to_have_attribute("href", re.compile(r"^geo:50\.4671,4\.8679"))
    expect(tab.get_by_role("link", name="Appeler")).to_have_attribute("href", "tel:081234560")
    context.close()
