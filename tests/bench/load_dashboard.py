"""Load run of the dashboards under gunicorn on PostgreSQL: wrk with 20 connections for 60 s
against a bare view (/livez/, no query), the province dashboard (150 wards) and a ward
page, logged in as the province's officer (a session made here, sent as a cookie).

    apt-get install -y wrk
    /work/main/.venv/bin/python tests/bench/load_dashboard.py [--port 8765] [--workers 4]
        [--connections 20] [--duration 60]
        [--database-url postgres://postgres@127.0.0.1:5432/dashboards_bench]
        [--redis-url redis://127.0.0.1:6379/13]

Uses the database of bench_dashboard.py (built on first use). Reports requests per second,
p50/p95/p99 latency, errors (wrk's socket errors and non-2xx answers), and each page's
requests per second as a ratio to the bare view's. Not collected by pytest.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import bench_dashboard  # noqa: E402  (the shared set-up)


def session_cookie(user) -> str:
    """A logged-in session for ``user``, as Django's login would store it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer on {url}") from None
            time.sleep(0.3)


def fetch(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        return response.status


def wrk(url: str, cookie: str, args) -> dict:
    command = [
        "wrk",
        f"-t{args.threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(HERE / "wrk_report.lua"),
        "-H",
        f"Cookie: {cookie}",
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=bench_dashboard.DEFAULT_URL)
    parser.add_argument("--redis-url", default=bench_dashboard.DEFAULT_REDIS_URL)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=20)
    parser.add_argument("--duration", type=int, default=60)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    bench_dashboard.setup(args.database_url, args.redis_url)

    from django.urls import reverse

    cookie = session_cookie(bench_dashboard.officer())
    pages = bench_dashboard.pages()
    base = f"http://127.0.0.1:{args.port}"
    targets = [
        ("bare view (/livez/)", reverse("livez")),
        (pages[0][0], pages[0][1]),
        ("ward page", pages[-1][1]),
    ]
    env = {
        **os.environ,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SESSION_COOKIE_SECURE": "false",
        "CSRF_COOKIE_SECURE": "false",
        "CONN_MAX_AGE": "60",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(base + reverse("livez"))
        for _label, path in targets:
            if fetch(base + path, cookie) != 200:
                raise SystemExit(f"{path}: not 200 before the run")
        print(
            f"gunicorn: {args.workers} workers on 127.0.0.1:{args.port}; wrk: {args.threads} "
            f"threads, {args.connections} connections, {args.duration} s per page\n"
        )
        print(
            f"{'page':<34} {'req/s':>8} {'p50':>9} {'p95':>9} {'p99':>9} {'errors':>7} {'ratio':>6}"
        )
        bare = None
        for label, path in targets:
            result = wrk(base + path, cookie, args)
            rate = result["requests"] / result["seconds"]
            bare = bare or rate
            errors = sum(result[k] for k in ("connect", "read", "write", "status", "timeout"))
            print(
                f"{label:<34} {rate:>8.1f} {result['p50_ms']:>7.1f}ms {result['p95_ms']:>7.1f}ms "
                f"{result['p99_ms']:>7.1f}ms {errors:>7} {rate / bare:>6.2f}"
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
