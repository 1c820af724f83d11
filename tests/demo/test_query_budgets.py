"""SQL queries per public page: a budget per page type, so a change that adds a query
per item, or per menu entry, fails here before it slows the site down."""

import pytest

from tests.factories import StandardPageFactory
from tests.queries import counted_rendering

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # the first request warms the site and settings caches
    # and makes the pictures' renditions, which starts a new generation of what the
    # directory keeps (its cards, the home page's next opening day); the second keeps them.
    client.get(url)
    with counted_rendering() as context:
        assert client.get(url).status_code == 200
    return len([q for q in context if "SAVEPOINT" not in q["sql"]])


@pytest.mark.parametrize(
    ("url", "budget"),
    [("/", 16), ("/commerces/?q=pain", 4), ("/offres/", 11), ("/a-propos/", 11)],
)
def test_page_stays_within_its_query_budget(demo_site, client, url, budget):
    assert count_queries(client, url) <= budget


def test_footer_links_cost_the_same_however_many_text_pages_there_are(demo_site, client):
    before = count_queries(client, "/a-propos/")
    for number in range(5):
        StandardPageFactory(parent=demo_site.root_page, title=f"Page d'information {number}")
    assert count_queries(client, "/a-propos/") == before
