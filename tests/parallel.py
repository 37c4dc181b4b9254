"""Each pytest-xdist worker (``pytest -n 2``) gets runtime state of its own, so tests written
for one process stay right when the suite is split over several, without knowing it.

Loaded with ``-p tests.parallel`` (pyproject.toml) before pytest-django reads the settings, and
only acting in an xdist worker (``PYTEST_XDIST_WORKER`` = gw0, gw1, ...). Through the
environment, which the processes a test starts inherit (Celery workers, ``manage.py`` runs):

- ``VAR_DIR``: media, printed documents, the file cache and the beat schedule in ``var/<gwN>``;
  the SQLite test database is suffixed by pytest-django itself (``test-db.sqlite3_gw0``), and
  on PostgreSQL each worker gets ``test_<name>_gw0``.
- ``CELERY_EMBEDDED_DIR``: the embedded broker's folder, suffixed: a worker process started by
  one xdist worker never takes another's task.
- ``REDIS_URL``: database N + the worker's number, for the broker, the results, the cache and
  the rate limits (each worker empties its own at start).

And in the controller, the order tests are handed out (``--dist load``, which ``-n`` implies):
each test on its own, the longest first so no worker is left with a long tail, except the
tests of a folder in SHARED: they share an expensive session fixture and go to one worker
together (``xdist_group`` would do it, but pytest 9 ignores the node id it rewrites).
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

REDIS_DATABASES = 16  # Redis' default `databases`
# The backup and restore tests' demo site (tests/ops/conftest.py) takes a minute or two to load.
SHARED = ("tests/ops/",)
# Handed out first: the shared folders, then the slowest tests (a minute each: a real dev.py
# run, every role's pages through axe) and the browser's.
FIRST = (*SHARED, "tests/test_dev.py", "tests/e2e/")


def _redis_database(url: str) -> int:
    return int(urlsplit(url).path.strip("/") or 0)


def _redis_url(url: str, index: int) -> str:
    parts = urlsplit(url)
    base = _redis_database(url)
    if base + index >= REDIS_DATABASES:
        raise SystemExit(
            f"REDIS_URL={url} with worker {index}: Redis database {base + index} does not exist "
            f"(0 to {REDIS_DATABASES - 1}); use a lower database number or fewer workers (-n)."
        )
    return urlunsplit(parts._replace(path=f"/{base + index}"))


def isolate_worker(environ=os.environ) -> None:
    worker = environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    index = int(worker.removeprefix("gw"))
    environ["VAR_DIR"] = f"{environ.get('VAR_DIR', 'var')}/{worker}"
    environ["CELERY_EMBEDDED_DIR"] = (
        f"{environ.get('CELERY_EMBEDDED_DIR', 'var/test-celery')}-{worker}"
    )
    if environ.get("REDIS_URL"):
        environ["REDIS_URL"] = _redis_url(environ["REDIS_URL"], index)


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_auto_num_workers(config):
    """``-n auto``: a worker per CPU, but no more than there are Redis databases from
    REDIS_URL's on."""
    if not os.environ.get("REDIS_URL"):
        return None  # xdist's own count
    cpus = len(os.sched_getaffinity(0))
    return max(1, min(cpus, REDIS_DATABASES - _redis_database(os.environ["REDIS_URL"])))


def _scope(nodeid: str) -> str:
    return next((folder for folder in SHARED if nodeid.startswith(folder)), nodeid)


def _rank(scope: str) -> int:
    return next((n for n, prefix in enumerate(FIRST) if scope.startswith(prefix)), len(FIRST))


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":
        return None  # the caller chose another way (--dist loadfile, each, ...)
    from xdist.scheduler import LoadScopeScheduling

    class Scheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return _scope(nodeid)

        def schedule(self) -> None:
            first_time = self.collection is None
            super().schedule()
            if first_time and self.collection:
                # Already assigned: one unit per worker, in collection order; reorder the rest.
                pending = sorted(self.workqueue.items(), key=lambda unit: _rank(unit[0]))
                self.workqueue.clear()
                self.workqueue.update(pending)

    return Scheduling(config, log)


# At import, before pytest-env and pytest-django's hooks: the settings must see these values.
isolate_worker()
