"""The search's vocabulary: the words the index holds for the live shops, the label words
of each category, service and tag (their names and synonyms) and the day's current
offers' words. It lets a search correct a typo, find a shop by its current offer and
tell which labels a word names (the relevance sort ranks a match on a shop's labels in
SQL) without a query per word: it is read once, kept through
`core.caching` (a generation that any shop, page, category, service, tag or synonym
change drops, registered in `directory.apps`) and held in each process's memory for as
long as that generation lasts (STALE_AFTER at most, for changes made in other
processes without a shared cache).
"""

import re
import time
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice

from rapidfuzz import process
from rapidfuzz.distance import OSA

from core import caching
from core.clock import today
from core.text import stem, with_stems
from core.visibility import public_paths_q
from directory.extension_points import current_offer_texts
from directory.search_index import indexed_words

ENTRY = "search-vocabulary"

# A prefix that completes more indexed words than this is searched as a prefix: the
# query would grow long for no gain (the index reads the same words either way).
MAX_COMPLETIONS = 20
# Words as the index's normalised texts hold them (core.text.normalise).
_NORMALISED = re.compile(r"[a-z0-9]+")

# The process's copy of the cached vocabulary: {(generation, day): (Vocabulary, when)}.
_memo = {}


def max_typos(word):
    """How many edits a word may be from the word it is corrected to: none under four
    letters (too many short words are one letter apart), then one, then two."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 7 else 2


@dataclass
class Vocabulary:
    words: tuple  # every indexed word (words and stems), sorted, offers' words included
    # {id: frozenset of its label words} of the categories and services, {name: ...} of
    # the live shops' tags
    categories: dict = field(default_factory=dict)
    services: dict = field(default_factory=dict)
    tags: dict = field(default_factory=dict)
    offers: dict = field(default_factory=dict)  # {shop id: frozenset of its offers' words}

    def __post_init__(self):
        self._set = frozenset(self.words)
        # What each term matched, as answered before: the same vocabulary gives the same
        # answers, and a search asks them at every request (each test of a prefix reads
        # every word of each shop's offers and of each label).
        self._offer_shops = {}
        self._labels = {}

    def knows(self, term):
        """Whether `term` matches some shop's indexed words or current offer."""
        return term.matches(self._set, self.words)

    def correction(self, term):
        """The indexed word closest to `term`'s word (edit distance, a swap of two letters
        counting as one), or None when none is close enough. Ties go to the longer word
        (a word rather than a stem: "fleuriste" rather than "fleurist"), then the first
        in alphabetical order."""
        limit = max_typos(term.word)
        if not limit:
            return None
        found = process.extract(
            term.word, self.words, scorer=OSA.distance, score_cutoff=limit, limit=None
        )
        if not found:
            return None
        best = min(found, key=lambda hit: (hit[1], -len(hit[0]), hit[0]))
        return best[0]

    def completions(self, term):
        """The indexed words that find the shops `term`'s prefix finds, as few as the
        index allows; None when they are more than MAX_COMPLETIONS (or `term` is not a
        prefix). A search for the prefix reads every word it starts in the index: "boul"
        reads boulang, boulanger, boulangere, boulangerie, boulangeries... which mostly
        hold the same shops; PostgreSQL even adds their frequencies up to estimate how
        many shops match, and reads the whole index when it has over-counted.

        Every indexed text is normalised words followed by their stems
        (core.text.with_stems; the title, which Wagtail also indexes as typed, is in the
        shop's name normalised), so a text that has a *word* has its stem too. A
        completion is left out when its stem is another completion and it is the stem of
        no other word: wherever it is indexed it is then a word, with its stem beside it.
        Words as typed (capitals, punctuation) are left out: their normalised words are
        in the same text. The words are the vocabulary's: one first indexed after it was
        read (by another process) is completed from the next vocabulary on, as typos are
        corrected to it."""
        if not term.prefix:
            return None
        found = []
        for word in islice(self.words, bisect_left(self.words, term.word), None):
            if not word.startswith(term.word):
                break
            if _NORMALISED.fullmatch(word):
                found.append(word)
                if len(found) > 5 * MAX_COMPLETIONS:
                    return None  # a short prefix: not worth reading further
        # A stem of another word is never left out itself: "its stem is kept" is "its
        # stem is a completion".
        completing = set(found)
        kept = [
            word
            for word in found
            if word in self._stems_of_other_words
            or (root := stem(word)) == word
            or root not in completing
        ]
        if len(kept) > MAX_COMPLETIONS:
            return None
        return tuple(kept)

    @cached_property
    def _stems_of_other_words(self):
        """The words that are the stem of another word of the vocabulary (read once per
        vocabulary: a tenth of a second for 100,000 words)."""
        stems = set()
        for word in self.words:
            if _NORMALISED.fullmatch(word):
                root = stem(word)
                if root != word:
                    stems.add(root)
        return stems

    def shops_with_offer_matching(self, term):
        """The ids of the shops whose current offers' words `term` matches (a frozenset)."""
        if term not in self._offer_shops:
            _bounded(self._offer_shops)
            self._offer_shops[term] = frozenset(
                shop for shop, words in self.offers.items() if term.matches(words)
            )
        return self._offer_shops[term]

    def labels_matching(self, term):
        """The ids of the categories and of the services and the names of the tags whose
        label words `term` matches (tuples): a shop's labels match it when one of its own
        is among them."""
        if term not in self._labels:
            _bounded(self._labels)
            self._labels[term] = (
                tuple(pk for pk, words in self.categories.items() if term.matches(words)),
                tuple(pk for pk, words in self.services.items() if term.matches(words)),
                tuple(name for name, words in self.tags.items() if term.matches(words)),
            )
        return self._labels[term]


