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


def test_threads_stem_at_the_same_time_as_one_alone():
    """Two threads stemming together (runserver's requests) get what
    one thread gets: a shared Snowball stemmer mixed their words up and raised."""
    import sys
    import threading

    from core import text

    words = [
        f"{root}{ending}"
        for root in ("boulang", "coiff", "répar", "fleur", "chauss")
        for ending in ("erie", "euses", "ations", "issements", "ement", "eraient")
    ]
    words = [f"{word}{'x' * repeat}" for word in words for repeat in range(40)]
    alone = [text._stemmer().stemWord(word) for word in words]
    results, failures = {}, []

    def stem_all(name):
        try:
            results[name] = [text._stemmer().stemWord(word) for word in words * 5]
        except Exception as error:  # the failure is what the test reports
            failures.append(error)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=stem_all, args=(name,)) for name in "ab"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)

    assert failures == []
    assert results == {"a": alone * 5, "b": alone * 5}
