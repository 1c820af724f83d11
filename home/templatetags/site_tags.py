"""Pieces of the page frame (menu, footer links, search box) that need the current site.

Each returns nothing when there is no request, as on the 500 page, which Django
renders without one (and which must not touch a database that may be the cause).
"""

from django import template
from wagtail.models import Site

from home.maps import map_data_attributes
from home.models import SiteSettings
from home.navigation import navigation_for

register = template.Library()


def _navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return navigation_for(site) if site is not None else None


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    navigation = _navigation(context)
    current = context.get("page")
    items = [
        {
            "link": link,
            "is_current": current is not None and current.url_path.startswith(link.url_path),
        }
        for link in (navigation.menu if navigation else ())
    ]
    return {"items": items, "request": context.get("request")}


@register.inclusion_tag("components/footer_links.html", takes_context=True)
def footer_links(context):
    navigation = _navigation(context)
    return {"links": navigation.footer if navigation else (), "request": context.get("request")}


@register.simple_tag(takes_context=True)
def render_panel(context, panel):
    """A Panel an upper app put on this page (home.extension_points.Panel): its template,
    rendered with the page's context plus the panel's own, as `{% include %}` does."""
    template = context.template.engine.get_template(panel.template)
    with context.push(panel.context):
        return template.render(context)


@register.inclusion_tag("components/search_form.html", takes_context=True)
def directory_search_form(context, query="", heading_id=""):
    """The "find a shop" box; it sends its query to the site's search page
    (home.extension_points.SITE_SEARCH_PAGE: the directory)."""
    navigation = _navigation(context)
    return {
        "directory_url": navigation.search_url if navigation else None,
        "query": query,
        "heading_id": heading_id,
        "request": context.get("request"),
    }


@register.simple_tag(takes_context=True)
def map_attributes(context):
    """The current site's map attributes (home.maps), inside a map element's tag."""
    request = context.get("request")
    if request is None or Site.find_for_request(request) is None:
        return ""
    return map_data_attributes(SiteSettings.for_request(request))
