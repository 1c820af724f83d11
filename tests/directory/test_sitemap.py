"""sitemap.xml lists the live pages, shops included; robots.txt points to it."""

import pytest

from tests.factories import ShopPageFactory

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_shops_with_their_absolute_url(client):
    shop = ShopPageFactory(title="Boulangerie Dupont")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    assert f"<loc>{shop.get_full_url()}</loc>" in response.content.decode()
    assert "http://testserver/commerces/boulangerie-dupont/" in response.content.decode()


def test_sitemap_leaves_out_draft_shops(client):
    ShopPageFactory(title="Boulangerie Dupont")
    draft = ShopPageFactory(title="Fleuriste en préparation")
    draft.unpublish()
    content = client.get("/sitemap.xml").content.decode()
    assert "/commerces/boulangerie-dupont/" in content
    assert "/commerces/fleuriste-en-preparation/" not in content


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines
