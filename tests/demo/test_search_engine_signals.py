"""What every page of the demo tells search engines and link previews: a title and a
description of its own, a canonical address, OpenGraph and Twitter cards; filtered lists
kept out of the index; page numbers that name no page answered 404 (issue 18)."""

from collections import Counter

import pytest
from django.test import Client
from wagtail.models import Page

from offers.models import OfferPage
from tests.head import read_head

pytestmark = [
    pytest.mark.django_db,
    # As tests/html.py's validations: the heads are the templates', from rows that read
    # the same on every engine; a searched list's head follows its query string, not what
    # the search finds (the searches themselves run on both engines elsewhere).
    pytest.mark.engine_independent("the pages' heads, written by the templates"),
]

LISTINGS = ["/commerces/", "/offres/", "/histoires/", "/operations/qui-est-ouvert-dimanche/"]


def live_page_heads(client):
    """(url, Head) of every live, public page of the demo that answers 200 (an ended
    offer answers 410, an offer not started yet 404)."""
    heads = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        response = client.get(page.url)
        if response.status_code == 200:
            heads.append((page.url, page, read_head(response.content.decode())))
    return heads


@pytest.fixture(scope="module")
def heads(_demo_for_this_module, django_db_blocker):
    """The demo's pages read once for the module's checks (a walk of the whole site)."""
    with django_db_blocker.unblock():
        return live_page_heads(Client())


def test_the_demo_has_pages_of_every_type(heads):
    types = {type(page).__name__ for _url, page, _head in heads}
    assert types >= {
        "HomePage",
        "DirectoryPage",
        "ShopPage",
        "OfferPage",
        "OffersPage",
        "StoriesPage",
        "StoryPage",
        "CampaignPage",
        "OperationsPage",
        "OperationPage",
        "StandardPage",
    }


def test_no_two_live_pages_share_a_title(heads):
    counts = Counter(head.title for _url, _page, head in heads)
    assert [title for title, count in counts.items() if count > 1] == []


def test_no_two_live_pages_share_a_description(heads):
    counts = Counter(head.meta.get("description") for _url, _page, head in heads)
    assert [text for text, count in counts.items() if count > 1] == []


def test_every_live_page_has_a_description_canonical_and_link_previews(heads):
    for url, page, head in heads:
        assert head.meta.get("description"), url
        assert head.canonical == page.get_full_url(), url
        assert head.meta["og:url"] == head.canonical, url
        assert head.meta["og:title"], url
        assert head.meta["og:description"] == head.meta["description"], url
        assert head.meta["og:type"] in ("website", "article"), url
        assert head.meta["twitter:card"] in ("summary", "summary_large_image"), url
        assert "robots" not in head.meta, url


def test_an_offer_title_names_its_shop(demo_site, client):
    # Two shops of the demo post "Le pain du dimanche à moitié prix".
    offer = OfferPage.objects.filter(title="Le pain du dimanche à moitié prix").first()
    html = client.get(offer.url).content.decode()
    head = read_head(html)
    shop = offer.get_parent().title
    assert head.title.startswith(f"{offer.title} — {shop}")
    assert head.meta["og:title"] == f"{offer.title} — {shop}"
    assert shop in head.meta["description"]


def test_an_offer_shares_its_own_picture_at_link_preview_size(demo_site, client):
    offer = OfferPage.objects.live().exclude(image=None).first()
    head = read_head(client.get(offer.url).content.decode())
    assert head.meta["og:image"].startswith("http")
    assert "fill-1200x630" in head.meta["og:image"]
    assert (
        head.meta["og:image"].split("/")[-1].startswith(offer.image.file.name.split("/")[-1][:15])
    )
    assert head.meta["twitter:card"] == "summary_large_image"


def test_an_offer_without_a_picture_shares_its_shop_s(demo_site, client):
    offer = OfferPage.objects.live().exclude(image=None).first()
    OfferPage.objects.filter(pk=offer.pk).update(image=None)
    head = read_head(client.get(offer.url).content.decode())
    shop_head = read_head(client.get(offer.get_parent().url).content.decode())
    assert head.meta["og:image"] == shop_head.meta["og:image"]


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("query", ["q=", "q=pain", "categorie=boulangerie", "tri=nom", "x=1"])
def test_a_filtered_or_searched_list_is_noindex_with_the_unfiltered_canonical(
    demo_site, client, url, query
):
    response = client.get(f"{url}?{query}")
    assert response.status_code == 200
    head = read_head(response.content.decode())
    assert head.meta["robots"] == "noindex, follow"
    assert head.canonical == f"http://testserver{url}"


def test_the_directory_s_second_page_is_indexable_with_its_own_canonical(demo_site, client):
    head = read_head(client.get("/commerces/?page=2").content.decode())
    assert "robots" not in head.meta
    assert head.canonical == "http://testserver/commerces/?page=2"


@pytest.mark.parametrize("url", LISTINGS)
@pytest.mark.parametrize("page", ["999", "0", "-1", "abc", "2.0"])
def test_a_page_number_naming_no_page_answers_the_site_s_404(demo_site, client, url, page):
    response = client.get(url, {"page": page})
    assert response.status_code == 404
    html = response.content.decode()
    assert "Cette page est introuvable" in html
    assert 'action="/commerces/"' in html  # the way forward: the directory's search box


def test_the_404_page_has_a_description_link_previews_and_is_noindex(demo_site, client):
    head = read_head(client.get("/commerces/pas-de-tel-commerce/").content.decode())
    assert head.meta["robots"] == "noindex"
    assert "Vilvèze" in head.meta["description"]
    assert head.canonical == "http://testserver/commerces/pas-de-tel-commerce/"
    assert head.meta["og:title"] == "Page introuvable"
    assert head.meta["twitter:card"] == "summary"
