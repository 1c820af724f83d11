"""The cache registry (core.caching): every model a cached page shows drops it when it
changes, so a field added to a page cannot leave it stale for minutes unnoticed; and a
new picture rendition drops only what it concerns."""

import pytest
from django.apps import apps
from wagtail.models import Page

from core import caching
from core.purges import FRONT_CACHE
from directory.models import OperationPage, ShopPage
from directory.shop_cache import SHOP_PAGES, cached_snapshot, generation
from directory.shop_details import load_shop_and_nearby
from home.models import HomePage, SiteSettings, StandardPage
from insights.models import InsightsSettings
from offers.models import OfferPage
from stories.models import CampaignPage, StoryPage
from tests.factories import ImageFactory, ShopPageFactory

# The project's own apps: those beside core in the repository.
PROJECT = str(apps.get_app_config("core").path).rsplit("/", 1)[0]
OWN_APPS = {
    config.label for config in apps.get_app_configs() if config.path.rsplit("/", 1)[0] == PROJECT
}

# What a kept shop page (and a directory card) shows: the shop, its offers and the
# stories that feature it, the site's settings and whether counting is on.
SHOWN_ON_SHOP_PAGES = (ShopPage, OfferPage, StoryPage, SiteSettings, InsightsSettings)
# Relations of those that the kept page does not show, and why.
NOT_SHOWN = {
    ("ShopPage", "tags"): "keywords feed the search index, not the page",
    ("ShopPage", "tagged_items"): "keywords feed the search index, not the page",
    ("ShopPage", "ShopPage_services+"): "the links are written with the shop's publication",
    ("Service", "ShopPage_services+"): "the links are written with the shop's publication",
    ("ShopPage", "merchant_access"): "who may edit the shop",
    ("ShopPage", "+"): "the day counts (insights.DailyCount) are never shown on a page",
    ("OfferPage", "+"): "the day counts (insights.DailyCount) are never shown on a page",
    ("StoryPage", "+"): "the day counts (insights.DailyCount) are never shown on a page",
    ("OfferPage", "reposts"): "a repost's record serves the merchant's dashboard only",
    ("OfferPage", "reposted_from"): "a repost's record serves the merchant's dashboard only",
    ("OperationParticipation", "joined_by"): "who joined a shop to an operation is not shown",
}


def unregistered(entry, shown, not_shown):
    """The relations of the `shown` models (and of the models of this project they lead
    to) that neither drop `entry` when they change nor are declared not shown."""
    registered = caching.registered_models(entry)
    pages_registered = caching.registered_page_changes(entry) == set(caching.PAGE_CHANGES)
    missing, seen, todo = [], set(), list(shown)
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, related in caching.relations(model, OWN_APPS):
            if (model.__name__, name) in not_shown:
                continue
            if issubclass(related, Page):
                if not pages_registered:
                    missing.append(f"{model.__name__}.{name} (pages)")
                continue
            if caching.SAVED not in registered.get(related, ()) or caching.DELETED not in (
                registered.get(related, ())
            ):
                missing.append(f"{model.__name__}.{name} → {related._meta.label}")
            if related._meta.app_label in OWN_APPS:
                todo.append(related)
    return sorted(missing)


def test_every_model_a_kept_shop_page_shows_drops_it():
    assert unregistered(SHOP_PAGES, SHOWN_ON_SHOP_PAGES, NOT_SHOWN) == []


# What a front cache keeps: every public page type (core.front_cache), and what they show.
SHOWN_ON_PAGES = (
    ShopPage,
    OfferPage,
    StoryPage,
    CampaignPage,
    OperationPage,
    HomePage,
    StandardPage,
    SiteSettings,
    InsightsSettings,
)
NOT_PURGED = {
    **NOT_SHOWN,
    **{
        (page, "+"): "the day counts (insights.DailyCount) are never shown on a page"
        for page in ("CampaignPage", "HomePage", "OperationPage", "StandardPage")
    },
    ("CampaignPage", "partners"): "written only with the campaign's publication, which purges",
    ("OperationPage", "partners"): "written only with the operation's publication, which purges",
}


def test_every_model_a_public_page_shows_purges_the_front_cache():
    assert unregistered(FRONT_CACHE, SHOWN_ON_PAGES, NOT_PURGED) == []


def test_the_walk_finds_an_unregistered_relation():
    # The check above could not fail if the walk found nothing to check.
    missing = unregistered("nothing-registered", (ShopPage,), NOT_SHOWN)
    assert "ShopPage.photos → directory.ShopPhoto" in missing
    assert "ShopPhoto.image → wagtailimages.Image" in missing


def test_the_walk_reads_relations_declared_by_this_project_only():
    names = {name for name, _related in caching.relations(ShopPage, OWN_APPS)}
    assert {"photos", "opening_hours", "category", "logo"} <= names
    assert not names & {"owner", "locked_by", "latest_revision", "_revisions"}


def kept_snapshot_of(shop):
    """Load `shop` as its page does, which keeps its snapshot; the snapshot then read."""
    shop = ShopPage.objects.get(pk=shop.pk)
    load_shop_and_nearby(shop)
    return cached_snapshot(shop)


@pytest.mark.django_db
def test_a_new_rendition_keeps_every_shop_page_not_showing_its_picture():
    dupont = ShopPageFactory(title="Boulangerie Dupont", logo=ImageFactory())
    martin = ShopPageFactory(title="Fleuriste Martin", logo=ImageFactory())
    assert kept_snapshot_of(martin) is not None
    kept = generation()
    dupont.logo.get_rendition("width-37")
    assert generation() == kept
    assert cached_snapshot(ShopPage.objects.get(pk=martin.pk)) is not None


@pytest.mark.django_db
def test_a_new_rendition_drops_the_snapshot_of_the_shop_showing_it():
    dupont = ShopPageFactory(title="Boulangerie Dupont", logo=ImageFactory())
    assert kept_snapshot_of(dupont) is not None
    dupont.logo.get_rendition("width-37")
    assert cached_snapshot(ShopPage.objects.get(pk=dupont.pk)) is None


@pytest.mark.django_db
def test_a_removed_rendition_drops_every_shop_page():
    dupont = ShopPageFactory(title="Boulangerie Dupont", logo=ImageFactory())
    rendition = dupont.logo.get_rendition("width-37")
    kept = generation()
    rendition.delete()
    assert generation() != kept
