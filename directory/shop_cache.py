"""What a shop page shows that only changes when the site's content does, kept in the
cache per shop.

Loading a shop's category, district, logo, services, photos and their renditions, its
hours, its parent (for the breadcrumb) and its five nearest shops with their hours takes
seven queries and most of the page's time. None of it depends on the moment or on the
request, so it is cached (as the rows themselves, not as HTML) and dropped whenever a
page is published, unpublished, moved or deleted, or a shop, its rows, a category,
district, service, image or site changes. Every shop's entry goes at once (a new
"generation" in the keys): a shop's neighbours are other shops, so one publication can
change many pages (the directory's cards, directory.cards, share the generation). Like
the site's other caches, an entry is read again after STALE_AFTER, for changes made
where the signals do not reach (another process).

What depends on the moment is worked out from these rows when the page is rendered: open
or closed (the shop's and its neighbours'), the week's "today", the special hours still
ahead, the JSON-LD, with the current offers and the stories that feature the shop.

The rendered page itself is then kept too, for the visitors who all see the same page
(anonymous, no query string, not a preview: `page_is_cacheable`), until the first of:
the moment anything on it changes with the time alone (`shop_hours.unchanged_until`:
the shop or a neighbour opens or closes, or midnight), STALE_AFTER, or a change to the
content (the same generation as the snapshots; its key also holds the shop's
`last_published_at` and `numchild`, so a shop edited or given a new offer anywhere shows
at once even where the signals do not reach). Routing, the page's view restrictions and
the checks before serving still run at every request: only the rendering is saved.
"""

import hashlib
from dataclasses import dataclass
from uuid import uuid4

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.translation import get_language
from wagtail.models import Page

from vitrine.caching import STALE_AFTER

GENERATION_KEY = "vitrine:shop-pages:generation"
SNAPSHOT_KEY = "vitrine:shop-page:{generation}:{pk}:{published}"
PAGE_KEY = "vitrine:shop-page-html:{generation}:{pk}:{published}:{children}:{request}"


@dataclass
class ShopSnapshot:
    category: object
    district: object
    logo: object
    services: list
    photos: list
    opening_hours: list
    special_hours: list
    parent_title: str
    parent_url_path: str
    nearby: list  # ShopPage, each with `distance`, category, district and its hours

    @classmethod
    def of(cls, shop, nearby):
        """The snapshot of a shop loaded by shop_details.load_shop_details, with its
        hours and its `nearby` shops (hours included)."""
        return cls(
            category=shop.category,
            district=shop.district,
            logo=shop.logo,
            services=list(shop.services.all()),
            photos=[copy_row(photo, image=photo.image) for photo in shop.photos.all()],
            opening_hours=[copy_row(row) for row in shop.opening_hours.all()],
            special_hours=[copy_row(row) for row in shop.special_hours.all()],
            parent_title=shop.parent_link.title,
            parent_url_path=shop.parent_link.url_path,
            nearby=[_nearby_copy(other) for other in nearby],
        )

    def apply_to(self, shop):
        """Give `shop` what load_shop_details and the hours' prefetch would have."""
        shop.category, shop.district, shop.logo = self.category, self.district, self.logo
        shop.parent_link = Page(title=self.parent_title, url_path=self.parent_url_path)
        # In-memory child relations, as a preview has: `.all()` reads them, no query.
        shop.services = self.services
        shop.photos = self.photos
        shop.opening_hours = self.opening_hours
        shop.special_hours = self.special_hours


def copy_row(row, **related):
    """A copy of `row` with only its own fields (and `related` objects): the original
    may hold its shop in its cache, and pickled it would take the whole page along."""
    fields = {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}
    copy = type(row)(**fields)
    for name, value in related.items():
        setattr(copy, name, value)
    return copy


def _nearby_copy(shop):
    copy = copy_row(shop, category=shop.category, district=shop.district)
    copy.distance = shop.distance
    copy.opening_hours = [copy_row(row) for row in shop.opening_hours.all()]
    copy.special_hours = [copy_row(row) for row in shop.special_hours.all()]
    return copy


