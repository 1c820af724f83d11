"""Every use the site makes of a private API of Wagtail, Django, treebeard or
modelsearch, one clearly named function each.

Each is pinned by a test in tests/core/test_compat.py that fails when an upgrade changes
the behaviour relied on: fix the function here, and nothing else needs to move. Code
elsewhere calls these functions and never touches a private name itself.
"""


# --- Wagtail's site lookup ---------------------------------------------------------


def find_site_for_request_with(find):
    """Make Wagtail's `Site.find_for_request` pick the site with `find(request)`.

    Wagtail looks the site up lazily, the first time something asks for it, through the
    static method `Site._find_for_request` (and keeps the answer on the request);
    replacing that one function keeps the lookup lazy, where a middleware would have to
    look every request up in advance."""
    from wagtail.models import Site

    Site._find_for_request = staticmethod(find)


def raw_host(request):
    """The request's Host header (with its port), unchecked against ALLOWED_HOSTS: what
    Wagtail's own site lookup reads (`HttpRequest._get_raw_host`)."""
    return request._get_raw_host()


# --- Django's Content-Security-Policy middleware -----------------------------------


def response_csp(response, default):
    """The policy the CSP middleware will write for `response`: the one a view set with
    `csp_override` (kept as `response._csp_config`), else `default`."""
    return getattr(response, "_csp_config", default)


def set_response_csp(response, config):
    """Make the CSP middleware write `config` for `response`, as `csp_override` does."""
    from django.views.decorators.csp import csp_override

    csp_override(config)(lambda request: response)(None)


# --- Wagtail's page form classes ----------------------------------------------------


def form_metaclass_setting(form_class, **attributes):
    """A metaclass for a subclass of `form_class` that puts `attributes` on every form
    class made from that subclass, the ones Wagtail builds for each page type included.

    Wagtail builds a page type's form class with its base form's metaclass
    (`wagtail.admin.panels.base.get_form_for_model`) and, for a model with drafts, puts
    `WagtailAdminDraftStateFormMixin` *before* the base form: a property the base form
    overrides from that mixin (`show_schedule_publishing_toggle`) is hidden behind the
    mixin's. Set on the built class itself, it comes first."""

    class FormMetaclass(type(form_class)):
        def __new__(mcs, name, bases, attrs):
            return super().__new__(mcs, name, bases, {**attributes, **attrs})

    return FormMetaclass


# --- treebeard's parent cache ------------------------------------------------------


def holds_in_memory(instance, *relations):
    """Whether `instance` holds each of its child relations or parental many-to-many
    fields `relations` (by name) in memory, as modelcluster keeps them until saved:
    reading them then needs no query, and a prefetch would not be read."""
    held = getattr(instance, "_cluster_related_objects", {})
    return all(name in held for name in relations)


def remember_parent(page, parent):
    """Tell `page` its parent, so that `page.get_parent()` (routing, breadcrumbs, URL
    checks) returns it without a query, as Wagtail's own routing does for the pages it
    walks through (treebeard's `_cached_parent_obj`)."""
    page._cached_parent_obj = parent


def remembered_parent(page):
    """The parent `page` was told of (remember_parent, or treebeard when it fetched it),
    or None."""
    return getattr(page, "_cached_parent_obj", None)


# --- Pages read from the database (core.pages) --------------------------------------


def page_from_db(model, db, field_names, values, *, fetch_mode=None):
    """Django's `Model.from_db`, with the page built by Django's `Model.__init__` alone.
    Wagtail's page constructors and modelcluster's (`ClusterableModel.__init__`) act only
    on a page being created (without an id) or given child rows by name, but
    modelcluster's walks every field of the model twice to find that out, for every
    page read: a page from the database is neither."""
    from django.db.models import DEFERRED, Model

    if len(values) != len(model._meta.concrete_fields):
        values_iter = iter(values)
        values = [
            next(values_iter) if field.attname in field_names else DEFERRED
            for field in model._meta.concrete_fields
        ]
    page = model.__new__(model)
    Model.__init__(page, *values)
    page._state.adding = False
    page._state.db = db
    if fetch_mode is not None:
        page._state.fetch_mode = fetch_mode
    return page


