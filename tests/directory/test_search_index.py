"""The search index after a bulk load (directory.search_index.analyse_search_index):
planner statistics, and SQLite's full-text index merged into one segment."""

import pytest
from django.db import connection, transaction

from directory.search import matching_ids, parse_query, search
from directory.search_index import FULL_TEXT_TABLE, analyse_search_index
from directory.search_words import Term, term_query
from tests.factories import published_shops

pytestmark = pytest.mark.django_db


def full_text_segments():
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(DISTINCT segid) FROM {FULL_TEXT_TABLE}_idx")
        return cursor.fetchone()[0]


@pytest.fixture
def shops_written_in_batches(directory):
    for batch in range(3):
        with transaction.atomic():
            published_shops(3, title=f"Boulangerie {batch}-{{number}}")


def test_sqlite_full_text_index_is_merged_into_one_segment(shops_written_in_batches):
    if connection.vendor != "sqlite":
        assert FULL_TEXT_TABLE not in connection.introspection.table_names()
        return
    assert full_text_segments() > 1
    analyse_search_index()
    assert full_text_segments() == 1


def test_searches_find_the_same_shops_after_the_index_is_analysed(shops_written_in_batches):
    before = search(parse_query({"q": "boul"}))
    analyse_search_index()
    after = search(parse_query({"q": "boul"}))
    assert after.total == before.total == 9
    assert [card.shop.pk for card in after.page.object_list] == [
        card.shop.pk for card in before.page.object_list
    ]
    assert len(matching_ids(term_query(Term.of("boul", prefix=True)))) == 9
