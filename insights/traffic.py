"""What the site brought: totals and the daily series of views and intents, the shops
most seen, the offers, stories and campaigns and what they led to, the searches. Each
function runs a fixed number of grouped queries, whatever the number of shops, pages
and days."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from core import tree
from insights.counting import CAMPAIGN, OFFER, SHOP, STORY
from insights.models import INTENT_KINDS, NO_SOURCE, DailyCount, DailySearch, EventKind
from insights.tables import (
    Table,
    change,
    content_type_ids,
    cut,
    edit_link,
    first_rows,
    in_period,
)


def totals_table(period):
    """Each kind's total over the period and the one before, with the change."""
    previous = period.previous()
    rows = (
        DailyCount.objects.filter(day__gte=previous.start, day__lte=period.end)
        .values("kind")
        .annotate(
            current=Sum("count", filter=in_period(period), default=0),
            before=Sum("count", filter=in_period(previous), default=0),
        )
    )
    by_kind = {row["kind"]: (row["current"], row["before"]) for row in rows}
    searches = DailySearch.objects.filter(day__gte=previous.start, day__lte=period.end).aggregate(
        current=Sum("count", filter=in_period(period), default=0),
        before=Sum("count", filter=in_period(previous), default=0),
        empty_current=Sum("count", filter=in_period(period) & Q(found=False), default=0),
        empty_before=Sum("count", filter=in_period(previous) & Q(found=False), default=0),
    )
    views = by_kind.get(EventKind.VIEW, (0, 0))
    intents = [by_kind.get(kind, (0, 0)) for kind in INTENT_KINDS]
    all_intents = (sum(c for c, _b in intents), sum(b for _c, b in intents))
    lines = [
        (_("Pages vues"), views),
        (_("Intentions de visite (toutes)"), all_intents),
        *((EventKind(kind).label, by_kind.get(kind, (0, 0))) for kind in INTENT_KINDS),
        (_("Recherches dans l'annuaire"), (searches["current"], searches["before"])),
        (_("Recherches sans résultat"), (searches["empty_current"], searches["empty_before"])),
    ]
    return Table(
        "totaux",
        _("Totaux"),
        [_("Quoi"), _("Cette période"), _("Période précédente"), _("Évolution")],
        [[label, current, before, change(current, before)] for label, (current, before) in lines],
    )


@dataclass(frozen=True)
class DayFigures:
    day: date
    views: int
    intents: int


def daily_series(period):
    """Views and intents of each day of the period (zero on days without any)."""
    rows = (
        DailyCount.objects.filter(in_period(period))
        .values("day")
        .annotate(
            views=Sum("count", filter=Q(kind=EventKind.VIEW), default=0),
            intents=Sum("count", filter=Q(kind__in=INTENT_KINDS), default=0),
        )
    )
    by_day = {row["day"]: row for row in rows}
    return [
        DayFigures(
            day,
            by_day.get(day, {}).get("views", 0),
            by_day.get(day, {}).get("intents", 0),
        )
        for day in period.dates()
    ]


def daily_table(series):
    return Table(
        "jours",
        _("Par jour"),
        [_("Jour"), _("Pages vues"), _("Intentions")],
        [[figures.day.isoformat(), figures.views, figures.intents] for figures in series],
    )


def _shop_rows(period, order, limit):
    shop_type = content_type_ids(SHOP)[SHOP]
    intent_sums = {kind: Sum("count", filter=Q(kind=kind), default=0) for kind in INTENT_KINDS}
    rows = (
        DailyCount.objects.filter(in_period(period), page__content_type_id=shop_type)
        .values("page_id", "page__title")
        .annotate(
            views=Sum("count", filter=Q(kind=EventKind.VIEW), default=0),
            intents=Sum("count", filter=Q(kind__in=INTENT_KINDS), default=0),
            **intent_sums,
        )
        .filter(**{f"{order}__gt": 0})
        .order_by(f"-{order}", "page__title", "page_id")
    )
    return first_rows(rows, limit)


def top_shops_table(period, order, limit=None):
    """The shops with the most views (order="views") or intents (order="intents")."""
    rows, more = _shop_rows(period, order, limit)
    slug, title = (
        ("commerces-vues", _("Commerces les plus vus"))
        if order == "views"
        else ("commerces-intentions", _("Commerces avec le plus d'intentions de visite"))
    )
    return Table(
        slug,
        title,
        [_("Commerce"), _("Vues"), _("Intentions"), *(EventKind(k).label for k in INTENT_KINDS)],
        [
            [
                edit_link(row["page_id"], row["page__title"]),
                row["views"],
                row["intents"],
                *(row[kind] for kind in INTENT_KINDS),
            ]
            for row in rows
        ],
        more=more,
    )


