"""The site's navigation (header menu, footer links, the search page's URL), cached.

Every public page shows it, and it only changes when a page is published, unpublished,
moved or deleted, so it is computed once per site and kept in the cache until one of
those happens (see home.signals)."""

from dataclasses import dataclass

from django.core.cache import cache

from vitrine.caching import STALE_AFTER

CACHE_KEY = "vitrine:navigation:{site_id}"


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    url_path: str


@dataclass(frozen=True)
class Section:
    """A live, public child of the home page, enough to fetch it as its own type."""

    slug: str
    model: str  # "app_label.modelname"
    pk: int


@dataclass(frozen=True)
class Navigation:
    menu: tuple  # of Link: the top-level pages shown in menus
    footer: tuple  # of Link: the text pages ("À propos", "Vie privée"...)
    search_url: str | None  # where the search box sends its query (the directory)
    sections: tuple = ()  # of Section: every live, public child of the home page


def build_navigation(site):
    from home.extension_points import site_search_page_types
    from home.models import StandardPage

    search_page_types = site_search_page_types()
    children = site.root_page.get_children().live().public().specific()
    menu, footer, search_url, sections = [], [], None, []
    for child in children:
        sections.append(Section(child.slug, child._meta.label_lower, child.pk))
        link = Link(child.title, child.get_url(current_site=site), child.url_path)
        if child.show_in_menus:
            menu.append(link)
        elif isinstance(child, StandardPage):
            footer.append(link)
        if isinstance(child, search_page_types) and search_url is None:
            search_url = link.url
    return Navigation(tuple(menu), tuple(footer), search_url, tuple(sections))


def navigation_for(site):
    key = CACHE_KEY.format(site_id=site.pk)
    navigation = cache.get(key)
    if navigation is None:
        navigation = build_navigation(site)
        cache.set(key, navigation, timeout=STALE_AFTER)
    return navigation


def forget_navigation(**kwargs):
    """Drop every site's cached navigation (signal receiver)."""
    from wagtail.models import Site

    cache.delete_many(
        [CACHE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    )


def search_url(request):
    """Where the site's search box sends its query (the directory page), or None."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    return navigation_for(site).search_url if site is not None else None
