"""A fixed-window counter in the cache, shared by every process that shares the cache."""

from django.conf import settings
from django.core.cache import cache


class RateLimit:
    def __init__(self, name: str, limit: int, window: int) -> None:
        self.name, self.limit, self.window = name, limit, window

    def _key(self, ident: str) -> str:
        return f"ratelimit:{self.name}:{ident}"

    def exceeded(self, *idents: str) -> bool:
        return any((cache.get(self._key(i)) or 0) >= self.limit for i in idents)

    def hit(self, *idents: str) -> None:
        for ident in idents:
            key = self._key(ident)
            if cache.add(key, 1, self.window):
                continue
            try:
                cache.incr(key)
            except ValueError:  # expired between add() and incr()
                cache.set(key, 1, self.window)

    def reset(self, *idents: str) -> None:
        cache.delete_many([self._key(i) for i in idents])


def client_ip(request) -> str:
    # X-Forwarded-For is trusted only behind our own proxy: anyone can send the header.
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
