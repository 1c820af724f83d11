"""The map's tiles are the only images a public page may load from another origin, and
their origin follows the site's settings."""

import pytest
from wagtail.models import Site

from core.csp import tile_origins
from home.models import SiteSettings
from tests.factories import HomePageFactory

pytestmark = pytest.mark.django_db


def image_sources(response):
    policy = response.headers["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip()
    )
    return directives["img-src"].split()


@pytest.fixture
def site():
    HomePageFactory()
    return Site.objects.get(is_default_site=True)


def set_tile_url(site, url):
    SiteSettings.objects.update_or_create(
        site=site, defaults={"city_name": "Vilvèze", "map_tile_url": url}
    )


def test_public_page_allows_images_from_the_tile_server(site, client):
    set_tile_url(site, "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    assert "https://tile.openstreetmap.org" in image_sources(client.get("/"))


def test_changing_the_tile_url_changes_the_allowed_origin(site, client):
    set_tile_url(site, "https://tiles.example.be:8443/osm/{z}/{x}/{y}.png")
    sources = image_sources(client.get("/"))
    assert "https://tiles.example.be:8443" in sources
    assert "https://tile.openstreetmap.org" not in sources


def test_tile_url_with_subdomains_allows_each_of_them(site, client):
    set_tile_url(site, "https://{s}.tile.example.org/{z}/{x}/{y}.png")
    sources = image_sources(client.get("/"))
    for subdomain in "abc":
        assert f"https://{subdomain}.tile.example.org" in sources


def test_nothing_else_from_another_origin_is_allowed(site, client):
    set_tile_url(site, "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    policy = client.get("/").headers["Content-Security-Policy"]
    assert policy.count("https://") == 1
    assert "script-src 'self';" in policy


def test_admin_keeps_its_own_policy_with_the_tiles_for_the_map_picker(site, client):
    set_tile_url(site, "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
    response = client.get("/admin/login/")
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy
    assert "blob:" in image_sources(response)
    assert "https://tile.openstreetmap.org" in image_sources(response)


@pytest.mark.parametrize(
    "url",
    [
        "",
        "tiles",
        "ftp://tiles.example.org/{z}/{x}/{y}.png",
        "javascript:alert(1)",
        "https://evil.example; script-src *",
        "https://tiles.example.org 'unsafe-inline'/{z}.png",
        "https://*/{z}/{x}/{y}.png",
        "https://[::1/{z}.png",
        "//tiles.example.org/{z}/{x}/{y}.png",
    ],
)
def test_malformed_tile_url_adds_nothing_and_does_not_crash(site, client, url):
    set_tile_url(site, url)
    response = client.get("/")
    assert response.status_code == 200
    assert image_sources(response) == ["'self'", "data:"]


def test_tile_origins_of_a_template_url():
    assert tile_origins("http://127.0.0.1:8081/{z}/{x}/{y}.png") == ["http://127.0.0.1:8081"]
    assert tile_origins("HTTPS://Tile.Example.org/{z}/{x}/{y}.png") == ["https://tile.example.org"]


def test_request_for_an_unknown_host_gets_the_plain_policy(client, settings):
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.all().delete()
    response = client.get("/", HTTP_HOST="unknown.example")
    assert image_sources(response) == ["'self'", "data:"]
