"""Writing ShopPages in bulk, as Wagtail's add_child + save_revision + publish would
leave them: the demo's shops and the import's new shops (`directory.shop_csv.writing`).

Wagtail writes a page in about a hundred queries (tree bookkeeping, three saves, the
search index updated on every save); these functions write a batch in a few dozen
whatever its size. `tests/directory/test_bulk_pages.py` holds them to what Wagtail's own
calls leave; the private Wagtail and Django helpers they use go through core.compat,
whose tests keep them in check (tree paths come from core.tree)."""

import copy
import functools
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection, connections, models, transaction
from django.db.models import CharField, F, Max, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search import index
from wagtail.signals import page_published

from core import compat, search_entries, tree
from core.text import with_stems
from directory.models import ShopPage
from directory.synonyms import search_terms_by_shop


def prepare_page(page, parent, position, now, live=True):
    """Set the columns Wagtail's add_child (at child `position` of `parent`, from 1) and
    publish would set on a child of `parent`; without `live`, those of add_child and
    save_revision of a page never published."""
    page.draft_title = page.title
    page.content_type = ContentType.objects.get_for_model(type(page))
    page.locale_id = parent.locale_id
    page.depth = parent.depth + 1
    page.path = tree.child_path(parent.path, position)
    page.numchild = 0
    page.url_path = f"{parent.url_path}{page.slug}/"
    page.live = live
    page.has_unpublished_changes = not live
    page.first_published_at = page.last_published_at = now if live else None
    _hold_child_relations(page)


def _hold_child_relations(page):
    """Give a new page an empty in-memory list for each child relation it has not been
    given (photos, special hours, Wagtail's comments...): a new page has no such rows,
    and once it has an id modelcluster would otherwise query for them at each read (the
    insert, the revision's content, the reference index: a query a relation each)."""
    for name in _child_relation_names(type(page)):
        if name not in getattr(page, "_cluster_related_objects", {}):
            setattr(page, name, [])


@functools.cache
def _child_relation_names(model):
    return [relation.get_accessor_name() for relation in get_all_child_relations(model)]


def clean_child(page, parent, sibling_slugs, exclude=()):
    """Wagtail's `page.full_clean(exclude=exclude)`, without the unique checks, for a
    child of `parent`: the check that its slug is free among its siblings is answered
    from `sibling_slugs` ({slug: page id} of `parent`'s children, read once for a whole
    file) instead of a query per page. Raises ValidationError as full_clean does."""
    compat.remember_parent(page, parent)  # saves a query per page

    def slug_is_available(slug, parent_page, page=None):
        if parent_page is None or parent_page.pk != parent.pk:
            return compat.slug_is_available(slug, parent_page, page)
        holder = sibling_slugs.get(slug)
        return holder is None or (page is not None and holder == page.pk)

    compat.check_slugs_with(page, slug_is_available)
    try:
        page.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)
    finally:
        compat.check_slugs_as_wagtail(page)


def next_child_position(parent):
    """The position (from 1) add_child would give the next child of `parent`."""
    last_child = parent.get_last_child()
    return tree.position_of(last_child.path) + 1 if last_child else 1


def insert_live_shops(directory, pages, with_revisions=False):
    """Insert unsaved ShopPages, with their in-memory hours, photos, services and tags, as
    live children of `directory` after its last child, and index them for search.

    The result is what `add_child` + `publish` leave: tree path and depth, the parent's
    numchild, url_path, locale, content type, live with publication dates, search index
    entries; and with `with_revisions`, the revision, history entry and reference index
    too (the benchmark's shops go without them, and the child rows in memory of such
    pages are left without their ids).
    """
    insert_shops(directory, pages, live=True, with_revisions=with_revisions)


