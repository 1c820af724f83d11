"""Which offers show: live and first day <= today <= last day, in Brussels, decided at
query time."""

from django.db.models import Exists

from core import tree
from core.clock import today
from core.visibility import public_q
from offers.models import OfferPage


def current_offers(day=None):
    day = day or today()
    return OfferPage.objects.live().filter(start_date__lte=day, end_date__gte=day)


def has_current_offer(day=None):
    """For a ShopPage queryset: whether the shop has a current, public offer, as an
    expression to annotate or filter with (no query of its own)."""
    # Offers are the shop's children (an indexed range of paths, see core.tree).
    return Exists(current_offers(day).filter(public_q(), tree.children_of_outer_q()))
