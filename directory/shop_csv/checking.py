"""From records to checked rows: each cell cleaned to what the shop's field holds, or
the reasons, in French, why it cannot be (`Ligne N : …`)."""

import math
import re
import threading
import unicodedata
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext as _
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from core.clock import today
from directory.models import ShopPage
from directory.osm_hours import read_opening_hours
from directory.shop_csv.columns import (
    COLUMNS,
    FIELD_NAMES,
    LIST_SEPARATOR,
    MULTILINE_COLUMNS,
    URL_COLUMNS,
)
from directory.shop_csv.report import RowProblem, ShopRow

_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# Wagtail's editor adds a random key to each block; it says nothing about the content.
_BLOCK_KEY = re.compile(r' data-block-key="[^"]*"')
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_OPEN_VOID_TAG = re.compile(r"<(br|hr)\s*>", re.IGNORECASE)
_LINE_BREAK = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]")
# Control characters no text of a shop holds (tab and line breaks are dealt with apart).
# PostgreSQL refuses a NUL in text; SQLite would store it and serve it back raw.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


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
            cell = _check_characters(column, record.get(column, ""))
            values[column] = _CLEANERS.get(column, _clean_text)(column, cell)
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


def _check_characters(column, value):
    """`value` unless it holds what no cell of its column may: a control character (a NUL
    byte most of all), a line break outside the description (Alt+Enter in a spreadsheet
    cell) or HTML outside the description."""
    control = _CONTROL.search(value)
    if control:
        if control[0] == "\x00":
            raise ValueError(
                _("« %(column)s » contient un caractère nul (octet 0)") % {"column": column}
            )
        raise ValueError(
            _("« %(column)s » contient un caractère de contrôle (U+%(code)04X)")
            % {"column": column, "code": ord(control[0])}
        )
    if column in MULTILINE_COLUMNS:
        return value
    if _LINE_BREAK.search(value):
        raise ValueError(
            _(
                "« %(column)s » contient un retour à la ligne (Alt+Entrée dans le tableur ?) : "
                "cette colonne tient sur une ligne"
            )
            % {"column": column}
        )
    tag = _HTML_TAG.search(value)
    if tag:
        raise ValueError(
            _(
                "« %(column)s » contient une balise HTML (« %(tag)s ») : seule la description "
                "peut être mise en forme"
            )
            % {"column": column, "tag": tag[0]}
        )
    return value


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


def _clean_name(column, value):
    """The shop's name: its address is made from it (`slug_for`), so it needs at least
    a letter or a digit, in any script ("日本" is a name, "!!!" or "€€€" is not)."""
    value = _clean_required(column, value)
    if not any(unicodedata.category(character)[0] in "LN" for character in value):
        raise ValueError(
            _("« %(column)s » ne contient ni lettre ni chiffre : « %(value)s »")
            % {"column": column, "value": value}
        )
    return value


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
    return read_opening_hours(value, today())


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
    "name": _clean_name,
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
    its editor allows, so an imported description looks like a typed one. In plain text a
    blank line starts a paragraph and a single line break stays one (`<br>`), as the
    spreadsheet showed it; HTML's `<br>` stays a line break in its paragraph, which is what
    Wagtail's editor makes of Shift+Enter."""
    if not value:
        return ""
    html = value if _HTML_TAG.search(value) else linebreaks(escape(value))
    # Wagtail's HTML reader wants void elements closed ("<br/>"); spreadsheets and
    # Django's linebreaks write "<br>".
    html = _OPEN_VOID_TAG.sub(r"<\1/>", html)
    converter = _description_converter()
    try:
        return converter.to_database_format(converter.from_database_format(html))
    except Exception:
        # The reader asserts on tags it cannot pair ("<b><i></b>"): bad input, not a bug.
        raise ValueError(
            _("« description » : HTML mal formé (une balise n'est pas refermée ?)")
        ) from None


_converters = threading.local()


def _description_converter():
    """The description's converter, made once per thread: building one reads every
    feature's rules (a sixth of the time a row takes to check), and one must not serve
    two threads at once (it keeps the HTML being read)."""
    try:
        return _converters.description
    except AttributeError:
        _converters.description = ContentstateConverter(
            ShopPage._meta.get_field("description").features
        )
        return _converters.description


def without_block_keys(html):
    return _BLOCK_KEY.sub("", html or "")
