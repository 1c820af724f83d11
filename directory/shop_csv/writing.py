"""Writing an import: every row checked against the database first, then the new shops
written in short transactions, invisible until a last short one publishes them.

Why this shape: a city's first file holds thousands of shops. Wagtail's `add_child` +
`save_revision` + `publish` cost about a hundred queries a page, and one transaction
around them all would hold SQLite's write lock for minutes while the site waits. So:

1. `plan_import` reads the database and writes nothing: shops matched by reference,
   what changes, slugs, Wagtail's own validation (`full_clean`, which also checks the
   slug against the directory's other pages). A dry run stops here, so it finds every
   problem the real run would.
2. New shops are inserted `BATCH_SIZE` at a time, one transaction each, as Wagtail
   leaves a page never published: not live, with a revision, in the search and
   reference indexes (`directory.bulk_pages`). The public site lists live pages only, so
   none of them shows, and between batches other writers get the lock.
3. One last transaction publishes them all in a few statements and publishes the changed
   shops' new revisions (Wagtail's own `save_revision().publish()`, page by page: a
   re-import usually changes few).

All or nothing for the public: if a batch or the last transaction fails, the new shops
already inserted are deleted again and nothing was published. If the process is killed
before the end, the pages it inserted stay unpublished; the next run of the same file
finds them by reference and publishes them (a shop in the file that was never published
is published by the import), so running the import again completes it.
"""

import logging
import time
from dataclasses import dataclass

from anyascii import anyascii
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from modelcluster.models import get_all_child_relations
from taggit.models import Tag
from wagtail.models import Page, Revision, WorkflowState

from core.clock import today
from directory import bulk_pages
from directory.models import (
    Category,
    DirectoryPage,
    District,
    OpeningHours,
    Service,
    ShopPage,
    ShopTag,
    SpecialHours,
)
from directory.shop_csv.checking import (
    _default_short_description,
    clean_records,
    without_block_keys,
)
from directory.shop_csv.columns import COLUMNS, FIELD_NAMES
from directory.shop_csv.export import dated_hours, holiday_hours, tag_names, weekly_hours
from directory.shop_csv.reading import decode, read_records
from directory.shop_csv.report import ImportReport, RowProblem, ShopFileError

logger = logging.getLogger(__name__)

# Rows written per transaction: a batch takes a fraction of a second, short enough for
# the site's requests waiting for the write lock (SQLite's busy timeout).
BATCH_SIZE = 200
SLUG_LENGTH = 80


@dataclass
class PlannedShop:
    """What the import does with one row: a new shop, changes to an existing one, or the
    publication of a shop an interrupted import left unpublished."""

    row: object
    shop: ShopPage
    is_new: bool
    changes: dict
    tags: list | None = None
    old_title: str = ""


class _ReferenceData:
    """Categories, districts or services found by name or slug; a missing one is made in
    memory, and saved by `save_new` when the import writes."""

    def __init__(self, model):
        self.model, self.created = model, []
        self.by_key = {}
        for item in model.objects.all():
            self.by_key.setdefault(item.name.casefold(), item)
            self.by_key.setdefault(item.slug, item)

    def get(self, name):
        if not name:
            return None
        item = self.by_key.get(name.casefold()) or self.by_key.get(slugify(name))
        if item is None:
            item = self.model(name=name, slug=slugify(anyascii(name)) or "sans-nom")
            self.created.append(item)
            self.by_key[name.casefold()] = self.by_key[item.slug] = item
        return item

    def save_new(self):
        for item in self.created:
            item.save()

    def names(self):
        return [item.name for item in self.created]


def _existing_shops(references):
    """Shops matched by reference, else (shops without one) by slug, with every relation
    their comparison, revision and reference index read (a query each for all of them,
    rather than one a shop and relation)."""
    shops = (
        ShopPage.objects.filter(Q(reference__in=references) | Q(reference="", slug__in=references))
        .select_related("category", "district")
        .prefetch_related(
            "services",
            "tags",
            *(relation.get_accessor_name() for relation in get_all_child_relations(ShopPage)),
        )
        .order_by("pk")
    )
    found = {}
    for shop in shops:
        found.setdefault(shop.reference or shop.slug, shop)
    return found


