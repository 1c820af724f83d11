"""Links styled as buttons stay legible under the pointer; the directory says how many
shops it found in a status region; "Autour de moi" only shows when it can work."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from wagtail.models import Site

from home.models import SiteSettings
from tests.browser.contrast import contrasts
from tests.clock import TUESDAY_MORNING
from tests.factories import (
    ALL_WEEK,
    CategoryFactory,
    DirectoryPageFactory,
    HomePageFactory,
    OfferPageFactory,
    OffersPageFactory,
    OperationPageFactory,
    OperationsPageFactory,
    ShopPageFactory,
    StoriesPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TUESDAY = TUESDAY_MORNING.date()


@pytest.fixture
def town(live_server, clock):
    home = HomePageFactory()
    DirectoryPageFactory(parent=home, slug="commerces")
    OffersPageFactory(parent=home, slug="offres")
    StoriesPageFactory(parent=home, slug="histoires")
    OperationsPageFactory(parent=home)
    bakery = CategoryFactory(name="Boulangerie", slug="boulangerie")
    shop = ShopPageFactory(
        title="Boulangerie du Beffroi",
        category=bakery,
        latitude=50.4670,
        longitude=4.8680,
        phone="+32 81 23 45 67",
        hours=ALL_WEEK,
    )
    ShopPageFactory(title="Au Bon Pain", category=bakery, hours=ALL_WEEK)
    ShopPageFactory(title="Fleurs de la Place", hours=ALL_WEEK)
    OfferPageFactory(parent=shop, title="Pain du dimanche")
    OfferPageFactory(
        parent=shop,
        title="Braderie",
        slug="braderie",
        start_date=TUESDAY - timedelta(days=20),
        end_date=TUESDAY - timedelta(days=1),
    )
    StoryPageFactory(title="Le fournil", featured_shops=[shop])
    OperationPageFactory(
        title="Dimanche shopping",
        slug="dimanche-shopping",
        days=[(date(2026, 11, 29), "10:00", "18:00")],
        shops=[shop],
    )
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "city_name": "Vilvèze",
            "map_tile_url": f"{live_server.url}/tuiles/{{z}}/{{x}}/{{y}}.png",
        },
    )
    return shop


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/commerces/boulangerie-du-beffroi/",
        "/commerces/boulangerie-du-beffroi/braderie/",  # the 410 page of an ended offer
        "/operations/",
    ],
)
def test_every_button_link_keeps_4_5_to_1_under_the_pointer(page, town, url):
    page.goto(url)
    links = page.locator("a.button")
    expect(links.first).to_be_visible()
    for link in links.all():
        assert contrasts(link)["text"] >= 4.5, link.text_content()
        link.hover()
        assert contrasts(link)["text"] >= 4.5, link.text_content()


def test_the_count_of_results_is_in_a_status_region(page, town):
    page.goto("/commerces/?categorie=boulangerie")
    expect(page).to_have_title("Commerces — 2 résultats · Vitrine Vilvèze")
    expect(page.get_by_role("status").filter(has_text="2 commerces")).to_have_count(1)


def test_autour_de_moi_is_not_shown_without_javascript(browser, town, live_server):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    tab = context.new_page()
    tab.goto("/commerces/")
    expect(tab.locator(".shop-list .shop-card__title")).to_have_count(3)
    expect(tab.locator("#locate-me")).to_be_hidden()
    context.close()


def test_autour_de_moi_is_shown_with_javascript(page, town):
    page.goto("/commerces/")
    expect(page.get_by_role("button", name="Autour de moi")).to_be_visible()
