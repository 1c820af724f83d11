"""Django's Redis cache, with one redis-py client per connection pool.

Django's client makes a new `redis.Redis` object for every operation, and redis-py 8
builds its table of response callbacks each time: about a tenth of a millisecond per
cache read, a page reading the cache some thirty times. One client per pool serves every
operation and thread (redis-py's clients are thread-safe; the pool hands each command a
connection of its own, and a pool used in a forked worker opens new ones). Django's
`get_client` is meant to be replaced this way: its comment says so.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient

from core.cache_backends import SiteKeys


class KeptClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # {id of a connection pool: its redis.Redis}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(SiteKeys, DjangoRedisCache):
    """settings.CACHES' backend for REDIS_URL (vitrine/settings/base.py)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = KeptClientRedisCacheClient
