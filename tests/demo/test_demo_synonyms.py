"""The demo ships the words residents use for its categories, services and some tags,
and its shops are found by them."""

import pytest

from demo.shops.content import CATEGORIES, SERVICES, TAG_SEARCH_TERMS
from directory import search
from directory.models import Category, Service, ShopPage, TagSearchTerms
from directory.search_terms import clean_terms

pytestmark = pytest.mark.django_db


def found(text):
    ids = search.match(search.parse_query({"q": text}))[0]
    return set(ids)


def shops_of(category_slug):
    return set(
        ShopPage.objects.live().filter(category__slug=category_slug).values_list("pk", flat=True)
    )


def test_every_demo_category_and_service_has_clean_words(demo_site):
    for category in Category.objects.all():
        assert clean_terms(category.search_terms), category
    for service in Service.objects.all():
        assert clean_terms(service.search_terms), service


def test_the_demo_words_are_as_cleaning_leaves_them():
    texts = [category.search_terms for category in CATEGORIES]
    texts += [terms for _slug, _name, terms in SERVICES]
    texts += list(TAG_SEARCH_TERMS.values())
    for text in texts:
        assert ", ".join(clean_terms(text)) == text


def test_the_demo_tags_have_their_words(demo_site):
    assert TagSearchTerms.objects.count() == len(TAG_SEARCH_TERMS)


@pytest.mark.parametrize(
    ("query", "category"),
    [
        ("coiffeur", "coiffure"),
        ("barbier", "coiffure"),
        ("opticien", "optique"),
        ("lunettes", "optique"),
        ("boulanger", "boulangerie"),
        ("croissant", "boulangerie"),
        ("viennoiseries", "boulangerie"),
        ("libraire", "librairie"),
        ("boucher", "boucherie"),
    ],
)
def test_a_demo_category_is_found_by_its_words(demo_site, query, category):
    assert shops_of(category) <= found(query)


def test_a_demo_shop_is_found_by_its_tags_words(demo_site):
    tagged = set(
        ShopPage.objects.filter(tagged_items__tag__name="audition").values_list("pk", flat=True)
    )
    assert tagged
    assert tagged <= found("appareil auditif")
