"""What the home app's pages show: the home page's template context, assembled here so
that HomePage.get_context only calls it. The apps above add their panels to it
(home.extension_points.HOME_PAGE_PANELS)."""

from django.utils.translation import gettext as _

from core import page_meta as meta_of
from core.structured_data import json_ld_script
from home.extension_points import home_page_panels
from home.navigation import search_url, section_pages_for
from home.structured_data import website_json_ld


def home_page_context(page, request):
    from home.models import SiteSettings, StandardPage

    # The site's sections (directory, offers, stories), each introduced by a card;
    # text pages such as "À propos" are linked from the footer instead.
    sections = [
        section
        for section in section_pages(page, request)
        if section.live and section.show_in_menus and not isinstance(section, StandardPage)
    ]
    settings = SiteSettings.for_request(request)
    home_url = page.get_full_url(request)
    site_name = f"{_('Vitrine')} {settings.city_name}".strip()
    return {
        "meta": meta_of.for_page(
            page,
            request,
            title=page.seo_title or page.hero_heading,
            description=meta_of.description_of(page) or meta_of.plain_description(page.hero_text),
            image=meta_of.share_image(page.hero_image),
        ),
        "structured_data": json_ld_script(
            website_json_ld(
                name=site_name,
                home_url=home_url,
                search_url=search_url(request),
                settings=settings,
            )
        ),
        "sections": sections,
        # What the apps above show here: the directory's categories, the week's offers,
        # the stories.
        "panels": home_page_panels(request, page, sections),
    }


def section_pages(page, request):
    """The public children of the home `page`, as their own types, in tree order. When
    it is the site's root, the cached sections (every live, public child, no query;
    Wagtail's children query is a range of paths which, on SQLite, reads every page
    below the home page, the shops included, so the home page cost more with every
    shop). Elsewhere (a preview, another site's page) Wagtail's own query."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None or site.root_page_id != page.pk:
        return list(page.get_children().public().specific())
    return section_pages_for(site)
