"""Admin widgets for the directory: the map on which an editor places a shop."""

from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from home.maps import map_data_attributes


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
            '{}<div class="map-picker" data-latitude-input="{}" data-longitude-input="{}"{} '
            'role="application" aria-label="{}" hidden></div>',
            input_html,
            latitude_id,
            longitude_id,
            map_data_attributes(tiles),
            _("Carte : cliquez pour placer le commerce"),
        )


class WeekHoursWidget(forms.Widget):
    """The week as a grid: a line per day (and one for public holidays) with its
    ranges as pairs of time inputs, the second being the hours after the lunch break.
    Plain inputs, so it works without JavaScript; static/js/admin-hours.js adds
    "Fermé" and "Copier sur les autres jours" to each line.

    Its value is {weekday: [(opens, closes), ...]}, times or the texts typed; the
    submitted value is the texts, or None when the form sent no grid at all (a request
    that did not come from this form must not empty the week)."""

    template_name = "directory/widgets/week_hours.html"
    # More slots than any day is shown with are ignored: they came from no form.
    MOST_SLOTS = 6

    class Media:
        css = {"all": ["css/admin-hours.css"]}
        js = ["js/admin-hours.js"]

    def value_from_datadict(self, data, files, name):
        from directory.merchant_hours import GRID_DAYS

        grid, seen = {}, False
        for day in GRID_DAYS:
            grid[day] = []
            for slot in range(self.MOST_SLOTS):
                opens = data.get(f"{name}-{day}-{slot}-opens")
                closes = data.get(f"{name}-{day}-{slot}-closes")
                if opens is None and closes is None:
                    continue
                seen = True
                grid[day].append((str(opens or "").strip(), str(closes or "").strip()))
        return grid if seen else None

    def format_value(self, value):
        return value

    def render(self, name, value, attrs=None, renderer=None):
        # The site's templates, not the form renderer's (which sees only the apps').
        from django.template.loader import render_to_string

        return render_to_string(self.template_name, self.get_context(name, value, attrs))

    def get_context(self, name, value, attrs):
        from directory.merchant_hours import GRID_DAYS, RANGES_PER_DAY
        from directory.models.opening_hours import Weekday

        context = super().get_context(name, value, attrs)
        grid = value or {}
        days = []
        for day in GRID_DAYS:
            ranges = list(grid.get(day, []))
            ranges += [("", "")] * (max(RANGES_PER_DAY, len(ranges)) - len(ranges))
            days.append(
                {
                    "number": day,
                    "name": Weekday(day).label,
                    "is_holiday": day == Weekday.PUBLIC_HOLIDAY,
                    "slots": [
                        {
                            "number": slot,
                            "opens": _clock_text(opens),
                            "closes": _clock_text(closes),
                            "opens_name": f"{name}-{day}-{slot}-opens",
                            "closes_name": f"{name}-{day}-{slot}-closes",
                        }
                        for slot, (opens, closes) in enumerate(ranges)
                    ],
                }
            )
        context["widget"]["days"] = days
        return context


def _clock_text(value):
    """ "09:30" for a time, the text as typed otherwise."""
    if hasattr(value, "strftime"):
        return value.strftime("%H:%M")
    return value or ""


class OneLineHoursInput(forms.TextInput):
    """The week on one line, followed by the line as the form first showed it (Django's
    `initial-` hidden input, which Wagtail's field template does not render): the form
    tells a line the merchant changed from one it merely sends back."""

    def __init__(self, shown="", attrs=None):
        super().__init__(attrs={"spellcheck": "false", "autocomplete": "off", **(attrs or {})})
        self.shown = shown

    def render(self, name, value, attrs=None, renderer=None):
        hidden = forms.HiddenInput().render(f"initial-{name}", self.shown, renderer=renderer)
        return super().render(name, value, attrs, renderer) + hidden
