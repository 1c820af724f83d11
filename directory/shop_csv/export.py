"""The shops out as CSV: `export_shops` and the open data (`/commerces/donnees.csv`).

Every text cell goes through `core.spreadsheet.safe_cell`, so a shop named
`=HYPERLINK(…)` opens in a spreadsheet as text, not as a formula; the import takes the
escaping apostrophe off again (`reading.read_records`), so an export imported back
changes nothing."""

import csv

from core.clock import today
from core.spreadsheet import safe_cell
from directory.models import ShopPage, Weekday
from directory.osm_hours import DatedHours, format_opening_hours
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
        .prefetch_related("services", "tags", "opening_hours", "special_hours")
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


def holiday_hours(shop):
    """The shop's "jours fériés" rows, as (weekday, opens, closes)."""
    return [row for row in weekly_hours(shop) if row[0] == Weekday.PUBLIC_HOLIDAY]


def _minute(moment):
    return moment.replace(second=0, microsecond=0)


def dated_hours(shop, day):
    """The shop's special hours not over by `day`, as DatedHours (rows sharing their
    dates and label together), in date order."""
    periods = {}
    for row in shop.special_hours.all():
        if row.end_date < day:
            continue
        key = (row.start_date, row.end_date, row.label)
        closed, ranges = periods.get(key, (False, []))
        if row.closed or row.opens is None or row.closes is None:
            closed = True
        else:
            ranges.append((_minute(row.opens), _minute(row.closes)))
        periods[key] = (closed, ranges)
    return [
        DatedHours(start, end, label, closed, () if closed else tuple(sorted(ranges)))
        for (start, end, label), (closed, ranges) in sorted(periods.items())
    ]


def opening_hours_text(shop, day=None):
    """The shop's hours in OSM form: weekly, public holidays, special hours to come."""
    return format_opening_hours(
        weekly_hours(shop), shop.public_holidays, dated_hours(shop, day or today())
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
        "opening_hours": opening_hours_text(shop),
        "hours_confirmed_on": shop.hours_confirmed_on.isoformat()
        if shop.hours_confirmed_on
        else "",
    }


def write_csv(shops, stream, *, page_url=None):
    """Write `shops` to the text `stream` as CSV (comma-separated, header first, cells
    safe to open in a spreadsheet) and return how many were written. `page_url(shop)`,
    when given, fills a last column `url` with the shop's public page (the open data);
    the import ignores that column."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS + (("url",) if page_url else ()))
    writer.writeheader()
    written = 0
    for shop in shops:
        record = shop_record(shop)
        if page_url:
            record["url"] = page_url(shop)
        writer.writerow(
            {
                column: text if column in NUMBER_COLUMNS else safe_cell(text)
                for column, text in record.items()
            }
        )
        written += 1
    return written
