"""Which offers show: live and first day <= today <= last day, in Brussels, decided at
query time."""

from offers.dates import today
from offers.models import OfferPage


def current_offers(day=None):
    day = day or today()
    return OfferPage.objects.live().filter(start_date__lte=day, end_date__gte=day)
