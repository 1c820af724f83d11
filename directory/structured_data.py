"""schema.org JSON-LD for a shop page: the shop as a LocalBusiness (or the subtype its
category names) and the page's breadcrumb, so that search engines show its address,
position and hours.

See https://schema.org/LocalBusiness and https://schema.org/OpeningHoursSpecification.
"""

from datetime import time, timedelta

from core.phone import e164
from core.structured_data import breadcrumb_list, without_empty
from directory.models import SchemaType, Weekday
from directory.shop_hours import (
    SPECIAL_HOURS_AHEAD_DAYS,
    upcoming_holidays,
    upcoming_opening_days,
)

DAYS_OF_WEEK = [
    "https://schema.org/Monday",
    "https://schema.org/Tuesday",
    "https://schema.org/Wednesday",
    "https://schema.org/Thursday",
    "https://schema.org/Friday",
    "https://schema.org/Saturday",
    "https://schema.org/Sunday",
]
# schema.org's way of saying "closed all day" in an OpeningHoursSpecification.
CLOSED_ALL_DAY = {"opens": "00:00", "closes": "00:00"}
# Google's documented way of saying "open all day": 00:00 to 23:59 (00:00 to 00:00
# would read as closed).
OPEN_ALL_DAY = {"opens": "00:00", "closes": "23:59"}
_MIDNIGHT = time(0, 0)


def _clock(value):
    return f"{value:%H:%M}"


def _hours(opens, closes):
    """The opens/closes members of a range; a whole day from midnight is 00:00–23:59."""
    if opens == closes == _MIDNIGHT:
        return dict(OPEN_ALL_DAY)
    return {"opens": _clock(opens), "closes": _clock(closes)}


def weekly_hours_specification(shop):
    """One OpeningHoursSpecification per distinct range, listing the days it applies to
    (Monday to Friday 09:00–18:00 is one entry). A range ending after midnight keeps a
    closing time before its opening time, which schema.org reads as the next day."""
    days_by_range = {}
    for row in sorted(shop.opening_hours.all(), key=lambda row: (row.weekday, row.opens)):
        # The "jours fériés" rows are dated, in the special hours (below).
        if row.weekday != Weekday.PUBLIC_HOLIDAY:
            days_by_range.setdefault((row.opens, row.closes), []).append(row.weekday)
    return [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": [DAYS_OF_WEEK[weekday] for weekday in weekdays],
            **_hours(opens, closes),
        }
        for (opens, closes), weekdays in sorted(
            days_by_range.items(), key=lambda item: (item[1][0], item[0][0])
        )
    ]


def special_hours_specification(shop, today):
    """The special hours not over by `today`, each valid over its dates, then the
    opening days the shop joined and the public holidays of the coming
    SPECIAL_HOURS_AHEAD_DAYS on which the shop's hours differ from an ordinary day's
    (shop_hours.upcoming_opening_days and upcoming_holidays), each valid on its date; a
    closed period opens and closes at 00:00, as Google documents."""
    specifications = []
    rows = sorted(shop.special_hours.all(), key=lambda row: (row.start_date, row.opens or 0))
    for row in rows:
        if row.end_date < today:
            continue
        hours = (
            CLOSED_ALL_DAY
            if row.closed or row.opens is None or row.closes is None
            else _hours(row.opens, row.closes)
        )
        specifications.append(
            {
                "@type": "OpeningHoursSpecification",
                **without_empty({"name": row.label}),
                "validFrom": row.start_date.isoformat(),
                "validThrough": row.end_date.isoformat(),
                **hours,
            }
        )
    horizon = today + timedelta(days=SPECIAL_HOURS_AHEAD_DAYS)
    dated_periods = sorted(
        upcoming_opening_days(shop, today, horizon) + upcoming_holidays(shop, today, horizon),
        key=lambda period: period.start_date,
    )
    for period in dated_periods:
        dated = {
            "@type": "OpeningHoursSpecification",
            "name": period.label,
            "validFrom": period.start_date.isoformat(),
            "validThrough": period.end_date.isoformat(),
        }
        if period.closed:
            specifications.append({**dated, **CLOSED_ALL_DAY})
        specifications.extend({**dated, **_hours(*pair)} for pair in period.pairs)
    return specifications


def business_summary(shop, page_url):
    """What names and places a shop wherever it appears (its own page, an offer's
    seller): its type, @id (the shop page's URL + "#commerce"), name, address, telephone
    (E.164), price range and position."""
    business = {
        "@type": shop.category.schema_type if shop.category else SchemaType.LOCAL_BUSINESS,
        "@id": f"{page_url}#commerce",
        "name": shop.title,
        "url": page_url,
        "address": without_empty(
            {
                "@type": "PostalAddress",
                "streetAddress": shop.street,
                "postalCode": shop.postcode,
                "addressLocality": shop.locality,
                "addressCountry": "BE",
            }
        ),
        "telephone": e164(shop.phone),
        "priceRange": shop.price_range,
    }
    if shop.location is not None:
        business["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": shop.latitude,
            "longitude": shop.longitude,
        }
    return without_empty(business)


def shop_json_ld(shop, *, page_url, today, image_urls=(), breadcrumb=(), extra=None):
    """The JSON-LD document of a shop page: the business and the breadcrumb.

    `page_url` is the page's absolute URL, `image_urls` absolute image URLs,
    `breadcrumb` (title, absolute URL) pairs from the home page down to the shop and
    `extra` more properties of the business from the page's panels (its current offers'
    "makesOffer", directory.extension_points.SHOP_PAGE_PANELS).
    """
    business = {
        **business_summary(shop, page_url),
        "description": shop.short_description,
        "email": shop.email,
        "image": list(image_urls),
        "sameAs": [url for url in (shop.website, shop.facebook_url, shop.instagram_url) if url],
        "openingHoursSpecification": weekly_hours_specification(shop)
        + special_hours_specification(shop, today),
        **(extra or {}),
    }
    graph = [without_empty(business)]
    if breadcrumb:
        graph.append(breadcrumb_list(breadcrumb))
    return {"@context": "https://schema.org", "@graph": graph}
