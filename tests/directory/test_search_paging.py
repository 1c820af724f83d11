"""A filtered search counts, ranks and pages its matches in SQL: only the shown page's
shops are read, and its pages, read one after the other, are its ranking."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import search
from directory.models import ShopPage
from tests.factories import CategoryFactory, ServiceFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

PAGE_SIZE = 4


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(search, "PAGE_SIZE", PAGE_SIZE)


@pytest.fixture
def bakeries(db):
    """Shops that "boul" finds, by rank: in their name, in their labels (category,
    service, tag), elsewhere (their description), each group out of title order."""
    bakery = CategoryFactory(name="Boulangerie", slug="boulangerie")
    grocery = CategoryFactory(name="Épicerie", slug="epicerie")
    baking = ServiceFactory(name="Boulange sur commande", slug="boulange")

    def shop(title, category=grocery, **fields):
        return ShopPageFactory(title=title, category=category, **fields).title

    return [
        # In the name (its word or a word it starts).
        shop("Boulangerie Dupont"),
        shop("Au Fournil, boulangerie"),
        shop("Boulangerie Anne", category=bakery),
        shop("Les Boules de Mars"),
        shop("Boulangerie Centrale"),
        # In the labels.
        shop("Chez Bruno", category=bakery),
        shop("Chez Anne", category=bakery),
        shop("Le Grenier", services=[baking]),
        shop("Le Moulin", tags=["boulangerie bio"]),
        # Elsewhere.
        shop("Zeste", short_description="À côté de la boulangerie."),
        shop("Arôme", short_description="Pain de la boulangerie voisine."),
        shop("Mercerie", short_description="Boutons et boulangeries de laine."),
    ]


def in_rank_order(titles):
    """Titles of one rank in the order the search lists them: by title, as the database
    sorts them (case-sensitive, the accented letters after the others)."""
    return sorted(titles)


def pages_of(text, count):
    found, totals = [], set()
    for number in range(1, count + 1):
        result = search.search(search.parse_query({"q": text, "page": str(number)}))
        found.append([card.shop.title for card in result.page.object_list])
        totals.add(result.total)
    return found, totals


def test_the_pages_of_a_search_read_in_turn_are_its_ranking(bakeries, small_pages):
    names, labels, elsewhere = bakeries[:5], bakeries[5:9], bakeries[9:]
    ranking = in_rank_order(names) + in_rank_order(labels) + in_rank_order(elsewhere)
    pages, totals = pages_of("boul", 3)
    assert totals == {len(bakeries)}
    assert [len(page) for page in pages] == [4, 4, 4]
    assert [title for page in pages for title in page] == ranking


def test_the_pages_of_a_search_by_name_read_in_turn_are_in_name_order(bakeries, small_pages):
    result = search.search(search.parse_query({"q": "boul", "tri": "nom", "page": "3"}))
    assert [card.shop.title for card in result.page.object_list] == sorted(bakeries)[8:]


def test_a_search_reads_only_the_shown_page_of_its_matches(bakeries, small_pages):
    search.search(search.parse_query({"q": "pain"}))  # reads the vocabulary, kept after
    with CaptureQueriesContext(connection) as context:
        result = search.search(search.parse_query({"q": "boul", "page": "2"}))
    assert result.total == len(bakeries)
    assert sum(result.category_counts.values()) == len(bakeries)
    matching = [q["sql"] for q in context if "wagtailsearch_indexentry" in q["sql"]]
    assert matching
    for sql in matching:
        # The counts are grouped; any other query of the matches has a page's LIMIT.
        limit = re.search(r"LIMIT (\d+)", sql)
        assert "GROUP BY" in sql or (limit and int(limit.group(1)) <= PAGE_SIZE), sql


def test_a_search_finds_its_matches_once_for_its_counts_and_its_page(bakeries, small_pages):
    search.search(search.parse_query({"q": "pain"}))  # reads the vocabulary, kept after
    with CaptureQueriesContext(connection) as context:
        result = search.search(search.parse_query({"q": "boul", "page": "3"}))
    assert len(result.page.object_list) == PAGE_SIZE
    assert result.category_counts
    assert len([q for q in context if "wagtailsearch_indexentry" in q["sql"]]) == 1


def test_a_renamed_shop_ranks_by_its_new_name(bakeries, small_pages):
    shop = ShopPage.objects.get(title="Zeste")
    shop.title = "Zeste, la boulangerie"
    shop.save_revision().publish()
    pages, _totals = pages_of("boul", 1)
    assert pages[0] == in_rank_order([*bakeries[:5], "Zeste, la boulangerie"])[:PAGE_SIZE]
    assert "boulangerie" in ShopPage.objects.get(pk=shop.pk).name_words.split()
