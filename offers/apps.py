from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OffersConfig(AppConfig):
    name = "offers"
    verbose_name = _("Offres")

    def ready(self):
        from core import front_cache, purges
        from offers.models import OfferPage

        # The front cache: an offer published, ended early, moved or deleted changes the
        # lists of offers, and the directory (its cards' "Offre en cours", the words its
        # search finds in the current offers).
        purges.register_page_lists(OfferPage, front_cache.OFFERS, front_cache.DIRECTORY)
