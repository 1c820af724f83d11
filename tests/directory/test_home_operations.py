"""The home page announces the town's next opening day ("Dimanche 20 décembre : 2
commerces ouverts", linking to its operation) and « Qui est ouvert dimanche ? », in a
number of queries that does not grow with the shops."""

from datetime import date

import pytest
from django.core.cache import cache

from directory.models import OperationParticipation
from tests.factories import ALL_WEEK, OperationPageFactory, ShopPageFactory
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db


def home_html(client):
    return client.get("/").content.decode()


def test_home_page_shows_the_next_opening_day_and_its_open_shops(client, now, operations_index):
    shops = [ShopPageFactory(title=f"Commerce {n}", hours=ALL_WEEK) for n in range(2)]
    OperationPageFactory(
        title="Braderie", days=[(date(2027, 6, 13), "08:00", "18:00")], shops=shops
    )
    operation = OperationPageFactory(
        title="Dimanche shopping", days=[(date(2026, 12, 20), "10:00", "18:00")], shops=shops
    )
    html = home_html(client)
    assert f'<a href="{operation.url}">Dimanche 20 décembre : 2 commerces ouverts</a>' in html
    assert "Braderie" not in html


def test_home_page_skips_past_opening_days(client, now, operations_index):
    OperationPageFactory(title="Braderie d'été", days=[(date(2026, 6, 14), "08:00", "18:00")])
    assert "Braderie" not in home_html(client)


def test_home_page_links_to_who_is_open_on_sunday(client, now, operations_index):
    assert 'href="/operations/qui-est-ouvert-dimanche/"' in home_html(client)


def test_home_page_without_an_operations_section_shows_no_panel(client, now, directory):
    assert "Qui est ouvert dimanche" not in home_html(client)


def test_home_page_queries_do_not_grow_with_the_opening_day_s_shops(client, now, operations_index):
    shops = [ShopPageFactory(title=f"Commerce {n}", hours=ALL_WEEK) for n in range(6)]
    operation = OperationPageFactory(days=[(date(2026, 12, 20), "10:00", "18:00")], shops=shops[:1])

    def count():
        client.get("/")
        # The next opening day as worked out, not as kept (it is kept after the first).
        cache.clear()
        with counted_rendering() as context:
            client.get("/")
        return len([query for query in context if "SAVEPOINT" not in query["sql"]])

    few = count()
    for shop in shops[1:]:
        OperationParticipation.objects.create(operation=operation, shop=shop)
    assert count() == few


def test_home_page_keeps_the_next_opening_day_until_a_participation_changes(
    client, now, operations_index
):
    shops = [ShopPageFactory(title=f"Commerce {n}", hours=ALL_WEEK) for n in range(2)]
    operation = OperationPageFactory(
        title="Dimanche shopping", days=[(date(2026, 12, 20), "10:00", "18:00")], shops=shops[:1]
    )
    assert "1 commerce ouvert" in home_html(client)
    OperationParticipation.objects.create(operation=operation, shop=shops[1])
    assert "2 commerces ouverts" in home_html(client)
