"""The cached navigation is dropped when a page that can be in it changes, and kept when
a page deeper down is published (an import publishes thousands of shops)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.navigation import CACHE_KEY, forget_navigation, navigation_for
from tests.factories import (
    DirectoryPageFactory,
    HomePageFactory,
    ShopPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site():
    home = HomePageFactory()
    DirectoryPageFactory(parent=home, slug="commerces")
    return Site.objects.get(is_default_site=True)


def is_cached(site):
    return cache.get(CACHE_KEY.format(site_id=site.pk)) is not None


def test_publishing_a_child_of_the_home_page_drops_the_navigation(site):
    navigation_for(site)
    StandardPageFactory(parent=site.root_page, title="À propos", show_in_menus=True)
    assert not is_cached(site)
    assert "À propos" in [link.title for link in navigation_for(site).menu]


def test_renaming_a_menu_page_shows_the_new_title(site):
    page = StandardPageFactory(parent=site.root_page, title="À propos", show_in_menus=True)
    navigation_for(site)
    page.title = "Qui sommes-nous"
    page.save_revision().publish()
    assert "Qui sommes-nous" in [link.title for link in navigation_for(site).menu]


def test_unpublishing_a_menu_page_drops_it_from_the_menu(site):
    page = StandardPageFactory(parent=site.root_page, title="À propos", show_in_menus=True)
    navigation_for(site)
    page.unpublish()
    assert "À propos" not in [link.title for link in navigation_for(site).menu]


def test_publishing_a_shop_keeps_the_navigation(site):
    navigation_for(site)
    ShopPageFactory()
    assert is_cached(site)


def test_publishing_a_shop_makes_no_query_for_the_navigation_once_the_roots_are_known(site):
    shop = ShopPageFactory()
    revision = shop.save_revision()
    navigation_for(site)
    forget_navigation(instance=shop)  # reads the site roots once
    with CaptureQueriesContext(connection) as queries:
        forget_navigation(instance=shop, revision=revision)
    assert len(queries) == 0


def test_deleting_a_menu_page_drops_it_from_the_menu(site):
    page = StandardPageFactory(parent=site.root_page, title="À propos", show_in_menus=True)
    navigation_for(site)
    page.delete()
    assert "À propos" not in [link.title for link in navigation_for(site).menu]


def test_a_site_rooted_at_the_directory_drops_its_navigation_when_a_shop_is_published(site):
    directory = site.root_page.get_children().get(slug="commerces")
    shops_site = Site.objects.create(hostname="commerces.example", port=80, root_page=directory)
    navigation_for(shops_site)
    ShopPageFactory()
    assert not is_cached(shops_site)


def test_moving_a_page_drops_the_navigation(site):
    page = StandardPageFactory(parent=site.root_page, title="À propos", show_in_menus=True)
    directory = site.root_page.get_children().get(slug="commerces")
    navigation_for(site)
    page.move(directory, pos="last-child")
    assert "À propos" not in [link.title for link in navigation_for(site).menu]


@pytest.fixture
def rendered(settings):
    """Pages rendered at each request: the page cache (core.page_cache) is off."""
    settings.PAGE_CACHE = False


def test_a_section_republished_shows_its_new_introduction_on_the_home_page_and_its_own(
    client, site, rendered
):
    directory = site.root_page.get_children().get(slug="commerces").specific
    client.get("/")
    client.get("/commerces/")  # both read the cached sections
    directory.intro = "<p>Tous les commerces du centre</p>"
    directory.save_revision().publish()
    assert "Tous les commerces du centre" in client.get("/").content.decode()
    assert "Tous les commerces du centre" in client.get("/commerces/").content.decode()


def test_an_unpublished_section_is_no_longer_routed_to(client, site, rendered):
    directory = site.root_page.get_children().get(slug="commerces")
    assert client.get("/commerces/").status_code == 200
    directory.unpublish()
    assert client.get("/commerces/").status_code == 404


def test_a_section_is_routed_to_without_a_query_for_it(client, site, rendered):
    client.get("/commerces/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/commerces/").status_code == 200
    assert not [q for q in queries if '"directory_directorypage"' in q["sql"]]


def test_a_request_reads_the_navigation_from_the_cache_once(client, site, rendered, monkeypatch):
    from home import navigation

    client.get("/")
    reads = []
    read = navigation.navigation_for
    monkeypatch.setattr(navigation, "navigation_for", lambda s: reads.append(s) or read(s))
    assert client.get("/").status_code == 200
    assert len(reads) == 1


def test_a_section_made_private_leaves_the_menu_and_the_home_page(client, site, rendered):
    from wagtail.models import PageViewRestriction

    directory = site.root_page.get_children().get(slug="commerces")
    assert 'href="/commerces/"' in client.get("/").content.decode()
    PageViewRestriction.objects.create(page=directory, restriction_type="login")
    assert 'href="/commerces/"' not in client.get("/").content.decode()
    assert client.get("/commerces/").status_code == 302
