"""What the site caches is dropped by signals in the process that makes a change, and
read again after at most STALE_AFTER seconds anywhere else (another server process with
its own memory, a management command, cron's publish_scheduled)."""

import time

import pytest
from wagtail.models import Page, Site

from core.caching import STALE_AFTER
from directory.choices import directory_choices
from directory.models import Category
from home.models import SiteSettings
from home.navigation import navigation_for
from tests.factories import CategoryFactory, HomePageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def later(monkeypatch):
    """Move the in-memory cache's clock past STALE_AFTER."""

    def move():
        now = time.time() + STALE_AFTER + 1
        monkeypatch.setattr("django.core.cache.backends.locmem.time.time", lambda: now)

    return move


@pytest.fixture
def site():
    HomePageFactory()
    return Site.objects.get(is_default_site=True)


def test_navigation_changed_elsewhere_shows_once_its_cache_is_stale(site, later):
    page = StandardPageFactory(parent=site.root_page, title="À propos", show_in_menus=True)
    assert [link.title for link in navigation_for(site).menu] == ["À propos"]
    # An update without signals, as another process's change looks to this one.
    Page.objects.filter(pk=page.pk).update(title="Qui sommes-nous")
    assert [link.title for link in navigation_for(site).menu] == ["À propos"]
    later()
    assert [link.title for link in navigation_for(site).menu] == ["Qui sommes-nous"]


def test_site_settings_changed_elsewhere_show_once_their_cache_is_stale(site, later):
    SiteSettings.for_site(site)
    SiteSettings.objects.filter(site=site).update(city_name="Autreville")
    later()
    assert SiteSettings.for_site(site).city_name == "Autreville"


def test_directory_choices_changed_elsewhere_show_once_their_cache_is_stale(db, later):
    category = CategoryFactory(name="Fleuriste")
    assert [c.name for c in directory_choices().categories] == ["Fleuriste"]
    Category.objects.filter(pk=category.pk).update(name="Fleurs")
    later()
    assert [c.name for c in directory_choices().categories] == ["Fleurs"]


def test_a_change_drops_what_it_concerns_again_once_it_commits(
    site, django_capture_on_commit_callbacks
):
    from core import caching
    from directory.models import OpeningHours
    from directory.shop_cache import SHOP_PAGES
    from tests.factories import ShopPageFactory

    shop = ShopPageFactory()
    caching.start_new_batch()
    with django_capture_on_commit_callbacks(execute=True):
        OpeningHours.objects.create(shop=shop, weekday=0, opens="09:00", closes="12:00")
        # Another process, reading before the commit, sees the old rows and keeps them
        # under the generation it starts.
        kept_before_the_commit = caching.generation(SHOP_PAGES)
    assert caching.generation(SHOP_PAGES) != kept_before_the_commit
