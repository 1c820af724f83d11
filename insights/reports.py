"""The "Fréquentation" report as a whole: its tables for a period and a day
(insights.period, insights.traffic, insights.health), and one table by its slug for
the CSV export.

Every table runs a fixed number of grouped queries, whatever the number of shops,
pages and days: the report's cost grows with the rows it shows, not with the data.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from insights.health import (
    health_table,
    inactive_merchants_table,
    shops_list_table,
    shops_without_photo,
    shops_without_recent_offer,
)
from insights.operations import operations_table
from insights.period import Period
from insights.search_gaps import SearchGaps, search_gaps
from insights.tables import Table
from insights.traffic import (
    SOURCE_TABLES,
    daily_series,
    daily_table,
    searches_table,
    source_tables,
    top_shops_table,
    totals_table,
)


def report_table(slug, period, today, limit=None):
    """One table of the report by its slug (for CSV export), or None."""
    builders = {
        "totaux": lambda: totals_table(period),
        "jours": lambda: daily_table(daily_series(period)),
        "commerces-vues": lambda: top_shops_table(period, "views", limit),
        "commerces-intentions": lambda: top_shops_table(period, "intents", limit),
        "recherches": lambda: searches_table(period, limit),
        "recherches-sans-resultat": lambda: searches_table(period, limit, without_result=True),
        "sante": lambda: health_table(today),
        "commerces-sans-photo": lambda: shops_list_table(
            "commerces-sans-photo",
            _("Commerces sans photo"),
            shops_without_photo(),
            limit,
            _("Tous les commerces ont une photo."),
        ),
        "commerces-sans-offre": lambda: shops_list_table(
            "commerces-sans-offre",
            _("Commerces sans offre ces 4 dernières semaines"),
            shops_without_recent_offer(today),
            limit,
            _("Tous les commerces ont publié une offre ces 4 dernières semaines."),
        ),
        "commercants-inactifs": lambda: inactive_merchants_table(today, limit),
        "operations": lambda: operations_table(period, limit),
    }
    if slug in builders:
        return builders[slug]()
    if slug in {table_slug for _label, table_slug, _title in SOURCE_TABLES}:
        return source_tables(period, limit, only=slug)[0]
    return None


@dataclass
class Report:
    period: Period
    totals: Table
    series: list
    daily: Table
    shops: list  # two tables: by views, by intents
    sources: list  # offers, stories, campaigns
    operations: Table  # the city's operations held during the period
    searches: list  # most made, without result
    search_gaps: SearchGaps  # the searches without result, run again today
    health: Table
    health_lists: list


def build_report(period, today, limit=10):
    series = daily_series(period)
    return Report(
        period=period,
        totals=totals_table(period),
        series=series,
        daily=daily_table(series),
        shops=[top_shops_table(period, "views", limit), top_shops_table(period, "intents", limit)],
        sources=source_tables(period, limit),
        operations=operations_table(period, limit),
        searches=[searches_table(period, limit), searches_table(period, limit, True)],
        search_gaps=search_gaps(period, limit),
        health=health_table(today),
        health_lists=[
            report_table("commerces-sans-photo", period, today, limit),
            report_table("commerces-sans-offre", period, today, limit),
            report_table("commercants-inactifs", period, today, limit),
        ],
    )
