"""The feed's first picture is in the first screen: it loads at once, the others lazily."""

import re

import pytest

from tests.factories import ImageFactory, OfferPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db


def card_pictures(client):
    """The <img> of each offer card of /offres/, in order (None for a card without)."""
    html = client.get("/offres/").content.decode()
    cards = re.findall(r'<article class="card card--offer">(.*?)</article>', html, re.S)
    return [(re.search(r"<img[^>]*>", card) or [None])[0] for card in cards]


def test_the_first_offer_picture_loads_at_once_and_the_others_lazily(client, now, offers_site):
    shop = ShopPageFactory()
    # Newest first: the offer made last is the first card, and it has no picture.
    for title in ("Trois", "Deux"):
        OfferPageFactory(parent=shop, title=title, image=ImageFactory())
    OfferPageFactory(parent=shop, title="Un", image=None)
    without, first, other = card_pictures(client)
    assert without is None
    assert 'fetchpriority="high"' in first
    assert "loading=" not in first
    assert 'loading="lazy"' in other
    assert "fetchpriority" not in other


def test_an_offer_page_fetches_its_picture_first(client, now, offers_site):
    offer = OfferPageFactory(parent=ShopPageFactory(), image=ImageFactory())
    html = client.get(offer.url).content.decode()
    picture = re.search(r'<img class="offer__image"[^>]*>', html)[0]
    assert 'fetchpriority="high"' in picture
    assert "loading=" not in picture
