"""Who is not counted (robots, by their user agent) and how often one address may send
events. Nothing here is stored: the address is hashed, in memory, into a cache key
that changes with every window and expires with it."""

import hashlib
import hmac
import re
import time

from django.conf import settings
from django.core.cache import cache

# Re-exported: the beacon's rate limit and the login throttle count the same address.
from core.addresses import client_address as client_address

# Crawlers, link previews, monitors, command-line clients and headless browsers name
# themselves; a browser's user agent contains none of these words.
ROBOT_PATTERN = re.compile(
    r"bot\b|bot/|robot|crawl|spider|slurp|scrap|archiver|headless|phantom|selenium|"
    r"puppeteer|playwright|lighthouse|pagespeed|gtmetrix|pingdom|uptime|monitor|"
    r"facebookexternalhit|whatsapp|telegram|embedly|preview|feed|rss|"
    r"curl|wget|python|java/|go-http|okhttp|axios|node-fetch|httpclient|libwww|perl|ruby|"
    r"php/|httpie|postman|insomnia|apache-http|ab/|locust|k6/|hey/",
    re.IGNORECASE,
)


def is_robot(user_agent):
    """Whether a request with this User-Agent header comes from a program rather than a
    person's browser (no user agent at all counts as a program)."""
    return len(user_agent or "") < 10 or bool(ROBOT_PATTERN.search(user_agent))


def rate_limit():
    """(events, seconds): how many events one address may send per window."""
    return getattr(settings, "INSIGHTS_RATE_LIMIT", (60, 600))


def within_rate_limit(address, now=None):
    """Count one event for `address` in the current window; False once it has sent more
    than the limit. The cache key is an HMAC of the address and the window, keyed with
    the secret key: it cannot be turned back into the address, nor linked to the same
    address's key in the next window."""
    limit, window = rate_limit()
    bucket = int((now if now is not None else time.time()) // window)
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"{bucket}:{address}".encode(), hashlib.sha256
    ).hexdigest()[:32]
    key = f"insights:rate:{digest}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
