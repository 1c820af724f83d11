"""The shop page's hours as it shows them: the week's table (special hours and public
holidays applied), what the shop does on public holidays, the special hours and
holidays ahead, and the first moment the page would read differently. Plain functions
of a shop and a day or moment."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.translation import gettext as _

from directory.hours import (
    day_range,
    ranges_starting_on,
    special_hours_on,
    week_of,
)
from directory.models.opening_hours import HolidayRule, Weekday
from directory.opening_days import joined_days_on
from directory.public_holidays import holiday_name, holidays_between

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
    # The special hours' label ("Congés") when they replace the weekly hours that day,
    # else the joined opening day's operation ("Dimanche shopping"), else the public
    # holiday's name ("Noël").
    special_label: str = ""
    is_special: bool = False


def week_table(shop, today):
    """The Monday-to-Sunday hours of the week holding `today`, special hours, joined
    opening days and public holidays applied; a day that is not ordinary is marked with
    its label, its operation's name or the holiday's."""
    rows = []
    for day in week_of(today):
        specials = special_hours_on(shop, day)
        joined = [] if specials else joined_days_on(shop, day)
        holiday = holiday_name(day)
        label = (
            next((row.label for row in specials if row.label), "")
            or next((row.label for row in joined), "")
            or holiday
        )
        rows.append(
            DayHours(
                day=day,
                ranges=[format_range(opening) for opening in ranges_starting_on(shop, day)],
                is_today=day == today,
                special_label=label,
                is_special=bool(specials or joined or holiday),
            )
        )
    return rows


def _ranges_of(shop, weekday):
    return sorted(
        (row.opens, row.closes) for row in shop.opening_hours.all() if row.weekday == weekday
    )


def holiday_hours_text(shop):
    """What the shop does on public holidays, as the page says it after « Jours fériés : »:
    "fermé", "horaires habituels" or its own ranges ("10:00–13:00")."""
    if shop.public_holidays == HolidayRule.USUAL_HOURS:
        return _("horaires habituels")
    if shop.public_holidays == HolidayRule.OWN_HOURS:
        ranges = _ranges_of(shop, Weekday.PUBLIC_HOLIDAY)
        if ranges:
            return ", ".join(f"{opens:%H:%M}–{closes:%H:%M}" for opens, closes in ranges)
    return _("fermé")


@dataclass
class SpecialPeriod:
    """Special hours sharing the same dates and label: closed, or one or more ranges."""

    start_date: date
    end_date: date
    label: str
    closed: bool = False
    ranges: list[str] = field(default_factory=list)
    # (opens, closes) times of the ranges, for the structured data (public holidays).
    pairs: list = field(default_factory=list)

    @property
    def is_single_day(self):
        return self.start_date == self.end_date


def _usual_ranges(shop, day):
    return sorted(
        day_range(day, opens, closes) for opens, closes in _ranges_of(shop, day.weekday())
    )


def upcoming_holidays(shop, today, horizon):
    """A SpecialPeriod for each public holiday from `today` to `horizon` on which the
    shop's hours differ from those of an ordinary day of that weekday (not covered by
    its special hours, which say for themselves)."""
    periods = []
    for day, name in holidays_between(today, horizon):
        if special_hours_on(shop, day) or joined_days_on(shop, day):
            continue
        ranges = ranges_starting_on(shop, day)
        if ranges == _usual_ranges(shop, day):
            continue
        periods.append(
            SpecialPeriod(
                day,
                day,
                name,
                closed=not ranges,
                ranges=[format_range(opening) for opening in ranges],
                pairs=[(opening.start.time(), opening.end.time()) for opening in ranges],
            )
        )
    return periods


def upcoming_opening_days(shop, today, horizon):
    """A SpecialPeriod for each opening day the shop joined from `today` to `horizon`,
    named after its operation, but those its special hours cover (they win)."""
    periods = {}
    for row in shop.joined_days:
        if not today <= row.date <= horizon or special_hours_on(shop, row.date):
            continue
        period = periods.setdefault(row.date, SpecialPeriod(row.date, row.date, row.label))
        period.ranges.append(f"{row.opens:%H:%M}–{row.closes:%H:%M}")
        period.pairs.append((row.opens, row.closes))
    return list(periods.values())


def upcoming_special_hours(shop, today, days=SPECIAL_HOURS_AHEAD_DAYS):
    """The special hours that are not over and start within `days` of `today`, grouped
    by period, the opening days the shop joined and the public holidays within `days`
    on which the shop's hours differ from an ordinary day's, in date order."""
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
    return sorted(
        [
            *periods.values(),
            *upcoming_opening_days(shop, today, horizon),
            *upcoming_holidays(shop, today, horizon),
        ],
        key=lambda period: (period.start_date, period.end_date),
    )
