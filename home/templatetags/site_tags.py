"""Pieces of the page frame (menu, footer links, search box) that need the current site.

Each returns nothing when there is no request, as on the 500 page, which Django
renders without one (and which must not touch a database that may be the cause).
"""

from django import template
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from core import page_meta as meta_of
from core.site_url import absolute_url
from home.maps import map_data_attributes
from home.models import SiteSettings
from home.navigation import navigation_of

register = template.Library()


def _navigation(context):
    return navigation_of(context.get("request"))


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


@register.inclusion_tag("components/meta.html", takes_context=True)
def page_meta(context, title="", robots=""):
    """The page's description, robots directive, canonical and OpenGraph/Twitter card
    (core.page_meta): the context's `meta` when the page's context made one, else the
    page's own. A view that is no page gets them only when it names its `title` (the
    error pages do); `robots` adds a directive ("noindex" on an error page)."""
    request = context.get("request")
    meta = context.get("meta")
    page = context.get("page")
    if meta is None and isinstance(page, Page) and request is not None:
        meta = meta_of.for_page(page, request)
    if meta is None and title:
        meta = meta_of.PageMeta(
            title=title,
            description=_site_description(request),
            canonical=absolute_url(request.path) if request is not None else "",
        )
    if meta is not None and robots:
        meta = meta.with_robots(robots)
    return {"meta": meta, "site_name": _site_name(request)}


def _city_name(request):
    from home.models import SiteSettings

    if request is None or Site.find_for_request(request) is None:
        return ""
    return SiteSettings.for_request(request).city_name


def _site_name(request):
    city = _city_name(request)
    return f"{_('Vitrine')} {city}" if city else _("Vitrine")


def _site_description(request):
    city = _city_name(request)
    if not city:
        return _("Les commerces de la ville : horaires, adresses et offres de la semaine.")
    return _("Les commerces de %(city)s : horaires, adresses et offres de la semaine.") % {
        "city": city
    }
