"""The period a report covers: its dates, the one before, and how the query string
asks for it."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

PERIOD_CHOICES = [7, 30, 90]
DEFAULT_DAYS = 30
MAX_PERIOD_DAYS = 366


@dataclass(frozen=True)
class Period:
    """From `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def previous(self):
        """The period of the same length just before."""
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end)

    def dates(self):
        return [self.start + timedelta(days=offset) for offset in range(self.days)]


def last_days(days, today):
    return Period(today - timedelta(days=days - 1), today)


@dataclass
class PeriodChoice:
    period: Period
    days: int | None  # 7, 30 or 90; None for chosen dates
    notices: list = field(default_factory=list)


def parse_period(params, today):
    """The period asked for in the query string: `periode` = 7, 30 or 90 (days up to
    today), or `du` and `au` (ISO dates). Anything unusable falls back to the last 30
    days, with a notice saying why; nothing in it can fail."""
    start_text, end_text = params.get("du", "").strip(), params.get("au", "").strip()
    notices = []
    if start_text or end_text:
        try:
            start, end = parse_date(start_text[:10]), parse_date(end_text[:10])
        except ValueError:
            start = end = None
        if start is None or end is None:
            notices.append(_("Les dates sont à donner au format AAAA-MM-JJ."))
        elif start > end:
            notices.append(_("La date de début suit la date de fin."))
        elif end > today:
            notices.append(_("La période ne peut pas finir après aujourd'hui."))
        elif (end - start).days + 1 > MAX_PERIOD_DAYS:
            notices.append(_("Une période dure au plus 366 jours."))
        else:
            return PeriodChoice(Period(start, end), None)
    days = params.get("periode", "")
    if days and days not in {str(choice) for choice in PERIOD_CHOICES}:
        notices.append(_("Période inconnue : les 30 derniers jours sont affichés."))
        days = ""
    days = int(days or DEFAULT_DAYS)
    return PeriodChoice(last_days(days, today), days, notices)
