"""The shops as CSV: the file city staff import (`import_shops`), export (`export_shops`)
and the open data (`/commerces/donnees.csv`) all share one format.

One row per shop; the first row names the columns (`COLUMNS`, any order). `reference`,
`name`, `category`, `latitude` and `longitude` are required; any other column may be left
out, and an import then leaves that field of existing shops as it is. `services` and
`tags` are lists separated by "|"; `opening_hours` is written the OpenStreetMap way
(`directory.osm_hours`). Files come from spreadsheets: comma or semicolon separators,
UTF-8 with or without BOM or Windows-1252, decimal commas in coordinates, dates as
2026-03-01 or 01/03/2026 are all read.

The import is an upsert on `reference` (a shop without one is matched by its slug, which
is what the export writes for it): new shops are published under the DirectoryPage,
changed shops get a new published revision, unchanged ones are left alone, so importing
the same file twice changes nothing. Every row is checked before anything is written.
"""

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape, linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from directory.models import Category, DirectoryPage, District, OpeningHours, Service, ShopPage
from directory.osm_hours import format_opening_hours, parse_opening_hours

COLUMNS = (
    "reference",
    "name",
    "short_description",
    "description",
    "category",
    "district",
    "street",
    "postcode",
    "locality",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "online_shop_url",
    "booking_url",
    "facebook_url",
    "instagram_url",
    "services",
    "tags",
    "opening_hours",
    "hours_confirmed_on",
)
REQUIRED_COLUMNS = ("reference", "name", "category", "latitude", "longitude")
LIST_SEPARATOR = "|"
TEXT_COLUMNS = ("street", "postcode", "locality", "phone")
URL_COLUMNS = ("website", "online_shop_url", "booking_url", "facebook_url", "instagram_url")
# Columns stored on the page under another name.
FIELD_NAMES = {"name": "title"}

_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# Wagtail's editor adds a random key to each block; it says nothing about the content.
_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class ShopFileError(ValueError):
    """The file as a whole cannot be read (encoding, missing columns, no directory)."""


@dataclass
class RowProblem:
    line: int
    reference: str
    reasons: list[str]

    def __str__(self):
        where = _("Ligne %(line)s") % {"line": self.line}
        if self.reference:
            where += f" ({self.reference})"
        return f"{where} : {' ; '.join(self.reasons)}"


@dataclass
class ShopRow:
    """A checked row: `values` holds the cleaned value of each column present in the file."""

    line: int
    reference: str
    values: dict


@dataclass
class ImportReport:
    """What an import did, or would do (dry run), or why it did nothing."""

    dry_run: bool = False
    created: list[ShopRow] = field(default_factory=list)
    updated: list[ShopRow] = field(default_factory=list)
    unchanged: list[ShopRow] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    new_districts: list[str] = field(default_factory=list)
    new_services: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    written: bool = False

    def lines(self):
        """The report in French, one line each, as the command prints it."""
        lines = []
        if self.ignored_columns:
            lines.append(
                _("Colonnes ignorées (inconnues) : %(columns)s.")
                % {"columns": ", ".join(self.ignored_columns)}
            )
        lines.extend(str(problem) for problem in self.problems)
        if self.problems and not (self.created or self.updated or self.unchanged):
            lines.append(
                ngettext(
                    "Rien n'a été importé : %(count)s ligne est incorrecte.",
                    "Rien n'a été importé : %(count)s lignes sont incorrectes.",
                    len(self.problems),
                )
                % {"count": len(self.problems)}
            )
            return lines
        if self.dry_run:
            verbs = (_("À créer"), _("À mettre à jour"))
        else:
            verbs = (_("Créé"), _("Mis à jour"))
        for verb, rows in zip(verbs, (self.created, self.updated), strict=True):
            lines.extend(f"{verb} : {row.reference} {row.values['name']}" for row in rows)
        for names, message in (
            (self.new_categories, _("Nouvelles catégories : %(names)s.")),
            (self.new_districts, _("Nouveaux quartiers : %(names)s.")),
            (self.new_services, _("Nouveaux services : %(names)s.")),
        ):
            if names:
                lines.append(message % {"names": ", ".join(names)})
        counts = {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "skipped": len(self.problems),
        }
        if self.dry_run:
            summary = _(
                "Simulation, rien n'a été écrit. À créer : %(created)s ; à mettre à jour : "
                "%(updated)s ; inchangés : %(unchanged)s ; lignes écartées : %(skipped)s."
            )
        else:
            summary = _(
                "Commerces créés : %(created)s ; mis à jour : %(updated)s ; inchangés : "
                "%(unchanged)s ; lignes écartées : %(skipped)s."
            )
        lines.append(summary % counts)
        return lines


