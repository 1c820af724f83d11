"""The "Fréquentation" report's figures, as plain functions of a period and a day.

Every function runs a fixed number of grouped queries, whatever the number of shops,
pages and days: the report's cost grows with the rows it shows, not with the data.
Each table is a `Table` (a slug, a title, columns, rows), which the page shows (the
first rows) and exports to CSV (all of them).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, Q, Sum
from django.urls import reverse
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page

from core import clock, tree
from insights.counting import CAMPAIGN, OFFER, SHOP, STORY
from insights.models import INTENT_KINDS, NO_SOURCE, DailyCount, DailySearch, EventKind

PERIOD_CHOICES = [7, 30, 90]
DEFAULT_DAYS = 30
MAX_PERIOD_DAYS = 366
HOURS_CONFIRMED_WITHIN = 90
OFFER_WITHIN = 28
LOGIN_WITHIN = 30


# --- The period -------------------------------------------------------------------


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


# --- Tables -------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    text: str
    url: str

    def __str__(self):
        return self.text


@dataclass
class Table:
    slug: str
    title: str
    columns: list
    rows: list
    empty: str = gettext_lazy("Rien sur cette période.")
    # Rows beyond the ones shown, for "… et N autres (CSV)".
    more: int = 0


def _edit_link(page_id, title):
    return Link(title or _("page supprimée"), reverse("wagtailadmin_pages:edit", args=[page_id]))


def change(current, previous):
    """The change from `previous` to `current`, as the report says it."""
    if not previous:
        return _("nouveau") if current else "—"
    percent = round((current - previous) * 100 / previous)
    return f"{percent:+d} %".replace("-", "−")


def content_type_ids(*labels):
    ids = {}
    for label in labels:
        app_label, model = label.split(".")
        try:
            ids[label] = ContentType.objects.get_by_natural_key(app_label, model).pk
        except ContentType.DoesNotExist:
            ids[label] = None
    return ids


def _in(period, prefix="day"):
    return Q(**{f"{prefix}__gte": period.start, f"{prefix}__lte": period.end})


def _cut(rows, limit):
    if limit is None or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


# --- Totals and the daily series -------------------------------------------------


def totals_table(period):
    """Each kind's total over the period and the one before, with the change."""
    previous = period.previous()
    rows = (
        DailyCount.objects.filter(day__gte=previous.start, day__lte=period.end)
        .values("kind")
        .annotate(
            current=Sum("count", filter=_in(period), default=0),
            before=Sum("count", filter=_in(previous), default=0),
        )
    )
    by_kind = {row["kind"]: (row["current"], row["before"]) for row in rows}
    searches = DailySearch.objects.filter(day__gte=previous.start, day__lte=period.end).aggregate(
        current=Sum("count", filter=_in(period), default=0),
        before=Sum("count", filter=_in(previous), default=0),
        empty_current=Sum("count", filter=_in(period) & Q(found=False), default=0),
        empty_before=Sum("count", filter=_in(previous) & Q(found=False), default=0),
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
        DailyCount.objects.filter(_in(period))
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


# --- Shops ---------------------------------------------------------------------------


def _shop_rows(period, order, limit):
    shop_type = content_type_ids(SHOP)[SHOP]
    intent_sums = {kind: Sum("count", filter=Q(kind=kind), default=0) for kind in INTENT_KINDS}
    rows = (
        DailyCount.objects.filter(_in(period), page__content_type_id=shop_type)
        .values("page_id", "page__title")
        .annotate(
            views=Sum("count", filter=Q(kind=EventKind.VIEW), default=0),
            intents=Sum("count", filter=Q(kind__in=INTENT_KINDS), default=0),
            **intent_sums,
        )
        .filter(**{f"{order}__gt": 0})
        .order_by(f"-{order}", "page__title", "page_id")
    )
    if limit is not None:
        rows = rows[: limit + 1]
    return list(rows)


def top_shops_table(period, order, limit=None):
    """The shops with the most views (order="views") or intents (order="intents")."""
    rows, more = _cut(_shop_rows(period, order, limit), limit)
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
                _edit_link(row["page_id"], row["page__title"]),
                row["views"],
                row["intents"],
                *(row[kind] for kind in INTENT_KINDS),
            ]
            for row in rows
        ],
        more=more if limit is not None else 0,
    )


# --- Offers, stories and campaigns, and what they led to ------------------------------


