"""Liveness and readiness.

``/livez/`` only says the process answers: the container restarts the web server on it, and
restarting cures neither a database nor a broker outage. ``/healthz/`` is for monitoring: the
database, the broker, a worker's heartbeat and the free space of the folders the app writes,
each with what was found, and 503 naming whatever is down. Each check is bounded (about two
seconds) and a check that fails in an unforeseen way reports itself down instead of turning
the whole answer into a 500.
"""

import logging
import shutil
import socket
import time
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from config.version import VERSION

logger = logging.getLogger(__name__)

HEARTBEAT_KEY = "health:worker-heartbeat"
_TRANSPORT_NAMES = {"redis": "Redis", "rediss": "Redis", "filesystem": "embedded broker"}


def record_heartbeat(hostname: str) -> None:
    """Called by each worker every WORKER_HEARTBEAT_SECONDS (config.celery_app): the newest
    beat of any worker is the one kept, which is all readiness needs to know."""
    cache.set(HEARTBEAT_KEY, {"at": time.time(), "worker": hostname}, timeout=None)


def _database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"ok": True, "vendor": connection.vendor}


def _broker() -> dict:
    with current_app.connection_for_write() as broker:
        name = _TRANSPORT_NAMES.get(broker.transport_cls, broker.transport_cls)
        try:
            broker.ensure_connection(max_retries=1, timeout=2)
        except Exception as exc:  # kombu wraps some errors, redis-py raises its own
            return {"ok": False, "transport": name, "error": f"{name} unreachable: {exc}"}
    return {"ok": True, "transport": name}


def _worker() -> dict:
    beat = cache.get(HEARTBEAT_KEY)
    limit = settings.HEALTH_WORKER_MAX_AGE
    if not beat:
        return {"ok": False, "max_age_seconds": limit, "error": "no worker heartbeat recorded"}
    # A worker's clock may run a little ahead of this process's.
    age = max(0, round(time.time() - beat["at"]))
    found = {"worker": beat["worker"], "age_seconds": age, "max_age_seconds": limit}
    if age > limit:
        return {"ok": False, **found, "error": f"last worker heartbeat {age} s ago"}
    return {"ok": True, **found}


def _free_space(setting: str):
    def check() -> dict:
        folder = Path(getattr(settings, setting))
        # A folder the app has not written to yet is created on first use: its disk is the
        # nearest existing parent's.
        existing = next(p for p in (folder, *folder.parents) if p.exists())
        free_mb = shutil.disk_usage(existing).free // (1024 * 1024)
        minimum = settings.HEALTH_MIN_FREE_MB
        found = {"folder": setting, "path": str(folder), "free_mb": free_mb, "min_free_mb": minimum}
        if free_mb < minimum:
            return {"ok": False, **found, "error": f"{setting} has {free_mb} MB free"}
        return {"ok": True, **found}

    return check


CHECKS = {
    "database": _database,
    "broker": _broker,
    "worker": _worker,
    "disk_media": _free_space("MEDIA_ROOT"),
    "disk_documents": _free_space("PRIVATE_MEDIA_ROOT"),
}


def _run(name, check) -> dict:
    try:
        return check()
    except Exception as exc:  # a health check answers, whatever broke
        logger.warning("Health check %s failed: %s", name, exc)
        return {"ok": False, "error": f"{type(exc).__name__}: {exc}"}


def livez(request):
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request):
    checks = {name: _run(name, check) for name, check in CHECKS.items()}
    down = [
        f"{name} ({result['transport']})" if "transport" in result else name
        for name, result in checks.items()
        if not result["ok"]
    ]
    body = {
        "status": "down" if down else "ok",
        "down": down,
        "version": VERSION,
        "host": socket.gethostname(),
        "checks": checks,
    }
    return JsonResponse(body, status=503 if down else 200)
