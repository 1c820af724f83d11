"""What a change of the directory's rows purges from the front cache (core.purges): the
pages of the shops and operations they belong to, and the lists they change. Their pages'
publications purge the rest (`connect`)."""

from wagtail.models import Page

from core import front_cache, purges
from core.front_cache import DIRECTORY, NEARBY, OPERATIONS


def page_keys_of(*ids):
    """The keys of the pages `ids` (one query; rows may not hold their page)."""
    paths = Page.objects.filter(pk__in=[pk for pk in ids if pk]).values_list("path", flat=True)
    return {front_cache.page_key_of_path(path) for path in paths}


def hours_keys(row, **kwargs):
    # Hours decide what "open now" lists, beside the shop's own page and cards.
    return page_keys_of(row.shop_id) | {DIRECTORY}


def photo_keys(row, **kwargs):
    return page_keys_of(row.shop_id)


def participation_keys(row, **kwargs):
    return page_keys_of(row.shop_id, row.operation_id) | {DIRECTORY, OPERATIONS}


def operation_day_keys(row, **kwargs):
    """An operation's day: its page, and the hours that day of each shop taking part."""
    from directory.models import OperationParticipation

    shop_ids = OperationParticipation.objects.filter(operation_id=row.operation_id).values_list(
        "shop_id", flat=True
    )
    return page_keys_of(row.operation_id, *shop_ids) | {DIRECTORY, OPERATIONS}


def search_words_keys(row, **kwargs):
    """Keywords and the words residents use: what the directory's search finds."""
    return {DIRECTORY}


def connect():
    from taggit.models import Tag
    from wagtail.images import get_image_model

    from directory.models import (
        Category,
        District,
        OpeningHours,
        OperationDay,
        OperationPage,
        OperationParticipation,
        Service,
        ShopPage,
        ShopPhoto,
        ShopTag,
        SpecialHours,
        TagSearchTerms,
    )

    purges.register_page_lists(ShopPage, DIRECTORY, NEARBY)
    purges.register_page_lists(OperationPage, DIRECTORY, OPERATIONS)
    purges.register_rows(OpeningHours, hours_keys)
    purges.register_rows(SpecialHours, hours_keys)
    purges.register_rows(ShopPhoto, photo_keys)
    purges.register_rows(OperationParticipation, participation_keys)
    purges.register_rows(OperationDay, operation_day_keys)
    for model in (ShopTag, TagSearchTerms, Tag):
        purges.register_rows(model, search_words_keys)
    # Shown on every card, filter and page of the directory, and more.
    for model in (Category, District, Service):
        purges.register_rows(model, purges.everything)
    # A picture changed or removed, wherever it is shown; a new one is shown nowhere yet,
    # and a new rendition is of a picture shown already.
    image = get_image_model()
    purges.register_rows(image, purges.everything_unless_new)
    purges.register_rows(image.get_rendition_model(), purges.everything, rows=(purges.DELETED,))
