"""
Django's Redis cache backend, made an accelerator the site never waits for.

- One client per connection pool: the stock backend builds a new
  ``redis.Redis`` for every cache call, and each one copies redis-py's table
  of response callbacks; on a page served from the cache that was half the
  time spent. A client is thread-safe and holds no connection of its own.
- Short timeouts and no retries: the settings give connect and read timeouts
  of 0.25 s (``REDIS_TIMEOUT``), so a Redis that accepts connections but
  never answers costs one short wait, not redis-py's default of seconds.
- A circuit breaker: after a failure the process leaves Redis alone for
  ``REDIS_PAUSE_SECONDS`` (30) and every call raises ``CacheUnavailable`` at
  once. An outage thus costs at most one timeout per process per pause, and
  it is logged once per process per minute, not once per request.

Callers that can do without the cache (the page cache) catch
``CacheUnavailable``; anything else sees it as an error, as before.
"""

import functools
import logging
from time import monotonic

from django.conf import settings
from django.core.cache.backends import redis
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

logger = logging.getLogger(__name__)

LOG_INTERVAL_SECONDS = 60

# Sets a key to a new value only while it holds the expected one, in one step.
SWAP_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then
    redis.call('set', KEYS[1], ARGV[2])
    return 1
end
return 0
"""


class CacheUnavailable(Exception):
    """Redis failed just now, or failed within the pause and is left alone."""


class Breaker:
    """The state of one Redis server as this process sees it."""

    def __init__(self, location):
        self.location = location
        self.paused_until = None
        self.logged_at = None
        self.reported = False
        self.failures = 0

    def check(self):
        if self.paused_until is not None:
            if monotonic() < self.paused_until:
                raise CacheUnavailable(f"Redis at {self.location} paused after a failure")
            self.paused_until = None

    def succeeded(self):
        # Follows a logged failure only, so a flapping Redis is no louder.
        if self.reported:
            logger.warning("Redis at %s answers again", self.location)
            self.reported = False

    def trip(self, error):
        now = monotonic()
        self.paused_until = now + settings.REDIS_PAUSE_SECONDS
        self.failures += 1
        if self.logged_at is None or now - self.logged_at >= LOG_INTERVAL_SECONDS:
            logger.warning(
                "Redis at %s unavailable (%s: %s); pages are served uncached, "
                "next attempt in %s s (%d failure(s) since the last message)",
                self.location,
                type(error).__name__,
                error,
                settings.REDIS_PAUSE_SECONDS,
                self.failures,
            )
            self.logged_at = now
            self.reported = True
            self.failures = 0


# Django makes a cache backend per thread; the breaker is per process.
_breakers = {}


def breaker_for(location):
    if location not in _breakers:
        _breakers[location] = Breaker(location)
    return _breakers[location]


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        # redis-py retries only when asked; say so explicitly, since a retry
        # would multiply the timeout a hung server costs.
        kwargs.setdefault("retry", Retry(NoBackoff(), 0))
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if id(pool) not in self._clients:
            self._clients[id(pool)] = self._client(connection_pool=pool)
        return self._clients[id(pool)]

    def ping(self):
        return self.get_client(write=True).ping()

    def swap(self, key, expected, new):
        client = self.get_client(key, write=True)
        dumps = self._serializer.dumps
        return bool(client.eval(SWAP_SCRIPT, 1, key, dumps(expected), dumps(new)))

    def tally(self, key, member):
        self.get_client(key, write=True).zincrby(key, 1, member)

    def fade(self, key, factor, floor, keep):
        pipeline = self.get_client(key, write=True).pipeline(transaction=False)
        pipeline.zunionstore(key, {key: factor})
        pipeline.zremrangebyscore(key, "-inf", floor)
        pipeline.zremrangebyrank(key, 0, -keep - 1)
        pipeline.execute()

    def most(self, key, count):
        members = self.get_client(key).zrevrange(key, 0, count - 1)
        return [member.decode() for member in members]

    def untally(self, key, member):
        self.get_client(key, write=True).zrem(key, member)


def _guarded(method):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        self.breaker.check()
        try:
            result = method(self, *args, **kwargs)
        except RedisError as error:
            self.breaker.trip(error)
            raise CacheUnavailable(str(error)) from error
        self.breaker.succeeded()
        return result

    return call


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self.breaker = breaker_for(",".join(self._servers))

    def ping(self):
        """True, or CacheUnavailable: for the health check."""
        return self._cache.ping()

    def validate_key(self, key):
        # Django warns of keys memcached would refuse, looking at each
        # character in Python: about 2 µs a key, and a page asks for dozens.
        # Redis takes any key.
        pass

    # Beyond Django's cache API, for the page cache (page_cache.py).

    def swap(self, key, expected, new):
        """Set ``key`` to ``new`` if it holds ``expected``; whether it did."""
        key = self.make_and_validate_key(key)
        return self._cache.swap(key, expected, new)

    def tally(self, key, member):
        """Count ``member`` once more in the tally at ``key``."""
        self._cache.tally(self.make_and_validate_key(key), member)

    def fade(self, key, factor, floor, keep):
        """
        Multiply the tally's counts by ``factor``, drop those below
        ``floor`` and all but the ``keep`` highest.
        """
        self._cache.fade(self.make_and_validate_key(key), factor, floor, keep)

    def most(self, key, count):
        """The ``count`` members of the tally with the highest counts, highest first."""
        return self._cache.most(self.make_and_validate_key(key), count)

    def untally(self, key, member):
        self._cache.untally(self.make_and_validate_key(key), member)

    # Every call that reaches Redis; the rest of BaseCache is built on them.
    add = _guarded(redis.RedisCache.add)
    get = _guarded(redis.RedisCache.get)
    set = _guarded(redis.RedisCache.set)
    touch = _guarded(redis.RedisCache.touch)
    delete = _guarded(redis.RedisCache.delete)
    get_many = _guarded(redis.RedisCache.get_many)
    has_key = _guarded(redis.RedisCache.has_key)
    incr = _guarded(redis.RedisCache.incr)
    set_many = _guarded(redis.RedisCache.set_many)
    delete_many = _guarded(redis.RedisCache.delete_many)
    clear = _guarded(redis.RedisCache.clear)
    ping = _guarded(ping)
    swap = _guarded(swap)
    tally = _guarded(tally)
    fade = _guarded(fade)
    most = _guarded(most)
    untally = _guarded(untally)
