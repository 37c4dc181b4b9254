"""The one rate limiter: login (the app's and the admin's), password reset, certificate
verification, print requests and API calls (per token) all count here.

A limit is a fixed window per key (a username, an address, a user): the first attempt opens it
for ``window`` seconds and every attempt adds one, atomically. The attempt that reaches
``limit`` sets a lock that lasts exactly ``window`` seconds from that moment, whatever the cache
backend: the lock is written once with its own timeout, never extended by a later count.

Counting is atomic on every backend: on Redis by ``ResilientRedisCache.count`` (one MULTI); on
the file and local-memory caches, which have no atomic increment (the file cache's ``incr`` is a
read and a write that also resets the timeout to the default five minutes), a read-modify-write
under a lock held across threads and, through ``flock``, across the processes sharing the cache
folder, with the window's end stored beside the count.

The limiter serves a site whose cache may be down: Redis's outage is logged by the cache and
counts nothing, any other cache error lets the attempt through (logged), so an outage does not
lock everybody out.
"""

import fcntl
import logging
import math
import threading
import time
import unicodedata
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.cache import cache, caches

from config.cache import ResilientRedisCache

logger = logging.getLogger(__name__)

_thread_lock = threading.Lock()


@contextmanager
def _exclusive():
    with _thread_lock:
        folder = getattr(caches["default"], "_dir", None)  # the file cache's, shared by processes
        if folder is None:
            yield
            return
        Path(folder).mkdir(parents=True, exist_ok=True)
        with open(Path(folder) / "ratelimit.lock", "a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _count(key: str, window: int) -> int:
    """Add one attempt to ``key``'s window (opened by the first); the attempts in it so far."""
    backend = caches["default"]  # `cache` is a proxy: isinstance needs the backend itself
    if isinstance(backend, ResilientRedisCache):
        return backend.count(key, window)
    with _exclusive():
        now = time.time()
        count, ends = cache.get(key) or (0, 0.0)
        if ends <= now:
            count, ends = 0, now + window
        cache.set(key, (count + 1, ends), math.ceil(ends - now))
        return count + 1


def fold(text: str) -> str:
    """A name as Django authenticates it (NFKC), case-folded: look-alikes count as one."""
    return unicodedata.normalize("NFKC", text).casefold().strip()


def client_ip(request) -> str:
    # X-Forwarded-For is trusted only behind our own proxy: anyone can send the header.
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def post_idents(request, field: str) -> tuple[str, str]:
    """The keys of an attempt: the posted ``field`` (a username, an e-mail address) as Django
    reads it, case-folded, and the client's address."""
    return f"{field}:{fold(request.POST.get(field) or '')}", f"ip:{client_ip(request)}"


class RateLimit:
    """``limit`` and ``window`` name settings, read at each call (tests change them)."""

    def __init__(self, name: str, limit: str, window: str) -> None:
        self.name, self.limit_setting, self.window_setting = name, limit, window

    @property
    def limit(self) -> int:
        return getattr(settings, self.limit_setting)

    @property
    def window(self) -> int:
        return getattr(settings, self.window_setting)

    def _keys(self, ident: str) -> tuple[str, str]:
        base = f"ratelimit:{self.name}:{ident}"
        return f"{base}:count", f"{base}:locked"

    def locked(self, *idents: str) -> bool:
        return self.retry_after(*idents) > 0

    def retry_after(self, *idents: str) -> int:
        """Whole seconds until every lock on ``idents`` has ended; 0 when none is locked."""
        try:
            found = cache.get_many([self._keys(i)[1] for i in idents])
        except Exception:
            logger.exception("Rate limit %s: cache unreachable, attempt let through", self.name)
            return 0
        # The file cache rounds timeouts to the second: the lock's own end decides.
        return max((math.ceil(ends - time.time()) for ends in found.values()), default=0)

    def hit(self, *idents: str) -> bool:
        """Count an attempt for each ident; True when one of them is now locked."""
        window, now_locked = self.window, False
        for ident in idents:
            count_key, lock_key = self._keys(ident)
            try:
                if _count(count_key, window) >= self.limit:
                    cache.set(lock_key, time.time() + window, window)
                    cache.delete(count_key)
                    now_locked = True
            except Exception:
                logger.exception("Rate limit %s: cache unreachable, attempt not counted", self.name)
        return now_locked

    def reset(self, *idents: str) -> None:
        try:
            cache.delete_many([key for i in idents for key in self._keys(i)])
        except Exception:
            logger.exception("Rate limit %s: cache unreachable, not reset", self.name)


login_limit = RateLimit("login", "LOGIN_FAILURE_LIMIT", "LOGIN_FAILURE_WINDOW")
password_reset_limit = RateLimit("password-reset", "PASSWORD_RESET_LIMIT", "PASSWORD_RESET_WINDOW")
verify_limit = RateLimit("verify", "AWARDS_VERIFY_LIMIT", "AWARDS_VERIFY_WINDOW")
print_limit = RateLimit("print", "DOCUMENTS_REQUEST_LIMIT", "DOCUMENTS_REQUEST_WINDOW")
api_limit = RateLimit("api", "API_RATE_LIMIT", "API_RATE_WINDOW")
