"""iCalendar (RFC 5545) files, so that residents add a city's opening day or a shop's
event to their own calendar: "Ajouter à mon agenda".

A page that has a calendar answers `calendar(request)` with a `PageCalendar` (or None:
nothing to add, a 404); `page_calendar` serves it at the page's address + `agenda.ics`
(a Django route: Wagtail's page URLs have no dots). The file is written by the
`icalendar` library: times in Europe/Brussels with the VTIMEZONE that says what that
is, all-day events as dates, and UIDs the page builds from what the event is, so that a
calendar that imports the file twice updates its event instead of doubling it.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.http import Http404, HttpResponse
from icalendar import Calendar, Event
from wagtail.models import Site

from core import clock, front_cache

PRODUCT_ID = "-//Vitrine//Agenda//FR"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEvent:
    """One event: from `start` to `end`, aware datetimes, or dates for a whole-day event
    (`end` then the day after the last, as iCalendar counts)."""

    uid: str
    summary: str
    start: date | datetime
    end: date | datetime
    description: str = ""
    location: str = ""
    url: str = ""


@dataclass(frozen=True)
class PageCalendar:
    name: str
    events: list


def ics_document(calendar, *, stamp=None):
    """The iCalendar text of `calendar` (a PageCalendar), as bytes. `stamp` (an aware
    datetime, now by default) is each event's DTSTAMP: when the file was made."""
    stamp = stamp or clock.now()
    document = Calendar.new(prodid=PRODUCT_ID, name=calendar.name)
    del document["UID"]  # a made-up calendar UID would change at every download
    for item in calendar.events:
        event = Event.new(
            uid=item.uid,
            summary=item.summary,
            start=item.start,
            end=item.end,
            stamp=stamp,
            description=item.description or None,
            location=item.location or None,
            url=item.url or None,
        )
        document.add_component(event)
    if calendar.events:
        days = [_day(item.start) for item in calendar.events]
        days += [_day(item.end) for item in calendar.events]
        # The VTIMEZONE covers the events' years, not 1970 to 2038.
        document.add_missing_timezones(
            first_date=date(min(days).year - 1, 1, 1), last_date=date(max(days).year + 2, 1, 1)
        )
    return document.to_ical()


def _day(value):
    return value.date() if isinstance(value, datetime) else value


def calendar_response(calendar, filename):
    response = HttpResponse(ics_document(calendar), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def page_calendar(request, page_path):
    """The calendar of the live, public page at `page_path` on this site, or 404: no
    such page, a page without a calendar, or one with nothing to add now."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in page_path.split("/") if component]
    route = site.root_page.localized.specific.route(request, components)  # 404 if none
    page = route.page.specific
    if route.args or not page.live or page.get_view_restrictions():
        raise Http404
    front_cache.shows(*front_cache.page_keys(page))
    calendar = page.calendar(request) if hasattr(page, "calendar") else None
    if not calendar or not calendar.events:
        raise Http404
    return calendar_response(calendar, f"{page.slug}.ics")
