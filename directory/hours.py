"""Opening hours: is a shop open at a given moment, and when does that change?

All of it is wall-clock time in Europe/Brussels, the way shops announce their hours:
"09:00–18:30" means 09:00 on the clock in town, summer or winter. A moment (an aware
datetime) is first turned into the town's wall-clock time; ranges are compared on that.

A day's ranges are, first to last:
1. the special hours covering that date, if there are any (a closed row makes the whole
   day closed): the shop's own word for that date, so a shop on leave ("Congés") stays
   closed on an opening day it had joined;
2. the opening days of the city's operations it joined that day (directory.opening_days:
   its own hours for the operation, or the day's), which replace the rest of the day;
3. on a Belgian public holiday (directory.public_holidays), the shop's holiday rule:
   closed, its usual weekday hours, or its own ("jours fériés" rows);
4. else the weekly hours of its weekday.
A range whose closing time is not after its opening time ends the next day and belongs
to the day it starts (a night range before a holiday still runs into the holiday).

`open_at_q()` answers the same question as `is_open()` in SQL, for the directory's
"open now" filter; a test checks they agree.
"""

from collections import namedtuple
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from django.db.models import F, Min, Q
from django.utils import formats
from django.utils.translation import gettext as _

from core import front_cache
from core.clock import BRUSSELS, local_time
from directory.models.opening_hours import HolidayRule, Weekday
from directory.opening_days import (
    attach_joined_days,
    covering_q,
    joined_days_of_shops,
    joined_days_on,
    joined_on_q,
)
from directory.public_holidays import is_public_holiday

# How far ahead "when does it open next?" looks; a shop closed for longer says "Fermé".
HORIZON_DAYS = 60
# The days the functions here can be asked about: each looks at days around the one
# asked (the day before, the week, the horizon ahead), and all of them must exist in
# Python's calendar (years 1 to 9999). A week of margin on either side covers them.
FIRST_DAY = date.min + timedelta(days=7)
LAST_DAY = date.max - timedelta(days=HORIZON_DAYS + 7)


class State(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True, order=True)
class Range:
    """An opening range in wall-clock time (naive datetimes, Brussels)."""

    start: datetime
    end: datetime

    def __contains__(self, moment):
        return self.start <= moment < self.end


@dataclass(frozen=True)
class Status:
    state: State
    # When the state changes next (wall-clock, Brussels), or None: no change in sight.
    changes_at: datetime | None = None


class _Rows(tuple):
    """Rows read as plain values, answering `.all()` the way a related manager does."""

    def all(self):
        return self


WeeklyRow = namedtuple("WeeklyRow", "weekday opens closes")
SpecialRow = namedtuple("SpecialRow", "start_date end_date label closed opens closes")


@dataclass(frozen=True)
class Hours:
    """A shop's hours as plain rows: all that the functions here read of a shop (its
    `opening_hours`, `special_hours`, `public_holidays` rule and `joined_days`), for
    listings of many shops, where a model instance per row cost more than working out
    the open/closed lines themselves."""

    opening_hours: _Rows
    special_hours: _Rows
    public_holidays: str = HolidayRule.CLOSED
    joined_days: tuple = ()

    @classmethod
    def of(cls, weekly=(), special=(), public_holidays=HolidayRule.CLOSED, joined=()):
        """Hours from plain tuples: `weekly` (weekday, opens, closes), `special`
        (start_date, end_date, label, closed, opens, closes), `joined` (JoinedDay)."""
        return cls(
            _Rows(WeeklyRow(*row) for row in weekly),
            _Rows(SpecialRow(*row) for row in special),
            public_holidays,
            tuple(joined),
        )


def hours_of_shops(shops, special_from, special_to):
    """{shop id: Hours} for `shops` (loaded ShopPages: their holiday rule is read from
    them), in three queries, with the special hours and joined opening days of the dates
    `special_from` to `special_to` (the others cannot matter to what is asked of them)."""
    from directory.models import OpeningHours, SpecialHours

    rules = {shop.pk: shop.public_holidays for shop in shops}
    shop_ids = list(rules)
    weekly, special = {}, {}
    weekly_rows = OpeningHours.objects.filter(shop_id__in=shop_ids).order_by("sort_order")
    for shop_id, *row in weekly_rows.values_list("shop_id", *WeeklyRow._fields):
        weekly.setdefault(shop_id, []).append(WeeklyRow(*row))
    special_rows = SpecialHours.objects.filter(
        shop_id__in=shop_ids, end_date__gte=special_from, start_date__lte=special_to
    ).order_by("sort_order")
    for shop_id, *row in special_rows.values_list("shop_id", *SpecialRow._fields):
        special.setdefault(shop_id, []).append(SpecialRow(*row))
    joined = joined_days_of_shops(shop_ids, special_from, special_to)
    return {
        pk: Hours(
            _Rows(weekly.get(pk, ())), _Rows(special.get(pk, ())), rules[pk], joined.get(pk, ())
        )
        for pk in shop_ids
    }


