"""The offers feed as RSS 2.0 (/offres/flux/), for feed readers and the city's other
channels: the same current offers as /offres/, with the same filters, absolute links."""

from datetime import datetime, time

from django.http import HttpResponse
from django.utils import feedgenerator
from django.utils.translation import gettext as _

from core.clock import BRUSSELS
from offers.feed import feed_offers, offer_cards, parse_offer_query

CONTENT_TYPE = "application/rss+xml; charset=utf-8"


def publication_date(offer):
    """When the offer appeared: its first publication, or its first day's morning."""
    return offer.first_published_at or datetime.combine(offer.start_date, time(), BRUSSELS)


def offers_rss(query, day, *, title, feed_page_url, feed_url, absolute_url):
    """The RSS document (a str) of the offers `query` selects on `day`.

    `absolute_url(page)` gives a page's absolute URL.

    Every current offer is in it, not a page of them as on /offres/: the feed is "the
    same" list, and feed readers take a feed as a whole (RFC 5005's paged feeds are
    followed by few readers, so a resident's reader would silently miss the rest). The
    list stays small by nature: an offer lasts 8 weeks at most and ends by itself, so
    even a town of a thousand shops has a few hundred current offers, loaded in a fixed
    number of queries."""
    rss = feedgenerator.Rss201rev2Feed(
        title=title,
        link=feed_page_url,
        description=_("Les offres en cours des commerces de la ville."),
        language="fr-be",
        feed_url=feed_url,
    )
    for card in offer_cards(feed_offers(query, day), day):
        offer_url = absolute_url(card.offer)
        dates = _("Du %(start)s au %(end)s.") % {
            "start": f"{card.offer.start_date:%d/%m/%Y}",
            "end": f"{card.offer.end_date:%d/%m/%Y}",
        }
        rss.add_item(
            title=f"{card.offer.title} · {card.shop.title}",
            link=offer_url,
            description=f"{card.offer.short_text} {dates}",
            unique_id=offer_url,
            unique_id_is_permalink=True,
            pubdate=publication_date(card.offer),
            categories=[card.offer.get_kind_display()],
        )
    return rss.writeString("utf-8")


def offers_rss_response(request, page, day):
    """/offres/flux/: the RSS of the offers the query in `request` selects on `day`."""
    query = parse_offer_query(request.GET)
    feed_page_url = page.get_full_url(request)
    document = offers_rss(
        query,
        day,
        title=_("%(title)s · Vitrine") % {"title": page.title},
        feed_page_url=feed_page_url,
        feed_url=feed_page_url + page.reverse_subpage("rss"),
        absolute_url=lambda offer: offer.get_full_url(request),
    )
    return HttpResponse(document, content_type=CONTENT_TYPE)
