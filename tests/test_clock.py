"""The `clock` fixture: every part of the site that asks the time sees the frozen moment.

If the site's clock moves behind another name than tests/clock.py's SITE_CLOCK, these
fail instead of every time-dependent test quietly running on the real date."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from core.clock import BRUSSELS
from offers.dates import coming_sunday, today
from tests.clock import TUESDAY_MORNING


def test_the_site_sees_tuesday_morning_in_brussels(clock):
    assert clock.now == TUESDAY_MORNING
    assert timezone.now() == TUESDAY_MORNING
    assert timezone.localdate() == date(2026, 11, 24)
    assert today() == clock.today == date(2026, 11, 24)


def test_moving_the_clock_moves_the_sites_today(clock):
    clock(datetime(2026, 11, 29, 23, 59, tzinfo=BRUSSELS))
    assert today() == coming_sunday() == date(2026, 11, 29)
    # 00:01 in Brussels is still the 29th in UTC: "today" is the town's date.
    clock(datetime(2026, 11, 30, 0, 1, tzinfo=BRUSSELS))
    assert today() == clock.today == date(2026, 11, 30)
    assert coming_sunday() == date(2026, 12, 6)


def test_the_clock_takes_only_an_aware_moment(clock):
    with pytest.raises(ValueError, match="aware datetime"):
        clock(datetime(2026, 11, 24, 10, 0))
    assert timezone.now() == TUESDAY_MORNING
