"""City operations that shops join: which are open to joining, joining and leaving, and
which shops take part. Plain functions of a shop, an operation and a day.

The rules:
- an operation is open to joining while it is live, its joining has not closed (its
  `joining_closes_on` is today or later, or empty) and it has not ended (an opening
  day, or a scheme's last day, is today or later);
- leaving follows the same rule, so that the list staff and residents read stops
  changing once joining has closed; staff add or remove shops at any time (the
  participations' admin);
- a shop's own hours for an opening-days operation are both given or neither (then
  the day's), and close after they open, within the day.
"""

from dataclasses import dataclass
from datetime import time

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from core import front_cache
from core.caching import cached
from core.visibility import public_q
from directory.models import (
    OperationDay,
    OperationKind,
    OperationPage,
    OperationParticipation,
    ShopPage,
)


class JoiningRefused(Exception):
    """Joining or leaving is not possible; the message says why, in French."""


def _not_ended_q(day):
    days_ahead = OperationDay.objects.filter(operation=OuterRef("pk"), date__gte=day)
    scheme_running = Q(kind=OperationKind.SCHEME) & (
        Q(end_date__isnull=True) | Q(end_date__gte=day)
    )
    return (Q(kind=OperationKind.OPENING_DAYS) & Exists(days_ahead)) | scheme_running


def open_to_joining(day):
    """The live operations a shop may join or leave on `day` (a date), soonest first."""
    return (
        OperationPage.objects.live()
        .filter(Q(joining_closes_on__isnull=True) | Q(joining_closes_on__gte=day))
        .filter(_not_ended_q(day))
        .prefetch_related("days")
        # The same order on every database (NULLs sort first on SQLite, last on
        # PostgreSQL): an opening-days operation by its first day.
        .annotate(first_day=Coalesce(Min("days__date"), "start_date"))
        .order_by("first_day", "title")
    )


def is_open_to_joining(operation, day):
    return open_to_joining(day).filter(pk=operation.pk).exists()


def check_hours(opens, closes):
    """The shop's own hours as (opens, closes), or (None, None) for the day's; raises
    JoiningRefused when they cannot be used."""
    if opens is None and closes is None:
        return None, None
    if opens is None or closes is None:
        raise JoiningRefused(_("Indiquez l'heure d'ouverture et celle de fermeture, ou aucune."))
    if not isinstance(opens, time) or not isinstance(closes, time):
        raise JoiningRefused(_("Heures illisibles."))
    if closes <= opens:
        raise JoiningRefused(_("La fermeture suit l'ouverture, le même jour."))
    return opens, closes


def join(shop, operation, user, day, opens=None, closes=None):
    """`shop` takes part in `operation` from `day`, with its own hours for an opening
    day (`opens`, `closes`) or the day's; joining again changes the hours. Returns the
    participation; raises JoiningRefused."""
    if not is_open_to_joining(operation, day):
        raise JoiningRefused(
            _("Les inscriptions à « %(title)s » sont closes.") % {"title": operation.title}
        )
    if operation.kind == OperationKind.SCHEME:
        opens, closes = None, None
    opens, closes = check_hours(opens, closes)
    try:
        with transaction.atomic():
            participation, _created = OperationParticipation.objects.update_or_create(
                operation=operation,
                shop=shop,
                defaults={"opens": opens, "closes": closes},
                create_defaults={"opens": opens, "closes": closes, "joined_by": user},
            )
    except IntegrityError as error:  # the same join posted twice at once
        raise JoiningRefused(_("Réessayez : l'inscription était en cours.")) from error
    return participation


def leave(shop, operation, day):
    """`shop` no longer takes part in `operation`; raises JoiningRefused once joining
    has closed. Leaving an operation it did not join changes nothing."""
    if not is_open_to_joining(operation, day):
        raise JoiningRefused(
            _("Les inscriptions à « %(title)s » sont closes.") % {"title": operation.title}
        )
    OperationParticipation.objects.filter(operation=operation, shop=shop).delete()


def participations_on(day):
    """The participations in live operations that cover `day`: the shops' opening days
    that date, and the schemes running then."""
    opening = Q(operation__kind=OperationKind.OPENING_DAYS, operation__days__date=day)
    scheme = Q(operation__kind=OperationKind.SCHEME, operation__start_date__lte=day) & (
        Q(operation__end_date__isnull=True) | Q(operation__end_date__gte=day)
    )
    return OperationParticipation.objects.filter(
        Q(operation__live=True) & (opening | scheme)
    ).distinct()


def shops_taking_part(operation):
    """The live, public shops taking part in `operation`, by name."""
    return (
        ShopPage.objects.live()
        .filter(public_q(), operation_participations__operation=operation)
        .order_by("title")
    )


SHOP_BADGES_KEY = "vitrine:shop-badges:{generation}:{day}:{pk}"


@dataclass(frozen=True)
class Badge:
    """An operation a shop takes part in, as a card or a shop page names it."""

    title: str
    slug: str


def badges_of_shops(shop_ids, day):
    """{shop id: [Badge, ...]} for the live operations, current or to come on `day`, in
    which the shops `shop_ids` take part: one query for any number of shops."""
    last_day = (
        OperationDay.objects.filter(operation=OuterRef("operation"))
        .values("operation")
        .annotate(last=Max("date"))
        .values("last")
    )
    rows = (
        OperationParticipation.objects.filter(shop_id__in=list(shop_ids), operation__live=True)
        .annotate(last_day=Subquery(last_day[:1]))
        .filter(
            Q(operation__kind=OperationKind.OPENING_DAYS, last_day__gte=day)
            | Q(operation__kind=OperationKind.SCHEME)
            & (Q(operation__end_date__isnull=True) | Q(operation__end_date__gte=day))
        )
        .order_by("operation__title")
        .values_list("shop_id", "operation__title", "operation__slug")
    )
    badges = {}
    for shop_id, title, slug in rows:
        badges.setdefault(shop_id, []).append(Badge(title, slug))
    if badges:
        front_cache.shows(front_cache.OPERATIONS)
    return badges


def badges_of_shop(shop_id, day):
    """The badges of one shop on `day` (badges_of_shops), kept in the cache for that day
    under the content generation of the shop pages (directory.shop_cache: a new one when
    an operation's days or a participation change, or any page is published, moved...),
    as the directory's cards keep theirs."""
    from directory.shop_cache import generation

    key = SHOP_BADGES_KEY.format(generation=generation(), day=day.isoformat(), pk=shop_id)
    badges = cached(key, lambda: tuple(badges_of_shops([shop_id], day).get(shop_id, ())))
    if badges:
        front_cache.shows(front_cache.OPERATIONS)
    return badges


def find_operation(slug):
    """The live operation with this slug, or None (the directory's `operation=`)."""
    return OperationPage.objects.live().filter(slug=slug).first()


def replacing_services(slugs):
    """{service slug: live OperationPage} for the `slugs` (of no Service) that an
    operation took over (`replaces_service`): one query."""
    return {
        operation.replaces_service: operation
        for operation in OperationPage.objects.live().filter(replaces_service__in=list(slugs))
    }


def participating_shop_ids(operation):
    """A subquery of the ids of the shops taking part in `operation`."""
    return OperationParticipation.objects.filter(operation=operation).values("shop_id")
