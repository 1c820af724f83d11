"""schema.org JSON-LD on the shop page: what search engines read about a shop."""

import json
import re
from datetime import date

import pytest

from core.site_url import absolute_url
from directory.models import HolidayRule, SchemaType
from tests.factories import CategoryFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

URL = "http://testserver/commerces/boulangerie-dupont/"


@pytest.fixture
def bakery():
    return ShopPageFactory(
        title="Boulangerie Dupont",
        short_description="Pain au levain.",
        category=CategoryFactory(name="Boulangeries", schema_type=SchemaType.BAKERY),
        street="Rue Haute 3",
        postcode="5999",
        locality="Vilvèze",
        latitude=50.4669,
        longitude=4.8675,
        phone="+32 81 23 45 67",
        email="bonjour@dupont.example",
        website="https://dupont.example",
        facebook_url="https://www.facebook.com/dupont",
        instagram_url="https://www.instagram.com/dupont",
        hours=[(day, "09:00", "18:00") for day in range(5)] + [(5, "22:00", "02:00")],
        special=[
            dict(
                start_date=date(2026, 12, 25),
                end_date=date(2026, 12, 26),
                label="Noël",
                closed=True,
            ),
            dict(
                start_date=date(2026, 12, 31),
                end_date=date(2026, 12, 31),
                label="Réveillon",
                opens="08:00",
                closes="15:00",
            ),
            dict(start_date=date(2026, 11, 1), end_date=date(2026, 11, 2), closed=True),
        ],
    )


def json_ld(client, shop):
    html = client.get(shop.url).content.decode()
    (text,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    graph = json.loads(text)["@graph"]
    return {item["@type"]: item for item in graph}


def test_shop_is_published_as_its_category_schema_type(client, now, bakery):
    business = json_ld(client, bakery)["Bakery"]
    assert business["@id"] == URL + "#commerce"
    assert business["url"] == URL
    assert business["name"] == "Boulangerie Dupont"
    assert business["description"] == "Pain au levain."


def test_category_without_a_subtype_is_a_local_business(client, now):
    shop = ShopPageFactory(category=CategoryFactory(name="Divers"))
    assert "LocalBusiness" in json_ld(client, shop)


def test_address_position_and_contact(client, now, bakery):
    business = json_ld(client, bakery)["Bakery"]
    assert business["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "Rue Haute 3",
        "postalCode": "5999",
        "addressLocality": "Vilvèze",
        "addressCountry": "BE",
    }
    assert business["geo"] == {"@type": "GeoCoordinates", "latitude": 50.4669, "longitude": 4.8675}
    assert business["telephone"] == "+3281234567"  # E.164, as Google asks
    assert business["email"] == "bonjour@dupont.example"
    assert business["sameAs"] == [
        "https://dupont.example",
        "https://www.facebook.com/dupont",
        "https://www.instagram.com/dupont",
    ]


def test_weekly_hours_group_the_days_sharing_a_range(client, now, bakery):
    weekly = [
        spec
        for spec in json_ld(client, bakery)["Bakery"]["openingHoursSpecification"]
        if "dayOfWeek" in spec
    ]
    assert weekly == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [
                "https://schema.org/Monday",
                "https://schema.org/Tuesday",
                "https://schema.org/Wednesday",
                "https://schema.org/Thursday",
                "https://schema.org/Friday",
            ],
            "opens": "09:00",
            "closes": "18:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Saturday"],
            "opens": "22:00",
            "closes": "02:00",
        },
    ]


def test_special_hours_are_valid_over_their_dates_and_a_closed_day_is_00_00(client, now, bakery):
    special = [
        spec
        for spec in json_ld(client, bakery)["Bakery"]["openingHoursSpecification"]
        if "validFrom" in spec
    ]
    assert special == [
        {
            "@type": "OpeningHoursSpecification",
            "name": "Noël",
            "validFrom": "2026-12-25",
            "validThrough": "2026-12-26",
            "opens": "00:00",
            "closes": "00:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "name": "Réveillon",
            "validFrom": "2026-12-31",
            "validThrough": "2026-12-31",
            "opens": "08:00",
            "closes": "15:00",
        },
        # A public holiday the shop closes on, not in its special hours.
        {
            "@type": "OpeningHoursSpecification",
            "name": "Nouvel An",
            "validFrom": "2027-01-01",
            "validThrough": "2027-01-01",
            "opens": "00:00",
            "closes": "00:00",
        },
    ]


def dated_specifications(client, shop):
    return [
        spec
        for spec in json_ld(client, shop)["LocalBusiness"]["openingHoursSpecification"]
        if "validFrom" in spec
    ]


def test_shop_with_own_holiday_hours_announces_them_for_each_coming_holiday(client, now):
    shop = ShopPageFactory(
        hours=[*((day, "09:00", "18:00") for day in range(6)), (7, "10:00", "13:00")],
        public_holidays=HolidayRule.OWN_HOURS,
    )
    assert dated_specifications(client, shop) == [
        {
            "@type": "OpeningHoursSpecification",
            "name": name,
            "validFrom": day,
            "validThrough": day,
            "opens": "10:00",
            "closes": "13:00",
        }
        for day, name in (("2026-12-25", "Noël"), ("2027-01-01", "Nouvel An"))
    ]


def test_holiday_rows_are_not_a_day_of_the_week(client, now):
    shop = ShopPageFactory(
        hours=[(0, "09:00", "18:00"), (7, "10:00", "13:00")],
        public_holidays=HolidayRule.OWN_HOURS,
    )
    weekly = [
        spec
        for spec in json_ld(client, shop)["LocalBusiness"]["openingHoursSpecification"]
        if "dayOfWeek" in spec
    ]
    assert weekly == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": ["https://schema.org/Monday"],
            "opens": "09:00",
            "closes": "18:00",
        }
    ]


def test_shop_keeping_its_usual_hours_on_holidays_announces_no_holiday(client, now):
    shop = ShopPageFactory(
        hours=[(day, "09:00", "18:00") for day in range(6)],
        public_holidays=HolidayRule.USUAL_HOURS,
    )
    assert dated_specifications(client, shop) == []


def test_shop_open_round_the_clock_is_open_00_00_to_23_59(client, now):
    shop = ShopPageFactory(
        hours=[(day, "00:00", "00:00") for day in range(7)],
        public_holidays=HolidayRule.USUAL_HOURS,
    )
    (weekly,) = json_ld(client, shop)["LocalBusiness"]["openingHoursSpecification"]
    assert (weekly["opens"], weekly["closes"]) == ("00:00", "23:59")
    assert len(weekly["dayOfWeek"]) == 7


def test_breadcrumb_lists_home_directory_and_shop(client, now, bakery):
    crumbs = json_ld(client, bakery)["BreadcrumbList"]["itemListElement"]
    assert [(c["position"], c["name"], c["item"]) for c in crumbs] == [
        (1, "Accueil", "http://testserver/"),
        (2, "Commerces", "http://testserver/commerces/"),
        (3, "Boulangerie Dupont", URL),
    ]


def test_image_is_an_absolute_url_when_the_shop_has_a_photo(client, now, bakery):
    from directory.models import ShopPhoto
    from tests.factories import ImageFactory

    bakery.photos = [ShopPhoto(image=ImageFactory(), alt_text="La vitrine")]
    bakery.save_revision().publish()
    (image,) = json_ld(client, bakery)["Bakery"]["image"]
    assert image.startswith(absolute_url("/media/images/"))  # the site's address
