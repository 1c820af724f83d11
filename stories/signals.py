"""Keep Wagtail's reference index right about the shops a story features.

Wagtail indexes a page's references when the page's row is saved, which is before its
inline rows (the featured shops) are written; when the last featured shop is removed,
no later save comes to correct it, and the shop would keep listing the story. So a
story is indexed again once its publication is complete."""

from django.db import transaction
from wagtail.models import ReferenceIndex
from wagtail.signals import page_published


def reindex_story(sender, instance, **kwargs):
    story = type(instance).objects.get(pk=instance.pk)
    with transaction.atomic():
        ReferenceIndex.create_or_update_for_object(story)


def connect():
    from stories.models import StoryPage

    page_published.connect(reindex_story, sender=StoryPage, dispatch_uid="stories_reindex_story")
