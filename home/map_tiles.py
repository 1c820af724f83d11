"""Let the map load its tiles, and nothing else, from the tile server of the site's settings.

The tile URL is a per-site setting (SiteSettings.map_tile_url), so the allowed image
origins cannot be fixed in settings.SECURE_CSP; this middleware adds them to img-src
of each HTML response, the way django.views.decorators.csp does (through
core.compat.set_response_csp), which Django's ContentSecurityPolicyMiddleware then
turns into the header. It lives with the site settings it reads, above the kernel's
CSP helpers.
"""

from django.conf import settings
from wagtail.models import Site

from core import compat
from core.csp import tile_origins, with_image_origins
from home.models import SiteSettings


def _site_tile_url(request):
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
