"""A shop's weekly opening hours, its public-holiday rule and its special hours
(holidays, braderie...).

Weekdays are integers, Monday = 0, never compared through a locale's day names. A range
whose closing time is not after its opening time ends after midnight and belongs to
the day it starts on (22:00–02:00 on Friday is Friday night).

Public holidays are an eighth "day" of the weekly rows (`Weekday.PUBLIC_HOLIDAY`, as
OpenStreetMap's `PH` is a day like `Mo`): a shop whose rule is "its own hours" opens
on a public holiday in the rows of that day. Its rule (`HolidayRule`, on the shop)
says whether those rows count, or the weekday's, or none.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("lundi")
    TUESDAY = 1, _("mardi")
    WEDNESDAY = 2, _("mercredi")
    THURSDAY = 3, _("jeudi")
    FRIDAY = 4, _("vendredi")
    SATURDAY = 5, _("samedi")
    SUNDAY = 6, _("dimanche")
    # Not a day of the week: the ranges of a shop open on public holidays at hours of
    # its own (HolidayRule.OWN_HOURS).
    PUBLIC_HOLIDAY = 7, _("jours fériés")


class HolidayRule(models.TextChoices):
    """What a shop does on a Belgian public holiday (directory.public_holidays), unless
    special hours cover the date."""

    CLOSED = "closed", _("fermé")
    USUAL_HOURS = "usual", _("horaires habituels")
    OWN_HOURS = "own", _("horaires propres (lignes « jours fériés » des horaires)")


class OpeningHours(Orderable):
    """One opening range on one weekday; a day with a lunch break has two."""

    shop = ParentalKey("directory.ShopPage", on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("jour"), choices=Weekday.choices)
    opens = models.TimeField(_("ouvre à"))
    closes = models.TimeField(
        _("ferme à"), help_text=_("Une heure plus tôt que l'ouverture veut dire : le lendemain.")
    )

    panels = [FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])]

    class Meta(Orderable.Meta):
        verbose_name = _("plage d'ouverture")
        verbose_name_plural = _("horaires d'ouverture")
        # "Open now" reads one weekday's rows by time (directory.hours.open_at_q); with
        # the shop last, the indexes answer it without reading the table. The ranges
        # still running from the day before are the few that end after midnight: a
        # partial index holds just those.
        indexes = [
            models.Index(
                fields=["weekday", "opens", "closes", "shop"], name="directory_hours_open_at"
            ),
            models.Index(
                fields=["weekday", "closes", "shop"],
                condition=Q(closes__lte=F("opens")),
                name="directory_hours_overnight",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class SpecialHours(Orderable):
    """A date range whose hours replace the weekly ones: closed ("Congés"), or open on
    this row's range ("Braderie", 10:00–20:00). Several rows with the same dates give
    several ranges a day."""

    shop = ParentalKey("directory.ShopPage", on_delete=models.CASCADE, related_name="special_hours")
    start_date = models.DateField(_("du"))
    end_date = models.DateField(_("au"))
    label = models.CharField(_("motif"), max_length=60, blank=True, help_text=_("p. ex. Congés"))
    closed = models.BooleanField(_("fermé"), default=False)
    opens = models.TimeField(_("ouvre à"), null=True, blank=True)
    closes = models.TimeField(_("ferme à"), null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date"), FieldPanel("label")]),
        FieldRowPanel([FieldPanel("closed"), FieldPanel("opens"), FieldPanel("closes")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("horaire exceptionnel")
        verbose_name_plural = _("horaires exceptionnels")

    def __str__(self):
        return f"{self.label or _('Horaire exceptionnel')} {self.start_date}–{self.end_date}"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("La fin ne peut pas précéder le début.")
        if self.closed and (self.opens or self.closes):
            errors["closed"] = _(
                "Un jour fermé n'a pas d'heures : videz-les ou décochez « fermé »."
            )
        if not self.closed:
            if self.opens is None:
                errors["opens"] = _("Indiquez l'heure d'ouverture, ou cochez « fermé ».")
            if self.closes is None:
                errors["closes"] = _("Indiquez l'heure de fermeture, ou cochez « fermé ».")
        if errors:
            raise ValidationError(errors)
