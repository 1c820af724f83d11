"""The report's city operations: for each operation held during the period, its page's
views, how many shops joined, and its shops' views and intents during its days (an
opening day's date, a scheme's period), within the period. Five queries in all,
whatever the number of operations, shops and days."""

from datetime import date

from django.db.models import Count, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from directory.models import OperationDay, OperationKind, OperationPage, OperationParticipation
from insights.models import INTENT_KINDS, DailyCount, EventKind
from insights.tables import Table, cut, edit_link, in_period


def held_during_q(period):
    """OperationPages with a day (or a scheme's period) within `period`."""
    days = OperationDay.objects.filter(in_period(period, "date")).values("operation_id")
    scheme = Q(kind=OperationKind.SCHEME, start_date__lte=period.end) & (
        Q(end_date__isnull=True) | Q(end_date__gte=period.start)
    )
    return Q(kind=OperationKind.OPENING_DAYS, pk__in=days) | scheme


def _sum_of(counts, kinds):
    rows = counts.filter(kind__in=kinds).values("page_id").annotate(total=Sum("count"))
    return Coalesce(Subquery(rows.values("total")[:1]), Value(0))


def _shop_figures(participations, days_q):
    """Each participation's shop's views and intents on the days `days_q` (a Q on
    DailyCount relative to the participation): one query, a row per participation."""
    counts = DailyCount.objects.filter(days_q, page_id=OuterRef("shop_id"))
    return participations.annotate(
        views=_sum_of(counts, [EventKind.VIEW]),
        intents=_sum_of(counts, INTENT_KINDS),
        **{kind: _sum_of(counts, [kind]) for kind in INTENT_KINDS},
    ).values("operation_id", "views", "intents", *INTENT_KINDS)


def operation_figures(period):
    """[{operation, dates, shops, page_views, views, intents, <intent kind>...}] for the
    live operations held during `period`, soonest first."""
    operations = list(
        OperationPage.objects.live()
        .filter(held_during_q(period))
        .annotate(shop_count=Count("participations"))
        .prefetch_related("days")
        .order_by("pk")
    )
    ids = [operation.pk for operation in operations]
    if not ids:
        return []
    page_views = dict(
        DailyCount.objects.filter(in_period(period), page_id__in=ids, kind=EventKind.VIEW)
        .values("page_id")
        .annotate(total=Sum("count"))
        .values_list("page_id", "total")
    )
    participations = OperationParticipation.objects.filter(operation_id__in=ids)
    opening_days = OperationDay.objects.filter(
        operation_id=OuterRef(OuterRef("operation_id")), date__gte=period.start
    ).filter(date__lte=period.end)
    rows = list(
        _shop_figures(
            participations.filter(operation__kind=OperationKind.OPENING_DAYS),
            Q(day__in=opening_days.values("date")),
        )
    )
    schemes = participations.filter(operation__kind=OperationKind.SCHEME).annotate(
        first=Greatest("operation__start_date", Value(period.start)),
        last=Least(Coalesce("operation__end_date", Value(period.end)), Value(period.end)),
    )
    rows += _shop_figures(schemes, Q(day__gte=OuterRef("first"), day__lte=OuterRef("last")))
    figures = {
        operation.pk: {
            "operation": operation,
            "first_day": _first_day(operation),
            "shops": operation.shop_count,
            "page_views": page_views.get(operation.pk, 0),
            "views": 0,
            "intents": 0,
            **dict.fromkeys(INTENT_KINDS, 0),
        }
        for operation in operations
    }
    for row in rows:
        line = figures[row["operation_id"]]
        for key in ("views", "intents", *INTENT_KINDS):
            line[key] += row[key]
    return sorted(figures.values(), key=lambda line: (line["first_day"], line["operation"].pk))


def _first_day(operation):
    if operation.kind == OperationKind.SCHEME:
        return operation.start_date or date.min
    dates = [day.date for day in operation.days.all()]
    return min(dates) if dates else date.min


def _dates(operation):
    if operation.kind == OperationKind.SCHEME:
        end = date_format(operation.end_date, "j M Y") if operation.end_date else "…"
        return f"{date_format(operation.start_date, 'j M Y')} – {end}"
    days = sorted(day.date for day in operation.days.all())
    return ", ".join(date_format(day, "j M Y") for day in days)


def operations_table(period, limit=None):
    lines, more = cut(operation_figures(period), limit)
    return Table(
        "operations",
        _("Opérations de la ville"),
        [
            _("Opération"),
            _("Dates"),
            _("Commerces inscrits"),
            _("Vues de la page"),
            _("Vues des commerces pendant l'opération"),
            _("Intentions pendant l'opération"),
            *(EventKind(kind).label for kind in INTENT_KINDS),
        ],
        [
            [
                edit_link(line["operation"].pk, line["operation"].title),
                _dates(line["operation"]),
                line["shops"],
                line["page_views"],
                line["views"],
                line["intents"],
                *(line[kind] for kind in INTENT_KINDS),
            ]
            for line in lines
        ],
        empty=_("Aucune opération pendant cette période."),
        more=more,
    )
