"""The cache in production: Redis, and this process's memory while Redis does not answer.

Rate limits (wrong lookups, online submissions) and the few cached values live in the cache. Django's
Redis backend raises when Redis is down, which turned a citizen's submission into an error page with
nothing saved. Here each operation that Redis refuses goes to a local-memory cache instead: pages keep
answering, and a rate limit keeps limiting, per process, until Redis is back (counters then start again
from Redis's values). Timeouts are short so a hung Redis costs a second, not a request.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FALLBACK_OPERATIONS = (
    "add", "get", "set", "touch", "delete", "get_many", "has_key", "incr", "decr", "set_many", "delete_many",
    "clear", "get_or_set",
)  # fmt: skip
WARN_EVERY = 60  # seconds between two log lines about the same outage


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = params.setdefault("OPTIONS", {})
        options.setdefault("socket_connect_timeout", 1)
        options.setdefault("socket_timeout", 1)
        super().__init__(server, params)
        self.fallback = LocMemCache(f"fallback-{id(self)}", {"TIMEOUT": params.get("TIMEOUT", 300)})
        self._warned_at = 0.0

    def _warn(self, operation, error):
        now = time.monotonic()
        if now - self._warned_at > WARN_EVERY:
            self._warned_at = now
            name = type(error).__name__
            logger.warning("Redis cache unavailable (%s on %s): using this process's memory.", name, operation)


def _resilient(operation):
    def call(self, *args, **kwargs):
        try:
            return getattr(RedisCache, operation)(self, *args, **kwargs)
        except RedisError as error:
            self._warn(operation, error)
            return getattr(self.fallback, operation)(*args, **kwargs)

    call.__name__ = operation
    call.__doc__ = f"RedisCache.{operation}, or the local fallback while Redis is down."
    return call


for _operation in FALLBACK_OPERATIONS:
    setattr(ResilientRedisCache, _operation, _resilient(_operation))
