"""Staff edit the words residents use where they edit categories and services, and the
tags' words in the same "Annuaire" menu; merchants reach none of it."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from directory.models import Category, Service, TagSearchTerms
from tests.factories import CategoryFactory, ServiceFactory

pytestmark = pytest.mark.django_db


def edit_url(model, pk):
    return reverse(f"wagtailsnippets_directory_{model}:edit", args=[pk])


def add_url(model):
    return reverse(f"wagtailsnippets_directory_{model}:add")


@pytest.fixture
def coiffure(db):
    return CategoryFactory(name="Coiffure", slug="coiffure", search_terms="coiffeur")


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="seconde main", slug="seconde-main")


def category_form(category, search_terms):
    return {
        "name": category.name,
        "slug": category.slug,
        "schema_type": category.schema_type,
        "search_terms": search_terms,
    }


def test_staff_save_a_categorys_words_cleaned(client, staff_user, coiffure):
    client.force_login(staff_user)
    response = client.post(
        edit_url("category", coiffure.pk),
        category_form(coiffure, " coiffeur, Coiffeur ,, barbier , coiffeuse"),
    )
    assert response.status_code == 302
    coiffure.refresh_from_db()
    assert coiffure.search_terms == "coiffeur, barbier, coiffeuse"


def test_staff_see_a_form_error_for_a_word_without_letters(client, staff_user, coiffure):
    client.force_login(staff_user)
    response = client.post(
        edit_url("category", coiffure.pk), category_form(coiffure, "barbier, ?!")
    )
    assert response.status_code == 200
    assert "ne contient aucune lettre" in response.content.decode()
    coiffure.refresh_from_db()
    assert coiffure.search_terms == "coiffeur"


def test_staff_save_a_services_words(client, staff_user):
    client.force_login(staff_user)
    service = ServiceFactory(name="Livraison", slug="livraison")
    response = client.post(
        edit_url("service", service.pk),
        {"name": "Livraison", "slug": "livraison", "search_terms": "livreur, à domicile"},
    )
    assert response.status_code == 302
    assert Service.objects.get(pk=service.pk).search_terms == "livreur, à domicile"


def test_the_category_listing_shows_the_words(client, staff_user, coiffure):
    client.force_login(staff_user)
    response = client.get(reverse("wagtailsnippets_directory_category:list"))
    assert "coiffeur" in response.content.decode()


def test_staff_give_a_tag_its_words(client, staff_user, tag):
    client.force_login(staff_user)
    response = client.post(
        add_url("tagsearchterms"), {"tag": tag.pk, "search_terms": "occasion, Vintage, vintage"}
    )
    assert response.status_code == 302
    assert TagSearchTerms.objects.get(tag=tag).search_terms == "occasion, Vintage"


def test_a_tag_without_words_is_a_form_error(client, staff_user, tag):
    client.force_login(staff_user)
    response = client.post(add_url("tagsearchterms"), {"tag": tag.pk, "search_terms": " , "})
    assert response.status_code == 200
    assert not TagSearchTerms.objects.exists()


def test_a_tag_given_words_twice_is_a_form_error(client, staff_user, tag):
    TagSearchTerms.objects.create(tag=tag, search_terms="occasion")
    client.force_login(staff_user)
    response = client.post(add_url("tagsearchterms"), {"tag": tag.pk, "search_terms": "vintage"})
    assert response.status_code == 200
    assert TagSearchTerms.objects.get().search_terms == "occasion"


def test_an_unknown_tag_is_a_form_error(client, staff_user):
    client.force_login(staff_user)
    response = client.post(add_url("tagsearchterms"), {"tag": 999999, "search_terms": "vintage"})
    assert response.status_code == 200
    assert not TagSearchTerms.objects.exists()


def test_a_merchant_reaches_no_words_editor(client, merchant_a, coiffure, tag):
    terms = TagSearchTerms.objects.create(tag=tag, search_terms="occasion")
    client.force_login(merchant_a.user)
    for url in [
        reverse("wagtailsnippets_directory_tagsearchterms:list"),
        add_url("tagsearchterms"),
        edit_url("tagsearchterms", terms.pk),
        edit_url("category", coiffure.pk),
        edit_url("service", ServiceFactory().pk),
    ]:
        assert client.get(url).status_code == 403, url


def test_a_merchants_crafted_posts_change_no_words(client, merchant_a, coiffure, tag):
    terms = TagSearchTerms.objects.create(tag=tag, search_terms="occasion")
    client.force_login(merchant_a.user)
    posts = [
        (edit_url("category", coiffure.pk), category_form(coiffure, "pirate")),
        (edit_url("tagsearchterms", terms.pk), {"tag": tag.pk, "search_terms": "pirate"}),
        (add_url("tagsearchterms"), {"tag": tag.pk, "search_terms": "pirate"}),
        (reverse("wagtailsnippets_directory_tagsearchterms:delete", args=[terms.pk]), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
    assert Category.objects.get(pk=coiffure.pk).search_terms == "coiffeur"
    assert list(TagSearchTerms.objects.values_list("search_terms", flat=True)) == ["occasion"]
