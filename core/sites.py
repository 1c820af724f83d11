"""Which Wagtail site answers a request, without a query per request.

Wagtail's `Site.find_for_request` runs a query on every request (it keeps the answer on
the request only), and every page needs the site: routing, URLs, settings, menus. Sites
change about never, so the site rows (with their root pages) are kept in the cache and
the request's site is picked from them here, by the same rules as Wagtail's
`get_site_for_hostname`, through Wagtail's own lookup (core.compat.find_site_for_request_with,
called by core.apps). The entry is dropped when a site is saved or
deleted and when any page is published, unpublished, moved or deleted (the root page is
part of it); like the site's other caches it is read again after STALE_AFTER.

The whole list is cached rather than one entry per host name: the Host header is the
visitor's to choose, and a key per value would let anyone fill the cache.
"""

from django.core.cache import cache
from django.http.request import split_domain_port

from core import compat
from core.caching import cached

# Dropped when a site is saved or deleted and when a page is published, unpublished,
# moved or deleted (core.apps).
CACHE_ENTRY = "sites"
CACHE_KEY = "vitrine:sites"


def all_sites():
    """Every site with its root page, from the cache (a query, and one per site, when it
    is not there)."""
    return cached(CACHE_KEY, _load_sites)


def _load_sites():
    from wagtail.models import Site

    sites = list(Site.objects.select_related("root_page").order_by("pk"))
    for site in sites:
        # As its own type (the HomePage): routing every request starts from it, and
        # would otherwise fetch its specific row each time.
        site.root_page = site.root_page.specific
    return sites


def site_for(hostname, port, sites):
    """The site of `sites` that Wagtail would pick for `hostname` and `port`, or None.

    Wagtail's order: the exact host and port; else the host on the default site; else,
    when the host matches no port, the one site of that host if there is exactly one,
    otherwise the default site; without a default site, only a host with one site."""
    named = [site for site in sites if site.hostname == hostname]
    default = next((site for site in sites if site.is_default_site), None)
    exact = next((site for site in named if site.port == port), None)
    if exact is not None:
        return exact
    if default is not None and default.hostname == hostname:
        return default
    if default is not None:
        return named[0] if len(named) == 1 else default
    return named[0] if len(named) == 1 else None


def find_for_request(request):
    """The site for `request`: what Wagtail's `Site._find_for_request` returns, from the
    cached rows."""
    hostname = split_domain_port(compat.raw_host(request))[0]
    return site_for(hostname, request.get_port(), all_sites())


def forget_sites(**kwargs):
    cache.delete(CACHE_KEY)
