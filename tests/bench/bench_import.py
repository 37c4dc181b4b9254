"""Benchmark of the Excel import: a 10,000-row scheme sheet and a 10,000-row activity sheet,
each validated (the preview) and committed (validated again, then written with history).

    /work/main/.venv/bin/python tests/bench/bench_import.py [--rows 10000] [--database-url URL]

Runs against a fresh SQLite file in a temporary folder unless --database-url names an empty
database (e.g. postgres://postgres@127.0.0.1:5432/register_bench, created beforehand). Not
collected by pytest; the goal is 10,000 rows in at most 10 s for validate + commit.
"""

import argparse
import io
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOAL_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    folder = tempfile.mkdtemp(prefix="bench-import-")
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": args.database_url or f"sqlite:///{folder}/bench.sqlite3",
            "VAR_DIR": folder,
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DEBUG": "false",
            "REGISTER_IMPORT_MAX_ROWS": str(max(args.rows, 20_000)),
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from openpyxl import Workbook

    from wards.imports import ActivityImport, SchemeImport
    from wards.models import AdministrativeUnit, Level, ResidentialArea, SchemeKind

    call_command("migrate", verbosity=0)
    province = AdministrativeUnit.objects.create(code="B1", name="Tỉnh Đo", level=Level.PROVINCE)
    ward = AdministrativeUnit.objects.create(
        code="B1001", name="Cửa Ông", level=Level.WARD, parent=province, division_type="phường"
    )
    areas = [
        ResidentialArea.objects.create(ward=ward, kind="khu_pho", name=f"Khu {n}")
        for n in range(1, 13)
    ]
    user = get_user_model().objects.create_user("bench", password="x")
    kinds = list(SchemeKind.objects.order_by("position"))

    def xlsx(importer, rows) -> io.BytesIO:
        # A normal workbook (shared strings, dimension first), as Excel and LibreOffice save.
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = importer.sheet_title
        sheet.append([column.header for column in importer.columns])
        for row in rows:
            sheet.append([row.get(column.attr) for column in importer.columns])
        buffer = io.BytesIO()
        workbook.save(buffer)
        buffer.seek(0)
        return buffer

    per_kind = {
        "cameras": {"camera_count": 8, "cameras_connected": 5},
        "fire_group": {"households": 12, "extinguishers": 12},
        "fire_point": {"equipment": "Bình bột, vòi, thang"},
        "patrol": {"member_count": 6, "schedule": "Tối thứ Bảy"},
        "mediation": {"member_count": 5},
        "mailbox": {"mailbox_location": "Nhà văn hoá khu"},
        "generic": {},
    }
    scheme_rows = []
    for n in range(args.rows):
        kind = kinds[n % len(kinds)]
        scheme_rows.append(
            {
                "kind": kind.name,
                "name": f"{kind.name} số {n + 1}",
                "area": areas[n % len(areas)].name,
                "established_on": f"{1 + n % 28:02d}/{1 + n % 12:02d}/2023",
                "leader_name": "Nguyễn Văn An",
                "leader_phone": "0912345678",
                "latitude": "21,0285",
                "longitude": "105,8542",
                **per_kind[kind.profile],
            }
        )
    start = date(2024, 1, 1)
    activity_rows = [
        {
            "date": (start + timedelta(days=n % 500)).strftime("%d/%m/%Y"),
            "type": "Ca tuần tra",
            "count": 1 + n % 5,
            "kind": scheme_rows[n % args.rows]["kind"],
            "scheme_name": scheme_rows[n % args.rows]["name"],
            "note": f"Ca {n + 1}",
        }
        for n in range(args.rows)
    ]

    print(f"database: {connection.vendor}; rows per sheet: {args.rows}")
    failed = False
    for label, importer_class, rows in (
        ("schemes", SchemeImport, scheme_rows),
        ("activity", ActivityImport, activity_rows),
    ):
        importer = importer_class(ward, user)
        data = xlsx(importer, rows).getvalue()
        size_kb = len(data) / 1024
        t0 = time.perf_counter()
        preview = importer_class(ward, user).read(io.BytesIO(data))
        t1 = time.perf_counter()
        committed = importer_class(ward, user).commit(io.BytesIO(data))
        t2 = time.perf_counter()
        if not (preview.ok and committed.ok):
            print(f"{label}: errors {[(e.row, e.column, e.message) for e in committed.errors[:5]]}")
            return 2
        total = t2 - t0
        failed |= (t2 - t1) > GOAL_SECONDS
        print(
            f"{label:9} {size_kb:7.0f} KB  validate {t1 - t0:5.2f} s  "
            f"validate+commit {t2 - t1:5.2f} s ({len(rows) / (t2 - t1):6.0f} rows/s)  "
            f"preview+confirm {total:5.2f} s"
        )
    print(f"goal: validate+commit of {args.rows} rows in at most {GOAL_SECONDS:.0f} s")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
