"""The directory's result cards: one page of results as what each card shows.

A card shows a shop's name, category, district, logo or first photo, its distance, its
open/closed line, the city operations it takes part in and an "Offre en cours" badge
(from the app that owns offers, through
directory.extension_points.SHOPS_WITH_CURRENT_OFFER); on the directory's page, its
address and a call button too (from the shop's row, which the card has already). What
comes from the shop and its pages (its row, its picture's <img>, its hours and whether
it has a current offer) changes only with the content and the day, so it is kept in the
cache per shop, like the shop page's details (directory.shop_cache): under the same
content generation (dropped on any publication, or change of hours, photos, images...),
the shop's last publication and its number of child pages (read for the page's shops in
one query, so a shop republished by another process, or given a new offer page there,
shows at once; a draft offer published there shows after STALE_AFTER, as on the shop
page) and the day (the special hours kept are those that can matter from that day on;
offers start and end on dates), and read again after STALE_AFTER. The shops not in the
cache are loaded together, in four or five queries. What depends on the moment or the
search -- open or closed, the distance -- is worked out at each request.
"""

import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils.translation import get_language
from wagtail.models import Page

from core import clock, front_cache
from core.caching import STALE_AFTER
from core.images import rendition_of
from directory import shop_cache
from directory.choices import directory_choices
from directory.extension_points import shops_with_current_offer
from directory.geo import distance_m, format_distance
from directory.hours import HORIZON_DAYS, hours_of_shops, read_status_line
from directory.models import ShopPage, ShopPhoto
from directory.operations import badges_of_shops
from directory.shop_details import tel_href

# What tells a kept card from a stale one, besides the content generation and the day.
VERSION_FIELDS = ("last_published_at", "numchild")
CARD_KEY = "vitrine:shop-card:3:{generation}:{day}:{pk}:{published}:{children}"
# A card's picture: a square thumbnail of the logo, else of the first photo.
PICTURE_FILTER = "fill-160x160|format-webp"
# The cards this process read from the cache last: {key: CardShop}. Reading one from the
# cache unpickles its page, at each request for each of a page's twenty cards, though
# its key already says what it depends on; kept here, it is read again STALE_AFTER after
# it was loaded, as the cache's own entry is. Emptied when it holds more than
# MAX_KEPT_CARDS (a few pages of results each for many searches).
_kept = {}
MAX_KEPT_CARDS = 2000


@dataclass
class ShopCard:
    """A shop as a result card shows it."""

    shop: ShopPage
    status: str
    distance: str = ""
    has_current_offer: bool = False
    picture: str = ""  # the <img> (safe HTML), or ""
    operations: tuple = ()  # directory.operations.Badge: current or coming operations
    tel_href: str = ""  # the call button's "tel:" link, or ""
    # What the card shows of the shop (its kept rows' key, and when they were loaded):
    # with the status, distance and picture, what the card's HTML depends on, so a
    # page may keep that HTML under them (templates/directory/directory_page.html).
    version: str = ""


@dataclass
class CardShop:
    """What a card shows of a shop that only the content and the day change: the page
    (its own fields), its picture's <img> (loaded lazily, and as the page's first
    picture), its hours (directory.hours.Hours) and whether it has a current offer that
    day."""

    shop: ShopPage
    picture: str
    first_picture: str
    hours: object
    has_current_offer: bool = False
    operations: tuple = ()
    loaded_at: float = 0.0  # time.time() when it was read from the database
    # (language, moment, directory.hours.StatusLine) of the card's status line read last.
    status_line: tuple | None = None


def picture_html(image, *, first=False):
    """A card's <img> of `image` (a shop's logo or photo; "" for None): decorative (the
    shop's name is beside it), loaded lazily, unless it is the `first` picture of the
    list: that one is in the first screen, where a lazy image loads late (and the browser is told to
    fetch it early). Rendered once per shop and kept with its card, where the template's
    {% image %} tag would look up the rendition in the cache, and write it back, for
    every card of every page (a third of a millisecond each)."""
    return card_pictures(image)[1 if first else 0]


def card_pictures(image):
    """(lazy <img>, first card's <img>) of `image`, from one rendition (see picture_html)."""
    if image is None:
        return "", ""
    rendition = rendition_of(image, PICTURE_FILTER)
    return tuple(
        rendition.img_tag({"class": "shop-card__image", **loading, "alt": ""})
        for loading in ({"loading": "lazy"}, {"fetchpriority": "high"})
    )


