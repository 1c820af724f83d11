"""What each change of the content purges from the front cache (core.front_cache): the
keys of the responses that showed what changed, registered with core.caching like the
site's other cache entries (under FRONT_CACHE), so the registry's test walks them too.

A page published, unpublished, moved or deleted purges itself and what lies below it
(their breadcrumbs and addresses), its cards, its parent's page and cards (a shop's page
lists its offers; a shop's card says it has one), the lists its type appears in (which the
apps declare with `register_page_lists`), the sitemap and the cached "not found" answers.
A row (hours, a photo, a shop featured in a story...) purges the keys the apps' `keys_of`
gives for it; data every page shows (the site, its settings, the categories and
districts) purges `site`, everything.
"""

from core import caching
from core import front_cache as keys
from core.tree import parent_path

FRONT_CACHE = "front-cache"
# The home page (depth 2) and its children: every page's menus and footer show them.
NAVIGATION_DEPTH = 3

_page_lists = {}  # {page model: list keys its changes purge}


def register_page_lists(model, *list_keys):
    """Say that a page of `model` published, unpublished, moved or deleted changes the
    lists `list_keys` (core.front_cache.LIST_KEYS): they show pages of its type, chosen
    by a query, so a page that newly belongs there carries none of its own keys yet."""
    _page_lists.setdefault(model, set()).update(list_keys)


_page_keys = {}  # {page model: functions giving more keys a change of its page purges}


def register_page_keys(model, keys_of):
    """Say that a page of `model` published, unpublished, moved or deleted also purges
    `keys_of(page)` (the pages that show it without being its parent)."""
    _page_keys.setdefault(model, []).append(keys_of)


def page_lists(model):
    return {
        key
        for registered, found in _page_lists.items()
        if issubclass(model, registered)
        for key in found
    }


def keys_of_page(page, model=None):
    """What a change of `page` (published, unpublished, deleted) purges."""
    found = {
        keys.page_key(page),
        keys.tree_key(page.path),
        keys.SITEMAP,
        keys.MISSING,
        *page_lists(model or type(page)),
    }
    above = parent_path(page.path)
    if above:
        found.add(keys.page_key_of_path(above))
    if page.depth <= NAVIGATION_DEPTH:
        found.add(keys.SITE)
    # A deleted page comes as a plain Page: its rows' deletions purge what they showed.
    for registered, functions in _page_keys.items():
        if isinstance(page, registered):
            for keys_of in functions:
                found |= set(keys_of(page))
    return found


def page_changed(instance, parent_page_before=None, parent_page_after=None, **kwargs):
    """Purge what a page's change concerns (signal receiver: published, unpublished and
    moved give the specific page; deleted, each Page row)."""
    content_type = instance.content_type if instance.content_type_id else None
    model = content_type.model_class() if content_type else None
    found = keys_of_page(instance, model or type(instance))
    for parent in (parent_page_before, parent_page_after):
        if parent is not None:
            # A move: everything below the old parent too, the moved pages' old
            # addresses, whose paths are gone.
            found |= {keys.page_key(parent), keys.tree_key(parent.path)}
    caching.purge(found)


def register_rows(model, keys_of, *, rows=caching.ROW_CHANGES):
    """Purge `keys_of(row, **signal arguments)` (an iterable of keys) when a row of
    `model` goes through one of `rows` (saved, deleted)."""

    def purge_row(instance, **kwargs):
        caching.purge(set(keys_of(instance, **kwargs)))

    purge_row.__qualname__ = f"purge_row.{model._meta.label}"
    caching.register(FRONT_CACHE, purge_row, models=(model,), rows=rows, after_commit=False)


SAVED, DELETED = caching.SAVED, caching.DELETED


def everything(instance, **kwargs):
    return {keys.SITE}


def missing(instance, **kwargs):
    """The answers for addresses with no page (404, 410, redirects): a redirect added,
    changed or removed changes one of them."""
    return {keys.MISSING}


def everything_unless_new(instance, created=False, **kwargs):
    """Everything, for a row shown wherever (a picture) changed or deleted; nothing for a
    new one, which nothing shows yet."""
    return set() if created else {keys.SITE}


def connect():
    """Connect the page changes (from core's `ready()`)."""
    caching.register(FRONT_CACHE, page_changed, pages=caching.PAGE_CHANGES, after_commit=False)
