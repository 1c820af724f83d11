"""When city operations happen: an operation's first and last day, whether it is coming
or past, the day its page is about, the next opening day of the town, and the next
Sunday or public holiday. Plain functions of operations (with their days loaded) and
Brussels dates."""

from dataclasses import dataclass
from datetime import date, timedelta

from core.visibility import public_q
from directory.models import OperationDay, OperationKind, OperationPage
from directory.public_holidays import holiday_name, is_public_holiday

SUNDAY = 6


def days_of(operation):
    """The operation's opening days (OperationDay rows), in date order; none for a
    scheme. Reads `operation.days.all()`, so a prefetch serves a listing."""
    if operation.kind != OperationKind.OPENING_DAYS:
        return []
    return sorted(operation.days.all(), key=lambda day: (day.date, day.opens))


def first_and_last_day(operation):
    """(first date, last date) of the operation: its days, or a scheme's period (the
    last None for a scheme without an end); (None, None) for one without any date."""
    if operation.kind == OperationKind.OPENING_DAYS:
        dates = [day.date for day in days_of(operation)]
        return (dates[0], dates[-1]) if dates else (None, None)
    return operation.start_date, operation.end_date


def is_past(operation, today):
    """Whether the operation is over by `today` (its last day before it)."""
    _first, last = first_and_last_day(operation)
    return last is not None and last < today


def is_on(operation, today):
    """Whether `today` is one of the operation's days (or within a scheme's period)."""
    if operation.kind == OperationKind.OPENING_DAYS:
        return any(day.date == today for day in days_of(operation))
    first, last = first_and_last_day(operation)
    return first is not None and first <= today and (last is None or today <= last)


def coming_and_past(operations, today):
    """`operations` as ([coming or under way, soonest first], [past, latest first]);
    operations without any date yet come last among the coming."""
    coming, past = [], []
    for operation in operations:
        (past if is_past(operation, today) else coming).append(operation)
    coming.sort(key=lambda op: (first_and_last_day(op)[0] or date.max, op.title))
    past.sort(key=lambda op: (first_and_last_day(op)[1], op.title), reverse=True)
    return coming, past


def day_about(operation, today):
    """The opening day the operation's page is about: today's, else the next one, else
    (all past) the last one; None for a scheme or an operation without days."""
    days = days_of(operation)
    if not days:
        return None
    return next((day for day in days if day.date >= today), days[-1])


@dataclass(frozen=True)
class NextOpeningDay:
    operation: OperationPage
    day: OperationDay


def next_opening_day(today, operations=None):
    """The town's next opening day from `today` on (today's included): the earliest day
    of a live, public opening-days operation (`operations`, an OperationPage queryset,
    narrows them: one section's), or None. One query."""
    operations = operations if operations is not None else OperationPage.objects.all()
    operations = operations.live().filter(public_q(), kind=OperationKind.OPENING_DAYS)
    day = (
        OperationDay.objects.filter(date__gte=today, operation__in=operations.values("pk"))
        .select_related("operation")
        .order_by("date", "opens", "operation__title", "pk")
        .first()
    )
    return NextOpeningDay(day.operation, day) if day else None


@dataclass(frozen=True)
class SundayOrHoliday:
    day: date
    holiday: str  # the public holiday's name, or "" for an ordinary Sunday


def next_sunday_or_holiday(today):
    """The first Sunday or Belgian public holiday from `today` on (today's included)."""
    for offset in range(7):
        day = today + timedelta(days=offset)
        if day.weekday() == SUNDAY or is_public_holiday(day):
            return SundayOrHoliday(day, holiday_name(day))
    raise AssertionError("a week always has a Sunday")
