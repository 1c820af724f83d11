"""Writing ShopPages in bulk, as Wagtail's add_child + save_revision + publish would
leave them: the demo's shops and the import's new shops (`directory.shop_csv.writing`).

Wagtail writes a page in about a hundred queries (tree bookkeeping, three saves, the
search index updated on every save); these functions write a batch in a few dozen
whatever its size. `tests/directory/test_bulk_pages.py` holds them to what Wagtail's own
calls leave; the private Wagtail and Django helpers they use go through core.compat,
whose tests keep them in check (tree paths come from core.tree)."""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.utils import timezone
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends
from wagtail.signals import page_published

from core import compat, tree
from directory.models import ShopPage


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
    for relation in get_all_child_relations(type(page)):
        name = relation.get_accessor_name()
        if name not in getattr(page, "_cluster_related_objects", {}):
            setattr(page, name, [])


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
    too (the benchmark's shops go without them).
    """
    insert_shops(directory, pages, live=True, with_revisions=with_revisions)


def insert_shops(directory, pages, live=True, with_revisions=False):
    """`insert_live_shops`, or with `live=False` what `add_child` + `save_revision` leave
    of a page never published (with a revision, which `publish_new_shops` publishes)."""
    if not pages:
        return
    now = timezone.now()
    position = next_child_position(directory)
    for offset, page in enumerate(pages):
        prepare_page(page, directory, position + offset, now, live=live)

    # Django cannot bulk_create a multi-table child: insert the wagtailcore_page rows,
    # then the shop rows pointing at them, which is what Model.save() does for one page.
    page_fields = [f.attname for f in Page._meta.concrete_fields if not f.primary_key]
    base_rows = [Page(**{name: getattr(page, name) for name in page_fields}) for page in pages]
    Page.objects.bulk_create(base_rows)
    for page, base in zip(pages, base_rows, strict=True):
        page.id = page.page_ptr_id = base.pk
        page._state.adding = False
        page._state.db = base._state.db
    shop_fields = ShopPage._meta.local_concrete_fields
    batch = max(1, connection.ops.bulk_batch_size(shop_fields, pages))
    for start in range(0, len(pages), batch):
        compat.insert_rows(ShopPage, pages[start : start + batch], fields=shop_fields)

    for relation in ("opening_hours", "special_hours", "photos", "tagged_items"):
        rows = []
        for page in pages:
            for row in getattr(page, relation).all():
                setattr(row, row._meta.get_field(_PARENT_KEYS[relation]).attname, page.pk)
                rows.append(row)
        if rows:
            type(rows[0]).objects.bulk_create(rows)
    through = ShopPage.services.through
    through.objects.bulk_create(
        through(shoppage_id=page.pk, service_id=service.pk)
        for page in pages
        for service in page.services.all()
    )
    Page.objects.filter(pk=directory.pk).update(numchild=F("numchild") + len(pages))
    directory.numchild += len(pages)

    if with_revisions:
        _record_revisions(pages, now, published=live)

    # Index what publishing would have indexed.
    index_shops([page.pk for page in pages])


# The field of each child row that points at its shop.
_PARENT_KEYS = {
    "opening_hours": "shop",
    "special_hours": "shop",
    "photos": "shop",
    "tagged_items": "content_object",
}


def _record_revisions(pages, now, published=True):
    """What `save_revision()` (and with `published`, `.publish()`) leaves besides the
    page row: a revision (published), a "publish" entry in the page's history and the
    reference index (which tells the admin where an image or a category is used)."""
    page_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        Revision(
            content_type=page.content_type,
            base_content_type=page_type,
            object_id=str(page.pk),
            created_at=now,
            object_str=str(page),
            content=page.serializable_data(),
        )
        for page in pages
    )
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
    if published:
        _log_publication(pages, now)
    index_references_of_new_pages(pages)


def index_references_of_new_pages(pages):
    """What `ReferenceIndex.create_or_update_for_object` writes for each of `pages`, in
    one statement: new pages have no rows to compare with. The references are found by
    Wagtail's own (private) scan, so they are the ones it would record."""
    page_type = ContentType.objects.get_for_model(Page)
    rows = [
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
        for page in pages
        for to_content_type_id, to_object_id, model_path, content_path in compat.page_references(
            page
        )
    ]
    ReferenceIndex.objects.bulk_create(rows, batch_size=500)


def _log_publication(pages, now):
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            content_type_id=page.content_type_id,
            label=page.title,
            action="wagtail.publish",
            timestamp=now,
            revision_id=page.latest_revision_id,
            content_changed=True,
            page_id=page.pk,
        )
        for page in pages
    )


def publish_new_shops(pages):
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
    _log_publication(pages, now)

    def announce():
        for page in pages:
            page_published.send(sender=type(page), instance=page, revision=page.latest_revision)

    transaction.on_commit(announce)


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
    indexed = list(
        ShopPage.objects.filter(pk__in=list(pks))
        .select_related("category", "district")
        .prefetch_related("tags", "services")
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ShopPage, indexed)