def _same_items(new, current):
    """True when two lists of categories, districts or services hold the same saved rows."""
    return all(item.pk for item in new) and {item.pk for item in new} == {
        item.pk for item in current
    }


def _changes(shop, row, reference_data):
    """{field: new value} for what `row` changes on `shop`; for a new shop, every value
    that differs from the field's default."""
    changes = {}
    for column, value in row.values.items():
        name = FIELD_NAMES.get(column, column)
        if column in ("category", "district"):
            value = reference_data[column].get(value)
            current = [getattr(shop, name)] if getattr(shop, f"{name}_id") else []
            same = _same_items([value] if value else [], current)
        elif column == "services":
            value = [reference_data[column].get(service) for service in value]
            same = _same_items(value, shop.services.all() if shop.pk else [])
        elif column == "tags":
            same = sorted(value) == (tag_names(shop) if shop.pk else [])
        elif column == "opening_hours":
            changes.update(_hours_changes(shop, value))
            continue
        elif column == "description":
            same = without_block_keys(value) == without_block_keys(shop.description)
        else:
            same = value == getattr(shop, name)
        if not same:
            changes[name] = value
    return changes


def _hours_changes(shop, hours):
    """{field: new value} for what an `opening_hours` cell (osm_hours.OsmHours) changes
    on `shop`. A cell that says nothing of public holidays leaves the shop's rule and
    its "jours fériés" rows as they are (a new shop: closed, the default); one without
    dated rules to come leaves its special hours alone."""
    changes = {}
    weekly = hours.weekly
    if hours.holiday_rule is None:
        weekly = weekly + (holiday_hours(shop) if shop.pk else [])
    if weekly != (weekly_hours(shop) if shop.pk else []):
        changes["opening_hours"] = weekly
    if hours.holiday_rule is not None and hours.holiday_rule != shop.public_holidays:
        changes["public_holidays"] = hours.holiday_rule
    if hours.dated is not None:
        day = today()
        if hours.dated != (dated_hours(shop, day) if shop.pk else []):
            # The rows over already stay (as new rows: the whole relation is rewritten).
            past = [
                SpecialHours(
                    start_date=row.start_date,
                    end_date=row.end_date,
                    label=row.label,
                    closed=row.closed,
                    opens=row.opens,
                    closes=row.closes,
                )
                for row in (shop.special_hours.all() if shop.pk else ())
                if row.end_date < day
            ]
            changes["special_hours"] = past + _special_rows(hours.dated)
    return changes


def _special_rows(dated):
    """SpecialHours rows (unsaved) for osm_hours.DatedHours: a closed row, or one a range."""
    rows = []
    for rule in dated:
        dates = dict(start_date=rule.start, end_date=rule.end, label=rule.label)
        if rule.closed or not rule.ranges:
            rows.append(SpecialHours(**dates, closed=True))
        else:
            rows.extend(
                SpecialHours(**dates, opens=opens, closes=closes) for opens, closes in rule.ranges
            )
    return rows


def _apply(shop, changes):
    """Set the changed fields on `shop`, in memory (tags apart: `_set_tags`)."""
    for name, value in changes.items():
        if name == "tags":
            continue
        if name == "opening_hours":
            shop.opening_hours = [
                OpeningHours(weekday=weekday, opens=opens, closes=closes, sort_order=index)
                for index, (weekday, opens, closes) in enumerate(value)
            ]
        elif name == "special_hours":
            for index, row in enumerate(value):
                row.sort_order = index
            shop.special_hours = value
        else:
            setattr(shop, name, value)


def _reasons(error):
    """A ValidationError's messages, each with the name of its field."""
    if not hasattr(error, "error_dict"):
        return error.messages
    return [f"{name} : {message}" for name, messages in error for message in messages]


def slug_for(title, taken):
    """A slug for a new shop called `title`, not in `taken` (which gets it): the title
    transliterated to ASCII ("日本" → "riben", "Ça Café" → "ca-cafe"), so that its
    address reads and types the same on any phone or flyer, and numbered after the first
    ("boulangerie-2") when another shop has it."""
    base = slugify(anyascii(title))[:SLUG_LENGTH].strip("-") or "commerce"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