def generation():
    """The content generation: part of every key here and in directory.cards."""
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, uuid4().hex, timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def _key(shop):
    published = shop.last_published_at.timestamp() if shop.last_published_at else ""
    return SNAPSHOT_KEY.format(generation=generation(), pk=shop.pk, published=published)


def cached_snapshot(shop):
    return cache.get(_key(shop))


def keep_snapshot(shop, nearby):
    # Signals only reach this process: kept no longer than what else the site caches.
    cache.set(_key(shop), ShopSnapshot.of(shop, nearby), timeout=STALE_AFTER)


def page_is_cacheable(request):
    """Whether `request` gets the page every visitor gets: a plain GET (or HEAD) of the
    page's own URL by an anonymous visitor, not a preview. A query string is left to the
    full rendering rather than trusted to change nothing."""
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and not getattr(request, "is_preview", False)
        and not request.user.is_authenticated
    )


def page_key(shop, request):
    # The page's absolute URLs (canonical, OpenGraph) come from the scheme and host
    # it was asked for; the host is one ALLOWED_HOSTS accepted.
    origin = f"{request.scheme}://{request.get_host()}:{get_language()}"
    return PAGE_KEY.format(
        generation=generation(),
        pk=shop.pk,
        published=shop.last_published_at.timestamp() if shop.last_published_at else "",
        children=shop.numchild,
        request=hashlib.sha256(origin.encode()).hexdigest()[:16],
    )


def cached_page(key):
    """The page's HTML (bytes) kept under `key` if it is still true now, or None."""
    kept = cache.get(key)
    if kept is None:
        return None
    unchanged_until, content = kept
    # Checked here too, not only left to the cache's expiry: the site's clock decides.
    return content if timezone.now() < unchanged_until else None


def keep_page(key, content, unchanged_until):
    """Keep the rendered page (`content`, bytes) until `unchanged_until` (an aware
    datetime), and no longer than the site's other cached entries."""
    seconds = (unchanged_until - timezone.now()).total_seconds()
    if seconds >= 1:
        timeout = min(STALE_AFTER, int(seconds))
        cache.set(key, (unchanged_until, content), timeout=timeout)


def forget_shop_pages(**kwargs):
    """Drop every shop's snapshot and page (signal receiver): the next read starts a
    generation. An extension point too: an app above the directory whose model changes
    what a shop page shows connects this to that model's post_save and post_delete in
    its AppConfig.ready()."""
    cache.delete(GENERATION_KEY)


def connect():
    from wagtail.images import get_image_model
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from directory.models import (
        Category,
        District,
        OpeningHours,
        Service,
        ShopPage,
        ShopPhoto,
        SpecialHours,
    )

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_shop_pages, dispatch_uid=f"forget_shop_pages_{id(signal)}")
    # A deleted page of any type deletes its Page row too.
    post_delete.connect(forget_shop_pages, sender=Page, dispatch_uid="forget_shop_pages_page")
    from home.models import SiteSettings

    image_model = get_image_model()
    changing = (ShopPage, OpeningHours, SpecialHours, ShopPhoto, Category, District, Service)
    # What the rendered page also shows: a story or offer made private drops out, the
    # site settings (name, map tiles...). The apps above connect their own models that
    # change the page to forget_shop_pages (insights: whether the counting script is
    # included).
    changing += (PageViewRestriction, SiteSettings)
    # A new rendition too: the snapshot's images carry the renditions they had, and one
    # made since (on the first visit) would otherwise be looked up again at each visit.
    for model in (*changing, image_model, image_model.get_rendition_model(), Site):
        for signal in (post_save, post_delete):
            signal.connect(
                forget_shop_pages,
                sender=model,
                dispatch_uid=f"forget_shop_pages_{model.__name__}_{id(signal)}",
            )
