"""What the offers' pages show: the feed page's, an offer page's (and its 410 page's)
template context, and the panels offers put on the pages below them (the home page's
week of offers, a shop page's current offers: registered in offers.wagtail_hooks).
Assembled from plain functions, so that the page models' `get_context` and `serve`
only call here."""

from datetime import timedelta

from django.utils.translation import gettext as _
from wagtail.models import Site

from core import page_meta as meta_of
from core import tree
from core.images import responsive_image
from core.structured_data import json_ld_script, page_breadcrumb
from directory.choices import directory_choices
from directory.extension_points import UNDER_ACTIONS, ShopPagePanel
from directory.geo import directions_url
from directory.hours import prefetch_hours, status_line
from directory.models import ShopPage
from directory.page_context import query_without_page
from directory.shop_details import tel_href
from home.extension_points import Panel, section_url
from offers.dates import Availability, availability, today
from offers.feed import (
    feed_page,
    latest_offer_cards,
    parse_offer_query,
    shop_offer_cards,
    shop_offers,
)
from offers.models import OfferKind, OffersPage
from offers.structured_data import (
    is_event,
    offer_calendar,
    offer_json_ld,
    offer_page_json_ld,
)

# The widths an offer's picture is offered in; the browser picks one with `sizes`.
OFFER_IMAGE_WIDTHS = (400, 800)


def offers_page_context(request, page, day):
    """What the feed page's template shows for the query in `request`."""
    query = parse_offer_query(request.GET)
    choices = directory_choices()
    offers_page = feed_page(query, day)
    return {
        "query": query,
        "offers_page": offers_page,
        # The first picture of the list is in the first screen: it is not loaded lazily.
        "eager_offer": next(
            (card.offer.pk for card in offers_page.object_list if card.offer.image_id), None
        ),
        "meta": meta_of.for_listing(meta_of.for_page(page, request), request.GET),
        # The filters' drop-downs, as (value, text) pairs (components/filter_select.html).
        "category_options": [(category.slug, category.name) for category in choices.categories],
        "district_options": [(district.slug, district.name) for district in choices.districts],
        "kinds": OfferKind.choices,
        "page_query": query_without_page(request.GET),
        "feed_url": page.get_url(request) + page.reverse_subpage("rss"),
    }


def shop_of(offer):
    """The offer's shop with its category, district and logo (one query)."""
    return ShopPage.objects.select_related("category", "district", "logo").get(
        path=tree.parent_path(offer.path)
    )


def offer_page_context(offer, request, now, day):
    """Everything the offer page shows of `offer` and its shop, seen at `now`."""
    shop = shop_of(offer)
    # The shop's status line as its own page has it: its hours and the opening days it
    # joined (from yesterday: last night's hours may run past midnight).
    prefetch_hours([shop], joined_from=day - timedelta(days=1))
    offer_url = offer.get_full_url(request)
    shop_url = shop.get_full_url(request)
    picture = None
    if offer.image is not None:
        alt = offer.image.description or ""
        picture = responsive_image(offer.image, alt, widths=OFFER_IMAGE_WIDTHS)
    share = offer_share_image(offer, shop)
    structured_data = offer_page_json_ld(
        offer,
        offer_url=offer_url,
        shop=shop,
        shop_url=shop_url,
        image_url=share.url if share else "",
        breadcrumb=page_breadcrumb(offer, request),
    )
    return {
        "shop": shop,
        "shop_status": status_line(shop, now),
        "directions_url": directions_url(shop.location) if shop.location else "",
        "tel_href": tel_href(shop.phone),
        "picture": picture,
        "page_url": offer_url,
        "meta": meta_of.for_page(
            offer,
            request,
            title=offer_title(offer, shop),
            description=offer_description(offer, shop),
            image=share,
        ),
        "is_current": availability(offer, day) == Availability.CURRENT,
        "structured_data": json_ld_script(structured_data),
        "calendar_url": f"{offer.url}agenda.ics" if is_event(offer) and offer.url else "",
    }


def offer_title(offer, shop):
    """An offer's title names its shop: two shops may post the same offer."""
    return f"{offer.seo_title or offer.title} — {shop.title}"


def offer_description(offer, shop):
    """What a search result says of an offer: staff's description for search engines,
    else the shop, where it is, and the offer's text."""
    if offer.search_description:
        return meta_of.plain_description(offer.search_description)
    where = ", ".join(part for part in (shop.title, shop.address_line) if part)
    return meta_of.plain_description(
        _("%(shop)s : %(text)s") % {"shop": where, "text": offer.short_text}
    )


def offer_share_image(offer, shop):
    """The picture of an offer's link preview: the offer's, else its shop's (photos
    first, then the logo), as a 1200×630 rendition; None when neither has one."""
    if offer.image is not None:
        return meta_of.share_image(offer.image, offer.image.description or "")
    photo = shop.photos.select_related("image").first()
    return meta_of.share_image(photo.image if photo else shop.logo)


def offer_page_calendar(offer, request, day):
    """The PageCalendar of a current event offer, else None (core.calendar: a 404)."""
    if not is_event(offer) or availability(offer, day) != Availability.CURRENT:
        return None
    site = Site.find_for_request(request)
    return offer_calendar(
        offer,
        offer_url=offer.get_full_url(request),
        shop=shop_of(offer),
        host=site.hostname if site else request.get_host(),
    )


def ended_offer_context(offer, day):
    """The 410 page of an ended offer: its shop, and the shop's current offers instead."""
    shop = shop_of(offer)
    offers = shop_offers(shop, day)
    return {"page": offer, "shop": shop, "offers": shop_offer_cards(shop, offers, day)}


def home_page_panel(request, page, sections):
    """The home page's "Offres de la semaine": the newest current offers, and a link to
    the feed (home.extension_points.HOME_PAGE_PANELS)."""
    return Panel(
        "offers/components/home_offers.html",
        {
            "offers": latest_offer_cards(today()),
            # The feed is among the sections, so finding its URL costs no query.
            "offers_url": section_url(sections, OffersPage, request),
        },
    )


def shop_page_panel(shop, request, today, *, preview=False):
    """A shop page's "Offres en cours" and its `makesOffer` JSON-LD
    (directory.extension_points.SHOP_PAGE_PANELS)."""
    # A preview has no saved tree position for a new shop, hence no offers yet.
    offers = shop_offers(shop, today) if shop.pk and shop.path else []
    shop_url = shop.get_full_url(request)
    return ShopPagePanel(
        "offers/components/shop_offers.html",
        {"offers": shop_offer_cards(shop, offers, today)},
        place=UNDER_ACTIONS,
        structured_data={
            "makesOffer": [
                offer_json_ld(offer, offer_url=offer.get_full_url(request), shop_url=shop_url)
                for offer in offers
            ]
        },
    )
