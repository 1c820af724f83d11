"""Where else offers show: the shop page (its current offers, and `makesOffer` in its
JSON-LD), the directory's shop cards (an "Offre en cours" badge) and the home page (six
current offers)."""

import json
import re
from datetime import date

import pytest

from tests.factories import CategoryFactory, ImageFactory, OfferPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

ALL_WEEK = [(day, "00:00", "00:00") for day in range(7)]


def offer_titles(html):
    return re.findall(r'<h3 class="offer-card__title"><a href="[^"]+">([^<]+)</a>', html)


def ended(shop, title="Terminée"):
    return OfferPageFactory(
        parent=shop, title=title, start_date=date(2026, 11, 1), end_date=date(2026, 11, 8)
    )


@pytest.fixture
def bakery(offers_site):
    return ShopPageFactory(title="Boulangerie Dupont", hours=ALL_WEEK)


def test_shop_page_shows_its_current_offers_only(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Pain du dimanche", image=ImageFactory())
    ended(bakery)
    html = client.get(bakery.url).content.decode()
    assert "Offres en cours" in html
    assert offer_titles(html) == ["Pain du dimanche"]


def test_shop_page_lists_its_offers_in_json_ld_makes_offer(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Pain du dimanche", short_text="Moitié prix.")
    ended(bakery)
    html = client.get(bakery.url).content.decode()
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    business = json.loads(text)["@graph"][0]
    shop_url = "http://testserver/commerces/boulangerie-dupont/"
    (offer,) = business["makesOffer"]
    assert offer["@type"] == "Offer"
    assert offer["name"] == "Pain du dimanche"
    assert offer["description"] == "Moitié prix."
    assert offer["url"] == f"{shop_url}pain-du-dimanche/"
    assert (offer["validFrom"], offer["validThrough"]) == ("2026-11-24", "2026-11-29")
    assert offer["offeredBy"] == {"@id": f"{shop_url}#commerce"}


def test_shop_page_with_offers_stays_within_its_query_budget(
    client, now, bakery, django_assert_max_num_queries
):
    for number in range(3):
        OfferPageFactory(parent=bakery, title=f"Offre {number}", image=ImageFactory())
    for number in range(5):
        ShopPageFactory(title=f"Voisin {number}", hours=ALL_WEEK)
    client.get(bakery.url)  # the first request makes the renditions and warms the caches
    with django_assert_max_num_queries(15):
        html = client.get(bakery.url).content.decode()
    assert len(offer_titles(html)) == 3


def test_shop_card_shows_a_badge_when_the_shop_has_a_current_offer(client, now, offers_site):
    with_offer = ShopPageFactory(title="Avec offre")
    OfferPageFactory(parent=with_offer)
    with_ended_offer = ShopPageFactory(title="Offre finie")
    ended(with_ended_offer)
    ShopPageFactory(title="Sans offre")
    html = client.get("/commerces/").content.decode()
    cards = dict(
        re.findall(
            r'<h3 class="shop-card__title"><a href="[^"]+">([^<]+)</a>(.*?)</article>', html, re.S
        )
    )
    assert "Offre en cours" in cards["Avec offre"]
    assert "Offre en cours" not in cards["Offre finie"]
    assert "Offre en cours" not in cards["Sans offre"]


def test_directory_with_badges_stays_within_twelve_queries_at_twenty_results(
    client, now, offers_site, django_assert_max_num_queries
):
    category = CategoryFactory(name="Boulangerie", slug="boulangerie")
    for number in range(25):
        shop = ShopPageFactory(title=f"Boulangerie {number:02d}", category=category, hours=ALL_WEEK)
        if number % 2:
            OfferPageFactory(parent=shop)
    url = "/commerces/?categorie=boulangerie"
    client.get(url)
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert html.count("Offre en cours") == 10


def test_home_page_shows_six_current_offers_and_links_to_the_feed(client, now, bakery):
    for number in range(8):
        OfferPageFactory(parent=bakery, title=f"Offre {number}")
    ended(bakery)
    html = client.get("/").content.decode()
    assert "Offres de la semaine" in html
    assert len(offer_titles(html)) == 6
    assert "Terminée" not in offer_titles(html)
    assert '<a class="button button--secondary" href="/offres/">' in html


def test_home_page_without_offers_shows_no_empty_section(client, now, bakery):
    ended(bakery)
    assert "Offres de la semaine" not in client.get("/").content.decode()
