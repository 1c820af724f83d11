"""Every map element carries the same attributes: the site's tiles and the French words
of Leaflet's controls, from home.maps."""

import re

import pytest
from wagtail.models import Site

from directory.widgets import MapPickerWidget
from home.maps import map_data_attributes
from home.models import SiteSettings
from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db

FRENCH_CONTROLS = {"zoom-in": "Zoom avant", "zoom-out": "Zoom arrière", "close-popup": "Fermer"}


@pytest.fixture
def site_settings(db):
    ShopPageFactory()  # a home page as the default site's root, with the directory
    return SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"map_tile_url": "https://tuiles.example/{z}/{x}/{y}.png"},
    )[0]


def data_attributes(html):
    return dict(re.findall(r'data-([a-z-]+)="([^"]*)"', str(html)))


def test_the_attributes_name_the_tiles_and_the_controls_in_french(site_settings):
    attributes = data_attributes(map_data_attributes(site_settings))
    assert attributes["tile-url"] == "https://tuiles.example/{z}/{x}/{y}.png"
    assert FRENCH_CONTROLS.items() <= attributes.items()


def test_a_public_map_and_the_editor_picker_carry_the_same_words(site_settings, client):
    html = client.get("/commerces/").content.decode()
    public = data_attributes(re.search(r'<div class="directory-map"[^>]*>', html)[0])
    picker = data_attributes(MapPickerWidget().render("latitude", "50.4"))
    for name in ("tile-url", "attribution", *FRENCH_CONTROLS):
        assert public[name] == picker[name], name
