"""The directory on a public holiday: "open at" in the list and on the map, and the
cards' lines."""

import json
from datetime import datetime

import pytest

from core.clock import BRUSSELS
from directory.models import HolidayRule
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db

MON_TO_SAT = [(day, "09:00", "18:00") for day in range(6)]
CHRISTMAS_MORNING = {"ouvert": "2026-12-25T10:00"}


@pytest.fixture
def shops():
    ShopPageFactory(title="Boulangerie fermée", hours=MON_TO_SAT)
    ShopPageFactory(
        title="Épicerie ouverte", hours=MON_TO_SAT, public_holidays=HolidayRule.USUAL_HOURS
    )
    ShopPageFactory(
        title="Fleuriste du matin",
        hours=[*MON_TO_SAT, (7, "09:30", "12:00")],
        public_holidays=HolidayRule.OWN_HOURS,
    )


def titles(response):
    return [card.shop.title for card in response.context["result"].page.object_list]


def test_open_at_christmas_lists_only_the_shops_open_on_holidays(shops, client):
    response = client.get("/commerces/", CHRISTMAS_MORNING)
    assert sorted(titles(response)) == ["Fleuriste du matin", "Épicerie ouverte"]


def test_map_shows_the_same_shops_open_at_christmas(shops, client):
    response = client.get("/commerces/carte.geojson", CHRISTMAS_MORNING)
    names = sorted(
        feature["properties"]["name"] for feature in json.loads(response.content)["features"]
    )
    assert names == ["Fleuriste du matin", "Épicerie ouverte"]


def test_cards_say_when_a_shop_opens_after_the_holiday(shops, client, clock):
    clock(datetime(2026, 12, 24, 19, 0, tzinfo=BRUSSELS))
    response = client.get("/commerces/", {"tri": "nom"})
    statuses = {
        card.shop.title: card.status for card in response.context["result"].page.object_list
    }
    assert statuses["Boulangerie fermée"] == "Fermé · ouvre samedi à 09:00"
    assert statuses["Fleuriste du matin"] == "Fermé · ouvre demain à 09:30"
