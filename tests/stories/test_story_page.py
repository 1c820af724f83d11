"""The story page: the story, its shops as they are now, and what search engines and
social networks read of it."""

import json
import re

import pytest

from tests.factories import (
    ALL_WEEK,
    ImageFactory,
    ShopPageFactory,
    StoryPageFactory,
    story_block,
)
from tests.html import VALIDATES_HTML, inline_code, validate_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def florist():
    return ShopPageFactory(
        title="Fleurs de la Place",
        street="Grand-Place 3",
        latitude=50.4670,
        longitude=4.8680,
        hours=ALL_WEEK,
    )


@pytest.fixture
def story(stories_index, florist):
    bookshop = ShopPageFactory(title="Librairie du Pont", hours=ALL_WEEK)
    return StoryPageFactory(
        parent=stories_index,
        title="Des fleurs livrées à vélo",
        standfirst="Martine a lancé la livraison à vélo.",
        hero_image=ImageFactory(),
        hero_image_credit="Ville de Vilvèze",
        featured_shops=[florist],
        body=[
            story_block("heading", {"text": "Le déclic", "level": "h2"}),
            story_block("paragraph", "<p>Tout a commencé un samedi.</p>"),
            story_block(
                "testimonial",
                {"quote": "On vend un moment.", "name": "Martine", "role": "gérante"},
            ),
            story_block("shop_card", {"shop": bookshop, "note": "Pour lire en attendant."}),
        ],
    )


def html_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_story_page_shows_the_story_and_its_shops_as_they_are_now(client, now, story):
    html = html_of(client, story)
    assert "Des fleurs livrées à vélo" in html
    assert "On vend un moment." in html
    assert "Martine, gérante" in html
    assert "Librairie du Pont" in html
    assert "Rendez-leur visite" in html
    assert "Fleurs de la Place" in html
    assert "Ouvert · ferme à 18:00" in html
    assert "Grand-Place 3" in html


@VALIDATES_HTML
def test_story_page_is_valid_html_without_inline_code(client, now, story):
    html = html_of(client, story)
    assert inline_code(html) == []
    assert validate_html({"story": html}) == []


def test_story_json_ld_is_an_article_about_the_featured_shops(client, now, story, florist):
    html = html_of(client, story)
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    article, breadcrumb = json.loads(text)["@graph"]
    assert breadcrumb["@type"] == "BreadcrumbList"
    assert article["@type"] == "Article"
    assert article["headline"] == "Des fleurs livrées à vélo"
    assert article["about"] == [{"@id": "http://testserver/commerces/fleurs-de-la-place/#commerce"}]
