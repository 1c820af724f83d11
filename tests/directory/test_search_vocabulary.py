"""The search's words: how a query's words match (directory.search_words) and the
vocabulary that corrects typos and ranks results (directory.search_vocabulary), kept
in step with the shops, categories and synonyms."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory import search_vocabulary
from directory.search import parse_query, search
from directory.search_words import Term, query_terms
from tests.factories import CategoryFactory, OfferPageFactory, ShopPageFactory


def test_a_word_matches_its_plural_and_the_last_word_completes():
    assert Term.of("pains").matches({"pain"})
    assert not Term.of("boul").matches({"boulangerie", "boulanger"})
    assert Term.of("boul", prefix=True).matches({"boulangerie", "boulanger"})
    ordered = ("boulanger", "boulangerie", "pain")
    assert Term.of("boulangeri", prefix=True).matches(set(ordered), ordered)
    assert not Term.of("boulangeries2", prefix=True).matches(set(ordered), ordered)


def test_query_terms_leave_out_stop_words_unless_there_is_nothing_else():
    assert [term.word for term in query_terms("Pain au levain de la maison")] == [
        "pain",
        "levain",
        "maison",
    ]
    assert [term.word for term in query_terms("La Une")] == ["la", "une"]
    assert [term.word for term in query_terms("le la")] == ["le", "la"]
    assert [term.prefix for term in query_terms("pain lev")] == [False, True]


def found(text):
    return [card.shop.title for card in search(parse_query({"q": text})).page.object_list]


@pytest.mark.django_db
def test_a_new_shop_is_in_the_vocabulary_at_the_next_search():
    ShopPageFactory(title="Boulangerie Dupont")
    assert found("quincailerie") == []  # nothing near it yet: nothing is corrected
    ShopPageFactory(title="Quincaillerie Laurent")
    assert found("quincailerie") == ["Quincaillerie Laurent"]


@pytest.mark.django_db
def test_a_category_given_synonyms_ranks_its_shops_at_the_next_search(
    django_capture_on_commit_callbacks,
):
    category = CategoryFactory(name="Coiffure")
    ShopPageFactory(title="Salon Élégance", category=category)
    ShopPageFactory(title="Au Bon Barbier", short_description="Coiffeur pour hommes.")
    ShopPageFactory(title="Aaa Studio", category=category, short_description="Coiffeur.")
    assert found("coiffeur") == ["Aaa Studio", "Au Bon Barbier"]
    category.search_terms = "coiffeur"
    with django_capture_on_commit_callbacks(execute=True):
        category.save()  # its shops are indexed again once it commits
    # Both shops of the category have it as a label now, before the description's.
    assert found("coiffeur") == ["Aaa Studio", "Salon Élégance", "Au Bon Barbier"]


@pytest.mark.django_db
def test_an_offer_published_is_in_the_vocabulary_at_the_next_search():
    shop = ShopPageFactory(title="Boulangerie Dupont")
    assert found("croissant") == []
    OfferPageFactory(parent=shop, title="Croissants", short_text="Le troisième offert.")
    assert found("croissant") == ["Boulangerie Dupont"]


@pytest.mark.django_db
def test_an_offer_of_another_day_is_not_in_the_vocabulary(clock):
    from datetime import timedelta

    from core.clock import today

    shop = ShopPageFactory(title="Boulangerie Dupont")
    start = today() + timedelta(days=10)
    OfferPageFactory(
        parent=shop, title="Galettes", start_date=start, end_date=start + timedelta(days=2)
    )
    assert found("galette") == []


@pytest.mark.django_db
def test_invalidate_drops_the_vocabulary():
    ShopPageFactory(title="Boulangerie Dupont")
    before = search_vocabulary.vocabulary()
    assert search_vocabulary.vocabulary() is before
    search_vocabulary.invalidate()
    assert search_vocabulary.vocabulary() is not before


@pytest.mark.django_db
def test_correcting_typos_costs_no_query_per_word():
    for title in ("Boulangerie Dupont", "Fleuriste Rose", "Coiffure Anne"):
        ShopPageFactory(title=title)
    found("boulangerie fleuriste coiffure")  # the vocabulary is read, the cards kept

    def queries(text):
        with CaptureQueriesContext(connection) as context:
            found(text)
        return len(context)

    assert queries("boulangrie fleuriset coifure") == queries("boulangerie fleuriste coiffure")


def test_every_model_the_vocabulary_reads_drops_it():
    from taggit.models import Tag

    from core import caching
    from directory.models import Category, District, Service, ShopPage, ShopTag, TagSearchTerms

    registered = caching.registered_models(search_vocabulary.ENTRY)
    read = {ShopPage, ShopTag, Tag, TagSearchTerms, Category, District, Service}
    assert read <= set(registered)
    assert all(registered[model] == {caching.SAVED, caching.DELETED} for model in read)
    assert caching.registered_page_changes(search_vocabulary.ENTRY) == set(caching.PAGE_CHANGES)


def test_a_vocabulary_reads_each_label_and_offer_once_per_term(monkeypatch):
    vocabulary = search_vocabulary.Vocabulary(
        words=("boulangerie", "pain"),
        categories={1: frozenset({"boulangerie", "boulanger"})},
        services={2: frozenset({"livraison"})},
        tags={"bio": frozenset({"bio"})},
        offers={3: frozenset({"pain", "promo"})},
    )
    term = Term.of("boul", prefix=True)
    tested = []
    matches = Term.matches
    monkeypatch.setattr(Term, "matches", lambda self, *a: tested.append(self) or matches(self, *a))
    assert vocabulary.labels_matching(term) == ((1,), (), ())
    assert vocabulary.shops_with_offer_matching(term) == frozenset()
    read = len(tested)
    assert vocabulary.labels_matching(term) == ((1,), (), ())
    assert vocabulary.shops_with_offer_matching(Term.of("pain")) == {3}
    assert vocabulary.shops_with_offer_matching(term) == frozenset()
    assert len(tested) == read + 1
