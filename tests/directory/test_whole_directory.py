"""Without filters, the directory counts and pages in SQL (search._whole_directory); a
filtered search reads every matching row (search.match). Both must agree.

The fifty shops they are compared on are built once for the module (building them
takes seconds), inside a transaction rolled back after the module's last test; each
test still runs in a savepoint of its own."""

from datetime import timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from directory.models import ShopPage
from directory.search import PAGE_SIZE, match, parse_query, search
from tests.factories import CategoryFactory, DistrictFactory, ShopPageFactory
from tests.wide_fixtures import check_deferred_constraints

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def categories(django_db_setup, django_db_blocker):
    """Fifty shops in three categories (returned) and two districts, one in five in
    none; one of them behind a login and one unpublished."""
    with django_db_blocker.unblock(), transaction.atomic():
        categories = [CategoryFactory(name=f"Catégorie {n}", slug=f"c{n}") for n in range(3)]
        districts = [
            DistrictFactory(name="Centre", slug="centre-wd", latitude=50.4669, longitude=4.8675),
            DistrictFactory(name="Gare", slug="gare-wd", latitude=50.4690, longitude=4.8620),
        ]
        shops = [
            ShopPageFactory(
                title=f"Commerce {(number * 7) % 50:02d}",
                category=categories[number % 3],
                district=districts[number % 2] if number % 5 else None,
                latitude=50.40 + number / 500,
                longitude=4.80 + (number % 7) / 100,
                first_published_at=timezone.now() - timedelta(days=number),
            )
            for number in range(50)
        ]
        PageViewRestriction.objects.create(page=shops[4], restriction_type="login")
        shops[5].unpublish()
        check_deferred_constraints()
        yield categories
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"page": "3"},
        {"tri": "nouveaux", "page": "2"},
        {"pres": "50.47,4.87"},
        {"pres": "50.47,4.87", "page": "3"},
    ],
)
def test_the_whole_directory_counted_in_sql_is_the_same_as_read_row_by_row(categories, params):
    query = parse_query(params)
    result = search(query)
    ordered, facts, _reading = match(query)
    assert not query.is_filtered
    page = int(params.get("page", "1"))
    expected = ordered[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    assert [card.shop.pk for card in result.page.object_list] == expected
    assert result.total == len(ordered) == 48
    assert result.category_counts == {
        category.pk: sum(1 for cat, _district in facts.values() if cat == category.pk)
        for category in categories
    }
    assert sum(result.district_counts.values()) == 48
    assert result.district_counts.get(None) == 9


def counting_queries(context):
    """The queries that count shops by category and district."""
    return [
        query["sql"]
        for query in context
        if 'COUNT("directory_shoppage"."page_ptr_id")' in query["sql"]
        and "GROUP BY" in query["sql"]
    ]


def test_the_whole_directory_is_counted_once_then_kept(categories):
    search(parse_query({}))
    with CaptureQueriesContext(connection) as context:
        result = search(parse_query({"page": "2"}))
    assert result.total == 48
    assert counting_queries(context) == []


@pytest.mark.parametrize(
    "change",
    [
        "unpublish",
        "restrict",
        "recategorise",
        "publish a new shop",
    ],
)
def test_a_change_to_the_shops_shows_in_the_kept_counts_at_the_next_visit(categories, change):
    before = search(parse_query({}))
    shop = ShopPage.objects.live().filter(category=categories[0]).first()
    if change == "unpublish":
        shop.unpublish()
    elif change == "restrict":
        PageViewRestriction.objects.create(page=shop, restriction_type="login")
    elif change == "recategorise":
        shop.category = categories[1]
        shop.save_revision().publish()
    else:
        ShopPageFactory(title="Nouveau commerce", category=categories[0])
    after = search(parse_query({}))
    ordered, facts, _reading = match(parse_query({}))
    assert after.total == len(ordered)
    assert (after.total != before.total) == (change != "recategorise")
    assert (
        after.category_counts
        == {
            category.pk: sum(1 for cat, _district in facts.values() if cat == category.pk)
            for category in categories
        }
        != before.category_counts
    )


def test_the_directory_by_name_reads_its_page_from_the_title_index(categories):
    with CaptureQueriesContext(connection) as context:
        search(parse_query({"page": "2"}))
    (page_query,) = [q["sql"] for q in context if 'ORDER BY "wagtailcore_page"."title"' in q["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {page_query}")
            plan = [row[-1] for row in cursor.fetchall()]
            # Only the shops of one same title are sorted (by id), not all of them.
            assert "SCAN wagtailcore_page USING INDEX directory_page_title_id" in plan, plan
            assert "USE TEMP B-TREE FOR ORDER BY" not in plan, plan
        else:
            # PostgreSQL's plan depends on its statistics; the index is there to choose.
            constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")
            assert constraints["directory_page_title_id"]["columns"] == ["title", "id"]
