"""The migration that gave existing shops their public-holiday rule."""

import importlib

import pytest
from django.apps import apps

from directory.models import HolidayRule, ShopPage
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db

migration = importlib.import_module("directory.migrations.0006_shop_public_holidays")


def test_existing_shops_close_on_holidays_but_those_open_round_the_clock():
    bakery = ShopPageFactory(hours=[(day, "07:00", "13:00") for day in range(7)])
    station = ShopPageFactory(hours=[(day, "00:00", "00:00") for day in range(7)])
    weekend = ShopPageFactory(hours=[(day, "00:00", "00:00") for day in (5, 6)])

    migration.keep_round_the_clock_shops_open(apps, None)

    rules = dict(ShopPage.objects.values_list("pk", "public_holidays"))
    assert rules[bakery.pk] == HolidayRule.CLOSED
    assert rules[station.pk] == HolidayRule.USUAL_HOURS
    assert rules[weekend.pk] == HolidayRule.CLOSED
