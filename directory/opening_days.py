"""The opening days a shop joined, as the opening-hours logic reads them.

A shop that joins an opening-days operation (directory.models.operation) is open on each
of its days from the shop's own hours for the operation, or else the day's. This module
turns participations into plain rows, `JoinedDay(date, opens, closes, label)`, that
directory.hours reads beside the weekly and special hours, and gives the same rows as
SQL conditions for the directory's "open at" filter.

Only live operations of the opening-days kind count: a draft or unpublished operation,
or a scheme, opens no shop. A day's range never runs past midnight (the models refuse a
closing time that is not after the opening one), so a joined day gives its own date
only.
"""

from collections import namedtuple

from django.db.models import Q
from django.db.models.functions import Coalesce

JoinedDay = namedtuple("JoinedDay", "date opens closes label")


def live_opening_days_q(prefix=""):
    """A Q on OperationParticipation (or, with `prefix`, on a model leading to one)
    keeping the participations in live opening-days operations."""
    from directory.models.operation import OperationKind

    return Q(
        **{
            f"{prefix}operation__live": True,
            f"{prefix}operation__kind": OperationKind.OPENING_DAYS,
        }
    )


def joined_days_of_shops(shop_ids, day_from=None, day_to=None):
    """{shop id: (JoinedDay, ...)} for `shop_ids`, the days from `day_from` to `day_to`
    (either may be None: no bound), in date and time order. One query."""
    from directory.models import OperationParticipation

    dates = {}
    if day_from is not None:
        dates["operation__days__date__gte"] = day_from
    if day_to is not None:
        dates["operation__days__date__lte"] = day_to
    rows = (
        OperationParticipation.objects.filter(
            live_opening_days_q(), shop_id__in=list(shop_ids), **dates
        )
        # The day's own columns are read through the join the filter made (an
        # annotation reuses it): one row per participation and day.
        .values_list(
            "shop_id",
            "operation__days__date",
            Coalesce("opens", "operation__days__opens"),
            Coalesce("closes", "operation__days__closes"),
            "operation__title",
        )
        .order_by("operation__days__date", "operation__days__opens", "operation_id")
    )
    found = {}
    for shop_id, day, opens, closes, label in rows:
        if day is None:
            continue  # an operation without days yet (no row of the join)
        found.setdefault(shop_id, []).append(JoinedDay(day, opens, closes, label))
    return {shop_id: tuple(days) for shop_id, days in found.items()}


def attach_joined_days(shops, day_from=None, day_to=None):
    """Give each of `shops` (ShopPages) its joined days from `day_from` to `day_to`, in
    one query, where ShopPage.joined_days would have read them shop by shop."""
    shops = [shop for shop in shops if shop.pk is not None]
    found = joined_days_of_shops([shop.pk for shop in shops], day_from, day_to)
    for shop in shops:
        shop.joined_days = found.get(shop.pk, ())


def joined_days_on(shop, day):
    """The shop's joined days on `day` (a date)."""
    return [row for row in shop.joined_days if row.date == day]


# --- The same rows in SQL ------------------------------------------------------------


def joined_on_q(day):
    """A Q on OperationParticipation: the participations giving their shop hours on
    `day`. Used in a single filter() call with any condition on the day's hours, so
    that they read the same row of the join."""
    return Q(live_opening_days_q(), operation__days__date=day)


def covering_q(clock):
    """A Q on OperationParticipation (with joined_on_q in the same filter call): the
    shop's own range, or the day's when it gave none, covers `clock`."""
    own = Q(opens__isnull=False, opens__lte=clock, closes__gt=clock)
    days = Q(
        opens__isnull=True, operation__days__opens__lte=clock, operation__days__closes__gt=clock
    )
    return own | days
