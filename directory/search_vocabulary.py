"""The search's vocabulary: the words the index holds for the live shops, each shop's
label words (category, tags, services and their synonyms) and the day's current
offers' words. It lets a search correct a typo, find a shop by its current offer and
rank its results without a query per word: it is read once, kept through
`core.caching` (a generation that any shop, page, category, service, tag or synonym
change drops, registered in `directory.apps`) and held in each process's memory for as
long as that generation lasts (STALE_AFTER at most, for changes made in other
processes without a shared cache).
"""

import time
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from core import caching
from core.clock import today
from core.text import with_stems
from core.visibility import public_paths_q
from directory.extension_points import current_offer_texts
from directory.search_index import indexed_words

ENTRY = "search-vocabulary"

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
    labels: dict  # {shop id: frozenset of its label words}
    offers: dict = field(default_factory=dict)  # {shop id: frozenset of its offers' words}

    def __post_init__(self):
        self._set = frozenset(self.words)

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

    def shops_with_offer_matching(self, term):
        return {shop for shop, words in self.offers.items() if term.matches(words)}

    def label_words(self, shop_id):
        return self.labels.get(shop_id, frozenset())


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
    shops = caching.cached(f"{prefix}:shops", _shops_part)
    offers = caching.cached(f"{prefix}:offers:{day.isoformat()}", lambda: _offers_part(day))
    offer_words = set().union(*offers.values()) if offers else set()
    built = Vocabulary(
        words=tuple(sorted(set(shops["words"]) | offer_words)),
        labels=shops["labels"],
        offers=offers,
    )
    _memo.clear()  # one generation and day at a time
    _memo[(generation, day)] = (built, time.monotonic())
    return built


def _live_shops():
    from directory.models import ShopPage

    return ShopPage.objects.live().filter(public_paths_q())


def _shops_part():
    """The indexed words of the live shops, and each shop's label words (its category's,
    services' and tags' names and the words residents use for them), from plain rows:
    five queries, no page built (10,000 shops as pages, with their tags through
    modelcluster's managers, took seconds)."""
    from directory.models import Category, Service, ShopPage, ShopTag
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
    labels = {
        pk: categories.get(category, frozenset())
        for pk, category in live.order_by().values_list("pk", "category_id")
    }
    links = ShopPage.services.through.objects.filter(shoppage_id__in=live_ids)
    for shop, service in links.values_list("shoppage_id", "service_id"):
        labels[shop] = labels.get(shop, frozenset()) | services[service]
    shop_tags = ShopTag.objects.filter(content_object_id__in=live_ids)
    for shop, name in shop_tags.values_list("content_object_id", "tag__name"):
        labels[shop] = labels.get(shop, frozenset()) | tags.get(name, frozenset())
    return {"words": sorted(indexed_words(live)), "labels": labels}


def _offers_part(day):
    """{shop id: its current offers' words (and stems)} on `day`."""
    offers = {}
    for shop_id, text in current_offer_texts(day):
        offers[shop_id] = offers.get(shop_id, frozenset()) | frozenset(with_stems(text).split())
    return offers
