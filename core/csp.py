"""Let the map load its tiles, and nothing else, from the tile server of the site's settings.

The tile URL is a per-site setting (SiteSettings.map_tile_url), so the allowed image
origins cannot be fixed in settings.SECURE_CSP; this middleware adds them to img-src
of each HTML response, the way django.views.decorators.csp does (through
core.compat.set_response_csp), which Django's ContentSecurityPolicyMiddleware then
turns into the header.
"""

import re
from urllib.parse import urlsplit

from django.conf import settings

from core import compat

# Leaflet's default subdomains for a {s} in the tile URL ("https://{s}.tile.example.org").
TILE_SUBDOMAINS = ("a", "b", "c")
# A host name or IPv4 address with an optional port: nothing that could end the
# directive or add another one to the policy (spaces, ";", quotes, "*"...).
_HOST = re.compile(r"^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$")


def tile_origins(tile_url):
    """The origins a tile URL template loads from, e.g. ["https://tile.example.org"];
    an empty list for anything that is not a well-formed http(s) URL."""
    if not isinstance(tile_url, str):
        return []
    try:
        parts = urlsplit(tile_url.strip())
    except ValueError:
        return []
    if parts.scheme not in ("http", "https"):
        return []
    hosts = (
        [parts.netloc.replace("{s}", subdomain) for subdomain in TILE_SUBDOMAINS]
        if "{s}" in parts.netloc
        else [parts.netloc]
    )
    hosts = [host.lower() for host in hosts]
    if not all(_HOST.match(host) for host in hosts):
        return []
    return [f"{parts.scheme}://{host}" for host in hosts]


def with_image_origins(config, origins):
    """A copy of the CSP `config` whose img-src also allows `origins`."""
    image_sources = list(config.get("img-src", config.get("default-src", [])))
    return {
        **config,
        "img-src": [*image_sources, *(o for o in origins if o not in image_sources)],
    }


def _site_tile_url(request):
    from wagtail.models import Site

    from home.models import SiteSettings

    # A request for a host no Wagtail site answers to has no settings, and no map.
    if Site.find_for_request(request) is None:
        return ""
    return SiteSettings.for_request(request).map_tile_url


class MapTilesCSPMiddleware:
    """Adds the origins of the current site's map tiles to img-src of HTML responses.

    It must sit right after django.middleware.csp.ContentSecurityPolicyMiddleware in
    MIDDLEWARE, so its response pass runs first. A view that chose its own policy (the
    admin, through csp_override) keeps it, with the tiles added for the editor's map
    picker; a view that turned the policy off stays without one.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Only pages can show a map; error pages must not touch a database that may be
        # the cause of the error.
        if response.status_code >= 500 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            return response
        config = compat.response_csp(response, settings.SECURE_CSP)
        if not config:
            return response
        origins = tile_origins(_site_tile_url(request))
        if origins:
            compat.set_response_csp(response, with_image_origins(config, origins))
        return response
