"""The demo's operations: a Sunday opening in December, a braderie in June and the
city's chèques commerce, which replaced a service of the directory."""

from datetime import date

import pytest

from core.clock import today
from directory.models import OperationKind, OperationPage, OperationsPage, Service
from directory.operations import shops_taking_part

pytestmark = pytest.mark.django_db


def test_demo_has_an_operations_section(demo_site):
    assert OperationsPage.objects.live().filter(slug="operations").exists()


def test_sunday_opening_is_the_next_december_sunday_with_twenty_shops(demo_site):
    opening = OperationPage.objects.get(slug="dimanche-shopping")
    (day,) = opening.days.all()
    assert (day.date.month, day.date.weekday()) == (12, 6)
    assert day.date > today()
    participations = opening.participations.all()
    assert participations.count() == 20
    assert participations.filter(opens__isnull=False).exists()
    assert participations.filter(opens__isnull=True).exists()


def test_braderie_is_a_june_opening_day(demo_site):
    (day,) = OperationPage.objects.get(slug="braderie-de-juin").days.all()
    assert day.date.month == 6
    assert day.date > today()


def test_cheques_commerce_are_a_scheme_of_thirty_shops_not_a_service(demo_site):
    cheques = OperationPage.objects.get(slug="cheques-commerce")
    assert cheques.kind == OperationKind.SCHEME
    assert cheques.start_date <= today() <= cheques.end_date
    assert shops_taking_part(cheques).count() == 30
    assert not Service.objects.filter(slug="cheques-commerce").exists()


def test_the_former_service_filter_lists_the_schemes_shops(demo_site, client):
    by_service = client.get("/commerces/?service=cheques-commerce")
    by_operation = client.get("/commerces/?operation=cheques-commerce")
    assert by_service.context["result"].total == 30
    assert [card.shop.pk for card in by_service.context["result"].page.object_list] == [
        card.shop.pk for card in by_operation.context["result"].page.object_list
    ]
    assert by_service.context["query"].notices == []


def test_demo_merchant_may_join_the_sunday_opening(demo_site, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="beffroi"))
    response = client.get("/admin/")
    assert "Dimanche shopping de décembre" in response.text
    assert "Participer" in response.text


def test_next_december_sunday_and_june_sunday_are_worked_out_from_the_day():
    from demo.operations import next_december_sunday, next_june_sunday

    assert next_december_sunday(date(2026, 11, 27)) == date(2026, 12, 6)
    assert next_december_sunday(date(2026, 12, 27)) == date(2027, 12, 5)
    assert next_june_sunday(date(2026, 11, 27)) == date(2027, 6, 6)
    assert next_june_sunday(date(2027, 3, 1)) == date(2027, 6, 6)


def test_the_december_sunday_opening_comes_before_christmas():
    from demo.operations import next_december_sunday

    assert next_december_sunday(date(2026, 12, 14)) == date(2026, 12, 20)
    # 27 December is after the holidays it is held for: next year's first.
    assert next_december_sunday(date(2026, 12, 20)) == date(2027, 12, 5)
    assert next_december_sunday(date(2026, 12, 24)) == date(2027, 12, 5)