def prefetch_hours(shops, joined_from):
    """Load what the functions here read of `shops` (ShopPages) in three queries: their
    weekly and special hours, and the opening days they joined from `joined_from` on
    (a date: the week's Monday at the earliest, for the shop page's week)."""
    from django.db.models import prefetch_related_objects

    shops = list(shops)
    prefetch_related_objects(shops, "opening_hours", "special_hours")
    attach_joined_days(shops, joined_from)


def within_calendar(moment):
    """Whether the hours can be asked about `moment` (an aware datetime): its day in
    Brussels lies between FIRST_DAY and LAST_DAY. A moment at the very ends of the
    calendar, such as 0001-01-01T00:30+14:00, is not even one in Brussels (it would be
    in year 0), and one a day from them has no day before or after; a query string can
    name any of these, so whoever takes a moment from one asks this first."""
    try:
        day = local_time(moment).date()
    except OverflowError:
        return False
    return FIRST_DAY <= day <= LAST_DAY


def has_hours(shop):
    """Whether the shop gave any hours of its own (weekly or special): one that only
    joined an opening day is open then, but its other days are unknown, not closed."""
    return bool(shop.opening_hours.all()) or bool(shop.special_hours.all())


def special_hours_on(shop, day):
    return [row for row in shop.special_hours.all() if row.start_date <= day <= row.end_date]


def day_range(day, opens, closes):
    ends_next_day = closes <= opens
    end_day = day + timedelta(days=1) if ends_next_day else day
    return Range(datetime.combine(day, opens), datetime.combine(end_day, closes))


def weekly_day_of(rule, day):
    """The day of the weekly rows that gives a shop with the holiday `rule` its hours on
    `day` (no special hours that day): its weekday, `Weekday.PUBLIC_HOLIDAY` (its own
    holiday hours), or None (closed for the holiday)."""
    if not is_public_holiday(day) or rule == HolidayRule.USUAL_HOURS:
        return day.weekday()
    if rule == HolidayRule.OWN_HOURS:
        return Weekday.PUBLIC_HOLIDAY
    return None


def _day_pairs(specials, joined, weekly_pairs):
    """The (opens, closes) pairs of a day, by the precedence above: the special hours
    covering it, else its joined opening days, else `weekly_pairs()` (the holiday rule's
    or the weekday's rows)."""
    if specials:
        return [(row.opens, row.closes) for row in specials if not row.closed]
    if joined:
        return [(row.opens, row.closes) for row in joined]
    return weekly_pairs()


def ranges_starting_on(shop, day):
    """The ranges that start on `day` (a date), in order."""

    def weekly_pairs():
        weekday = weekly_day_of(shop.public_holidays, day)
        return [
            (row.opens, row.closes) for row in shop.opening_hours.all() if row.weekday == weekday
        ]

    pairs = _day_pairs(special_hours_on(shop, day), joined_days_on(shop, day), weekly_pairs)
    return sorted(day_range(day, opens, closes) for opens, closes in pairs if opens and closes)


def is_open(shop, at):
    """True when the shop is open at `at` (an aware datetime)."""
    moment = local_time(at)
    day = moment.date()
    return any(
        moment in opening
        for start_day in (day - timedelta(days=1), day)
        for opening in ranges_starting_on(shop, start_day)
    )


class _Schedule:
    """A shop's hours read once (the related managers are slow to call per day)."""

    def __init__(self, shop):
        self.weekly = {}
        for row in shop.opening_hours.all():
            self.weekly.setdefault(row.weekday, []).append((row.opens, row.closes))
        self.special = list(shop.special_hours.all())
        self.holiday_rule = shop.public_holidays
        self.joined = {}
        for row in shop.joined_days:
            self.joined.setdefault(row.date, []).append(row)

    def ranges_starting_on(self, day):
        specials = [row for row in self.special if row.start_date <= day <= row.end_date]
        pairs = _day_pairs(
            specials,
            self.joined.get(day, ()),
            lambda: self.weekly.get(weekly_day_of(self.holiday_rule, day), []),
        )
        return sorted(day_range(day, opens, closes) for opens, closes in pairs if opens and closes)


