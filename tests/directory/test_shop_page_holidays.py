"""The shop page on and before public holidays: the week's table, the holiday rule,
the holidays ahead and how long the rendered page stays true."""

import re
from datetime import date, datetime

import pytest

from core.clock import BRUSSELS
from directory.models import HolidayRule
from directory.shop_hours import (
    holiday_hours_text,
    upcoming_special_hours,
    week_table,
)
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db

WEEKDAYS = [(day, "09:00", "18:00") for day in range(6)]
CHRISTMAS_WEEK = date(2026, 12, 23)


def text_of(client, shop):
    response = client.get(shop.url)
    assert response.status_code == 200
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def test_week_table_marks_the_holiday_with_its_name():
    shop = ShopPageFactory(hours=WEEKDAYS)
    friday = week_table(shop, CHRISTMAS_WEEK)[4]
    assert (friday.day, friday.ranges, friday.special_label) == (date(2026, 12, 25), [], "Noël")
    assert friday.is_special


def test_week_table_shows_own_holiday_hours_on_the_holiday():
    shop = ShopPageFactory(
        hours=[*WEEKDAYS, (7, "10:00", "13:00")], public_holidays=HolidayRule.OWN_HOURS
    )
    assert week_table(shop, CHRISTMAS_WEEK)[4].ranges == ["10:00–13:00"]


@pytest.mark.parametrize(
    ("rule", "hours", "said"),
    [
        (HolidayRule.CLOSED, WEEKDAYS, "fermé"),
        (HolidayRule.USUAL_HOURS, WEEKDAYS, "horaires habituels"),
        (
            HolidayRule.OWN_HOURS,
            [*WEEKDAYS, (7, "15:00", "18:00"), (7, "10:00", "13:00")],
            "10:00–13:00, 15:00–18:00",
        ),
    ],
)
def test_holiday_rule_is_said_in_words(client, now, rule, hours, said):
    shop = ShopPageFactory(hours=hours, public_holidays=rule)
    assert holiday_hours_text(shop) == said
    assert f"Jours fériés : {said}" in text_of(client, shop)


def test_coming_holiday_is_announced_when_the_shop_closes_that_day():
    shop = ShopPageFactory(hours=WEEKDAYS)
    periods = upcoming_special_hours(shop, date(2026, 12, 20))
    assert [(p.start_date, p.label, p.closed) for p in periods] == [
        (date(2026, 12, 25), "Noël", True),
        (date(2027, 1, 1), "Nouvel An", True),
    ]


def test_holiday_on_a_day_the_shop_is_closed_anyway_is_not_announced():
    # Easter Sunday and Whit Sunday fall on Sundays, when the shop is closed.
    shop = ShopPageFactory(hours=WEEKDAYS)
    periods = upcoming_special_hours(shop, date(2027, 3, 20))
    assert [(p.start_date, p.label) for p in periods] == [
        (date(2027, 3, 29), "Lundi de Pâques"),
        (date(2027, 5, 1), "Fête du Travail"),
        (date(2027, 5, 6), "Ascension"),
        (date(2027, 5, 17), "Lundi de Pentecôte"),
    ]


def test_shop_keeping_its_usual_hours_announces_no_holiday():
    shop = ShopPageFactory(hours=WEEKDAYS, public_holidays=HolidayRule.USUAL_HOURS)
    assert upcoming_special_hours(shop, date(2026, 12, 20)) == []


def kept_for(client, shop):
    """The seconds a shared cache may keep the shop's page (front cache, page cache)."""
    response = client.get(shop.url)
    return int(re.search(r"s-maxage=(\d+)", response["Cache-Control"]).group(1))


def test_page_before_a_holiday_is_kept_until_midnight_at_most(client, clock, settings):
    settings.FRONT_CACHE_MAX_AGE = 24 * 3600  # no ceiling before the page's own bound
    shop = ShopPageFactory(hours=WEEKDAYS)
    clock(datetime(2026, 12, 24, 19, 0, tzinfo=BRUSSELS))
    assert kept_for(client, shop) == 5 * 3600


def test_page_on_a_holiday_is_kept_until_the_holiday_hours_open(client, clock, settings):
    settings.FRONT_CACHE_MAX_AGE = 24 * 3600
    shop = ShopPageFactory(
        hours=[*WEEKDAYS, (7, "10:00", "13:00")], public_holidays=HolidayRule.OWN_HOURS
    )
    clock(datetime(2026, 12, 25, 8, 0, tzinfo=BRUSSELS))
    assert kept_for(client, shop) == 2 * 3600
