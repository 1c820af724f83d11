"""What the home app's pages show: the home page's template context, assembled here so
that HomePage.get_context only calls it. The apps above add their panels to it
(home.extension_points.HOME_PAGE_PANELS)."""

from home.extension_points import home_page_panels


def home_page_context(page, request):
    from home.models import StandardPage

    # The site's sections (directory, offers, stories), each introduced by a card;
    # text pages such as "À propos" are linked from the footer instead.
    sections = list(page.get_children().live().public().in_menu().not_type(StandardPage).specific())
    return {
        "sections": sections,
        # What the apps above show here: the directory's categories, the week's offers,
        # the stories.
        "panels": home_page_panels(request, page, sections),
    }
