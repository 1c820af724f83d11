"""The shop directory."""

from django.utils.translation import gettext_lazy as _

from home.models import SectionIndexPage


class DirectoryPage(SectionIndexPage):
    """/commerces/: every shop of the city, searchable. The home page's search box
    sends its query here."""

    subpage_types = []

    class Meta:
        verbose_name = _("annuaire des commerces")
        verbose_name_plural = _("annuaires des commerces")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Whatever the query string holds, the page answers; a long query is cut short.
        context["query"] = request.GET.get("q", "").strip()[:100]
        return context
