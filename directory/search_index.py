"""Planner statistics and the full-text index's layout, after bulk changes.

Without statistics, SQLite joins Wagtail's full-text table to its index-entry table in
the slow direction: a text search over 10,000 shops took about 0.9 s; after `ANALYZE`
of that one table, 30 ms. (Analysing every table instead made other directory queries
slower: SQLite's default plans suit them.) SQLite's full-text index (FTS5) grows by
segments, merged a few at a time as rows are written: after 100,000 shops are seeded it
holds six, and a search reads each word's entries in every one of them; merged into one
(`optimize`), the text search's match costs half as much. Both are run after migrations
and after anything that adds many shops at once (seed_demo, import_shops)."""

from django.db import connection

INDEX_TABLE = "wagtailsearch_indexentry"
# Wagtail's SQLite backend's FTS5 table, kept by triggers on the entries' table.
FULL_TEXT_TABLE = f"{INDEX_TABLE}_fts"


def analyse_search_index(using=None, **kwargs):
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        if INDEX_TABLE in tables:
            cursor.execute(f"ANALYZE {INDEX_TABLE}")
        if connection.vendor == "sqlite" and FULL_TEXT_TABLE in tables:
            cursor.execute(f"INSERT INTO {FULL_TEXT_TABLE}({FULL_TEXT_TABLE}) VALUES ('optimize')")


def indexed_words(objects):
    """Every word the search index holds for `objects` (a queryset): the words of their
    autocomplete text, as indexed. Read from the index itself, in one query: its text on
    SQLite, the distinct lexemes of its vectors on PostgreSQL (`tsvector_to_array`)."""
    from django.db.models import CharField, F, Func, TextField
    from django.db.models.functions import Cast
    from wagtail.search.models import IndexEntry

    from core import compat

    entries = IndexEntry.objects.filter(
        content_type_id__in=compat.indexed_content_type_ids(objects.model),
        object_id__in=objects.order_by()
        .annotate(id_text=Cast("pk", output_field=CharField()))
        .values("id_text"),
    )
    if connection.vendor == "postgresql":
        lexemes = Func(
            Func(F("autocomplete"), function="tsvector_to_array"),
            function="unnest",
            output_field=TextField(),
        )
        return set(
            entries.order_by().annotate(word=lexemes).values_list("word", flat=True).distinct()
        )
    found = set()
    for text in entries.values_list("autocomplete", flat=True):
        found.update(text.split())
    return found
