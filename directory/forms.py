"""The shop's admin form: the page form merchants use (images they may choose only, see
core.admin_forms), which also places the shop from its typed address (the city's address
register, directory.address_register) and checks that the public-holiday rule and the
"jours fériés" rows of the weekly hours agree."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin_forms import ChoosableMediaPageForm
from directory.address_register import Outcome, locate
from directory.models.opening_hours import HolidayRule, Weekday

ADDRESS_FIELDS = ("street", "postcode", "locality")
POINT_FIELDS = ("latitude", "longitude")


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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The address or the map gives the point, and `place_shop` says what is missing
        # in words: the hidden inputs' own "required" would name fields nobody sees.
        for name in POINT_FIELDS:
            if name in self.fields:
                self.fields[name].required = False

    def place_shop(self, cleaned_data):
        """Set the shop's point from its address when the address changed and the map
        was not used since (the register's point replaces the old one), or when the shop
        has no point yet; a point moved on the map stays while the address does not
        change. An address changed to a street the register does not know is an error
        until the map places the shop; where the register covers nothing (not loaded),
        the map is the way and the old point stays. A point is required to publish."""
        if not all(name in self.fields for name in ("street", *POINT_FIELDS)):
            return
        # A field the form leaves out (for some editors) keeps the shop's value.
        address = [
            cleaned_data.get(name) if name in self.fields else getattr(self.instance, name)
            for name in ADDRESS_FIELDS
        ]
        has_point = None not in (cleaned_data.get("latitude"), cleaned_data.get("longitude"))
        address_changed = any(name in self.changed_data for name in ADDRESS_FIELDS)
        point_moved = any(name in self.changed_data for name in POINT_FIELDS)
        if has_point and (point_moved or not address_changed):
            return
        location = locate(*(value or "" for value in address))
        if location.found:
            cleaned_data["latitude"], cleaned_data["longitude"] = location.point
        elif location.outcome is Outcome.NOT_FOUND or (
            not has_point and not self.is_deferred_validation
        ):
            self.add_error("street", ValidationError(location.message, code="address_not_found"))

    def clean(self):
        cleaned_data = super().clean()
        self.place_shop(cleaned_data)
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
