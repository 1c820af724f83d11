"""The directory's result cards (directory.cards): the shops' rows, photos and hours are
kept per shop, and a card never shows what the content no longer says."""

import re
from datetime import datetime, time

import pytest
from django.core.cache import cache
from wagtail.models import Site

from core.clock import BRUSSELS
from directory.models import OpeningHours, ShopPhoto
from directory.shop_cache import GENERATION_KEY, forget_shop_pages
from home.models import SiteSettings
from insights.models import InsightsSettings
from tests.factories import (
    CategoryFactory,
    ImageFactory,
    OfferPageFactory,
    published_shops,
)
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db

URL = "/commerces/?q=boul"


def make_bakeries(count):
    category = CategoryFactory(name="Boulangerie", slug="boulangerie")
    # The settings' rows, as a running site has them (the first page shown creates them,
    # which starts a new generation of cached pages and cards).
    site = Site.objects.get(is_default_site=True)
    SiteSettings.for_site(site)
    InsightsSettings.for_site(site)
    return published_shops(
        count, title="Boulangerie {number:02d}", category=category, hours=[(1, "09:00", "18:00")]
    )


@pytest.fixture
def bakeries():
    return make_bakeries(3)


def cards(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return {card.shop.title: card for card in response.context["result"].page.object_list}


def tables_read(client, url=URL):
    with counted_rendering() as context:
        assert client.get(url).status_code == 200
    return {table for query in context for table in re.findall(r'FROM "(\w+)"', query["sql"])}


def test_a_second_search_reads_no_shop_row_photo_or_hours_again(client, clock, bakeries):
    first = tables_read(client)
    assert {"directory_openinghours", "directory_shopphoto"} <= first
    again = tables_read(client)
    assert not again & {"directory_openinghours", "directory_specialhours", "directory_shopphoto"}


def test_twelve_queries_at_most_at_twenty_results_with_no_card_kept(client, clock):
    make_bakeries(25)
    client.get(URL)
    forget_shop_pages()
    with counted_rendering() as context:
        assert client.get(URL).status_code == 200
    assert len([query for query in context if "SAVEPOINT" not in query["sql"]]) <= 12


def test_published_hours_show_on_the_card_at_the_next_search(client, clock, bakeries):
    assert cards(client)["Boulangerie 00"].status == "Ouvert · ferme à 18:00"
    shop = bakeries[0]
    shop.opening_hours = [OpeningHours(weekday=1, opens=time(9), closes=time(12))]
    shop.save_revision().publish()
    assert cards(client)["Boulangerie 00"].status == "Ouvert · ferme à 12:00"


def test_a_shop_republished_elsewhere_shows_at_the_next_search(client, clock, bakeries):
    cards(client)
    generation = cache.get(GENERATION_KEY)
    shop = bakeries[0]
    shop.title = "Boulangerie 00 du Marché"
    clock(datetime(2026, 11, 24, 10, 5, tzinfo=BRUSSELS))
    shop.save_revision().publish()
    # As another process sees it: its signals dropped nothing here.
    cache.set(GENERATION_KEY, generation, timeout=None)
    assert "Boulangerie 00 du Marché" in cards(client)


def test_open_or_closed_follows_the_clock_with_the_cards_kept(client, clock, bakeries):
    assert cards(client)["Boulangerie 00"].status == "Ouvert · ferme à 18:00"
    clock(datetime(2026, 11, 24, 18, 0, tzinfo=BRUSSELS))
    assert cards(client)["Boulangerie 00"].status == "Fermé · ouvre le 1 décembre à 09:00"


def test_a_new_offer_shows_its_badge_at_the_next_search_with_the_cards_kept(
    client, clock, bakeries
):
    assert not cards(client)["Boulangerie 00"].has_current_offer
    generation = cache.get(GENERATION_KEY)
    OfferPageFactory(parent=bakeries[0])
    # As when it is published by another process: only the shop's child count says so.
    cache.set(GENERATION_KEY, generation, timeout=None)
    found = cards(client)
    assert found["Boulangerie 00"].has_current_offer
    assert not found["Boulangerie 01"].has_current_offer


def test_an_unpublished_offer_loses_its_badge_at_the_next_search(client, clock, bakeries):
    offer = OfferPageFactory(parent=bakeries[0])
    assert cards(client)["Boulangerie 00"].has_current_offer
    offer.unpublish()
    assert not cards(client)["Boulangerie 00"].has_current_offer


def test_the_badge_goes_the_day_after_the_offer_ends(client, clock, bakeries):
    OfferPageFactory(parent=bakeries[0], end_date=datetime(2026, 11, 25).date())
    assert cards(client)["Boulangerie 00"].has_current_offer
    clock(datetime(2026, 11, 25, 23, 59, tzinfo=BRUSSELS))
    assert cards(client)["Boulangerie 00"].has_current_offer
    clock(datetime(2026, 11, 26, 0, 0, tzinfo=BRUSSELS))
    assert not cards(client)["Boulangerie 00"].has_current_offer


def pictures(client, url=URL):
    """{shop title: the <img> of its card, or None}, from the page's HTML."""
    html = client.get(url).content.decode()
    card = (
        r'<article class="card card--shop">(.*?)'
        r'<h3 class="shop-card__title"><a [^>]+>([^<]+)</a>'
    )
    return {
        title: (re.search(r"<img[^>]*>", body) or [None])[0]
        for body, title in re.findall(card, html, re.S)
    }


def rendition_of(image):
    return image.renditions.get(filter_spec="fill-160x160|format-webp")


def test_a_card_shows_the_logo_else_the_first_photo_else_no_picture(client, clock, bakeries):
    with_logo, with_photos, without = bakeries
    with_logo.logo = ImageFactory()
    with_logo.photos = [ShopPhoto(image=ImageFactory(), alt_text="La vitrine")]
    with_logo.save_revision().publish()
    first, second = ImageFactory(), ImageFactory()
    with_photos.photos = [
        ShopPhoto(image=first, alt_text="La vitrine", sort_order=0),
        ShopPhoto(image=second, alt_text="Le comptoir", sort_order=1),
    ]
    with_photos.save_revision().publish()

    found = pictures(client)

    assert found[without.title] is None
    for shop, image in ((with_logo, with_logo.logo), (with_photos, first)):
        rendition = rendition_of(image)
        img = found[shop.title]
        assert f'src="{rendition.url}"' in img
        size = (f'width="{rendition.width}"', f'height="{rendition.height}"')
        for attribute in (*size, 'alt=""'):
            assert attribute in img
        assert 'class="shop-card__image"' in img


def test_the_first_picture_of_the_list_loads_at_once_and_the_others_lazily(client, clock, bakeries):
    # The first card has no picture: the second card's is the first one seen.
    for shop in bakeries[1:]:
        shop.logo = ImageFactory()
        shop.save_revision().publish()
    # Twice: the second page is built from the cached cards.
    for _ in range(2):
        without, first, *others = pictures(client).values()
        assert without is None
        assert 'fetchpriority="high"' in first
        assert "loading=" not in first
        assert others
        for img in others:
            assert 'loading="lazy"' in img
            assert "fetchpriority" not in img


def test_a_second_search_looks_up_no_rendition(client, clock, bakeries):
    shop = bakeries[0]
    shop.logo = ImageFactory()
    shop.save_revision().publish()
    pictures(client)  # makes the rendition, which starts a new generation of cards
    assert pictures(client)[shop.title] is not None
    # Out of Wagtail's rendition cache: a card that looked its picture up again would
    # read the renditions table.
    rendition_of(shop.logo).purge_from_cache()
    assert "wagtailimages_rendition" not in tables_read(client)
    assert pictures(client)[shop.title] is not None


def test_a_new_logo_shows_at_the_next_search(client, clock, bakeries):
    shop = bakeries[0]
    shop.logo = ImageFactory()
    shop.save_revision().publish()
    before = pictures(client)[shop.title]
    shop.logo = ImageFactory()
    shop.save_revision().publish()
    after = pictures(client)[shop.title]
    assert after != before
    assert rendition_of(shop.logo).url in after
