"""The shop's admin form: the page form merchants use (images they may choose only, see
core.admin_forms), which also places the shop from its typed address (the city's address
register, directory.address_register) and checks that the public-holiday rule and the
"jours fériés" rows of the weekly hours agree.

Staff edit the hours with Wagtail's inline rows, as always. Merchants get the hours
in their own words instead (`directory.merchant_hours`): the week as a grid, or on one
line in OpenStreetMap's form, a lunch break and a holiday closure in one action each,
and "Mes horaires sont à jour". The form turns them into the same rows, on the page
it saves, so a draft, a revision, moderation and publication work as for any edit; a
merchant's form has no inline rows of weekly hours, so a crafted POST of them is
ignored."""

import re
from datetime import time

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin_forms import ChoosableMediaPageForm
from core.admin_panels import STAFF_ONLY
from core.clock import today
from directory import merchant_hours
from directory.address_register import Outcome, locate
from directory.models.opening_hours import HolidayRule, OpeningHours, SpecialHours, Weekday
from directory.widgets import OneLineHoursInput, WeekHoursWidget

# The merchant's fields; staff's form has none of them.
MERCHANT_HOURS_FIELDS = (
    "week_hours",
    "hours_line",
    "lunch_start",
    "lunch_end",
    "closure_start",
    "closure_end",
    "closure_label",
    "hours_confirmed",
)
# "9:30", "09:30", "9h30", "9h": what a browser without a time input lets people type.
_CLOCK = re.compile(r"^(\d{1,2})(?:[:hH.](\d{2})?)?$")


def is_staff(user):
    """Whether `user` edits the hours with the full inline rows (offers.merchants
    .is_staff_member asks the same permission). A form built in code, without a user,
    is nobody's submission and keeps the full editor."""
    return user is None or (user.is_active and user.has_perm(STAFF_ONLY))


def _clock(text, day_name):
    match = _CLOCK.match(text)
    if match:
        hours, minutes = int(match[1]), int(match[2] or 0)
        if hours < 24 and minutes < 60:
            return time(hours, minutes)
    raise ValidationError(
        gettext("%(day)s : « %(clock)s » n'est pas une heure (attendu HH:MM, p. ex. 09:30).")
        % {"day": day_name, "clock": text[:20]}
    )


class WeekHoursField(forms.Field):
    """The week's grid (WeekHoursWidget) read into rows: a line left empty is a closed
    day; a range needs both its times. Its value is None when the form sent no grid."""

    widget = WeekHoursWidget

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def clean(self, value):
        if value is None:
            return None
        if not isinstance(value, dict):
            raise ValidationError(gettext("Les horaires envoyés ne sont pas lisibles."))
        rows, errors = [], []
        for day, ranges in value.items():
            day_name = Weekday(day).label.capitalize()
            day_ranges = []
            for opens_text, closes_text in ranges:
                if not opens_text and not closes_text:
                    continue
                if not opens_text or not closes_text:
                    errors.append(
                        gettext(
                            "%(day)s : indiquez l'heure d'ouverture et l'heure de fermeture, "
                            "ou aucune des deux."
                        )
                        % {"day": day_name}
                    )
                    continue
                try:
                    opens, closes = _clock(opens_text, day_name), _clock(closes_text, day_name)
                except ValidationError as error:
                    errors.extend(error.messages)
                    continue
                if opens == closes:
                    errors.append(
                        gettext("%(day)s : une plage ouvre et ferme à la même heure.")
                        % {"day": day_name}
                    )
                    continue
                day_ranges.append((opens, closes))
            if merchant_hours.overlapping(day_ranges):
                errors.append(gettext("%(day)s : des plages se chevauchent.") % {"day": day_name})
            rows.extend((day, opens, closes) for opens, closes in day_ranges)
        if errors:
            raise ValidationError(errors)
        return sorted(rows)

    def has_changed(self, initial, data):
        try:
            return self.clean(data) not in (None, sorted(merchant_hours.rows_of(initial or {})))
        except ValidationError:
            return True


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