def insert_pages(parent, pages, now, live=True):
    """Insert the rows of unsaved pages of one type, as live (or never published)
    children of `parent` after its last child: the wagtailcore_page rows, then the
    type's own rows, and the parent's numchild. Their child rows, revisions and search
    entries are the caller's (`insert_shops` for shops)."""
    position = next_child_position(parent)
    for offset, page in enumerate(pages):
        prepare_page(page, parent, position + offset, now, live=live)
    # Django cannot bulk_create a multi-table child: insert the wagtailcore_page rows,
    # then the specific rows pointing at them, which is what Model.save() does for one.
    insert_numbered(Page, pages, "path")
    for page in pages:
        page.page_ptr_id = page.id
    model = type(pages[0])
    insert_rows(model, pages, fields=model._meta.local_concrete_fields)
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)


def insert_live_pages(parent, pages, user=None):
    """Insert unsaved pages of one type that have no child rows of their own (sections,
    standard pages, offers) as live children of `parent` after its last child, with
    what Wagtail's add_child + save_revision(user=user) + publish leave besides the rows:
    the checks of `full_clean` (ValidationError, nothing written), a published revision,
    the history's "create" and "publish" entries, the reference index and the search
    index; `page_published` is sent for each, as publishing sends it. About a tenth of
    Wagtail's queries for one page, fewer still a page for several."""
    if not pages:
        return
    now = timezone.now()
    siblings = dict(parent.get_children().values_list("slug", "pk"))
    position = next_child_position(parent)
    for offset, page in enumerate(pages):
        prepare_page(page, parent, position + offset, now)
        clean_child(page, parent, siblings)
        siblings[page.slug] = object()  # taken: a later page of the batch may not have it
    insert_pages(parent, pages, now)
    record_new_revisions(pages, now, user=user)
    for page in pages:
        # As saving leaves it: child relations read from the database from now on.
        vars(page).pop("_cluster_related_objects", None)
    search_entries.index(type(pages[0]), pages)
    for page in pages:
        page_published.send(sender=type(page), instance=page, revision=page.latest_revision)


def insert_shops(directory, pages, live=True, with_revisions=False, user=None):
    """`insert_live_shops`, or with `live=False` what `add_child` + `save_revision` leave
    of a page never published (with a revision, which `publish_new_shops` publishes);
    the revisions credit `user`."""
    if not pages:
        return
    now = timezone.now()
    insert_pages(directory, pages, now, live=live)

    # The child rows. With revisions, read back with their ids: the revision's content
    # and the reference index's content paths hold them, as they would after add_child.
    # Without, nothing reads the ids, and reading them back was a fifth of the writing.
    for relation, parent_key in _PARENT_KEYS.items():
        rows = []
        for page in pages:
            for row in getattr(page, relation).all():
                setattr(row, row._meta.get_field(parent_key).attname, page.pk)
                rows.append(row)
        if rows:
            model = type(rows[0])
            if with_revisions:
                insert_numbered(model, rows, model._meta.get_field(parent_key).attname)
            else:
                insert_rows(model, rows)
    through = ShopPage.services.through
    insert_rows(
        through,
        [
            through(shoppage_id=page.pk, service_id=service.pk)
            for page in pages
            for service in page.services.all()
        ],
    )
    if with_revisions:
        record_new_revisions(pages, now, published=live, user=user)

    # Index what publishing would have indexed, from the pages in memory (their category,
    # district, tags and services at hand) rather than read back.
    index_pages(pages)


# The field of each child row that points at its shop.
_PARENT_KEYS = {
    "opening_hours": "shop",
    "special_hours": "shop",
    "photos": "shop",
    "tagged_items": "content_object",
}


