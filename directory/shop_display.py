"""What the shop page shows, computed from a shop and a moment: the week's hours, the
special hours ahead, the nearest shops, the breadcrumb. Plain functions, so that
`ShopPage.get_context` only assembles and tests can call them without a request."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Subquery, prefetch_related_objects
from wagtail.models import Page, Site

from core import clock, tree
from core.clock import BRUSSELS, local_time
from core.images import responsive_image
from directory import shop_cache
from directory.geo import directions_url, format_distance, nearest_shops
from directory.hours import (
    has_hours,
    next_change,
    ranges_starting_on,
    special_hours_on,
    status_line,
    week_of,
)

# How far ahead the page announces special hours (holidays, braderie...).
SPECIAL_HOURS_AHEAD_DAYS = 60
NEARBY_COUNT = 5


def load_shop_details(shop, other_images=()):
    """Load what the page shows of `shop` itself in a fixed number of queries, however
    many photos and services it has: category, district, logo and the parent page's
    title and URL path (for the breadcrumb) in one query, then one query each for the
    services, the photos and the renditions of all its images and of `other_images`
    (its offers' pictures). (The hours are loaded with the nearby shops' ones, see
    shop_page_context.)"""
    from directory.models import ShopPage, ShopPhoto

    parent = Page.objects.filter(path=tree.parent_path(shop.path))
    details = (
        ShopPage.objects.filter(pk=shop.pk)
        .select_related("category", "district", "logo")
        .only("category", "district", "logo")
        .annotate(
            parent_title=Subquery(parent.values("title")[:1]),
            parent_url_path=Subquery(parent.values("url_path")[:1]),
        )
        .get()
    )
    shop.category, shop.district, shop.logo = details.category, details.district, details.logo
    shop.parent_link = Page(title=details.parent_title, url_path=details.parent_url_path)
    prefetch_related_objects(
        [shop],
        "services",
        Prefetch("photos", queryset=ShopPhoto.objects.select_related("image")),
    )
    prefetch_related_objects([*images_of(shop), *other_images], "renditions")


def load_shop_and_nearby(shop, offer_images):
    """Load the shop's details and hours and return its nearby shops (hours loaded),
    from the cache when they are there (shop_cache), else in seven queries (and keep
    them). The renditions of the offers' images are not cached: offers change daily."""
    snapshot = shop_cache.cached_snapshot(shop)
    if snapshot is not None:
        snapshot.apply_to(shop)
        prefetch_related_objects(offer_images, "renditions")
        return snapshot.nearby
    load_shop_details(shop, other_images=offer_images)
    nearby = nearest_public_shops(shop)
    # The nearby shops' hours come with the shop's own, in the same two queries.
    prefetch_related_objects([shop, *nearby], "opening_hours", "special_hours")
    shop_cache.keep_snapshot(shop, nearby)
    return nearby


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


def unchanged_until(shops, now):
    """The first moment after `now` at which the page of a shop, showing `shops` (itself
    and its neighbours) at `now`, may read differently: one of them opens or closes, or
    it is midnight in Brussels (today's row of the week, the special hours ahead, the
    current offers, "demain" and weekday names in the status lines). An aware datetime."""
    local = local_time(now)
    moments = [datetime.combine(local.date() + timedelta(days=1), time.min)]
    for shop in shops:
        changes_at = next_change(shop, now).changes_at
        if changes_at is not None:
            moments.append(changes_at)
    return min(moments).replace(tzinfo=BRUSSELS)


def tel_href(phone):
    """ "tel:+3281234567" for "+32 81 23 45 67": what a phone dials, without spacing."""
    dialled = "".join(char for char in phone if char.isdigit() or char == "+")
    return f"tel:{dialled}" if dialled else ""


@dataclass(frozen=True)
class NearbyShop:
    shop: object
    distance: str
    status: str


def nearest_public_shops(shop, count=NEARBY_COUNT):
    """The `count` nearest live, public shops, evaluated (one query)."""
    return list(nearest_shops(shop, count))


def nearby_shops(shops, now):
    """The nearby `shops` (with their hours loaded) as their distance and open/closed line."""
    return [
        NearbyShop(
            shop=other, distance=format_distance(other.distance), status=status_line(other, now)
        )
        for other in shops
    ]


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str
    full_url: str


def breadcrumb(shop, request):
    """Accueil › Commerces › the shop: the site's home page, the shop's parent (loaded by
    load_shop_details) and the shop, as Crumbs."""
    site = Site.find_for_request(request)
    pages = [site.root_page] if site is not None else []
    pages += [getattr(shop, "parent_link", None) or shop.get_parent(), shop]
    return [Crumb(page.title, page.get_url(request), page.get_full_url(request)) for page in pages]


def images_of(shop):
    """The shop's pictures for sharing and search engines: photos first, then the logo."""
    images = [photo.image for photo in shop.photos.all()]
    if shop.logo is not None:
        images.append(shop.logo)
    return images


def photos_of(shop):
    return [responsive_image(photo.image, photo.alt_text) for photo in shop.photos.all()]


def share_image(shop):
    """The rendition shown when the page is shared (OpenGraph), or None."""
    images = images_of(shop)
    if not images:
        return None
    return images[0].get_rendition("fill-1200x630|format-jpeg")


def shop_page_context(shop, request, now, *, preview=False):
    """Everything the shop page template shows, for `shop` seen at `now`. A preview
    shows the editor's unsaved hours and photos, which loading from the database would
    replace, so only the nearby shops are loaded then."""
    from core.structured_data import json_ld_script
    from directory.structured_data import shop_json_ld
    from offers.feed import shop_offer_cards, shop_offers
    from offers.structured_data import offer_json_ld

    today = clock.today(now)
    # A preview has no saved tree position for a new shop, hence no offers yet.
    offers = shop_offers(shop, today) if shop.pk and shop.path else []
    offer_images = [offer.image for offer in offers if offer.image is not None]
    if preview:
        nearby = nearest_public_shops(shop)
        prefetch_related_objects(nearby, "opening_hours", "special_hours")
        prefetch_related_objects(offer_images, "renditions")
    else:
        nearby = load_shop_and_nearby(shop, offer_images)
    page_url = shop.get_full_url(request)
    og_image = share_image(shop)
    og_image_url = request.build_absolute_uri(og_image.url) if og_image else ""
    trail = breadcrumb(shop, request)
    structured_data = shop_json_ld(
        shop,
        page_url=page_url,
        today=today,
        image_urls=[og_image_url] if og_image_url else [],
        breadcrumb=[(crumb.title, crumb.full_url) for crumb in trail],
        offers=[
            offer_json_ld(offer, offer_url=offer.get_full_url(request), shop_url=page_url)
            for offer in offers
        ],
    )
    return {
        "status": status_line(shop, now),
        "has_hours": has_hours(shop),
        "week": week_table(shop, today),
        "special_periods": upcoming_special_hours(shop, today),
        "directions_url": directions_url(shop.location) if shop.location else "",
        "tel_href": tel_href(shop.phone),
        "nearby": nearby_shops(nearby, now),
        "breadcrumb": trail,
        "page_url": page_url,
        "photos": photos_of(shop),
        "og_image": og_image,
        "og_image_url": og_image_url,
        "structured_data": json_ld_script(structured_data),
        "offers": shop_offer_cards(shop, offers, today),
        # How long the rendered page stays true (shop_cache.keep_page).
        "unchanged_until": unchanged_until([shop, *nearby], now),
    }
