"""An offer's own page: what it shows, its JSON-LD, and the answer its dates decide
(200 while current, 410 once ended, 404 before its first day), in Brussels time."""

import json
import re
from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse

from core.clock import BRUSSELS
from tests.clock import TUESDAY_MORNING
from tests.factories import ImageFactory, OfferPageFactory, ShopPageFactory
from tests.html import VALIDATES_HTML, inline_code, validate_html

pytestmark = pytest.mark.django_db

TUESDAY = TUESDAY_MORNING.date()


@pytest.fixture
def bakery(offers_site):
    return ShopPageFactory(
        title="Boulangerie Dupont",
        street="Rue Haute 4",
        postcode="5999",
        locality="Vilvèze",
        hours=[(day, "08:00", "18:00") for day in range(6)],
    )


@pytest.fixture
def offer(now, bakery):
    return OfferPageFactory(
        parent=bakery,
        title="Pain au levain à moitié prix",
        short_text="Le dimanche après 11 h, nos miches de la veille à moitié prix.",
        kind="promotion",
        price_text="-50 %",
        coupon_code="LEVAIN50",
        conditions="Une miche par client.",
        online_url="https://dupont.example/boutique",
        image=ImageFactory(title="Des miches"),
    )


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html):
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def test_offer_page_shows_the_offer(client, offer):
    html = html_of(client, offer.url)
    assert '<h1 class="offer__title">Pain au levain à moitié prix</h1>' in html
    assert "Promotion" in html
    assert "Le dimanche après 11 h, nos miches de la veille à moitié prix." in html
    assert "Du mardi 24 novembre 2026 au dimanche 29 novembre 2026" in html
    assert "-50 %" in html
    assert "<strong>LEVAIN50</strong>" in html
    assert "Une miche par client." in html
    assert 'href="https://dupont.example/boutique"' in html


def test_offer_page_shows_the_shop_its_address_and_whether_it_is_open(client, offer):
    html = html_of(client, offer.url)
    assert '<a href="/commerces/boulangerie-dupont/">Boulangerie Dupont</a>' in html
    assert "Rue Haute 4, 5999 Vilvèze" in html
    assert "Ouvert · ferme à 18:00" in html


def test_offer_image_is_a_rendition_with_a_srcset(client, offer):
    html = html_of(client, offer.url)
    (tag,) = re.findall(r'<img class="offer__image"[^>]+>', html)
    assert re.search(r'src="/media/images/[^"]+\.width-400\.format-webp\.webp"', tag)
    assert 'srcset="' in tag


def test_offer_page_has_an_offer_in_json_ld_offered_by_the_shop(client, offer):
    offer_json, breadcrumb = json_ld(html_of(client, offer.url))["@graph"]
    shop_json = offer_json["seller"]
    shop_url = "http://testserver/commerces/boulangerie-dupont/"
    assert offer_json["@type"] == "Offer"
    assert offer_json["name"] == "Pain au levain à moitié prix"
    assert offer_json["description"].startswith("Le dimanche après 11 h")
    assert offer_json["validFrom"] == "2026-11-24"
    assert offer_json["validThrough"] == "2026-11-29"
    assert offer_json["url"] == f"{shop_url}pain-au-levain-a-moitie-prix/"
    assert offer_json["offeredBy"] == {"@id": f"{shop_url}#commerce"}
    assert shop_json["@id"] == f"{shop_url}#commerce"
    assert shop_json["name"] == "Boulangerie Dupont"
    assert shop_json["address"]["streetAddress"] == "Rue Haute 4"
    assert [item["name"] for item in breadcrumb["itemListElement"]][-2:] == [
        "Boulangerie Dupont",
        "Pain au levain à moitié prix",
    ]


def test_offer_without_details_shows_no_empty_places(client, now, bakery):
    offer = OfferPageFactory(parent=bakery, title="Simple", short_text="Juste ceci.")
    html = html_of(client, offer.url)
    assert "Code promo" not in html
    assert "Conditions" not in html
    assert "Acheter en ligne" not in html
    assert "offer__image" not in html


