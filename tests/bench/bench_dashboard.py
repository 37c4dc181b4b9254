"""Benchmark of the dashboards: server time and SQL queries of the province dashboard (150
wards) this year (the page as opened, a period ending today) and last year (a full year), a
grouping's (10 wards), a ward's dashboard and its ward page. Each request goes through
the project's WSGI application in-process, as gunicorn calls it (middleware, session, view,
template), without the test client's instrumentation of templates, against a synthetic
province (manage.py build_synthetic_province).

    /work/main/.venv/bin/python tests/bench/bench_dashboard.py [--runs 30]
        [--database-url postgres://postgres@127.0.0.1:5432/dashboards_bench]
        [--redis-url redis://127.0.0.1:6379/13]

The database is created, migrated and filled on the first run (about a minute), then reused;
VACUUM ANALYZE runs each time (as autovacuum would have done after the bulk load). The cache is
Redis, as deployed (a database number of its own: the cold runs empty it); ``--redis-url ""``
measures the file cache of a machine without Redis.

Each page is measured cold (the cache emptied before each request: every ward's figures
counted from the running totals, dashboards/models.py), after a change in one of its wards
(the ten wards cached with it counted again, the others' figures from the cache) and warm
(all from the cache).
Goals, in each case: the province dashboard in at most 100 ms (median) and 15 queries, the
same number of queries at 10 and at 150 wards. Exits 1 when a goal is missed. Not collected
by pytest.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/dashboards_bench"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/13"
PROVINCE = "99"
GOAL_MS = 100.0
GOAL_QUERIES = 15


def setup(database_url: str, redis_url: str = DEFAULT_REDIS_URL) -> None:
    """Django on ``database_url`` (created when missing), migrated, with the synthetic
    province and a province officer; the cache on ``redis_url`` (none: the file cache)."""
    folder = tempfile.mkdtemp(prefix="bench-dashboard-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "VAR_DIR": folder,
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "STATIC_MANIFEST": "false",
        }
    )
    if redis_url:
        os.environ["REDIS_URL"] = redis_url
    else:
        os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    if database_url.startswith("postgres"):
        create_database(database_url)

    import django

    django.setup()
    from django.core.management import call_command

    from wards.models import AdministrativeUnit

    call_command("migrate", verbosity=0)
    if not AdministrativeUnit.objects.filter(code=PROVINCE).exists():
        print("Building the synthetic province (once) ...")
        call_command("build_synthetic_province", code=PROVINCE)
    if database_url.startswith("postgres"):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def create_database(database_url: str) -> None:
    import psycopg

    base, name = database_url.rsplit("/", 1)
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def officer():
    """The province's officer, created once."""
    from django.contrib.auth import get_user_model

    from wards.models import AdministrativeUnit, Membership, Role

    user, created = get_user_model().objects.get_or_create(username="bench.tinh")
    if created:
        Membership.objects.create(
            user=user, unit=AdministrativeUnit.objects.get(code=PROVINCE), role=Role.STAFF
        )
    return user


def pages() -> list[tuple[str, str, int]]:
    """(label, path, the id of a ward it shows): the province's dashboard first (as opened:
    this year), the ward page last (load_dashboard.py takes those two)."""
    from django.urls import reverse

    from wards.models import AdministrativeUnit, Level

    province = AdministrativeUnit.objects.get(code=PROVINCE)
    grouping = AdministrativeUnit.objects.filter(parent=province, level=Level.DISTRICT).first()
    ward = AdministrativeUnit.objects.filter(parent=grouping).order_by("code").first()
    year = time.localtime().tm_year
    wards = AdministrativeUnit.objects.under(province).wards().count()
    in_grouping = AdministrativeUnit.objects.filter(parent=grouping).count()
    province_url = reverse("dashboards:unit", args=[province.code])
    return [
        (f"province dashboard ({wards} wards)", province_url, ward.pk),
        (f"province dashboard, {year - 1}", province_url + f"?year={year - 1}", ward.pk),
        (
            f"grouping dashboard ({in_grouping} wards)",
            reverse("dashboards:unit", args=[grouping.code]),
            ward.pk,
        ),
        ("ward dashboard", reverse("dashboards:ward", args=[ward.code]), ward.pk),
        ("ward page", reverse("wards:unit", args=[ward.code]), ward.pk),
    ]


def client(user):
    """A function requesting a path as ``user`` through the project's WSGI application
    (config/wsgi.py, as gunicorn loads it): (status, body)."""
    from django.conf import settings
    from django.test import Client, RequestFactory

    login = Client()
    login.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={login.cookies[settings.SESSION_COOKIE_NAME].value}"
    from config.wsgi import application as handler

    factory = RequestFactory()

    def get(path: str) -> tuple[str, bytes]:
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer["status"] = status

        body = b"".join(handler(factory.get(path, HTTP_COOKIE=cookie).environ, start_response))
        return answer["status"], body

    return get


# How each page is measured: the cache emptied before each request, one of its wards changed
# before each request (its token renewed, as any change to its rows does), or neither.
MODES = ("cold", "1 ward", "warm")


def measure(get, url: str, ward_id: int, runs: int, mode: str) -> tuple[list[float], int, int]:
    """Server times in ms, the queries of the last run and the page's size."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from dashboards.cache import changed

    def prepare():
        if mode == "cold":
            cache.clear()  # the bench's own Redis database or cache folder
        elif mode == "1 ward":
            changed([ward_id])

    for _warm in range(3):
        get(url)
    times = []
    for _run in range(runs):
        prepare()
        started = time.perf_counter()
        status, body = get(url)
        times.append((time.perf_counter() - started) * 1000)
        if not status.startswith("200"):
            raise SystemExit(f"{url}: HTTP {status}")
    prepare()
    with CaptureQueriesContext(connection) as captured:
        get(url)
    return times, len(captured.captured_queries), len(body)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    setup(args.database_url, args.redis_url)

    get = client(officer())
    cache = args.redis_url.split("@")[-1] or "files"
    database = args.database_url.split("@")[-1]
    print(f"Database: {database}; cache: {cache}; {args.runs} runs per page\n")
    print(
        f"{'page':<34} {'cache':<6} {'median':>8} {'p95':>8} {'min':>8} {'queries':>8} {'KiB':>6}"
    )
    results = {}
    for label, url, ward_id in pages():
        for mode in MODES:
            times, queries, size = measure(get, url, ward_id, args.runs, mode)
            ordered = sorted(times)
            p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
            results[label, mode] = (statistics.median(times), queries)
            print(
                f"{label:<34} {mode:<6} {statistics.median(times):>6.1f}ms "
                f"{p95:>6.1f}ms {ordered[0]:>6.1f}ms {queries:>8} {size / 1024:>6.0f}"
            )
    labels = [page[0] for page in pages()]
    problems = []
    for label in labels[:2]:
        for mode in MODES:
            ms, queries = results[label, mode]
            if ms > GOAL_MS:
                problems.append(f"{label}, {mode}: median {ms:.0f} ms > {GOAL_MS:.0f} ms")
            if queries > GOAL_QUERIES:
                problems.append(f"{label}, {mode}: {queries} queries > {GOAL_QUERIES}")
    for mode in MODES:
        at_10, at_150 = results[labels[2], mode][1], results[labels[0], mode][1]
        if at_10 != at_150:
            problems.append(f"{mode}: {at_10} queries at 10 wards, {at_150} at 150")
    print()
    for problem in problems:
        print(f"GOAL MISSED: {problem}")
    if not problems:
        print(f"Goals met: ≤ {GOAL_MS:.0f} ms and ≤ {GOAL_QUERIES} queries, at 10 and 150 wards.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