# Terms whose answers a vocabulary keeps: emptied past this (a crawler's random words).
MAX_KEPT_TERMS = 10_000


def _bounded(answers):
    if len(answers) >= MAX_KEPT_TERMS:
        answers.clear()


def invalidate(**kwargs):
    """Drop the vocabulary (in every process sharing the cache): the next search reads
    it again. A signal receiver (core.caching.register) and the synonyms' editing call
    it."""
    caching.new_generation(ENTRY)
    _memo.clear()


def vocabulary(day=None):
    """The vocabulary of the live shops with the current offers of `day` (today in
    Brussels by default)."""
    day = day or today()
    generation = caching.generation(ENTRY)
    kept = _memo.get((generation, day))
    if kept and time.monotonic() - kept[1] < caching.STALE_AFTER:
        return kept[0]
    prefix = f"vitrine:{ENTRY}:{generation}"
    shops = caching.cached(f"{prefix}:shops:2", _shops_part)
    offers = caching.cached(f"{prefix}:offers:{day.isoformat()}", lambda: _offers_part(day))
    offer_words = set().union(*offers.values()) if offers else set()
    built = Vocabulary(
        words=tuple(sorted(set(shops["words"]) | offer_words)),
        categories=shops["categories"],
        services=shops["services"],
        tags=shops["tags"],
        offers=offers,
    )
    _memo.clear()  # one generation and day at a time
    _memo[(generation, day)] = (built, time.monotonic())
    return built


def _live_shops():
    from directory.models import ShopPage

    return ShopPage.objects.live().filter(public_paths_q())


def _shops_part():
    """The indexed words of the live shops, and the label words of each category, service
    and tag of theirs (its name and the words residents use for it), from plain rows:
    four queries, no page built (10,000 shops as pages, with their tags through
    modelcluster's managers, took seconds)."""
    from directory.models import Category, Service, ShopTag
    from directory.search_terms import split_terms

    live = _live_shops()
    live_ids = live.order_by().values("pk")

    def words_of(*texts):
        return frozenset(with_stems(" ".join(texts)).split())

    categories = {
        pk: words_of(name, *split_terms(terms))
        for pk, name, terms in Category.objects.values_list("pk", "name", "search_terms")
    }
    services = {
        pk: words_of(name, *split_terms(terms))
        for pk, name, terms in Service.objects.values_list("pk", "name", "search_terms")
    }
    tags = {}
    for name, terms in (
        ShopTag.objects.filter(content_object_id__in=live_ids)
        .order_by()
        .values_list("tag__name", "tag__directory_search_terms__search_terms")
        .distinct()
    ):
        tags[name] = words_of(name, *split_terms(terms or ""))
    return {
        "words": sorted(indexed_words(live)),
        "categories": categories,
        "services": services,
        "tags": tags,
    }


def _offers_part(day):
    """{shop id: its current offers' words (and stems)} on `day`."""
    offers = {}
    for shop_id, text in current_offer_texts(day):
        offers[shop_id] = offers.get(shop_id, frozenset()) | frozenset(with_stems(text).split())
    return offers
