"""The demo's two merchant accounts."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from demo.accounts import MERCHANT_ACCOUNTS
from offers import merchants


@pytest.mark.django_db
def test_demo_merchants_each_manage_one_shop_and_log_in(client, demo_site, log_in):
    assert len(MERCHANT_ACCOUNTS) == 2
    shops = set()
    for account in MERCHANT_ACCOUNTS:
        user = get_user_model().objects.get(username=account.username)
        (shop,) = merchants.merchant_shops(user)
        shops.add(shop.pk)
        assert merchants.is_merchant(user)
        assert log_in(client, account.username, account.password).status_code == 302
        assert shop.title in client.get("/admin/").content.decode()
    assert len(shops) == 2


@pytest.mark.django_db
def test_seed_demo_prints_the_merchant_accounts(demo_site):
    out = io.StringIO()
    call_command("seed_demo", force=True, stdout=out)
    for account in MERCHANT_ACCOUNTS:
        assert f"{account.username} / {account.password}" in out.getvalue()
