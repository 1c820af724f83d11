"""A shop is found by the words residents use for its category, services and tags, and
found by the new words as soon as staff change them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from directory import search
from directory.models import ShopPage, TagSearchTerms
from directory.synonyms import search_terms_by_shop, shop_search_terms
from tests.factories import CategoryFactory, ServiceFactory, ShopPageFactory

pytestmark = pytest.mark.django_db


def found(text):
    """The titles the directory's search finds for `text`, as a resident typing it."""
    ids = search.match(search.parse_query({"q": text}))[0]
    return set(ShopPage.objects.filter(pk__in=ids).values_list("title", flat=True))


@pytest.fixture
def hairdresser(db, django_capture_on_commit_callbacks):
    coiffure = CategoryFactory(name="Coiffure", slug="coiffure", search_terms="coiffeur, barbier")
    delivery = ServiceFactory(name="Livraison", slug="livraison", search_terms="à domicile")
    shop = ShopPageFactory(
        title="Salon Lucie", category=coiffure, services=[delivery], tags=["seconde main"]
    )
    with django_capture_on_commit_callbacks(execute=True):
        TagSearchTerms.objects.create(
            tag=Tag.objects.get(name="seconde main"), search_terms="vintage"
        )
    return shop


def test_shop_words_come_from_its_category_services_and_tags(hairdresser):
    shop = ShopPage.objects.get(pk=hairdresser.pk)
    assert shop_search_terms(shop) == ["coiffeur", "barbier", "à domicile", "vintage"]


def test_shop_words_are_each_given_once(db):
    category = CategoryFactory(search_terms="pain, croissant")
    service = ServiceFactory(search_terms="Pain, livraison")
    shop = ShopPageFactory(category=category, services=[service])
    assert shop_search_terms(ShopPage.objects.get(pk=shop.pk)) == ["pain", "croissant", "livraison"]


def test_shop_words_read_the_services_and_tags_held_in_memory(hairdresser):
    other = ServiceFactory(search_terms="click and collect")
    shop = ShopPage.objects.get(pk=hairdresser.pk)
    shop.services = [other]
    shop.tags.set([])
    assert shop_search_terms(shop) == ["coiffeur", "barbier", "click and collect"]


def test_an_unsaved_shop_has_the_words_of_its_category(db):
    category = CategoryFactory(search_terms="opticien, lunettes")
    assert shop_search_terms(ShopPage(title="Nouveau", category=category)) == [
        "opticien",
        "lunettes",
    ]


def test_words_of_many_shops_cost_the_same_queries_as_of_a_few(db):
    def queries_for(number):
        shops = [
            ShopPageFactory(
                category=CategoryFactory(search_terms=f"mot{n}"),
                services=[ServiceFactory(search_terms=f"service{n}")],
                tags=[f"tag{number}-{n}"],
            )
            for n in range(number)
        ]
        for shop in shops:
            TagSearchTerms.objects.create(tag=shop.tags.get(), search_terms=f"synonyme {shop.pk}")
        fresh = list(ShopPage.objects.filter(pk__in=[shop.pk for shop in shops]))
        with CaptureQueriesContext(connection) as queries:
            words = search_terms_by_shop(fresh)
        assert all(f"synonyme {shop.pk}" in words[shop.pk] for shop in shops)
        ShopPage.objects.filter(pk__in=[shop.pk for shop in shops]).delete()
        return len(queries)

    few = queries_for(2)
    assert few <= 4
    assert queries_for(8) == few


def test_a_shop_is_found_by_its_category_words(hairdresser):
    assert found("barbier") == {"Salon Lucie"}


def test_a_shop_is_found_by_its_tag_words(hairdresser):
    assert found("vintage") == {"Salon Lucie"}


def test_new_category_words_reach_the_index_once_saved(
    hairdresser, django_capture_on_commit_callbacks
):
    category = hairdresser.category
    category.search_terms = "coiffeur, coiffeuse, perruquier"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    assert found("perruquier") == {"Salon Lucie"}
    assert found("barbier") == set()


def test_new_service_words_reach_the_index_once_saved(
    hairdresser, django_capture_on_commit_callbacks
):
    service = hairdresser.services.get()
    service.search_terms = "livreur"
    with django_capture_on_commit_callbacks(execute=True):
        service.save()
    assert found("livreur") == {"Salon Lucie"}


def test_a_deleted_service_takes_its_words_out_of_the_index(
    hairdresser, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        hairdresser.services.get().delete()
    assert found("domicile") == set()


def test_tag_words_added_changed_and_removed_reach_the_index(
    hairdresser, django_capture_on_commit_callbacks
):
    terms = TagSearchTerms.objects.get()
    terms.search_terms = "occasion"
    with django_capture_on_commit_callbacks(execute=True):
        terms.save()
    assert (found("occasion"), found("vintage")) == ({"Salon Lucie"}, set())
    with django_capture_on_commit_callbacks(execute=True):
        terms.delete()
    assert found("occasion") == set()


def test_tag_words_moved_to_another_tag_leave_the_first_tags_shops(
    hairdresser, django_capture_on_commit_callbacks
):
    other = ShopPageFactory(title="Bouquiniste", tags=["livres anciens"])
    terms = TagSearchTerms.objects.get()
    terms.tag = other.tags.get()
    with django_capture_on_commit_callbacks(execute=True):
        terms.save()
    assert found("vintage") == {"Bouquiniste"}


def test_saving_a_category_without_changing_its_words_reindexes_nothing(
    hairdresser, django_capture_on_commit_callbacks
):
    category = hairdresser.category
    category.schema_type = "Store"
    with django_capture_on_commit_callbacks() as callbacks:
        category.save()
    assert callbacks == []


def test_a_renamed_category_is_found_by_its_new_name(
    hairdresser, django_capture_on_commit_callbacks
):
    category = hairdresser.category
    category.name = "Salon de beauté"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    assert found("beaute") == {"Salon Lucie"}


def test_a_draft_shop_is_reindexed_too(hairdresser, django_capture_on_commit_callbacks):
    hairdresser.unpublish()
    category = hairdresser.category
    category.search_terms = "perruquier"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()
    drafts = ShopPage.objects.search("perruquier")
    assert [shop.pk for shop in drafts] == [hairdresser.pk]