def source_figures(period):
    """For each offer, story and campaign seen or credited in the period: its views,
    and the visits to shops and intents it led to. Three queries in all.

    Returns {type label: [row, ...]} with rows sorted by intents led, then views."""
    types = content_type_ids(OFFER, STORY, CAMPAIGN)
    type_by_id = {pk: label for label, pk in types.items() if pk is not None}
    figures = {}
    viewed = (
        DailyCount.objects.filter(
            _in(period), kind=EventKind.VIEW, page__content_type_id__in=list(type_by_id)
        )
        .values("page_id", "page__title", "page__content_type_id")
        .annotate(views=Sum("count"))
    )
    for row in viewed:
        figures[row["page_id"]] = {
            "page_id": row["page_id"],
            "title": row["page__title"],
            "type": type_by_id[row["page__content_type_id"]],
            "views": row["views"],
            "visits": 0,
            "intents": 0,
        }
    led = (
        DailyCount.objects.filter(_in(period))
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
        for page in Page.objects.filter(pk__in=missing).values("pk", "title", "content_type_id"):
            label = type_by_id.get(page["content_type_id"])
            if label:
                figures[page["pk"]] = {
                    "page_id": page["pk"],
                    "title": page["title"],
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
    return by_type


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
        rows, more = _cut(figures[label], limit)
        tables.append(
            Table(
                slug,
                title,
                [title, _("Vues"), _("Visites de commerces amenées"), _("Intentions amenées")],
                [
                    [
                        _edit_link(row["page_id"], row["title"]),
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


# --- Searches ------------------------------------------------------------------------


def searches_table(period, limit=None, without_result=False):
    rows = DailySearch.objects.filter(_in(period))
    if without_result:
        rows = rows.filter(found=False)
    rows = rows.values("query").annotate(total=Sum("count")).order_by("-total", "query")
    if limit is not None:
        rows = rows[: limit + 1]
    rows, more = _cut(list(rows), limit)
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


# --- Directory health ------------------------------------------------------------------


def _live_shops():
    from directory.models import ShopPage

    return ShopPage.objects.live()


def health_table(today):
    """How up to date the directory is: shares of shops with recently confirmed hours,
    a photo, a recent offer; merchants who came back lately."""
    since = today - timedelta(days=HOURS_CONFIRMED_WITHIN)
    figures = _live_shops().aggregate(
        shops=Count("pk"),
        confirmed=Count("pk", filter=Q(hours_confirmed_on__gte=since)),
    )
    shops = figures["shops"]
    share = round(figures["confirmed"] * 100 / shops) if shops else 0
    without_photo = shops_without_photo().count()
    without_offer = shops_without_recent_offer(today).count()
    inactive = len(inactive_merchants(today))
    return Table(
        "sante",
        _("Santé de l'annuaire"),
        [_("Indicateur"), _("Valeur")],
        [
            [_("Commerces publiés"), shops],
            [_("Horaires confirmés ces 90 derniers jours"), f"{share} %"],
            [_("Commerces sans photo"), without_photo],
            [_("Commerces sans offre ces 4 dernières semaines"), without_offer],
            [_("Commerçants non connectés depuis 30 jours"), inactive],
        ],
    )


def shops_without_photo():
    return _live_shops().filter(photos__isnull=True).order_by("title")


def shops_without_recent_offer(today):
    """Live shops none of whose live offers ran during the last four weeks."""
    from offers.models import OfferPage

    since = today - timedelta(days=OFFER_WITHIN - 1)
    # An offer is the shop's child.
    recent = OfferPage.objects.live().filter(
        tree.children_of_outer_q(), start_date__lte=today, end_date__gte=since
    )
    return _live_shops().filter(~Exists(recent)).order_by("title")


def inactive_merchants(today):
    """Merchants (members of a shop's group, not staff) who have not logged in for 30
    days, or never: [(user values, [shop titles])], by last login."""
    from offers.merchants import STAFF_GROUP

    since = datetime.combine(today - timedelta(days=LOGIN_WITHIN), time.min, clock.BRUSSELS)
    rows = (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False, groups__shop_access__isnull=False)
        .exclude(groups__name=STAFF_GROUP)
        .filter(Q(last_login__isnull=True) | Q(last_login__lt=since))
        .values(
            "pk",
            "username",
            "first_name",
            "last_name",
            "email",
            "last_login",
            "groups__shop_access__shop__title",
        )
        .order_by("last_login", "username", "groups__shop_access__shop__title")
    )
    merchants = {}
    for row in rows:
        entry = merchants.setdefault(row["pk"], (row, []))
        entry[1].append(row["groups__shop_access__shop__title"])
    return list(merchants.values())


def shops_list_table(slug, title, shops, limit, empty):
    rows = list(
        shops.values("pk", "title")[: limit + 1]
        if limit is not None
        else shops.values("pk", "title")
    )
    rows, more = _cut(rows, limit)
    return Table(
        slug,
        title,
        [_("Commerce")],
        [[_edit_link(row["pk"], row["title"])] for row in rows],
        empty=empty,
        more=more,
    )


def inactive_merchants_table(today, limit=None):
    rows, more = _cut(inactive_merchants(today), limit)
    return Table(
        "commercants-inactifs",
        _("Commerçants non connectés depuis 30 jours"),
        [_("Commerçant"), _("E-mail"), _("Dernière connexion"), _("Commerces")],
        [
            [
                " ".join(part for part in (user["first_name"], user["last_name"]) if part)
                or user["username"],
                user["email"],
                clock.today(user["last_login"]).isoformat() if user["last_login"] else _("jamais"),
                ", ".join(shops),
            ]
            for user, shops in rows
        ],
        empty=_("Tous les commerçants se sont connectés ces 30 derniers jours."),
        more=more,
    )


# --- The whole report -------------------------------------------------------------------


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
    searches: list  # most made, without result
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
        searches=[searches_table(period, limit), searches_table(period, limit, True)],
        health=health_table(today),
        health_lists=[
            report_table("commerces-sans-photo", period, today, limit),
            report_table("commerces-sans-offre", period, today, limit),
            report_table("commercants-inactifs", period, today, limit),
        ],
    )
