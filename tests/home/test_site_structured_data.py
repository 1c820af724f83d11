"""The city as an Organization with its logo, the site as a WebSite (home.structured_data)."""

import pytest
from django.contrib.staticfiles import finders
from wagtail.models import Site

from home.models import SiteSettings
from home.structured_data import FALLBACK_LOGO, city_organization
from tests.factories import ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def settings_row(site):
    return SiteSettings.objects.update_or_create(
        site=site,
        defaults={
            "city_name": "Vilvèze",
            "contact_phone": "081 00 00 00",
            "contact_address": "Grand-Place 1\n5999 Vilvèze",
        },
    )[0]


@pytest.fixture
def site():
    return Site.objects.get(is_default_site=True)


def test_without_a_logo_the_city_has_vitrine_s_drawn_one(settings_row):
    logo = city_organization(settings_row)["logo"]
    assert logo["url"].endswith(FALLBACK_LOGO)
    assert logo["url"].startswith("http")
    assert logo["width"] == logo["height"] == 512


def test_the_logo_staff_set_is_the_city_s(settings_row):
    settings_row.logo = ImageFactory()
    logo = city_organization(settings_row)["logo"]
    assert "/media/images/" in logo["url"]
    assert logo["url"].endswith(".png")


def test_the_city_s_phone_is_international_and_its_address_one_line(settings_row):
    city = city_organization(settings_row)
    assert city["telephone"] == "+3281000000"
    assert city["address"] == "Grand-Place 1, 5999 Vilvèze"
    assert city["@id"].endswith("/#ville")


def test_the_drawn_logo_is_a_static_file():
    assert finders.find(FALLBACK_LOGO)
