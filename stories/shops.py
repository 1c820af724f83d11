"""The shops a story sends its readers to, as they are at the moment of reading: open or
closed, address, directions, current offer. Loaded in bulk (a fixed number of queries
however many shops), from the live, public shops only: a shop taken offline disappears
from the stories that featured it."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Prefetch, Q, Subquery, prefetch_related_objects

from core import tree
from core.clock import today
from core.visibility import public_q
from directory.cards import card_image, picture_html
from directory.geo import directions_url
from directory.hours import HORIZON_DAYS, status_line
from directory.models import ShopPage, ShopPhoto, SpecialHours
from offers.current import current_offers
from offers.feed import ORDERING as OFFER_ORDERING


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


def _newest_current_offer(day):
    """The shop's newest current, public offer, for a Subquery on ShopPage. Offers are
    the shop's children (an indexed range of paths, see core.tree)."""
    return (
        current_offers(day).filter(public_q(), tree.children_of_outer_q()).order_by(*OFFER_ORDERING)
    )


def live_shops(selection, day, **annotations):
    """The live, public shops `selection` (a Q) picks, with what a card shows: category,
    district, logo, photos, hours (only the special hours that can matter for the status
    line) and their newest current offer's title and slug, plus `annotations`: three
    queries, four when a shop has no logo."""
    relevant_special_hours = SpecialHours.objects.filter(
        end_date__gte=day - timedelta(days=1),
        start_date__lte=day + timedelta(days=HORIZON_DAYS + 1),
    )
    offers = _newest_current_offer(day)
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
