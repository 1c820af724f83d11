"""Which shops open on a given day, and at what hours: « Qui est ouvert dimanche ? » and
an operation's shops on its day.

SQL finds the shops that *might* open that day (a weekly row of the day's weekday or of
the public holidays, special hours covering it, an opening day they joined), a superset;
then the directory's own hours (directory.hours.ranges_starting_on, which every opening
rule goes through) decide for each, in Python. So this page can never disagree with
the shop page or the "open at" filter, whatever rule decides a day's hours."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q

from core.visibility import public_q
from directory.hours import hours_of_shops, ranges_starting_on
from directory.models import (
    OpeningHours,
    OperationParticipation,
    ShopPage,
    SpecialHours,
    Weekday,
)
from directory.opening_days import joined_on_q
from directory.shop_hours import format_range


@dataclass(frozen=True)
class OpenShop:
    """A shop open on the day: its id and its ranges that day ("10:00–18:00")."""

    shop_id: int
    ranges: list


def might_open_on_q(day):
    """A Q for ShopPage querysets: the shops with any row that could open them on `day`."""
    weekly = OpeningHours.objects.filter(weekday__in=[day.weekday(), Weekday.PUBLIC_HOLIDAY])
    special = SpecialHours.objects.filter(start_date__lte=day, end_date__gte=day, closed=False)
    joined = OperationParticipation.objects.filter(joined_on_q(day))
    return (
        Q(pk__in=weekly.values("shop_id"))
        | Q(pk__in=special.values("shop_id"))
        | Q(pk__in=joined.values("shop_id"))
    )


def shops_open_on(day, among=None):
    """[OpenShop] of the live, public shops open on `day` (a range starting that day),
    by name; `among` (a Q) narrows the shops asked about. Four queries (the shops, then
    their hours), whatever their number."""
    shops = ShopPage.objects.live().filter(public_q(), might_open_on_q(day))
    if among is not None:
        shops = shops.filter(among)
    shops = list(shops.order_by("title", "pk").only("pk", "title", "public_holidays"))
    hours = hours_of_shops(shops, day - timedelta(days=1), day)
    found = []
    for shop in shops:
        ranges = ranges_starting_on(hours[shop.pk], day)
        if ranges:
            found.append(OpenShop(shop.pk, [format_range(opening) for opening in ranges]))
    return found