# A shop's foreign keys: `full_clean` checks that each points at a row, a query a key
# and row. The import sets only the category and district (found or made by name);
# the others are empty on a new shop and read from the database on an existing one.
_FOREIGN_KEYS = [field.name for field in ShopPage._meta.concrete_fields if field.many_to_one]


def _check(planned, directory, sibling_slugs, report):
    """Wagtail's validation of the page as it will be saved; the row's problem if not."""
    try:
        # Category and district may be new (unsaved); `clean_record` checked them. The
        # other keys (locale and content type, the revisions, owner, logo...) are the
        # directory's and ShopPage's (`prepare_page`) or the database's. The unique
        # columns are the tree path (worked out from the directory's last child) and the
        # translation key (new): a query each per shop would find nothing.
        bulk_pages.clean_child(planned.shop, directory, sibling_slugs, exclude=_FOREIGN_KEYS)
    except ValidationError as error:
        report.problems.append(RowProblem(planned.row.line, planned.row.reference, _reasons(error)))
        return False
    return True


def plan_import(rows, directory, reference_data, report):
    """What importing `rows` would do, worked out without writing anything: a
    PlannedShop for each row to write, `report` filled in (created, updated, unchanged,
    and the problems Wagtail's validation finds)."""
    existing = _existing_shops([row.reference for row in rows])
    sibling_slugs = dict(directory.get_children().values_list("slug", "pk"))
    taken_slugs = set(sibling_slugs)
    position = bulk_pages.next_child_position(directory)
    plan = []
    for row in rows:
        shop = existing.get(row.reference)
        is_new = shop is None
        if is_new:
            shop = ShopPage(reference=row.reference)
        changes = _changes(shop, row, reference_data)
        if is_new and "short_description" not in row.values:
            changes["short_description"] = _default_short_description(row.values)
        left_unpublished = not is_new and not shop.live and shop.first_published_at is None
        if not changes and not left_unpublished:
            report.unchanged.append(row)
            continue
        old_title = shop.title
        _apply(shop, changes)
        if is_new:
            shop.slug = slug_for(shop.title, taken_slugs)
            bulk_pages.prepare_page(shop, directory, position, None, live=False)
            position += 1
        planned = PlannedShop(row, shop, is_new, changes, changes.get("tags"), old_title)
        if _check(planned, directory, sibling_slugs, report):
            (report.created if is_new or left_unpublished else report.updated).append(row)
            plan.append(planned)
    return plan


def _set_tags(plan):
    """Give each planned shop its tags, creating the tags the site does not have yet."""
    names = {name for planned in plan if planned.tags for name in planned.tags}
    if not names:
        return
    tags = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    for name in sorted(names - set(tags)):
        tags[name] = Tag.objects.create(name=name)
    for planned in plan:
        if planned.tags is not None:
            # What `shop.tags.set(...)` leaves in memory (modelcluster's tag manager reads
            # a shop's tags from its tagged items), without its query a shop.
            planned.shop.tagged_items = [ShopTag(tag=tags[name]) for name in planned.tags]


def _link_new_reference_data(plan):
    """Point the shops at the categories and districts saved since they were assigned."""
    for planned in plan:
        for name in ("category", "district"):
            item = getattr(planned.shop, name, None)
            if item is not None:
                setattr(planned.shop, name, item)


def _insert_batch(directory, batch, report, skip_invalid, user):
    """Insert a batch of new shops, unpublished; if the database refuses it, try the rows
    one by one to name the one it refuses. Returns the shops inserted."""
    try:
        with transaction.atomic():
            bulk_pages.insert_shops(
                directory,
                [planned.shop for planned in batch],
                live=False,
                with_revisions=True,
                user=user,
            )
        return [planned.shop for planned in batch]
    except DatabaseError:
        if len(batch) == 1:
            raise
    inserted = []
    for planned in batch:
        _reset(planned.shop)
        try:
            inserted += _insert_batch(directory, [planned], report, skip_invalid, user)
        except DatabaseError as error:
            report.problems.append(_database_problem(planned.row, error))
            if not skip_invalid:
                break
    return inserted


def _reset(shop):
    """Forget what a failed insert left on an unsaved shop, so that it can be tried again."""
    shop.pk = shop.id = shop.page_ptr_id = None
    shop._state.adding = True


