"""Benchmark of hostile Excel uploads: peak memory and time of one import's read, each in a
fresh process, beside the same process's baseline (Django loaded, nothing read).

    .venv/bin/python tests/bench/bench_import_bombs.py

Cases: the probe's 1 GiB shared-strings bomb and 2-million-row dimension bomb (both must be
refused before openpyxl parses them), the largest files the limits still admit (a member of
just under REGISTER_IMPORT_MAX_UNPACKED_BYTES of distinct short strings, the worst for
openpyxl's memory; 2 × REGISTER_IMPORT_MAX_ROWS blank rows), and a real 20,000-row sheet.
Goal: ≤ 300 MB peak for any upload the size limit admits. Not collected by pytest.
"""

import argparse
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOAL_MB = 300
MB = 1024 * 1024


def setup_django(folder: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
            "VAR_DIR": folder,
            "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DEBUG": "false",
        }
    )
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def child(folder: str, path: str) -> None:
    """Read one file as the upload view does; print the outcome and the peak memory."""
    setup_django(folder)
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from wards.imports import SchemeImport
    from wards.models import AdministrativeUnit

    translation.activate("vi")
    ward = AdministrativeUnit.objects.get(code="B1001")
    importer = SchemeImport(ward, get_user_model().objects.get(username="bench"))
    baseline = peak_mb()
    if path == "-":
        print(json.dumps({"baseline": baseline, "peak": baseline, "seconds": 0, "outcome": ""}))
        return
    started = time.perf_counter()
    with open(path, "rb") as upload:
        result = importer.read(upload)
    seconds = time.perf_counter() - started
    outcome = result.errors[0].message if result.errors else f"{result.rows} rows read"
    print(
        json.dumps(
            {"baseline": baseline, "peak": peak_mb(), "seconds": seconds, "outcome": outcome}
        )
    )


# --------------------------------------------------------------------------- the files


def template_headers() -> list[str]:
    from wards.imports import SchemeImport
    from wards.models import AdministrativeUnit

    return [c.header for c in SchemeImport(AdministrativeUnit.objects.get(code="B1001")).columns]


def workbook(headers, rows) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "MoHinh"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_member(base: bytes, name: str, chunks, replace: dict | None = None) -> bytes:
    """`base` with member `name` streamed from `chunks` (bytes), others replaced or copied."""
    source = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            if member.filename != name:
                archive.writestr(member, (replace or {}).get(member.filename, source.read(member)))
        with archive.open(name, "w", force_zip64=True) as stream:
            for chunk in chunks:
                stream.write(chunk)
    return out.getvalue()


SST_HEAD = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
RELS = (
    b'<Relationship Id="rIdS" Target="sharedStrings.xml" Type="http://schemas.openxmlformats'
    b'.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
)


def shared_strings(base: bytes, body) -> bytes:
    """`base` with a sharedStrings.xml (declared as Excel does) streamed from `body`."""
    source = zipfile.ZipFile(io.BytesIO(base))
    rels = source.read("xl/_rels/workbook.xml.rels").replace(b"</Relationships>", RELS)
    types = source.read("[Content_Types].xml").replace(b"</Types>", TYPES)

    def chunks():
        yield SST_HEAD
        yield from body
        yield b"</sst>"

    replace = {"xl/_rels/workbook.xml.rels": rels, "[Content_Types].xml": types}
    return with_member(base, "xl/sharedStrings.xml", chunks(), replace)


TYPES = (
    b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats'
    b'-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
)


def gib_of_spaces():
    yield b"<si><t>"
    for _ in range(1024):
        yield b" " * MB
    yield b"</t></si>"


def distinct_strings(count: int, width: int = 8):
    """`count` distinct strings of `width` characters (numbered in order, they compress enough
    to fit the upload limit): the most work for openpyxl, which reads each as it opens."""
    for start in range(0, count, 10_000):
        numbers = range(start, min(start + 10_000, count))
        yield b"".join(b"<si><t>%0*d</t></si>" % (width, n) for n in numbers)


def sheet_rows(base: bytes, dimension: str | None, rows) -> bytes:
    """`base`'s sheet declaring `dimension` (none if None), with `rows` after the header."""
    source = zipfile.ZipFile(io.BytesIO(base))
    xml = source.read("xl/worksheets/sheet1.xml")
    declared = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    head, tail = re.sub(rb'<dimension ref="[^"]*"/>', declared, xml).split(b"</sheetData>")

    def chunks():
        yield head
        yield from rows
        yield b"</sheetData>" + tail

    return with_member(base, "xl/worksheets/sheet1.xml", chunks())


