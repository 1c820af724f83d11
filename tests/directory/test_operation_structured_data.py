"""An operation's opening days are schema.org Events with what Google's event rich
result requires (name, startDate, location with an address) and recommends
(description, endDate, eventStatus, eventAttendanceMode, image, organizer with name and
url), dates with Brussels' offset."""

import json
import re
from datetime import date

import pytest

from directory.models import OperationKind
from tests.factories import ImageFactory, OperationPageFactory

pytestmark = pytest.mark.django_db


def json_ld(html):
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(text)


def events_on_page(client, operation):
    graph = json_ld(client.get(operation.url).content.decode())["@graph"]
    return [node for node in graph if node["@type"] == "Event"]


def test_each_opening_day_is_an_event_with_google_s_required_properties(
    client, now, operations_index
):
    operation = OperationPageFactory(
        title="Nocturnes de Noël",
        days=[(date(2026, 12, 18), "18:00", "22:00"), (date(2026, 12, 19), "18:00", "22:00")],
    )
    events = events_on_page(client, operation)
    assert len(events) == 2
    for event in events:
        assert event["name"].startswith("Nocturnes de Noël")
        assert event["location"]["@type"] == "Place"
        assert event["location"]["address"]["addressCountry"] == "BE"
        assert event["location"]["address"]["addressLocality"]
    assert events[0]["startDate"] == "2026-12-18T18:00:00+01:00"
    assert events[0]["endDate"] == "2026-12-18T22:00:00+01:00"


def test_an_opening_day_event_has_google_s_recommended_properties(client, now, operations_index):
    operation = OperationPageFactory(
        title="Dimanche shopping",
        days=[(date(2026, 12, 20), "10:00", "18:00")],
        image=ImageFactory(),
        image_alt="La rue commerçante illuminée",
    )
    (event,) = events_on_page(client, operation)
    assert event["name"] == "Dimanche shopping"
    assert event["description"] == "Les commerces de la ville ouvrent leurs portes."
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["organizer"]["@type"] == "GovernmentOrganization"  # the city, an Organization
    assert event["organizer"]["logo"]["url"].startswith("http")
    assert event["organizer"]["name"]
    assert event["organizer"]["url"].startswith("http")
    assert event["image"][0].startswith("http")
    assert event["url"].endswith(operation.url)


def test_an_opening_day_in_summer_has_the_summer_offset(client, now, operations_index):
    operation = OperationPageFactory(days=[(date(2027, 6, 13), "08:00", "18:00")])
    (event,) = events_on_page(client, operation)
    assert event["startDate"] == "2027-06-13T08:00:00+02:00"


def test_a_scheme_is_not_an_event(client, now, operations_index):
    operation = OperationPageFactory(
        kind=OperationKind.SCHEME, start_date=date(2026, 11, 1), end_date=date(2027, 1, 31)
    )
    graph = json_ld(client.get(operation.url).content.decode())["@graph"]
    assert [node["@type"] for node in graph] == ["BreadcrumbList"]
