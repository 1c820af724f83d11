"""What every map of the site is told by its element's data-* attributes: the site's
tiles and the French words static/js/map.js puts on Leaflet's controls (whose own are
English). One place, so the directory's, a shop's, a story's, an operation's map and the
editor's position picker all say the same."""

from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

CONTROL_LABELS = {
    "zoom-in": _("Zoom avant"),
    "zoom-out": _("Zoom arrière"),
    "close-popup": _("Fermer"),
}


def map_data_attributes(site_settings):
    """The data-* attributes (safe HTML, each with a leading space) of a map element, from
    `site_settings` (home.models.SiteSettings): tiles, credits and the controls' words."""
    attributes = {
        "tile-url": site_settings.map_tile_url,
        "attribution": site_settings.map_attribution,
        **CONTROL_LABELS,
    }
    return format_html_join("", ' data-{}="{}"', attributes.items())
