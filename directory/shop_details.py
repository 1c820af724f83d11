"""What the shop page loads and shows of the shop itself and its neighbours: its
details (category, district, logo, services, photos, parent) in a fixed number of
queries or from the cache (directory.shop_cache), its pictures, its breadcrumb, its
phone link and its nearest shops."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Prefetch, Subquery, prefetch_related_objects
from wagtail.models import Page, Site

from core import clock, front_cache, tree
from core.images import load_renditions, rendition_of, responsive_image, responsive_specs
from core.page_meta import SHARE_FILTER
from directory import shop_cache
from directory.geo import format_distance, nearest_shops
from directory.hours import prefetch_hours, status_line

NEARBY_COUNT = 5
# The logo in the page's header (templates/directory/shop_page.html).
LOGO_PICTURE = "max-160x160"


def load_shop_details(shop):
    """Load what the page shows of `shop` itself in a fixed number of queries, however
    many photos and services it has: category, district, logo and the parent page's
    title and URL path (for the breadcrumb) in one query, then one query each for the
    services and the photos, and the renditions the page shows of its pictures (from
    the cache, else one query). (The hours are loaded with the nearby shops' ones, see
    load_shop_and_nearby.)"""
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
    load_renditions([photo.image for photo in shop.photos.all()], *responsive_specs())
    load_renditions([shop.logo], LOGO_PICTURE)
    load_renditions(images_of(shop)[:1], SHARE_FILTER)


def load_shop_and_nearby(shop):
    """Load the shop's details and hours and return its nearby shops (hours loaded),
    from the cache when they are there (shop_cache), else in seven queries (and keep
    them)."""
    snapshot = shop_cache.cached_snapshot(shop)
    if snapshot is not None:
        snapshot.apply_to(shop)
        return snapshot.nearby
    load_shop_details(shop)
    nearby = nearest_public_shops(shop)
    # The nearby shops' hours come with the shop's own, in the same three queries.
    prefetch_hours([shop, *nearby], joined_from=clock.today() - timedelta(days=7))
    shop_cache.keep_snapshot(shop, nearby)
    return nearby


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
    """The nearby `shops` (with their hours loaded) as their distance and open/closed line.
    Who is near changes with any shop's publication (core.front_cache's NEARBY)."""
    front_cache.shows(front_cache.NEARBY, *(front_cache.page_key(other) for other in shops))
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
    return rendition_of(images[0], SHARE_FILTER)
