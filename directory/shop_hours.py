"""The shop page's hours as it shows them: the week's table (special hours applied),
the special hours ahead, and the first moment the page would read differently.
Plain functions of a shop and a day or moment."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from core.clock import BRUSSELS, local_time
from directory.hours import (
    next_change,
    ranges_starting_on,
    special_hours_on,
    week_of,
)

# How far ahead the page announces special hours (holidays, braderie...).
SPECIAL_HOURS_AHEAD_DAYS = 60


def format_range(opening):
    """ "09:00–18:30" for a Range of wall-clock datetimes."""
    return f"{opening.start:%H:%M}–{opening.end:%H:%M}"


@dataclass(frozen=True)
class DayHours:
    day: date
    ranges: list[str]
    is_today: bool
    # The special hours' label ("Congés") when they replace the weekly hours that day.
    special_label: str = ""
    is_special: bool = False


def week_table(shop, today):
    """The Monday-to-Sunday hours of the week holding `today`, special hours applied."""
    rows = []
    for day in week_of(today):
        specials = special_hours_on(shop, day)
        rows.append(
            DayHours(
                day=day,
                ranges=[format_range(opening) for opening in ranges_starting_on(shop, day)],
                is_today=day == today,
                special_label=next((row.label for row in specials if row.label), ""),
                is_special=bool(specials),
            )
        )
    return rows


@dataclass
class SpecialPeriod:
    """Special hours sharing the same dates and label: closed, or one or more ranges."""

    start_date: date
    end_date: date
    label: str
    closed: bool = False
    ranges: list[str] = field(default_factory=list)

    @property
    def is_single_day(self):
        return self.start_date == self.end_date


def upcoming_special_hours(shop, today, days=SPECIAL_HOURS_AHEAD_DAYS):
    """The special hours that are not over and start within `days` of `today`, grouped
    by period, in date order."""
    horizon = today + timedelta(days=days)
    periods = {}
    rows = sorted(
        shop.special_hours.all(), key=lambda row: (row.start_date, row.end_date, row.opens or 0)
    )
    for row in rows:
        if row.end_date < today or row.start_date > horizon:
            continue
        key = (row.start_date, row.end_date, row.label)
        period = periods.setdefault(key, SpecialPeriod(row.start_date, row.end_date, row.label))
        if row.closed:
            period.closed = True
        elif row.opens is not None and row.closes is not None:
            period.ranges.append(f"{row.opens:%H:%M}–{row.closes:%H:%M}")
    for period in periods.values():
        # A closed row wins: that is how the hours logic reads the same rows.
        if period.closed:
            period.ranges = []
    return list(periods.values())


def unchanged_until(shops, now):
    """The first moment after `now` at which the page of a shop, showing `shops` (itself
    and its neighbours) at `now`, may read differently: one of them opens or closes, or
    it is midnight in Brussels (today's row of the week, the special hours ahead, the
    current offers, "demain" and weekday names in the status lines). An aware datetime."""
    local = local_time(now)
    moments = [datetime.combine(local.date() + timedelta(days=1), time.min)]
    for shop in shops:
        changes_at = next_change(shop, now).changes_at
        if changes_at is not None:
            moments.append(changes_at)
    return min(moments).replace(tzinfo=BRUSSELS)
