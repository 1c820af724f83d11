"""A resident on a phone browses the offers feed and opens an offer; axe-core finds no
WCAG 2.1 AA violation on the feed and on an offer page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from core.clock import today
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    HomePageFactory,
    ImageFactory,
    OfferPageFactory,
    OffersPageFactory,
    ShopPageFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def offer(live_server):
    home = HomePageFactory()
    OffersPageFactory(parent=home, slug="offres")
    bakery = ShopPageFactory(
        title="Boulangerie Dupont",
        category=CategoryFactory(name="Boulangerie", slug="boulangerie"),
        district=DistrictFactory(name="Centre", slug="centre"),
        hours=[(day, "08:00", "18:00") for day in range(7)],
    )
    florist = ShopPageFactory(
        title="Fleurs Martin", category=CategoryFactory(name="Fleuriste", slug="fleuriste")
    )
    OfferPageFactory(parent=florist, title="Bouquet de saison", kind="semaine", end_date=today())
    return OfferPageFactory(
        parent=bakery,
        title="Pain au levain à moitié prix",
        short_text="Le dimanche après 11 h, nos miches de la veille à moitié prix.",
        price_text="-50 %",
        coupon_code="LEVAIN50",
        conditions="Une miche par client.",
        image=ImageFactory(),
        end_date=today() + timedelta(days=5),
    )


def test_resident_filters_the_feed_and_opens_an_offer(page, offer):
    page.goto("/offres/")
    expect(page.get_by_role("heading", name="2 offres en cours")).to_be_visible()
    expect(page.get_by_text("Se termine bientôt")).to_have_count(1)
    page.get_by_label("Catégorie").select_option("boulangerie")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_role("heading", name="1 offre en cours")).to_be_visible()
    page.get_by_role("link", name="Pain au levain à moitié prix").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pain au levain à moitié prix")
    expect(page.get_by_text("LEVAIN50")).to_be_visible()
    page.get_by_role("link", name="Boulangerie Dupont").first.click()
    expect(page.get_by_role("heading", name="Offres en cours")).to_be_visible()


def test_feed_and_offer_page_have_no_accessibility_violation(accessibility_violations, offer):
    assert accessibility_violations("/offres/") == []
    assert accessibility_violations(offer.url) == []


def test_ended_offer_page_has_no_accessibility_violation(accessibility_violations, offer):
    ended = OfferPageFactory(
        parent=offer.get_parent(),
        title="Braderie",
        start_date=today() - timedelta(days=10),
        end_date=today() - timedelta(days=2),
    )
    assert accessibility_violations(ended.url) == []