def record_new_revisions(pages, now, published=True, user=None):
    """What `save_revision()` (and with `published`, `.publish()`) leaves besides the
    page row: a revision (published), a "publish" entry in the page's history and the
    reference index (which tells the admin where an image or a category is used)."""
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type_id=page.content_type_id,
            base_content_type=page_type,
            object_id=str(page.pk),
            created_at=now,
            user=user,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    ]
    # New pages: their revisions are the only ones with their ids.
    insert_numbered(Revision, revisions, "object_id", base_content_type=page_type)
    for page, revision in zip(pages, revisions, strict=True):
        page.latest_revision = revision
        page.live_revision = revision if published else None
        page.latest_revision_created_at = now
    # One UPDATE finding each page's (only) revision, rather than bulk_update's CASE
    # with a branch a page for each column, which takes long to build and to parse.
    revision = Subquery(
        Revision.objects.filter(
            base_content_type=page_type, object_id=Cast(OuterRef("pk"), CharField())
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    Page.objects.filter(pk__in=[page.pk for page in pages]).update(
        latest_revision=revision,
        live_revision=revision if published else None,
        latest_revision_created_at=now,
    )
    # The "create" entry add_child leaves, then publish's own.
    created = [_creation_entry(page, now, user) for page in pages]
    if published:
        _log_publication(pages, now, user=user, first=created)
    else:
        insert_rows(PageLogEntry, created)
    index_references_of_new_pages(pages)


def index_references_of_new_pages(pages):
    """What `ReferenceIndex.create_or_update_for_object` writes for each of `pages`, in
    one statement: new pages have no rows to compare with. The references are found by
    Wagtail's own (private) scan, so they are the ones it would record."""
    insert_rows(ReferenceIndex, [row for page in pages for row in reference_rows(page)])


def reference_rows(page):
    """The reference index rows of `page` as it is in memory (its child rows' ids are
    part of their paths, so new child rows must be saved first)."""
    page_type = ContentType.objects.get_for_model(Page)
    return [
        ReferenceIndex(
            content_type_id=page.content_type_id,
            base_content_type=page_type,
            object_id=page.pk,
            to_content_type_id=to_content_type_id,
            to_object_id=to_object_id,
            model_path=model_path,
            content_path=content_path,
            content_path_hash=compat.content_path_hash(content_path),
        )
        for to_content_type_id, to_object_id, model_path, content_path in compat.page_references(
            page
        )
    ]


def _log_publication(pages, now, user=None, renamed=None, first=()):
    """The "publish" entry of each page's history (after a "rename" one when `renamed`,
    {page id: old title}, holds its id), by `user`, as Wagtail's publish logs them;
    after the entries `first`, written in the same statement."""
    renamed = renamed or {}
    entries = list(first)
    for page in pages:
        data = {}
        if page.pk in renamed:
            data = {"title": {"old": renamed[page.pk], "new": page.title}}
            entries.append(_log_entry(page, "wagtail.rename", now, user, data))
        entries.append(_log_entry(page, "wagtail.publish", now, user, data, content_changed=True))
    insert_rows(PageLogEntry, entries)


def _creation_entry(page, now, user):
    """The entry Wagtail's first save of a page logs: no revision exists yet."""
    entry = _log_entry(page, "wagtail.create", now, user, {}, content_changed=True)
    entry.revision_id = None
    return entry


def _log_entry(page, action, now, user, data, content_changed=False):
    return PageLogEntry(
        content_type_id=page.content_type_id,
        label=page.title,
        action=action,
        data=data,
        timestamp=now,
        user=user,
        revision_id=page.latest_revision_id,
        content_changed=content_changed,
        page_id=page.pk,
    )


def publish_new_shops(pages, user=None):
    """Publish `pages`, inserted by `insert_shops(live=False, with_revisions=True)` and
    left as they were: what `latest_revision.publish()` does to a page never published,
    in a few statements whatever their number. Sends `page_published` for each, as
    publishing does, once the transaction commits (caches and front caches listen)."""
    if not pages:
        return
    now = timezone.now()
    for start in range(0, len(pages), 500):
        Page.objects.filter(pk__in=[page.pk for page in pages[start : start + 500]]).update(
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            live_revision_id=F("latest_revision_id"),
        )
    for page in pages:
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.live_revision_id = page.latest_revision_id
    _log_publication(pages, now, user=user)

    def announce():
        # In a transaction of its own, so the front cache's purges of all the pages go in
        # one request once it commits (core.caching.purge), not one a page.
        with transaction.atomic():
            for page in pages:
                page_published.send(sender=type(page), instance=page, revision=page.latest_revision)

    transaction.on_commit(announce)


@dataclass
class Edit:
    """An existing, live page with changes made in memory, to publish with
    `record_revisions` and `publish_edits`: `relations` names the child relations and
    many-to-many fields whose rows change ("opening_hours", "tagged_items", "services"...),
    `old_title` the title it had (a new one is logged as a rename, as Wagtail does)."""

    page: Page
    old_title: str
    relations: frozenset = frozenset()
    references: list | None = None  # its reference index rows, if read beforehand
    # Its search index entry, worked out beforehand (with those of other pages).
    search_entry: search_entries.PreparedEntries | None = None


def record_revisions(edits, user=None):
    """The revisions `save_revision(user=user)` would make of the edited pages, in a few
    statements. No page points at them yet: until `publish_edits`, the site, the admin's
    history and the page's draft are as they were. Also works out, for `publish_edits`
    to write without spending its transaction on them, the pages' search index entries
    and (when no child row changes) their reference index rows."""
    if not edits:
        return
    now = timezone.now()
    page_type = ContentType.objects.get_for_model(Page)
    revisions = [
        Revision(
            content_type_id=edit.page.content_type_id,
            base_content_type=page_type,
            object_id=str(edit.page.pk),
            created_at=now,
            user=user,
            object_str=str(edit.page),
            content=edit.page.serializable_data(),
        )
        for edit in edits
    ]
    # Written as new pages' revisions are (COPY on PostgreSQL: bulk_create spent most of
    # its time compiling); their ids read back among the pages' revisions of this moment
    # numbered after the newest one so far, which are these alone (else DatabaseError,
    # and the import rolls back). The moment alone is not enough: a page saved in the
    # same microsecond (a frozen or coarse clock) would have a revision of it too.
    newest = Revision.objects.aggregate(newest=Max("pk"))["newest"] or 0
    insert_numbered(
        Revision,
        revisions,
        "object_id",
        base_content_type=page_type,
        created_at=now,
        pk__gt=newest,
    )
    for edit, revision in zip(edits, revisions, strict=True):
        edit.page.latest_revision = revision
        # Read now, outside the publishing transaction, unless they depend on the ids of
        # child rows not written yet.
        if not edit.relations - {"services"}:
            edit.references = reference_rows(edit.page)
    entries = prepare_search_entries([edit.page for edit in edits])
    for edit in edits:
        edit.search_entry = entries


def publish_edits(edits, user=None):
    """Publish the revisions `record_revisions` made, as `revision.publish(user=user)`
    would, in a few statements whatever their number: the page rows (the edited fields and
    the publication's: live revision, dates, no unpublished changes), the rewritten child
    rows, a "publish" entry (and a "rename" one for a new title) in each page's history,
    the reference index and the search index. `page_published` is sent for each page once
    the transaction commits. Meant for live pages without scheduled publication, alias,
    comments or workflow in progress (the caller leaves those to Wagtail)."""
    if not edits:
        return
    now = timezone.now()
    pages = [edit.page for edit in edits]
    for page in pages:
        page.draft_title = page.title
        page.latest_revision_created_at = page.latest_revision.created_at
        page.live, page.has_unpublished_changes, page.expired = True, False, False
        page.live_revision = page.latest_revision
        page.last_published_at = now
    update_rows(Page, pages, _PUBLISHED_PAGE_FIELDS)
    model = type(pages[0])
    update_rows(
        model, pages, [f.attname for f in model._meta.local_concrete_fields if not f.primary_key]
    )
    _rewrite_child_rows(edits)
    # Publishing clears the go-live date of the page's other revisions.
    Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
        approved_go_live_at__isnull=False,
    ).update(approved_go_live_at=None)
    renamed = {edit.page.pk: edit.old_title for edit in edits if edit.old_title != edit.page.title}
    _log_publication(pages, now, user=user, renamed=renamed)
    ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
    ).delete()
    insert_rows(
        ReferenceIndex,
        [
            row
            for edit in edits
            for row in (
                edit.references if edit.references is not None else reference_rows(edit.page)
            )
        ],
    )
    # The entries `record_revisions` worked out (those of a batch hold its other pages'
    # too: a batch refused is published again page by page).
    prepared = [edit.search_entry for edit in edits if edit.search_entry is not None]
    prepared.append(prepare_search_entries([e.page for e in edits if e.search_entry is None]))
    search_entries.write(search_entries.combined(ShopPage, prepared, [page.pk for page in pages]))

    def announce():
        # In a transaction of its own, so the front cache's purges of all the pages go in
        # one request once it commits (core.caching.purge), not one a page.
        with transaction.atomic():
            for page in pages:
                page_published.send(sender=type(page), instance=page, revision=page.latest_revision)

    transaction.on_commit(announce)