def _database_problem(row, error):
    return RowProblem(
        row.line,
        row.reference,
        [
            _("la base de données refuse ce commerce (%(error)s)")
            % {"error": str(error).strip().splitlines()[0]}
        ],
    )


def _publish_changes(planned, report, user):
    """Publish a new revision of an existing shop, as an editor would (Wagtail's own
    save_revision and publish). Returns False when the database refuses it."""
    try:
        with transaction.atomic():
            planned.shop.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    except (ValidationError, DatabaseError) as error:
        reasons = _reasons(error) if isinstance(error, ValidationError) else None
        problem = (
            RowProblem(planned.row.line, planned.row.reference, reasons)
            if reasons
            else _database_problem(planned.row, error)
        )
        report.problems.append(problem)
        return False
    return True


# What a changed column rewrites besides the shop's row: child rows, many-to-many rows.
_RELATIONS = {
    "opening_hours": "opening_hours",
    "special_hours": "special_hours",
    "tags": "tagged_items",
    "services": "services",
}


def _edits(updates):
    """Split the changed shops into those whose new revision is published in bulk
    ({id(planned): bulk_pages.Edit}) and those left to Wagtail's own publish, page by
    page: a shop not live (unpublished by staff), scheduled, an alias or with aliases,
    with comments or in a workflow, where publishing does more than write the revision."""
    now = timezone.now()
    ids = [planned.shop.pk for planned in updates]
    in_workflow = set(
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(pk) for pk in ids],
        )
        .values_list("object_id", flat=True)
    )
    aliased = set(Page.objects.filter(alias_of__in=ids).values_list("alias_of_id", flat=True))
    edits, by_wagtail = {}, []
    for planned in updates:
        shop = planned.shop
        plain = (
            shop.live
            and not shop.alias_of_id
            and not (shop.go_live_at and shop.go_live_at > now)
            and not shop.wagtail_admin_comments.all()
            and str(shop.pk) not in in_workflow
            and shop.pk not in aliased
        )
        if plain:
            relations = frozenset(
                _RELATIONS[name] for name in planned.changes if name in _RELATIONS
            )
            edits[id(planned)] = bulk_pages.Edit(shop, planned.old_title, relations)
        else:
            by_wagtail.append(planned)
    return edits, by_wagtail


def _publish_edits(batch, report, user):
    """Publish a batch of edited shops (`(planned, edit)` pairs) in a savepoint; if the
    database refuses it, publish them one by one to name the rows it refuses. Returns the
    refused pairs."""
    try:
        with transaction.atomic():
            bulk_pages.publish_edits([edit for _, edit in batch], user=user)
        return []
    except DatabaseError as error:
        if len(batch) == 1:
            report.problems.append(_database_problem(batch[0][0].row, error))
            return batch
    refused = []
    for pair in batch:
        refused += _publish_edits([pair], report, user)
    return refused


def _discard(shops, revisions, reference_data):
    """Delete the unpublished shops a failed import inserted, with their rows, revisions
    and index entries (treebeard's delete also gives the directory its count back), the
    revisions it recorded for changed shops (never published) and the categories,
    districts and services it added for them."""
    with transaction.atomic():
        if shops:
            Page.objects.filter(pk__in=[shop.pk for shop in shops]).delete()
        if revisions:
            Revision.objects.filter(pk__in=revisions).delete()
        for data in reference_data.values():
            for item in data.created:
                if item.pk is not None:
                    item.delete()


class _Failed(Exception):
    pass


