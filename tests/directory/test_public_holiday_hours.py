"""Opening hours on Belgian public holidays, to the minute, in Brussels time.

2026-12-25 (Noël) is a Friday; 2027-03-28 (Pâques) is a Sunday and the night the clocks
jump from 02:00 to 03:00; 2027-03-29 is Easter Monday, a date that moves every year.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.clock import BRUSSELS
from directory.hours import hours_of_shops, is_open, next_change, open_at_q, status_line
from directory.models import HolidayRule, ShopPage, Weekday
from directory.public_holidays import holiday_name, holidays_between, is_public_holiday
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
PH = Weekday.PUBLIC_HOLIDAY
WEEK_WITH_LUNCH_BREAK = [
    *((day, "09:00", "12:30") for day in range(5)),
    *((day, "13:30", "18:30") for day in range(5)),
    (5, "10:00", "17:00"),
]


def at(text, zone=BRUSSELS):
    return datetime.fromisoformat(text).replace(tzinfo=zone)


@pytest.fixture
def bakery():
    """Closed on public holidays, the default."""
    return ShopPageFactory(title="Boulangerie", hours=WEEK_WITH_LUNCH_BREAK)


@pytest.fixture
def grocer():
    """Open every day, holidays as usual."""
    return ShopPageFactory(
        title="Épicerie",
        hours=[(day, "08:00", "20:00") for day in range(7)],
        public_holidays=HolidayRule.USUAL_HOURS,
    )


@pytest.fixture
def florist():
    """Its own hours on public holidays: a morning, and an evening past midnight."""
    return ShopPageFactory(
        title="Fleuriste",
        hours=[*((day, "09:00", "18:00") for day in range(6)), (PH, "10:00", "13:00")],
        public_holidays=HolidayRule.OWN_HOURS,
    )


@pytest.fixture
def night_bar():
    """Thursday to Saturday nights, closed on public holidays."""
    return ShopPageFactory(
        title="Bar de nuit",
        hours=[(3, "22:00", "02:00"), (4, "22:00", "02:00"), (5, "22:00", "04:00")],
    )


@pytest.fixture
def night_shop():
    """Every evening into the night; its own holiday night runs past midnight too."""
    return ShopPageFactory(
        title="Night shop",
        hours=[*((day, "18:00", "02:00") for day in range(7)), (PH, "20:00", "03:00")],
        public_holidays=HolidayRule.OWN_HOURS,
    )


def test_belgian_holidays_come_with_their_french_names():
    assert holiday_name(date(2026, 12, 25)) == "Noël"
    assert holiday_name(date(2027, 3, 29)) == "Lundi de Pâques"
    assert holiday_name(date(2026, 12, 24)) == ""
    assert is_public_holiday(date(2026, 7, 21))


def test_easter_monday_moves_with_easter():
    assert is_public_holiday(date(2027, 3, 29))
    assert is_public_holiday(date(2028, 4, 17))
    assert not is_public_holiday(date(2028, 3, 29))


def test_holidays_between_lists_those_of_both_years_in_order():
    assert holidays_between(date(2026, 12, 20), date(2027, 1, 2)) == [
        (date(2026, 12, 25), "Noël"),
        (date(2027, 1, 1), "Nouvel An"),
    ]


def test_shop_closed_on_public_holidays_is_closed_on_christmas(bakery):
    assert is_open(bakery, at("2026-12-24T10:00"))
    assert not is_open(bakery, at("2026-12-25T10:00"))


def test_next_opening_skips_the_holiday(bakery):
    assert status_line(bakery, at("2026-12-24T18:30")) == "Fermé · ouvre samedi à 10:00"


def test_next_opening_skips_easter_monday(bakery):
    assert status_line(bakery, at("2027-03-27T17:00")) == "Fermé · ouvre mardi à 09:00"


def test_open_shop_closes_at_its_usual_time_before_the_holiday(bakery):
    assert status_line(bakery, at("2026-12-24T17:00")) == "Ouvert · ferme à 18:30"


def test_shop_keeping_its_usual_hours_opens_on_christmas(grocer):
    assert is_open(grocer, at("2026-12-25T08:00"))
    assert not is_open(grocer, at("2026-12-25T20:00"))


def test_shop_with_its_own_holiday_hours_opens_only_then(florist):
    assert not is_open(florist, at("2026-12-25T09:59"))
    assert is_open(florist, at("2026-12-25T10:00"))
    assert not is_open(florist, at("2026-12-25T13:00"))
    assert status_line(florist, at("2026-12-25T08:00")) == "Fermé · ouvre à 10:00"


def test_holiday_on_a_sunday_applies_the_rule(grocer, florist):
    easter = at("2027-03-28T11:00")
    assert is_open(grocer, easter)  # usual Sunday hours
    assert is_open(florist, easter)  # closed on Sundays, open on holidays
    assert not is_open(florist, at("2027-03-21T11:00"))  # an ordinary Sunday


def test_special_hours_beat_the_holiday_rule(bakery):
    from directory.models import SpecialHours

    SpecialHours.objects.create(
        shop=bakery,
        start_date=date(2026, 12, 25),
        end_date=date(2026, 12, 25),
        label="Noël au fournil",
        opens=time(8),
        closes=time(11),
    )
    bakery = ShopPage.objects.get(pk=bakery.pk)
    assert is_open(bakery, at("2026-12-25T08:00"))
    assert not is_open(bakery, at("2026-12-25T11:00"))


def test_night_range_before_a_holiday_runs_into_it(night_bar):
    # Thursday 24 December 22:00–02:00 belongs to Thursday, an ordinary day.
    assert is_open(night_bar, at("2026-12-25T01:59"))
    assert not is_open(night_bar, at("2026-12-25T02:00"))


def test_night_range_of_a_closed_holiday_does_not_start(night_bar):
    assert not is_open(night_bar, at("2026-12-25T23:00"))
    assert not is_open(night_bar, at("2026-12-26T01:00"))
    assert status_line(night_bar, at("2026-12-25T12:00")) == "Fermé · ouvre demain à 22:00"


def test_own_holiday_night_runs_past_midnight(night_shop):
    assert not is_open(night_shop, at("2026-12-25T19:00"))
    assert is_open(night_shop, at("2026-12-26T02:59"))
    assert not is_open(night_shop, at("2026-12-26T03:00"))


def test_holiday_night_across_the_spring_clock_change(night_bar):
    # Saturday 27 March 2027 22:00–04:00 runs into Easter Sunday, the night the clocks
    # jump: 04:00 on the clock is 02:00 UTC.
    assert is_open(night_bar, at("2027-03-28T01:59", UTC))
    assert not is_open(night_bar, at("2027-03-28T02:00", UTC))


def test_next_change_says_open_until_the_holiday_night_ends(night_shop):
    status = next_change(night_shop, at("2026-12-25T21:00"))
    assert status.changes_at == datetime(2026, 12, 26, 3, 0)


def test_hours_read_as_plain_rows_follow_the_holiday_rule(
    bakery, grocer, florist, night_shop, stored
):
    shops = stored([bakery, grocer, florist, night_shop])
    hours = hours_of_shops(shops, date(2026, 12, 1), date(2027, 1, 31))
    start = at("2026-12-24T00:00")
    for step in range(3 * 24 * 4):
        moment = start + timedelta(minutes=15 * step)
        for shop in shops:
            assert status_line(hours[shop.pk], moment) == status_line(shop, moment), moment


# Every range of these shops starts and ends on the hour or half hour: the answers can
# only change at those minutes, so checking each of them and the minutes either side
# checks every minute.
MINUTES_CHECKED = {59, 0, 1, 29, 30, 31}


def _agree_every_minute(shops, first, last):
    """Assert that open_at_q and is_open agree for `shops` at every minute from `first`
    to `last` where they could change (aware datetimes, walked in UTC so that the clock
    changes are crossed)."""
    moment = first.astimezone(UTC)
    while moment <= last:
        if moment.astimezone(BRUSSELS).minute in MINUTES_CHECKED:
            in_sql = set(ShopPage.objects.filter(open_at_q(moment)).values_list("pk", flat=True))
            in_python = {shop.pk for shop in shops if is_open(shop, moment)}
            assert in_sql == in_python, moment.astimezone(BRUSSELS)
        moment += timedelta(minutes=1)


@pytest.fixture
def holiday_shops(bakery, grocer, florist, night_bar, night_shop, stored):
    from directory.models import SpecialHours

    special = ShopPageFactory(title="Fromager", hours=WEEK_WITH_LUNCH_BREAK)
    SpecialHours.objects.create(
        shop=special,
        start_date=date(2026, 12, 25),
        end_date=date(2026, 12, 25),
        opens=time(21),
        closes=time(1),
    )
    SpecialHours.objects.create(
        shop=special, start_date=date(2027, 3, 29), end_date=date(2027, 3, 29), closed=True
    )
    always = ShopPageFactory(title="Station", hours=[(day, "00:00", "00:00") for day in range(7)])
    shops = [bakery, grocer, florist, night_bar, night_shop, special, always]
    return stored(shops)


def test_sql_filter_agrees_with_is_open_every_minute_around_christmas(holiday_shops):
    _agree_every_minute(holiday_shops, at("2026-12-24T17:00"), at("2026-12-26T04:00"))


def test_sql_filter_agrees_with_is_open_every_minute_of_easter_and_its_clock_change(
    holiday_shops,
):
    _agree_every_minute(holiday_shops, at("2027-03-27T21:00"), at("2027-03-29T19:00"))
