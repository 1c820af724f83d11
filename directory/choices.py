"""Categories, districts and services: short lists that every directory request needs
(the filter form, the slugs in the query string). They change rarely, so they are kept
in the cache and dropped whenever one of them is saved or deleted."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from core.caching import STALE_AFTER

CACHE_KEY = "vitrine:directory-choices"


@dataclass(frozen=True)
class Choices:
    categories: tuple
    districts: tuple
    services: tuple

    def category(self, slug):
        return next((item for item in self.categories if item.slug == slug), None)

    def district(self, slug):
        return next((item for item in self.districts if item.slug == slug), None)

    def services_for(self, slugs):
        return [item for item in self.services if item.slug in slugs]


def directory_choices():
    from directory.models import Category, District, Service

    choices = cache.get(CACHE_KEY)
    if choices is None:
        choices = Choices(
            tuple(Category.objects.all()),
            tuple(District.objects.all()),
            tuple(Service.objects.all()),
        )
        cache.set(CACHE_KEY, choices, timeout=STALE_AFTER)
    return choices


def forget_choices(**kwargs):
    cache.delete(CACHE_KEY)


def connect():
    from directory.models import Category, District, Service

    for model in (Category, District, Service):
        post_save.connect(
            forget_choices, sender=model, dispatch_uid=f"forget_choices_save_{model.__name__}"
        )
        post_delete.connect(
            forget_choices, sender=model, dispatch_uid=f"forget_choices_delete_{model.__name__}"
        )
