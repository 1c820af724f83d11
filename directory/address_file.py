"""Loading the city's address register (directory.models.AddressPoint) from the BeSt
Address extract that FPS BOSA publishes for each region, as CSV in a ZIP
(opendata.bosa.be: openaddress-bewal.zip for Wallonia, -bebru for Brussels, -bevlg for
Flanders). Its columns, found by name (their order does not matter):

    EPSG:31370_x, EPSG:31370_y, EPSG:4326_lat, EPSG:4326_lon, address_id, box_number,
    house_number, municipality_id, municipality_name_de, municipality_name_fr,
    municipality_name_nl, postcode, postname_fr, postname_nl, street_id, streetname_de,
    streetname_fr, streetname_nl, region_code, status

Only the WGS 84 point (EPSG:4326_lat/lon), the names and numbers are read. Names are
taken in French first, then Dutch, then German; the street's name in another language is
kept too, for a merchant who types it. Rows whose status is not "current" (retired,
proposed, reserved addresses) are left out.

A region's file has millions of rows: it is read as a stream, and only the rows of the
postcodes or municipalities asked for are kept. The load is all or nothing: a bad row
stops it with its line number, and the register is left as it was; a good file replaces
the whole register.
"""

import csv
import zipfile
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from directory.address_register import leading_number, locality_key, number_key, street_key
from directory.models.address_point import AddressPoint

# The header of the extract, as opendata.bosa.be publishes it.
BEST_ADDRESS_COLUMNS = (
    "EPSG:31370_x",
    "EPSG:31370_y",
    "EPSG:4326_lat",
    "EPSG:4326_lon",
    "address_id",
    "box_number",
    "house_number",
    "municipality_id",
    "municipality_name_de",
    "municipality_name_fr",
    "municipality_name_nl",
    "postcode",
    "postname_fr",
    "postname_nl",
    "street_id",
    "streetname_de",
    "streetname_fr",
    "streetname_nl",
    "region_code",
    "status",
)
LATITUDE = "epsg:4326_lat"
LONGITUDE = "epsg:4326_lon"
REQUIRED_COLUMNS = (LATITUDE, LONGITUDE, "house_number", "postcode")
LANGUAGES = ("fr", "nl", "de")
STREET_COLUMNS = tuple(f"streetname_{language}" for language in LANGUAGES)
MUNICIPALITY_COLUMNS = tuple(f"municipality_name_{language}" for language in LANGUAGES)
POSTNAME_COLUMNS = tuple(f"postname_{language}" for language in LANGUAGES)
# Belgium's extent, with a margin: a point outside it is a file whose columns are swapped
# or not in degrees, not an address of a Belgian city.
LATITUDES = (49.4, 51.6)
LONGITUDES = (2.4, 6.5)
# Rows are written this many at a time: memory stays flat however large the file.
BATCH_SIZE = 2000


class AddressFileError(Exception):
    """A file that cannot be loaded; the message names the line when there is one."""


@dataclass
class LoadReport:
    loaded: int = 0
    other_places: int = 0  # rows of postcodes or municipalities not asked for
    not_current: int = 0  # retired, proposed or reserved addresses

    def lines(self):
        return [
            _("%(count)s adresses chargées dans le registre.") % {"count": self.loaded},
            _("%(count)s lignes d'autres codes postaux ou communes laissées de côté.")
            % {"count": self.other_places},
            _("%(count)s adresses qui ne sont plus (ou pas encore) en usage laissées de côté.")
            % {"count": self.not_current},
        ]


