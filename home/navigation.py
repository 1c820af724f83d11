"""The site's navigation (header menu, footer links, the search page's URL) and its
sections (the home page's children, as their own types), cached.

Every public page shows the navigation, and every page below the home page is routed
through a section; both only change when a page is published, unpublished, moved or
deleted, or a view restriction is added or removed, so they are computed once per site
and kept in the cache until one of those happens (see home.apps). A request reads the
navigation from the cache once, however many parts of the page show it (navigation_of)."""

from dataclasses import dataclass

from django.core.cache import cache

from core import tree
from core.caching import STALE_AFTER, cached

CACHE_KEY = "vitrine:navigation:{site_id}"
SECTIONS_KEY = "vitrine:sections:{site_id}"
# Where a request keeps its site's navigation once read.
REQUEST_ATTRIBUTE = "_vitrine_navigation"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    url_path: str


@dataclass(frozen=True)
class Navigation:
    menu: tuple  # of Link: the top-level pages shown in menus
    footer: tuple  # of Link: the text pages ("À propos", "Vie privée"...)
    search_url: str | None  # where the search box sends its query (the directory)


def build_navigation(site):
    from home.extension_points import site_search_page_types
    from home.models import StandardPage

    search_page_types = site_search_page_types()
    children = site.root_page.get_children().live().public().specific()
    menu, footer, search_url = [], [], None
    for child in children:
        link = Link(child.title, child.get_url(current_site=site), child.url_path)
        if child.show_in_menus:
            menu.append(link)
        elif isinstance(child, StandardPage):
            footer.append(link)
        if isinstance(child, search_page_types) and search_url is None:
            search_url = link.url
    return Navigation(tuple(menu), tuple(footer), search_url)


def navigation_for(site):
    return cached(CACHE_KEY.format(site_id=site.pk), lambda: build_navigation(site))


def navigation_of(request):
    """The navigation of the request's site, or None without a site (or a request):
    read from the cache at the first call and kept on the request for the others (the
    menu, the footer, the search box, the home page's sections...)."""
    if request is None:
        return None
    if not hasattr(request, REQUEST_ATTRIBUTE):
        from wagtail.models import Site

        site = Site.find_for_request(request)
        setattr(request, REQUEST_ATTRIBUTE, navigation_for(site) if site is not None else None)
    return getattr(request, REQUEST_ATTRIBUTE)


def section_pages_for(site):
    """Every live, public child of the site's root page, as its own type, in tree order:
    the pages that routing walks through to every page below the home page, and the
    home page's section cards. Kept in the cache with the navigation (dropped with it)."""

    def build():
        return tuple(site.root_page.get_children().live().public().specific())

    return cached(SECTIONS_KEY.format(site_id=site.pk), build)


# The path of each site's root page, for `forget_navigation` to tell which pages can
# change a navigation without a query per page.
ROOTS_KEY = "vitrine:navigation:roots"


def _site_roots():
    """[(site id, root page's tree path)] of every site, cached."""
    from wagtail.models import Site

    roots = cache.get(ROOTS_KEY)
    if roots is None:
        roots = list(Site.objects.values_list("pk", "root_page__path"))
        cache.set(ROOTS_KEY, roots, timeout=STALE_AFTER)
    return roots


def shows_in_navigation(page, root_paths):
    """Whether publishing, unpublishing or deleting `page` can change a navigation: it is
    a child of a site's root page (a section, a menu or footer link), or the root page or
    one of its ancestors (whose slug is in every link's path). A shop, an offer or a
    story, deeper down, cannot: an import publishing thousands of them keeps the menus."""
    parent_path = tree.parent_path(page.path)
    return any(parent_path == root or root.startswith(page.path) for root in root_paths)


def forget_navigation(sender=None, instance=None, **kwargs):
    """Drop every site's cached navigation (signal receiver), unless the signal is about
    a page that cannot be in one (`shows_in_navigation`). A moved page always drops it
    (its old place is not on the instance)."""
    from wagtail.models import Page
    from wagtail.signals import post_page_move

    roots = _site_roots()
    if (
        isinstance(instance, Page)
        and instance.path
        and kwargs.get("signal") is not post_page_move
        and not shows_in_navigation(instance, [path for _, path in roots])
    ):
        return
    keys = [key.format(site_id=pk) for pk, _ in roots for key in (CACHE_KEY, SECTIONS_KEY)]
    cache.delete_many([*keys, ROOTS_KEY])


def search_url(request):
    """Where the site's search box sends its query (the directory page), or None."""
    navigation = navigation_of(request)
    return navigation.search_url if navigation is not None else None
