"""The report's tables and their cells: a `Table` (a slug, a title, columns, rows), which
the page shows (the first rows) and exports to CSV (all of them), and the small helpers
every table uses."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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
    # Rows beyond the ones shown, which the CSV export has: "… et N autres lignes".
    more: int = 0


def edit_link(page_id, title):
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


def in_period(period, prefix="day"):
    return Q(**{f"{prefix}__gte": period.start, f"{prefix}__lte": period.end})


def cut(rows, limit):
    if limit is None or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


def first_rows(rows, limit):
    """The first `limit` rows of the queryset `rows` (all of them without a limit) and
    how many more it has, which the CSV export lists: one query, and a count only when
    there are more."""
    if limit is None:
        return list(rows), 0
    first = list(rows[: limit + 1])
    if len(first) <= limit:
        return first, 0
    return first[:limit], rows.count() - limit
