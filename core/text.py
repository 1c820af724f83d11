"""Text normalisation shared by indexing and querying: words, French stems, stop words."""

import re
import threading
from functools import lru_cache

import snowballstemmer
from anyascii import anyascii
from django.utils.html import strip_tags

_NON_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text):
    """Lower-case ASCII words separated by single spaces: "Épicerie fine <b>Bio</b>" →
    "epicerie fine bio". Used on both the indexed text and the resident's query, and on
    every matching shop's name to rank a search: plain text skips the tag stripping and
    ASCII skips the transliteration (both return such text unchanged), which makes it
    five times faster on a name (2 µs instead of 10)."""
    text = str(text or "")
    if "<" in text:
        text = strip_tags(text)
    if not text.isascii():
        text = _NON_ASCII.sub(_ascii_spelling, text)
    return _NON_WORD.sub(" ", text.lower()).strip()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _ascii_spelling(match):
    """anyascii's spelling of a run of non-ASCII characters. anyascii spells each
    character on its own, so spelling the runs gives what it gives for the whole text,
    without its Python loop over every ASCII character (most of a French text)."""
    return _spelling(match.group())


@lru_cache(maxsize=10_000)
def _spelling(characters):
    return anyascii(characters)


# French words that say nothing about a shop: a search ignores them (unless the query has
# nothing else), as accents and case are normalised away. Normalised (ASCII, lower case).
_STOP_WORDS = """
    a au aux avec ce ces chez d dans de des du en et l la le les leur leurs ma mes mon
    n ne nos notre ou par pas pour qu que qui s sa se ses son sur ta tes ton un une vos
    votre y
"""
STOP_WORDS = frozenset(_STOP_WORDS.split())

# Feminine agent nouns the French Snowball stemmer keeps apart from their masculine
# (coiffeuse → "coiffeux", coiffeur → "coiffeur"): folded into the masculine first.
_FEMININE_ENDINGS = (("euses", "eurs"), ("euse", "eur"), ("trices", "teurs"), ("trice", "teur"))

# A Snowball stemmer keeps the word it works on in its own attributes: one shared by two
# threads (runserver's requests, a threaded app server) mixes their words up and fails.
# Each thread has its own.
_stemmers = threading.local()


def _stemmer():
    stemmer = getattr(_stemmers, "french", None)
    if stemmer is None:
        stemmer = _stemmers.french = snowballstemmer.stemmer("french")
    return stemmer


def words(text):
    """The normalised words of `text`, in order."""
    return normalise(text).split()


def stem(word):
    """The French stem of a normalised word (Snowball's, after folding a feminine agent
    noun into its masculine): pains → pain, coiffeuses → coiffeur, réparation → repar.
    Indexing and querying both go through it, so a word matches its plural and gender."""
    if word.isascii() and word.isdigit():
        # A number has no suffix to strip (Snowball's are letters), and its stem is
        # itself: answered at once rather than by the stemmer, and not kept in the
        # cache, whose room a town's street numbers and shop numbers would take.
        return word
    return _stem(word)


@lru_cache(maxsize=100_000)
def _stem(word):
    for feminine, masculine in _FEMININE_ENDINGS:
        if word.endswith(feminine) and len(word) > len(feminine) + 2:
            word = word[: -len(feminine)] + masculine
            break
    return _stemmer().stemWord(word)


def with_stems(text):
    """`text`'s normalised words followed by the stems that differ from them, as one
    string: what the search index holds, so that a query's stem finds every form."""
    found = words(text)
    seen = set(found)
    stems = []
    for word in found:
        root = stem(word)
        if root not in seen:
            seen.add(root)
            stems.append(root)
    return " ".join(found + stems)
