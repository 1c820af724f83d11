"""Text normalisation (core.text), the same for the indexed text and the query."""

import re

import snowballstemmer
from anyascii import anyascii
from django.utils.html import strip_tags
from hypothesis import given
from hypothesis import strategies as st

from core.text import normalise, stem


def normalise_the_long_way(text):
    """The definition, without normalise()'s shortcuts for plain and ASCII text."""
    return re.sub(r"[^a-z0-9]+", " ", anyascii(strip_tags(text or "")).lower()).strip()


@given(st.text(alphabet=st.sampled_from("aZé É'-<>/b&;ŒœßçÇ日€½ 0\t\n"), max_size=40))
def test_normalise_takes_shortcuts_without_changing_a_result(text):
    assert normalise(text) == normalise_the_long_way(text)


def test_normalise_examples():
    assert normalise("Épicerie fine <b>Bio</b>") == "epicerie fine bio"
    assert normalise("L'Atelier du Vélo") == "l atelier du velo"
    assert normalise("  Boulangerie   Dupont ") == "boulangerie dupont"
    assert normalise(None) == ""


def test_a_number_is_its_own_stem_as_the_stemmer_says():
    stemmer = snowballstemmer.stemmer("french")
    for number in ("0", "7", "12", "00001", "2026", "99999", "1234567890"):
        assert stem(number) == stemmer.stemWord(number) == number
