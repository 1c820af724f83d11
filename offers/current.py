"""Which offers show: live and first day <= today <= last day, in Brussels, decided at
query time."""

from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Concat

from core.clock import today
from directory.queries import public_q
from offers.models import OfferPage


def current_offers(day=None):
    day = day or today()
    return OfferPage.objects.live().filter(start_date__lte=day, end_date__gte=day)


def has_current_offer(day=None):
    """For a ShopPage queryset: whether the shop has a current, public offer, as an
    expression to annotate or filter with (no query of its own)."""
    # Offers are the shop's children: their tree paths are the shop's plus one step, so
    # they sit in a range of the (indexed) path column. A `startswith` on a correlated
    # value would be a LIKE that scans every page, once per shop.
    return Exists(
        current_offers(day).filter(
            public_q(),
            path__gt=OuterRef("path"),
            path__lt=Concat(OuterRef("path"), Value("ZZZZ")),
        )
    )
