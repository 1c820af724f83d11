"""core.search_entries writes the search index entries Wagtail's search writes itself: a
differential test against modelsearch's own writers (`update_index`, `add_bulk`), on
whichever database the suite runs, so an upgrade that changes what is indexed (or a
change of a model's `search_fields`) fails here rather than in the directory's search."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from core import search_entries
from directory.models import ShopPage
from home.models import StandardPage
from tests.factories import (
    CategoryFactory,
    DistrictFactory,
    HomePageFactory,
    ServiceFactory,
    ShopPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db

TEXT_COLUMNS = {
    "postgresql": ("title", "autocomplete", "body", "title_text", "body_text"),
    "sqlite": ("title", "autocomplete", "body"),
}


@pytest.fixture
def shops():
    """Shops whose entries differ in shape: long and empty texts, stop words only,
    punctuation, accents, tags and services, a district or none."""
    HomePageFactory()
    return [
        ShopPageFactory(
            title="Boulangerie Dupont",
            description="<p>Pains au levain, <b>viennoiseries</b> et tartes.</p>",
            district=DistrictFactory(name="Citadelle"),
            services=[ServiceFactory(name="Livraison")],
            tags=["bio", "fait maison"],
        ),
        ShopPageFactory(title="Le La Les", short_description="…", street="", locality=""),
        ShopPageFactory(
            title="Café « Chez Zoé » !",
            short_description="  Déjà   ouvert  ",
            category=CategoryFactory(name="Café"),
        ),
        ShopPageFactory(title="!!!", slug="points", short_description="Un commerce.", street="12"),
    ]


def entries(model, objs, columns):
    """{object id: (column values)} of the entries `objs` have in the index."""
    rows = IndexEntry.objects.filter(
        content_type__model=model._meta.model_name,
        content_type__app_label=model._meta.app_label,
        object_id__in=[str(obj.pk) for obj in objs],
    ).values_list("object_id", *columns)
    return {row[0]: row[1:] for row in rows}


def full_text_rows(objs):
    """On SQLite, the rows of the FTS5 table a search reads, by object id (modelsearch's
    triggers fill it from the entries)."""
    table = IndexEntry._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT e.object_id, f.title, f.autocomplete, f.body FROM {table} e "
            f"JOIN {table}_fts f ON f.rowid = e.id WHERE e.object_id IN "
            f"({', '.join(['%s'] * len(objs))})",
            [str(obj.pk) for obj in objs],
        )
        return {row[0]: row[1:] for row in cursor.fetchall()}


def forget(model, objs):
    IndexEntry.objects.filter(object_id__in=[str(obj.pk) for obj in objs]).delete()


def test_entries_are_those_update_index_writes(shops):
    pages = [
        StandardPageFactory(title="À propos de la ville"),
        StandardPageFactory(title="  ", slug="vide"),
    ]
    columns = TEXT_COLUMNS[connection.vendor]
    call_command("update_index", verbosity=0)
    by_wagtail = entries(ShopPage, shops, columns), entries(StandardPage, pages, columns)

    forget(ShopPage, shops + pages)
    search_entries.index(ShopPage, shops)
    search_entries.index(StandardPage, pages)

    assert (entries(ShopPage, shops, columns), entries(StandardPage, pages, columns)) == by_wagtail
    assert len(by_wagtail[0]) == len(shops)


def test_entries_and_title_norms_are_those_add_bulk_writes(shops):
    columns = (*TEXT_COLUMNS[connection.vendor], "title_norm")
    forget(ShopPage, shops)
    get_search_backend().add_bulk(ShopPage, shops)
    by_wagtail = entries(ShopPage, shops, columns)
    fts_by_wagtail = full_text_rows(shops) if connection.vendor == "sqlite" else None

    forget(ShopPage, shops)
    search_entries.index(ShopPage, shops)

    assert entries(ShopPage, shops, columns) == by_wagtail
    if connection.vendor == "sqlite":
        assert full_text_rows(shops) == fts_by_wagtail


def test_title_norms_deferred_are_set_once_the_block_ends_as_add_bulk_sets_them(shops):
    forget(ShopPage, shops)
    get_search_backend().add_bulk(ShopPage, shops)
    by_wagtail = entries(ShopPage, shops, ("title_norm",))

    forget(ShopPage, shops)
    with search_entries.title_norms_deferred():
        search_entries.index(ShopPage, shops[:2])
        search_entries.index(ShopPage, shops[2:])
        assert set(entries(ShopPage, shops, ("title_norm",)).values()) == {(1.0,)}

    assert entries(ShopPage, shops, ("title_norm",)) == by_wagtail


def test_changed_entries_replace_the_old_ones_as_add_bulk_would(shops):
    columns = TEXT_COLUMNS[connection.vendor]
    for shop in shops:
        shop.title = f"{shop.title} rénové"
        shop.short_description = "Nouvelle adresse, mêmes horaires."
    get_search_backend().add_bulk(ShopPage, shops)
    by_wagtail = entries(ShopPage, shops, columns)
    for shop in shops:
        shop.refresh_from_db()
    search_entries.index(ShopPage, shops)
    assert entries(ShopPage, shops, columns) != by_wagtail

    for shop in shops:
        shop.title = f"{shop.title} rénové"
        shop.short_description = "Nouvelle adresse, mêmes horaires."
    search_entries.index(ShopPage, shops)

    assert entries(ShopPage, shops, columns) == by_wagtail
    assert IndexEntry.objects.filter(object_id__in=[str(s.pk) for s in shops]).count() == 4
    assert {shop.pk for shop in ShopPage.objects.search("renove")} == {s.pk for s in shops}


def entry_version(obj):
    """Something that changes when the entry's row is written again: PostgreSQL's
    row version (`xmin`), SQLite's row id (the writer replaces a changed row)."""
    column = "xmin::text" if connection.vendor == "postgresql" else "id"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {IndexEntry._meta.db_table} WHERE object_id = %s",
            [str(obj.pk)],
        )
        return cursor.fetchone()[0]


