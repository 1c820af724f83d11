"""/offres/: the current offers of every shop, newest first, twenty a page, filtered by
category, district and kind."""

import html as html_module
import re
from datetime import date, timedelta

import pytest
from django.http import QueryDict
from wagtail.models import PageViewRestriction

from directory.models import ShopPage
from offers.feed import PAGE_SIZE, feed_offers, parse_offer_query
from offers.models import OfferPage
from tests.clock import TUESDAY_MORNING
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    ImageFactory,
    OfferPageFactory,
    ShopPageFactory,
)
from tests.html import VALIDATES_HTML, inline_code, validate_html

pytestmark = pytest.mark.django_db

TUESDAY = TUESDAY_MORNING.date()


def titles(response):
    found = re.findall(r'<h3 class="offer-card__title"><a href="[^"]+">([^<]+)</a>', response)
    return [html_module.unescape(title) for title in found]


def feed(client, params=None):
    response = client.get("/offres/", params or {})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def bakery(offers_site):
    return ShopPageFactory(
        title="Boulangerie Dupont",
        category=CategoryFactory(name="Boulangerie", slug="boulangerie"),
        district=DistrictFactory(name="Centre", slug="centre"),
    )


@pytest.fixture
def florist(offers_site):
    return ShopPageFactory(
        title="Fleurs Martin",
        category=CategoryFactory(name="Fleuriste", slug="fleuriste"),
        district=DistrictFactory(name="Gare", slug="gare"),
    )


def offers_of_every_moment(shop):
    """Offers of `shop` on 24 November 2026: one current ("En cours"), one ended, one
    upcoming and one current but unpublished."""
    OfferPageFactory(parent=shop, title="En cours")
    OfferPageFactory(
        parent=shop, title="Terminée", start_date=date(2026, 11, 1), end_date=date(2026, 11, 23)
    )
    OfferPageFactory(
        parent=shop, title="À venir", start_date=date(2026, 11, 25), end_date=date(2026, 11, 29)
    )
    OfferPageFactory(parent=shop, title="Dépubliée").unpublish()


def test_feed_shows_current_offers_only(client, now, bakery):
    offers_of_every_moment(bakery)
    assert titles(feed(client)) == ["En cours"]


def test_feed_leaves_out_offers_of_an_unpublished_or_restricted_shop(client, now, bakery, florist):
    OfferPageFactory(parent=bakery, title="Du pain")
    OfferPageFactory(parent=florist, title="Des fleurs")
    hidden = ShopPageFactory(title="Privé")
    OfferPageFactory(parent=hidden, title="Secrète")
    PageViewRestriction.objects.create(page=hidden, restriction_type="login")
    florist.unpublish()
    assert titles(feed(client)) == ["Du pain"]


def test_newest_first_by_first_day_then_publication(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Depuis dimanche", start_date=date(2026, 11, 22))
    # Created first, published last: the publication, not the creation, decides.
    later = OfferPageFactory(parent=bakery, title="Aujourd'hui, publiée ensuite")
    earlier = OfferPageFactory(parent=bakery, title="Aujourd'hui, publiée d'abord")
    OfferPageFactory(parent=bakery, title="Depuis lundi", start_date=date(2026, 11, 23))
    OfferPage.objects.filter(pk=earlier.pk).update(first_published_at=now - timedelta(hours=2))
    OfferPage.objects.filter(pk=later.pk).update(first_published_at=now - timedelta(hours=1))
    assert titles(feed(client)) == [
        "Aujourd'hui, publiée ensuite",
        "Aujourd'hui, publiée d'abord",
        "Depuis lundi",
        "Depuis dimanche",
    ]


def test_offers_come_twenty_a_page(client, now, bakery):
    for number in range(PAGE_SIZE + 3):
        OfferPageFactory(parent=bakery, title=f"Offre {number:02d}")
    first, second = feed(client), feed(client, {"page": "2"})
    assert len(titles(first)) == PAGE_SIZE
    assert len(titles(second)) == 3
    assert set(titles(first)).isdisjoint(titles(second))
    assert "23 offres en cours" in first
    assert 'href="?page=2"' in first


def test_pagination_links_keep_the_filters(client, now, bakery):
    for number in range(PAGE_SIZE + 1):
        OfferPageFactory(parent=bakery, title=f"Offre {number:02d}")
    html = feed(client, {"categorie": "boulangerie"})
    assert 'href="?categorie=boulangerie&amp;page=2"' in html


def test_filter_by_category(client, now, bakery, florist):
    OfferPageFactory(parent=bakery, title="Du pain")
    OfferPageFactory(parent=florist, title="Des fleurs")
    assert titles(feed(client, {"categorie": "fleuriste"})) == ["Des fleurs"]


def test_filter_by_district(client, now, bakery, florist):
    OfferPageFactory(parent=bakery, title="Du pain")
    OfferPageFactory(parent=florist, title="Des fleurs")
    assert titles(feed(client, {"quartier": "centre"})) == ["Du pain"]


def test_filter_by_kind(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Promo", kind="promotion")
    OfferPageFactory(parent=bakery, title="Dégustation", kind="evenement")
    assert titles(feed(client, {"type": "evenement"})) == ["Dégustation"]


def test_filters_combine(client, now, bakery, florist):
    OfferPageFactory(parent=bakery, title="Promo pain", kind="promotion")
    OfferPageFactory(parent=bakery, title="Atelier pain", kind="evenement")
    OfferPageFactory(parent=florist, title="Atelier fleurs", kind="evenement")
    params = {"categorie": "boulangerie", "type": "evenement"}
    assert titles(feed(client, params)) == ["Atelier pain"]


def test_selected_filters_stay_selected_in_the_form(client, now, bakery):
    html = feed(client, {"categorie": "boulangerie", "quartier": "centre", "type": "semaine"})
    assert '<option value="boulangerie" selected>' in html
    assert '<option value="centre" selected>' in html
    assert '<option value="semaine" selected>' in html


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"categorie": "inconnue"}, "Catégorie inconnue : « inconnue »"),
        ({"quartier": "nulle-part"}, "Quartier inconnu : « nulle-part »"),
        ({"type": "soldes"}, "Type d'offre inconnu : « soldes »"),
    ],
)
def test_unknown_filter_is_ignored_with_a_notice(client, now, bakery, params, notice):
    OfferPageFactory(parent=bakery, title="Du pain")
    html = feed(client, params)
    assert notice in html_module.unescape(html)
    assert titles(html) == ["Du pain"]


