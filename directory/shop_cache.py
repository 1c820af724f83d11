"""What a shop page shows that only changes when the site's content does, kept in the
cache per shop.

Loading a shop's category, district, logo, services, photos and their renditions, its
hours, its parent (for the breadcrumb) and its five nearest shops with their hours takes
seven queries and most of the page's time. None of it depends on the moment or on the
request, so it is cached (as the rows themselves, not as HTML) and dropped whenever a
page is published, unpublished, moved or deleted, or a shop, its rows, a category,
district, service, image or site changes (the apps register what drops it with
core.caching, under SHOP_PAGES). Every shop's entry goes at once (a new generation of
SHOP_PAGES in the keys): a shop's neighbours are other shops, so one publication can
change many pages (the directory's cards, directory.cards, share the generation). A new
rendition of a picture only drops the snapshots of the shops showing it. Like the
site's other caches, an entry is read again after STALE_AFTER, for changes made where
the signals do not reach (another process).

What depends on the moment is worked out from these rows when the page is rendered: open
or closed (the shop's and its neighbours'), the week's "today", the special hours still
ahead, the JSON-LD, with the current offers and the stories that feature the shop. The
rendered page is then kept whole by core.page_cache, as every public page is.
"""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page

from core import caching
from core.caching import STALE_AFTER

# The cache entry of every shop page and directory card (core.caching's registry).
SHOP_PAGES = "shop-pages"
GENERATION_KEY = caching.generation_key(SHOP_PAGES)
SNAPSHOT_KEY = "vitrine:shop-page:{generation}:{pk}:{published}"


@dataclass
class ShopSnapshot:
    category: object
    district: object
    logo: object
    services: list
    photos: list
    opening_hours: list
    special_hours: list
    joined_days: tuple
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
            joined_days=tuple(shop.joined_days),
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
        shop.joined_days = self.joined_days


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
    copy.joined_days = tuple(shop.joined_days)
    return copy


def generation():
    """The content generation: part of every key here and in directory.cards."""
    return caching.generation(SHOP_PAGES)


def _snapshot_key(pk, last_published_at):
    published = last_published_at.timestamp() if last_published_at else ""
    return SNAPSHOT_KEY.format(generation=generation(), pk=pk, published=published)


def _key(shop):
    return _snapshot_key(shop.pk, shop.last_published_at)


def cached_snapshot(shop):
    return cache.get(_key(shop))


def keep_snapshot(shop, nearby):
    # Signals only reach this process: kept no longer than what else the site caches.
    cache.set(_key(shop), ShopSnapshot.of(shop, nearby), timeout=STALE_AFTER)


def forget_shop_pages(**kwargs):
    """Drop every shop's snapshot and page (signal receiver): the next read starts a
    generation."""
    caching.new_generation(SHOP_PAGES)


def forget_snapshots_showing(instance, **kwargs):
    """Drop the snapshots of the shops that show the image of the rendition `instance`
    (signal receiver, when one is made): their pictures carry the renditions they had,
    and Wagtail would otherwise look up the new one again at every visit. Only theirs:
    renditions are made at the first visits of every page, and a new generation for
    each would drop every shop's page and card over and over. Pages kept whole
    (core.page_cache) need nothing, having been rendered with the rendition."""
    from directory.models import ShopPage

    image_id = instance.image_id
    shops = (
        ShopPage.objects.filter(Q(logo_id=image_id) | Q(photos__image_id=image_id))
        .values_list("pk", "last_published_at")
        .distinct()
    )
    cache.delete_many([_snapshot_key(pk, published) for pk, published in shops])
