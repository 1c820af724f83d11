"""A merchant's dashboard: each of their shops with its current and recent offers, and
what state each offer is in, computed in a fixed number of queries."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import WorkflowState, get_default_page_content_type

from core import tree
from offers import merchants
from offers.dates import Availability, availability

MAX_OFFERS = 30

STATUS_LABELS = {
    Availability.CURRENT: _("en cours"),
    Availability.UPCOMING: _("à venir"),
    Availability.ENDED: _("terminée"),
}
UNPUBLISHED = _("non publiée")


@dataclass(frozen=True)
class DashboardOffer:
    offer: object
    status: str
    awaiting_moderation: bool


@dataclass(frozen=True)
class DashboardShop:
    shop: object
    offers: list


def awaiting_moderation(offers):
    """The ids of `offers` with a change waiting for the staff's validation."""
    ids = [str(offer.pk) for offer in offers]
    if not ids:
        return set()
    states = WorkflowState.objects.active().filter(
        base_content_type=get_default_page_content_type(), object_id__in=ids
    )
    return {int(object_id) for object_id in states.values_list("object_id", flat=True)}


def offer_status(offer, day):
    """The offer's state in words: en cours, à venir or terminée if live, else non publiée."""
    if not offer.live:
        return UNPUBLISHED
    return STATUS_LABELS[availability(offer, day)]


def merchant_dashboard(user, day):
    """`user`'s shops, by title, each with its offers that are current, upcoming or
    ended lately (newest first, MAX_OFFERS in all)."""
    shops = list(merchants.merchant_shops(user))
    offers = list(merchants.merchant_offers(user, day)[:MAX_OFFERS])
    pending = awaiting_moderation(offers)
    by_shop_path = {shop.path: [] for shop in shops}
    for offer in offers:
        entry = DashboardOffer(
            offer=offer,
            status=offer_status(offer, day),
            awaiting_moderation=offer.pk in pending,
        )
        # An offer's shop is its parent: the offer's path without its last step.
        by_shop_path.get(tree.parent_path(offer.path), []).append(entry)
    return [DashboardShop(shop=shop, offers=by_shop_path[shop.path]) for shop in shops]
