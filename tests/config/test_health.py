"""/healthz/ tells the truth: the database, the broker, a real worker's heartbeat, free disk for
the media and documents folders, and the app's version; 503 names what is down. /livez/ stays
plain. (Redis down: tests/config/test_redis_down.py, in a process of its own.)"""

import time

import pytest
from django.core.cache import cache

from config.celery_app import app as celery_app
from config.health import HEARTBEAT_KEY
from config.version import PYPROJECT
from tests import workers

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_heartbeat():
    """Workers of earlier tests have left theirs in the cache."""
    cache.delete(HEARTBEAT_KEY)
    yield
    cache.delete(HEARTBEAT_KEY)


def pyproject_version() -> str:
    for line in PYPROJECT.read_text().splitlines():
        if line.startswith("version = "):
            return line.split('"')[1]
    raise AssertionError("no version in pyproject.toml")


def test_without_a_worker_healthz_is_503_and_names_the_worker(client, no_heartbeat):
    response = client.get("/healthz/")
    assert response.status_code == 503
    health = response.json()
    assert health["status"] == "down"
    assert health["down"] == ["worker"]
    assert health["checks"]["worker"]["error"] == "no worker heartbeat recorded"
    assert health["checks"]["database"]["ok"]
    assert health["checks"]["broker"]["ok"]
    assert health["version"] == pyproject_version()


@pytest.mark.worker
def test_a_running_worker_beats_and_a_stopped_one_is_reported_with_its_age(
    client, transactional_db, no_heartbeat, settings, clock
):
    env = {"DATABASE_URL": workers.test_database_url(), "WORKER_HEARTBEAT_SECONDS": "1"}
    with workers.worker_process(env, ready_app=celery_app):
        healthy = client.get("/healthz/")
        first = cache.get(HEARTBEAT_KEY)["at"]
        deadline = time.monotonic() + 15
        while cache.get(HEARTBEAT_KEY)["at"] == first and time.monotonic() < deadline:
            time.sleep(0.2)
        assert cache.get(HEARTBEAT_KEY)["at"] > first, "the worker beat only once"

    assert healthy.status_code == 200, healthy.json()
    health = healthy.json()
    assert health["status"] == "ok"
    assert health["down"] == []
    assert health["version"] == pyproject_version()
    assert health["checks"]["worker"]["ok"]
    assert health["checks"]["worker"]["worker"].startswith("celery@")
    # The worker's clock starts from the test's when it is launched, and lags by its start-up.
    assert health["checks"]["worker"]["age_seconds"] <= 10

    # The worker has stopped: once its last beat is older than the limit, healthz says so.
    settings.HEALTH_WORKER_MAX_AGE = 60
    clock.shift(90)
    response = client.get("/healthz/")
    assert response.status_code == 503
    worker = response.json()["checks"]["worker"]
    assert not worker["ok"]
    assert worker["age_seconds"] >= 90
    assert worker["error"] == f"last worker heartbeat {worker['age_seconds']} s ago"
    assert response.json()["down"] == ["worker"]


def test_too_little_free_disk_is_503_and_names_each_folder(client, settings, no_heartbeat):
    cache.set(HEARTBEAT_KEY, {"at": time.time(), "worker": "celery@here"})
    assert client.get("/healthz/").status_code == 200
    settings.HEALTH_MIN_FREE_MB = 10**12  # an exabyte: no disk has it free
    response = client.get("/healthz/")
    assert response.status_code == 503
    health = response.json()
    assert health["down"] == ["disk_media", "disk_documents"]
    media = health["checks"]["disk_media"]
    assert media["folder"] == "MEDIA_ROOT"
    assert media["path"] == str(settings.MEDIA_ROOT)
    assert media["error"] == f"MEDIA_ROOT has {media['free_mb']} MB free"
    assert health["checks"]["disk_documents"]["error"].startswith("PRIVATE_MEDIA_ROOT has ")


def test_a_check_that_breaks_unexpectedly_reports_itself_down_not_500(client, no_heartbeat):
    # A heartbeat written by some other version of the app, in a shape this one cannot read.
    cache.set(HEARTBEAT_KEY, "alive")
    response = client.get("/healthz/")
    assert response.status_code == 503
    assert response.json()["down"] == ["worker"]
    assert response.json()["checks"]["worker"]["error"].startswith("TypeError")


def test_healthz_is_not_cached_and_needs_no_login(client, no_heartbeat):
    response = client.get("/healthz/")
    assert "no-cache" in response["Cache-Control"]
    assert response["Content-Type"] == "application/json"


def test_livez_stays_plain(client, no_heartbeat):
    response = client.get("/livez/")
    assert response.status_code == 200
    assert response.content == b"ok"
