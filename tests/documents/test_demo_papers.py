"""Every document kind, printed from the demo ward's data (phường Cửa Ông, its 2026 festival and
decision 125/QĐ-UBND) by the person who prints it, read back from the file: text in NFC,
nothing a chairman would have to retype ("Trong từ", a doubled place name, an internal status,
"Ủy ban nhân dân phường, xã" for the ward's own committee, "UBND Tỉnh"), and for PDFs subset
fonts, no line over another and nothing outside the margins (certificates: no line over
another)."""

import io
import unicodedata

import openpyxl
import pytest
from django.contrib.auth import get_user_model

from awards.models import Ceremony, Decision, PrinterProfile
from documents.registry import all_kinds
from documents.services import request_document
from festival.models import Festival
from tests.documents.readback import fit_to_sign
from tests.fidelity import (
    assert_decree_30_sections,
    docx_text,
    overlapping,
    read_docx,
    read_pdf,
    unsubset_fonts,
)
from tests.register import load_demo_data
from wards.models import AdministrativeUnit

pytestmark = pytest.mark.django_db

WARD = "06781"  # Cửa Ông

WRONG = (
    "Trong từ",
    "Phường Cửa Ông, Phường Cửa Ông",
    "phường Cửa Ông, Phường Cửa Ông",
    "Trạng thái:",
    "(đã báo cáo kết quả)",
    "(đã tổ chức)",
    "UBND Tỉnh",
    "Công an Tỉnh",
    "NGƯỜI TỔNG HỢP",
)
# The catalogue's "Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã": a paper of one ward names
# its own committee; only a summary over many wards speaks of "phường, xã".
ONE_WARDS_WRONG = ("nhân dân phường, xã", "NHÂN DÂN PHƯỜNG, XÃ")
# Drawn on a certificate's own sheet: a frame 10 mm inside the page, not the decree's margins.
CERTIFICATES = {
    "awards.certificate",
    "awards.decision_certificates",
    "awards.ceremony_certificates",
}


@pytest.fixture
def demo(db):
    load_demo_data()
    ward = AdministrativeUnit.objects.get(code=WARD)
    decision = Decision.objects.get(unit=ward, number=125)
    users = get_user_model().objects
    printer = PrinterProfile.objects.create(unit=ward, name="Máy in phường")
    return {
        "awards.Decision": (decision, users.get(username="lanhdao.cuaong")),
        "awards.Certificate": (decision.certificates.first(), users.get(username="btc.cuaong")),
        "awards.Ceremony": (
            Ceremony.objects.get(festival__ward=ward),
            users.get(username="btc.cuaong"),
        ),
        "awards.PrinterProfile": (printer, users.get(username="btc.cuaong")),
        "festival.Festival": (
            Festival.objects.get(ward=ward, year=2026),
            users.get(username="btc.cuaong"),
        ),
        "wards.AdministrativeUnit": (ward, users.get(username="canbo.cuaong")),
    }


# The unit summary prints for the unit above the wards, by its staff.
SUMMARY = ("22", "tinh.quangninh")  # Quảng Ninh
PARAMS = {
    "dashboards.ward_report": {"year": 2026},
    "dashboards.unit_summary": {"year": 2026},
    "wards.list": {"list": "awards.nominations", "query": "sort=nominee", "args": ""},
}


def _printed(demo, kind, fmt) -> bytes:
    obj, user = demo[kind.model]
    if kind.identifier == "dashboards.unit_summary":
        obj = AdministrativeUnit.objects.get(code=SUMMARY[0])
        user = get_user_model().objects.get(username=SUMMARY[1])
    if kind.identifier == "accounts.initial_passwords":  # the province's administrator's
        obj = AdministrativeUnit.objects.get(code=SUMMARY[0])
        user = get_user_model().objects.get(username="quantri.quangninh")
    params = PARAMS.get(kind.identifier)
    if kind.identifier == "awards.calibration":  # the blank of the decision's form
        params = {"form": demo["awards.Decision"][0].form_id}
    job = request_document(user, kind.identifier, obj, fmt, params)
    assert job.status == "done", f"{kind.identifier} {fmt}: {job.error}"
    job.file.open("rb")
    return job.file.read()


def _assert_wording(kind, fmt, text: str) -> None:
    assert unicodedata.is_normalized("NFC", text), f"{kind} {fmt}: text not NFC"
    flat = " ".join(text.split())
    many_wards = kind == "dashboards.unit_summary"
    for wrong in WRONG if many_wards else WRONG + ONE_WARDS_WRONG:
        assert wrong not in flat, f"{kind} {fmt} prints {wrong!r}"


def _check(kind, fmt, content: bytes) -> None:
    identifier = kind.identifier
    if fmt == "pdf" and identifier in CERTIFICATES | {"awards.calibration"}:
        pdf = read_pdf(content)
        assert not unsubset_fonts(content), f"{identifier}: fonts not subset"
        if identifier != "awards.calibration":  # a test sheet: a grid, a sample at every box
            assert not overlapping(pdf.lines), f"{identifier}: {overlapping(pdf.lines)}"
            _assert_wording(identifier, fmt, pdf.text)
    elif fmt == "pdf":
        landscape = identifier == "dashboards.unit_summary"
        _assert_wording(identifier, fmt, fit_to_sign(content, landscape=landscape).text)
    elif fmt == "docx":
        document = read_docx(content)
        assert_decree_30_sections(document)
        _assert_wording(identifier, fmt, docx_text(document))
    else:
        book = openpyxl.load_workbook(io.BytesIO(content))
        text = "\n".join(
            value
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if isinstance(value, str)
        )
        _assert_wording(identifier, fmt, text)


def test_every_demo_paper_reads_back_fit_to_sign(demo):
    # One loop over every kind and format rather than one test each: the demo takes seconds to
    # load, and every failure is listed, not only the first.
    failures = []
    printed = 0
    for kind in all_kinds():
        for fmt in kind.formats:
            try:
                _check(kind, fmt, _printed(demo, kind, fmt))
            except AssertionError as error:
                failures.append(f"{kind.identifier} {fmt}: {error}")
            printed += 1
    assert not failures, "\n".join(failures)
    assert printed >= 25  # every kind of the four printing apps, in each of its formats
