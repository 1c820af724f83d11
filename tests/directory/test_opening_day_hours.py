"""Opening days of the city's operations in every opening-hours answer, to the minute,
in Brussels time, and the same in SQL.

2026-11-29 is a Sunday; 2026-10-25 is the last Sunday of October (clocks fall back from
03:00 to 02:00) and 2027-03-28 the last Sunday of March (clocks jump from 02:00 to
03:00), which is also Easter Sunday, a public holiday.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.clock import BRUSSELS
from directory.hours import (
    State,
    hours_of_shops,
    is_open,
    next_change,
    open_at_q,
    prefetch_hours,
    status_line,
)
from directory.models import (
    HolidayRule,
    OperationKind,
    OperationParticipation,
    ShopPage,
    SpecialHours,
)
from directory.shop_hours import upcoming_special_hours, week_table
from directory.structured_data import special_hours_specification
from tests.factories import OperationPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
SUNDAY = date(2026, 11, 29)
WEEK_WITH_LUNCH_BREAK = [
    *((day, "09:00", "12:30") for day in range(5)),
    *((day, "13:30", "18:30") for day in range(5)),
    (5, "10:00", "17:00"),
]


def at(text, zone=BRUSSELS):
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def joined(shop, operation, opens=None, closes=None):
    """The shop, reloaded, after joining `operation` (with its own hours if given)."""
    OperationParticipation.objects.create(
        shop=shop,
        operation=operation,
        opens=time.fromisoformat(opens) if opens else None,
        closes=time.fromisoformat(closes) if closes else None,
    )
    return ShopPage.objects.get(pk=shop.pk)


def sql_and_python_agree(shops, moments):
    """The SQL filter finds, at each of `moments`, the shops `is_open` says are open.
    The shops are read once with their hours (as the listings read them): read again at
    every moment, the walks would spend their time on the same rows."""
    shops = list(ShopPage.objects.filter(pk__in=[shop.pk for shop in shops]))
    prefetch_hours(shops, joined_from=None)
    for moment in moments:
        in_sql = set(ShopPage.objects.filter(open_at_q(moment)).values_list("pk", flat=True))
        in_python = {shop.pk for shop in shops if is_open(shop, moment)}
        assert in_sql == in_python, moment


@pytest.fixture
def sunday_opening():
    return OperationPageFactory(title="Dimanche shopping", days=[(SUNDAY, "10:00", "18:00")])


@pytest.fixture
def bakery():
    """Closed on Sundays and on public holidays."""
    return ShopPageFactory(title="Boulangerie", hours=WEEK_WITH_LUNCH_BREAK)


def test_shop_that_joined_is_open_the_days_hours(bakery, sunday_opening):
    bakery = joined(bakery, sunday_opening)
    assert not is_open(bakery, at("2026-11-29T09:59"))
    assert is_open(bakery, at("2026-11-29T10:00"))
    assert is_open(bakery, at("2026-11-29T17:59"))
    assert not is_open(bakery, at("2026-11-29T18:00"))


def test_shop_that_did_not_join_stays_closed(bakery, sunday_opening):
    assert not is_open(bakery, at("2026-11-29T11:00"))


def test_own_hours_for_the_operation_replace_the_days(bakery, sunday_opening):
    bakery = joined(bakery, sunday_opening, "13:00", "17:00")
    assert not is_open(bakery, at("2026-11-29T12:59"))
    assert is_open(bakery, at("2026-11-29T13:00"))
    assert not is_open(bakery, at("2026-11-29T17:00"))


def test_joined_day_replaces_the_weekly_hours_of_its_date(bakery):
    monday = OperationPageFactory(
        title="Lundi tardif", days=[(date(2026, 11, 30), "14:00", "21:00")]
    )
    bakery = joined(bakery, monday)
    assert not is_open(bakery, at("2026-11-30T10:00"))
    assert is_open(bakery, at("2026-11-30T20:30"))


def test_the_shops_closure_for_leave_beats_the_opening_day_it_joined(bakery, sunday_opening):
    SpecialHours.objects.create(
        shop=bakery,
        start_date=date(2026, 11, 28),
        end_date=date(2026, 12, 6),
        label="Congés",
        closed=True,
    )
    bakery = joined(bakery, sunday_opening)
    assert not is_open(bakery, at("2026-11-29T11:00"))
    assert week_table(bakery, SUNDAY)[6].special_label == "Congés"


def test_joined_opening_day_beats_the_public_holiday_closure(bakery):
    easter = OperationPageFactory(
        title="Pâques en ville", days=[(date(2027, 3, 28), "10:00", "16:00")]
    )
    bakery = joined(bakery, easter)
    assert bakery.public_holidays == HolidayRule.CLOSED
    assert is_open(bakery, at("2027-03-28T10:00"))
    assert not is_open(bakery, at("2027-03-29T10:00"))  # Easter Monday: closed as usual


def test_unpublished_operation_opens_nobody(bakery, sunday_opening):
    bakery = joined(bakery, sunday_opening)
    sunday_opening.unpublish()
    bakery = ShopPage.objects.get(pk=bakery.pk)
    assert not is_open(bakery, at("2026-11-29T11:00"))
    sql_and_python_agree([bakery], [at("2026-11-29T11:00")])


def test_a_scheme_opens_nobody(bakery):
    scheme = OperationPageFactory(
        title="Chèques commerce",
        kind=OperationKind.SCHEME,
        start_date=date(2026, 11, 1),
        end_date=date(2026, 12, 31),
        days=[(SUNDAY, "10:00", "18:00")],  # left over from an earlier kind
    )
    bakery = joined(bakery, scheme)
    assert not is_open(bakery, at("2026-11-29T11:00"))
    sql_and_python_agree([bakery], [at("2026-11-29T11:00")])


def test_status_line_announces_the_opening_day(bakery, sunday_opening):
    bakery = joined(bakery, sunday_opening, "11:00", "17:00")
    assert status_line(bakery, at("2026-11-28T17:30")) == "Fermé · ouvre demain à 11:00"
    assert status_line(bakery, at("2026-11-29T12:00")) == "Ouvert · ferme à 17:00"
    assert status_line(bakery, at("2026-11-29T17:00")) == "Fermé · ouvre demain à 09:00"


def test_shop_without_hours_is_open_on_its_joined_day_and_unknown_otherwise(sunday_opening):
    shop = joined(ShopPageFactory(title="Sans horaires", hours=[]), sunday_opening)
    assert status_line(shop, at("2026-11-29T12:00")) == "Ouvert · ferme à 18:00"
    assert next_change(shop, at("2026-11-28T12:00")).state == State.UNKNOWN
    assert next_change(shop, at("2026-11-29T18:00")).state == State.UNKNOWN


def test_two_operations_on_one_day_open_the_shop_in_both_ranges(bakery, sunday_opening):
    evening = OperationPageFactory(title="Nocturne", days=[(SUNDAY, "19:00", "22:00")])
    bakery = joined(joined(bakery, sunday_opening, "10:00", "12:00"), evening)
    assert is_open(bakery, at("2026-11-29T11:00"))
    assert not is_open(bakery, at("2026-11-29T15:00"))
    assert is_open(bakery, at("2026-11-29T21:00"))
    sql_and_python_agree(
        [bakery], [at("2026-11-29T00:00") + timedelta(minutes=15 * n) for n in range(96)]
    )


def test_sql_filter_agrees_with_is_open_every_quarter_hour_of_an_opening_week(
    bakery, sunday_opening
):
    night_bar = ShopPageFactory(
        title="Bar de nuit", hours=[(5, "22:00", "04:00"), (6, "20:00", "01:00")]
    )
    on_leave = ShopPageFactory(title="Fleuriste", hours=WEEK_WITH_LUNCH_BREAK)
    SpecialHours.objects.create(
        shop=on_leave, start_date=SUNDAY, end_date=SUNDAY, label="Congés", closed=True
    )
    special_hours = ShopPageFactory(title="Caviste", hours=WEEK_WITH_LUNCH_BREAK)
    SpecialHours.objects.create(
        shop=special_hours,
        start_date=SUNDAY,
        end_date=SUNDAY,
        label="Dégustation",
        opens=time(15),
        closes=time(20),
    )
    shops = [
        joined(bakery, sunday_opening),
        joined(night_bar, sunday_opening, "12:00", "16:00"),
        joined(on_leave, sunday_opening),
        joined(special_hours, sunday_opening),
        ShopPageFactory(title="Épicerie", hours=[(day, "08:00", "20:00") for day in range(7)]),
    ]
    start = at("2026-11-27T00:00")
    sql_and_python_agree(shops, [start + timedelta(minutes=15 * n) for n in range(4 * 96)])


@pytest.mark.parametrize(
    "sunday",
    [date(2026, 10, 25), date(2027, 3, 28)],
    ids=["last-sunday-of-october", "last-sunday-of-march-easter"],
)
def test_sql_filter_agrees_with_is_open_every_minute_of_a_clock_change_night(sunday):
    """The ranges straddle the clock change: 01:30–04:00 on the clock holds 02:00–03:00
    twice in October and not at all in March. Every minute from Saturday 22:00 to Sunday
    05:00 where an answer could change (see `could_change`), then every quarter of an
    hour to Monday 01:00."""
    operation = OperationPageFactory(title="Nuit blanche", days=[(sunday, "01:30", "04:00")])
    late = OperationPageFactory(title="Dimanche", days=[(sunday, "10:00", "18:00")])
    shops = [
        joined(ShopPageFactory(title="Boulangerie", hours=WEEK_WITH_LUNCH_BREAK), operation),
        joined(
            ShopPageFactory(title="Bar", hours=[(5, "22:00", "02:30")]),
            operation,
            "02:15",
            "03:45",
        ),
        joined(
            ShopPageFactory(title="Fleuriste", hours=[(6, "08:00", "12:00")]),
            late,
            "13:00",
            "17:00",
        ),
        ShopPageFactory(
            title="Night shop",
            hours=[(day, "18:00", "02:00") for day in range(7)],
            public_holidays=HolidayRule.USUAL_HOURS,
        ),
    ]
    start = datetime.combine(sunday - timedelta(days=1), time(22), tzinfo=BRUSSELS)
    dawn = datetime.combine(sunday, time(5), tzinfo=BRUSSELS)
    end = datetime.combine(sunday + timedelta(days=1), time(1), tzinfo=BRUSSELS)
    minutes = int((dawn - start).total_seconds() // 60)
    quarters = int((end - dawn).total_seconds() // 900)
    every_minute = [start.astimezone(UTC) + timedelta(minutes=n) for n in range(minutes)]
    sql_and_python_agree(
        shops,
        [moment for moment in every_minute if could_change(moment)]
        + [dawn.astimezone(UTC) + timedelta(minutes=15 * n) for n in range(quarters)],
    )


# Every range of the clock-change test starts and ends on a quarter hour, and the clocks
# change on the hour: neither answer can change at another minute (both compare the
# local clock with the rows' times), so checking each quarter hour and the minutes either
# side checks every minute, with a fifth of the queries.
QUARTER_HOURS_AND_THEIR_NEIGHBOURS = {59, 0, 1, 14, 15, 16, 29, 30, 31, 44, 45, 46}


def could_change(moment):
    return moment.astimezone(BRUSSELS).minute in QUARTER_HOURS_AND_THEIR_NEIGHBOURS


def test_hours_read_as_plain_rows_give_the_same_status_as_the_shop(bakery, sunday_opening):
    shops = [
        joined(bakery, sunday_opening, "11:00", "16:00"),
        joined(ShopPageFactory(title="Sans horaires", hours=[]), sunday_opening),
    ]
    hours = hours_of_shops(shops, date(2026, 11, 20), date(2027, 1, 31))
    start = at("2026-11-27T00:00")
    for step in range(4 * 24):
        moment = start + timedelta(hours=step)
        for shop in shops:
            assert status_line(hours[shop.pk], moment) == status_line(shop, moment), moment


def test_week_table_names_the_operation_on_its_day(bakery, sunday_opening):
    bakery = joined(bakery, sunday_opening, "11:00", "17:00")
    sunday_row = week_table(bakery, date(2026, 11, 24))[6]
    assert sunday_row.ranges == ["11:00–17:00"]
    assert sunday_row.special_label == "Dimanche shopping"
    assert sunday_row.is_special


def test_shop_page_announces_the_coming_opening_day(bakery, sunday_opening):
    bakery = joined(bakery, sunday_opening)
    periods = upcoming_special_hours(bakery, date(2026, 11, 24))
    first = periods[0]
    assert (first.start_date, first.label, first.ranges) == (
        SUNDAY,
        "Dimanche shopping",
        ["10:00–18:00"],
    )


def test_structured_data_gives_the_opening_day_as_dated_special_hours(bakery, sunday_opening):
    bakery = joined(bakery, sunday_opening, "11:00", "17:00")
    assert special_hours_specification(bakery, date(2026, 11, 24))[0] == (
        {
            "@type": "OpeningHoursSpecification",
            "name": "Dimanche shopping",
            "validFrom": "2026-11-29",
            "validThrough": "2026-11-29",
            "opens": "11:00",
            "closes": "17:00",
        }
    )


def test_structured_data_leaves_out_an_opening_day_the_shops_leave_covers(bakery, sunday_opening):
    SpecialHours.objects.create(
        shop=bakery, start_date=SUNDAY, end_date=SUNDAY, label="Congés", closed=True
    )
    bakery = joined(bakery, sunday_opening)
    names = [spec["name"] for spec in special_hours_specification(bakery, date(2026, 11, 24))]
    assert names == ["Congés", "Noël", "Nouvel An"]
