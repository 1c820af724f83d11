"""The shop directory page."""

from django.utils.translation import gettext_lazy as _

from directory.routing import route_to_child
from home.models import SectionIndexPage


class DirectoryPage(SectionIndexPage):
    """/commerces/: every shop of the city, searchable and filterable. The home page's
    search box sends its query here. Its data files (carte.geojson, donnees.geojson,
    donnees.csv) are served by directory.urls, because Wagtail's page URLs have no dots."""

    subpage_types = ["directory.ShopPage"]

    class Meta:
        verbose_name = _("annuaire des commerces")
        verbose_name_plural = _("annuaires des commerces")

    def route(self, request, path_components):
        if path_components:
            return route_to_child(self, request, path_components)
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        from django.utils import timezone

        from directory.page_context import directory_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(directory_page_context(self, request, timezone.now()))
        return context