# What publishing a revision changes on the wagtailcore_page row of a live page, besides
# the title the import may change.
_PUBLISHED_PAGE_FIELDS = [
    "title",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "expired",
    "latest_revision_id",
    "live_revision_id",
    "latest_revision_created_at",
    "last_published_at",
]


def update_rows(model, objs, attnames):
    """Write the fields `attnames` of `objs` (rows of `model`'s own table) in one
    prepared UPDATE run for each row (`executemany`). Django's `bulk_update` does the same
    with a CASE expression a row a column, which takes longer to build and to parse than
    the rows take to write (a second a hundred rows of a shop). No signal is sent, as
    with `bulk_update`."""
    if not objs:
        return
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in attnames]
    assignments = ", ".join(f"{quote(f.column)} = %s" for f in fields)
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    params = [[*row, obj.pk] for obj, row in zip(objs, _db_values(objs, fields), strict=True)]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def insert_rows(model, objs, fields=None):
    """INSERT `objs`, new rows of `model`'s own table whose ids nobody needs back (log
    entries, reference index rows; see `insert_numbered` otherwise): what `bulk_create`
    does, without Django compiling a statement of hundreds of rows (the larger part of its
    time here): on SQLite one prepared statement run for each row, on PostgreSQL a COPY.
    `fields`: all but the primary key unless given (a page's own
    table: its key is the wagtailcore_page row's)."""
    if not objs:
        return
    quote = connection.ops.quote_name
    if fields is None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(f.column) for f in fields)
    params = _db_values(objs, fields, adding=True)
    if connection.vendor == "postgresql":
        # COPY streams the rows in one command: a round trip a row (even pipelined), or
        # psycopg parsing a statement of many rows' placeholders, costs more than the
        # writing. The raw connection's cursor is in Django's transaction.
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for row in params:
                copy.write_row(row)
        return
    # SQLite runs in this process: one prepared statement, run for each row.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(fields))})",
            list(params),
        )


