"""Admin widgets for the directory: the map on which an editor places a shop."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class MapPickerWidget(forms.HiddenInput):
    """The hidden latitude input followed by a map (static/js/admin-map-picker.js):
    clicking the map sets the latitude and the longitude input, and a point set in them
    (by the address lookup, static/js/admin-address-lookup.js) moves the marker. Nobody
    types coordinates: the address places the shop, the map corrects it."""

    def __init__(self, longitude_field="longitude", attrs=None):
        super().__init__(attrs=attrs)
        self.longitude_field = longitude_field

    class Media:
        css = {"all": ["leaflet/leaflet.css"]}
        # Leaflet, the maps' shared setup, then the picker (static/js/map.js says why),
        # and the lookup of the typed address in the city's register.
        js = [
            "leaflet/leaflet.js",
            "js/map.js",
            "js/admin-map-picker.js",
            "js/admin-address-lookup.js",
        ]

    def render(self, name, value, attrs=None, renderer=None):
        from wagtail.models import Site

        from home.models import SiteSettings

        input_html = super().render(name, value, attrs, renderer)
        site = Site.objects.filter(is_default_site=True).first()
        tiles = SiteSettings.for_site(site) if site else None
        if tiles is None or not tiles.map_tile_url:
            return input_html
        latitude_id = (attrs or {}).get("id", f"id_{name}")
        longitude_id = latitude_id[: -len(name)] + self.longitude_field
        return format_html(
            '{}<div class="map-picker" data-latitude-input="{}" data-longitude-input="{}" '
            'data-tile-url="{}" data-attribution="{}" data-zoom-in="{}" data-zoom-out="{}" '
            'role="application" aria-label="{}" hidden></div>',
            input_html,
            latitude_id,
            longitude_id,
            tiles.map_tile_url,
            tiles.map_attribution,
            _("Zoom avant"),
            _("Zoom arrière"),
            _("Carte : cliquez pour placer le commerce"),
        )
