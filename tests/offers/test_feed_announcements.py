"""The offers feed announces its count: in the title when filtered, in a status region."""

import pytest

from tests.factories import CategoryFactory, OfferPageFactory, ShopPageFactory
from tests.html import page_title, status_texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def bakery(offers_site):
    return ShopPageFactory(category=CategoryFactory(name="Boulangerie", slug="boulangerie"))


def feed(client, params):
    response = client.get("/offres/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_filtered_feed_puts_its_count_in_the_title(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Du pain")
    OfferPageFactory(parent=bakery, title="Des croissants")
    html = feed(client, {"categorie": "boulangerie"})
    assert page_title(html) == "Offres — 2 résultats · Vitrine"


def test_a_filtered_feed_without_offer_says_aucun_resultat(client, now, bakery):
    CategoryFactory(name="Fleuriste", slug="fleuriste")
    html = feed(client, {"categorie": "fleuriste"})
    assert page_title(html) == "Offres — Aucun résultat · Vitrine"
    assert "Aucune offre en cours" in status_texts(html)


def test_the_count_of_offers_is_in_a_status_region(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Du pain")
    html = feed(client, {})
    assert page_title(html) == "Offres · Vitrine"
    assert "1 offre en cours" in status_texts(html)
