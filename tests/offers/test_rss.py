"""/offres/flux/: the feed's current offers as RSS 2.0, with absolute links."""

import re
import xml.etree.ElementTree as ElementTree
from datetime import date
from email.utils import parsedate_to_datetime

import pytest

from offers.models import OfferPage
from tests.factories import CategoryFactory, OfferPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bakery(offers_site):
    return ShopPageFactory(
        title="Boulangerie Dupont", category=CategoryFactory(name="Boulangerie", slug="boulangerie")
    )


def channel(client, params=None):
    response = client.get("/offres/flux/", params or {})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss"
    assert root.get("version") == "2.0"
    return root.find("channel")


def test_rss_lists_the_current_offers_with_absolute_links(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Pain à moitié prix", short_text="Le dimanche.")
    OfferPageFactory(
        parent=bakery, title="Terminée", start_date=date(2026, 11, 1), end_date=date(2026, 11, 8)
    )
    feed = channel(client)
    assert feed.findtext("title") == "Offres · Vitrine"
    assert feed.findtext("link") == "http://testserver/offres/"
    (item,) = feed.findall("item")
    assert item.findtext("title") == "Pain à moitié prix · Boulangerie Dupont"
    assert (
        item.findtext("link")
        == "http://testserver/commerces/boulangerie-dupont/pain-a-moitie-prix/"
    )
    assert item.findtext("description") == "Le dimanche. Du 24/11/2026 au 29/11/2026."
    assert parsedate_to_datetime(item.findtext("pubDate")) == now
    assert item.findtext("category") == "Promotion"


def test_rss_items_come_newest_first(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Depuis lundi", start_date=date(2026, 11, 23))
    OfferPageFactory(parent=bakery, title="Depuis aujourd'hui")
    titles = [item.findtext("title") for item in channel(client).findall("item")]
    assert titles == [
        "Depuis aujourd'hui · Boulangerie Dupont",
        "Depuis lundi · Boulangerie Dupont",
    ]


def test_rss_follows_the_same_filters_as_the_page(client, now, bakery):
    OfferPageFactory(parent=bakery, title="Promo", kind="promotion")
    OfferPageFactory(parent=bakery, title="Atelier", kind="evenement")
    items = channel(client, {"type": "evenement"}).findall("item")
    assert [item.findtext("title") for item in items] == ["Atelier · Boulangerie Dupont"]


def test_rss_lists_every_current_offer_in_a_fixed_number_of_queries(
    client, now, bakery, django_assert_max_num_queries
):
    """Not a page of them (20 on /offres/, once 50 here): feed readers take a feed
    whole (see offers.rss). The same query count as for one offer."""
    for number in range(55):
        # Live without a revision: the feed needs no more, and it is four times faster.
        bakery.add_child(
            instance=OfferPage(
                title=f"Offre {number}", short_text="-10 %", live=True, first_published_at=now
            )
        )
    with django_assert_max_num_queries(15):
        items = channel(client).findall("item")
    assert len(items) == 55


def test_empty_rss_is_still_a_valid_channel(client, now, offers_site):
    feed = channel(client)
    assert feed.findall("item") == []
    assert feed.findtext("title")


def test_feed_page_announces_its_rss_in_the_head(client, now, offers_site):
    html = client.get("/offres/").content.decode()
    head = html.split("</head>")[0]
    (link,) = re.findall(r'<link rel="alternate" type="application/rss\+xml"[^>]*>', head)
    assert 'href="/offres/flux/"' in link
    assert 'href="/offres/flux/"' in html.split("</head>")[1]
