"""The shops out as CSV: `export_shops` and the open data (`/commerces/donnees.csv`).

Every text cell goes through `core.spreadsheet.safe_cell`, so a shop named
`=HYPERLINK(…)` opens in a spreadsheet as text, not as a formula; the import takes the
escaping apostrophe off again (`reading.read_records`), so an export imported back
changes nothing."""

import csv

from core.spreadsheet import safe_cell
from directory.models import ShopPage
from directory.osm_hours import format_opening_hours
from directory.shop_csv.checking import without_block_keys
from directory.shop_csv.columns import COLUMNS, LIST_SEPARATOR, URL_COLUMNS

# Numbers, written by `repr`: a negative longitude is not a formula.
NUMBER_COLUMNS = ("latitude", "longitude")


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
    """Write `shops` to the text `stream` as CSV (comma-separated, header first, cells
    safe to open in a spreadsheet) and return how many were written."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS)
    writer.writeheader()
    written = 0
    for shop in shops:
        writer.writerow(
            {
                column: text if column in NUMBER_COLUMNS else safe_cell(text)
                for column, text in shop_record(shop).items()
            }
        )
        written += 1
    return written
