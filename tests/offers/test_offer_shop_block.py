"""An offer page's « Où en profiter »: the shop's status line as its own page has it,
and its « Itinéraire » and « Appeler » buttons, which count for the shop."""

from datetime import date, datetime, time

import pytest

from core.clock import BRUSSELS
from directory.models import OperationParticipation
from tests.factories import OfferPageFactory, OperationPageFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

SUNDAY = date(2026, 11, 29)


@pytest.fixture
def bakery(offers_site):
    """Open Monday to Saturday, closed on Sundays."""
    return ShopPageFactory(
        title="Boulangerie du Beffroi",
        phone="+32 81 23 45 67",
        latitude=50.4671,
        longitude=4.8679,
        hours=[(day, "08:00", "18:00") for day in range(6)],
    )


@pytest.fixture
def offer(now, bakery):
    return OfferPageFactory(parent=bakery, title="Pain du dimanche")


def shop_block(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index('<section class="offer__section offer__shop"') :]


def test_offer_page_has_the_shops_directions_and_call_buttons(client, offer, bakery):
    block = shop_block(client, offer.url)
    assert (
        '<a class="button" href="https://www.openstreetmap.org/directions?route=%3B50.467100'
        f'%2C4.867900#map=17/50.467100/4.867900" rel="noopener" data-intent="directions" '
        f'data-shop="{bakery.pk}" data-lat="50.467100" data-lon="4.867900" '
        'data-name="Boulangerie du Beffroi">Itinéraire</a>'
    ) in block
    assert (
        f'<a class="button button--secondary" href="tel:+3281234567" data-intent="call" '
        f'data-shop="{bakery.pk}">Appeler</a>'
    ) in block
    assert '<script src="/static/js/directions.js' in block


def test_offer_page_of_a_shop_without_a_phone_has_no_call_button(client, now, offers_site):
    shop = ShopPageFactory(title="Sans téléphone", phone="")
    block = shop_block(client, OfferPageFactory(parent=shop).url)
    assert 'data-intent="directions"' in block
    assert 'data-intent="call"' not in block


def test_offer_page_status_counts_the_opening_days_the_shop_joined(client, clock, offer, bakery):
    operation = OperationPageFactory(title="Dimanche shopping", days=[(SUNDAY, "10:00", "17:00")])
    OperationParticipation.objects.create(shop=bakery, operation=operation)
    clock(datetime.combine(SUNDAY, time(11, 0), tzinfo=BRUSSELS))
    assert '<p class="shop__status">Ouvert · ferme à 17:00</p>' in shop_block(client, offer.url)
    shop_page = client.get(bakery.url).content.decode()
    assert '<p class="shop__status">Ouvert · ferme à 17:00</p>' in shop_page