def shop_cards(ids, query_point, now, versions=None):
    """The cards of the shops `ids` (one result page), in that order. `versions`, when
    the caller has read them with the ids (`VERSION_FIELDS`, {id: (last published,
    number of child pages)}), spare a query."""
    if not ids:
        return []
    today = clock.today(now)
    generation = shop_cache.generation()
    if versions is None:
        versions = {
            pk: (published, children)
            for pk, published, children in Page.objects.filter(pk__in=ids).values_list(
                "pk", *VERSION_FIELDS
            )
        }
    keys = {pk: _key(generation, pk, versions.get(pk), today) for pk in ids}
    card_shops = _cached_card_shops(keys)
    missing = [pk for pk in ids if pk not in card_shops]
    if missing:
        loaded = _load(missing, today)
        cache.set_many({keys[pk]: loaded[pk] for pk in loaded}, timeout=STALE_AFTER)
        _keep({keys[pk]: loaded[pk] for pk in loaded})
        card_shops.update(loaded)
    _with_reference_data(card.shop for card in card_shops.values())
    shown = [pk for pk in ids if pk in card_shops]
    front_cache.shows(*(front_cache.page_key(card_shops[pk].shop) for pk in shown))
    if any(card_shops[pk].operations for pk in shown):
        front_cache.shows(front_cache.OPERATIONS)
    # The first picture of the list is in the first screen: it is not loaded lazily.
    first = next((pk for pk in shown if card_shops[pk].picture), None)
    return [
        ShopCard(
            shop=card_shops[pk].shop,
            status=_status_line(card_shops[pk], now),
            # Twenty distances are cheaper in Python than as an SQL expression to build.
            distance=_distance(query_point, card_shops[pk].shop),
            has_current_offer=card_shops[pk].has_current_offer,
            picture=card_shops[pk].first_picture if pk == first else card_shops[pk].picture,
            operations=card_shops[pk].operations,
            tel_href=tel_href(card_shops[pk].shop.phone),
            version=f"{keys[pk]}:{card_shops[pk].loaded_at}",
        )
        for pk in shown
    ]


def _status_line(card_shop, now):
    """The card's status line at `now` (directory.hours.status_line), read again only
    once it no longer holds: a kept card is shown at every search, and working the line
    out walks the shop's days."""
    language = get_language()  # the line is written in the request's language
    kept = card_shop.status_line
    if kept is not None:
        kept_language, read_at, line = kept
        if kept_language == language and read_at <= now < line.holds_until:
            # As reading it again would say (core.front_cache).
            front_cache.changes_at(line.changes_at)
            return line.text
    line = read_status_line(card_shop.hours, now)
    card_shop.status_line = (language, now, line)
    return line.text


def _cached_card_shops(keys):
    """{id: CardShop} of the shops of `keys` ({id: cache key}) whose card is kept: in this
    process (_kept) or else in the cache."""
    now = time.time()
    card_shops, wanted = {}, {}
    for pk, key in keys.items():
        kept = _kept.get(key)
        if kept is not None and now - kept.loaded_at < STALE_AFTER:
            card_shops[pk] = kept
        else:
            wanted[key] = pk
    if wanted:
        found = cache.get_many(list(wanted))
        _keep(found)
        card_shops.update({wanted[key]: card_shop for key, card_shop in found.items()})
    return card_shops


def _keep(card_shops):
    """Keep `card_shops` ({cache key: CardShop}) in this process (_kept)."""
    if len(_kept) + len(card_shops) > MAX_KEPT_CARDS:
        _kept.clear()
    _kept.update(card_shops)


def _key(generation, pk, version, day):
    published, children = version or (None, "")
    return CARD_KEY.format(
        generation=generation,
        day=day.isoformat(),
        pk=pk,
        published=published.timestamp() if published else "",
        children=children,
    )


def _load(ids, today):
    """{id: CardShop} for `ids`, in seven queries (shops with their logos and holiday
    rules, photos, weekly and special hours, joined opening days, the operations they
    take part in, current offers: only if one of them has child pages), and the
    renditions of the pictures (from Wagtail's cache, or made)."""
    shops = (
        ShopPage.objects.filter(pk__in=ids)
        .select_related("logo")
        .prefetch_related(
            Prefetch(
                "photos", queryset=ShopPhoto.objects.select_related("image").order_by("sort_order")
            )
        )
    )
    shops = list(shops)
    # Only the special hours that can matter for "open now / opens when" on a card.
    hours = hours_of_shops(
        shops, today - timedelta(days=1), today + timedelta(days=HORIZON_DAYS + 1)
    )
    # An offer is a child page of its shop: a shop without any has none to look for.
    with_offer = shops_with_current_offer(shops, today) if any(s.numchild for s in shops) else ()
    badges = badges_of_shops(ids, today)
    pictures = {shop.pk: card_pictures(card_image(shop)) for shop in shops}
    loaded_at = time.time()
    return {
        shop.pk: CardShop(
            shop=shop_cache.copy_row(shop),
            picture=pictures[shop.pk][0],
            first_picture=pictures[shop.pk][1],
            hours=hours[shop.pk],
            has_current_offer=shop.pk in with_offer,
            operations=tuple(badges.get(shop.pk, ())),
            loaded_at=loaded_at,
        )
        for shop in shops
    }


def card_image(shop):
    """The image a card shows: the logo, else the first photo, else None."""
    if shop.logo is not None:
        return shop.logo
    photos = shop.photos.all()
    return photos[0].image if photos else None


def _with_reference_data(shops):
    """Give `shops` their category and district from the cached choices (the filter form
    has them already) rather than joining them in; one missing there, not yet seen by
    the cache, is left to load by itself."""
    choices = directory_choices()
    categories = {category.pk: category for category in choices.categories}
    districts = {district.pk: district for district in choices.districts}
    for shop in shops:
        if shop.category_id in categories:
            shop.category = categories[shop.category_id]
        if shop.district_id in districts:
            shop.district = districts[shop.district_id]


def _distance(point, shop):
    if point is None or shop.location is None:
        return ""
    return format_distance(distance_m(point, shop.location))
