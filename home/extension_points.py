"""Where the apps above `home` plug into it: Wagtail hooks, registered in the upper
app's `wagtail_hooks.py`, and the Panel they return.

Every floor's extension points follow this pattern (docs/design-notes.md, "Floors and
extension points"): the lower app names the hook and says its contract here, calls it
through one function below, and never imports the apps that answer it.
"""

from dataclasses import dataclass, field

from wagtail import hooks

# fn(request, page, sections) -> Panel | None
#   `page` is the HomePage, `sections` its live, public, in-menu children (specific),
#   already loaded: a panel finds its section's URL among them without a query. The
#   page shows the panels in the hooks' order (register(..., order=n)), between the
#   hero and the section cards. A panel costs a fixed number of queries.
HOME_PAGE_PANELS = "home_page_panels"

# fn() -> a Page model or None
#   The page type the site's search box sends its query to (the first live, public
#   child of the home page of that type). Without one, the page frame shows no box.
SITE_SEARCH_PAGE = "home_site_search_page"


@dataclass(frozen=True)
class Panel:
    """A piece of a lower app's page (or e-mail) that an upper app provides: `template`,
    rendered with the page's context plus `context` (the `render_panel` tag in
    home.templatetags.site_tags), as `{% include %}` would. A panel loads the renditions
    of the pictures it shows itself, for all of them at once (core.images.load_renditions):
    it knows their sizes."""

    template: str
    context: dict = field(default_factory=dict)


def panels(hook_name, *args, **kwargs):
    """The Panels that the functions registered for `hook_name` return, in their order
    (a function may return None: nothing to show)."""
    found = (fn(*args, **kwargs) for fn in hooks.get_hooks(hook_name))
    return [panel for panel in found if panel is not None]


def home_page_panels(request, page, sections):
    return panels(HOME_PAGE_PANELS, request, page, sections)


def section_url(sections, page_type, request):
    """The URL of the first of `sections` (a home page panel's) of `page_type`, or None."""
    return next((page.get_url(request) for page in sections if isinstance(page, page_type)), None)


def site_search_page_types():
    """The page types the site's search box may send its query to (SITE_SEARCH_PAGE)."""
    models = (fn() for fn in hooks.get_hooks(SITE_SEARCH_PAGE))
    return tuple(model for model in models if model is not None)
