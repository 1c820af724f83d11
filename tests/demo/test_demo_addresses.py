"""The demo's address register (demo.shops.addresses): `make run` shows the shop editor
placing a shop from its address, as a city with its BeSt extract loaded would."""

import io

import pytest
from django.core.management import call_command

from demo.shops.addresses import NUMBERS
from demo.shops.content import DISTRICTS, POSTCODE
from directory.address_register import Outcome, locate
from directory.models import AddressPoint, ShopPage

pytestmark = pytest.mark.django_db


def test_the_demo_register_holds_every_number_of_every_demo_street(demo_site):
    streets = [street for district in DISTRICTS for street in district.streets]
    assert set(AddressPoint.objects.values_list("street", flat=True)) == set(streets)
    numbers = AddressPoint.objects.values("street", "house_number").distinct()
    assert numbers.count() == len(streets) * len(NUMBERS)


def test_every_demo_shop_stands_at_the_point_of_its_address(demo_site):
    for shop in ShopPage.objects.live().exclude(slug__startswith="commerce-"):
        location = locate(shop.street, shop.postcode, shop.locality)
        assert location.outcome is Outcome.EXACT, shop.street
        assert location.point == (shop.latitude, shop.longitude), shop


def test_seeding_again_leaves_the_register_as_it_is(demo_site):
    AddressPoint.objects.filter(postcode=POSTCODE, house_number="150").delete()
    count = AddressPoint.objects.count()
    call_command("seed_demo", force=True, stdout=io.StringIO())
    assert AddressPoint.objects.count() == count
