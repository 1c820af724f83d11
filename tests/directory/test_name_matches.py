"""The name test that ranks a search (directory.search.name_matches)."""

from directory.search import name_matches


def test_name_matches_when_every_term_starts_a_word():
    assert name_matches("Épicerie fine Lemaire", ["epi"])
    assert name_matches("Épicerie fine Lemaire", ["fin", "lem"])
    assert name_matches("L'Atelier du Vélo", ["atel", "velo"])


def test_name_does_not_match_inside_a_word_or_with_a_term_missing():
    assert not name_matches("Épicerie fine Lemaire", ["pic"])
    assert not name_matches("Épicerie fine Lemaire", ["epi", "bio"])
    assert not name_matches("Boulangerie", ["boulangeries"])
