"""The stories index announces its count: in the title when a campaign filters it, in
a status region."""

import pytest

from tests.factories import CampaignPageFactory, StoryPageFactory
from tests.html import page_title, status_texts

pytestmark = pytest.mark.django_db


def stories(client, params):
    response = client.get("/histoires/", params)
    assert response.status_code == 200
    return response.content.decode()


def test_a_campaign_filter_puts_the_count_in_the_title(client, stories_index):
    campaign = CampaignPageFactory(parent=stories_index, slug="achetez")
    StoryPageFactory(campaign=campaign)
    StoryPageFactory()
    html = stories(client, {"campagne": "achetez"})
    assert page_title(html) == "Histoires — 1 résultat · Vitrine"


def test_the_count_of_stories_is_in_a_status_region(client, stories_index):
    StoryPageFactory()
    StoryPageFactory()
    html = stories(client, {})
    assert page_title(html) == "Histoires · Vitrine"
    assert "2 histoires" in status_texts(html)


def test_an_index_without_story_says_aucune_histoire(client, stories_index):
    assert "Aucune histoire" in status_texts(stories(client, {}))
