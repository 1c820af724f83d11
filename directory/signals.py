"""Keep the search index in step with reference data: a shop's indexed text includes
its category's and district's names and its services, so renaming one of those
re-indexes the shops that carry it."""

from django.db.models.signals import post_save
from wagtail.search import index


def reindex_shops(sender, instance, created=False, **kwargs):
    if created:
        return
    for shop in instance.shops.live().specific():
        index.insert_or_update_object(shop)


def connect():
    from directory.models import Category, District, Service

    for model in (Category, District, Service):
        post_save.connect(reindex_shops, sender=model, dispatch_uid=f"reindex_{model.__name__}")
