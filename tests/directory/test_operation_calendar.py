"""An operation's .ics file: one VEVENT per opening day in Brussels time (with the
VTIMEZONE that defines it), a scheme as whole days, stable UIDs; 404 for anything that
is not a live, public page with a calendar."""

from datetime import date, datetime, timedelta

import pytest
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from core.clock import BRUSSELS
from directory.models import OperationKind
from tests.factories import OperationPageFactory

pytestmark = pytest.mark.django_db


def events_of(response):
    calendar = Calendar.from_ical(response.content)
    return calendar, list(calendar.walk("VEVENT"))


def test_opening_days_are_one_event_each_in_brussels_time(client, now, operations_index):
    operation = OperationPageFactory(
        title="Dimanche shopping",
        days=[(date(2026, 12, 20), "10:00", "18:00"), (date(2027, 3, 28), "13:00", "19:00")],
    )
    response = client.get(f"{operation.url}agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar, events = events_of(response)
    winter, summer = sorted(events, key=lambda event: event.start)
    assert winter.start == datetime(2026, 12, 20, 10, 0, tzinfo=BRUSSELS)
    assert winter.end == datetime(2026, 12, 20, 18, 0, tzinfo=BRUSSELS)
    assert winter.start.utcoffset() == timedelta(hours=1)
    # 28 March 2027 is the day summer time starts: 13:00 there is UTC+2.
    assert summer.start.utcoffset() == timedelta(hours=2)
    assert b"DTSTART;TZID=Europe/Brussels:20261220T100000" in response.content
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Brussels"]
    assert "Dimanche shopping" in str(winter["SUMMARY"])


def test_event_uids_stay_the_same_from_one_download_to_the_next(client, clock, operations_index):
    operation = OperationPageFactory(days=[(date(2026, 12, 20), "10:00", "18:00")])
    first = events_of(client.get(f"{operation.url}agenda.ics"))[1][0]["UID"]
    clock(clock.now + timedelta(hours=3))
    second = events_of(client.get(f"{operation.url}agenda.ics"))[1][0]["UID"]
    assert first == second
    assert str(first).startswith(f"operation-{operation.pk}-20261220@")


def test_a_scheme_is_one_all_day_span_to_its_last_day(client, now, operations_index):
    operation = OperationPageFactory(
        kind=OperationKind.SCHEME, start_date=date(2026, 12, 1), end_date=date(2026, 12, 31)
    )
    response = client.get(f"{operation.url}agenda.ics")
    (event,) = events_of(response)[1]
    assert event.start == date(2026, 12, 1)
    assert event.end == date(2027, 1, 1)  # iCalendar's end is the day after the last
    assert b"DTSTART;VALUE=DATE:20261201" in response.content


def test_operation_page_links_to_its_calendar(client, now, operations_index):
    operation = OperationPageFactory(days=[(date(2026, 12, 20), "10:00", "18:00")])
    assert f'href="{operation.url}agenda.ics"' in client.get(operation.url).content.decode()


def test_unknown_page_has_no_calendar(client, operations_index):
    assert client.get("/operations/inconnue/agenda.ics").status_code == 404


def test_unpublished_operation_has_no_calendar(client, operations_index):
    operation = OperationPageFactory(days=[(date(2026, 12, 20), "10:00", "18:00")])
    operation.unpublish()
    assert client.get("/operations/" + operation.slug + "/agenda.ics").status_code == 404


def test_restricted_operation_has_no_calendar(client, operations_index):
    operation = OperationPageFactory(days=[(date(2026, 12, 20), "10:00", "18:00")])
    PageViewRestriction.objects.create(page=operation, restriction_type="login")
    assert client.get(f"{operation.url}agenda.ics").status_code == 404


def test_a_page_without_a_calendar_answers_404(client, operations_index):
    assert client.get("/operations/agenda.ics").status_code == 404
    assert client.get("/commerces/agenda.ics").status_code == 404


def test_operation_without_dates_answers_404(client, operations_index):
    operation = OperationPageFactory()
    assert client.get(f"{operation.url}agenda.ics").status_code == 404


def test_the_standing_page_has_no_calendar(client, operations_index):
    assert client.get("/operations/qui-est-ouvert-dimanche/agenda.ics").status_code == 404
