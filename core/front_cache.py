"""What a front cache (Varnish, deploy/varnish/vitrine.vcl) may keep of a response, for
how long, and the keys that purge it.

A page is the same for every anonymous visitor, so a front cache can serve it to the
next ones without Django. Two things bound how long it stays true:

- the moment it would read differently by the clock alone: a shop it shows opening or
  closing (every status line reports its next change here, `changes_at`), and midnight
  in Brussels for everything dated (the current offers, "today", the week's hours), with
  FRONT_CACHE_MAX_AGE as a ceiling for whatever no rule foresaw;
- a change of the content, which purges it at once by the surrogate keys it carries
  (`Surrogate-Key`, which the VCL hands to the xkey module): `page-<id>` for each page it
  shows (itself and each card, by its tree path), `tree-<path>` for itself and each page
  above it (their titles and addresses are in its breadcrumb and its URL), the lists it
  shows (`LIST_KEYS`), and `site` on everything. Paths, not ids: a page's own key and its
  ancestors' come from its path without a query, and so do those a change purges
  (core.purges). core.caching sends the purges once the change is committed.

While Django renders a response, what it shows is collected here (a context variable,
reset by the middleware at each request), so no page can show a shop's status and forget
its expiry: the functions that answer "is it open" and "which shops" report it
themselves. Browsers get `max-age=0` and ask again each time: a purge cannot reach
them, and the front cache answers a revalidation in a millisecond.

Whoever is logged in, sends a cookie, sees a preview or receives one (a form's CSRF
cookie) gets `private, no-store`: nothing of theirs may be kept or shown to another.
"""

import logging
import math
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from functools import wraps
from urllib.error import URLError
from urllib.request import Request, urlopen

from django.conf import settings
from django.utils.cache import patch_cache_control

from core.clock import BRUSSELS, local_time, now

logger = logging.getLogger(__name__)

SITE = "site"  # every response carries it: purging it empties the front cache
# A 404, 410 or redirect: purged by any page change, which may fill the gap, and by any
# change of the redirects (Wagtail's, which staff edit).
MISSING = "missing"
SITEMAP = "sitemap"
# The lists a response may show, each purged when what it lists changes (the apps say
# which page types change which list, `caching.register_page_lists`):
# - directory: the directory's results (its pages, map and data files, counts);
# - nearby: the nearby shops on a shop's page (who is a neighbour);
# - offers, stories, operations: the lists of those pages (feeds, sections, home).
DIRECTORY, NEARBY, OFFERS, STORIES, OPERATIONS = (
    "directory",
    "nearby",
    "offers",
    "stories",
    "operations",
)
LIST_KEYS = (DIRECTORY, NEARBY, OFFERS, STORIES, OPERATIONS)

CACHEABLE_STATUSES = {200, 301, 404, 410}
# Keys per purge request: the header stays well under servers' limits (8 kB).
KEYS_PER_PURGE = 200


def page_key(page):
    """The key of `page` (anything with a tree `path`): its own page and its cards."""
    return page_key_of_path(page.path)


def page_key_of_path(path):
    return f"page-{path}"


def tree_key(path):
    return f"tree-{path}"


def page_keys(page):
    """What the page `page` itself carries: its key, and the tree keys of its path and of
    each above it."""
    from core.tree import ancestor_paths  # Wagtail's models, loaded with the apps

    return [page_key(page), tree_key(page.path)] + [
        tree_key(path) for path in ancestor_paths(page.path)
    ]


@dataclass
class Shown:
    """What the response being rendered shows: its keys, and the first moment it may read
    differently by the clock alone (None: only midnight and the ceiling bound it)."""

    keys: set = field(default_factory=set)
    changes_at: datetime | None = None


_shown = ContextVar("front_cache_shown", default=None)


def shows(*keys):
    """Say that the response being rendered shows what `keys` name."""
    current = _shown.get()
    if current is not None:
        current.keys.update(keys)


def changes_at(moment):
    """Say that the response being rendered may read differently from `moment` on (an
    aware datetime; None: never by the clock)."""
    current = _shown.get()
    if current is None or moment is None:
        return
    if current.changes_at is None or moment < current.changes_at:
        current.changes_at = moment


def current():
    """What the response being rendered shows so far (a `Shown`), or None outside a
    request: kept with a rendered page, to say it again when it is served from there."""
    return _shown.get()