def _db_values(objs, fields, adding=False):
    """Each of `objs`' values of `fields`, as the database takes them (`get_db_prep_save`,
    after `pre_save`, as Model.save() does for a new row with `adding` and for an update
    without: a field worked out from others, such as a shop's name words, follows them)."""
    # The connection itself, not Django's proxy to it: the proxy looks it up in a
    # thread-local at each use, a value at a time.
    database = connections[connection.alias]
    plain = [_plain_type(field) for field in fields]
    for obj in objs:
        row = []
        for field, kind in zip(fields, plain, strict=True):
            value = field.pre_save(obj, adding)
            if kind is None or (value is not None and type(value) is not kind):
                value = field.get_db_prep_save(value, database)
            row.append(value)
        yield row


# Fields whose get_db_prep_save gives back None, or a value of this exact type, as it is.
_PLAIN_TYPES = {
    models.CharField.get_prep_value: str,
    models.TextField.get_prep_value: str,
    models.IntegerField.get_prep_value: int,
    models.BooleanField.get_prep_value: bool,
    models.FloatField.get_prep_value: float,
}


def _plain_type(field):
    """The type of value `field` writes unchanged (`_PLAIN_TYPES`), else None: a text
    column takes a str as it is, and preparing tens of thousands of them one by one is a
    good part of an insert's time. A foreign key writes what its target field writes (a
    page's or a tag's integer id)."""
    if isinstance(field, models.ForeignKey):
        return _plain_type(field.target_field)
    cls = type(field)
    if (
        cls.get_db_prep_save is models.Field.get_db_prep_save
        and cls.get_db_prep_value is models.Field.get_db_prep_value
    ):
        return _PLAIN_TYPES.get(cls.get_prep_value)
    if issubclass(cls, models.AutoField | models.BigAutoField) and (
        cls.get_prep_value is models.IntegerField.get_prep_value
    ):
        # An id: the auto field's get_db_prep_value adds only a check that some
        # databases (not SQLite's, nor PostgreSQL's) make of the value.
        return int
    return None


