"""The beacon: where the pages' script sends what a visitor did (insights.counting)."""

import json

from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from insights import counting, visitors
from insights.models import InsightsSettings

MAX_BODY_BYTES = 1024
TOO_MANY_REQUESTS = 429


def _no_content(status=204):
    # Not text/html: no page, so no Content-Security-Policy to build (home.map_tiles looks
    # the site up for HTML responses).
    return HttpResponse(status=status, content_type="text/plain")


# CSRF protection needs a token from a cookie or a form, and the public site sets no
# cookie (DESIGN.md); the beacon only adds to anonymous totals, acts for nobody and
# reads nothing, so a forged request can do no more than a direct one, which the rate
# limit bounds. Cross-site requests are refused all the same (Sec-Fetch-Site below).
@csrf_exempt
@never_cache
@require_POST
def beacon(request):
    """Count one event: 204 when accepted (counted or deliberately not), 400 for a
    payload naming no countable page or kind, 429 over the rate limit."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY_BYTES:
        return _no_content(400)
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return _no_content(403)
    if len(request.body) > MAX_BODY_BYTES:
        return _no_content(400)
    try:
        payload = json.loads(request.body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return _no_content(400)
    site = counting.site_root_for_request(request)
    if site is None or not InsightsSettings.for_site_id(site.pk).counting_enabled:
        return _no_content()
    try:
        event = counting.parse_event(payload, site)
    except counting.BadEvent:
        return _no_content(400)
    # Staff and merchants looking at their own pages, and robots, are not residents.
    if request.user.is_authenticated or visitors.is_robot(request.headers.get("User-Agent")):
        return _no_content()
    if not visitors.within_rate_limit(visitors.client_address(request)):
        return _no_content(TOO_MANY_REQUESTS)
    counting.record(event)
    return _no_content()
