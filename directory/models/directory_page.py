"""The shop directory page and its sub-routes (map data, open data)."""

from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from home.models import SectionIndexPage


class DirectoryPage(RoutablePageMixin, SectionIndexPage):
    """/commerces/: every shop of the city, searchable and filterable. The home page's
    search box sends its query here."""

    subpage_types = ["directory.ShopPage"]

    class Meta:
        verbose_name = _("annuaire des commerces")
        verbose_name_plural = _("annuaires des commerces")

    @path("")
    def index_route(self, request):
        from directory import views

        return views.directory(request, self)

    @path("carte.geojson")
    def map_geojson(self, request):
        """The shops of the current search as GeoJSON, for the map."""
        from directory import views

        return views.map_geojson(request, self)

    @path("donnees.geojson")
    def open_data_geojson(self, request):
        """Every live shop as open data (GeoJSON)."""
        from directory import open_data

        return open_data.geojson_response(request, self)

    @path("donnees.csv")
    def open_data_csv(self, request):
        """Every live shop as open data (the import/export CSV)."""
        from directory import open_data

        return open_data.csv_response(request, self)
