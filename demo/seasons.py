"""The seasons of the demo's calendar, so that what the demo says fits the day it is
seeded: no summer sale in November, a spring campaign in spring.

Seasons are the meteorological ones (whole months: winter is December to February),
which is how a shop's window changes: the first of the month, not an equinox.
"""

import enum
from datetime import date, timedelta


class Season(enum.Enum):
    WINTER = "hiver"
    SPRING = "printemps"
    SUMMER = "été"
    AUTUMN = "automne"


# The first month of each season.
FIRST_MONTHS = {Season.WINTER: 12, Season.SPRING: 3, Season.SUMMER: 6, Season.AUTUMN: 9}


def season_of(day):
    """The season `day` falls in."""
    return {12: Season.WINTER, 1: Season.WINTER, 2: Season.WINTER}.get(
        day.month,
        Season.SPRING if day.month <= 5 else Season.SUMMER if day.month <= 8 else Season.AUTUMN,
    )


def season_bounds(day):
    """The first and last day of the season `day` falls in."""
    first_month = FIRST_MONTHS[season_of(day)]
    # Winter's December belongs to the year before its January and February.
    year = day.year - 1 if first_month == 12 and day.month < 12 else day.year
    first = date(year, first_month, 1)
    after_month = first_month + 3
    after = date(year + (after_month - 1) // 12, (after_month - 1) % 12 + 1, 1)
    return first, after - timedelta(days=1)


def seasons_between(first, last):
    """The seasons of the days from `first` to `last`, both included."""
    seasons, day = set(), first
    while day <= last:
        seasons.add(season_of(day))
        day = season_bounds(day)[1] + timedelta(days=1)
    return seasons


def next_weekday(day, weekday):
    """`day` if it is that weekday (Monday = 0), else the first one after it."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)
