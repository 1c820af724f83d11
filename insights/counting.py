"""Counting: what an event may say, checking it against the page tree, and adding one to
a day's total atomically.

An event is a page (the object), a kind, and optionally the page it happened on
(`from`, e.g. a story showing a shop card) and the same-site page the visitor came from
(`via`, the path of document.referrer). Either may name the *source*: the offer, story
or campaign that led to the event. Attribution is by referrer and by the page the click
happened on, not by a parameter added to links or anything stored on the device: it
needs no cookie and no sessionStorage, shared links stay clean, and it only ever says
"this story's page linked here", which identifies nobody.
"""

import hashlib
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from wagtail.models import Page

from core.caching import cached
from core.clock import today
from core.text import normalise
from insights.models import INTENT_KINDS, NO_SOURCE, DailyCount, DailySearch, EventKind

SHOP = "directory.shoppage"
DIRECTORY = "directory.directorypage"
OFFER = "offers.offerpage"
STORY = "stories.storypage"
CAMPAIGN = "stories.campaignpage"
OPERATION = "directory.operationpage"

# Which kinds each page type may be counted for.
KINDS_BY_TYPE = {
    SHOP: {EventKind.VIEW, *INTENT_KINDS},
    OFFER: {EventKind.VIEW},
    STORY: {EventKind.VIEW},
    CAMPAIGN: {EventKind.VIEW},
    DIRECTORY: {EventKind.VIEW},
    OPERATION: {EventKind.VIEW},
}
# The pages that can lead a resident to a shop, and are credited for it in the reports.
SOURCE_TYPES = {OFFER, STORY, CAMPAIGN, OPERATION}
SEARCH = "search"

MAX_VIA_LENGTH = 300
MAX_SEARCH_LENGTH = 500


class BadEvent(ValueError):
    """The payload names no countable object or kind: the beacon answers 400."""


@dataclass(frozen=True)
class Event:
    page_id: int
    kind: str
    source_page_id: int = NO_SOURCE


@dataclass(frozen=True)
class SearchEvent:
    query: str
    found: bool
    # False when the query looks like personal data: answered as usual, never stored.
    kept: bool = True


# --- Looking pages up (cached: a beacon should cost one write, not three reads) ------


def _page_key(page_id):
    return f"insights:page:{page_id}"


def page_type(page_id):
    """The type label ("directory.shoppage") of the live page `page_id`, or "" if there
    is no such live page."""

    def load():
        row = Page.objects.filter(pk=page_id, live=True).values_list("content_type_id").first()
        if row is None:
            return ""
        content_type = ContentType.objects.get_for_id(row[0])
        return f"{content_type.app_label}.{content_type.model}"

    return cached(_page_key(page_id), load)


@dataclass(frozen=True)
class SiteRoot:
    """What the beacon needs of the request's Wagtail site."""

    pk: int
    root_url_path: str


