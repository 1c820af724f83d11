"""Fixtures of the offers tests: two merchants, each with a shop, an offer and an image
in the shop's collection, and a member of the city's staff (tests.offers.merchant_fixtures)."""

from tests.offers.merchant_fixtures import (  # noqa: F401
    merchant_a_fixture,
    merchant_b_fixture,
    staff_user_fixture,
)