def _decoded_lines(binary):
    """The text lines of a binary stream, UTF-8 (a BOM is dropped), naming the line that
    is not."""
    for line_number, raw in enumerate(binary, start=1):
        try:
            yield raw.decode("utf-8-sig" if line_number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise AddressFileError(
                _("Ligne %(line)s : le texte n'est pas en UTF-8 (l'extrait BeSt l'est).")
                % {"line": line_number}
            ) from None


def _first(record, columns):
    return next((record[c] for c in columns if record.get(c)), "")


def _coordinate(record, column, bounds, line):
    value = record.get(column, "")
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise AddressFileError(
            _("Ligne %(line)s : « %(column)s » n'est pas un nombre : « %(value)s ».")
            % {"line": line, "column": column, "value": value}
        ) from None
    if not bounds[0] <= number <= bounds[1]:
        raise AddressFileError(
            _(
                "Ligne %(line)s : « %(column)s » vaut %(value)s, hors de la Belgique "
                "(colonnes inversées, ou coordonnées qui ne sont pas en degrés ?)."
            )
            % {"line": line, "column": column, "value": value}
        )
    return number


def _address_point(record, line):
    """The AddressPoint of a row, or AddressFileError naming what is wrong with it."""
    streets = [record[c] for c in STREET_COLUMNS if record.get(c)]
    municipality = _first(record, MUNICIPALITY_COLUMNS)
    missing = [
        name
        for name, value in (
            ("house_number", record.get("house_number")),
            ("postcode", record.get("postcode")),
            ("streetname_fr/nl/de", streets),
            ("municipality_name_fr/nl/de", municipality),
        )
        if not value
    ]
    if missing:
        raise AddressFileError(
            _("Ligne %(line)s : %(columns)s vide.") % {"line": line, "columns": ", ".join(missing)}
        )
    keys = [street_key(name) for name in streets]
    other_keys = [key for key in keys[1:] if key != keys[0]]
    house_number = record["house_number"]
    return AddressPoint(
        street=streets[0],
        street_key=keys[0],
        other_street_key=other_keys[0] if other_keys else "",
        house_number=house_number,
        number_key=number_key(house_number),
        number=leading_number(house_number),
        box=record.get("box_number", ""),
        postcode=record["postcode"],
        municipality=municipality,
        municipality_key=locality_key(municipality),
        postname_key=locality_key(_first(record, POSTNAME_COLUMNS)),
        latitude=_coordinate(record, LATITUDE, LATITUDES, line),
        longitude=_coordinate(record, LONGITUDE, LONGITUDES, line),
    )


def _records(binary):
    """(line, {column: cell}) of each non-blank row of the CSV stream, columns in lower
    case. Refuses a file without the columns the register needs."""
    lines = _decoded_lines(binary)
    header_line = next(lines, "")
    if not header_line.strip():
        raise AddressFileError(_("Le fichier est vide."))
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    header = next(csv.reader([header_line], delimiter=delimiter))
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if not any(c in columns for c in STREET_COLUMNS):
        missing.append("streetname_fr")
    if not any(c in columns for c in MUNICIPALITY_COLUMNS):
        missing.append("municipality_name_fr")
    if missing:
        raise AddressFileError(
            _(
                "Ce n'est pas un extrait BeSt Address : colonnes absentes : %(missing)s "
                "(colonnes lues : %(found)s)."
            )
            % {"missing": ", ".join(missing), "found": ", ".join(columns)}
        )
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    line = 1
    while True:
        start = line + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise AddressFileError(
                _("Ligne %(line)s : ligne illisible (%(error)s).") % {"line": start, "error": error}
            ) from None
        # The reader counts from its own first line, the one after the header.
        line = reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(columns):
            raise AddressFileError(
                _("Ligne %(line)s : %(found)s cellules au lieu de %(expected)s.")
                % {"line": start, "found": len(cells), "expected": len(columns)}
            )
        yield start, {column: cell.strip() for column, cell in zip(columns, cells, strict=True)}


def _wanted(record, postcodes, municipalities):
    """Whether the row belongs to the postcodes or municipalities asked for (all rows
    when neither is given)."""
    if not postcodes and not municipalities:
        return True
    if record.get("postcode") in postcodes:
        return True
    return any(locality_key(record.get(c, "")) in municipalities for c in MUNICIPALITY_COLUMNS)


def load_address_register(binary, *, postcodes=(), municipalities=()):
    """Replace the register with the current addresses of the BeSt CSV `binary` stream,
    kept to `postcodes` and `municipalities` (names in any language) when given; returns
    a LoadReport. Raises AddressFileError, and writes nothing, on a bad row or when no
    address is left to load."""
    postcodes = {code.strip() for code in postcodes if code.strip()}
    municipalities = {locality_key(name) for name in municipalities if locality_key(name)}
    report = LoadReport()
    with transaction.atomic():
        AddressPoint.objects.all().delete()
        batch = []
        for line, record in _records(binary):
            if record.get("status", "current").lower() not in ("current", ""):
                report.not_current += 1
                continue
            if not _wanted(record, postcodes, municipalities):
                report.other_places += 1
                continue
            batch.append(_address_point(record, line))
            if len(batch) >= BATCH_SIZE:
                AddressPoint.objects.bulk_create(batch)
                report.loaded += len(batch)
                batch = []
        AddressPoint.objects.bulk_create(batch)
        report.loaded += len(batch)
        if not report.loaded:
            raise AddressFileError(
                _("Aucune adresse en usage de ces codes postaux ou communes dans le fichier.")
            )
    return report


def open_register_file(path):
    """A binary stream of the CSV at `path`, or of the CSV inside the ZIP that BOSA
    publishes (openaddress-bewal.zip holds one CSV), read without unpacking it."""
    if zipfile.is_zipfile(path):
        archive = zipfile.ZipFile(path)
        members = [name for name in archive.namelist() if name.lower().endswith(".csv")]
        if len(members) != 1:
            raise AddressFileError(
                _("L'archive doit contenir un seul fichier CSV (elle en contient %(count)s).")
                % {"count": len(members)}
            )
        return archive.open(members[0])
    return open(path, "rb")