def test_an_entry_whose_text_is_unchanged_is_not_written_again(shops):
    unchanged, changed = shops[0], shops[1]
    search_entries.index(ShopPage, shops)
    before = entry_version(unchanged), entry_version(changed)
    unchanged.phone = "+32 81 00 00 00"  # not indexed
    changed.short_description = "Ouvert le dimanche."

    # In a savepoint of its own, as in a request or a command of its own: on PostgreSQL
    # a row written there gets a new xmin, even inside the test's transaction.
    with transaction.atomic():
        search_entries.index(ShopPage, [unchanged, changed])

    assert entry_version(unchanged) == before[0]
    assert entry_version(changed) != before[1]
    assert [shop.pk for shop in ShopPage.objects.search("dimanche")] == [changed.pk]


def test_entries_prepared_earlier_are_written_as_they_were_then(shops):
    columns = TEXT_COLUMNS[connection.vendor]
    shop = shops[0]
    shop.short_description = "Fermé pour travaux."
    prepared = search_entries.prepare(ShopPage, [shop])
    assert not ShopPage.objects.search("travaux")  # nothing written yet

    shop.short_description = "Autre chose."
    search_entries.write(prepared)

    assert [found.pk for found in ShopPage.objects.search("travaux")] == [shop.pk]
    shop.short_description = "Fermé pour travaux."
    written = entries(ShopPage, [shop], columns)
    get_search_backend().add_bulk(ShopPage, [shop])
    assert entries(ShopPage, [shop], columns) == written


def test_combined_entries_hold_only_the_objects_named(shops):
    first = search_entries.prepare(ShopPage, shops[:2])
    second = search_entries.prepare(ShopPage, shops[1:])
    both = search_entries.combined(ShopPage, [first, second, first], [shops[1].pk, shops[3].pk])
    forget(ShopPage, shops)

    search_entries.write(both)

    assert set(entries(ShopPage, shops, ("title",))) == {str(shops[1].pk), str(shops[3].pk)}
