"""Reading a query string (core.query_params): the last value, cleaned; unknown names
dropped with a notice; nothing in it raises."""

from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st

from core import query_params

KNOWN = {"boulangerie": "Boulangeries"}


def test_single_is_the_last_value_stripped():
    assert query_params.single(QueryDict("q=pain&q=+levain+"), "q") == "levain"


def test_single_drops_nul_characters_and_cuts_to_length():
    assert query_params.single(QueryDict("q=a%00b" + "c" * 200), "q") == "ab" + "c" * 98


def test_single_reads_a_plain_dict_and_an_absent_name():
    assert query_params.single({"q": " pain "}, "q") == "pain"
    assert query_params.single({}, "q") == ""


def test_several_keeps_the_first_values_sorted_without_empties_or_duplicates():
    params = QueryDict("s=wifi&s=&s=parking&s=wifi&s=terrasse")
    assert query_params.several(params, "s", max_count=4) == ["parking", "wifi"]


def test_page_number_defaults_to_the_first_page():
    assert query_params.page_number(QueryDict("")) == "1"
    assert query_params.page_number(QueryDict("page=12345678901234")) == "1234567890"


def test_choice_finds_what_the_value_names():
    notices = []
    found = query_params.choice(
        QueryDict("categorie=boulangerie"), "categorie", KNOWN.get, notices, "« %(value)s » ?"
    )
    assert found == "Boulangeries"
    assert notices == []


def test_unknown_choice_is_ignored_with_a_notice_naming_it():
    notices = []
    found = query_params.choice(
        QueryDict("categorie=fleuriste"), "categorie", KNOWN.get, notices, "« %(value)s » ?"
    )
    assert found is None
    assert notices == ["« fleuriste » ?"]


def test_absent_choice_says_nothing():
    notices = []
    assert query_params.choice(QueryDict(""), "categorie", KNOWN.get, notices, "?") is None
    assert notices == []


@given(st.lists(st.tuples(st.sampled_from(["q", "page", "s"]), st.text(max_size=300))))
def test_no_query_string_makes_them_raise(pairs):
    params = QueryDict(mutable=True)
    for name, value in pairs:
        params.appendlist(name, value)
    assert len(query_params.single(params, "q")) <= query_params.MAX_LENGTH
    assert query_params.page_number(params)
    assert len(query_params.several(params, "s")) <= 20
    query_params.choice(params, "q", KNOWN.get, [], "%(value)s")
