"""One page of a queryset and its counts by groups, in one statement (core.counted_page):
the same rows and counts as reading them the usual way, in two queries."""

from collections import Counter

import pytest
from django.db import connection
from django.db.models import Case, IntegerField, Value, When
from django.test.utils import CaptureQueriesContext

from core.counted_page import counted_page
from directory.models import ShopPage
from tests.factories import CategoryFactory, DistrictFactory, published_shops

pytestmark = pytest.mark.django_db

FIELDS = ("pk", "title", "last_published_at")
GROUPS = ("category_id", "district_id")


@pytest.fixture
def shops():
    """Eleven shops in three categories and two districts (one shop in none), titled
    so that the title order is not the order they were made in."""
    categories = [CategoryFactory() for _ in range(3)]
    districts = [DistrictFactory(), DistrictFactory(), None]
    made = []
    for number in range(11):
        made += published_shops(
            1,
            title=f"Commerce {(number * 7) % 11:02d}",
            category=categories[number % 3],
            district=districts[number % 3],
        )
    return ShopPage.objects.live()


def as_two_queries(queryset, ordering, offset, limit):
    page = list(queryset.order_by(*ordering).values_list(*FIELDS)[offset : offset + limit])
    counts = Counter(queryset.values_list(*GROUPS))
    return page, counts


@pytest.mark.parametrize(
    "ordering",
    [
        ["title", "pk"],
        ["-title", "pk"],
        ["-last_published_at", "title", "pk"],
        [
            Case(
                When(title__endswith="3", then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ).asc(),
            "-title",
            "pk",
        ],
    ],
)
@pytest.mark.parametrize("offset", [0, 4, 8, 12])
def test_the_page_and_counts_are_those_of_two_queries(shops, ordering, offset):
    page, counts = counted_page(shops, ordering, FIELDS, GROUPS, offset=offset, limit=4)
    expected_page, expected_counts = as_two_queries(shops, ordering, offset, 4)
    assert page == expected_page
    assert {tuple(group): count for *group, count in counts} == expected_counts


def test_the_rows_are_read_in_one_statement_with_their_values_converted(shops):
    with CaptureQueriesContext(connection) as context:
        page, counts = counted_page(shops, ["title", "pk"], FIELDS, GROUPS, offset=0, limit=3)
    assert len(context) == 1
    assert sum(count for *_group, count in counts) == 11
    # Dates are dates, as values_list gives them (SQLite returns text).
    assert page[0][2] == ShopPage.objects.get(pk=page[0][0]).last_published_at


def test_a_filtered_queryset_with_no_rows_has_no_page_and_no_counts(shops):
    page, counts = counted_page(
        shops.filter(title="Nulle part"), ["title", "pk"], FIELDS, GROUPS, offset=0, limit=3
    )
    assert (page, counts) == ([], [])
