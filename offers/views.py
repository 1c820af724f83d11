"""Offers views: thin; they parse the query, call offers.feed and render."""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils.translation import gettext as _

from core.clock import today
from directory.choices import directory_choices
from offers.feed import feed_page, parse_offer_query
from offers.models import OfferKind
from offers.rss import CONTENT_TYPE, offers_rss


def _without_page(params):
    """The query string without `page`, for pagination links."""
    return urlencode([(key, value) for key, value in params.lists() if key != "page"], doseq=True)


def offers_page_context(request, page):
    """What the feed page's template shows for the query in `request`."""
    query = parse_offer_query(request.GET)
    choices = directory_choices()
    return {
        "query": query,
        "offers_page": feed_page(query, today()),
        "categories": choices.categories,
        "districts": choices.districts,
        "kinds": OfferKind.choices,
        "page_query": _without_page(request.GET),
        "rss_url": page.get_url(request) + page.reverse_subpage("rss"),
    }


def offers_rss_response(request, page):
    query = parse_offer_query(request.GET)
    feed_page_url = page.get_full_url(request)
    document = offers_rss(
        query,
        today(),
        title=_("%(title)s · Vitrine") % {"title": page.title},
        feed_page_url=feed_page_url,
        feed_url=feed_page_url + page.reverse_subpage("rss"),
        absolute_url=lambda offer: offer.get_full_url(request),
    )
    return HttpResponse(document, content_type=CONTENT_TYPE)
