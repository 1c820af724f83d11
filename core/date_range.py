"""Pages that run from a first to a last day (an offer, a campaign)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel


def dates_panel():
    """The editor's row of the first and the last day."""
    return FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates"))


class DateRangeMixin:
    """Mixed in before Page by a model with `start_date` and `end_date` fields (each
    model declares its own: their defaults and whether the end may be empty differ):
    the last day may not come before the first."""

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Le dernier jour suit le premier.")})
