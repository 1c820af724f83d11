"""An offer of the "événement" kind is a schema.org Event (in the shop, on its dates,
with what Google's event rich result requires and recommends) and has an .ics while it
is current; other offers have neither."""

import json
import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from tests.clock import TUESDAY_MORNING
from tests.factories import ImageFactory, OfferPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

TUESDAY = TUESDAY_MORNING.date()


@pytest.fixture
def bakery(offers_site):
    return ShopPageFactory(
        title="Boulangerie Dupont", street="Rue Haute 4", postcode="5999", locality="Vilvèze"
    )


@pytest.fixture
def workshop(now, bakery):
    return OfferPageFactory(
        parent=bakery,
        title="Atelier pain au levain",
        short_text="Pétrissez votre miche avec le boulanger, samedi matin.",
        kind="evenement",
        start_date=TUESDAY,
        end_date=TUESDAY + timedelta(days=4),
        image=ImageFactory(title="L'atelier"),
    )


def event_of(client, offer):
    html = client.get(offer.url).content.decode()
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [node for node in json.loads(text)["@graph"] if node["@type"] == "Event"]


def test_event_offer_is_an_event_with_google_s_required_properties(client, workshop):
    (event,) = event_of(client, workshop)
    assert event["name"] == "Atelier pain au levain"
    assert event["startDate"] == "2026-11-24"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == "Boulangerie Dupont"
    assert event["location"]["address"]["streetAddress"] == "Rue Haute 4"
    assert event["location"]["address"]["postalCode"] == "5999"
    assert event["location"]["address"]["addressLocality"] == "Vilvèze"


def test_event_offer_has_google_s_recommended_properties(client, workshop):
    (event,) = event_of(client, workshop)
    assert event["endDate"] == "2026-11-28"
    assert event["description"].startswith("Pétrissez")
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["organizer"]["name"] == "Boulangerie Dupont"
    assert event["organizer"]["url"].endswith("/commerces/boulangerie-dupont/")
    assert event["image"][0].startswith("http")


def test_a_promotion_is_not_an_event(client, now, bakery):
    offer = OfferPageFactory(parent=bakery, kind="promotion")
    assert event_of(client, offer) == []
    assert client.get(f"{offer.url}agenda.ics").status_code == 404
    assert "agenda.ics" not in client.get(offer.url).content.decode()


def test_event_offer_calendar_is_its_dates_as_whole_days_at_the_shop(client, workshop):
    response = client.get(f"{workshop.url}agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.start == date(2026, 11, 24)
    assert event.end == date(2026, 11, 29)  # the day after the last
    assert "Boulangerie Dupont" in str(event["LOCATION"])
    assert "Rue Haute 4" in str(event["LOCATION"])
    assert str(event["UID"]).startswith(f"offre-{workshop.pk}@")


def test_event_offer_page_links_to_its_calendar(client, workshop):
    html = client.get(workshop.url).content.decode()
    assert f'href="{workshop.url}agenda.ics"' in html


def test_ended_event_offer_has_no_calendar(client, clock, workshop):
    clock(TUESDAY_MORNING + timedelta(days=7))
    assert client.get(f"{workshop.url}agenda.ics").status_code == 404


def test_unpublished_event_offer_has_no_calendar(client, workshop):
    url = f"{workshop.url}agenda.ics"
    workshop.unpublish()
    assert client.get(url).status_code == 404
