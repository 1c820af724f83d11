"""Pieces of the page frame (menu, footer links, search box) that need the current site.

Each returns nothing when there is no request, as on the 500 page, which Django
renders without one (and which must not touch a database that may be the cause).
"""

from django import template
from wagtail.models import Site

from directory.models import DirectoryPage
from home.models import StandardPage

register = template.Library()


def _site(context):
    request = context.get("request")
    return Site.find_for_request(request) if request is not None else None


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    site = _site(context)
    current = context.get("page")
    items = []
    if site is not None:
        for item in site.root_page.get_children().live().public().in_menu():
            is_current = current is not None and current.url_path.startswith(item.url_path)
            items.append({"page": item, "is_current": is_current})
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    site = _site(context)
    pages = (
        site.root_page.get_children().live().public().type(StandardPage) if site is not None else []
    )
    return {"pages": pages, "request": context.get("request")}


@register.inclusion_tag("components/search_form.html", takes_context=True)
def directory_search_form(context, query="", heading_id=""):
    """The "find a shop" box; it sends its query to the site's directory page."""
    site = _site(context)
    return {
        "directory": DirectoryPage.for_site(site),
        "query": query,
        "heading_id": heading_id,
        "request": context.get("request"),
    }
