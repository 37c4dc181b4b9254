"""Redis as a cache the app can lose: while Redis is unreachable every read is a miss and every
write is dropped, so pages are computed again instead of answering 500.

The outage is logged once, and for a few seconds after a failure the cache is not asked at all:
a dead server then costs no request a connection attempt of its own.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError, TimeoutError

logger = logging.getLogger(__name__)

# How long a failure keeps the cache switched off before it is tried again.
PAUSE_SECONDS = 10


def _degrades(fallback):
    """``fallback(*args, **kwargs)`` answers for the method while the server is unreachable."""

    def decorate(method):
        @functools.wraps(method)
        def wrapped(self, *args, **kwargs):
            if time.monotonic() < self.down_until:
                return fallback(*args, **kwargs)
            try:
                result = method(self, *args, **kwargs)
            except (ConnectionError, TimeoutError) as exc:
                if not self.down_until:
                    logger.error("Cache unreachable, serving without it: %s", exc)
                self.down_until = time.monotonic() + PAUSE_SECONDS
                return fallback(*args, **kwargs)
            if self.down_until:
                logger.warning("Cache reachable again")
                self.down_until = 0.0
            return result

        return wrapped

    return decorate


def _miss(key, default=None, *args, **kwargs):
    return default


def _answer(value):
    return lambda *args, **kwargs: value() if callable(value) else value


class ResilientRedisCache(RedisCache):
    down_until = 0.0

    @_degrades(_answer(0))
    def count(self, key: str, window: int, version=None) -> int:
        """Add one to ``key``, which the first call creates to live ``window`` seconds and no
        later call extends; the new value, or 0 while Redis is down. One MULTI of SET NX EX and
        INCR: Django's ``incr`` checks for the key in a separate call, and an INCR on a key that
        expired in between would create one that never expires."""
        name = self.make_and_validate_key(key, version=version)
        pipeline = self._cache.get_client(name, write=True).pipeline(transaction=True)
        pipeline.set(name, 0, ex=window, nx=True)
        pipeline.incr(name)
        return pipeline.execute()[1]

    get = _degrades(_miss)(RedisCache.get)
    get_many = _degrades(_answer(dict))(RedisCache.get_many)
    has_key = _degrades(_answer(False))(RedisCache.has_key)
    add = _degrades(_answer(False))(RedisCache.add)
    set = _degrades(_answer(None))(RedisCache.set)
    set_many = _degrades(_answer(list))(RedisCache.set_many)
    touch = _degrades(_answer(False))(RedisCache.touch)
    delete = _degrades(_answer(False))(RedisCache.delete)
    delete_many = _degrades(_answer(None))(RedisCache.delete_many)
    clear = _degrades(_answer(None))(RedisCache.clear)
