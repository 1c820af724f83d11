"""The offers feed (/offres/), the home page's and the shop page's offers: which current
offers (offers.current) show, in what order, with their shop, as cards.

The query string is French and bookmarkable: categorie, quartier (the shop's category
and district), type (the offer's kind), page. Anything it cannot use is dropped with a
notice; nothing in it can make the feed fail.

An offer's shop is its parent page, found in SQL (offers.current), so the feed filters
on the shop's category and district and keeps out offers of an unpublished or
restricted shop without a query per offer.
"""

from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.utils.formats import date_format
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core import front_cache, query_params
from core.images import CARD_PICTURE, load_renditions
from core.page_meta import page_or_404
from core.visibility import public_q
from directory.choices import directory_choices
from directory.models import Category, District, ShopPage
from offers.current import ORDERING, current_offers, current_offers_of
from offers.dates import ends_soon
from offers.models import OfferKind

PAGE_SIZE = 20
HOME_PAGE_COUNT = 6
# What an offer card (components/offer_card.html) shows of an offer and of its shop;
# the tree paths name them in the front cache's keys.
CARD_OFFER_FIELDS = (
    "path",
    "url_path",
    "title",
    "kind",
    "price_text",
    "short_text",
    "end_date",
    "image",
)
CARD_SHOP_FIELDS = ("path", "url_path", "title", "district")


@dataclass
class OfferQuery:
    """What the resident asked the feed for, cleaned. `notices` say what was ignored."""

    category: Category | None = None
    district: District | None = None
    kind: str = ""
    page: str = "1"
    notices: list = field(default_factory=list)

    @property
    def is_filtered(self):
        return bool(self.category or self.district or self.kind)


@dataclass(frozen=True)
class OfferCard:
    """An offer as a card shows it, with its shop: its kind's name and its last day
    ("Jusqu'au mardi 2 décembre", safe HTML) worked out once for all the cards of a
    list, which share a few kinds and dates."""

    offer: object
    shop: ShopPage
    ends_soon: bool
    kind: str = ""
    until: str = ""


def parse_offer_query(params):
    """An OfferQuery from a QueryDict (request.GET) or a plain dict. Never raises."""
    choices = directory_choices()
    query = OfferQuery()

    query.category = query_params.choice(
        params,
        "categorie",
        choices.category,
        query.notices,
        _("Catégorie inconnue : « %(value)s » ; elle est ignorée."),
    )
    query.district = query_params.choice(
        params,
        "quartier",
        choices.district,
        query.notices,
        _("Quartier inconnu : « %(value)s » ; il est ignoré."),
    )
    query.kind = (
        query_params.choice(
            params,
            "type",
            lambda kind: kind if kind in OfferKind.values else None,
            query.notices,
            _("Type d'offre inconnu : « %(value)s » ; il est ignoré."),
        )
        or ""
    )
    query.page = query_params.page_number(params)
    return query


def feed_offers(query, day):
    """The feed's offers for `query` on `day`, newest first, lazy."""
    shops = ShopPage.objects.live().filter(public_q())
    if query.category:
        shops = shops.filter(category=query.category)
    if query.district:
        shops = shops.filter(district=query.district)
    offers = current_offers(day, shops)
    if query.kind:
        offers = offers.filter(kind=query.kind)
    return offers.order_by(*ORDERING)


def offer_cards(offers, day):
    """Cards for evaluated `offers` (annotated with `shop_id`, read by with_card_fields):
    their shops, with their district, in one query, and their pictures' renditions."""
    offers = list(offers)
    load_renditions((offer.image for offer in offers), CARD_PICTURE)
    shop_ids = {offer.shop_id for offer in offers}
    shops = (
        ShopPage.objects.filter(pk__in=shop_ids)
        .only(*CARD_SHOP_FIELDS)
        .select_related("district")
        .order_by()
    )
    by_id = {shop.pk: shop for shop in shops} if shop_ids else {}
    # A list of the current offers, and each card's offer and shop (core.front_cache).
    front_cache.shows(front_cache.OFFERS)
    front_cache.shows(*(front_cache.page_key(offer) for offer in offers))
    front_cache.shows(*(front_cache.page_key(shop) for shop in by_id.values()))
    return _cards(((offer, by_id.get(offer.shop_id)) for offer in offers), day)


def _cards(offers_and_shops, day):
    """OfferCards of (offer, shop) pairs, those without a shop left out."""
    kinds, untils = dict(OfferKind.choices), {}
    cards = []
    for offer, shop in offers_and_shops:
        if shop is None:
            continue
        until = untils.get(offer.end_date)
        if until is None:
            # As {% blocktrans %} writes it: the text as translated, the date escaped.
            end = conditional_escape(date_format(offer.end_date, "l j F"))
            until = untils[offer.end_date] = mark_safe(_("Jusqu'au %(end)s") % {"end": end})
        cards.append(
            OfferCard(
                offer=offer,
                shop=shop,
                ends_soon=ends_soon(offer.end_date, day),
                kind=kinds.get(offer.kind, offer.kind),
                until=until,
            )
        )
    return cards


def with_card_fields(offers):
    """`offers` (a queryset) reading only what their cards show (components/offer_card.html)
    and their image: a page's other fields cost more to read and build than the card."""
    return offers.only(*CARD_OFFER_FIELDS).select_related("image")


def feed_page(query, day):
    """The requested page of the feed: a Paginator page whose object_list holds
    OfferCards; Http404 when the page number names no page (past the last, not a whole
    number)."""
    paginator = Paginator(with_card_fields(feed_offers(query, day)), PAGE_SIZE)
    page = page_or_404(paginator, query.page)
    page.object_list = offer_cards(page.object_list, day)
    return page


def latest_offer_cards(day, count=HOME_PAGE_COUNT):
    """The `count` newest current offers, as cards (the home page's selection)."""
    offers = with_card_fields(current_offers(day).order_by(*ORDERING))[:count]
    return offer_cards(offers, day)


def shop_offers(shop, day):
    """The current offers of `shop`, newest first, evaluated, images loaded (their
    renditions are left to the caller: shop_offer_cards)."""
    return list(current_offers_of(shop, day).select_related("image").order_by(*ORDERING))


def shop_offer_cards(shop, offers, day):
    load_renditions((offer.image for offer in offers), CARD_PICTURE)
    return _cards(((offer, shop) for offer in offers), day)
