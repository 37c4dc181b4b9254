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

And in the controller, how tests are handed out (``--dist load``, which ``-n`` implies): one by
one in pytest-django's order (database tests, then transactional ones, which empty the tables
the migrations filled, then the rest), except the tests of a folder in SHARED: they share an
expensive session fixture and go to one worker together, first, so they are not the last ones
left running (``xdist_group`` would group them, but pytest 9 ignores the node id it rewrites).
A SHARED folder's tests must not use the test database: they run before its other tests.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest

REDIS_DATABASES = 16  # Redis' default `databases`
# The backup and restore tests' demo site (tests/ops/conftest.py) takes a minute or two to load.
SHARED = ("tests/ops/",)


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
                # The shared folders first (xdist's default --loadscope-reorder already sends
                # them, the largest units, before the single tests), the rest in order.
                pending = sorted(self.workqueue.items(), key=lambda unit: unit[0] not in SHARED)
                self.workqueue.clear()
                self.workqueue.update(pending)

    return Scheduling(config, log)


# At import, before pytest-env and pytest-django's hooks: the settings must see these values.
isolate_worker()
