"""With Redis down (REDIS_URL pointing at a closed port) the site still serves: login, the
certificate check and dashboards answer, a print request says at once that printing is
unavailable and leaves no job, and /healthz/ answers 503 within seconds, naming Redis.

The requests run in a fresh process started with that REDIS_URL (settings are read once per
process), on the test database, through Django's test client."""

import json

import pytest

from documents.models import Job
from tests import workers
from tests.conftest import PASSWORD

PROBE = """
import json, time
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.urls import reverse
from documents.models import Job

# The suite's users have MD5 hashes (tests/conftest.py): this process must read them.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
client, answers = Client(), {}

def timed(name, call):
    started = time.monotonic()
    response = call()
    answers[name] = {
        "status": response.status_code,
        "seconds": time.monotonic() - started,
        "body": response.content.decode(),
    }

ward = %(ward)d
timed("wrong password", lambda: client.post(
    reverse("login"), {"username": "canbo.an", "password": "sai"}))
timed("login", lambda: client.post(
    reverse("login"), {"username": "canbo.an", "password": %(password)r}))
timed("dashboard", lambda: client.get(reverse("dashboards:ward", args=["90001"])))
timed("verify", lambda: client.get(reverse("awards:verify", args=["khong-co-ma-nay"])))
timed("print", lambda: client.post(
    reverse("documents:generate"), {"kind": "wards.profile", "fmt": "pdf", "object": ward}))
answers["jobs"] = Job.objects.count()
timed("healthz", lambda: client.get("/healthz/"))
timed("livez", lambda: client.get("/livez/"))
print(json.dumps(answers))
"""


@pytest.mark.django_db(transaction=True)
def test_the_site_serves_while_redis_is_down(people, units):
    env = {
        "DEBUG": "false",
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "DATABASE_URL": workers.test_database_url(),
    }
    code = PROBE % {"ward": units["ward"].pk, "password": PASSWORD}
    result = workers.run_python(code, env)
    assert result.returncode == 0, result.stderr[-3000:]
    answers = json.loads(result.stdout.strip().splitlines()[-1])

    assert answers["wrong password"]["status"] == 200
    assert answers["login"]["status"] == 302
    assert answers["dashboard"]["status"] == 200
    assert "An" in answers["dashboard"]["body"]
    assert answers["verify"]["status"] == 404
    assert "Không tìm thấy khen thưởng nào có mã này" in answers["verify"]["body"]

    printing = answers["print"]
    assert printing["status"] == 503
    assert printing["seconds"] < 5
    assert "Hiện không in được" in printing["body"]
    assert answers["jobs"] == 0
    assert not Job.objects.exists()

    health = json.loads(answers["healthz"]["body"])
    assert answers["healthz"]["status"] == 503
    assert answers["healthz"]["seconds"] < 5
    assert health["checks"]["database"]["ok"]
    broker = health["checks"]["broker"]
    assert not broker["ok"]
    assert broker["transport"] == "Redis"
    assert broker["error"].startswith("Redis unreachable: ")
    # The heartbeats are kept in the cache, which is Redis too: none can be read.
    assert health["down"] == ["broker (Redis)", "worker"]
    assert answers["livez"]["status"] == 200
    # The degraded cache and limiter are logged, not silent.
    assert "Cache unreachable" in result.stderr
    assert "Broker unreachable" in result.stderr
