"""The directory's extension points (directory.extension_points): what an app above
registers shows where the shop page says, and the merchants' rules, which offers
registers, decide what a shop allows."""

import json
import re

import pytest
from django.contrib.auth import get_user_model
from wagtail import hooks

from directory.extension_points import (
    AFTER_PHOTOS,
    SHOP_PAGE_PANELS,
    UNDER_ACTIONS,
    ShopPagePanel,
)
from offers.permissions import ShopPermissionTester
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db

BADGE = "Offre en cours"  # what components/offer_badge.html says


def business(html):
    """The shop's LocalBusiness from the page's JSON-LD."""
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(script.group(1))["@graph"][0]


def badge_panel(place):
    def panel(shop, request, today, *, preview=False):
        return ShopPagePanel(
            "components/offer_badge.html", place=place, structured_data={"slogan": "Ici"}
        )

    return panel


@pytest.mark.parametrize(("place", "before"), [(UNDER_ACTIONS, True), (AFTER_PHOTOS, False)])
def test_a_registered_panel_shows_at_its_place_with_its_structured_data(client, place, before):
    shop = ShopPageFactory(title="Quincaillerie Martin")
    with hooks.register_temporarily(SHOP_PAGE_PANELS, badge_panel(place)):
        html = client.get(shop.url).content.decode()
    assert html.count(BADGE) == 1
    # The address section sits between the two places.
    assert (html.index(BADGE) < html.index('id="shop-address-title"')) is before
    assert business(html)["slogan"] == "Ici"


def test_a_panel_that_returns_nothing_shows_nothing(client):
    shop = ShopPageFactory(title="Quincaillerie Martin")
    with hooks.register_temporarily(SHOP_PAGE_PANELS, lambda *args, **kwargs: None):
        assert client.get(shop.url).status_code == 200


def test_the_merchants_rules_decide_what_a_shop_allows():
    """Without offers' tester, Wagtail's own would let a merchant who may edit the shop
    also delete or unpublish it."""
    shop = ShopPageFactory()
    user = get_user_model().objects.create_user("commercant", "c@example.org", "x")
    assert isinstance(shop.permissions_for_user(user), ShopPermissionTester)
