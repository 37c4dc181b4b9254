"""The rate limiter on each cache backend it meets: the file cache (no server), local memory, and
Redis (production). A lock lasts the window the setting names, counting is atomic across
processes, and a cache that is down lets attempts through instead of failing them."""

import multiprocessing
import os
import time
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.cache import cache

from config.ratelimit import RateLimit, _count

# The suite's Redis, when it runs against one (README: with PostgreSQL and Redis; CI does); on a
# machine without servers the limiter meets only the file and local-memory caches.
REDIS_URL = os.environ.get("REDIS_URL", "")
on_redis = pytest.mark.skipif(not REDIS_URL, reason="needs the suite's Redis (REDIS_URL)")
START = datetime(2026, 8, 19, 8, 0, tzinfo=UTC)

BACKENDS = {
    "file": lambda tmp_path: {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(tmp_path / "cache"),
    },
    "locmem": lambda tmp_path: {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": str(tmp_path),
    },
    "redis": lambda tmp_path: {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"ratelimit-test-{os.getpid()}-{tmp_path.name}",
    },
}

limit = RateLimit("probe", "PROBE_LIMIT", "PROBE_WINDOW")


@pytest.fixture(params=[name for name in BACKENDS if REDIS_URL or name != "redis"])
def backend(request, settings, tmp_path):
    settings.CACHES = {"default": BACKENDS[request.param](tmp_path)}
    settings.PROBE_LIMIT = 5
    settings.PROBE_WINDOW = 15 * 60
    if request.param != "redis":  # the Redis database is shared: only our keys are removed
        cache.clear()
    yield request.param
    if request.param == "redis":
        cache.delete_many([key for i in ("user:a", "user:b") for key in limit._keys(i)])


@pytest.mark.parametrize("backend", ["file", "locmem"], indirect=True)
def test_the_lock_lasts_exactly_the_window(backend):
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(4):
            assert not limit.hit("user:a")
            clock.shift(timedelta(seconds=30))
        assert limit.hit("user:a")  # the fifth failure locks
        locked_at = time.time()
        clock.shift(timedelta(seconds=15 * 60 - 1))
        assert limit.locked("user:a")
        assert not limit.locked("user:b")
        clock.move_to(datetime.fromtimestamp(locked_at + 15 * 60 + 1, UTC))
        assert not limit.locked("user:a")
        assert not limit.hit("user:a")  # a fresh window


@on_redis
@pytest.mark.parametrize("backend", ["redis"], indirect=True)
def test_the_lock_lasts_exactly_the_window_on_redis(backend, settings):
    # Redis keeps time itself: time_machine cannot move it, so a short window, really waited.
    settings.PROBE_WINDOW = 2
    for _ in range(4):
        assert not limit.hit("user:a")
    assert limit.hit("user:a")
    locked_at = time.monotonic()
    time.sleep(1.5)
    assert limit.locked("user:a")
    time.sleep(max(0, locked_at + 2.2 - time.monotonic()))
    assert not limit.locked("user:a")


def _hammer(key: str, times: int) -> None:
    for _ in range(times):
        _count(key, 60)


@pytest.mark.parametrize("backend", ["file", "redis"] if REDIS_URL else ["file"], indirect=True)
def test_counting_is_atomic_across_processes(backend):
    # Forked processes share the cache folder or the Redis database, as gunicorn's workers do.
    context = multiprocessing.get_context("fork")
    key = limit._keys("user:a")[0]
    workers = [context.Process(target=_hammer, args=(key, 40)) for _ in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert _count(key, 60) == 4 * 40 + 1


def test_a_cache_that_is_down_lets_attempts_through(settings, caplog):
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    settings.PROBE_LIMIT, settings.PROBE_WINDOW = 1, 60
    started = time.monotonic()
    assert not limit.hit("user:a")
    assert not limit.locked("user:a")
    limit.reset("user:a")
    assert time.monotonic() - started < 2
    assert "cache unreachable" in caplog.text.lower()
