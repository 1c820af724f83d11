"""A resident reads a story, follows its shop card and asks for directions; the city's
staff then find the story's view and the intent it led to in the "Fréquentation"
report. In a real Chromium, with the real script and sendBeacon."""

import time

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from insights.models import DailyCount
from tests.factories import HomePageFactory, ShopPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Headless Chromium names itself "HeadlessChrome", which the beacon rightly takes for a
# robot: this tab says what a resident's phone would.
PHONE = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


def is_beacon(request):
    return request.method == "POST" and request.url.endswith("/frequentation/compter/")


def wait_for_counts(expected, timeout=10):
    """The beacons are sent; wait until the server has counted them."""
    deadline = time.monotonic() + timeout
    while True:
        found = set(DailyCount.objects.values_list("page_id", "kind", "source_page_id", "count"))
        if expected <= found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


@pytest.fixture
def story_with_shop():
    HomePageFactory()
    shop = ShopPageFactory(title="Fromagerie des Remparts", phone="+32 81 00 00 00")
    story = StoryPageFactory(title="Le fromager qui affine en cave", featured_shops=[shop])
    get_user_model().objects.create_superuser("equipe", password="un-mot-de-passe")
    return story, shop


@pytest.fixture
def resident(browser, live_server):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="fr-BE",
        base_url=live_server.url,
        user_agent=PHONE,
    )
    # "Itinéraire" leads to the map site of settings.DIRECTIONS_URL: answered here, so
    # the test stays offline.
    context.route(
        "https://www.openstreetmap.org/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body="<p>Carte</p>"),
    )
    tab = context.new_page()
    yield tab
    context.close()


def test_story_to_shop_to_directions_shows_in_the_report(
    resident, story_with_shop, browser, live_server
):
    story, shop = story_with_shop
    tab = resident

    with tab.expect_request(is_beacon):
        tab.goto(story.get_url())
    with tab.expect_request(is_beacon):
        tab.locator(".visit-card .shop-card__title a", has_text=shop.title).click()
    expect(tab.locator("h1")).to_have_text(shop.title)
    with tab.expect_request(is_beacon):
        tab.locator(".shop__actions").get_by_role("link", name="Itinéraire").click()

    expected = {
        (story.pk, "view", 0, 1),
        (shop.pk, "view", story.pk, 1),
        (shop.pk, "directions", story.pk, 1),
    }
    assert wait_for_counts(expected) == expected
    assert tab.context.cookies() == []

    # The staff read the report on their own computer. (The resident's phone has left
    # for its maps application: « Itinéraire » is a geo: link on Android.)
    office = browser.new_context(locale="fr-BE", base_url=live_server.url)
    tab = office.new_page()
    tab.goto("/admin/reports/frequentation/?periode=7")
    tab.locator("#id_username").fill("equipe")
    tab.locator("#id_password").fill("un-mot-de-passe")
    tab.locator("form button[type=submit]").click()
    stories = tab.locator("section[aria-labelledby=table-histoires] tbody tr")
    expect(stories).to_have_count(1)
    expect(stories.locator("th")).to_have_text(story.title)
    # Views, visits of shops it led to, intents it led to.
    expect(stories.locator("td")).to_have_text(["1", "1", "1"])
    shops = tab.locator("section[aria-labelledby=table-commerces-intentions] tbody tr")
    expect(shops.locator("th")).to_have_text([shop.title])