def insert_numbered(model, objs, key, **among):
    """`insert_rows`, then give each of `objs` the id its row was given, read back by its
    `key` (an attname: a page's unique path, a child row's shop) in one query a few
    hundred keys; the rows of one key are numbered in the order they were inserted. Only
    for rows no one else is writing (those of new pages, of pages whose rows were just
    deleted, or told apart by `among`: the revisions of this moment): the rows found with a
    key, filtered by `among`, must be those just inserted, else DatabaseError."""
    if not objs:
        return
    insert_rows(model, objs)
    by_key = {}
    for obj in objs:
        by_key.setdefault(getattr(obj, key), []).append(obj)
    keys = list(by_key)
    found = {}
    for start in range(0, len(keys), 500):
        rows = (
            model._base_manager.filter(**among, **{f"{key}__in": keys[start : start + 500]})
            .order_by("pk")
            .values_list(key, "pk")
        )
        for value, pk in rows:
            found.setdefault(value, []).append(pk)
    alias = connection.alias
    for value, group in by_key.items():
        pks = found.get(value, [])
        if len(pks) != len(group):
            # Someone else wrote rows for these pages meanwhile: the caller rolls back.
            raise DatabaseError(f"{model.__name__} {key}={value!r}: {len(pks)} rows found")
        for obj, pk in zip(group, pks, strict=True):
            # The model's own key (a page's `id`, not a shop's `page_ptr_id`).
            setattr(obj, model._meta.pk.attname, pk)
            obj._state.adding = False
            obj._state.db = alias


def delete_rows(model, attname, values):
    """DELETE the rows of `model` whose `attname` is one of `values`, in one statement a
    few hundred values. The queryset's `delete()` would first read every row to send
    `post_delete` for each (the shop cache listens for hours): `publish_edits` sends
    `page_published` for their pages instead, which drops the same caches."""
    quote = connection.ops.quote_name
    column = model._meta.get_field(attname).column
    values = list(values)
    with connection.cursor() as cursor:
        for start in range(0, len(values), 500):
            chunk = values[start : start + 500]
            cursor.execute(
                f"DELETE FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(column)} IN ({', '.join(['%s'] * len(chunk))})",
                chunk,
            )


def _rewrite_child_rows(edits):
    """Replace the child rows and many-to-many rows each edit names by those its page holds
    in memory, as modelcluster's save would."""
    for relation, parent_key in _PARENT_KEYS.items():
        pages = [edit.page for edit in edits if relation in edit.relations]
        if not pages:
            continue
        model = getattr(ShopPage, relation).rel.related_model
        attname = model._meta.get_field(parent_key).attname
        delete_rows(model, attname, [page.pk for page in pages])
        rows = []
        for page in pages:
            for row in getattr(page, relation).all():
                setattr(row, attname, page.pk)
                rows.append(row)
        # The pages' old rows are gone: those found by shop are the new ones.
        insert_numbered(model, rows, attname)
    pages = [edit.page for edit in edits if "services" in edit.relations]
    if pages:
        through = ShopPage.services.through
        delete_rows(through, "shoppage_id", [page.pk for page in pages])
        insert_rows(
            through,
            [
                through(shoppage_id=page.pk, service_id=service.pk)
                for page in pages
                for service in page.services.all()
            ],
        )


