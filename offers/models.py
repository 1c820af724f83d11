"""The merchants' offers."""

from django.utils.translation import gettext_lazy as _

from home.models import SectionIndexPage


class OffersPage(SectionIndexPage):
    """/offres/: the feed of this week's offers, across all shops."""

    subpage_types = []

    class Meta:
        verbose_name = _("fil des offres")
        verbose_name_plural = _("fils des offres")