OWN_HOURS_WITHOUT_ROWS = _(
    "Pour des horaires propres, ajoutez aux horaires de la semaine au moins une ligne au "
    "jour « jours fériés »."
)
ROWS_WITHOUT_OWN_HOURS = _(
    "Les horaires de la semaine ont des lignes « jours fériés » : choisissez « horaires "
    "propres », ou supprimez ces lignes."
)


class ShopPageForm(ChoosableMediaPageForm):
    week_hours = WeekHoursField(
        label=_("Horaires de la semaine"),
        help_text=_(
            "Un jour sans heures est fermé. Pour une pause de midi, remplissez la seconde "
            "plage, ou indiquez la pause plus bas pour tous les jours à la fois."
        ),
    )
    hours_line = forms.CharField(
        label=_("Ou en une ligne"),
        required=False,
        max_length=1000,
        show_hidden_initial=True,
        help_text=_(
            "Au format OpenStreetMap, p. ex. « Mo-Fr 09:00-18:00; Sa 10:00-17:00 » "
            "(Mo Tu We Th Fr Sa Su, PH pour les jours fériés). Si vous modifiez cette "
            "ligne, elle remplace le tableau."
        ),
    )
    lunch_start = forms.TimeField(
        label=_("Pause de midi de"),
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    lunch_end = forms.TimeField(
        label=_("à"),
        required=False,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Retirée de chaque jour ouvert qui la couvre, à l'enregistrement."),
    )
    closure_start = forms.DateField(
        label=_("Congés du"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    closure_end = forms.DateField(
        label=_("au"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    closure_label = forms.CharField(
        label=_("motif (facultatif)"),
        required=False,
        max_length=SpecialHours._meta.get_field("label").max_length,
        help_text=_("Le commerce est fermé ces jours-là ; « Congés » si vide."),
    )
    hours_confirmed = forms.BooleanField(
        label=_("Mes horaires sont à jour"),
        required=False,
        help_text=_("La fiche dira « Horaires vérifiés le » avec la date d'aujourd'hui."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The address or the map gives the point, and `place_shop` says what is missing
        # in words: the hidden inputs' own "required" would name fields nobody sees.
        for name in POINT_FIELDS:
            if name in self.fields:
                self.fields[name].required = False
        self.merchant_hours = not is_staff(self.for_user)
        if self.merchant_hours:
            # The grid replaces the inline rows; the confirmation date is today's, set
            # by "Mes horaires sont à jour", never typed.
            self.formsets.pop("opening_hours", None)
            self.fields.pop("hours_confirmed_on", None)
            rows = [
                (row.weekday, row.opens, row.closes) for row in self.instance.opening_hours.all()
            ]
            self.fields["week_hours"].initial = merchant_hours.grid_of(rows)
            line = merchant_hours.one_line(rows, self.instance.public_holidays)
            self.fields["hours_line"].initial = line
            # The line as this editor first showed it, kept through a form sent back.
            shown = self.data.get("initial-hours_line", line) if self.is_bound else line
            self.fields["hours_line"].widget = OneLineHoursInput(shown=shown)
        else:
            for name in MERCHANT_HOURS_FIELDS:
                self.fields.pop(name, None)

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
        if self.merchant_hours:
            self._clean_merchant_hours(cleaned_data)
            return cleaned_data
        rule = cleaned_data.get("public_holidays")
        formset = self.formsets.get("opening_hours")
        # A bad row is reported by the formset itself; nothing to compare then.
        if rule is None or formset is None or not formset.is_valid():
            return cleaned_data
        self._check_holiday_rule(rule, bool(_holiday_rows(formset)))
        return cleaned_data

    def _check_holiday_rule(self, rule, has_holiday_rows):
        if rule == HolidayRule.OWN_HOURS and not has_holiday_rows:
            self.add_error("public_holidays", ValidationError(OWN_HOURS_WITHOUT_ROWS))
        elif rule != HolidayRule.OWN_HOURS and has_holiday_rows:
            self.add_error("public_holidays", ValidationError(ROWS_WITHOUT_OWN_HOURS))

    def _clean_merchant_hours(self, cleaned_data):
        """Work out the merchant's rows (`self.new_week`: None keeps the week as it is)
        and special hours to add (`self.new_special`), or add the errors."""
        self.new_week, self.new_special = cleaned_data.get("week_hours"), []
        if "week_hours" in self.errors:
            return
        # Compared with the line as the form showed it (its hidden initial), not as the
        # page reads now: the editor's autosave may have saved the line's rows already.
        if "hours_line" in self.changed_data and "hours_line" not in self.errors:
            self._read_hours_line(cleaned_data)
        lunch_start, lunch_end = cleaned_data.get("lunch_start"), cleaned_data.get("lunch_end")
        if lunch_start or lunch_end:
            if not (lunch_start and lunch_end) or lunch_end <= lunch_start:
                self.add_error(
                    "lunch_end",
                    gettext("Indiquez le début et la fin de la pause, la fin après le début."),
                )
            elif self.new_week is not None:
                self.new_week = merchant_hours.with_lunch_break(
                    self.new_week, lunch_start, lunch_end
                )
        self._clean_closure(cleaned_data)
        rule = cleaned_data.get("public_holidays")
        if rule is not None and "hours_line" not in self.errors:
            rows = self.new_week
            if rows is None:
                rows = [(row.weekday,) for row in self.instance.opening_hours.all()]
            self._check_holiday_rule(rule, any(row[0] == Weekday.PUBLIC_HOLIDAY for row in rows))

    def _read_hours_line(self, cleaned_data):
        """The one-line entry replaces the grid, and says the holiday rule if it names
        PH; its dated rules ("Dec 24 09:00-12:00") become special hours."""
        text = cleaned_data.get("hours_line", "")
        try:
            hours = merchant_hours.read_one_line(text, today())
        except ValueError as error:
            self.add_error("hours_line", str(error))
            return
        self.new_week = hours.weekly
        if hours.holiday_rule is not None and "public_holidays" in cleaned_data:
            cleaned_data["public_holidays"] = hours.holiday_rule
        self.new_special.extend(merchant_hours.special_rows_of(hours.dated))

    def _clean_closure(self, cleaned_data):
        start, end = cleaned_data.get("closure_start"), cleaned_data.get("closure_end")
        label = cleaned_data.get("closure_label", "")
        if any(name in self.errors for name in ("closure_start", "closure_end")):
            return
        if not (start or end or label):
            return
        if not (start and end):
            self.add_error(
                "closure_end", gettext("Indiquez le premier et le dernier jour des congés.")
            )
        elif end < start:
            self.add_error("closure_end", gettext("Le dernier jour précède le premier."))
        elif end < today():
            self.add_error("closure_end", gettext("Ces congés sont déjà passés."))
        else:
            self.new_special.append(merchant_hours.closure_fields(start, end, label))

    def save(self, commit=True):
        if not self.merchant_hours:
            return super().save(commit)
        page = super().save(commit=False)
        if self.new_week is not None:
            page.opening_hours = _rows_keeping_ids(page.opening_hours.all(), self.new_week)
        if self.new_special:
            kept = list(page.special_hours.all())
            known = {merchant_hours.special_key(vars(row)) for row in kept}
            added = [
                SpecialHours(**fields)
                for fields in self.new_special
                if merchant_hours.special_key(fields) not in known
            ]
            page.special_hours = kept + added
        if self.cleaned_data.get("hours_confirmed"):
            page.hours_confirmed_on = today()
        if commit:
            page.save()
            self.save_m2m()
            # What WagtailAdminPageForm.save does on commit (it was asked not to).
            if self.show_comments_toggle and self.subscription:
                self.subscription.save()
        return page


def _rows_keeping_ids(existing, rows):
    """OpeningHours for `rows`, reusing the existing row of the same day and times (so
    the page's history compares like with like)."""
    free = {}
    for row in existing:
        free.setdefault((row.weekday, row.opens, row.closes), []).append(row)
    result = []
    for order, (weekday, opens, closes) in enumerate(rows):
        same = free.get((weekday, opens, closes))
        row = same.pop() if same else OpeningHours(weekday=weekday, opens=opens, closes=closes)
        row.sort_order = order
        result.append(row)
    return result
