"""Benchmark of the document pipeline (not collected by pytest).

N synthetic certificates built from database rows into one PDF, and a long list as PDF and
XLSX, each through the real pipeline (job row, task run in-process, file stored), on a
throwaway SQLite database. Prints ms per item (first run and a repeat), items per second
and peak RSS.

    /work/main/.venv/bin/python tests/bench/bench_documents.py --certificates 500 --rows 5000
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Hữu", "Ngọc", "Quỳnh", "Đức", "Thu", "Minh", "Xuân", "Ưng"]
GIVEN = ["Ánh", "Bình", "Cường", "Dũng", "Đông", "Hường", "Khiêm", "Lộc", "Ỷ", "Thưởng", "Ửng"]


def synthetic_name(n: int) -> str:
    return (
        f"{FAMILY[n % len(FAMILY)]} {MIDDLE[n // 7 % len(MIDDLE)]} "
        f"{GIVEN[n // 3 % len(GIVEN)]} {n:05d}"
    )


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
    from django.conf import settings
    from django.core.management import call_command

    from config.celery_app import app

    call_command("migrate", verbosity=0)
    app.conf.task_always_eager = True
    # The certificate template is a benchmark fixture: it lives here, beside a copy of the
    # real templates so it can import the shared header.
    templates = workdir / "typ"
    shutil.copytree(settings.DOCUMENTS_TEMPLATE_DIR, templates)
    shutil.copy(HERE / "certificate.typ", templates / "certificate.typ")
    settings.DOCUMENTS_TEMPLATE_DIR = templates


def seed(rows: int):
    from django.contrib.auth import get_user_model

    from wards.models import AdministrativeUnit, AreaKind, Level, Membership, ResidentialArea, Role

    province = AdministrativeUnit.objects.create(
        code="90", name="Thử", level=Level.PROVINCE, division_type="tỉnh"
    )
    ward = AdministrativeUnit.objects.create(
        code="90001", name="Điện Ngọc", level=Level.WARD, parent=province, division_type="phường"
    )
    user = get_user_model().objects.create_user("bench")
    Membership.objects.create(user=user, unit=ward, role=Role.WARD_OFFICIAL)
    ResidentialArea.objects.bulk_create(
        ResidentialArea(
            ward=ward,
            kind=AreaKind.TO_DAN_PHO,
            name=synthetic_name(n),
            households=n % 400 + 20,
            population=n % 1500 + 60,
        )
        for n in range(rows)
    )
    return user, ward


def register_kinds(certificates: int) -> None:
    from documents import renderers
    from documents.registry import DocumentKind, Rendered, register
    from documents.vietnamese import format_date, format_number, sort_people
    from wards.models import ResidentialArea

    header = {
        "authority": "UBND phường Điện Ngọc",
        "sub_authority": "UBND tỉnh Thử",
        "place": "Điện Ngọc",
        "date": format_date(date(2025, 8, 12)),
    }

    def areas(ward, limit=None):
        rows = ResidentialArea.objects.filter(ward=ward).order_by("pk")
        return sort_people(rows[:limit] if limit else rows, key=lambda area: area.name)

    def render_certificates(request):
        items = []
        chosen = areas(request.obj, certificates)
        for n, area in enumerate(chosen, start=1):
            items.append(
                {
                    "name": area.name,
                    "number": f"{n}/GK-UBND",
                    "reason": "xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025",
                }
            )
            request.progress(n, len(chosen))
        data = {
            **header,
            "signer_title": "Chủ tịch Ủy ban nhân dân phường Điện Ngọc",
            "signer_position": "Chủ tịch",
            "signer_name": "Trần Văn Bình",
            "items": items,
        }
        return Rendered("Giấy khen.pdf", renderers.typst_pdf("certificate.typ", data))

    def render_list(request):
        rows = [
            [n, area.name, area.households, area.population]
            for n, area in enumerate(areas(request.obj), start=1)
        ]
        columns = ["STT", "Họ và tên", "Số hộ", "Nhân khẩu"]
        if request.fmt == "xlsx":
            return Rendered("Danh sách.xlsx", renderers.xlsx(rows, headers=columns))
        data = {
            **header,
            "title": "Danh sách tổ dân phố",
            "columns": columns,
            "numeric": [0, 2, 3],
            "rows": [[format_number(v) if isinstance(v, int) else v for v in r] for r in rows],
            "signer": {"position": "Chủ tịch", "name": "Trần Văn Bình"},
        }
        return Rendered("Danh sách.pdf", renderers.typst_pdf("common/list.typ", data))

    for identifier, render, formats in (
        ("bench.certificates", render_certificates, ("pdf",)),
        ("bench.list", render_list, ("pdf", "xlsx")),
    ):
        register(
            DocumentKind(
                identifier=identifier,
                verbose_name=identifier,
                formats=formats,
                model="wards.AdministrativeUnit",
                render=render,
            )
        )


def timed(user, ward, identifier: str, fmt: str):
    from documents.services import request_document

    started = time.perf_counter()
    job = request_document(user, identifier, ward, fmt)
    elapsed = time.perf_counter() - started
    if job.status != "done":
        sys.exit(f"{identifier} {fmt} failed: {job.error}")
    return elapsed, job


def pages(job) -> int:
    import pypdf

    return len(pypdf.PdfReader(job.file.path).pages)


def peak_rss() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=500)
    parser.add_argument("--rows", type=int, default=5000)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bench-documents-"))
    try:
        setup(workdir)
        user, ward = seed(max(args.rows, args.certificates))
        register_kinds(args.certificates)
        print(f"{args.certificates} certificates, {args.rows}-row list")
        print(
            f"{'document':<34}{'first run':>18}{'repeat':>18}{'items/s':>9}{'KiB':>7}"
            f"{'peak RSS':>10}"
        )
        for label, identifier, fmt, count, unit in (
            ("certificates (one PDF)", "bench.certificates", "pdf", args.certificates, "page"),
            ("list PDF (Typst table)", "bench.list", "pdf", args.rows, "row"),
            ("list XLSX (write-only)", "bench.list", "xlsx", args.rows, "row"),
        ):
            # The repeat renders identical data, which Typst's memoisation partly skips: the
            # first run is the figure for a new document.
            (first, job), (again, _) = (timed(user, ward, identifier, fmt) for _ in range(2))
            extra = f" ({pages(job)} pages)" if fmt == "pdf" else ""
            print(
                f"{label + extra:<34}"
                f"{first * 1000:>7.0f} ms {first * 1000 / count:.2f}/{unit[0]}"
                f"{again * 1000:>7.0f} ms {again * 1000 / count:.2f}/{unit[0]}"
                f"{count / first:>9.0f}{job.size / 1024:>7.0f}{peak_rss():>7.0f} MiB"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
