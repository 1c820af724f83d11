"""Which stories feature which shops, from one source of truth: Wagtail's reference index.

A story features a shop by naming it among its featured shops or in a shop card of its
body. Wagtail records both references whenever a story is saved (from what is in the
page's row: the published content, not a draft), so the shop page's "Ils en parlent"
and a campaign's shops need no second list kept in step with the stories.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from wagtail.models import Page, ReferenceIndex

from core import front_cache
from core.visibility import public_paths_q

# Where a story names a shop: its featured shops (an inline) and its body's shop cards.
SHOP_REFERENCE_PATHS = ("featured_shops.item.shop", "body.shop_card.shop")
# Newest first: the date the story shows, then the moment it went live.
STORY_ORDERING = ["-publication_date", "-first_published_at", "-pk"]


def shop_references():
    """The reference index's rows of stories naming shops (lazy)."""
    from stories.models import StoryPage

    return ReferenceIndex.objects.filter(
        content_type=ContentType.objects.get_for_model(StoryPage),
        to_content_type=ContentType.objects.get_for_model(Page),
        model_path__in=SHOP_REFERENCE_PATHS,
    )


def public_stories():
    """Live stories without a view restriction, newest first (lazy).

    Read from the story table: the condition on its own ids lets SQLite start from the
    stories and look each one's page up by key, where the join alone makes it scan the
    whole page table (the shops included) for the live pages, so the home page's stories
    cost more with every shop. The restricted pages are plain path conditions
    (public_paths_q, cached), not a subquery per page."""
    from stories.models import StoryPage

    return (
        StoryPage.objects.filter(pk__in=StoryPage.objects.values("pk"))
        .live()
        .filter(public_paths_q())
        .order_by(*STORY_ORDERING)
    )


def stories_featuring(shop):
    """The live, public stories featuring `shop`, newest first, evaluated: the stories
    naming it, read from the reference index (one query), then those of them that are
    live and public (a second query, only for a shop some story names: most shops are
    in none)."""
    if shop.pk is None:
        return []
    ids = set(
        shop_references().filter(to_object_id=str(shop.pk)).values_list("object_id", flat=True)
    )
    if not ids:
        return []
    stories = list(public_stories().filter(pk__in=[int(pk) for pk in ids]))
    front_cache.shows(*(front_cache.page_key(story) for story in stories))
    return stories


def shops_featured_in(stories):
    """A condition on ShopPage: the shop is featured in one of `stories` (a queryset)."""
    return Exists(
        shop_references().filter(
            object_id__in=stories.order_by().values_list(
                Cast("pk", output_field=CharField()), flat=True
            ),
            to_object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
    )
