"""Opening hours, to the minute, in Brussels time."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.clock import BRUSSELS
from directory.hours import State, is_open, next_change, open_at_q, status_line
from directory.models import ShopPage, SpecialHours
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
WEEKDAYS_WITH_LUNCH_BREAK = [
    *((day, "09:00", "12:30") for day in range(5)),
    *((day, "13:30", "18:30") for day in range(5)),
    (5, "10:00", "17:00"),
]


def with_special(shop, *rows):
    """The shop, reloaded from the database after adding special-hours rows."""
    for row in rows:
        SpecialHours.objects.create(shop=shop, **row)
    return ShopPage.objects.get(pk=shop.pk)


def at(text, zone=BRUSSELS):
    return datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.fixture
def bakery():
    # 2026-11-23 is a Monday.
    return ShopPageFactory(title="Boulangerie", hours=WEEKDAYS_WITH_LUNCH_BREAK)


@pytest.fixture
def night_bar():
    return ShopPageFactory(
        title="Bar de nuit", hours=[(4, "22:00", "02:00"), (5, "22:00", "04:00")]
    )


def test_open_during_a_range_with_its_closing_time(bakery):
    assert is_open(bakery, at("2026-11-24T10:00"))
    assert status_line(bakery, at("2026-11-24T10:00")) == "Ouvert · ferme à 12:30"


def test_closing_minute_is_already_closed(bakery):
    assert is_open(bakery, at("2026-11-24T12:29"))
    assert not is_open(bakery, at("2026-11-24T12:30"))


def test_lunch_break_says_when_it_opens_again_today(bakery):
    assert status_line(bakery, at("2026-11-24T12:45")) == "Fermé · ouvre à 13:30"


def test_opening_minute_is_open(bakery):
    assert not is_open(bakery, at("2026-11-24T08:59"))
    assert is_open(bakery, at("2026-11-24T09:00"))


def test_evening_says_it_opens_tomorrow(bakery):
    assert status_line(bakery, at("2026-11-27T18:30")) == "Fermé · ouvre demain à 10:00"


def test_saturday_evening_names_the_weekday_it_opens(bakery):
    assert status_line(bakery, at("2026-11-28T17:00")) == "Fermé · ouvre lundi à 09:00"


def test_shop_without_hours_is_unknown_never_closed():
    shop = ShopPageFactory(hours=[])
    assert next_change(shop, at("2026-11-24T10:00")).state == State.UNKNOWN
    assert status_line(shop, at("2026-11-24T10:00")) == "Horaires inconnus"


def test_range_past_midnight_belongs_to_the_day_it_starts(night_bar):
    assert is_open(night_bar, at("2026-11-27T23:00"))  # Friday night
    assert is_open(night_bar, at("2026-11-28T01:59"))  # still Friday night
    assert not is_open(night_bar, at("2026-11-28T02:00"))
    assert not is_open(night_bar, at("2026-11-23T01:00"))  # Sunday night: closed


def test_range_past_midnight_closes_tomorrow(night_bar):
    assert status_line(night_bar, at("2026-11-27T23:00")) == "Ouvert · ferme demain à 02:00"
    assert status_line(night_bar, at("2026-11-28T01:00")) == "Ouvert · ferme à 02:00"


def test_special_closure_overrides_the_weekly_hours(bakery):
    bakery = with_special(
        bakery,
        dict(
            start_date=date(2026, 11, 30), end_date=date(2026, 12, 8), label="Congés", closed=True
        ),
    )
    assert not is_open(bakery, at("2026-12-01T10:00"))
    assert status_line(bakery, at("2026-12-01T10:00")) == "Fermé · ouvre le 9 décembre à 09:00"
    assert is_open(bakery, at("2026-12-09T10:00"))


def test_special_opening_on_a_usually_closed_day(bakery):
    bakery = with_special(
        bakery,
        dict(
            start_date=date(2026, 11, 29),
            end_date=date(2026, 11, 29),
            label="Braderie",
            opens=time(10),
            closes=time(18),
        ),
    )
    assert is_open(bakery, at("2026-11-29T10:00"))
    assert status_line(bakery, at("2026-11-29T09:00")) == "Fermé · ouvre à 10:00"


def test_special_day_with_two_ranges_replaces_the_whole_day(bakery):
    christmas_eve = dict(start_date=date(2026, 12, 24), end_date=date(2026, 12, 24))
    bakery = with_special(
        bakery,
        dict(christmas_eve, opens=time(8), closes=time(11)),
        dict(christmas_eve, opens=time(15), closes=time(16)),
    )
    assert is_open(bakery, at("2026-12-24T08:00"))
    assert not is_open(bakery, at("2026-12-24T13:45"))  # weekly range ignored that day
    assert status_line(bakery, at("2026-12-24T11:00")) == "Fermé · ouvre à 15:00"


def test_hours_are_wall_clock_time_in_summer_and_winter(bakery):
    assert is_open(bakery, at("2026-07-01T07:00", UTC))  # 09:00 CEST, a Wednesday
    assert not is_open(bakery, at("2026-12-02T07:59", UTC))  # 08:59 CET
    assert is_open(bakery, at("2026-12-02T08:00", UTC))  # 09:00 CET


def test_night_range_across_the_spring_clock_change(night_bar):
    # 2027-03-28: clocks jump from 02:00 to 03:00. Saturday 22:00–04:00 ends at 04:00
    # on the clock, which is 02:00 UTC that night.
    assert is_open(night_bar, at("2027-03-28T01:59", UTC))
    assert not is_open(night_bar, at("2027-03-28T02:00", UTC))


def test_night_range_across_the_autumn_clock_change(night_bar):
    # 2026-10-25: clocks fall back from 03:00 to 02:00; 04:00 on the clock is 03:00 UTC.
    assert is_open(night_bar, at("2026-10-25T02:59", UTC))
    assert not is_open(night_bar, at("2026-10-25T03:00", UTC))


def test_sql_filter_agrees_with_is_open_every_half_hour_of_a_week(bakery, night_bar, stored):
    special = ShopPageFactory(title="Fleuriste", hours=WEEKDAYS_WITH_LUNCH_BREAK)
    special = with_special(
        special,
        dict(
            start_date=date(2026, 11, 26), end_date=date(2026, 11, 28), label="Congés", closed=True
        ),
    )
    special = with_special(
        special,
        dict(
            start_date=date(2026, 11, 29),
            end_date=date(2026, 11, 29),
            opens=time(21),
            closes=time(1),
        ),
    )
    shops = stored([bakery, night_bar, special, ShopPageFactory(title="Sans horaires")])
    start = at("2026-11-23T00:00")
    for step in range(7 * 48 + 4):
        moment = start + timedelta(minutes=30 * step)
        in_sql = set(ShopPage.objects.filter(open_at_q(moment)).values_list("pk", flat=True))
        in_python = {shop.pk for shop in shops if is_open(shop, moment)}
        assert in_sql == in_python, moment


def test_sql_filter_agrees_with_is_open_when_special_days_meet_night_ranges(night_bar, stored):
    """Special hours replace their own day only: Friday's night range still runs into a
    closed Saturday, and a special Friday range past midnight replaces Friday's."""
    saturday_closed = with_special(
        ShopPageFactory(
            title="Bar du samedi", hours=[(4, "22:00", "02:00"), (5, "22:00", "04:00")]
        ),
        dict(start_date=date(2026, 11, 28), end_date=date(2026, 11, 28), closed=True),
    )
    late_friday = with_special(
        night_bar,
        dict(
            start_date=date(2026, 11, 27),
            end_date=date(2026, 11, 27),
            opens=time(20),
            closes=time(3),
        ),
        dict(start_date=date(2026, 11, 27), end_date=date(2026, 11, 27), closed=True),
    )
    shops = stored([saturday_closed, late_friday])
    start = at("2026-11-27T12:00")
    for step in range(2 * 48):
        moment = start + timedelta(minutes=30 * step)
        in_sql = set(ShopPage.objects.filter(open_at_q(moment)).values_list("pk", flat=True))
        in_python = {shop.pk for shop in shops if is_open(shop, moment)}
        assert in_sql == in_python, moment


def test_hours_read_as_plain_rows_give_the_same_status_as_the_shop(bakery, night_bar, stored):
    from directory.hours import hours_of_shops

    special = with_special(
        ShopPageFactory(title="Fleuriste", hours=WEEKDAYS_WITH_LUNCH_BREAK),
        dict(start_date=date(2026, 11, 25), end_date=date(2026, 11, 25), closed=True),
        dict(
            start_date=date(2026, 11, 26),
            end_date=date(2026, 11, 26),
            opens=time(20),
            closes=time(2),
        ),
    )
    shops = stored([bakery, night_bar, special, ShopPageFactory(title="Sans horaires")])
    hours = hours_of_shops(shops, date(2026, 11, 1), date(2027, 1, 31))
    start = at("2026-11-23T00:00")
    for step in range(7 * 24):
        moment = start + timedelta(hours=step)
        for shop in shops:
            assert status_line(hours[shop.pk], moment) == status_line(shop, moment), moment
