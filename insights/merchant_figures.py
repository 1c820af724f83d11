"""A merchant's own figures: views and intents of each of their shops, and views of the
offers under them, over the last four weeks against the four before. Shown on their
dashboard and in their reminder e-mail; computed only from the shops they are given,
which callers take from offers.merchants.merchant_shops(user)."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from core import tree
from insights.counting import OFFER
from insights.models import INTENT_KINDS, DailyCount, EventKind
from insights.period import Period
from insights.tables import change, content_type_ids

WEEKS = 4


@dataclass(frozen=True)
class Figure:
    label: str
    recent: int
    before: int

    @property
    def change(self):
        return change(self.recent, self.before)


@dataclass
class ShopFigures:
    shop: object
    figures: list  # Figure: the shop's views, each intent kind, its offers' views

    @property
    def intents(self):
        return Figure(
            _("Intentions de visite"),
            sum(f.recent for f in self.figures[1:-1]),
            sum(f.before for f in self.figures[1:-1]),
        )


def periods(today):
    recent = Period(today - timedelta(days=7 * WEEKS - 1), today)
    return recent, recent.previous()


def _sums(recent, before):
    return {
        "recent": Sum("count", filter=Q(day__gte=recent.start), default=0),
        "before": Sum("count", filter=Q(day__lte=before.end), default=0),
    }


def shop_figures(shops, today):
    """[ShopFigures] for `shops` (ShopPages), in their order: two queries in all."""
    shops = list(shops)
    if not shops:
        return []
    recent, before = periods(today)
    window = Q(day__gte=before.start, day__lte=recent.end)
    rows = (
        DailyCount.objects.filter(window, page_id__in=[shop.pk for shop in shops])
        .values("page_id", "kind")
        .annotate(**_sums(recent, before))
    )
    by_shop = {(row["page_id"], row["kind"]): (row["recent"], row["before"]) for row in rows}
    # The offers are below the shops in the tree.
    under_shops = Q()
    for shop in shops:
        under_shops |= tree.below_q(shop.path, field="page__path")
    offer_rows = (
        DailyCount.objects.filter(
            window,
            under_shops,
            kind=EventKind.VIEW,
            page__content_type_id=content_type_ids(OFFER)[OFFER],
        )
        .values("page__path")
        .annotate(**_sums(recent, before))
    )
    offers = {}
    for row in offer_rows:
        for shop in shops:
            if row["page__path"].startswith(shop.path):
                total = offers.get(shop.pk, (0, 0))
                offers[shop.pk] = (total[0] + row["recent"], total[1] + row["before"])
    result = []
    for shop in shops:
        figures = [
            Figure(_("Vues de votre fiche"), *by_shop.get((shop.pk, EventKind.VIEW), (0, 0)))
        ]
        figures += [
            Figure(EventKind(kind).label, *by_shop.get((shop.pk, kind), (0, 0)))
            for kind in INTENT_KINDS
        ]
        figures.append(Figure(_("Vues de vos offres"), *offers.get(shop.pk, (0, 0))))
        result.append(ShopFigures(shop, figures))
    return result