@contextmanager
def search_index_deferred():
    """Within the block, saving a ShopPage does not update the search index (Wagtail's
    post_save handler, which reads and writes the index at each of the two saves of a
    publication); on leaving it, the shops saved are indexed in one bulk call.

    The handler is disconnected for the whole process: meant for a management command,
    not for a request of a threaded server."""
    post_save_signal_handler = compat.search_index_save_handler()

    saved = set()

    def note(instance, raw=False, **kwargs):
        if not raw:
            saved.add(instance.pk)

    post_save.disconnect(post_save_signal_handler, sender=ShopPage)
    post_save.connect(note, sender=ShopPage, weak=False, dispatch_uid="bulk_pages_deferred")
    try:
        yield
    finally:
        post_save.disconnect(sender=ShopPage, dispatch_uid="bulk_pages_deferred")
        post_save.connect(post_save_signal_handler, sender=ShopPage)
    index_shops(saved)


def index_shops(pks):
    """Index the shops `pks` for search, with the relations their indexed text reads
    fetched once rather than once per shop."""
    if not pks:
        return
    index_pages(
        list(
            ShopPage.objects.filter(pk__in=list(pks))
            .select_related("category", "district")
            .prefetch_related("tags", "services")
        )
    )


def index_pages(shops):
    """`index_shops` for shops in memory, with their category, district, tags and
    services at hand (fetched with them, or set by the caller)."""
    with _search_values_read_once(shops):
        search_entries.index(ShopPage, shops)


def prepare_search_entries(shops):
    """The search index entries of `shops` (in memory, as they will be saved), worked
    out now so that a transaction writing them later does not spend its time on them
    (`core.search_entries`)."""
    with _search_values_read_once(shops):
        return search_entries.prepare(ShopPage, shops)


@contextmanager
def _search_values_read_once(shops):
    """Within the block, each computed value `shops` index (the normalised
    `search_text` above all) is worked out once per shop rather than at each field that
    indexes it."""
    # The words residents use for the shops' categories, services and tags, read for
    # all of them at once rather than in a few queries a shop (as ShopPage.search_synonyms
    # would). Shops of the same category, services and tags share them: each list's
    # stems are worked out once.
    synonyms = search_terms_by_shop(shops)
    stemmed = {}
    known = {}
    for shop in shops:
        words = " ".join(synonyms[shop.pk])
        if words not in stemmed:
            stemmed[words] = with_stems(words)
        known[id(shop)] = {"search_synonyms": stemmed[words]}
    fields = _search_fields_read_once(known)
    for shop in shops:
        shop.get_search_fields = fields
    try:
        yield
    finally:
        for shop in shops:
            del shop.get_search_fields


def _search_fields_read_once(known):
    """ShopPage's search fields, to give the shops of `known` ({id(shop): {field name:
    value}}) in place of their own: each text field answers, for each shop, the value it
    had when first read (or its value in `known`). The indexers read
    `obj.get_search_fields()` for each object (a classmethod an instance attribute
    hides); one that read the model's instead would only compute the values again, the
    same ones."""
    fields = []
    for field in ShopPage.get_search_fields():
        if isinstance(field, (index.SearchField, index.AutocompleteField)):
            # `search_text` is both searched and autocompleted: worked out once a shop.
            field = copy.copy(field)
            field.get_value = functools.partial(_value_read_once, known, field)
        fields.append(field)
    return lambda: fields


def _value_read_once(known, field, shop):
    values = known[id(shop)]
    name = field.field_name
    if name not in values:
        values[name] = type(field).get_value(field, shop)
    return values[name]