def empty_rows(first: int, count: int):
    for start in range(first, first + count, 10_000):
        end = min(start + 10_000, first + count)
        yield b"".join(b'<row r="%d"/>' % n for n in range(start, end))


def wide_rows(count: int, cells: int):
    """Rows of `cells` numbers each, varied enough to compress as real sheets do."""
    for n in range(2, count + 2):
        values = b"".join(b"<c><v>%d</v></c>" % (n * 7919 + i * 104729) for i in range(cells))
        yield b'<row r="%d">' % n + values + b"</row>"


def real_rows(headers, count: int) -> list[list]:
    values = {
        "Loại mô hình": "Camera an ninh",
        "Khu dân cư": "Khu 1",
        "Số camera": 8,
        "Số camera kết nối Công an": 5,
    }
    return [
        [values.get(h, f"Camera chợ số {n}" if h == "Tên mô hình" else None) for h in headers]
        for n in range(count)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    folder = tempfile.mkdtemp(prefix="bench-bombs-")
    setup_django(folder)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from wards.imports import max_cells
    from wards.models import AdministrativeUnit, Level, ResidentialArea

    call_command("migrate", verbosity=0)
    province = AdministrativeUnit.objects.create(code="B1", name="Tỉnh Đo", level=Level.PROVINCE)
    ward = AdministrativeUnit.objects.create(
        code="B1001", name="Cửa Ông", level=Level.WARD, parent=province, division_type="phường"
    )
    ResidentialArea.objects.create(ward=ward, kind="khu_pho", name="Khu 1")
    get_user_model().objects.create_user("bench", password="x")

    headers = template_headers()
    empty = workbook(headers, [])
    max_rows = settings.REGISTER_IMPORT_MAX_ROWS
    strings = max_cells()
    cases = {
        "1 GiB sharedStrings (probe)": lambda: shared_strings(empty, gib_of_spaces()),
        "A1:XFD1048576, 2M empty rows (probe)": lambda: sheet_rows(
            empty, "A1:XFD1048576", empty_rows(2, 2_000_000)
        ),
        "2M empty rows, no dimension": lambda: sheet_rows(empty, None, empty_rows(2, 2_000_000)),
        "2M distinct strings": lambda: shared_strings(empty, distinct_strings(2_000_000)),
        f"{strings} distinct strings (admitted)": lambda: shared_strings(
            empty, distinct_strings(strings, 60)
        ),
        f"no dimension, {2 * max_rows} rows of 40 cells": lambda: sheet_rows(
            empty, None, wide_rows(2 * max_rows, 40)
        ),
        f"no dimension, {max_rows} rows of 24 cells (admitted)": lambda: sheet_rows(
            empty, None, wide_rows(max_rows, 24)
        ),
        f"{2 * max_rows} blank rows (admitted)": lambda: sheet_rows(
            empty, f"A1:A{2 * max_rows + 1}", empty_rows(2, 2 * max_rows)
        ),
        f"real sheet, {max_rows} rows": lambda: workbook(headers, real_rows(headers, max_rows)),
    }
    base = json.loads(run(folder, "-"))["baseline"]
    print(f"baseline (Django loaded, nothing read): {base:.0f} MB; goal: peak ≤ {GOAL_MB} MB")
    print(f"{'case':48} {'upload':>9} {'unpacked':>10} {'peak':>8} {'time':>7}  outcome")
    failed = False
    for label, build in cases.items():
        data = build()
        unpacked = sum(m.file_size for m in zipfile.ZipFile(io.BytesIO(data)).infolist())
        path = Path(folder) / "upload.xlsx"
        path.write_bytes(data)
        figures = json.loads(run(folder, str(path)))
        admitted = len(data) <= settings.REGISTER_IMPORT_MAX_BYTES
        failed |= admitted and figures["peak"] > GOAL_MB
        print(
            f"{label:48} {len(data) / 1024:7.0f} KB {unpacked / MB:8.0f} MB "
            f"{figures['peak']:5.0f} MB {figures['seconds']:6.2f} s  {figures['outcome'][:70]}"
        )
    print("goal met" if not failed else f"GOAL MISSED: a peak above {GOAL_MB} MB")
    return 1 if failed else 0


def run(folder: str, path: str) -> str:
    command = [sys.executable, __file__, "--child", folder, path]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


if __name__ == "__main__":
    sys.exit(main())