def test_no_match_for_the_filters_says_so_with_a_way_out(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Du pain", kind="promotion")
    html = feed(client, {"type": "evenement"})
    assert "Aucune offre en cours ne correspond à ces filtres." in html
    assert '<a href="/offres/">Voir toutes les offres en cours</a>' in html


def test_empty_feed_says_there_is_no_offer(client, now, offers_site):
    assert "Aucune offre en cours pour l'instant." in feed(client)


@pytest.mark.parametrize(("days_left", "badge"), [(0, True), (1, True), (2, False), (5, False)])
def test_ends_soon_badge_in_the_last_two_days(client, now, bakery, days_left, badge):
    OfferPageFactory(parent=bakery, end_date=TUESDAY + timedelta(days=days_left))
    assert ("Se termine bientôt" in feed(client)) is badge


def test_each_card_links_to_its_offer_and_its_shop(client, now, bakery):
    offer = OfferPageFactory(parent=bakery, title="Du pain", image=ImageFactory())
    (card,) = re.findall(r'<article class="card card--offer">.*?</article>', feed(client), re.S)
    assert f'href="{offer.url}"' in card
    assert '<a href="/commerces/boulangerie-dupont/">Boulangerie Dupont</a>' in card
    assert "Centre" in card
    assert re.search(r'<img alt="" class="offer-card__image"[^>]+fill-480x300', card)


def test_parse_offer_query_keeps_known_values_and_notes_the_rest(db, now, bakery):
    query = parse_offer_query(QueryDict("categorie=boulangerie&quartier=lune&type=nouveaute"))
    assert query.category.slug == "boulangerie"
    assert query.district is None
    assert query.kind == "nouveaute"
    assert len(query.notices) == 1


def test_feed_offers_is_a_plain_function_of_the_query_and_the_day(db, now, bakery):
    offer = OfferPageFactory(parent=bakery, start_date=date(2026, 11, 24))
    query = parse_offer_query({})
    assert list(feed_offers(query, date(2026, 11, 24))) == [offer]
    assert list(feed_offers(query, date(2026, 11, 23))) == []


def test_feed_stays_within_twelve_queries_at_twenty_offers(
    client, now, offers_site, django_assert_max_num_queries
):
    category = CategoryFactory(name="Boulangerie", slug="boulangerie")
    district = DistrictFactory(name="Centre", slug="centre")
    for number in range(PAGE_SIZE + 5):
        shop = ShopPageFactory(
            title=f"Boulangerie {number:02d}", category=category, district=district
        )
        OfferPageFactory(parent=shop, title=f"Offre {number:02d}", image=ImageFactory())
    url = "/offres/?categorie=boulangerie&quartier=centre&type=promotion"
    client.get(url)  # the first request makes the renditions and warms the caches
    with django_assert_max_num_queries(12):
        html = feed(client, QueryDict(url.split("?")[1]))
    assert len(titles(html)) == PAGE_SIZE


@VALIDATES_HTML
def test_feed_is_valid_html_without_inline_code(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Du pain", image=ImageFactory(), price_text="-20 %")
    OfferPageFactory(parent=bakery, title="Bientôt fini", end_date=TUESDAY)
    documents = {
        "feed": feed(client),
        "filtered": feed(client, {"categorie": "boulangerie", "type": "inconnu"}),
        "empty": feed(client, {"type": "evenement"}),
    }
    for html in documents.values():
        assert inline_code(html) == []
    assert validate_html(documents) == []


def test_one_shops_current_offers_are_those_current_offers_gives_for_it(now, bakery, florist):
    from offers.current import current_offers, current_offers_of

    offers_of_every_moment(bakery)
    private = OfferPageFactory(parent=bakery, title="Privée")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    OfferPageFactory(parent=florist, title="Chez le fleuriste")
    day = date(2026, 11, 24)
    for shop in (bakery, florist):
        one_shop = ShopPage.objects.filter(pk=shop.pk)
        expected = sorted(current_offers(day, one_shop).values_list("title", flat=True))
        assert sorted(current_offers_of(shop, day).values_list("title", flat=True)) == expected
    assert list(current_offers_of(bakery, day).values_list("title", flat=True)) == ["En cours"]
