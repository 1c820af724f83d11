"""From the bytes of a spreadsheet's CSV to records: {column: cell} with their line."""

import csv
import io

from django.utils.translation import gettext as _

from core.spreadsheet import text_cell
from directory.shop_csv.columns import REQUIRED_COLUMNS
from directory.shop_csv.report import ShopFileError

# Python's csv module refuses a cell longer than this (`csv.field_size_limit()`, which is
# process-wide, so it is left alone): no shop's description comes near it.
MAX_CELL = 131_072


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


def _unreadable(line, error):
    """The ShopFileError for the csv module's `error` in the record starting on `line`:
    the file cannot be read past it, so it stops the whole file."""
    message = str(error)
    if "field larger than field limit" in message:
        reason = _(
            "une cellule dépasse %(limit)s caractères (un guillemet manque-t-il pour la refermer ?)"
        ) % {"limit": f"{MAX_CELL:,}".replace(",", "\u202f")}
    elif "unexpected end of data" in message:
        reason = _(
            "un guillemet ouvert n'est jamais refermé : la cellule irait jusqu'à la fin du fichier"
        )
    elif "expected after" in message:
        reason = _(
            "un guillemet est suivi d'autre chose qu'un séparateur : dans une cellule entre "
            'guillemets, un guillemet s\'écrit en double ("")'
        )
    else:
        reason = _("ligne illisible (%(error)s)") % {"error": message}
    return ShopFileError(_("Ligne %(line)s : %(reason)s") % {"line": line, "reason": reason})


def read_records(text):
    """(columns, [(line number, {column: cell})]) of a CSV text; blank rows are skipped,
    a record's line number is the line it starts on in the file, and each cell is the
    value `core.spreadsheet.safe_cell` wrote (an export's escaping apostrophe goes).
    Raises ShopFileError naming the line when the csv module cannot read on."""
    header_line = text.lstrip("\r\n").split("\n", 1)[0]
    if not header_line.strip():
        raise ShopFileError(_("Le fichier est vide."))
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=sniff_separator(header_line), strict=True
    )
    try:
        header = next(reader)
    except csv.Error as error:
        raise _unreadable(1, error) from None
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ShopFileError(
            _("Colonnes obligatoires absentes : %(columns)s (colonnes lues : %(found)s).")
            % {"columns": ", ".join(missing), "found": ", ".join(columns)}
        )
    records = []
    last_line = reader.line_num
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise _unreadable(last_line + 1, error) from None
        line, last_line = last_line + 1, reader.line_num
        cells = [text_cell(cell) for cell in cells]
        if not any(cell.strip() for cell in cells):
            continue
        record = {
            column: cell.strip() for column, cell in zip(columns, cells, strict=False) if column
        }
        if len(cells) > len(columns) and any(cell.strip() for cell in cells[len(columns) :]):
            record[None] = cells[len(columns) :]
        records.append((line, record))
    return columns, records
