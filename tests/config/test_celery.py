"""Tasks travel through a real broker to a real worker process and back: on the embedded
filesystem broker (the default, no server) and on Redis (as in production)."""

import os
import socket
from urllib.parse import urlsplit

import pytest
from celery import Celery

from tests.workers import worker_process

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/14"


def _redis_reachable() -> bool:
    parts = urlsplit(REDIS_URL)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=1).close()
    except OSError:
        return False
    return True


def round_trip(app: Celery, count: int = 20) -> list[dict]:
    results = [app.send_task("config.ping", args=[f"việc {n}"]) for n in range(count)]
    return [result.get(timeout=60) for result in results]


def test_round_trip_through_the_embedded_broker(tmp_path):
    """The worker keeps every broker file, the exchange tables included, in its own folder:
    nothing lands in the directory it was started from (once the repository's ``control/``)."""
    broker, started_in = tmp_path / "broker", tmp_path / "cwd"
    started_in.mkdir()
    for folder in ("queue", "processed", "control", "results"):
        (broker / folder).mkdir(parents=True)
    app = Celery("probe", broker="filesystem://", backend=f"file://{broker / 'results'}")
    app.conf.broker_transport_options = {
        "data_folder_in": str(broker / "queue"),
        "data_folder_out": str(broker / "queue"),
        "processed_folder": str(broker / "processed"),
        "control_folder": str(broker / "control"),
        "store_processed": False,
    }
    with worker_process(
        {"REDIS_URL": None, "CELERY_EMBEDDED_DIR": str(broker)}, ready_app=app, cwd=started_in
    ) as worker:
        answers = round_trip(app)
    assert [a["payload"] for a in answers] == [f"việc {n}" for n in range(20)]
    assert {a["pid"] for a in answers} == {worker.pid}
    assert list(started_in.iterdir()) == []
    assert {p.name for p in (broker / "control").iterdir()} >= {
        "celery.exchange",
        "celery.pidbox.exchange",
    }


@pytest.mark.skipif(
    not os.environ.get("CI") and not _redis_reachable(),
    reason="no Redis on this machine (CI always has one, and there this test must run)",
)
def test_round_trip_through_redis():
    app = Celery("probe", broker=REDIS_URL, backend=REDIS_URL)
    with worker_process({"REDIS_URL": REDIS_URL}, ready_app=app) as worker:
        answers = round_trip(app)
    assert [a["payload"] for a in answers] == [f"việc {n}" for n in range(20)]
    assert {a["pid"] for a in answers} == {worker.pid}
