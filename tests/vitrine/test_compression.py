"""Pages are compressed for a browser that accepts it (issue 18), by Django's
GZipMiddleware: static files come compressed from WhiteNoise, pages from here, so a bare
application server answers compressed too. docs/design-notes.md ("Compression") says
why BREACH does not argue against it."""

import gzip

import pytest
from django.test import override_settings

from tests.factories import HomePageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    HomePageFactory()
    return ShopPageFactory(title="Boulangerie du Beffroi")


def test_a_page_is_compressed_for_a_browser_that_accepts_gzip(client, shop):
    plain = client.get(shop.url)
    compressed = client.get(shop.url, headers={"accept-encoding": "gzip, deflate, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content).decode()
    assert "Boulangerie du Beffroi" in html
    assert len(compressed.content) < len(plain.content) / 2


def test_a_page_is_plain_for_a_client_that_does_not_accept_gzip(client, shop):
    response = client.get(shop.url)
    assert not response.has_header("Content-Encoding")
    assert "Accept-Encoding" in response["Vary"]  # a front cache keeps both variants
    assert "Boulangerie du Beffroi" in response.text


def test_a_compressed_page_still_sets_no_cookie_for_an_anonymous_visitor(client, shop):
    response = client.get(shop.url, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"
    assert response.cookies == {}


def test_the_page_compressor_comes_after_whitenoise():
    from django.conf import settings

    order = settings.MIDDLEWARE
    assert order.index("whitenoise.middleware.WhiteNoiseMiddleware") < order.index(
        "django.middleware.gzip.GZipMiddleware"
    )


@override_settings(DEBUG=False)
def test_the_not_found_page_is_compressed_too(client, shop):
    response = client.get("/pas-de-page-ici/", headers={"accept-encoding": "gzip"})
    assert response.status_code == 404
    assert response["Content-Encoding"] == "gzip"
