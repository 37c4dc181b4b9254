"""LOG_FORMAT=json: a real process serving requests writes nothing but JSON lines to stderr,
each with its time, level, logger and message; a request's lines carry its id (the one in its
X-Request-ID header, which the proxy's may set) and path, an error its exception.

The requests run in a fresh process (logging is configured once per process) with Redis on a
closed port, so the cache logs its outage while a view runs."""

import json

import pytest

from tests import workers

PROBE = """
import logging
import django
django.setup()
from django.test import Client, override_settings

client = Client(raise_request_exception=False)
answers = [client.get("/khong-co-trang-nay/", headers={"X-Request-ID": "kiem-tra-1"})]
answers.append(client.post("/accounts/login/", {"username": "ai", "password": "sai"}))
with override_settings(ROOT_URLCONF="tests.config.error_urls"):
    answers.append(client.get("/broken/"))
logging.getLogger("probe").warning("Xong, ngoài mọi yêu cầu")
print(" ".join(f"{a.status_code}:{a['X-Request-ID']}" for a in answers))
"""


def run_probe(log_format: str):
    env = {
        "LOG_FORMAT": log_format,
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DATABASE_URL": workers.test_database_url(),
    }
    return workers.run_python(PROBE, env)


@pytest.mark.django_db(transaction=True)
def test_json_logs_are_one_object_a_line_with_the_request_and_the_exception():
    result = run_probe("json")
    assert result.returncode == 0, result.stderr[-3000:]
    # The status of each answer, by the request id its header carried.
    statuses = {rid: status for status, rid in (a.split(":") for a in result.stdout.split())}
    assert statuses["kiem-tra-1"] == "404"

    lines = [json.loads(line) for line in result.stderr.splitlines()]
    for line in lines:
        assert {"time", "level", "logger", "message"} <= line.keys(), line
        assert line["time"].endswith("+00:00")

    not_found = next(line for line in lines if line["logger"] == "django.request")
    assert not_found["level"] == "WARNING"
    assert not_found["message"] == "Not Found: /khong-co-trang-nay/"
    assert not_found["request_id"] == "kiem-tra-1"
    assert not_found["path"] == "/khong-co-trang-nay/"
    assert not_found["status"] == 404

    # Logged while the login view runs, not by Django after it: the id comes from the context.
    outage = next(line for line in lines if line["logger"] == "config.cache")
    assert outage["level"] == "ERROR"
    assert outage["message"].startswith("Cache unreachable")
    assert outage["path"] == "/accounts/login/"
    assert outage["method"] == "POST"
    assert outage["request_id"] in statuses
    assert statuses[outage["request_id"]] == "200"

    error = next(line for line in lines if line.get("status") == 500)
    assert error["level"] == "ERROR"
    assert error["path"] == "/broken/"
    assert error["request_id"] in statuses
    assert "django.db.utils.DatabaseError: the database is down" in error["exception"]

    outside = next(line for line in lines if line["logger"] == "probe")
    assert outside["message"] == "Xong, ngoài mọi yêu cầu"
    assert "request_id" not in outside


@pytest.mark.django_db(transaction=True)
def test_text_logs_stay_the_default():
    result = run_probe("text")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Not Found: /khong-co-trang-nay/" in result.stderr.splitlines()
    assert not result.stderr.lstrip().startswith("{")


def test_an_unknown_log_format_stops_start_up_naming_the_variable():
    result = workers.run_python("import django; django.setup()", {"LOG_FORMAT": "xml"})
    assert result.returncode != 0
    assert "LOG_FORMAT must be text or json, not 'xml'." in result.stderr
