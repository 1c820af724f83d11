"""What an offer's page shows, and which answer it gets, computed from an offer and a day
(Brussels): plain functions, so that OfferPage.serve and get_context only assemble."""

from enum import StrEnum

from django.db.models import prefetch_related_objects

from core import tree
from core.images import responsive_image
from core.structured_data import json_ld_script
from directory.hours import status_line
from directory.models import ShopPage
from offers.feed import shop_offer_cards, shop_offers
from offers.structured_data import offer_page_json_ld

# The widths an offer's picture is offered in; the browser picks one with `sizes`.
OFFER_IMAGE_WIDTHS = (400, 800)


class Availability(StrEnum):
    UPCOMING = "upcoming"
    CURRENT = "current"
    ENDED = "ended"


def availability(offer, day):
    """Whether `offer` has not started, runs or has ended on `day` (its dates alone;
    whether it is live is Wagtail's business)."""
    if day < offer.start_date:
        return Availability.UPCOMING
    if day > offer.end_date:
        return Availability.ENDED
    return Availability.CURRENT


def shop_of(offer):
    """The offer's shop with its category and district (one query)."""
    return ShopPage.objects.select_related("category", "district").get(
        path=tree.parent_path(offer.path)
    )


def offer_page_context(offer, request, now, day):
    """Everything the offer page shows of `offer` and its shop, seen at `now`."""
    shop = shop_of(offer)
    prefetch_related_objects([shop], "opening_hours", "special_hours")
    offer_url = offer.get_full_url(request)
    shop_url = shop.get_full_url(request)
    picture = None
    image_url = ""
    if offer.image is not None:
        alt = offer.image.description or ""
        picture = responsive_image(offer.image, alt, widths=OFFER_IMAGE_WIDTHS)
        image_url = request.build_absolute_uri(picture.src)
    structured_data = offer_page_json_ld(
        offer, offer_url=offer_url, shop=shop, shop_url=shop_url, image_url=image_url
    )
    return {
        "shop": shop,
        "shop_status": status_line(shop, now),
        "picture": picture,
        "page_url": offer_url,
        "is_current": availability(offer, day) == Availability.CURRENT,
        "structured_data": json_ld_script(structured_data),
    }


def ended_offer_context(offer, day):
    """The 410 page of an ended offer: its shop, and the shop's current offers instead."""
    shop = shop_of(offer)
    offers = shop_offers(shop, day)
    prefetch_related_objects([offer.image for offer in offers if offer.image], "renditions")
    return {"page": offer, "shop": shop, "offers": shop_offer_cards(shop, offers, day)}
