"""The shops as CSV: the file city staff import (`import_shops`), export (`export_shops`)
and the open data (`/commerces/donnees.csv`) all share one format.

One row per shop; the first row names the columns (`COLUMNS`, any order). `reference`,
`name`, `category`, `latitude` and `longitude` are required; any other column may be left
out, and an import then leaves that field of existing shops as it is. `services` and
`tags` are lists separated by "|"; `opening_hours` is written the OpenStreetMap way
(`directory.osm_hours`), with the public-holiday rule (`PH off`) and the special hours
to come (`2026 Dec 24 09:00-12:00`). Files come from spreadsheets: comma or semicolon separators,
UTF-8 with or without BOM or Windows-1252, decimal commas in coordinates, dates as
2026-03-01 or 01/03/2026 are all read.

The import is an upsert on `reference` (a shop without one is matched by its slug, which
is what the export writes for it): new shops are published under the DirectoryPage,
changed shops get a new published revision, unchanged ones are left alone, so importing
the same file twice changes nothing. Every row is checked before anything is written.

One module per step: `reading` (bytes to records), `checking` (records to clean rows),
`writing` (rows to pages, in batches), `export` (pages to CSV); `report` says what
happened, in French.
"""

from directory.shop_csv.columns import COLUMNS
from directory.shop_csv.export import (
    dated_hours,
    exported_shops,
    holiday_hours,
    opening_hours_text,
    service_names,
    shop_record,
    tag_names,
    weekly_hours,
    write_csv,
)
from directory.shop_csv.reading import read_records
from directory.shop_csv.report import ImportReport, ShopFileError
from directory.shop_csv.writing import import_shops

__all__ = [
    "COLUMNS",
    "ImportReport",
    "ShopFileError",
    "dated_hours",
    "exported_shops",
    "holiday_hours",
    "import_shops",
    "opening_hours_text",
    "read_records",
    "service_names",
    "shop_record",
    "tag_names",
    "weekly_hours",
    "write_csv",
]
