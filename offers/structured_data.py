"""schema.org JSON-LD for offers: an `Offer` on the offer's own page, and the same in
the shop's `makesOffer`, offered by the shop's LocalBusiness (whose @id is the shop
page's URL + "#commerce", see directory.structured_data).

See https://schema.org/Offer.
"""

from core.structured_data import without_empty


def shop_id(shop_url):
    """The @id of a shop's LocalBusiness, from the shop page's absolute URL."""
    return f"{shop_url}#commerce"


def offer_json_ld(offer, *, offer_url, shop_url, image_url=""):
    """The Offer of `offer`: `offer_url` and `shop_url` are absolute URLs."""
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
            "offeredBy": {"@id": shop_id(shop_url)},
        }
    )


def offer_page_json_ld(offer, *, offer_url, shop, shop_url, image_url=""):
    """The JSON-LD document of an offer page: the offer and, named, the shop it links to."""
    return {
        "@context": "https://schema.org",
        "@graph": [
            offer_json_ld(offer, offer_url=offer_url, shop_url=shop_url, image_url=image_url),
            {
                "@type": shop.category.schema_type if shop.category else "LocalBusiness",
                "@id": shop_id(shop_url),
                "name": shop.title,
                "url": shop_url,
            },
        ],
    }
