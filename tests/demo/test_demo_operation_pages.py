"""The demo's operations as residents see them: the Sunday opening's page with its twenty
shops, « Qui est ouvert dimanche ? » and the home page's next opening day, each within a
query budget."""

import pytest

from directory.models import OperationPage
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # makes the renditions and warms the caches
    client.get(url)  # the kept cards of the new generation
    with counted_rendering() as context:
        assert client.get(url).status_code == 200
    return len([q for q in context if "SAVEPOINT" not in q["sql"]])


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        ("/operations/", 12),
        ("/operations/dimanche-shopping/", 20),
        ("/operations/qui-est-ouvert-dimanche/", 18),
    ],
)
def test_operations_pages_stay_within_their_query_budget(demo_site, client, url, budget):
    assert count_queries(client, url) <= budget


def test_sunday_opening_page_lists_its_twenty_shops(demo_site, client):
    html = client.get("/operations/dimanche-shopping/").content.decode()
    assert "20 commerces participants" in html
    assert html.count('class="shops-map__point"') == 20


def test_home_page_announces_the_sunday_opening(demo_site, client):
    opening = OperationPage.objects.get(slug="dimanche-shopping")
    html = client.get("/").content.decode()
    assert f'<a href="{opening.url}">Dimanche ' in html
    assert "commerces ouverts</a>" in html


def test_the_sunday_opening_has_a_calendar(demo_site, client):
    response = client.get("/operations/dimanche-shopping/agenda.ics")
    assert response.status_code == 200
    assert b"BEGIN:VEVENT" in response.content
