"""Belgian public holidays: is a date one, and what is it called.

The dates come from the `holidays` package (country BE), a pure function of the year,
so each year is worked out once per process and kept. Dates are Brussels dates: callers
ask with `core.clock.today()` or a Brussels wall-clock date, never a UTC one. Names are
the package's own French translations ("Noël", "Lundi de Pâques").
"""

from functools import cache

import holidays

COUNTRY = "BE"
LANGUAGE = "fr"


@cache
def holidays_of_year(year):
    """{date: French name} of the public holidays of `year` (a dict; do not change it)."""
    calendar = holidays.country_holidays(COUNTRY, years=year, language=LANGUAGE)
    return {day: name for day, name in calendar.items() if day.year == year}


def holiday_name(day):
    """The French name of the public holiday on `day` (a date), or "" if it is none."""
    return holidays_of_year(day.year).get(day, "")


def is_public_holiday(day):
    return day in holidays_of_year(day.year)


def holidays_between(first, last):
    """[(date, name)] of the public holidays from `first` to `last` (dates, both
    included), in date order."""
    found = []
    for year in range(first.year, last.year + 1):
        found.extend(
            (day, name) for day, name in holidays_of_year(year).items() if first <= day <= last
        )
    return sorted(found)
