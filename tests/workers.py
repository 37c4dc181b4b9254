"""Real processes for tests: Celery workers (no mock stands in for the broker or the worker), and
fresh interpreters for what a process sets up once (settings, logging, Sentry)."""

import os
import subprocess
import sys
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def test_database_url() -> str:
    """The URL of the database the test run is using, for a worker in another process."""
    conf = connection.settings_dict
    if conf["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(conf['NAME']).resolve()}"
    auth = conf["USER"] or ""
    if conf["PASSWORD"]:
        auth += f":{conf['PASSWORD']}"
    host = conf["HOST"] or "localhost"
    port = f":{conf['PORT']}" if conf["PORT"] else ""
    return f"postgres://{auth}@{host}{port}/{conf['NAME']}"


@contextmanager
def worker_process(
    env_overrides: dict[str, str | None],
    *,
    ready_app=None,
    timeout: float = 60,
    cwd: Path = ROOT,
    app: str = "config",
):
    """Start ``celery -A config worker`` with the given environment and stop it afterwards.

    ``ready_app`` (a Celery app pointing at the same broker) is used to wait until the worker
    answers a ping task, so the test starts only once the worker consumes. ``cwd`` lets a test
    see what the worker writes into its working directory; ``app`` names the Celery app module.
    """
    # The worker's clock starts where the test's stands (tests/conftest.py pins it with
    # time_machine).
    env = {
        **os.environ,
        "DEBUG": "false",
        "PYTHONPATH": str(ROOT),
        "TEST_CLOCK_START": datetime.now(UTC).isoformat(),
    }
    for key, value in env_overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    log = open(ROOT / "var" / f"test-worker-{os.getpid()}.log", "ab")  # noqa: SIM115
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.clocked_celery",
            "-A",
            app,
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "INFO",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
        ],
        cwd=cwd,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        if ready_app is not None:
            ready_app.send_task("config.ping", args=["ready"]).get(timeout=timeout)
        yield proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def run_python(code: str, env_overrides: dict[str, str], timeout: float = 120):
    """``python -c code`` in the project with the test's environment plus ``env_overrides``."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env_overrides}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
