"""« Qui est ouvert dimanche ? »: the next Sunday or public holiday, whichever comes
first, and the shops open that day with their hours, the operations behind it; its
queries do not grow with the shops, and no query string breaks it."""

from datetime import date, datetime

import pytest

from core.clock import BRUSSELS
from directory.models import HolidayRule
from directory.operation_dates import next_sunday_or_holiday
from tests.factories import ALL_WEEK, OperationPageFactory, ShopPageFactory, published_shops
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db

URL = "/operations/qui-est-ouvert-dimanche/"
WEEKDAYS_ONLY = [(day, "09:00", "18:00") for day in range(6)]
SUNDAY_MORNINGS = [(6, "08:00", "12:30")]


def test_next_sunday_from_a_tuesday_is_that_week_s():
    assert next_sunday_or_holiday(date(2026, 11, 24)).day == date(2026, 11, 29)


def test_a_sunday_answers_for_itself():
    assert next_sunday_or_holiday(date(2026, 11, 29)).day == date(2026, 11, 29)


def test_a_public_holiday_before_sunday_comes_first():
    found = next_sunday_or_holiday(date(2026, 12, 21))  # Christmas is a Friday
    assert found.day == date(2026, 12, 25)
    assert found.holiday == "Noël"


def test_lists_the_shops_open_next_sunday_with_their_hours(client, now, operations_index):
    ShopPageFactory(title="Boulangerie du Dimanche", hours=WEEKDAYS_ONLY + SUNDAY_MORNINGS)
    ShopPageFactory(title="Quincaillerie", hours=WEEKDAYS_ONLY)
    html = client.get(URL).content.decode()
    assert "dimanche 29 novembre 2026" in html
    assert "Boulangerie du Dimanche" in html
    assert "Ouvert ce jour-là : 08:00–12:30" in html
    assert "Quincaillerie" not in html
    assert "1 commerce ouvert" in html


def test_a_shop_closed_by_its_special_hours_that_sunday_is_left_out(client, now, operations_index):
    sunday = date(2026, 11, 29)
    ShopPageFactory(
        title="Boulangerie en congé",
        hours=ALL_WEEK,
        special=[{"start_date": sunday, "end_date": sunday, "closed": True, "label": "Congés"}],
    )
    assert "Boulangerie en congé" not in client.get(URL).content.decode()


def test_on_a_public_holiday_only_shops_open_on_holidays_are_listed(
    client, clock, operations_index
):
    clock(datetime(2026, 12, 22, 10, 0, tzinfo=BRUSSELS))  # Christmas comes before Sunday
    ShopPageFactory(
        title="Épicerie de nuit", hours=ALL_WEEK, public_holidays=HolidayRule.USUAL_HOURS
    )
    ShopPageFactory(title="Librairie", hours=ALL_WEEK)  # closed on holidays, the default
    html = client.get(URL).content.decode()
    assert "Noël" in html
    assert "vendredi 25 décembre 2026" in html
    assert "Épicerie de nuit" in html
    assert "Librairie" not in html


def test_names_the_opening_day_behind_it(client, now, operations_index):
    OperationPageFactory(
        title="Dimanche des artisans", days=[(date(2026, 11, 29), "10:00", "18:00")]
    )
    OperationPageFactory(title="Braderie", days=[(date(2026, 12, 6), "10:00", "18:00")])
    html = client.get(URL).content.decode()
    assert "Dimanche des artisans" in html
    assert "Braderie" not in html


def test_queries_do_not_grow_with_the_open_shops(client, now, operations_index):
    def count():
        client.get(URL)
        client.get(URL)
        with counted_rendering() as context:
            assert client.get(URL).status_code == 200
        return len([query for query in context if "SAVEPOINT" not in query["sql"]])

    published_shops(2, title="Petit {number}", hours=ALL_WEEK)
    few = count()
    published_shops(8, title="Grand {number}", hours=ALL_WEEK)
    assert count() == few


def test_pages_twenty_shops_at_a_time(client, now, operations_index):
    published_shops(25, title="Commerce {number:02d}", hours=ALL_WEEK)
    first = client.get(URL).content.decode()
    second = client.get(URL + "?page=2").content.decode()
    assert "Commerce 19" in first
    assert "Commerce 20" not in first
    assert "Commerce 20" in second
    assert "25 commerces ouverts" in second


@pytest.mark.parametrize("query", ["x=1", "page=", "page=%00"])
def test_bad_query_strings_get_a_page(client, now, operations_index, query):
    assert client.get(f"{URL}?{query}").status_code == 200


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=abc", "page=99999999999999999999"])
def test_a_page_number_naming_no_page_is_not_found(client, now, operations_index, query):
    assert client.get(f"{URL}?{query}").status_code == 404


def test_a_shop_that_joined_a_sunday_opening_is_listed_with_its_hours(
    client, now, operations_index
):
    shop = ShopPageFactory(title="Quincaillerie", hours=WEEKDAYS_ONLY)
    OperationPageFactory(
        title="Dimanche des artisans", days=[(date(2026, 11, 29), "10:00", "17:00")], shops=[shop]
    )
    html = client.get(URL).content.decode()
    assert "Quincaillerie" in html
    assert "Ouvert ce jour-là : 10:00–17:00" in html
