"""Whatever changes, every page that showed it carries a key the change purges
(core.purges, core.front_cache): a front cache never shows a page older than the last
publication of what it shows. And precisely: a merchant's offer purges the pages that
show it, not the whole cache.

Each test reads the pages' keys first (what a front cache holds), makes the change, and
collects what the site purges once it commits (the `purges` fixture: a real endpoint)."""

from datetime import timedelta

import pytest

from core import front_cache
from core.clock import today
from directory.models import (
    Category,
    OpeningHours,
    OperationDay,
    OperationPage,
    OperationParticipation,
    ShopPage,
)
from home.models import SiteSettings, StandardPage
from offers.current import current_offers
from stories.models import StoryPage
from tests.factories import ShopPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

TEXT_PAGE = "/a-propos/"


def keys_of(client, url):
    response = client.get(url)
    assert response.status_code in (200, 404), url
    return set(response["Surrogate-Key"].split())


def shown_by(client, urls):
    return {url: keys_of(client, url) for url in urls}


def not_purged(shown, purged):
    """The pages of `shown` ({url: keys}) that no purged key reaches."""
    return [url for url, keys in shown.items() if not keys & purged]


def precisely(purged):
    """`purged`, checked not to be the whole cache."""
    assert front_cache.SITE not in purged
    return purged


@pytest.fixture
def beffroi(demo_site):
    return ShopPage.objects.get(slug="boulangerie-du-beffroi")


@pytest.fixture
def its_offer(beffroi):
    return current_offers(today(), ShopPage.objects.filter(pk=beffroi.pk)).first()


@pytest.fixture
def its_story(beffroi):
    return StoryPage.objects.get(slug="le-levain-une-affaire-de-patience")


def a_neighbour_showing(client, shop):
    """A shop whose page lists `shop` among its nearby shops."""
    for other in ShopPage.objects.live().exclude(pk=shop.pk).order_by("path")[:30]:
        if front_cache.page_key(shop) in keys_of(client, other.url):
            return other
    raise AssertionError(f"no page lists {shop} nearby")


def test_an_offers_publication_purges_the_pages_showing_it_and_no_others(
    client, purges, beffroi, its_offer, its_story
):
    shown = shown_by(
        client,
        [its_offer.url, beffroi.url, "/offres/?categorie=boulangerie", "/commerces/?q=beffroi"],
    )
    unrelated = shown_by(client, [TEXT_PAGE, "/histoires/"])

    def change():
        its_offer.title = "Pains au chocolat du samedi"
        its_offer.save_revision().publish()

    purged = purges.after(change)
    assert not_purged(shown, purged) == []
    assert not_purged(unrelated, purged) == list(unrelated)
    assert front_cache.SITE not in purged


def test_a_shops_publication_purges_every_page_showing_it(
    client, purges, beffroi, its_offer, its_story
):
    neighbour = a_neighbour_showing(client, beffroi)
    shown = shown_by(
        client,
        [beffroi.url, its_offer.url, neighbour.url, its_story.url, "/commerces/", "/offres/"],
    )

    def change():
        beffroi.title = "Boulangerie du Beffroi et fils"
        beffroi.save_revision().publish()

    assert not_purged(shown, precisely(purges.after(change))) == []


def test_hours_changed_outside_the_editor_purge_the_shop_and_the_directory(client, purges, beffroi):
    shown = shown_by(client, [beffroi.url, "/commerces/", "/commerces/?ouvert=maintenant"])
    purged = precisely(
        purges.after(
            lambda: OpeningHours.objects.create(
                shop=beffroi, weekday=6, opens="08:00", closes="12:00"
            )
        )
    )
    assert not_purged(shown, purged) == []


def test_a_storys_publication_purges_the_lists_and_the_shops_it_names(
    client, purges, beffroi, its_story
):
    shown = shown_by(client, ["/histoires/", "/", beffroi.url, its_story.url])

    def change():
        its_story.title = "Le levain, toute une histoire"
        its_story.save_revision().publish()

    assert not_purged(shown, precisely(purges.after(change))) == []


def test_a_shop_a_story_stops_naming_loses_it_from_its_page(client, purges, its_story):
    fournil = ShopPage.objects.get(slug="au-fournil-de-la-veze")
    shown = shown_by(client, [fournil.url])

    def change():
        story = its_story.get_latest_revision_as_object()
        kept = [row for row in story.featured_shops.all() if row.shop_id != fournil.pk]
        story.featured_shops = kept
        story.save_revision().publish()

    assert not_purged(shown, precisely(purges.after(change))) == []


def test_reference_data_purges_every_page(client, purges, beffroi):
    shown = shown_by(client, [TEXT_PAGE, "/commerces/", beffroi.url])
    category = Category.objects.get(pk=beffroi.category_id)

    def change():
        category.name = "Boulangerie-pâtisserie"
        category.save()

    assert not_purged(shown, purges.after(change)) == []


def test_the_site_settings_purge_every_page(client, purges, demo_site):
    shown = shown_by(client, [TEXT_PAGE, "/"])

    def change():
        settings = SiteSettings.for_site(demo_site)
        settings.contact_phone = "081 00 00 00"
        settings.save()

    assert not_purged(shown, purges.after(change)) == []


def test_a_new_shop_purges_the_directory_it_joins(client, purges, beffroi):
    shown = shown_by(client, ["/commerces/", "/commerces/?q=nouveau"])
    purged = precisely(
        purges.after(
            lambda: ShopPageFactory(
                parent=beffroi.get_parent(), title="Nouveau commerce", category=beffroi.category
            )
        )
    )
    assert not_purged(shown, purged) == []


def test_an_offer_taken_down_purges_the_feed(client, purges, its_offer):
    shown = shown_by(client, ["/offres/?categorie=boulangerie", "/"])
    assert not_purged(shown, precisely(purges.after(its_offer.unpublish))) == []


def test_a_new_page_purges_the_sitemap_and_its_missing_address(client, purges, demo_site):
    # Below a text page: a page of the menus (the home page's children) purges everything.
    about = StandardPage.objects.get(slug="a-propos")
    shown = shown_by(client, ["/sitemap.xml", "/a-propos/nouvelle-page/"])
    purged = precisely(
        purges.after(
            lambda: StandardPageFactory(parent=about, title="Nouvelle page", slug="nouvelle-page")
        )
    )
    assert not_purged(shown, purged) == []


def test_an_operations_new_day_purges_it_and_the_shops_taking_part(client, purges, demo_site):
    operation = OperationPage.objects.filter(participations__isnull=False).first()
    shop = OperationParticipation.objects.filter(operation=operation).first().shop
    shown = shown_by(client, [operation.url, shop.url, "/commerces/"])
    last = operation.days.order_by("-date").first()

    def change():
        OperationDay.objects.create(
            operation=operation,
            date=last.date + timedelta(days=7),
            opens=last.opens,
            closes=last.closes,
        )

    assert not_purged(shown, precisely(purges.after(change))) == []
