"""A merchant on a phone (390 px wide, touch): posting the simplest offer from the
dashboard takes at most two typed fields and three taps and puts it on the public
feed; tapping "Reposter" twice makes one copy; an offer whose title was used before
publishes without a word about slugs."""

import re

import pytest
from playwright.sync_api import expect

from offers import merchants
from offers.models import OfferPage
from tests.factories import HomePageFactory, OffersPageFactory, ShopPageFactory
from tests.merchants import make_offer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "un-mot-de-passe"
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _no_autosave(settings):
    """Wagtail saves the form by itself half a second after a change; a tap on
    "Publier" can race that save, which the live server's shared in-memory SQLite
    answers with "table is locked" where a real database would make one wait. Posting
    is what these tests time, so the form saves only when tapped."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


@pytest.fixture
def shop():
    """A bakery on the site, with its merchant (who has no offer yet)."""
    home = HomePageFactory()
    OffersPageFactory(parent=home, slug="offres")
    shop = ShopPageFactory(title="Boulangerie du Beffroi")
    user, _created = merchants.grant_access(shop, "Marie Dupont", "marie@example.be")
    user.set_password(PASSWORD)
    user.save()
    return shop


@pytest.fixture
def phone(browser, live_server):
    """A touch-screen phone's tab, in French."""
    context = browser.new_context(
        viewport=PHONE, has_touch=True, locale="fr-BE", base_url=live_server.url
    )
    yield context
    context.close()


class Merchant:
    """The merchant's hands on a tab: every field typed into and every tap is counted."""

    def __init__(self, tab):
        self.tab = tab
        self.typed = 0
        self.taps = 0

    def log_in(self):
        """Not counted: the posting starts on the dashboard."""
        self.tab.goto("/admin/")
        self.tab.locator("#id_username").fill("marie@example.be")
        self.tab.locator("#id_password").fill(PASSWORD)
        self.tab.locator("form button[type=submit]").click()
        expect(self.tab.get_by_role("link", name="Nouvelle offre")).to_be_visible()

    def tap(self, locator):
        locator.tap()
        self.taps += 1

    def type(self, locator, text):
        locator.fill(text)
        self.typed += 1


def test_merchant_posts_the_simplest_offer_in_two_fields_and_three_taps(phone, shop):
    merchant = Merchant(phone.new_page())
    merchant.log_in()
    tab = merchant.tab

    merchant.tap(tab.get_by_role("link", name="Nouvelle offre"))
    merchant.type(tab.locator("#id_title"), "Pain au levain à 3 €")
    merchant.type(tab.locator("#id_short_text"), "Toute la semaine, cuit au feu de bois.")
    # The big button, not one hidden under the menu's arrow: tapping it as it is shown.
    merchant.tap(tab.locator("footer button[name=action-publish]"))

    expect(tab.locator(".messages")).to_contain_text(
        "Votre offre « Pain au levain à 3 € » est publiée : en ligne jusqu'au"
    )
    assert tab.url.endswith("/admin/")
    assert merchant.typed <= 2
    assert merchant.taps <= 3

    merchant.tap(tab.get_by_role("link", name="Voir l'offre en ligne"))
    expect(tab.get_by_role("heading", level=1)).to_contain_text("Pain au levain")
    tab.goto("/offres/")
    expect(tab.get_by_text("Pain au levain à 3 €").first).to_be_visible()


def test_merchant_taps_repost_twice_and_finds_one_copy(phone, shop):
    offer = make_offer(shop, "Croissants 2+1 ce week-end")
    merchant = Merchant(phone.new_page())
    merchant.log_in()
    first, second = merchant.tab, phone.new_page()
    second.goto("/admin/")
    repost = "Reposter « Croissants 2+1 ce week-end »"

    merchant.tap(first.get_by_role("button", name=repost))
    expect(first.locator(".messages")).to_contain_text("est publiée du")
    # The second tab still shows the button the first one tapped.
    second.get_by_role("button", name=repost).tap()
    expect(second.locator(".messages")).to_contain_text("Cette offre est déjà repostée.")

    (copy,) = OfferPage.objects.child_of(shop).exclude(pk=offer.pk)
    second.locator(".messages").get_by_role("link", name="Voir la copie").tap()
    expect(second).to_have_url(re.compile(rf"/admin/pages/{copy.pk}/edit/$"))
    first.goto("/admin/")
    expect(first.get_by_role("button", name=repost)).to_have_count(0)
    expect(first.get_by_role("link", name="Voir la copie repostée « Croissants")).to_be_visible()


def test_merchant_publishes_an_offer_whose_title_was_used_before(phone, shop):
    make_offer(shop, "Croissants 2+1 ce week-end", slug="croissants-21-ce-week-end")
    merchant = Merchant(phone.new_page())
    merchant.log_in()
    tab = merchant.tab

    merchant.tap(tab.get_by_role("link", name="Nouvelle offre"))
    merchant.type(tab.locator("#id_title"), "Croissants 2+1 ce week-end")
    merchant.type(tab.locator("#id_short_text"), "Encore cette semaine !")
    merchant.tap(tab.locator("footer button[name=action-publish]"))

    expect(tab.locator(".messages")).to_contain_text(
        "Votre offre « Croissants 2+1 ce week-end » est publiée"
    )
    expect(tab.locator("body")).not_to_contain_text("slug")
    offers = OfferPage.objects.child_of(shop).filter(title="Croissants 2+1 ce week-end")
    assert sorted(offers.values_list("slug", "live")) == [
        ("croissants-21-ce-week-end", True),
        ("croissants-21-ce-week-end-2", True),
    ]
    tab.goto("/offres/")
    expect(tab.get_by_text("Encore cette semaine !")).to_be_visible()