def site_root_for_request(request):
    """The request's site as a SiteRoot, or None (no query: core.sites keeps the sites
    in the cache)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    return SiteRoot(site.pk, site.root_page.url_path) if site is not None else None


def _path_key(site, path):
    digest = hashlib.sha256(path.encode()).hexdigest()[:32]
    return f"insights:path:{site.pk}:{digest}"


def page_at_path(site, path):
    """The id of the live page of `site` at `path` ("/histoires/la-fete/"), or None."""

    def load():
        url_path = site.root_url_path + path.strip("/") + "/" if path.strip("/") else ""
        row = None
        if url_path:
            row = Page.objects.filter(url_path=url_path, live=True).values_list("pk").first()
        return row[0] if row else 0

    return cached(_path_key(site, path), load) or None


def forget_page_lookups(instance, **kwargs):
    """Drop the cached type of the page `instance` (signal receiver)."""
    cache.delete(_page_key(instance.pk))


# --- Reading a payload -----------------------------------------------------------

# The members a payload may have; each is checked for its JSON type before anything is
# looked up, so that no list, object, number or odd string reaches a lookup, a cache key
# or a query (PostgreSQL refuses NUL characters; no database takes lone surrogates).
MEMBERS = {"page", "kind", "from", "via", "q", "found"}
KINDS = {*EventKind.values, SEARCH}


def _page_id(value):
    # bool is an int in Python; a JSON true is not a page id.
    if type(value) is not int or not 0 < value < 2**31:
        raise BadEvent("a page id is a positive integer")
    return value


def _text(value, max_length):
    """`value` if it is a string a database can store (no NUL character, no lone
    surrogate from a JSON escape such as \\ud800) of at most `max_length` characters."""
    if not isinstance(value, str) or len(value) > max_length or "\x00" in value:
        raise BadEvent("a text member is a short string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        raise BadEvent("a text member is valid Unicode") from error
    return value


def _kind(value):
    if not isinstance(value, str) or value not in KINDS:
        raise BadEvent("unknown kind")
    return value


def _via_path(value):
    if value is None or value == "":
        return None
    value = _text(value, MAX_VIA_LENGTH)
    if not value.startswith("/"):
        raise BadEvent("via is a path on this site")
    if value.startswith("//"):
        return None  # another host: no attribution
    return urlsplit(value).path


def _found(value):
    if not isinstance(value, bool):
        raise BadEvent("found is true or false")
    return value


def _members(payload):
    """The payload's members, each checked for its shape (absent or null members as
    None); raises BadEvent for a payload that is not an object, or has a member it
    should not."""
    if not isinstance(payload, dict):
        raise BadEvent("the payload is a JSON object")
    if not payload.keys() <= MEMBERS:
        raise BadEvent("unknown member")
    return {
        "page": _page_id(payload.get("page")),
        "kind": _kind(payload.get("kind")),
        "from": _optional(_page_id, payload.get("from")),
        "via": _via_path(payload.get("via")),
        "q": _optional(lambda value: _text(value, MAX_SEARCH_LENGTH), payload.get("q")),
        "found": _optional(_found, payload.get("found")),
    }


def _optional(check, value):
    """None for an absent (or null) member, else `check(value)`."""
    return None if value is None else check(value)


def parse_event(payload, site):
    """The Event or SearchEvent `payload` (a beacon's decoded JSON) describes; raises
    BadEvent for anything else: an unknown kind, a page that is not live, a kind the
    page cannot have (a call on a story), an unknown or malformed member."""
    members = _members(payload)
    page_id, kind = members["page"], members["kind"]
    label = page_type(page_id)
    if not label:
        raise BadEvent("no such live page")
    if kind == SEARCH:
        return _parse_search(members, label)
    if kind not in KINDS_BY_TYPE.get(label, ()):
        raise BadEvent("this kind is not counted for this page")
    source = NO_SOURCE
    origin, via = members["from"], members["via"]
    if origin is not None:
        origin_label = page_type(origin)
        if not origin_label:
            raise BadEvent("no such live page")
        if origin != page_id and origin_label in SOURCE_TYPES:
            source = origin
    if source == NO_SOURCE and via and site is not None:
        referrer = page_at_path(site, via)
        if referrer and referrer != page_id and page_type(referrer) in SOURCE_TYPES:
            source = referrer
    return Event(page_id, kind, source)


def _parse_search(members, label):
    if label != DIRECTORY:
        raise BadEvent("searches are counted on the directory")
    query, found = members["q"], members["found"]
    if query is None or found is None:
        raise BadEvent("a search is a query text and whether it found anything")
    text = normalise(query)[: DailySearch.MAX_LENGTH].strip()
    if not text:
        raise BadEvent("an empty search")
    return SearchEvent(text, found, kept=not is_personal(query))


def is_personal(query):
    """Whether a search looks like it holds personal data (an e-mail address or a phone
    number): such searches are not kept, even as a total."""
    digits = sum(character.isdigit() for character in query)
    return "@" in query or digits >= 6


# --- Adding to the totals ----------------------------------------------------------


def _upsert(model, key_fields, values, amount):
    """INSERT the row, or add `amount` to its count if its key exists: one statement,
    atomic on SQLite (3.24+) and PostgreSQL alike, so concurrent beacons never lose an
    increment and never collide on the unique key."""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [*key_fields, "count"]
    quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    key = ", ".join(connection.ops.quote_name(column) for column in key_fields)
    count = connection.ops.quote_name("count")
    sql = (
        f"INSERT INTO {table} ({quoted}) VALUES ({placeholders}) "
        f"ON CONFLICT ({key}) DO UPDATE SET {count} = {table}.{count} + excluded.{count}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*values, amount])


def add_count(day, page_id, kind, source_page_id=NO_SOURCE, amount=1):
    _upsert(
        DailyCount,
        ["day", "page_id", "kind", "source_page_id"],
        [day, page_id, kind, source_page_id],
        amount,
    )


def add_search(day, query, found, amount=1):
    _upsert(DailySearch, ["day", "query", "found"], [day, query, found], amount)


def record(event, day=None):
    """Add one to the day's total for `event` (an Event or a SearchEvent)."""
    day = day or today()
    if isinstance(event, SearchEvent):
        if event.kept:
            add_search(day, event.query, event.found)
        return
    add_count(day, event.page_id, event.kind, event.source_page_id)