# --- Reading -----------------------------------------------------------------------


def decode(data):
    """The text of a spreadsheet's CSV: UTF-8 (a BOM is dropped), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ShopFileError(
            _("Encodage non reconnu : enregistrez le fichier en UTF-8 (CSV UTF-8).")
        ) from None


def sniff_separator(header_line):
    """ ";" when the header uses semicolons (spreadsheets in French do), else ","."""
    return ";" if header_line.count(";") > header_line.count(",") else ","


def read_records(text):
    """(columns, [(line number, {column: cell})]) of a CSV text; blank rows are skipped
    and a record's line number is the line it starts on in the file."""
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    if not header_line.strip():
        raise ShopFileError(_("Le fichier est vide."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_separator(header_line))
    header = next(reader)
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ShopFileError(
            _("Colonnes obligatoires absentes : %(columns)s (colonnes lues : %(found)s).")
            % {"columns": ", ".join(missing), "found": ", ".join(columns)}
        )
    records = []
    last_line = reader.line_num
    for cells in reader:
        line, last_line = last_line + 1, reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        record = {
            column: cell.strip() for column, cell in zip(columns, cells, strict=False) if column
        }
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
            record[None] = cells[len(columns) :]
        records.append((line, record))
    return columns, records


# --- Checking ----------------------------------------------------------------------


def clean_record(line, record, columns):
    """(ShopRow, []) for a good record, (None, [French reasons]) for a bad one."""
    reasons = []
    values = {}
    if None in record:
        reasons.append(_("plus de cellules que de colonnes (séparateur dans une valeur ?)"))
    for column in COLUMNS:
        if column not in columns:
            continue
        try:
            values[column] = _CLEANERS.get(column, _clean_text)(column, record.get(column, ""))
        except ValueError as error:
            reasons.append(str(error))
    if reasons:
        return None, reasons
    if "short_description" in values and not values["short_description"]:
        values["short_description"] = _default_short_description(values)
    return ShopRow(line=line, reference=values["reference"], values=values), []


def clean_records(records, columns):
    """Checked rows and the problems of the bad ones, including repeated references."""
    rows, problems, first_line = [], [], {}
    for line, record in records:
        row, reasons = clean_record(line, record, columns)
        reference = record.get("reference", "")
        if reference and reference in first_line:
            reasons.append(
                _("la référence « %(reference)s » est déjà utilisée ligne %(line)s")
                % {"reference": reference, "line": first_line[reference]}
            )
            row = None
        first_line.setdefault(reference, line)
        if row is None:
            problems.append(RowProblem(line=line, reference=reference, reasons=reasons))
        else:
            rows.append(row)
    return rows, problems


def _max_length(column):
    return ShopPage._meta.get_field(FIELD_NAMES.get(column, column)).max_length


def _clean_text(column, value):
    limit = _max_length(column) if column not in ("category", "district") else 80
    if len(value) > limit:
        raise ValueError(
            _("« %(column)s » dépasse %(limit)s caractères") % {"column": column, "limit": limit}
        )
    return value


def _clean_required(column, value):
    if not value:
        raise ValueError(_("« %(column)s » manque") % {"column": column})
    return _clean_text(column, value)


def _clean_description(column, value):
    return rich_text(value)


def _clean_coordinate(column, value):
    if not value:
        raise ValueError(_("« %(column)s » manque") % {"column": column})
    try:
        number = float(value.replace(",", ".").replace(" ", ""))
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise ValueError(
            _("« %(column)s » n'est pas un nombre : « %(value)s »")
            % {"column": column, "value": value}
        )
    limit = 90 if column == "latitude" else 180
    if not -limit <= number <= limit:
        raise ValueError(
            _("« %(column)s » doit être comprise entre -%(limit)s et %(limit)s : %(value)s")
            % {"column": column, "limit": limit, "value": value}
        )
    return number


def _clean_email(column, value):
    if value:
        try:
            EmailValidator()(value)
        except ValidationError:
            raise ValueError(
                _("l'adresse e-mail « %(value)s » n'est pas valide") % {"value": value}
            ) from None
    return _clean_text(column, value)


def _clean_url(column, value):
    if not value:
        return ""
    # Lists often hold "www.example.be"; the link needs its scheme.
    url = value if "://" in value else f"https://{value}"
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        raise ValueError(
            _("« %(column)s » n'est pas une adresse web valide : « %(value)s »")
            % {"column": column, "value": value}
        ) from None
    return _clean_text(column, url)


def _clean_list(column, value):
    names = []
    for name in (part.strip() for part in value.split(LIST_SEPARATOR)):
        if name and name not in names:
            if len(name) > 80:
                raise ValueError(
                    _("« %(column)s » : « %(name)s » dépasse 80 caractères")
                    % {"column": column, "name": name}
                )
            names.append(name)
    return names


def _clean_hours(column, value):
    return parse_opening_hours(value)


def _clean_date(column, value):
    if not value:
        return None
    match = _DAY_MONTH_YEAR.match(value)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise ValueError(
            _("« %(column)s » n'est pas une date (AAAA-MM-JJ) : « %(value)s »")
            % {"column": column, "value": value}
        ) from None


_CLEANERS = {
    "reference": _clean_required,
    "name": _clean_required,
    "category": _clean_required,
    "description": _clean_description,
    "latitude": _clean_coordinate,
    "longitude": _clean_coordinate,
    "email": _clean_email,
    **dict.fromkeys(URL_COLUMNS, _clean_url),
    "services": _clean_list,
    "tags": _clean_list,
    "opening_hours": _clean_hours,
    "hours_confirmed_on": _clean_date,
}


def _default_short_description(values):
    """ "Boulangerie à Vilvèze": a page needs a short description and lists rarely have one."""
    if values.get("locality"):
        return _("%(category)s à %(locality)s") % {
            "category": values["category"],
            "locality": values["locality"],
        }
    return values["category"]


def rich_text(value):
    """`value` (plain text, or simple HTML) as the description's rich text, reduced to what
    its editor allows, so an imported description looks like a typed one."""
    if not value:
        return ""
    html = value if _HTML_TAG.search(value) else linebreaks(escape(value))
    converter = ContentstateConverter(ShopPage._meta.get_field("description").features)
    return converter.to_database_format(converter.from_database_format(html))


def without_block_keys(html):
    return _BLOCK_KEY.sub("", html or "")


# --- Writing to the database -------------------------------------------------------


class _ReferenceData:
    """Categories, districts or services found by name or slug, created when missing
    (or, on a dry run, only noted as to be created)."""

    def __init__(self, model, write):
        self.model, self.write, self.created = model, write, []
        self.by_key = {}
        for item in model.objects.all():
            self.by_key.setdefault(item.name.casefold(), item)
            self.by_key.setdefault(item.slug, item)

    def get(self, name):
        if not name:
            return None
        item = self.by_key.get(name.casefold()) or self.by_key.get(slugify(name))
        if item is None:
            item = self.model(name=name, slug=slugify(name) or "sans-nom")
            if self.write:
                item.save()
            self.created.append(name)
            self.by_key[name.casefold()] = self.by_key[item.slug] = item
        return item


def _existing_shops(references):
    """Shops matched by reference, else (shops without one) by slug."""
    shops = (
        ShopPage.objects.filter(Q(reference__in=references) | Q(reference="", slug__in=references))
        .select_related("category", "district")
        .prefetch_related("services", "tags", "opening_hours")
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
            same = value == (weekly_hours(shop) if shop.pk else [])
        elif column == "description":
            same = without_block_keys(value) == without_block_keys(shop.description)
        else:
            same = value == getattr(shop, name)
        if not same:
            changes[name] = value
    return changes


def _apply(shop, changes):
    for name, value in changes.items():
        if name == "tags":
            shop.tags.set(value)
        elif name == "opening_hours":
            shop.opening_hours = [
                OpeningHours(weekday=weekday, opens=opens, closes=closes, sort_order=index)
                for index, (weekday, opens, closes) in enumerate(value)
            ]
        else:
            setattr(shop, name, value)


def _reasons(error):
    """A ValidationError's messages, each with the name of its field."""
    if not hasattr(error, "error_dict"):
        return error.messages
    return [f"{name} : {message}" for name, messages in error for message in messages]


def _unique_slug(title, taken):
    base = slugify(title)[:80] or "commerce"
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


def _upsert(rows, report, write):
    directory = DirectoryPage.objects.first()
    if directory is None:
        raise ShopFileError(_("Le site n'a pas d'annuaire des commerces (page /commerces/)."))
    reference_data = {
        "category": _ReferenceData(Category, write),
        "district": _ReferenceData(District, write),
        "services": _ReferenceData(Service, write),
    }
    existing = _existing_shops([row.reference for row in rows])
    taken_slugs = set(directory.get_children().values_list("slug", flat=True))
    for row in rows:
        shop = existing.get(row.reference)
        is_new = shop is None
        if is_new:
            shop = ShopPage(reference=row.reference)
        changes = _changes(shop, row, reference_data)
        if is_new and "short_description" not in row.values:
            changes["short_description"] = _default_short_description(row.values)
        if not changes:
            report.unchanged.append(row)
            continue
        (report.created if is_new else report.updated).append(row)
        if not write:
            continue
        _apply(shop, changes)
        try:
            with transaction.atomic():
                if is_new:
                    shop.slug = _unique_slug(shop.title, taken_slugs)
                    directory.add_child(instance=shop)
                shop.save_revision().publish()
        except ValidationError as error:
            (report.created if is_new else report.updated).remove(row)
            report.problems.append(RowProblem(row.line, row.reference, _reasons(error)))
    report.new_categories = reference_data["category"].created
    report.new_districts = reference_data["district"].created
    report.new_services = reference_data["services"].created


def import_shops(data, *, skip_invalid=False, dry_run=False):
    """Import the CSV `data` (bytes) into the directory and return an ImportReport.

    All or nothing by default: when a row is bad, nothing is written. `skip_invalid`
    imports the good rows and reports the bad ones; `dry_run` writes nothing and reports
    what the import would do. Raises ShopFileError when the file itself is unusable."""
    columns, records = read_records(decode(data))
    report = ImportReport(dry_run=dry_run)
    report.ignored_columns = [name for name in columns if name and name not in COLUMNS]
    rows, report.problems = clean_records(records, columns)
    if report.problems and not skip_invalid:
        return report
    with transaction.atomic():
        _upsert(rows, report, write=not dry_run)
        if report.problems and not skip_invalid:
            # A row the checks let through failed on saving: keep the promise of all or
            # nothing.
            transaction.set_rollback(True)
            report.created, report.updated, report.unchanged = [], [], []
            report.new_categories, report.new_districts, report.new_services = [], [], []
            return report
    report.written = not dry_run and bool(report.created or report.updated)
    return report


# --- Export ------------------------------------------------------------------------


def exported_shops():
    """Every live shop, with what the CSV and the open data read, in a fixed number of
    queries."""
    return (
        ShopPage.objects.live()
        .select_related("category", "district")
        .prefetch_related("services", "tags", "opening_hours")
        .order_by("title", "pk")
    )


def weekly_hours(shop):
    return sorted(
        (
            row.weekday,
            row.opens.replace(second=0, microsecond=0),
            row.closes.replace(second=0, microsecond=0),
        )
        for row in shop.opening_hours.all()
    )


def service_names(shop):
    return sorted(service.name for service in shop.services.all())


def tag_names(shop):
    return sorted(tag.name for tag in shop.tags.all())


def _number(value):
    return "" if value is None else repr(value)


def shop_record(shop):
    """{column: text} of one shop, as the CSV holds it."""
    return {
        "reference": shop.reference or shop.slug,
        "name": shop.title,
        "short_description": shop.short_description,
        "description": without_block_keys(shop.description),
        "category": shop.category.name if shop.category_id else "",
        "district": shop.district.name if shop.district_id else "",
        "street": shop.street,
        "postcode": shop.postcode,
        "locality": shop.locality,
        "latitude": _number(shop.latitude),
        "longitude": _number(shop.longitude),
        "phone": shop.phone,
        "email": shop.email,
        **{column: getattr(shop, column) for column in URL_COLUMNS},
        "services": LIST_SEPARATOR.join(service_names(shop)),
        "tags": LIST_SEPARATOR.join(tag_names(shop)),
        "opening_hours": format_opening_hours(weekly_hours(shop)),
        "hours_confirmed_on": shop.hours_confirmed_on.isoformat()
        if shop.hours_confirmed_on
        else "",
    }


def write_csv(shops, stream):
    """Write `shops` to the text `stream` as CSV (comma-separated, header first) and
    return how many were written."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    written = 0
    for shop in shops:
        writer.writerow(shop_record(shop))
        written += 1
    return written
