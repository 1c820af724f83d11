"""Shops with merchants, for the merchant-account tests."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Site

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
    shop.add_child(instance=offer)
    offer.save_revision().publish()
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


@pytest.fixture(name="merchant_a")
def merchant_a_fixture(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return Merchant("A")


@pytest.fixture(name="merchant_b")
def merchant_b_fixture(db, merchant_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return Merchant("B")


@pytest.fixture(name="staff_user")
def staff_user_fixture(db):
    user = get_user_model().objects.create_user(
        "equipe", email="equipe@ville.example", password="secret"
    )
    user.groups.add(Group.objects.get(name=merchants.STAFF_GROUP))
    return user
