"""A shop's price range: set by staff only, published as schema.org's priceRange."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db


def edit_form_data(client, page):
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    return querydict_from_html(html, form_id="page-edit-form")


def business(client, shop):
    html = client.get(shop.url).content.decode()
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)["@graph"][0]


def test_staff_see_the_price_range_field_and_merchants_do_not(client, merchant_a, staff_user):
    client.force_login(merchant_a.user)
    assert "price_range" not in edit_form_data(client, merchant_a.shop)
    client.force_login(staff_user)
    assert "price_range" in edit_form_data(client, merchant_a.shop)


def test_a_merchant_cannot_set_the_price_range_with_a_crafted_post(client, merchant_a):
    client.force_login(merchant_a.user)
    data = edit_form_data(client, merchant_a.shop)
    data["price_range"] = "€€€€"
    client.post(reverse("wagtailadmin_pages:edit", args=[merchant_a.shop.pk]), data)
    merchant_a.shop.refresh_from_db()
    assert merchant_a.shop.price_range == ""
    assert merchant_a.shop.get_latest_revision_as_object().price_range == ""


def test_the_price_range_staff_set_is_in_the_shop_s_json_ld(client, now):
    shop = ShopPageFactory(price_range="€€")
    assert business(client, shop)["priceRange"] == "€€"


def test_a_shop_without_a_price_range_has_none_in_its_json_ld(client, now):
    shop = ShopPageFactory()
    assert "priceRange" not in business(client, shop)
