"""Benchmark of the API's schemes list beside the same page in the browser (not collected by
pytest).

A province of N wards with S schemes each, on a throwaway SQLite database (or --database-url).
In one run, through Django's whole WSGI stack in process (middleware included), one request
at a time: the bare baseline (``/livez/``, a view that only answers "ok"), the API's
``/api/v1/schemes/`` with a province token, and the HTML scheme list ``/schemes/`` of a signed-in
province officer, both with 50 rows a page. Prints requests per second, ms per request and SQL
queries per request of each.

    /work/main/.venv/bin/python tests/bench/bench_api.py [--wards 30] [--schemes 50] [--seconds 5]
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup(workdir: Path, database_url: str | None) -> None:
    os.environ.update(
        DEBUG="false",
        SECRET_KEY="bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        SECURE_SSL_REDIRECT="false",
        SITE_URL="http://testserver",
        STATIC_MANIFEST="false",
        DATABASE_URL=database_url or f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        CELERY_EMBEDDED_DIR=str(workdir / "celery"),
        ALLOWED_HOSTS="testserver",
        API_RATE_LIMIT="100000000",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(wards: int, schemes: int):
    from django.contrib.auth import get_user_model

    from api.models import ApiToken
    from wards.models import AdministrativeUnit, Level, Membership, Role, Scheme, SchemeKind

    province = AdministrativeUnit.objects.create(
        code="99", name="Bench", level=Level.PROVINCE, division_type="tỉnh"
    )
    kind = SchemeKind.objects.get(code="to-tuan-tra")
    rows = []
    for n in range(wards):
        ward = AdministrativeUnit.objects.create(
            code=f"99{n:04d}", name=f"Phường {n}", level=Level.WARD, parent=province
        )
        for i in range(schemes):
            scheme = Scheme(ward=ward, kind=kind, name=f"Tổ tuần tra {i}", member_count=6)
            scheme.fill_derived()
            rows.append(scheme)
    Scheme.objects.bulk_create(rows, batch_size=1000)
    user = get_user_model().objects.create_user("tinh.bench", password="bench-pass-2025")
    Membership.objects.create(user=user, unit=province, role=Role.STAFF)
    token = ApiToken(unit=province, created_by=user, name="bench")
    secret = token.issue_secret()
    token.save()
    return user, secret


def measure(client, url: str, seconds: float, **headers) -> dict:
    from django.db import connection

    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    queries = []  # counted by a wrapper: each request's start clears Django's query log

    def count_query(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count_query):
        client.get(url, **headers)
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        client.get(url, **headers)
        count += 1
    elapsed = time.perf_counter() - started
    return {"rps": count / elapsed, "ms": 1000 * elapsed / count, "queries": len(queries)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=int, default=30)
    parser.add_argument("--schemes", type=int, default=50, help="per ward")
    parser.add_argument("--seconds", type=float, default=5.0, help="per endpoint")
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup(Path(workdir), args.database_url)
        from django.test import Client

        user, secret = populate(args.wards, args.schemes)
        browser = Client()
        browser.force_login(user)
        api = Client(HTTP_AUTHORIZATION=f"Token {secret}")
        results = {
            "bare baseline /livez/": measure(Client(), "/livez/", args.seconds),
            "API /api/v1/schemes/?page_size=50": measure(
                api, "/api/v1/schemes/?page_size=50", args.seconds
            ),
            "HTML /schemes/?per_page=50": measure(browser, "/schemes/?per_page=50", args.seconds),
        }
    total = args.wards * args.schemes
    print(f"{args.wards} wards, {total} schemes; one request at a time, in process (WSGI)")
    print(f"{'endpoint':38} {'req/s':>8} {'ms/req':>8} {'queries':>8}")
    for name, figures in results.items():
        print(f"{name:38} {figures['rps']:8.1f} {figures['ms']:8.2f} {figures['queries']:8d}")
    ratio = (
        results["API /api/v1/schemes/?page_size=50"]["rps"]
        / results["HTML /schemes/?per_page=50"]["rps"]
    )
    print(f"API / HTML page: {ratio:.2f}×")


if __name__ == "__main__":
    main()
