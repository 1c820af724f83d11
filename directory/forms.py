"""The shop's admin form: the page form merchants use (images they may choose only, see
core.admin_forms), which also checks that the public-holiday rule and the "jours
fériés" rows of the weekly hours agree."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin_forms import ChoosableMediaPageForm
from directory.models.opening_hours import HolidayRule, Weekday


def _holiday_rows(formset):
    """The formset's kept rows whose day is "jours fériés"."""
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None)
        and not form.cleaned_data.get("DELETE")
        and form.cleaned_data.get("weekday") == Weekday.PUBLIC_HOLIDAY
    ]


class ShopPageForm(ChoosableMediaPageForm):
    def clean(self):
        cleaned_data = super().clean()
        rule = cleaned_data.get("public_holidays")
        formset = self.formsets.get("opening_hours")
        # A bad row is reported by the formset itself; nothing to compare then.
        if rule is None or formset is None or not formset.is_valid():
            return cleaned_data
        rows = _holiday_rows(formset)
        if rule == HolidayRule.OWN_HOURS and not rows:
            self.add_error(
                "public_holidays",
                ValidationError(
                    _(
                        "Pour des horaires propres, ajoutez aux horaires de la semaine au "
                        "moins une ligne au jour « jours fériés »."
                    )
                ),
            )
        elif rule != HolidayRule.OWN_HOURS and rows:
            self.add_error(
                "public_holidays",
                ValidationError(
                    _(
                        "Les horaires de la semaine ont des lignes « jours fériés » : "
                        "choisissez « horaires propres », ou supprimez ces lignes."
                    )
                ),
            )
        return cleaned_data
