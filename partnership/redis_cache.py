"""
Django's Redis cache backend, with one client per connection pool.

The stock backend builds a new ``redis.Redis`` for every cache call, and
each one copies redis-py's table of response callbacks: on a page served
from the cache that was half the time spent. A client is thread-safe and
holds no connection of its own, so one per pool is kept and reused.
"""

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if id(pool) not in self._clients:
            self._clients[id(pool)] = self._client(connection_pool=pool)
        return self._clients[id(pool)]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
