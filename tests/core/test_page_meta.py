"""core.page_meta: what a listing's query string means to a search engine, and which
page numbers name a page."""

import pytest
from django.core.paginator import Paginator
from django.http import Http404, QueryDict

from core.page_meta import (
    NOINDEX_FOLLOW,
    PageMeta,
    for_listing,
    page_or_404,
    plain_description,
)

LIST = PageMeta(title="Commerces", description="Tous les commerces.", canonical="https://v.be/c/")


def listing(query_string):
    return for_listing(LIST, QueryDict(query_string))


def test_the_unfiltered_list_is_indexable_at_its_own_address():
    assert listing("") == LIST


@pytest.mark.parametrize(
    "query", ["q=pain", "q=", "categorie=boulangerie", "tri=nom", "q=pain&page=2"]
)
def test_a_filtered_sorted_or_searched_list_is_noindex_follow_with_the_unfiltered_canonical(query):
    meta = listing(query)
    assert meta.robots == NOINDEX_FOLLOW
    assert meta.canonical == "https://v.be/c/"


def test_any_parameter_but_the_page_makes_the_list_a_variant():
    assert listing("utm_source=journal").robots == NOINDEX_FOLLOW


def test_a_later_page_of_the_unfiltered_list_is_indexable_with_its_own_canonical():
    meta = listing("page=2")
    assert meta.robots == ""
    assert meta.canonical == "https://v.be/c/?page=2"


@pytest.mark.parametrize("query", ["page=1", "page=", "page=abc"])
def test_the_first_page_or_no_page_number_keeps_the_list_address(query):
    assert listing(query).canonical == "https://v.be/c/"


def test_the_first_page_of_an_empty_list_exists():
    paginator = Paginator([], 20, allow_empty_first_page=True)
    assert page_or_404(paginator, "1").number == 1


@pytest.mark.parametrize("number", ["3", "0", "-1", "abc", "1.5", "1e3", "²", " 2"])
def test_a_page_number_naming_no_page_is_a_404(number):
    paginator = Paginator(list(range(30)), 20)
    with pytest.raises(Http404):
        page_or_404(paginator, number)


def test_the_last_page_exists():
    assert page_or_404(Paginator(list(range(30)), 20), "2").number == 2


def test_a_description_is_plain_one_line_text_cut_at_a_word():
    text = plain_description("<p>Du pain\n<b>frais</b></p> " + "tous les jours " * 20)
    assert text.startswith("Du pain frais tous")
    assert len(text) <= 160
    assert text.endswith("…")
