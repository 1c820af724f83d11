"""The one answer to "the current offers of these shops": live, public, and first day
<= the day <= last day in Brussels, decided at query time (an ended offer never shows,
whether or not a scheduler ran). The feed, the home page, a shop page and its 410 page,
the directory's cards, the stories and campaigns, and the merchants' reminders all ask
here."""

from django.db.models import Subquery

from core import tree
from core.clock import today
from core.visibility import public_q
from directory.models import ShopPage
from offers.models import OfferPage

# Newest first: the offer that started last, then the one published last.
ORDERING = ["-start_date", "-first_published_at", "-pk"]


def current_offers(day=None, shops=None):
    """The current offers on `day` (today by default) of `shops` (a ShopPage queryset;
    every live, public shop by default), each annotated with its shop's id as
    `shop_id`; lazy, unordered (ORDERING is the order the site shows them in).

    An offer's shop is its parent page, found in SQL from the offer's tree path (the
    parent's path is the offer's without its last step): one query whatever the number
    of shops, read from the current offers, which are few (a week's worth, found
    through the index on `end_date`) rather than from the shops. A condition per shop
    instead (a correlated EXISTS over each shop's path range) made PostgreSQL read every
    page once per shop. `shops` may refer to an outer query (OuterRef) to ask for one
    shop's offers in a subquery."""
    day = day or today()
    shops = ShopPage.objects.live().filter(public_q()) if shops is None else shops
    shop = shops.order_by().filter(tree.parent_of_outer_q()).values("pk")[:1]
    return (
        OfferPage.objects.live()
        .filter(public_q(), start_date__lte=day, end_date__gte=day)
        .annotate(shop_id=Subquery(shop))
        .filter(shop_id__isnull=False)
    )


def current_offers_of(shop, day=None):
    """The current offers on `day` (today by default) of the one `shop` (a ShopPage with
    its tree path), as current_offers(day, <that shop>) answers: live, public, dated,
    found among the shop's child pages (an offer's shop is its parent), which needs no
    subquery to find each offer's shop. Lazy, unordered, not annotated."""
    day = day or today()
    return OfferPage.objects.live().filter(
        tree.children_q(shop.path), public_q(), start_date__lte=day, end_date__gte=day
    )


def shops_with_current_offer(shops, day):
    """The ids of `shops` (ShopPages) with a current offer on `day`, in one query: the
    directory cards' "Offre en cours" (directory.extension_points)."""
    ids = [shop.pk for shop in shops]
    offers = current_offers(day, ShopPage.objects.filter(pk__in=ids))
    return set(offers.order_by().values_list("shop_id", flat=True))


def current_offer_texts(day):
    """(shop id, text) of every current offer on `day`, in one query: what the
    directory's search matches a shop's current offers with (directory.extension_points)."""
    offers = current_offers(day).order_by().values_list("shop_id", "title", "short_text")
    return [(shop_id, f"{title} {text}") for shop_id, title, text in offers]
