"""How up to date the directory is: recently confirmed hours, photos, recent offers,
merchants who came back lately."""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, Q
from django.utils.translation import gettext as _

from core import clock, tree
from directory.models import ShopPage
from insights.tables import Table, cut, edit_link, first_rows
from offers.merchants import STAFF_GROUP
from offers.models import OfferPage

HOURS_CONFIRMED_WITHIN = 90
OFFER_WITHIN = 28
LOGIN_WITHIN = 30


def _live_shops():
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
    since = today - timedelta(days=OFFER_WITHIN - 1)
    # An offer is the shop's child.
    recent = OfferPage.objects.live().filter(
        tree.children_of_outer_q(), start_date__lte=today, end_date__gte=since
    )
    return _live_shops().filter(~Exists(recent)).order_by("title")


def inactive_merchants(today):
    """Merchants (members of a shop's group, not staff) who have not logged in for 30
    days, or never: [(user values, [shop titles])], by last login."""
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
    rows, more = first_rows(shops.values("pk", "title"), limit)
    return Table(
        slug,
        title,
        [_("Commerce")],
        [[edit_link(row["pk"], row["title"])] for row in rows],
        empty=empty,
        more=more,
    )


def inactive_merchants_table(today, limit=None):
    rows, more = cut(inactive_merchants(today), limit)
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
