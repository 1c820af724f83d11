"""The shops a story or campaign sends its readers to, as they are at the moment of
reading: open or closed, address, directions, current offer, and their map. Loaded in
bulk (a fixed number of queries however many shops), from the live, public shops only:
a shop taken offline disappears from the stories that featured it."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import OuterRef, Prefetch, Q, Subquery, prefetch_related_objects

from core import front_cache
from core.clock import today
from core.visibility import public_q
from directory.cards import card_image, picture_html
from directory.geo import directions_url
from directory.hours import HORIZON_DAYS, status_line
from directory.models import ShopPage, ShopPhoto, SpecialHours
from directory.opening_days import attach_joined_days
from offers.current import ORDERING as OFFER_ORDERING
from offers.current import current_offers


@dataclass(frozen=True)
class CurrentOffer:
    title: str
    url: str


@dataclass(frozen=True)
class VisitCard:
    """A shop as a story shows it: what components/shop_card.html shows (status, offer
    badge), plus its address, directions and current offer."""

    shop: ShopPage
    status: str
    directions_url: str
    offer: CurrentOffer | None
    distance: str = ""

    @property
    def has_current_offer(self):
        return self.offer is not None

    @property
    def image(self):
        """The card's picture: the logo, else the first photo (None without either)."""
        return card_image(self.shop)

    @property
    def picture(self):
        """The card's <img>, as the directory's cards have it."""
        return picture_html(self.image)


def live_shops(selection, day, **annotations):
    """The live, public shops `selection` (a Q) picks, with what a card shows: category,
    district, logo, photos, hours (only the special hours that can matter for the status
    line, and the opening days they joined) and their newest current offer's title and
    slug, plus `annotations`: four queries, five when a shop has no logo."""
    relevant_special_hours = SpecialHours.objects.filter(
        end_date__gte=day - timedelta(days=1),
        start_date__lte=day + timedelta(days=HORIZON_DAYS + 1),
    )
    # The shop's newest current offer, for a subquery on each shop (offers.current).
    offers = current_offers(day, ShopPage.objects.filter(pk=OuterRef(OuterRef("pk"))))
    offers = offers.order_by(*OFFER_ORDERING)
    shops = list(
        ShopPage.objects.live()
        .filter(selection, public_q())
        .select_related("category", "district", "logo")
        .prefetch_related(
            "opening_hours", Prefetch("special_hours", queryset=relevant_special_hours)
        )
        .annotate(
            offer_title=Subquery(offers.values("title")[:1]),
            offer_slug=Subquery(offers.values("slug")[:1]),
            **annotations,
        )
    )
    front_cache.shows(*(front_cache.page_key(shop) for shop in shops))
    # The opening days they joined, for the status line (ShopPage.joined_days would read
    # them shop by shop).
    attach_joined_days(shops, day - timedelta(days=1), day + timedelta(days=HORIZON_DAYS + 1))
    # A card shows the logo, or else the first photo: photos only matter without a logo.
    prefetch_related_objects(
        [shop for shop in shops if shop.logo_id is None],
        Prefetch("photos", queryset=ShopPhoto.objects.select_related("image")),
    )
    return shops


def visit_card(shop, now):
    """The card of a shop loaded by live_shops()."""
    offer = None
    if shop.offer_slug:
        offer = CurrentOffer(title=shop.offer_title, url=f"{shop.url}{shop.offer_slug}/")
    return VisitCard(
        shop=shop,
        status=status_line(shop, now),
        directions_url=directions_url(shop.location) if shop.location else "",
        offer=offer,
    )


def visit_cards(ids, now):
    """{shop id: VisitCard} for the live, public shops among `ids`, seen at `now`."""
    day = today(now)
    shops = live_shops(Q(pk__in=set(ids)), day)
    return {shop.pk: visit_card(shop, now) for shop in shops}


def story_shops(story, body_shop_ids, day, *, preview=False):
    """The story's live shops, featured or in shop cards, in one query; the featured
    ones in their order, as (featured, {shop id: shop}). A preview reads the editor's
    unsaved featured shops from the page itself."""
    if preview or story.pk is None:
        featured_ids = [row.shop_id for row in story.featured_shops.all() if row.shop_id]
        shops = live_shops(Q(pk__in={*featured_ids, *body_shop_ids}), day)
        by_id = {shop.pk: shop for shop in shops}
        return [by_id[pk] for pk in dict.fromkeys(featured_ids) if pk in by_id], by_id
    from stories.models import StoryFeaturedShop

    rows = StoryFeaturedShop.objects.filter(story=story)
    row = rows.filter(shop=OuterRef("pk")).order_by("sort_order", "pk")
    shops = live_shops(
        Q(pk__in=rows.values("shop_id")) | Q(pk__in=set(body_shop_ids)),
        day,
        featured_row=Subquery(row.values("pk")[:1]),
        featured_order=Subquery(row.values("sort_order")[:1]),
    )
    # In the editor's order (rows saved outside the editor may have no sort_order).
    featured = sorted(
        (shop for shop in shops if shop.featured_row is not None),
        key=lambda shop: (shop.featured_order is None, shop.featured_order or 0, shop.featured_row),
    )
    return featured, {shop.pk: shop for shop in shops}
