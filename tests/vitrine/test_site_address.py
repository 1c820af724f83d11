"""With SITE_URL set to the public address, every absolute link the site writes uses
it: the sitemap and robots.txt, a shop page's canonical, OpenGraph and JSON-LD, the
offers' and stories' feeds, the open data, and the links in e-mails. None names the
host a request came in on, nor a laptop's address."""

import csv
import io
import json
import re
import xml.etree.ElementTree as ElementTree
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import Page

from core.clock import today
from directory.models import ShopPhoto
from offers import merchants, reminders
from offers.models import OfferPage
from tests.conftest import PUBLIC_SITE_URL
from tests.factories import (
    DirectoryPageFactory,
    HomePageFactory,
    ImageFactory,
    OfferPageFactory,
    OffersPageFactory,
    ShopPageFactory,
    StoriesPageFactory,
    StoryPageFactory,
)

pytestmark = pytest.mark.django_db

SHOP_URL = f"{PUBLIC_SITE_URL}/commerces/boulangerie-dupont/"
# The test client's host, and a laptop's: a link built from the request or from a
# default would name one of them.
OTHER_HOSTS = ("testserver", "localhost", "127.0.0.1")


def assert_no_other_host(text):
    for host in OTHER_HOSTS:
        assert host not in text, host


@pytest.fixture
def bakery(public_site_url, now):
    home = HomePageFactory()
    DirectoryPageFactory(parent=home, slug="commerces")
    OffersPageFactory(parent=home, slug="offres")
    StoriesPageFactory(parent=home, slug="histoires")
    shop = ShopPageFactory(title="Boulangerie Dupont", latitude=50.4669, longitude=4.8675)
    shop.photos = [ShopPhoto(image=ImageFactory(), alt_text="La vitrine")]
    shop.save_revision().publish()
    return shop


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    text = response.content.decode()
    assert_no_other_host(text)
    return text


def test_the_sitemap_lists_the_pages_at_the_public_address(client, bakery):
    assert f"<loc>{SHOP_URL}</loc>" in get(client, "/sitemap.xml")


def test_robots_txt_points_to_the_sitemap_at_the_public_address(client, bakery):
    lines = get(client, "/robots.txt").splitlines()
    assert f"Sitemap: {PUBLIC_SITE_URL}/sitemap.xml" in lines


def test_a_shop_page_names_itself_and_its_photo_at_the_public_address(client, bakery):
    html = get(client, bakery.url)
    assert f'<link rel="canonical" href="{SHOP_URL}">' in html
    assert f'<meta property="og:url" content="{SHOP_URL}">' in html
    (image,) = re.findall(r'<meta property="og:image" content="([^"]+)">', html)
    assert image.startswith(f"{PUBLIC_SITE_URL}/media/images/")
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    shop = next(item for item in json.loads(script)["@graph"] if item.get("url"))
    assert shop["url"] == SHOP_URL


def test_the_offers_feed_links_to_the_public_address(client, bakery):
    OfferPageFactory(parent=bakery, title="Pain à moitié prix")
    channel = ElementTree.fromstring(get(client, "/offres/flux/")).find("channel")
    assert channel.findtext("link") == f"{PUBLIC_SITE_URL}/offres/"
    (item,) = channel.findall("item")
    assert item.findtext("link") == f"{SHOP_URL}pain-a-moitie-prix/"


def test_the_stories_feed_links_to_the_public_address(client, bakery):
    StoryPageFactory(title="Le pain du dimanche", featured_shops=[bakery])
    channel = ElementTree.fromstring(get(client, "/histoires/flux/")).find("channel")
    (item,) = channel.findall("item")
    assert item.findtext("link") == f"{PUBLIC_SITE_URL}/histoires/le-pain-du-dimanche/"


def test_the_geojson_links_each_shop_at_the_public_address(client, bakery):
    collection = json.loads(get(client, "/commerces/donnees.geojson"))
    (feature,) = collection["features"]
    assert feature["properties"]["url"] == SHOP_URL


def test_the_open_data_csv_links_each_shop_at_the_public_address(client, bakery):
    (row,) = csv.DictReader(io.StringIO(get(client, "/commerces/donnees.csv")))
    assert row["url"] == SHOP_URL


def test_the_invitation_links_to_the_public_address(bakery, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        merchants.grant_access(bakery, "Léa Martin", "lea@example.be")
    (message,) = mail.outbox
    assert_no_other_host(message.body)
    assert f"{PUBLIC_SITE_URL}/admin/password_reset/" in message.body
    assert f"{PUBLIC_SITE_URL}/admin/\n" in message.body


def test_the_reminder_links_to_the_public_address(bakery):
    merchants.grant_access(bakery, "Léa Martin", "lea@example.be", invite=False)
    offer = OfferPageFactory(parent=bakery, title="Pain à moitié prix")
    OfferPage.objects.filter(pk=offer.pk).update(
        start_date=today() - timedelta(days=20), end_date=today() - timedelta(days=1)
    )
    Page.objects.filter(pk=offer.pk).update(first_published_at=timezone.now() - timedelta(days=20))
    assert reminders.send_reminders() == 1
    (message,) = mail.outbox
    assert_no_other_host(message.body)
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 3  # a new offer, repost the last one, stop the reminders
    assert all(link.startswith(f"{PUBLIC_SITE_URL}/") for link in links)
