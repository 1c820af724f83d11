"""An organisation that runs something with the city (a campaign, an operation): a
traders' association, a local radio, the bank behind the chèques commerce. A page type
with partners subclasses `Partner`, adding its ParentalKey (related name "partners");
the public pages show them with components/partners.html."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable

from core.images import optional_image

# A partner's logo as components/partners.html shows it.
PARTNER_LOGO = "max-160x80|format-webp"


class Partner(Orderable):
    name = models.CharField(_("nom"), max_length=120)
    logo = optional_image(_("logo"))
    url = models.URLField(_("site web"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("logo"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        abstract = True
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")

    def __str__(self):
        return self.name
