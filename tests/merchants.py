"""Shops with merchants, for the merchant-account tests (the `merchant_a`, `merchant_b`
and `staff_user` fixtures of tests/conftest.py build on them)."""

from wagtail.models import Site

from directory.bulk_pages import insert_live_pages
from home.models import SiteSettings
from offers import merchants
from offers.models import OfferPage
from tests.factories import ImageFactory, ShopPageFactory


def make_offer(shop, title, **fields):
    from core.clock import today
    from offers.dates import coming_sunday

    offer = OfferPage(
        title=title,
        short_text=fields.pop("short_text", f"Le texte de {title}"),
        start_date=fields.pop("start_date", today()),
        end_date=fields.pop("end_date", coming_sunday()),
        **fields,
    )
    # What add_child + save_revision + publish leave (tests/test_factories.py).
    insert_live_pages(shop, [offer])
    return offer


def set_moderation(enabled):
    """Turn the site's moderation setting on or off, as staff do in the admin."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.moderation_enabled = enabled
    settings.save()


class Merchant:
    """A merchant with one shop, an offer and an image in the shop's collection."""

    def __init__(self, label):
        self.shop = ShopPageFactory(title=f"Commerce {label}")
        self.user, _created = merchants.grant_access(
            self.shop, f"Marchand {label}", f"marchand-{label.lower()}@example.be"
        )
        self.user.set_password("secret")
        self.user.save()
        self.offer = make_offer(self.shop, f"Offre secrète {label}")
        collection = self.shop.merchant_access.collection
        self.image = ImageFactory(
            title=f"Photo secrète {label}", collection=collection, uploaded_by_user=self.user
        )
        self.collection = collection
