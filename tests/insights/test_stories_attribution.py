"""Stories and campaigns: their views count, and the visits and intents they lead to are
credited to them, by the page the click happened on or the page the visitor came from;
the report then shows them."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from insights import traffic
from insights.models import DailyCount
from insights.period import last_days
from tests.factories import CampaignPageFactory, ShopPageFactory, StoryPageFactory
from tests.insights.test_script import counting_script, parse

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15"
)


@pytest.fixture
def shop(db):
    return ShopPageFactory(title="Fromagerie des Remparts")


@pytest.fixture
def story(shop):
    return StoryPageFactory(title="Le fromager qui affine en cave", featured_shops=[shop])


def send(client, payload):
    response = client.post(
        reverse("insights_beacon"),
        json.dumps(payload),
        content_type="text/plain;charset=UTF-8",
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 204
    return response


def counts():
    return sorted(DailyCount.objects.values_list("page_id", "kind", "source_page_id", "count"))


def test_a_story_counts_its_view_and_marks_its_shop_cards_directions(client, story, shop):
    response = client.get(story.get_url())
    script = counting_script(response)
    assert (script["data-page"], script["data-view"]) == (str(story.pk), "true")
    directions = [link for link in parse(response).intents if link["data-intent"] == "directions"]
    assert directions
    assert {link["data-shop"] for link in directions} == {str(shop.pk)}


def test_directions_from_a_story_shop_card_are_credited_to_the_story(client, story, shop):
    send(client, {"page": shop.pk, "kind": "directions", "from": story.pk})
    assert counts() == [(shop.pk, "directions", story.pk, 1)]


def test_a_visit_from_a_story_and_the_intent_on_the_shop_page_are_credited_to_it(
    client, story, shop
):
    send(client, {"page": shop.pk, "kind": "view", "via": story.get_url()})
    send(client, {"page": shop.pk, "kind": "directions", "from": shop.pk, "via": story.get_url()})
    assert counts() == [(shop.pk, "directions", story.pk, 1), (shop.pk, "view", story.pk, 1)]


def test_a_campaign_is_credited_like_a_story(client, shop):
    campaign = CampaignPageFactory(title="Noël à Vilvèze")
    send(client, {"page": campaign.pk, "kind": "view"})
    send(client, {"page": shop.pk, "kind": "call", "via": campaign.get_url()})
    (table,) = traffic.source_tables(last_days(7, timezone.localdate()), only="campagnes")
    assert [(row[0].text, *row[1:]) for row in table.rows] == [("Noël à Vilvèze", 1, 0, 1)]


def test_the_report_shows_the_story_and_the_intents_it_led_to(client, story, shop):
    send(client, {"page": story.pk, "kind": "view"})
    send(client, {"page": shop.pk, "kind": "view", "via": story.get_url()})
    send(client, {"page": shop.pk, "kind": "directions", "via": story.get_url()})
    (table,) = traffic.source_tables(last_days(7, timezone.localdate()), only="histoires")
    assert [(row[0].text, *row[1:]) for row in table.rows] == [
        ("Le fromager qui affine en cave", 1, 1, 1)
    ]