def write_plan(plan, directory, reference_data, report, skip_invalid, batch_size, user=None):
    """Write `plan` (see the module's docstring); on failure, `report.problems` says why
    and nothing is left published or visible."""
    new = [planned for planned in plan if planned.is_new]
    updates = [planned for planned in plan if not planned.is_new and planned.changes]
    edits, by_wagtail = _edits(updates)
    bulk = [(planned, edits[id(planned)]) for planned in updates if id(planned) in edits]
    inserted, revisions, refused = [], [], set()
    try:
        with transaction.atomic():
            for data in reference_data.values():
                data.save_new()
            _set_tags(plan)
        _link_new_reference_data(plan)
        for start in range(0, len(new), batch_size):
            problems_before = len(report.problems)
            batch = new[start : start + batch_size]
            done = _insert_batch(directory, batch, report, skip_invalid, user)
            inserted += done
            # By identity: a refused shop keeps the id of its rolled-back insert.
            done_shops = {id(shop) for shop in done}
            refused.update(id(planned) for planned in batch if id(planned.shop) not in done_shops)
            if len(report.problems) > problems_before and not skip_invalid:
                raise _Failed
        # The changed shops' new revisions, which nothing points at until published.
        for start in range(0, len(bulk), batch_size):
            batch = [edit for _, edit in bulk[start : start + batch_size]]
            with transaction.atomic():
                bulk_pages.record_revisions(batch, user=user)
            revisions += [edit.page.latest_revision.pk for edit in batch]
        started = time.monotonic()
        with transaction.atomic(), bulk_pages.search_index_deferred():
            # Shops an interrupted import inserted: published as the new ones are. (A
            # draft without a revision, made some other way, is published by Wagtail.)
            left = [p.shop for p in plan if not p.is_new and not p.changes]
            left = [shop for shop in left if shop.latest_revision_id]
            bulk_pages.publish_new_shops(inserted + left, user=user)
            unpublished = []
            for start in range(0, len(bulk), batch_size):
                for planned, edit in _publish_edits(bulk[start : start + batch_size], report, user):
                    refused.add(id(planned))
                    unpublished.append(edit.page.latest_revision.pk)
                if unpublished and not skip_invalid:
                    raise _Failed
            Revision.objects.filter(pk__in=unpublished).delete()
            for planned in by_wagtail:
                if not _publish_changes(planned, report, user):
                    refused.add(id(planned))
                    if not skip_invalid:
                        raise _Failed
        # How long other writers waited for SQLite's lock (docs/benchmarks.md).
        logger.info(
            "Published %s new and %s changed shops in one transaction of %.1f s.",
            len(inserted),
            len(updates),
            time.monotonic() - started,
        )
    except (_Failed, DatabaseError) as error:
        if isinstance(error, DatabaseError):
            report.problems.append(
                RowProblem(None, "", [_("écriture interrompue (%(error)s)") % {"error": error}])
            )
        _discard(inserted, revisions, reference_data)
        report.created, report.updated, report.unchanged = [], [], []
        return
    rows = {id(planned.row) for planned in plan if id(planned) in refused}
    report.created = [row for row in report.created if id(row) not in rows]
    report.updated = [row for row in report.updated if id(row) not in rows]


def import_shops(data, *, skip_invalid=False, dry_run=False, batch_size=BATCH_SIZE, user=None):
    """Import the CSV `data` (bytes) into the directory and return an ImportReport; the
    pages' history credits `user` (None: the system) with the changes.

    All or nothing by default: when a row is bad, nothing is written. `skip_invalid`
    imports the good rows and reports the bad ones; `dry_run` writes nothing and reports
    what the import would do, including what only the database would refuse. Raises
    ShopFileError when the file itself is unusable."""
    columns, records = read_records(decode(data))
    report = ImportReport(dry_run=dry_run)
    report.ignored_columns = [name for name in columns if name and name not in COLUMNS]
    rows, report.problems = clean_records(records, columns)
    if report.problems and not skip_invalid:
        return report
    directory = DirectoryPage.objects.first()
    if directory is None:
        raise ShopFileError(_("Le site n'a pas d'annuaire des commerces (page /commerces/)."))
    reference_data = {
        "category": _ReferenceData(Category),
        "district": _ReferenceData(District),
        "services": _ReferenceData(Service),
    }
    plan = plan_import(rows, directory, reference_data, report)
    if report.problems and not skip_invalid:
        report.created, report.updated, report.unchanged = [], [], []
        return report
    if not dry_run:
        write_plan(plan, directory, reference_data, report, skip_invalid, batch_size, user)
    if not report.created and not report.updated:
        reference_data = {}
    report.new_categories = reference_data["category"].names() if reference_data else []
    report.new_districts = reference_data["district"].names() if reference_data else []
    report.new_services = reference_data["services"].names() if reference_data else []
    report.written = not dry_run and bool(report.created or report.updated)
    return report
