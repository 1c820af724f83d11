"""What a resident typed, as the search understands it: French words, each matching its
plurals and genders (through its stem), stop words left out, the last word completed.

The search index holds each shop's normalised words followed by their stems
(`core.text.with_stems`), so a word of the query matches a shop when the word itself or
its stem is one of the shop's indexed words, or, for the last word only, when it starts
one of them. The same test runs in SQL (`backend_query`, through Wagtail's search
backend, alike on SQLite and PostgreSQL) and in memory (`Term.matches`, for the
vocabulary, the offers and the ranking), so both always agree.
"""

from bisect import bisect_left
from dataclasses import dataclass

from modelsearch.query import And, Or, Phrase, PlainText

from core.text import STOP_WORDS, stem, words

# More words than this are ignored: a pasted paragraph must not make one query of
# dozens of full-text conditions.
MAX_WORDS = 8


@dataclass(frozen=True)
class Term:
    """One word of the query: as typed (normalised), its stem, and whether it may be the
    start of a longer word (the last word, which the resident may still be typing)."""

    word: str
    stem: str
    prefix: bool = False

    @classmethod
    def of(cls, word, prefix=False):
        return cls(word, stem(word), prefix)

    def matches(self, tokens, ordered=None):
        """Whether the term matches a set of indexed words (`tokens`: words and stems).
        `ordered`, the same words sorted, makes the prefix test a binary search (for
        the whole vocabulary); without it, small sets are scanned."""
        if self.word in tokens or self.stem in tokens:
            return True
        if not self.prefix:
            return False
        if ordered is not None:
            at = bisect_left(ordered, self.word)
            return at < len(ordered) and ordered[at].startswith(self.word)
        return any(token.startswith(self.word) for token in tokens)


def query_terms(text):
    """The terms of a query: its words without stop words (unless it has nothing else:
    "La Une" is a shop's name), each once, at most MAX_WORDS, the last one a prefix."""
    found = words(text)
    meaningful = [word for word in found if word not in STOP_WORDS] or found
    unique = list(dict.fromkeys(meaningful))[:MAX_WORDS]
    return [Term.of(word, prefix=index == len(unique) - 1) for index, word in enumerate(unique)]


def term_query(term, completions=None):
    """Wagtail's search query for one term, for `autocomplete()`: there a PlainText
    matches words starting with its last word, and a Phrase exactly that word. A prefix
    given `completions` (words that find the same shops: Vocabulary.completions) is
    searched as those words."""
    if term.prefix and completions:
        exact = [Phrase(word) for word in completions]
    elif term.prefix:
        exact = [PlainText(term.word)]
    else:
        exact = [Phrase(term.word)]
    if term.stem != term.word and (not completions or term.stem not in completions):
        exact.append(Phrase(term.stem))
    return exact[0] if len(exact) == 1 else Or(exact)


def backend_query(terms, completions=None):
    """Wagtail's search query matching every term (in any order); `completions`, {term:
    its completions}, for term_query."""
    completions = completions or {}
    queries = [term_query(term, completions.get(term)) for term in terms]
    return queries[0] if len(queries) == 1 else And(queries)
