"""The demo's offers: about forty current ones over the demo shops, a few ended and a
few upcoming, built again without creating anything more."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command

from core.clock import today
from offers.current import current_offers
from offers.models import OfferPage

pytestmark = pytest.mark.django_db


def test_demo_has_about_forty_current_offers_on_distinct_shops(demo_site):
    current = list(current_offers())
    assert 35 <= len(current) <= 45
    assert len({offer.path[:-4] for offer in current}) == len(current)


def test_demo_has_ended_and_upcoming_offers_that_answer_gone_and_not_found(demo_site, client):
    day = today()
    ended = OfferPage.objects.live().filter(end_date__lt=day)
    upcoming = OfferPage.objects.live().filter(start_date__gt=day)
    assert ended.count() >= 2
    assert upcoming.count() >= 2
    assert {client.get(offer.url).status_code for offer in ended} == {410}
    assert {client.get(offer.url).status_code for offer in upcoming} == {404}


def test_demo_offers_include_ones_ending_soon_and_with_and_without_a_picture(demo_site):
    current = current_offers()
    assert current.filter(end_date__lte=today() + timedelta(days=1)).exists()
    assert current.filter(image__isnull=True).exists()
    assert current.filter(image__isnull=False).exists()


def test_demo_offers_are_not_created_twice(demo_site):
    before = list(OfferPage.objects.order_by("pk").values_list("pk", "title", "start_date"))
    call_command("seed_demo", force=True, stdout=io.StringIO())
    after = list(OfferPage.objects.order_by("pk").values_list("pk", "title", "start_date"))
    assert after == before


def test_feed_and_home_show_the_demo_offers(demo_site, client):
    feed = client.get("/offres/").content.decode()
    assert f"{current_offers().count()} offres en cours" in feed
    home = client.get("/").content.decode()
    assert home.count('class="card card--offer"') == 6
