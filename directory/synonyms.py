"""The words residents use for a shop, from its category, services and tags (staff edit
them: directory.search_terms), for the search index; and keeping the index in step
when staff change them.

A shop's relations are read as they are on the instance: a page being published, or
the shops an import holds in memory, may have services and tags not yet written to the
database (modelcluster keeps them on the instance), and those are the ones to index.
"""

from django.db import transaction
from django.db.models import prefetch_related_objects

from core import compat
from directory import search_vocabulary
from directory.search_terms import split_terms, term_key, with_term

# Shops re-indexed at once after a change: bounds the memory a category of thousands of
# shops takes, each batch still being a few queries.
REINDEX_BATCH = 500


def shop_search_terms(shop):
    """The words of `shop`'s category, services and tags, in that order, each once (case
    and accents aside); at most four queries, none for what the shop has at hand (its
    category, prefetched services and tags)."""
    return _terms_per_shop([shop])[0]


def search_terms_by_shop(shops):
    """{shop id: its words} for many shops (`shop_search_terms` of each), in at most
    four queries whatever their number."""
    shops = list(shops)
    return {shop.pk: terms for shop, terms in zip(shops, _terms_per_shop(shops), strict=True)}


def _terms_per_shop(shops):
    """The words of each of `shops`, in the same order."""
    from directory.models import Category, TagSearchTerms

    category_terms = _category_terms(shops, Category)
    # Services and tags the shops hold in memory are kept as they are: Django's prefetch
    # fills only the cache their managers fall back on, so shops holding both (new shops
    # being inserted) are left out of it.
    saved = [
        shop
        for shop in shops
        if shop.pk is not None and not compat.holds_in_memory(shop, "services", "tagged_items")
    ]
    prefetch_related_objects(saved, "services", "tags")
    tags_of = [list(shop.tags.all()) for shop in shops]
    tag_ids = {tag.pk for tags in tags_of for tag in tags if tag.pk is not None}
    tag_terms = (
        dict(
            TagSearchTerms.objects.filter(tag_id__in=tag_ids).values_list("tag_id", "search_terms")
        )
        if tag_ids
        else {}
    )
    # Thousands of shops share a few dozen lists: each is split and normalised once.
    parsed = {}
    found = []
    for shop, tags in zip(shops, tags_of, strict=True):
        texts = [
            category_terms.get(shop.category_id, ""),
            *(service.search_terms for service in shop.services.all()),
            *(tag_terms.get(tag.pk, "") for tag in tags),
        ]
        seen, words = set(), []
        for text in texts:
            if text not in parsed:
                parsed[text] = [(term_key(term), term) for term in split_terms(text)]
            for key, term in parsed[text]:
                if key and key not in seen:
                    seen.add(key)
                    words.append(term)
        found.append(words)
    return found


def _category_terms(shops, category_model):
    """{category id: its stored words}: from the categories the shops hold, and one query
    for the others."""
    terms, missing = {}, set()
    for shop in shops:
        if shop.category_id is None:
            continue
        if type(shop).category.is_cached(shop) and shop.category is not None:
            terms[shop.category_id] = shop.category.search_terms
        else:
            missing.add(shop.category_id)
    missing -= set(terms)
    if missing:
        terms.update(
            category_model.objects.filter(pk__in=missing).values_list("pk", "search_terms")
        )
    return terms


def add_search_term(owner, term):
    """Add `term` to the words of `owner` (a category or a service, as saved now: a
    colleague may have added one since `owner` was read) and save it, which re-indexes
    its shops; False when its words held it already. Raises ValidationError when they
    cannot take it (directory.search_terms), and `owner`'s DoesNotExist when it was
    deleted."""
    with transaction.atomic():
        saved = type(owner).objects.select_for_update().get(pk=owner.pk)
        words = with_term(saved.search_terms, term)
        if words == saved.search_terms:
            return False
        saved.search_terms = words
        saved.save()
    owner.search_terms = words
    return True


# --- Re-indexing the shops a change concerns -------------------------------------------


def reindex_after_commit(shop_ids):
    """Re-index the shops `shop_ids` once the current transaction commits (at once
    without one), in batches, each read with its relations in a few queries
    (directory.bulk_pages.index_shops): a category of 2,000 shops costs a few dozen
    queries, and the change's own transaction does not hold the database's write lock
    while the index is rewritten."""
    shop_ids = sorted(set(shop_ids))
    if shop_ids:
        transaction.on_commit(lambda: reindex_shops(shop_ids))


def reindex_shops(shop_ids):
    from directory.bulk_pages import index_shops

    for start in range(0, len(shop_ids), REINDEX_BATCH):
        with transaction.atomic():
            index_shops(shop_ids[start : start + REINDEX_BATCH])
    # The vocabulary was dropped when the words were saved, before this re-index: a
    # search made in between rebuilt it from the old index, so drop it again.
    search_vocabulary.invalidate()