# --- Wagtail's page URLs (core.page_urls) -------------------------------------------


def site_root_paths(page, request):
    """The sites' root paths Wagtail's `Page.get_url_parts` works from for `request` (read
    once per request and kept on it: `Page._get_site_root_paths`)."""
    return page._get_site_root_paths(request)


# --- Wagtail's renditions held by an image (core.images) ----------------------------


def held_renditions(image):
    """The renditions `image` holds in memory, as Wagtail's lookups read them first (a
    `prefetch_related("renditions")` or `prefetch_renditions()`), or ()."""
    return image._get_prefetched_renditions() or ()


def hold_rendition(image, rendition):
    """Make `image` hold `rendition` in memory, where Wagtail's own lookups
    (`get_rendition`, `get_renditions`) and held_renditions() find it."""
    if image._get_prefetched_renditions() is None:
        image.prefetched_renditions = []
    image._add_to_prefetched_renditions(rendition)


# --- Writing pages in bulk (directory.bulk_pages) ----------------------------------


def slug_is_available(slug, parent_page, page=None):
    """Wagtail's check that `slug` is free among `parent_page`'s children (a query)."""
    from wagtail.models import Page

    return Page._slug_is_available(slug, parent_page, page)


def check_slugs_with(page, slug_is_available):
    """Make `page.full_clean()` ask `slug_is_available(slug, parent_page, page)` whether
    its slug is free (Page.clean asks `self._slug_is_available`); undo with
    `check_slugs_as_wagtail(page)`."""
    page._slug_is_available = slug_is_available


def check_slugs_as_wagtail(page):
    del page._slug_is_available


def page_references(page):
    """The references Wagtail's reference index would record for `page`, as (to content
    type id, to object id, model path, content path) tuples."""
    from wagtail.models import ReferenceIndex

    return set(ReferenceIndex._extract_references_from_object(page))


def content_path_hash(content_path):
    """The hash Wagtail's reference index keeps of a content path."""
    from wagtail.models import ReferenceIndex

    return ReferenceIndex._get_content_path_hash(content_path)


def search_index_save_handler():
    """The post_save receiver by which Wagtail's search (modelsearch) indexes a saved
    object, for code that defers indexing to one bulk call."""
    from modelsearch.signal_handlers import post_save_signal_handler

    return post_save_signal_handler


# --- Wagtail's search (modelsearch) --------------------------------------------------


def is_postgres_search(results):
    """Whether `results` come from the PostgreSQL search backend."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return False  # the PostgreSQL backend's module needs PostgreSQL's Django parts
    from modelsearch.backends.database.postgres.postgres import PostgresSearchResults

    return isinstance(results, PostgresSearchResults)


def postgres_search_tsquery(results):
    """The tsquery the PostgreSQL backend matches `results`' query with (its own
    configuration), or None when the query has no searchable word."""
    compiler = results.query_compiler
    return compiler.build_tsquery(compiler.query, config=compiler.get_config(results.backend))


def sqlite_index_matches(results):
    """The object ids (text) of the entries of the SQLite search backend's index that
    match `results`' query, as a subquery: what its own queryset filters the model's
    rows by (`pk__in`), read without them; None for another backend, or a query it does
    not match in the index (everything, or a negation)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    from modelsearch.backends.database.sqlite.sqlite import (
        MatchAll,
        MatchExpression,
        Not,
        SQLiteFTSIndexEntry,
        SQLiteSearchResults,
        normalize,
    )

    if not isinstance(results, SQLiteSearchResults):
        return None
    compiler = results.query_compiler
    query = normalize(compiler.query)
    if isinstance(query, (MatchAll, Not)):
        return None
    config = compiler.get_config(results.backend)
    match = MatchExpression(
        compiler.fields or compiler.FTS_TABLE_FIELDS,
        compiler.build_search_query(query, config=config),
    )
    return (
        SQLiteFTSIndexEntry.objects.filter(match)
        .filter(index_entry__content_type__in=indexed_content_type_ids(compiler.queryset.model))
        .values("index_entry__object_id")
    )