def next_change(shop, at):
    """The shop's state at `at` and when it changes next, as a Status. Walks forward day
    by day and stops at the first change, up to HORIZON_DAYS ahead. A shop without hours
    of its own is unknown, but while an opening day it joined keeps it open."""
    if not has_hours(shop) and not (shop.joined_days and is_open(shop, at)):
        return Status(State.UNKNOWN)
    schedule = _Schedule(shop)
    moment = local_time(at)
    first_day = moment.date() - timedelta(days=1)
    block = None  # the current run of merged ranges
    for offset in range(HORIZON_DAYS + 2):
        for opening in schedule.ranges_starting_on(first_day + timedelta(days=offset)):
            if block is not None and opening.start <= block.end:
                block = Range(block.start, max(block.end, opening.end))
                continue
            if block is not None and moment in block:
                return Status(State.OPEN, block.end)
            if block is not None and block.start > moment:
                return Status(State.CLOSED, block.start)
            block = opening
    horizon_end = datetime.combine(
        first_day + timedelta(days=HORIZON_DAYS + 2), datetime.min.time()
    )
    if block is not None and moment in block:
        if block.end < horizon_end:  # its last range (a shop with dated hours only)
            return Status(State.OPEN, block.end)
        return Status(State.OPEN)  # open beyond the horizon: "Ouvert"
    if block is not None and block.start > moment:
        return Status(State.CLOSED, block.start)
    return Status(State.CLOSED)


def _when(changes_at, moment):
    """ "à 18:30", "demain à 09:30", "lundi à 10:00", "le 24 décembre à 10:00"."""
    clock = f"{changes_at:%H:%M}"
    days_ahead = (changes_at.date() - moment.date()).days
    if days_ahead == 0:
        return _("à %(time)s") % {"time": clock}
    if days_ahead == 1:
        return _("demain à %(time)s") % {"time": clock}
    if days_ahead < 7:
        weekday = formats.date_format(changes_at, "l").lower()
        return _("%(weekday)s à %(time)s") % {"weekday": weekday, "time": clock}
    day = formats.date_format(changes_at, "j F")
    return _("le %(day)s à %(time)s") % {"day": day, "time": clock}


def status_line(shop, at):
    """What a resident reads on a card: "Ouvert · ferme à 18:30", "Horaires inconnus".
    The page showing it reads differently from the change on (core.front_cache)."""
    return read_status_line(shop, at).text


@dataclass(frozen=True)
class StatusLine:
    """A status line (status_line) read at a moment, and until when it reads so."""

    text: str
    changes_at: datetime | None  # aware: the shop's next change, if one is in sight
    # Aware: the change, or midnight in town when sooner (the line names the day of the
    # change from today's: "demain à 09:30").
    holds_until: datetime


def read_status_line(shop, at):
    """The StatusLine of `shop` at `at` (an aware datetime). The page showing it reads
    differently from the change on (core.front_cache)."""
    status = next_change(shop, at)
    changes_at = None
    if status.changes_at is not None:  # wall-clock time in town
        changes_at = status.changes_at.replace(tzinfo=BRUSSELS)
        front_cache.changes_at(changes_at)
    moment = local_time(at)
    midnight = datetime.combine(moment.date() + timedelta(days=1), datetime.min.time())
    holds_until = min(status.changes_at or midnight, midnight).replace(tzinfo=BRUSSELS)
    return StatusLine(_status_text(status, moment), changes_at, holds_until)


def _status_text(status, moment):
    if status.state == State.UNKNOWN:
        return _("Horaires inconnus")
    if status.state == State.OPEN:
        if status.changes_at is None:
            return _("Ouvert")
        return _("Ouvert · ferme %(when)s") % {"when": _when(status.changes_at, moment)}
    if status.changes_at is None:
        return _("Fermé")
    return _("Fermé · ouvre %(when)s") % {"when": _when(status.changes_at, moment)}


# --- The same question in SQL -------------------------------------------------------


def _covers_q(clock):
    """Rows whose range covers `clock` on the day it starts (a range past midnight runs
    to the end of that day)."""
    return Q(opens__lte=clock) & (Q(closes__gt=clock) | Q(closes__lte=F("opens")))


def _carries_over_q(clock):
    """Rows of the previous day whose range runs past midnight and still covers `clock`."""
    return Q(closes__lte=F("opens"), closes__gt=clock)


