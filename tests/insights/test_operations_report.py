"""The report's city operations: each operation held during the period, its page's
views, how many shops joined, its shops' views and intents on its days only; a fixed
number of queries however many operations and shops."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import OperationKind
from insights.counting import add_count, parse_event
from insights.operations import operation_figures, operations_table
from insights.period import Period
from tests.factories import OperationPageFactory, ShopPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clock")]

URL = "/admin/reports/frequentation/"
SUNDAY = date(2026, 11, 15)
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 24))


@pytest.fixture
def sunday_opening():
    shops = [ShopPageFactory(title=f"Commerce {n}") for n in range(2)]
    operation = OperationPageFactory(
        title="Dimanche shopping", days=[(SUNDAY, "10:00", "18:00")], shops=shops
    )
    return operation, shops


def test_counts_the_shops_views_and_intents_on_the_opening_day_only(sunday_opening):
    operation, (first, second) = sunday_opening
    add_count(SUNDAY, first.pk, "view", amount=7)
    add_count(SUNDAY, second.pk, "view", amount=3)
    add_count(SUNDAY, first.pk, "directions", amount=2)
    add_count(SUNDAY, second.pk, "call", amount=1)
    add_count(SUNDAY - timedelta(days=1), first.pk, "view", amount=100)  # the Saturday
    (line,) = operation_figures(NOVEMBER)
    assert line["operation"] == operation
    assert (line["views"], line["intents"]) == (10, 3)
    assert (line["directions"], line["call"]) == (2, 1)
    assert line["shops"] == 2


def test_counts_the_operation_page_s_views_in_the_period(sunday_opening):
    operation, _shops = sunday_opening
    add_count(SUNDAY - timedelta(days=5), operation.pk, "view", amount=40)
    add_count(date(2026, 10, 20), operation.pk, "view", amount=1000)  # before the period
    (line,) = operation_figures(NOVEMBER)
    assert line["page_views"] == 40


def test_a_shop_that_did_not_join_is_not_counted(sunday_opening):
    outsider = ShopPageFactory(title="Ailleurs")
    add_count(SUNDAY, outsider.pk, "view", amount=50)
    (line,) = operation_figures(NOVEMBER)
    assert line["views"] == 0


def test_a_scheme_counts_its_period_within_the_report_s(now):
    shop = ShopPageFactory()
    OperationPageFactory(
        title="Chèques commerce",
        kind=OperationKind.SCHEME,
        start_date=date(2026, 11, 10),
        end_date=date(2027, 1, 31),
        shops=[shop],
    )
    add_count(date(2026, 11, 9), shop.pk, "view", amount=100)  # before the scheme
    add_count(date(2026, 11, 10), shop.pk, "view", amount=4)
    add_count(date(2026, 11, 24), shop.pk, "call", amount=2)
    (line,) = operation_figures(NOVEMBER)
    assert (line["views"], line["intents"]) == (4, 2)


def test_an_operation_outside_the_period_is_not_listed(sunday_opening):
    assert operation_figures(Period(date(2026, 10, 1), date(2026, 10, 31))) == []


def test_the_operation_page_is_counted_and_credited_as_a_source(sunday_opening):
    operation, (shop, _other) = sunday_opening
    event = parse_event({"page": shop.pk, "kind": "view", "from": operation.pk}, None)
    assert event.source_page_id == operation.pk
    assert parse_event({"page": operation.pk, "kind": "view"}, None).page_id == (operation.pk)


def test_the_operations_table_costs_the_same_with_more_operations_and_shops(sunday_opening):
    def count():
        with CaptureQueriesContext(connection) as context:
            operations_table(NOVEMBER)
        return len(context)

    few = count()
    shops = [ShopPageFactory(title=f"Autre {n}") for n in range(4)]
    OperationPageFactory(title="Braderie", days=[(SUNDAY, "08:00", "18:00")], shops=shops)
    OperationPageFactory(
        kind=OperationKind.SCHEME, start_date=date(2026, 11, 1), end_date=None, shops=shops
    )
    assert count() == few


def test_the_report_shows_the_operations_and_exports_them(client, staff_user, sunday_opening):
    client.force_login(staff_user)
    html = client.get(URL, {"du": "2026-11-01", "au": "2026-11-24"}).content.decode()
    assert "Opérations de la ville" in html
    assert "Dimanche shopping" in html
    export = client.get(URL, {"du": "2026-11-01", "au": "2026-11-24", "export": "operations"})
    assert export.status_code == 200
    assert "Dimanche shopping" in export.content.decode()
