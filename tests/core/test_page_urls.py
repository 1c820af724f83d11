"""A page's address is worked out once per process (core.page_urls), and is always the
one Wagtail's own `Page.get_url_parts` gives: these compare the two."""

import pytest
from django.urls import set_script_prefix
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, ShopPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    home = HomePageFactory()
    about = StandardPageFactory(parent=home, title="À propos", slug="a-propos")
    shop = ShopPageFactory(title="Café du Théâtre")
    return [home, about, shop.get_parent().specific, shop]


def wagtails(page, request):
    """What Wagtail's own method answers (the class's, past every override)."""
    return Page.get_url_parts(page, request)


def requests_for(rf, hosts):
    return [rf.get("/", HTTP_HOST=host) for host in hosts]


def test_every_address_is_wagtails(rf, pages):
    for request in requests_for(rf, ["testserver", "testserver"]):
        for page in pages:
            assert page.get_url_parts(request) == wagtails(page, request)
            assert page.get_url(request) == Page.get_url(page, request)


def test_another_site_rooted_lower_gets_its_own_addresses(rf, pages):
    _home, _about, directory, shop = pages
    for request in requests_for(rf, ["testserver"]):
        shop.get_url_parts(request)  # remembered for the first site
    Site.objects.create(hostname="commerces.example", port=80, root_page=directory)
    for request in requests_for(rf, ["commerces.example", "testserver"]):
        for page in pages:
            assert page.get_url_parts(request) == wagtails(page, request)
    assert shop.get_url_parts(requests_for(rf, ["commerces.example"])[0])[2] == "/cafe-du-theatre/"


def test_a_renamed_page_gets_its_new_address(rf, pages):
    shop = pages[-1]
    (request,) = requests_for(rf, ["testserver"])
    before = shop.get_url_parts(request)
    shop.slug = "au-theatre"
    shop.save_revision().publish()
    shop.refresh_from_db()
    (request,) = requests_for(rf, ["testserver"])
    assert shop.get_url_parts(request) == wagtails(shop, request) != before


def test_a_script_prefix_is_part_of_the_address(rf, pages):
    (request,) = requests_for(rf, ["testserver"])
    shop = pages[-1]
    shop.get_url_parts(request)
    set_script_prefix("/ville/")
    try:
        (request,) = requests_for(rf, ["testserver"])
        assert shop.get_url_parts(request) == wagtails(shop, request)
        assert shop.get_url_parts(request)[2].startswith("/ville/")
    finally:
        set_script_prefix("/")


def test_a_page_outside_every_site_has_no_address(rf, pages):
    orphan = pages[1]
    Site.objects.all().delete()
    (request,) = requests_for(rf, ["testserver"])
    assert orphan.get_url_parts(request) is None is wagtails(orphan, request)
