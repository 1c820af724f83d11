"""The communication team's campaign stories."""

from django.utils.translation import gettext_lazy as _

from home.models import SectionIndexPage


class StoriesPage(SectionIndexPage):
    """/histoires/: campaign stories about the city's merchants."""

    subpage_types = []

    class Meta:
        verbose_name = _("page des histoires")
        verbose_name_plural = _("pages des histoires")