def source_figures(period):
    """For each offer, story and campaign seen or credited in the period: its views,
    and the visits to shops and intents it led to. Three queries in all.

    Returns {type label: [row, ...]} with rows sorted by intents led, then views."""
    types = content_type_ids(OFFER, STORY, CAMPAIGN)
    type_by_id = {pk: label for label, pk in types.items() if pk is not None}
    figures = {}
    viewed = (
        DailyCount.objects.filter(
            in_period(period), kind=EventKind.VIEW, page__content_type_id__in=list(type_by_id)
        )
        .values("page_id", "page__title", "page__path", "page__content_type_id")
        .annotate(views=Sum("count"))
    )
    for row in viewed:
        figures[row["page_id"]] = {
            "page_id": row["page_id"],
            "title": row["page__title"],
            "path": row["page__path"],
            "type": type_by_id[row["page__content_type_id"]],
            "views": row["views"],
            "visits": 0,
            "intents": 0,
        }
    led = (
        DailyCount.objects.filter(in_period(period))
        .exclude(source_page_id=NO_SOURCE)
        .values("source_page_id")
        .annotate(
            visits=Sum("count", filter=Q(kind=EventKind.VIEW), default=0),
            intents=Sum("count", filter=Q(kind__in=INTENT_KINDS), default=0),
        )
    )
    led = {row["source_page_id"]: row for row in led}
    missing = set(led) - set(figures)
    if missing:
        pages = Page.objects.filter(pk__in=missing).values("pk", "title", "path", "content_type_id")
        for page in pages:
            label = type_by_id.get(page["content_type_id"])
            if label:
                figures[page["pk"]] = {
                    "page_id": page["pk"],
                    "title": page["title"],
                    "path": page["path"],
                    "type": label,
                    "views": 0,
                    "visits": 0,
                    "intents": 0,
                }
    for page_id, row in led.items():
        if page_id in figures:
            figures[page_id]["visits"] = row["visits"]
            figures[page_id]["intents"] = row["intents"]
    by_type = {OFFER: [], STORY: [], CAMPAIGN: []}
    for row in figures.values():
        by_type[row["type"]].append(row)
    for rows in by_type.values():
        rows.sort(key=lambda row: (-row["intents"], -row["views"], row["title"]))
    _add_shops(by_type[OFFER])
    return by_type


def _add_shops(offer_rows):
    """Give each offer's row its shop (its parent page) as "shop": (id, title), so the
    report says whose offer it is ("Bouquet de saison" is the title of many). One
    query."""
    parent_paths = {tree.parent_path(row["path"]) for row in offer_rows}
    shops = (
        {
            page["path"]: (page["pk"], page["title"])
            for page in Page.objects.filter(path__in=parent_paths).values("pk", "title", "path")
        }
        if parent_paths
        else {}
    )
    for row in offer_rows:
        row["shop"] = shops.get(tree.parent_path(row["path"]))


SOURCE_TABLES = [
    (OFFER, "offres", gettext_lazy("Offres")),
    (STORY, "histoires", gettext_lazy("Histoires")),
    (CAMPAIGN, "campagnes", gettext_lazy("Campagnes")),
]


def source_tables(period, limit=None, only=None):
    figures = source_figures(period)
    tables = []
    for label, slug, title in SOURCE_TABLES:
        if only and slug != only:
            continue
        rows, more = cut(figures[label], limit)
        names_shop = label == OFFER
        tables.append(
            Table(
                slug,
                title,
                [
                    title,
                    *([_("Commerce")] if names_shop else []),
                    _("Vues"),
                    _("Visites de commerces amenées"),
                    _("Intentions amenées"),
                ],
                [
                    [
                        edit_link(row["page_id"], row["title"]),
                        *([_shop_cell(row["shop"])] if names_shop else []),
                        row["views"],
                        row["visits"],
                        row["intents"],
                    ]
                    for row in rows
                ],
                more=more,
            )
        )
    return tables


def _shop_cell(shop):
    return edit_link(*shop) if shop else _("commerce supprimé")


def searches_table(period, limit=None, without_result=False):
    rows = DailySearch.objects.filter(in_period(period))
    if without_result:
        rows = rows.filter(found=False)
    rows = rows.values("query").annotate(total=Sum("count")).order_by("-total", "query")
    rows, more = first_rows(rows, limit)
    if without_result:
        slug, title = "recherches-sans-resultat", _("Recherches sans résultat")
        empty = _("Toutes les recherches ont trouvé un commerce.")
    else:
        slug, title, empty = "recherches", _("Recherches les plus faites"), _("Aucune recherche.")
    return Table(
        slug,
        title,
        [_("Recherche"), _("Nombre")],
        [[row["query"], row["total"]] for row in rows],
        empty=empty,
        more=more,
    )
