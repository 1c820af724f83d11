"""schema.org JSON-LD for offers: an `Offer` on the offer's own page, and the same in
the shop's `makesOffer`, offered by the shop's LocalBusiness (whose @id is the shop
page's URL + "#commerce", see directory.structured_data).

See https://schema.org/Offer.
"""

from datetime import timedelta

from core.calendar import CalendarEvent, PageCalendar
from core.structured_data import event_json_ld, place, without_empty
from directory.structured_data import business_summary, weekly_hours_specification
from offers.models import OfferKind


def shop_id(shop_url):
    """The @id of a shop's LocalBusiness, from the shop page's absolute URL."""
    return f"{shop_url}#commerce"


def offer_json_ld(offer, *, offer_url, shop_url, image_url="", seller=None):
    """The Offer of `offer`: `offer_url` and `shop_url` are absolute URLs; `seller` the
    shop as directory.structured_data.business_summary gives it (on the offer's own
    page, where nothing else describes the shop), else a reference to its @id."""
    return without_empty(
        {
            "@type": "Offer",
            "@id": f"{offer_url}#offre",
            "name": offer.title,
            "description": offer.short_text,
            "url": offer_url,
            "validFrom": offer.start_date.isoformat(),
            "validThrough": offer.end_date.isoformat(),
            "image": image_url,
            "seller": seller or {"@id": shop_id(shop_url)},
            "offeredBy": {"@id": shop_id(shop_url)},
        }
    )


def is_event(offer):
    return offer.kind == OfferKind.EVENT


def shop_place(shop):
    """Where a shop's event takes place: the shop, with its address."""
    return place(shop.title, street=shop.street, postcode=shop.postcode, locality=shop.locality)


def offer_event_json_ld(offer, *, offer_url, shop, organizer, image_url=""):
    """An "événement" offer as the schema.org Event it is: in the shop, on its dates,
    organised by the shop (`organizer`: the shop's business node, with its @id)."""
    return event_json_ld(
        node_id=f"{offer_url}#evenement",
        name=offer.title,
        description=offer.short_text,
        url=offer_url,
        start=offer.start_date,
        end=offer.end_date,
        location=shop_place(shop),
        organizer=organizer,
        image=image_url,
    )


def offer_page_json_ld(offer, *, offer_url, shop, shop_url, image_url="", breadcrumb=None):
    """The JSON-LD document of an offer page: the offer, sold by the shop (with its
    address, weekly hours and @id), the page's breadcrumb; an event offer is an Event
    too. `shop` has its opening hours loaded."""
    seller = without_empty(
        {
            **business_summary(shop, shop_url),
            "openingHoursSpecification": weekly_hours_specification(shop),
        }
    )
    graph = [
        offer_json_ld(
            offer, offer_url=offer_url, shop_url=shop_url, image_url=image_url, seller=seller
        ),
    ]
    if is_event(offer):
        graph.append(
            offer_event_json_ld(
                offer, offer_url=offer_url, shop=shop, organizer=seller, image_url=image_url
            )
        )
    if breadcrumb:
        graph.append(breadcrumb)
    return {"@context": "https://schema.org", "@graph": graph}


def offer_calendar(offer, *, offer_url, shop, host):
    """An event offer's PageCalendar (core.calendar): its dates as whole days, at the
    shop; its UID names the offer's page, so it stays the same across downloads."""
    event = CalendarEvent(
        uid=f"offre-{offer.pk}@{host}",
        summary=f"{offer.title} — {shop.title}",
        start=offer.start_date,
        end=offer.end_date + timedelta(days=1),
        description=offer.short_text,
        location=", ".join(part for part in (shop.title, shop.address_line) if part),
        url=offer_url,
    )
    return PageCalendar(offer.title, [event])
