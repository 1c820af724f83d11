"""What the shop page shows, computed from a shop and a moment: the week's hours, the
special hours ahead, the nearest shops, the breadcrumb. Plain functions, so that
`ShopPage.get_context` only assembles and tests can call them without a request."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Prefetch, prefetch_related_objects

from directory.geo import directions_url, format_distance, nearest_shops
from directory.hours import (
    has_hours,
    local_time,
    ranges_starting_on,
    special_hours_on,
    status_line,
    week_of,
)

# How far ahead the page announces special hours (holidays, braderie...).
SPECIAL_HOURS_AHEAD_DAYS = 60
NEARBY_COUNT = 5


def prefetch_shop_details(shop):
    """Load in a fixed number of queries everything the page touches on `shop`, however
    many hours, photos, services and tags it has."""
    from directory.models import ShopPhoto

    prefetch_related_objects(
        [shop],
        "category",
        "district",
        "logo",
        "opening_hours",
        "special_hours",
        "services",
        "tags",
        Prefetch("photos", queryset=ShopPhoto.objects.select_related("image")),
    )
    # The renditions of the logo and of every photo, in a single query.
    images = [photo.image for photo in shop.photos.all()]
    if shop.logo is not None:
        images.append(shop.logo)
    prefetch_related_objects(images, "renditions")


def format_range(opening):
    """ "09:00–18:30" for a Range of wall-clock datetimes."""
    return f"{opening.start:%H:%M}–{opening.end:%H:%M}"


@dataclass(frozen=True)
class DayHours:
    day: date
    ranges: list[str]
    is_today: bool
    # The special hours' label ("Congés") when they replace the weekly hours that day.
    special_label: str = ""
    is_special: bool = False


def week_table(shop, today):
    """The Monday-to-Sunday hours of the week holding `today`, special hours applied."""
    rows = []
    for day in week_of(today):
        specials = special_hours_on(shop, day)
        rows.append(
            DayHours(
                day=day,
                ranges=[format_range(opening) for opening in ranges_starting_on(shop, day)],
                is_today=day == today,
                special_label=next((row.label for row in specials if row.label), ""),
                is_special=bool(specials),
            )
        )
    return rows


@dataclass
class SpecialPeriod:
    """Special hours sharing the same dates and label: closed, or one or more ranges."""

    start_date: date
    end_date: date
    label: str
    closed: bool = False
    ranges: list[str] = field(default_factory=list)

    @property
    def is_single_day(self):
        return self.start_date == self.end_date


def upcoming_special_hours(shop, today, days=SPECIAL_HOURS_AHEAD_DAYS):
    """The special hours that are not over and start within `days` of `today`, grouped
    by period, in date order."""
    horizon = today + timedelta(days=days)
    periods = {}
    rows = sorted(
        shop.special_hours.all(), key=lambda row: (row.start_date, row.end_date, row.opens or 0)
    )
    for row in rows:
        if row.end_date < today or row.start_date > horizon:
            continue
        key = (row.start_date, row.end_date, row.label)
        period = periods.setdefault(key, SpecialPeriod(row.start_date, row.end_date, row.label))
        if row.closed:
            period.closed = True
        elif row.opens is not None and row.closes is not None:
            period.ranges.append(f"{row.opens:%H:%M}–{row.closes:%H:%M}")
    for period in periods.values():
        # A closed row wins: that is how the hours logic reads the same rows.
        if period.closed:
            period.ranges = []
    return list(periods.values())


def tel_href(phone):
    """ "tel:+3281234567" for "+32 81 23 45 67": what a phone dials, without spacing."""
    dialled = "".join(char for char in phone if char.isdigit() or char == "+")
    return f"tel:{dialled}" if dialled else ""


@dataclass(frozen=True)
class NearbyShop:
    shop: object
    distance: str
    status: str


def nearby_shops(shop, now, count=NEARBY_COUNT):
    """The `count` nearest other live shops, with their distance and open/closed line."""
    shops = list(nearest_shops(shop, count))
    prefetch_related_objects(shops, "opening_hours", "special_hours")
    return [
        NearbyShop(
            shop=other, distance=format_distance(other.distance), status=status_line(other, now)
        )
        for other in shops
    ]


def breadcrumb(shop):
    """The pages from the site's home page down to `shop`, as (title, page) pairs:
    Accueil › Commerces › the shop."""
    site = shop.get_site()
    if site is None:
        return [(shop.title, shop)]
    ancestors = shop.get_ancestors().filter(depth__gte=site.root_page.depth)
    return [(page.title, page) for page in ancestors] + [(shop.title, shop)]


def images_of(shop):
    """The shop's pictures for sharing and search engines: photos first, then the logo."""
    images = [photo.image for photo in shop.photos.all()]
    if shop.logo is not None:
        images.append(shop.logo)
    return images


def share_image(shop):
    """The rendition shown when the page is shared (OpenGraph), or None."""
    images = images_of(shop)
    if not images:
        return None
    return images[0].get_rendition("fill-1200x630|format-jpeg")


def shop_page_context(shop, request, now):
    """Everything the shop page template shows, for `shop` seen at `now`."""
    from directory.structured_data import json_ld_script, shop_json_ld

    today = local_time(now).date()
    page_url = shop.get_full_url(request)
    og_image = share_image(shop)
    og_image_url = request.build_absolute_uri(og_image.url) if og_image else ""
    trail = breadcrumb(shop)
    structured_data = shop_json_ld(
        shop,
        page_url=page_url,
        today=today,
        image_urls=[og_image_url] if og_image_url else [],
        breadcrumb=[(title, page.get_full_url(request)) for title, page in trail],
    )
    return {
        "status": status_line(shop, now),
        "has_hours": has_hours(shop),
        "week": week_table(shop, today),
        "special_periods": upcoming_special_hours(shop, today),
        "directions_url": directions_url(shop.location) if shop.location else "",
        "tel_href": tel_href(shop.phone),
        "nearby": nearby_shops(shop, now),
        "breadcrumb": trail,
        "page_url": page_url,
        "og_image": og_image,
        "og_image_url": og_image_url,
        "structured_data": json_ld_script(structured_data),
    }
