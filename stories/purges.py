"""What a story's publication purges from the front cache besides its own page and the
lists of stories (core.purges): the pages of the shops it names, before and after, whose
"Ils en parlent" lists it."""

from django.db.models.signals import pre_save

from core import purges
from directory.purges import page_keys_of
from stories.featuring import shop_references


def named_shop_ids(story):
    """The shops `story` names as it is in memory: featured, and in its body's cards."""
    featured = {row.shop_id for row in story.featured_shops.all()}
    in_body = {
        block["value"].get("shop")
        for block in story.body.raw_data
        if block["type"] == "shop_card" and isinstance(block["value"], dict)
    }
    return featured | in_body


def remember_named_shops(sender, instance, update_fields=None, raw=False, **kwargs):
    """Before a story's row is saved whole (its publication; a draft saves a few fields),
    note the shops the reference index says it names: those it stops naming must lose
    it from their page."""
    if raw or instance.pk is None or update_fields is not None:
        return
    instance._named_shops_before = {
        int(pk)
        for pk in shop_references()
        .filter(object_id=str(instance.pk))
        .values_list("to_object_id", flat=True)
    }


def story_keys(story):
    before = getattr(story, "_named_shops_before", set())
    return page_keys_of(*(named_shop_ids(story) | before))


def featured_shop_keys(row, **kwargs):
    return page_keys_of(row.story_id, row.shop_id)


def connect():
    from core import front_cache
    from stories.models import CampaignPage, StoryFeaturedShop, StoryPage

    purges.register_page_lists(StoryPage, front_cache.STORIES)
    purges.register_page_lists(CampaignPage, front_cache.STORIES)
    purges.register_page_keys(StoryPage, story_keys)
    pre_save.connect(remember_named_shops, sender=StoryPage, dispatch_uid="stories:named_shops")
    purges.register_rows(StoryFeaturedShop, featured_shop_keys)
