"""A prefix searched as the words it completes (Vocabulary.completions, fewer words than
the index holds under it) finds the shops the prefix finds."""

import pytest

from directory import search_vocabulary
from directory.models import ShopPage
from directory.search import matching_ids
from directory.search_vocabulary import MAX_COMPLETIONS, Vocabulary
from directory.search_words import Term, term_query
from tests.factories import CategoryFactory, ServiceFactory, ShopPageFactory


def completions(words, prefix):
    return Vocabulary(words=tuple(sorted(words))).completions(Term.of(prefix, prefix=True))


def test_a_word_whose_stem_completes_the_prefix_is_left_out():
    # boulangerie -> boulanger -> boulang: "boulanger" is a stem of another word, so a
    # text may hold it without "boulang"; "boulangerie" is not, so its stem is beside it.
    found = completions(["boulangerie", "boulanger", "boulang", "boulet", "pain"], "boul")
    assert found == ("boulang", "boulanger", "boulet")


def test_a_word_whose_stem_does_not_complete_the_prefix_is_kept():
    assert completions(["chevaux", "cheval", "chevre"], "chevau") == ("chevaux",)


def test_words_as_typed_are_left_out():
    assert completions(["Boulangerie", "boulangerie,", "boulangerie"], "boul") == ("boulangerie",)


def test_a_prefix_of_too_many_words_is_searched_as_a_prefix():
    words = [f"pain{letter}{other}" for letter in "abcde" for other in "abcde"]
    assert completions(words, "pain") is None
    assert completions(words[:MAX_COMPLETIONS], "pain") == tuple(words[:MAX_COMPLETIONS])


def test_a_whole_word_has_no_completions():
    vocabulary = Vocabulary(words=("boulangerie",))
    assert vocabulary.completions(Term.of("boulangerie")) is None


@pytest.fixture
def shops(db):
    """Shops whose texts hold words with their stems, stems of stems, stems that are not
    a prefix of their word, words typed with capitals, accents, ligatures, hyphens and
    apostrophes."""
    bakery = CategoryFactory(name="Boulangerie", slug="boulangerie")
    repairs = ServiceFactory(name="Réparations", slug="reparations")
    for title, description in [
        ("Boulangerie Dupont", "Pains, boulangeries et viennoiseries."),
        ("Au Fournil, boulangère", "La boulangère du quartier."),
        ("Le Fournil", "Le pain du boulanger."),
        ("Les Boulettes de Mars", "Boulette, boulettes."),
        ("Chevaux & Cie", "Un cheval, des chevaux, l'équitation."),
        ("Cœur de Weiß", "Œufs, Straße, cœurs."),
        ("L'Épi d'Or", "Aujourd'hui, l'épicerie."),
        ("Champ-Fleuri 2CV", "Réparer la 2CV: réparations, réparateur."),
        ("Coiffeuse Anne", "Coiffeuses, coiffeur, coiffure."),
    ]:
        ShopPageFactory(
            title=title,
            short_description=description,
            category=bakery if "oul" in title else CategoryFactory(),
            services=[repairs] if "2CV" in title else [],
        )


def found(query):
    return set(ShopPage.objects.filter(pk__in=matching_ids(query)).values_list("pk", flat=True))


@pytest.mark.django_db
def test_every_prefix_finds_the_shops_its_completions_find(shops):
    vocabulary = search_vocabulary.vocabulary()
    prefixes = {
        word[:length]
        for word in vocabulary.words
        if word.isascii() and word.isalnum() and word.islower()
        for length in range(1, len(word) + 1)
    }
    compared = 0
    for prefix in sorted(prefixes):
        term = Term.of(prefix, prefix=True)
        words = vocabulary.completions(term)
        if words is None:
            continue
        assert found(term_query(term, words)) == found(term_query(term)), prefix
        compared += 1
    assert compared > 100