def showing(*keys):
    """A view decorator: the view's responses show what `keys` name."""

    def decorator(view):
        @wraps(view)
        def view_showing(request, *args, **kwargs):
            shows(*keys)
            return view(request, *args, **kwargs)

        return view_showing

    return decorator


def next_midnight(moment):
    local = local_time(moment)
    return datetime.combine(local.date() + timedelta(days=1), time.min).replace(tzinfo=BRUSSELS)


def is_anonymous_request(request):
    """A request the front cache may answer from what it kept: read-only, without any
    cookie (so without a session: nobody logged in, no page password given) and not a
    preview."""
    return (
        request.method in ("GET", "HEAD")
        and not request.COOKIES
        and not getattr(request, "is_preview", False)
    )


def shareable(response):
    """Whether a shared cache may keep `response` to an anonymous request: a status it
    keeps, no cookie set, and the same for every such request of its URL but for the
    encoding (`Vary: Cookie` says nothing more to requests without any)."""
    if response.cookies or response.status_code not in CACHEABLE_STATUSES:
        return False
    vary = {name.strip().lower() for name in response.get("Vary", "").split(",")}
    return vary <= {"", "accept-encoding", "cookie"}


def lifetime(shown, at):
    """Whole seconds from `at` until a response that showed what `shown` says may read
    differently: its own next change, midnight, or FRONT_CACHE_MAX_AGE, whichever comes
    first. Rounded down: a cache never keeps it past the moment."""
    until = next_midnight(at)
    if shown.changes_at is not None and shown.changes_at < until:
        until = shown.changes_at
    return min(settings.FRONT_CACHE_MAX_AGE, math.floor((until - at).total_seconds()))


def shared_lifetime(response, shown, at):
    """How many seconds from `at` a shared cache may keep `response`, made for an
    anonymous request; None when it may not keep it (core.page_cache keeps what the
    front cache may)."""
    if response.has_header("Cache-Control") or not shareable(response):
        return None
    seconds = lifetime(shown, at)
    return seconds if seconds >= 1 else None


def surrogate_keys(response, shown):
    """The keys that purge `response`, which showed what `shown` says."""
    keys = {SITE, *shown.keys}
    if response.status_code in (301, 404, 410):
        keys.add(MISSING)
    return keys


def cache_control(request, response, shown, at):
    """Set `response`'s Cache-Control (and Surrogate-Key) for the front cache."""
    if response.has_header("Cache-Control"):
        return  # the view decided (the admin's never_cache, the beacon's)
    if not is_anonymous_request(request) or not shareable(response):
        patch_cache_control(response, private=True, no_store=True)
        return
    seconds = lifetime(shown, at)
    if seconds < 1:
        patch_cache_control(response, no_cache=True, max_age=0)
        return
    patch_cache_control(response, public=True, max_age=0, s_maxage=seconds)
    response["Surrogate-Key"] = " ".join(sorted(surrogate_keys(response, shown)))


class FrontCacheMiddleware:
    """Collects what each response shows while Django makes it, then says in its headers
    how long a shared cache may keep it and which keys purge it. It sits above the
    middleware that may set cookies (sessions, CSRF, messages), to see them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        shown = Shown()
        token = _shown.set(shown)
        try:
            response = self.get_response(request)
        finally:
            _shown.reset(token)
        cache_control(request, response, shown, now())
        return response


def send_purge(keys):
    """Ask each front cache of FRONT_CACHE_PURGE_URLS to drop what carries one of `keys`.
    A cache that cannot be reached is logged, not raised: the change is saved, and what
    the cache keeps expires by itself within FRONT_CACHE_MAX_AGE."""
    keys = sorted(keys)
    for url in settings.FRONT_CACHE_PURGE_URLS:
        for start in range(0, len(keys), KEYS_PER_PURGE):
            chunk = " ".join(keys[start : start + KEYS_PER_PURGE])
            request = Request(url, method="PURGE", headers={"xkey-purge": chunk})
            try:
                with urlopen(request, timeout=settings.FRONT_CACHE_PURGE_TIMEOUT) as answer:
                    answer.read()
            except (URLError, OSError) as error:
                logger.error("Front cache %s not purged of %s: %s", url, chunk, error)
