"""Benchmark of the festival lists across wards (not collected by pytest).

A province with N wards, each with a festival, its default programme and six side events with
results, on a throwaway SQLite database. Prints, for the totals the dashboards read and for
the province officer's table and calendar, the number of queries (which must not grow with
N) and the milliseconds per call.

    /work/main/.venv/bin/python tests/bench/bench_festival.py --wards 1000
"""

import argparse
import os
import sys
import tempfile
import time
from datetime import date
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def setup(workdir: Path) -> None:
    os.environ.update(
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        CELERY_EMBEDDED_DIR=str(workdir / "celery"),
        ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def populate(wards: int):
    from django.contrib.auth import get_user_model

    from festival.models import SideEvent, SideEventKind
    from festival.services import create_festival
    from wards.models import AdministrativeUnit, Level, Membership, Role

    province = AdministrativeUnit.objects.create(
        code="99", name="Bench", level=Level.PROVINCE, division_type="tỉnh"
    )
    events = []
    for n in range(wards):
        ward = AdministrativeUnit.objects.create(
            code=f"99{n:04d}", name=f"Phường {n}", level=Level.WARD, parent=province
        )
        festival = create_festival(
            ward,
            None,
            date=date(2026, 8, 1 + n % 28),
            start_time=clock(7, 30),
            venue="Nhà văn hoá",
            attendance=500 + n,
        )
        events += [
            SideEvent(
                festival=festival,
                kind=SideEventKind.HEALTH_CHECK,
                title="Khám bệnh",
                people_examined=100,
                medicine_given=80,
            ),
            SideEvent(
                festival=festival,
                kind=SideEventKind.GIFTS,
                title="Quà hộ nghèo",
                gift_recipients="poor_households",
                gifts_count=20,
                gifts_value=10_000_000,
            ),
            SideEvent(
                festival=festival,
                kind=SideEventKind.GIFTS,
                title="Quà học sinh",
                gift_recipients="students",
                gifts_count=30,
                gifts_value=6_000_000,
            ),
            SideEvent(
                festival=festival,
                kind=SideEventKind.ADMIN_SERVICES,
                title="Căn cước",
                id_cards=40,
                electronic_ids=90,
                residence_registrations=5,
            ),
            SideEvent(
                festival=festival,
                kind=SideEventKind.FOLK_GAMES,
                title="Trò chơi",
                teams=6,
                participants=120,
            ),
            SideEvent(
                festival=festival, kind=SideEventKind.CLEAN_UP, title="Dọn vệ sinh", participants=80
            ),
        ]
    SideEvent.objects.bulk_create(events)
    officer = get_user_model().objects.create_user("bench.tinh", password="x")
    Membership.objects.create(user=officer, unit=province, role=Role.STAFF)
    return officer


def measure(label: str, call, repeat: int = 5) -> None:
    from django.db import connection

    queries = []

    def count(execute, sql, params, many, context):
        # Not CaptureQueriesContext: a test client request resets connection.queries.
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        call()
    started = time.perf_counter()
    for _ in range(repeat):
        call()
    per_call = (time.perf_counter() - started) * 1000 / repeat
    print(f"{label:<40} {len(queries):>3} queries  {per_call:8.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wards", type=int, default=500)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp))
        from django.test import Client

        from festival.models import Festival
        from festival.services import festival_totals

        started = time.perf_counter()
        officer = populate(args.wards)
        print(f"{args.wards} festivals set up in {time.perf_counter() - started:.1f} s")
        client = Client()
        client.force_login(officer)

        def table():
            assert client.get("/festivals/", {"year": 2026}).status_code == 200

        def calendar():
            assert client.get("/festivals/calendar/", {"year": 2026, "month": 8}).status_code == 200

        totals = festival_totals(Festival.objects.all())
        assert totals.festivals == args.wards
        assert totals.people_examined == 100 * args.wards
        measure("festival_totals (all festivals)", lambda: festival_totals(Festival.objects.all()))
        measure("table, first page of 50", table)
        measure("calendar, August", calendar)


if __name__ == "__main__":
    main()