def test_ended_offer_answers_gone_with_links_to_the_shop_and_its_current_offers(
    client, now, offer, bakery
):
    ended = OfferPageFactory(
        parent=bakery,
        title="Braderie d'été",
        start_date=TUESDAY - timedelta(days=20),
        end_date=TUESDAY - timedelta(days=1),
    )
    response = client.get(ended.url)
    assert response.status_code == 410
    html = response.content.decode()
    assert "Cette offre est terminée" in html
    assert "a pris fin le lundi 23 novembre 2026" in html
    assert 'href="/commerces/boulangerie-dupont/"' in html
    assert f'href="{offer.url}"' in html


def test_ended_offer_of_a_shop_without_current_offers_says_so(client, now, bakery):
    ended = OfferPageFactory(
        parent=bakery, start_date=date(2026, 11, 1), end_date=date(2026, 11, 8)
    )
    response = client.get(ended.url)
    assert response.status_code == 410
    assert "pas d'autre offre en cours" in response.content.decode()


def test_offer_not_yet_started_is_not_found(client, now, bakery):
    upcoming = OfferPageFactory(
        parent=bakery, start_date=TUESDAY + timedelta(days=1), end_date=TUESDAY + timedelta(days=5)
    )
    assert client.get(upcoming.url).status_code == 404


def test_editor_previews_an_offer_before_its_first_day(admin_client, now, bakery):
    upcoming = OfferPageFactory(
        parent=bakery,
        title="La semaine prochaine",
        start_date=TUESDAY + timedelta(days=7),
        end_date=TUESDAY + timedelta(days=12),
    )
    response = admin_client.get(reverse("wagtailadmin_pages:view_draft", args=[upcoming.pk]))
    assert response.status_code == 200
    assert "La semaine prochaine" in response.content.decode()


@pytest.mark.parametrize(
    ("moment", "status"),
    [
        # The last day until midnight in Brussels, which is 23:00 UTC in winter.
        (datetime(2026, 11, 29, 23, 59, tzinfo=BRUSSELS), 200),
        (datetime(2026, 11, 30, 0, 1, tzinfo=BRUSSELS), 410),
        # The first day from midnight in Brussels, while it is still the day before in UTC.
        (datetime(2026, 11, 23, 23, 59, tzinfo=BRUSSELS), 404),
        (datetime(2026, 11, 24, 0, 1, tzinfo=BRUSSELS), 200),
    ],
)
def test_an_offer_starts_and_ends_at_midnight_in_brussels(client, clock, bakery, moment, status):
    offer = OfferPageFactory(
        parent=bakery, start_date=date(2026, 11, 24), end_date=date(2026, 11, 29)
    )
    clock(moment)
    assert client.get(offer.url).status_code == status


def test_unpublished_offer_is_not_found(client, offer):
    offer.unpublish()
    assert client.get(offer.url).status_code == 404


def test_sitemap_lists_current_offers_only(client, now, offer, bakery):
    OfferPageFactory(
        parent=bakery, title="Terminée", start_date=date(2026, 11, 1), end_date=date(2026, 11, 8)
    )
    OfferPageFactory(
        parent=bakery, title="À venir", start_date=date(2026, 12, 1), end_date=date(2026, 12, 6)
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/commerces/boulangerie-dupont/pain-au-levain-a-moitie-prix/</loc>" in sitemap
    assert "/terminee/" not in sitemap
    assert "/a-venir/" not in sitemap


@VALIDATES_HTML
def test_offer_and_ended_offer_pages_are_valid_html_without_inline_code(client, now, offer, bakery):
    ended = OfferPageFactory(
        parent=bakery, title="Finie", start_date=date(2026, 11, 1), end_date=date(2026, 11, 8)
    )
    documents = {
        "offer": client.get(offer.url).content.decode(),
        "ended": client.get(ended.url).content.decode(),
    }
    for html in documents.values():
        assert inline_code(html) == []
    assert validate_html(documents) == []
