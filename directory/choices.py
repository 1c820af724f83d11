"""Categories, districts and services: short lists that every directory request needs
(the filter form, the slugs in the query string). They change rarely, so they are kept
in the cache and dropped whenever one of them is saved or deleted."""

from dataclasses import dataclass

from django.core.cache import cache

from core.caching import cached

# Dropped when a category, district or service is saved or deleted (directory.apps).
CACHE_ENTRY = "directory-choices"
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

    return cached(
        CACHE_KEY,
        lambda: Choices(
            tuple(Category.objects.all()),
            tuple(District.objects.all()),
            tuple(Service.objects.all()),
        ),
    )


def forget_choices(**kwargs):
    cache.delete(CACHE_KEY)
