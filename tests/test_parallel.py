"""`python3 dev.py test` runs on PostgreSQL and Redis where they answer, on SQLite and the
embedded broker otherwise (or when told), and splits the suite over pytest-xdist workers whose
databases, brokers, caches and folders are their own (tests/parallel.py)."""

import os
import socket

import pytest
from django.conf import settings
from django.db import connection

import dev
from tests.parallel import isolate_worker


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_sqlite_is_forced_even_when_servers_are_named():
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/x", "REDIS_URL": "redis://h/1"}
    dev.servers_for_tests(env, sqlite=True)
    assert "DATABASE_URL" not in env
    assert "REDIS_URL" not in env


def test_servers_the_caller_names_are_used_as_given():
    env = {"DATABASE_URL": "sqlite:////tmp/own.sqlite3", "REDIS_URL": "redis://127.0.0.1:1/3"}
    dev.servers_for_tests(env, sqlite=False)
    assert env == {
        "DATABASE_URL": "sqlite:////tmp/own.sqlite3",
        "REDIS_URL": "redis://127.0.0.1:1/3",
    }


def test_a_server_that_does_not_answer_is_not_used():
    port = closed_port()
    assert not dev.postgres_answers(f"postgres://postgres@127.0.0.1:{port}/postgres")
    assert not dev.redis_answers("127.0.0.1", port)


@pytest.mark.skipif(
    connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"),
    reason="the suite's run on PostgreSQL and Redis (CI's first pass) checks that they are found",
)
def test_postgres_and_redis_on_this_machine_are_found():
    env = {}
    dev.servers_for_tests(env, sqlite=False)
    assert env["DATABASE_URL"].startswith("postgres://postgres@127.0.0.1:5432/festival_")
    assert env["REDIS_URL"] == "redis://127.0.0.1:6379/1"


def test_the_callers_choice_of_workers_is_kept():
    assert dev.xdist_args([]) == ["-n", "auto"]
    assert dev.xdist_args(["tests/wards", "-x"]) == ["-n", "auto"]
    for chosen in (["-n", "0"], ["-n3"], ["--numprocesses=2"], ["-p", "no:xdist"]):
        assert dev.xdist_args(chosen) == []


def test_each_worker_gets_its_own_folders_broker_and_redis_database():
    env = {"PYTEST_XDIST_WORKER": "gw2", "REDIS_URL": "redis://127.0.0.1:6379/10"}
    isolate_worker(env)
    assert env["VAR_DIR"] == "var/gw2"
    assert env["CELERY_EMBEDDED_DIR"] == "var/test-celery-gw2"
    assert env["REDIS_URL"] == "redis://127.0.0.1:6379/12"


def test_a_single_process_run_is_left_as_it_is():
    env = {"REDIS_URL": "redis://127.0.0.1:6379/10"}
    isolate_worker(env)
    assert env == {"REDIS_URL": "redis://127.0.0.1:6379/10"}


def test_a_worker_past_the_last_redis_database_stops_with_a_message():
    env = {"PYTEST_XDIST_WORKER": "gw6", "REDIS_URL": "redis://127.0.0.1:6379/10"}
    with pytest.raises(SystemExit, match="Redis database 16 does not exist"):
        isolate_worker(env)


def test_this_run_uses_its_workers_own_state():
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    database = str(connection.settings_dict["NAME"])
    if worker:
        assert settings.VAR_DIR.name == worker
        assert settings.MEDIA_ROOT.is_relative_to(settings.VAR_DIR)
        assert settings.CELERY_EMBEDDED_DIR.name.endswith(f"-{worker}")
        assert database.endswith(f"_{worker}")
    else:
        assert not settings.VAR_DIR.name.startswith("gw")
        assert "_gw" not in database