def search_results_queryset(results):
    """The queryset a database search backend's `results` match in SQL, or None for a
    backend that does not search in the database."""
    return results.get_queryset() if hasattr(results, "get_queryset") else None


def indexed_content_type_ids(model):
    """The content type ids under which the search index files `model` and its
    subclasses."""
    from modelsearch.utils import get_descendants_content_types_pks

    return get_descendants_content_types_pks(model)


# --- Django's SQL compiler ---------------------------------------------------------


def compiled_values(queryset):
    """(sql, params, converted) of a `values_list` queryset: its SQL and parameters as
    its compiler writes them (to run inside a statement of one's own), and a function
    that turns rows of those columns, as the database returns them, into what the
    queryset would give (its fields' converters: dates on SQLite, for one)."""
    compiler = queryset.query.get_compiler(queryset.db)
    sql, params = compiler.as_sql()
    converters = compiler.get_converters([column for column, _sql, _alias in compiler.select])

    def converted(rows):
        return list(compiler.apply_converters(rows, converters)) if converters else list(rows)

    return sql, params, converted


# --- Search index entries written in bulk (core.search_entries) ----------------------

_POSTGRES_SEARCH = "modelsearch.backends.database.postgres.postgres"
_SQLITE_SEARCH = "modelsearch.backends.database.sqlite.sqlite"


def database_search_kind(backend):
    """ "postgresql" or "sqlite" for modelsearch's database backend of that database
    (whose entries core.search_entries writes itself), else None."""
    return {_POSTGRES_SEARCH: "postgresql", _SQLITE_SEARCH: "sqlite"}.get(type(backend).__module__)


def postgres_entry_texts(backend, obj):
    """What the PostgreSQL backend indexes of `obj`: for each of its vector columns
    ("title", "autocomplete", "body") the (text, weight) pairs its `ObjectIndexer` makes
    one `SearchVector` each of, in order (stripped, empty ones left out, as its
    `as_vector` does), and the plain "title_text" and "body_text" (its fuzzy search's).
    A text goes to "title" when its search field is named `title`, to "body" for the
    other search fields, to "autocomplete" (weight D) for the autocomplete fields, related
    objects' fields included."""
    from modelsearch.backends.database.postgres.postgres import ObjectIndexer
    from modelsearch.index import AutocompleteField, SearchField

    indexer = ObjectIndexer(obj, backend)
    texts = {"title": [], "autocomplete": [], "body": []}
    for search_field in indexer.search_fields:
        for field, weight, value in indexer.prepare_field(obj, search_field):
            if isinstance(field, SearchField):
                column = "title" if field.field_name == "title" else "body"
            elif isinstance(field, AutocompleteField):
                column = "autocomplete"
            else:
                continue
            value = value.strip()
            if value:
                texts[column].append((value, weight))
    texts["title_text"] = " ".join(text for text, _ in texts["title"])
    texts["body_text"] = " ".join(text for text, _ in texts["body"])
    return texts


def sqlite_entry_texts(backend, obj):
    """The (title, autocomplete, body) the SQLite backend writes for `obj` (its
    `ObjectIndexer`'s)."""
    from modelsearch.backends.database.sqlite.sqlite import ObjectIndexer

    indexer = ObjectIndexer(obj, backend)
    return indexer.title, indexer.autocomplete, indexer.body


def refresh_title_norms(search_index):
    """What a database backend's index does after writing entries: give those with the
    default title norm (1.0) the average title length over theirs
    (`_refresh_title_norms`)."""
    search_index._refresh_title_norms()


# --- Django's transactions -----------------------------------------------------------


def waits_for_commit(connection, callback):
    """Whether `callback`, given to `transaction.on_commit`, still waits for the commit of
    `connection`'s transaction: not run yet, nor dropped by a rollback (Django keeps
    them as (savepoint ids, function, robust) in `connection.run_on_commit`)."""
    return any(function is callback for _ids, function, _robust in connection.run_on_commit)
