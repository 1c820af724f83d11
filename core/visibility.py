"""Which pages the public may see: live is Wagtail's `live()`, and a page is public when
neither it nor an ancestor carries a view restriction (a password, a login, a group).
Every listing of the site (the directory, the offers, the stories) asks here."""

from django.core.cache import cache
from django.db.models import Exists, Q
from wagtail.models import PageViewRestriction

from core import tree
from core.caching import cached

# Dropped when a restriction is saved or deleted (a deleted page takes its restrictions
# along) and when a page is moved, which changes its path and its descendants' (core.apps).
CACHE_ENTRY = "restricted-paths"
RESTRICTED_PATHS_KEY = "vitrine:restricted-page-paths"


def restricted_paths():
    """The tree paths of the pages that carry a view restriction (kept in the cache:
    there are few, they change rarely, and the cache is dropped when they do)."""
    # Elsewhere (another process without a shared cache), a restriction added takes at
    # most STALE_AFTER to leave the listings; Wagtail refuses the page itself at once.
    return cached(
        RESTRICTED_PATHS_KEY,
        lambda: tuple(
            sorted(set(PageViewRestriction.objects.values_list("page__path", flat=True)))
        ),
    )


def public_q():
    """Pages without a view restriction on themselves or an ancestor: the same as
    PageQuerySet.public(), which costs a query of its own to read the restrictions.
    Never a query: public_paths_q()'s plain conditions when the restricted pages are in
    the cache (a listing has read them), else a correlated NOT EXISTS in SQL."""
    paths = cache.get(RESTRICTED_PATHS_KEY)
    if paths is not None:
        return _outside(paths)
    return ~Exists(PageViewRestriction.objects.filter(tree.at_or_above_outer_q("page__path")))


def public_paths_q():
    """The same as public_q(), as plain conditions on the page's own path from the
    cached restricted pages: none at all when nothing is restricted. public_q()'s
    correlated NOT EXISTS costs a subquery per listed page, which PostgreSQL runs by
    reading the page table once per row. One query when the cache is cold."""
    return _outside(restricted_paths())


def _outside(paths):
    """Pages that are not at or below any of the tree `paths`."""
    condition = Q()
    for path in paths:
        condition &= ~tree.at_or_below_q(path)
    return condition


def forget_restricted_paths(**kwargs):
    cache.delete(RESTRICTED_PATHS_KEY)


class ViewRestrictionsFromCache:
    """Mixed into the site's page types, before Page. Wagtail asks the page it serves
    for its view restrictions at every visit (its `check_view_restrictions`): two
    queries, the page's ancestors and then their restrictions. When no page of the site
    carries any (restricted_paths(), kept in the cache and dropped when a restriction is
    saved or deleted), the answer is "none" without a query; otherwise Wagtail's own
    (a restriction on an alias's source page applies to the alias, which paths alone do
    not tell).

    Where no signal reaches (another process without a shared cache), a first
    restriction takes effect there within STALE_AFTER, the bound the kept pages
    (core.page_cache) already have: with Redis, at once everywhere."""

    def get_view_restrictions(self):
        if not restricted_paths():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
