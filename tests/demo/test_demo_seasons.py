"""The demo's calendar (demo.seasons): the season of a day, its bounds, the seasons a
range of days crosses."""

from datetime import date

import pytest

from demo.seasons import Season, next_weekday, season_bounds, season_of, seasons_between


@pytest.mark.parametrize(
    ("day", "season"),
    [
        (date(2027, 1, 15), Season.WINTER),
        (date(2027, 2, 28), Season.WINTER),
        (date(2027, 3, 1), Season.SPRING),
        (date(2027, 4, 20), Season.SPRING),
        (date(2027, 5, 31), Season.SPRING),
        (date(2027, 6, 1), Season.SUMMER),
        (date(2027, 7, 27), Season.SUMMER),
        (date(2027, 8, 31), Season.SUMMER),
        (date(2027, 9, 1), Season.AUTUMN),
        (date(2026, 11, 27), Season.AUTUMN),
        (date(2026, 12, 1), Season.WINTER),
        (date(2026, 12, 24), Season.WINTER),
    ],
)
def test_a_day_falls_in_its_meteorological_season(day, season):
    assert season_of(day) == season


@pytest.mark.parametrize(
    ("day", "bounds"),
    [
        (date(2027, 1, 15), (date(2026, 12, 1), date(2027, 2, 28))),
        (date(2028, 2, 10), (date(2027, 12, 1), date(2028, 2, 29))),  # a leap year
        (date(2026, 12, 24), (date(2026, 12, 1), date(2027, 2, 28))),
        (date(2027, 4, 20), (date(2027, 3, 1), date(2027, 5, 31))),
        (date(2027, 7, 27), (date(2027, 6, 1), date(2027, 8, 31))),
        (date(2026, 11, 27), (date(2026, 9, 1), date(2026, 11, 30))),
    ],
)
def test_a_season_runs_from_its_first_month_to_the_end_of_its_third(day, bounds):
    assert season_bounds(day) == bounds


def test_a_range_of_days_crosses_the_seasons_of_its_days():
    assert seasons_between(date(2026, 11, 20), date(2026, 11, 30)) == {Season.AUTUMN}
    assert seasons_between(date(2026, 11, 27), date(2026, 12, 7)) == {
        Season.AUTUMN,
        Season.WINTER,
    }
    assert seasons_between(date(2026, 11, 1), date(2027, 11, 1)) == set(Season)


def test_next_weekday_is_the_day_itself_or_the_first_one_after():
    tuesday = date(2026, 11, 24)
    assert next_weekday(tuesday, 1) == tuesday
    assert next_weekday(tuesday, 6) == date(2026, 11, 29)
    assert next_weekday(tuesday, 0) == date(2026, 11, 30)
