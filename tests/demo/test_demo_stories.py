"""The demo's campaign and stories (`seed_demo`), seeded once for this module, and the
pages they make: valid, without inline code, leading to the demo's shops."""

import re

import pytest

from directory.models import ShopPage
from stories.models import CampaignPage, StoryPage
from tests.html import VALIDATES_HTML, inline_code, validate_html

pytestmark = pytest.mark.django_db


def blocks_of(story, block_type):
    return [block.value for block in story.body if block.block_type == block_type]


def test_demo_has_one_campaign_and_five_live_stories(demo_site):
    assert CampaignPage.objects.live().count() == 1
    assert StoryPage.objects.live().count() == 5


def test_every_demo_story_has_testimonials_and_shop_cards_of_demo_shops(demo_site):
    for story in StoryPage.objects.live():
        assert blocks_of(story, "testimonial"), story
        cards = blocks_of(story, "shop_card")
        assert cards, story
        assert all(card["shop"].live for card in cards), story
        assert story.featured_shops.count() >= 2, story
        assert story.hero_image is not None


def test_most_demo_stories_belong_to_the_campaign(demo_site):
    campaign = CampaignPage.objects.get()
    assert StoryPage.objects.filter(campaign=campaign).count() == 4


@VALIDATES_HTML
def test_demo_story_pages_campaign_and_index_are_valid_html_without_inline_code(demo_site, client):
    urls = [
        "/histoires/",
        "/histoires/flux/",
        *(page.url for page in CampaignPage.objects.all()),
        *(page.url for page in StoryPage.objects.all()),
    ]
    documents = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if url.endswith("/flux/"):
            continue
        documents[url] = response.content.decode()
        assert inline_code(documents[url]) == [], url
        assert not response.cookies, url
    assert validate_html(documents) == []


def test_demo_story_leads_to_its_shops(demo_site, client):
    story = StoryPage.objects.get(slug="des-fleurs-livrees-a-velo")
    html = client.get(story.url).content.decode()
    assert "Rendez-leur visite" in html
    florist = ShopPage.objects.get(title="Fleurs de la Grand-Place")
    assert f'href="{florist.url}"' in html
    assert 'id="shops-map"' in html


def test_demo_shop_page_says_ils_en_parlent(demo_site, client):
    florist = ShopPage.objects.get(title="Fleurs de la Grand-Place")
    html = client.get(florist.url).content.decode()
    assert "Ils en parlent" in html
    assert "Des fleurs livrées à vélo" in html


def test_campaign_page_shows_its_stories_shops_offers_and_partners(demo_site, client):
    html = client.get(CampaignPage.objects.get().url).content.decode()
    assert "Les histoires de la campagne" in html
    assert "Les commerces participants" in html
    assert "Fleurs de la Grand-Place" in html
    assert "Du champ à l'assiette" not in html  # not in the campaign
    assert "Union des commerçants de Vilvèze" in html
    assert 'id="shops-map"' in html


def test_home_page_shows_three_stories_the_pinned_one_first(demo_site, client):
    html = client.get("/").content.decode()
    titles = re.findall(r'<h3 class="story-card__title"><a href="[^"]+">([^<]+)</a>', html)
    assert len(titles) == 3
    assert titles[0] == "Des fleurs livrées à vélo"
