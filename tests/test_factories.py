"""The test factories' quick writer leaves a section page as Wagtail's add_child +
save_revision + publish does: a differential test, as tests/directory/test_bulk_pages.py
is for the bulk writer itself."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.search.models import IndexEntry

from directory.bulk_pages import insert_live_pages
from directory.models import DirectoryPage, ShopPage
from home.models import HomePage, StandardPage
from offers.models import OfferPage
from tests.factories import (
    DirectoryPageFactory,
    HomePageFactory,
    ShopPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


def summary(page):
    page = Page.objects.get(pk=page.pk).specific
    revision = page.latest_revision
    return {
        "type": type(page).__name__,
        "depth": page.depth,
        "url_path_follows_parent": page.url_path == f"{page.get_parent().url_path}{page.slug}/",
        "locale": page.locale_id,
        "draft_title": page.draft_title == page.title,
        "live": page.live,
        "has_unpublished_changes": page.has_unpublished_changes,
        "published": page.first_published_at is not None and page.last_published_at is not None,
        "live_is_latest": page.live_revision_id == page.latest_revision_id,
        "revisions": page.revisions.count(),
        "revision_content": {
            key: value
            for key, value in revision.content.items()
            if key
            not in {"pk", "path", "slug", "title", "draft_title", "url_path", "translation_key"}
            and not key.endswith(("_at", "_id"))
        },
        "history": [
            (entry.action, entry.content_changed, entry.revision_id is None)
            for entry in PageLogEntry.objects.filter(page=page).order_by("pk")
        ],
        "references": list(ReferenceIndex.get_references_for_object(page)),
        "indexed": list(
            IndexEntry.objects.filter(
                content_type__model=type(page).__name__.lower(), object_id=str(page.pk)
            ).values_list("title", "autocomplete", "body")
        ),
        "numchild": page.numchild,
    }


def by_wagtail(parent, model, **fields):
    page = model(**fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_section_page_written_by_the_factory_is_what_wagtail_makes():
    root = Page.get_first_root_node()
    home = HomePageFactory(slug="accueil-rapide")
    wagtail_home = by_wagtail(
        Page.objects.get(pk=root.pk),
        HomePage,
        title="Accueil",
        slug="accueil-wagtail",
        hero_heading="Les commerces de la ville",
    )
    directory = DirectoryPageFactory(parent=home)
    wagtail_directory = by_wagtail(
        Page.objects.get(pk=wagtail_home.pk),
        DirectoryPage,
        title="Commerces",
        slug="commerces",
        show_in_menus=True,
    )
    about = StandardPageFactory(parent=home, title="À propos")
    wagtail_about = by_wagtail(
        Page.objects.get(pk=wagtail_home.pk),
        StandardPage,
        title="À propos",
        slug="a-propos",
        body="<p>Un paragraphe.</p>",
    )

    assert summary(home) == summary(wagtail_home)
    assert summary(directory) == summary(wagtail_directory)
    assert summary(about) == summary(wagtail_about)
    assert Page.find_problems() == ([], [], [], [], [])


def test_the_factory_refuses_a_slug_a_sibling_holds_as_wagtail_does():
    home = HomePageFactory()
    DirectoryPageFactory(parent=home, slug="commerces")
    with pytest.raises(ValidationError):
        DirectoryPageFactory(parent=home, slug="commerces")


def test_an_offer_written_by_the_bulk_writer_is_what_wagtail_makes():
    shop = ShopPageFactory(title="Boulangerie du Beffroi")
    fields = {
        "title": "Deux pour un",
        "short_text": "Le deuxième pain offert.",
        "start_date": date(2026, 11, 23),
        "end_date": date(2026, 11, 29),
        "price_text": "2 pour 1",
    }
    quick = OfferPage(slug="deux-pour-un", **fields)
    insert_live_pages(shop, [quick])
    wagtail = by_wagtail(
        ShopPage.objects.get(pk=shop.pk), OfferPage, slug="deux-pour-un-bis", **fields
    )

    assert summary(quick) == summary(wagtail)
    assert ShopPage.objects.get(pk=shop.pk).numchild == 2
    assert Page.find_problems() == ([], [], [], [], [])


def test_a_batch_in_which_two_pages_share_a_slug_is_refused_and_nothing_is_written():
    shop = ShopPageFactory()
    offers = [
        OfferPage(title="Soldes", slug="soldes", short_text="Moins cher."),
        OfferPage(title="Soldes", slug="soldes", short_text="Moins cher encore."),
    ]
    with pytest.raises(ValidationError):
        insert_live_pages(shop, offers)
    assert not OfferPage.objects.exists()
    assert ShopPage.objects.get(pk=shop.pk).numchild == 0
