"""Django's own copy of the pages a front cache would keep: a page asked for again is
served from the cache (Redis, or each process's memory) without routing, view
restrictions, queries or templates.

A front cache (core.front_cache) does the same in front of Django, but a city may run
without one, a purge may not reach it, and every first visit after a purge or an expiry
still reaches Django. This keeps exactly what the front cache may keep, under the same
rules:

- only a response the front cache may keep (`front_cache.shared_lifetime`): an anonymous
  GET without any cookie, not a preview, answered 200, 301, 404 or 410 without a cookie
  of its own or a Cache-Control chosen by its view; not streamed, and not larger than
  MAX_BYTES (the open-data files);
- for the same lifetime (the next opening or closing of a shop it shows, midnight,
  FRONT_CACHE_MAX_AGE), and no longer than core.caching.STALE_AFTER, like the site's other
  cached entries, for changes made where no signal reaches (another process without
  Redis);
- until a purge of one of its surrogate keys. Purging a key (core.caching.purge) gives
  it a new version here (see below); each kept page holds the versions its
  keys had when it was rendered, and is served only while all are unchanged (one
  `get_many`). A purge is made as soon as the change is saved and again once it is
  committed: a page rendered in between from the old rows, by another process, holds the
  first version and is dropped by the second.

Versions are numbers of a sequence the cache keeps (`PURGES`, incremented by each
purge: Redis's INCR is atomic across servers, and no clock is involved). A page whose
rendering began before a purge of one of its keys (a version above the sequence's number
when it began) is not kept: it may show rows from before the change.

The kept page is the response as the middleware below this one made it (compressed for a
client that accepts gzip, with its Content-Security-Policy and other headers): the key
holds the host, the path with its query string and whether the client accepts gzip. The
middleware above it (security headers, the front cache's own headers) run on every
response, kept or not.
"""

import hashlib
import re
import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse

# A module, not its names: core.caching calls `forget` here.
from core import caching, front_cache
from core.clock import now

ENTRY_KEY = "vitrine:page:1:{digest}"
# Short: a kept page reads one for each key it carries.
VERSION_KEY = "pv:{key}"
PURGES = "vitrine:page-purges"
# The open-data files and large sitemaps are cheap to make from cached rows, and would
# take the room of hundreds of pages.
MAX_BYTES = 512 * 1024
# Headers the front cache's middleware sets on every response, kept or not.
NOT_KEPT_HEADERS = {"cache-control", "surrogate-key"}
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def version_key(key):
    return VERSION_KEY.format(key=key)


def entry_key(request):
    """The cache key of the page `request` asks for, or None when it may not be served
    from the cache (logged in, a cookie, a preview, a form sent, a host not allowed)."""
    if not front_cache.is_anonymous_request(request):
        return None
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # answered 400 below, never kept
    gzip = bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
    address = f"{request.scheme}://{host}{request.get_full_path()} {gzip}"
    return ENTRY_KEY.format(digest=hashlib.sha256(address.encode()).hexdigest())


def kept_response(key, at):
    """The response kept under `key` if it is still true at `at`, or None. What it shows
    is said to the front cache again, as its rendering did."""
    kept = cache.get(key)
    if kept is None:
        return None
    rendered_at, until, status, headers, content, versions = kept
    # The site's clock decides, not only the cache's expiry (and a clock set back, in
    # tests, is not "still true").
    if not rendered_at <= at < until:
        return None
    if cache.get_many(list(versions)) != versions:
        return None
    front_cache.shows(*(key.removeprefix(VERSION_KEY.format(key="")) for key in versions))
    front_cache.changes_at(until)
    return HttpResponse(content, status=status, headers=headers)


def purges_so_far():
    """The sequence's number: the last purge's version."""
    number = cache.get(PURGES)
    if number is None:
        # New or dropped by the cache: it starts again from the clock, in milliseconds,
        # above any version it gave before (fewer purges than milliseconds went by).
        cache.add(PURGES, int(time.time() * 1000), timeout=None)
        number = cache.get(PURGES)
    return number


def next_purge():
    """A version above every one given so far; None from a cache that keeps nothing
    (`dummycache://`, which the benchmarks of rendering use)."""
    try:
        return cache.incr(PURGES)
    except ValueError:  # not there (see purges_so_far)
        purges_so_far()
    try:
        return cache.incr(PURGES)
    except ValueError:
        return None


def keep(key, response, shown, rendered_at, started):
    """Keep `response` under `key` if the front cache may keep it, for as long, with the
    versions of its keys; `started` is the purges' number when its rendering began."""
    seconds = front_cache.shared_lifetime(response, shown, rendered_at)
    if seconds is None or response.streaming or len(response.content) > MAX_BYTES:
        return
    if started is None:
        return  # a cache that keeps nothing
    keys = [version_key(name) for name in front_cache.surrogate_keys(response, shown)]
    versions = cache.get_many(keys)
    if any(version > started for version in versions.values()):
        return  # purged while it was rendered: it may show rows from before
    missing = [name for name in keys if name not in versions]
    if missing:
        # Never purged, or dropped by the cache (the least recently used first: not one
        # purged while this page was rendered): a new version, above those of every page
        # kept so far, so that none kept with an older one matches it again.
        version = next_purge()
        if version is None:
            return
        fresh = dict.fromkeys(missing, version)
        cache.set_many(fresh, timeout=None)
        versions.update(fresh)
    headers = [
        (name, value) for name, value in response.items() if name.lower() not in NOT_KEPT_HEADERS
    ]
    until = rendered_at + timedelta(seconds=seconds)
    cache.set(
        key,
        (rendered_at, until, response.status_code, headers, response.content, versions),
        timeout=min(seconds, caching.STALE_AFTER),
    )


def forget(keys):
    """Give each surrogate key of `keys` a new version: every page kept with one of them
    is no longer served (core.caching.purge calls it)."""
    version = next_purge()
    if version is not None:
        cache.set_many(dict.fromkeys((version_key(name) for name in keys), version), timeout=None)


class PageCacheMiddleware:
    """Serves a page kept by an earlier request, or keeps the one the view made. It sits
    right below core.front_cache.FrontCacheMiddleware, which collects what a response
    shows, and above the compression and everything that may set a cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.PAGE_CACHE:
            return self.get_response(request)
        key = entry_key(request)
        if key is None:
            return self.get_response(request)
        at = now()
        response = kept_response(key, at)
        if response is not None:
            return response
        started = purges_so_far()
        response = self.get_response(request)
        shown = front_cache.current()
        if request.method == "GET" and shown is not None:
            keep(key, response, shown, at, started)
        return response
