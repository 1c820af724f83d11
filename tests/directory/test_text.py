"""Text normalisation (directory.text) and the name test that ranks a search."""

from anyascii import anyascii
from django.utils.html import strip_tags
from hypothesis import given
from hypothesis import strategies as st

from directory.search import name_matches
from directory.text import normalise


def normalise_the_long_way(text):
    """The definition, without normalise()'s shortcuts for plain and ASCII text."""
    import re

    return re.sub(r"[^a-z0-9]+", " ", anyascii(strip_tags(text or "")).lower()).strip()


@given(st.text(alphabet=st.sampled_from("aZé É'-<>/b&;ŒœßçÇ日 0\t\n"), max_size=40))
def test_normalise_takes_shortcuts_without_changing_a_result(text):
    assert normalise(text) == normalise_the_long_way(text)


def test_normalise_examples():
    assert normalise("Épicerie fine <b>Bio</b>") == "epicerie fine bio"
    assert normalise("L'Atelier du Vélo") == "l atelier du velo"
    assert normalise("  Boulangerie   Dupont ") == "boulangerie dupont"
    assert normalise(None) == ""


def test_name_matches_when_every_term_starts_a_word():
    assert name_matches("Épicerie fine Lemaire", ["epi"])
    assert name_matches("Épicerie fine Lemaire", ["fin", "lem"])
    assert name_matches("L'Atelier du Vélo", ["atel", "velo"])


def test_name_does_not_match_inside_a_word_or_with_a_term_missing():
    assert not name_matches("Épicerie fine Lemaire", ["pic"])
    assert not name_matches("Épicerie fine Lemaire", ["epi", "bio"])
    assert not name_matches("Boulangerie", ["boulangeries"])