def _dated_q(day):
    """Special-hours rows that cover the date `day`."""
    return Q(start_date__lte=day, end_date__gte=day)


def _weekly_rows_of_q(day):
    """Weekly rows that give their shop its hours on `day` when no special hours cover
    it: the weekday's, but on a public holiday (a constant here, worked out in Python)
    the weekday's of the shops keeping their usual hours and the "jours fériés" rows of
    the shops with hours of their own (`weekly_day_of`, in SQL)."""
    if not is_public_holiday(day):
        return Q(weekday=day.weekday())
    return Q(weekday=day.weekday(), shop__public_holidays=HolidayRule.USUAL_HOURS) | Q(
        weekday=Weekday.PUBLIC_HOLIDAY, shop__public_holidays=HolidayRule.OWN_HOURS
    )


def open_at_q(at):
    """A Q for ShopPage querysets: the shops open at `at` (an aware datetime).

    The shops with an open special-hours row covering the moment (today's from its
    start, yesterday's past midnight), those that joined an opening day today whose
    hours cover it (without special hours today), and those with a weekly row doing so
    on a day without special hours or joined opening day (they replace the whole day).
    Each is one uncorrelated subquery: the database reads the day's rows once (through
    the index on weekday and times) instead of probing every candidate shop, and
    PostgreSQL's estimates stay low enough not to JIT-compile the query (which cost
    about 90 ms a search). Whether
    today or yesterday is a public holiday is decided in Python, so an ordinary day's
    query is the same as before holidays counted."""
    from directory.models import OpeningHours, OperationParticipation, SpecialHours

    moment = local_time(at)
    today, clock = moment.date(), moment.time()
    yesterday = today - timedelta(days=1)

    def special_on(day):
        return SpecialHours.objects.filter(_dated_q(day)).values("shop_id")

    def joined_on(day):
        return OperationParticipation.objects.filter(joined_on_q(day)).values("shop_id")

    def weekly_replaced_on(day):
        return Q(shop_id__in=special_on(day)) | Q(shop_id__in=joined_on(day))

    open_special = SpecialHours.objects.filter(closed=False).filter(
        Q(_dated_q(today), _covers_q(clock)) | Q(_dated_q(yesterday), _carries_over_q(clock))
    )
    # One filter() call, so that the day's date and hours are those of the same row.
    open_joined = OperationParticipation.objects.filter(
        joined_on_q(today), covering_q(clock), ~Q(shop_id__in=special_on(today))
    )
    open_today = OpeningHours.objects.filter(
        _covers_q(clock), _weekly_rows_of_q(today), ~weekly_replaced_on(today)
    )
    # A joined day's range ends the day it starts, so only the weekly rows carry over.
    open_since_yesterday = OpeningHours.objects.filter(
        _carries_over_q(clock), _weekly_rows_of_q(yesterday), ~weekly_replaced_on(yesterday)
    )
    return (
        Q(pk__in=open_special.values("shop_id"))
        | Q(pk__in=open_joined.values("shop_id"))
        | Q(pk__in=open_today.values("shop_id"))
        | Q(pk__in=open_since_yesterday.values("shop_id"))
    )


def next_change_in_town(at):
    """A moment after `at` (an aware datetime) before which no shop opens or closes: the
    first opening or closing time after `at`'s clock among every row that could apply
    today (every weekly row, whatever its weekday; today's special hours and operation
    days; every participation's own hours), or midnight. Early rather than exact, from
    four small aggregates, where the exact moment needs every shop's hours in Python:
    what "open now" lists (directory.search) stays true until then."""
    from directory.models import (
        OpeningHours,
        OperationDay,
        OperationParticipation,
        SpecialHours,
    )

    moment = local_time(at)
    today, clock = moment.date(), moment.time()
    candidates = [datetime.combine(today + timedelta(days=1), datetime.min.time())]
    for rows in (
        OpeningHours.objects.all(),
        SpecialHours.objects.filter(_dated_q(today)),
        OperationDay.objects.filter(date=today),
        OperationParticipation.objects.all(),
    ):
        found = rows.aggregate(
            opens=Min("opens", filter=Q(opens__gt=clock)),
            closes=Min("closes", filter=Q(closes__gt=clock)),
        )
        candidates += [datetime.combine(today, value) for value in found.values() if value]
    return min(candidates).replace(tzinfo=BRUSSELS)


def week_of(day):
    """The Monday-to-Sunday dates of the week holding `day`."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=offset) for offset in range(7)]
