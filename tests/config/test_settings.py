"""Settings come from the environment; a bad value stops start-up and names the variable.

Each case starts a fresh interpreter, because settings are read once per process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k7Qw2-pR9zX4vB8nM1cL6tY3hJ5gF0dS-aE7uI2oP9xZ4wV8bN1mK6jH3gF5dS0a"
READ = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
    "'name': str(s.DATABASES['default']['NAME']), 'broker': s.CELERY_BROKER_URL, "
    "'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'lang': s.LANGUAGE_CODE, "
    "'tz': s.TIME_ZONE, 'secret': s.SECRET_KEY, 'cache': s.CACHES['default']['BACKEND']}))"
)


def start(env: dict[str, str | None], code: str = READ) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "REDIS_URL",
            "ALLOWED_HOSTS",
            "SECURE_SSL_REDIRECT",
            "VAR_DIR",  # set per worker under pytest-xdist (tests/parallel.py)
        }
    }
    clean["DJANGO_SETTINGS_MODULE"] = "config.settings"
    merged = {k: v for k, v in {**clean, **env}.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=merged,
        capture_output=True,
        text=True,
        timeout=60,
    )


def read(env: dict[str, str]) -> dict:
    import json

    result = start(env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_need_no_server():
    conf = read({"DEBUG": "true"})
    assert conf["engine"] == "django.db.backends.sqlite3"
    assert conf["name"].endswith("var/db.sqlite3")
    assert conf["broker"] == "filesystem://"
    assert conf["lang"] == "vi"
    assert conf["tz"] == "Asia/Ho_Chi_Minh"


def test_database_and_redis_urls_switch_to_servers():
    conf = read(
        {
            "SECRET_KEY": GOOD_SECRET,
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/festival",
            "REDIS_URL": "redis://127.0.0.1:6379/3",
            "ALLOWED_HOSTS": "ngayhoi.cuaong.vn, 10.0.0.5",
        }
    )
    assert conf["engine"] == "django.db.backends.postgresql"
    assert conf["name"] == "festival"
    assert conf["broker"] == "redis://127.0.0.1:6379/3"
    assert conf["cache"] == "config.cache.ResilientRedisCache"
    assert conf["hosts"] == ["ngayhoi.cuaong.vn", "10.0.0.5"]
    assert conf["debug"] is False


def test_secret_can_come_from_a_file(tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text(GOOD_SECRET + "\n")
    assert read({"SECRET_KEY_FILE": str(secret_file)})["secret"] == GOOD_SECRET


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
        ({}, "SECRET_KEY is not set"),
        ({"DEBUG": "1", "DATABASE_URL": "nonsense"}, "DATABASE_URL must be a URL"),
        ({"DEBUG": "1", "DATABASE_URL": "mysql://db/x"}, "DATABASE_URL must start with postgres"),
        ({"DEBUG": "1", "REDIS_URL": "redis://localhost:port/0"}, "REDIS_URL has a malformed port"),
        (
            {"DEBUG": "1", "CONN_MAX_AGE": "-1", "DATABASE_URL": "postgres://h/d"},
            "CONN_MAX_AGE must not be negative",
        ),
        (
            {"DEBUG": "1", "LOGIN_FAILURE_LIMIT": "five"},
            "LOGIN_FAILURE_LIMIT must be a whole number",
        ),
        ({"SECRET_KEY_FILE": "/nonexistent/secret"}, "SECRET_KEY_FILE names a file"),
        ({"SECRET_KEY": GOOD_SECRET, "SITE_URL": None}, "SITE_URL is not set"),
        ({"SECRET_KEY": GOOD_SECRET, "SITE_URL": "ngayhoi"}, "SITE_URL must be a URL"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(env, message):
    result = start(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


def test_production_settings_pass_the_deployment_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        }
        | {"SECRET_KEY": GOOD_SECRET, "ALLOWED_HOSTS": "ngayhoi.example.vn"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
