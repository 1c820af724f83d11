"""The words residents use for a category, a service or a tag, as staff type them:
cleaned before they are saved, refused with a message when they cannot be used."""

import pytest
from django.core.exceptions import ValidationError

from directory.search_terms import (
    MAX_TERM_LENGTH,
    MAX_TERMS,
    SearchTermsFormField,
    clean_terms,
    with_term,
)


def test_terms_are_trimmed_and_empty_ones_dropped():
    assert clean_terms("  coiffeur ,, barbier  ,\n salon   de  coiffure , ") == [
        "coiffeur",
        "barbier",
        "salon de coiffure",
    ]


def test_terms_differing_by_case_or_accents_are_kept_once_as_first_typed():
    assert clean_terms("Épicier, epicier, ÉPICIER, épicière") == ["Épicier", "épicière"]


def test_an_empty_list_is_no_term():
    assert clean_terms("") == []
    assert clean_terms(" , ,") == []


def test_a_term_without_a_letter_or_digit_is_refused_by_name():
    with pytest.raises(ValidationError) as error:
        clean_terms("coiffeur, !!!")
    assert "« !!! »" in str(error.value)


def test_a_term_too_long_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_terms("coiffeur, " + "a" * (MAX_TERM_LENGTH + 1))
    assert error.value.error_list[0].code == "too_long"


def test_a_term_of_the_longest_length_is_kept():
    assert clean_terms("a" * MAX_TERM_LENGTH) == ["a" * MAX_TERM_LENGTH]


def test_more_terms_than_the_limit_are_refused():
    with pytest.raises(ValidationError) as error:
        clean_terms(", ".join(f"mot{number}" for number in range(MAX_TERMS + 1)))
    assert error.value.error_list[0].code == "too_many"


def test_duplicates_do_not_count_towards_the_limit():
    words = [f"mot{number}" for number in range(MAX_TERMS)]
    assert clean_terms(", ".join(words + [word.upper() for word in words])) == words


def test_a_pasted_list_of_bad_words_reports_a_few():
    with pytest.raises(ValidationError) as error:
        clean_terms(", ".join(["???"] * 1000))
    assert 1 <= len(error.value.error_list) <= 5


def test_with_term_adds_a_new_word_at_the_end():
    assert with_term("coiffeur, barbier", "  Coiffeuse ") == "coiffeur, barbier, Coiffeuse"


def test_with_term_leaves_a_list_holding_the_same_word():
    assert with_term("coiffeur, barbier", "BARBIER") == "coiffeur, barbier"


def test_with_term_refuses_a_term_without_a_word():
    with pytest.raises(ValidationError):
        with_term("coiffeur", "***")


def test_the_form_field_gives_back_the_cleaned_list():
    field = SearchTermsFormField(required=False)
    assert field.clean(" pain ,croissant,, Pain ") == "pain, croissant"


def test_the_form_field_refuses_bad_terms():
    field = SearchTermsFormField(required=False)
    with pytest.raises(ValidationError):
        field.clean("pain, ---")
