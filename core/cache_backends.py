"""What the site's cache backends change in Django's: no check of each key.

Django checks every key of every cache call against memcached's rules (length, control
characters), one Python loop over its characters, to warn that a key would not work
with memcached. The site never runs on memcached, and makes its keys itself (ASCII, no
spaces, well under 250 characters): the check only costs, most of all to the page cache
(core.page_cache), which reads the versions of some thirty keys to serve a kept page.
"""

from django.core.cache.backends.locmem import LocMemCache as DjangoLocMemCache


class SiteKeys:
    """Mixed in before a Django cache backend."""

    def validate_key(self, key):
        pass


class LocMemCache(SiteKeys, DjangoLocMemCache):
    """settings.CACHES' backend without REDIS_URL: each process's memory."""
