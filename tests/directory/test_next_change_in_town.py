"""The town's next opening or closing (directory.hours.next_change_in_town), which bounds
how long a front cache keeps "open now": never later than any shop's own next change,
and midnight at the latest."""

from datetime import date, datetime, time, timedelta

import pytest

from core.clock import BRUSSELS
from directory.hours import next_change, next_change_in_town, prefetch_hours
from directory.models import ShopPage
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db

TUESDAY = date(2026, 11, 24)


@pytest.fixture
def town(clock):
    ShopPageFactory(title="Boulangerie", hours=[(day, "07:00", "13:00") for day in range(6)])
    ShopPageFactory(
        title="Bar",
        hours=[(day, "18:00", "02:00") for day in range(7)],  # past midnight
    )
    ShopPageFactory(
        title="Fleuriste",
        hours=[(day, "09:30", "18:30") for day in range(5)],
        special=[
            {
                "start_date": TUESDAY,
                "end_date": TUESDAY,
                "label": "Inventaire",
                "closed": False,
                "opens": time(14, 15),
                "closes": time(16, 45),
            }
        ],
    )
    ShopPageFactory(title="Sans horaires")
    shops = list(ShopPage.objects.all())
    prefetch_hours(shops, joined_from=TUESDAY - timedelta(days=1))
    return shops


def moments_of(day, step_minutes=10):
    start = datetime.combine(day, time.min, tzinfo=BRUSSELS)
    return [start + timedelta(minutes=m) for m in range(0, 24 * 60, step_minutes)]


def test_no_shop_opens_or_closes_before_the_towns_next_change(town):
    for moment in moments_of(TUESDAY):
        bound = next_change_in_town(moment)
        assert moment < bound
        for shop in town:
            changes_at = next_change(shop, moment).changes_at
            if changes_at is not None:
                assert bound <= changes_at.replace(tzinfo=BRUSSELS), (moment, shop.title)


def test_the_towns_next_change_is_the_first_shops_on_an_ordinary_morning(town):
    assert next_change_in_town(datetime(2026, 11, 24, 8, 0, tzinfo=BRUSSELS)) == datetime(
        2026, 11, 24, 9, 30, tzinfo=BRUSSELS
    )


def test_the_towns_next_change_is_midnight_at_the_latest(town):
    late = datetime(2026, 11, 24, 23, 30, tzinfo=BRUSSELS)
    assert next_change_in_town(late) == datetime(2026, 11, 25, 0, 0, tzinfo=BRUSSELS)
