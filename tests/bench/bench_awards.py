"""Benchmark of the awards printables (not collected by pytest).

On a throwaway SQLite database: N approved nominations in one decision, issued through the
real service (serials, codes, QR codes), then the decision's certificates as one batch PDF
and its commendation list (PDF and XLSX), each through the document pipeline (job row, task
run in-process, file stored). Prints certificates per second, the size of a one-certificate
PDF, the list's seconds and the peak RSS of the process (certificates run first, as the list's
Typst layout raises the mark).

Beside the certificates/s it prints a bare baseline measured in the same run: the same
number of pages, each a content stream of ten text operators formatted and deflated, joined
into one bytes object, with no fonts, fitting, database or pipeline. It is the floor any PDF
writer in Python pays per page on this machine, so the ratio says what the rest costs
whatever the machine's speed. Pin it to one core with taskset:

    taskset -c 0 python tests/bench/bench_awards.py --certificates 10000 --rows 5000

Goals (issues 6 and 12): ≥ 2,000 certificates/s on one core, ≤ 250 MB for 10,000
certificates, a one-certificate PDF ≤ 80 KB, a 5,000-row list in ≤ 2 s.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import zlib
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Ngọc", "Quỳnh", "Đức", "Thu", "Minh", "Xuân"]
GIVEN = ["Ánh", "Bình", "Cường", "Dũng", "Đông", "Hường", "Khiêm", "Lộc", "Thưởng", "Ửng"]


def synthetic_name(n: int) -> str:
    return f"{FAMILY[n % 11]} {MIDDLE[n // 7 % 9]} {GIVEN[n // 3 % 10]} {n:05d}"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup(workdir: Path) -> None:
    os.environ.update(
        DEBUG="true",
        DATABASE_URL=f"sqlite:///{workdir / 'bench.sqlite3'}",
        PRIVATE_MEDIA_ROOT=str(workdir / "private"),
        CELERY_EMBEDDED_DIR=str(workdir / "celery"),
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    from config.celery_app import app

    call_command("migrate", verbosity=0)
    app.conf.task_always_eager = True


def seed_decision(count: int, number: int):
    """An issued ward decision with ``count`` people; returns (decision, a user who prints)."""
    from django.contrib.auth import get_user_model

    from awards import services
    from awards.models import AwardForm, Decision, Nomination, Nominee, Status
    from wards.models import AdministrativeUnit, Level, Membership, Role, Signer

    ward, _ = AdministrativeUnit.objects.get_or_create(
        code="90001", defaults={"name": "Điện Ngọc", "level": Level.WARD, "division_type": "phường"}
    )
    leader, created = get_user_model().objects.get_or_create(username="bench.leader")
    if created:
        Membership.objects.create(user=leader, unit=ward, role=Role.WARD_LEADER)
    form = AwardForm.objects.get(code="GKUBP")
    nominees = [
        Nominee(
            ward=ward,
            name=synthetic_name(n),
            birth_year=1950 + n % 50,
            position="Tổ viên tổ tuần tra nhân dân",
            organisation=f"Tổ dân phố {n % 40 + 1}",
        )
        for n in range(count)
    ]
    for nominee in nominees:
        nominee.fill_derived()
    nominees = Nominee.objects.bulk_create(nominees)
    decision = Decision.objects.create(
        unit=ward,
        form=form,
        number=number,
        symbol="QĐ-UBND",
        date=date(2025, 8, 12),
        authority="Ủy ban nhân dân phường Điện Ngọc",
        place="Điện Ngọc",
        signer=Signer.objects.get_or_create(unit=ward, name="Trần Văn Bình", title="Chủ tịch")[0],
    )
    Nomination.objects.bulk_create(
        Nomination(
            nominee=nominee,
            form=form,
            year=2025,
            achievements="Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh "
            "Tổ quốc năm 2025",
            proposing_unit="Công an phường Điện Ngọc",
            status=Status.APPROVED,
            decision=decision,
        )
        for nominee in nominees
    )
    started = time.perf_counter()
    services.issue(leader, decision)
    return decision, leader, time.perf_counter() - started


def bare_pages(count: int) -> float:
    """Seconds for the bare baseline (see the module's docstring)."""
    started = time.perf_counter()
    chunks = []
    for n in range(count):
        ops = "\n".join(
            f"BT /F1 14 Tf 85.04 {500 - 20 * line:.2f} Td "
            f"<{synthetic_name(n + line).encode('utf-16-be').hex()}> Tj ET"
            for line in range(10)
        )
        chunks.append(zlib.compress(ops.encode(), 1))
    b"".join(chunks)
    return time.perf_counter() - started


def timed_job(user, kind: str, obj, fmt: str):
    from documents.services import request_document

    started = time.perf_counter()
    job = request_document(user, kind, obj, fmt, {})
    elapsed = time.perf_counter() - started
    assert job.status == "done", (job.status, job.error)
    return elapsed, job


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=10_000)
    parser.add_argument("--rows", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp))
        if args.certificates:
            before = rss_mb()
            decision, user, issue_s = seed_decision(args.certificates, 1)
            print(f"issue {args.certificates} (serials, codes, QR): {issue_s:.1f} s")
            elapsed, job = timed_job(user, "awards.decision_certificates", decision, "pdf")
            bare = bare_pages(args.certificates)
            print(
                f"certificates {args.certificates}: {elapsed:.2f} s, "
                f"{args.certificates / elapsed:.0f} certificates/s (goal ≥ 2000), "
                f"{job.file.size // 1024} kB; peak RSS {rss_mb():.0f} MB "
                f"(before seeding {before:.0f} MB)"
            )
            print(
                f"bare baseline {args.certificates} pages: {bare:.2f} s, "
                f"{args.certificates / bare:.0f} pages/s; certificates take "
                f"{elapsed / bare:.1f}× the bare time"
            )
            one, job = timed_job(user, "awards.certificate", decision.certificates.first(), "pdf")
            print(f"one certificate: {one:.2f} s, {job.file.size / 1024:.0f} kB (goal ≤ 80 kB)")
        if args.rows:
            decision, user, _ = seed_decision(args.rows, 2)
            for fmt in ("pdf", "xlsx"):
                elapsed, job = timed_job(user, "awards.decision_list", decision, fmt)
                print(f"list {args.rows} rows {fmt}: {elapsed:.2f} s ({job.file.size // 1024} kB)")


if __name__ == "__main__":
    main()
