"""Every response says which browser features the site may use: geolocation for its own
pages, nothing else it does not use."""

import pytest

from core.permissions_policy import header_value


def directives(response):
    return dict(
        part.strip().split("=", 1) for part in response.headers["Permissions-Policy"].split(",")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/robots.txt", "/nulle-part/", "/admin/login/"])
def test_every_response_allows_geolocation_for_the_site_itself_only(client, url):
    assert directives(client.get(url))["geolocation"] == "(self)"


@pytest.mark.django_db
@pytest.mark.parametrize("feature", ["camera", "microphone", "payment", "usb", "serial"])
def test_features_the_site_does_not_use_are_turned_off(client, feature):
    assert directives(client.get("/robots.txt"))[feature] == "()"


def test_the_header_is_written_in_the_structured_field_syntax():
    policy = {"geolocation": ["self"], "camera": [], "fullscreen": ["self", "https://a.example"]}
    assert (
        header_value(policy)
        == 'geolocation=(self), camera=(), fullscreen=(self "https://a.example")'
    )
