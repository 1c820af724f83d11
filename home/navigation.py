"""The site's navigation (header menu, footer links, the directory's URL), cached.

Every public page shows it, and it only changes when a page is published, unpublished,
moved or deleted, so it is computed once per site and kept in the cache until one of
those happens (see home.apps)."""

from dataclasses import dataclass

from django.core.cache import cache

from core.caching import cached

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
    directory_url: str | None
    sections: tuple = ()  # of Section: every live, public child of the home page


def build_navigation(site):
    from directory.models import DirectoryPage
    from home.models import StandardPage

    children = site.root_page.get_children().live().public().specific()
    menu, footer, directory_url, sections = [], [], None, []
    for child in children:
        sections.append(Section(child.slug, child._meta.label_lower, child.pk))
        link = Link(child.title, child.get_url(current_site=site), child.url_path)
        if child.show_in_menus:
            menu.append(link)
        elif isinstance(child, StandardPage):
            footer.append(link)
        if isinstance(child, DirectoryPage) and directory_url is None:
            directory_url = link.url
    return Navigation(tuple(menu), tuple(footer), directory_url, tuple(sections))


def navigation_for(site):
    return cached(CACHE_KEY.format(site_id=site.pk), lambda: build_navigation(site))


def forget_navigation(**kwargs):
    """Drop every site's cached navigation (signal receiver)."""
    from wagtail.models import Site

    cache.delete_many(
        [CACHE_KEY.format(site_id=pk) for pk in Site.objects.values_list("pk", flat=True)]
    )
