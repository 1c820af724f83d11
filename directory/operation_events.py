"""An operation's opening days as events: each day a schema.org Event on the operation's
page, and a VEVENT of its iCalendar file (a scheme is one all-day span there). The town
is the place and the organiser: an opening day happens in the shops all over town."""

from datetime import timedelta

from django.utils.formats import date_format
from django.utils.html import strip_tags

from core.calendar import CalendarEvent, PageCalendar
from core.clock import BRUSSELS
from core.structured_data import event_json_ld, place
from directory.hours import day_range
from directory.models import OperationKind
from directory.operation_dates import days_of, first_and_last_day
from directory.shop_hours import format_range


def day_moments(day):
    """(start, end) of an OperationDay as aware datetimes in Brussels; a day closing at
    or before its opening ends the next day, as shop hours do."""
    opening = day_range(day.date, day.opens, day.closes)
    return opening.start.replace(tzinfo=BRUSSELS), opening.end.replace(tzinfo=BRUSSELS)


def day_title(operation, day, days):
    """The event's name: the operation's, with the date when it has several days."""
    if len(days) == 1:
        return operation.title
    return f"{operation.title} — {date_format(day.date, 'l j F Y')}"


def plain_intro(operation):
    return strip_tags(operation.intro or "").strip()


def opening_day_events(operation, *, page_url, city, organizer, image_url=""):
    """The schema.org Events of the operation's opening days (none for a scheme),
    organised by `organizer` (the city's Organization, home.structured_data)."""
    days = days_of(operation)
    events = []
    for day in days:
        start, end = day_moments(day)
        events.append(
            event_json_ld(
                node_id=f"{page_url}#journee-{day.date.isoformat()}",
                name=day_title(operation, day, days),
                start=start,
                end=end,
                url=page_url,
                description=plain_intro(operation),
                location=place(city, locality=city),
                organizer=organizer,
                image=image_url,
            )
        )
    return events


def operation_calendar(operation, *, page_url, city, host):
    """The operation's PageCalendar: one event per opening day (its hours, in Brussels),
    or a scheme's period as whole days. UIDs name the operation's page and the date, so
    they stay the same across downloads and edits of the hours."""
    common = {"description": plain_intro(operation), "location": city, "url": page_url}
    if operation.kind == OperationKind.OPENING_DAYS:
        days = days_of(operation)
        events = []
        for day in days:
            start, end = day_moments(day)
            hours = format_range(day_range(day.date, day.opens, day.closes))
            events.append(
                CalendarEvent(
                    uid=f"operation-{operation.pk}-{day.date:%Y%m%d}@{host}",
                    summary=f"{day_title(operation, day, days)} ({hours})",
                    start=start,
                    end=end,
                    **common,
                )
            )
        return PageCalendar(operation.title, events)
    first, last = first_and_last_day(operation)
    if first is None:
        return PageCalendar(operation.title, [])
    # iCalendar's end of a whole-day event is the day after the last; a scheme without
    # an end is shown on its first day.
    event = CalendarEvent(
        uid=f"operation-{operation.pk}@{host}",
        summary=operation.title,
        start=first,
        end=(last or first) + timedelta(days=1),
        **common,
    )
    return PageCalendar(operation.title, [event])
