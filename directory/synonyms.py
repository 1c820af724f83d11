"""The words residents use for a shop's category, services and tags (staff's synonyms).

Stand-in until the synonyms' branch (issue 15, "Synonyms and trade names") is merged:
that branch owns this module, its models' `search_terms` fields and their editing; the
search only calls `shop_search_terms`. Until then a category or service without the
field has no synonyms.
"""


def _terms(obj):
    return [term.strip() for term in getattr(obj, "search_terms", "").split(",") if term.strip()]


def shop_search_terms(shop):
    """The words residents use for `shop`'s category and services (plain strings,
    possibly of several words)."""
    found = _terms(shop.category) if shop.category else []
    for service in shop.services.all():
        found += _terms(service)
    return found
