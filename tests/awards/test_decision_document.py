"""The award decision as a document (awards.decision), made through the pipeline and read back
from the PDF and the Word file: what a ward chairman signs without retyping."""

import unicodedata
from datetime import date

import pytest
from django.http import Http404
from django.urls import reverse

from awards import services
from awards.models import Decision, RecipientKind, Status
from documents.models import Job
from documents.services import request_document
from tests.conftest import make_unit, make_user
from tests.fidelity import (
    MM,
    assert_decree_30_sections,
    assert_sound_pdf,
    docx_text,
    read_docx,
    read_pdf,
)
from wards.models import Level, Role, Signer

PEOPLE = ["Trần Văn Bình", "Lê Thị An", "Nguyễn Văn An", "Đỗ Thị Ánh"]
# By given name, then family and middle names, in the Vietnamese alphabet.
IN_LIST_ORDER = ["Lê Thị An", "Nguyễn Văn An", "Đỗ Thị Ánh", "Trần Văn Bình"]
# The text column of an A4 portrait page: 30 mm from the left, 15 mm from the right.
TEXT_CENTRE = (30 + (210 - 15)) / 2 * MM


@pytest.fixture
def signers(units):
    ward = units["ward"]
    return {
        "chair": Signer.objects.create(unit=ward, name="Trần Văn Bình", title="Chủ tịch", rank=1),
        "vice": Signer.objects.create(
            unit=ward, name="Nguyễn Thị Xuân", title="Phó Chủ tịch", rank=2
        ),
    }


@pytest.fixture
def decision(forms, signers, make_nominee, make_nomination, make_decision):
    nominees = [make_nominee(name, position="Tổ viên") for name in PEOPLE]
    nominees.append(make_nominee("Tổ hòa giải khu phố 2", kind=RecipientKind.COLLECTIVE))
    nominations = [
        make_nomination(
            forms["GKUBP"],
            nominee=nominee,
            status=Status.APPROVED,
            proposing_unit="Công an phường An",
        )
        for nominee in nominees
    ]
    decision = make_decision(forms["GKUBP"], signer=signers["chair"])
    services.set_nominations(decision, nominations)
    return decision


def _file(job) -> bytes:
    assert job.status == "done", job.error
    job.file.open("rb")
    try:
        return job.file.read()
    finally:
        job.file.close()


def _pdf(user, decision, **params):
    return read_pdf(_file(request_document(user, "awards.decision", decision, "pdf", params)))


# --------------------------------------------------------------------------- PDF


def test_the_decision_pdf_reads_as_decree_30_lays_it_out(people, decision, signers):
    pdf = _pdf(people["organiser"], decision, signer=signers["vice"].pk, capacity="tm")
    assert_sound_pdf(pdf)

    # The issuing body in full on two lines, bold, a rule under it; Quốc hiệu and Tiêu ngữ.
    body, ward = pdf.line("ỦY BAN NHÂN DÂN", page=1), pdf.line("PHƯỜNG AN", page=1)
    assert body.bold
    assert ward.bold
    assert body.top < ward.top
    assert abs(body.centre - ward.centre) < 1
    rule = pdf.rule_under(ward)
    assert rule is not None
    assert abs(rule.centre - ward.centre) < 1
    motto, slogan = (
        pdf.line("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        pdf.line("Độc lập - Tự do - Hạnh phúc"),
    )
    assert motto.bold
    assert slogan.bold
    assert motto.x0 > body.x1
    assert abs(motto.top - body.top) < 2
    assert pdf.rule_under(slogan) is not None
    # Số under the issuing body; the italic place and date under the motto.
    number = pdf.line("Số: 125/QĐ-UBND")
    assert abs(number.centre - body.centre) < 1
    assert number.top > ward.bottom
    when = pdf.line("An, ngày 12 tháng 8 năm 2025")
    assert when.italic
    assert when.x0 > body.x1
    assert abs(when.top - number.top) < 3

    # Title, what it is about, and the authority that decides.
    title = pdf.line("QUYẾT ĐỊNH", page=1)
    assert title.bold
    assert abs(title.centre - TEXT_CENTRE) < 2
    assert title.top > number.bottom
    about = pdf.line("Về việc tặng Giấy khen cho các tập thể, cá nhân")
    assert about.bold
    assert about.top > title.bottom
    issuer = pdf.line("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN")
    assert issuer.bold
    assert abs(issuer.centre - TEXT_CENTRE) < 2
    assert issuer.top > about.bottom
    bases = pdf.line("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;")
    assert bases.italic
    assert bases.top > issuer.bottom
    decides = pdf.line("QUYẾT ĐỊNH:")
    assert decides.bold
    assert decides.top > pdf.line("Xét đề nghị của Công an phường An.").bottom
    assert pdf.line("Điều 1.").top > decides.bottom

    text = pdf.flat
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in text
    assert "Căn cứ Nghị định số 152/2025/NĐ-CP" in text
    assert (
        "Điều 1. Tặng Giấy khen của Chủ tịch Ủy ban nhân dân phường An cho 01 tập thể và 04 "
        "cá nhân (có danh sách kèm theo) đã có thành tích xuất sắc trong phong trào toàn dân "
        "bảo vệ an ninh Tổ quốc năm 2025."
    ) in text
    assert "mỗi tập thể 1.404.000 đồng, mỗi cá nhân 702.000 đồng" in text
    assert (
        "Tổng số tiền thưởng: 4.212.000 đồng (Bằng chữ: Bốn triệu hai trăm mười hai nghìn đồng)"
    ) in text
    assert "chi từ Quỹ thi đua, khen thưởng của Ủy ban nhân dân phường An." in text
    assert "Trưởng Công an phường An" in text
    assert "chịu trách nhiệm thi hành" in text

    # The signature block: capacity, title, room for the seal, the name, all centred
    # together in the right half; "Nơi nhận" beside it on the left.
    tm, kt, vice, name = (
        pdf.line("TM. ỦY BAN NHÂN DÂN"),
        pdf.line("KT. CHỦ TỊCH"),
        pdf.line("PHÓ CHỦ TỊCH"),
        pdf.line("Nguyễn Thị Xuân"),
    )
    assert tm.top < kt.top < vice.top < name.top
    assert all(line.bold for line in (tm, kt, vice, name))
    assert (
        max(line.centre for line in (tm, kt, vice, name))
        - min(line.centre for line in (tm, kt, vice, name))
        < 1
    )
    assert tm.x0 > TEXT_CENTRE - 10
    assert name.top - vice.bottom > 20 * MM
    received = pdf.line("Nơi nhận:")
    assert received.bold
    assert received.italic
    assert received.x1 < TEXT_CENTRE
    assert abs(received.top - tm.top) < 3
    assert pdf.line("- Như Điều 3;").top > received.bottom
    assert pdf.line("- Chủ tịch, các Phó Chủ tịch UBND phường An;")
    assert pdf.line("- Lưu: VT.")

    # The list as the decision's annex, from the page after the signature.
    heading = pdf.line("DANH SÁCH")
    assert heading.page > name.page
    annex = " ".join(line.text for line in pdf.lines if line.page >= heading.page)
    assert "Kèm theo Quyết định số 125/QĐ-UBND ngày 12 tháng 8 năm 2025 của Chủ tịch" in annex
    order = [annex.index(n) for n in ["Tổ hòa giải khu phố 2", *IN_LIST_ORDER, "Tổng cộng"]]
    assert order == sorted(order)


def test_without_a_choice_the_decisions_own_signer_and_capacity_sign(people, decision, signers):
    Decision.objects.filter(pk=decision.pk).update(signer=signers["vice"], signer_capacity="kt")
    pdf = _pdf(people["organiser"], Decision.objects.get(pk=decision.pk))
    kt, vice, name = (
        pdf.line("KT. CHỦ TỊCH"),
        pdf.line("PHÓ CHỦ TỊCH"),
        pdf.line("Nguyễn Thị Xuân"),
    )
    assert kt.top < vice.top < name.top
    assert "TM." not in pdf.text


def test_the_longest_names_the_forms_accept_still_fit(
    people, forms, signers, make_nominee, make_nomination, make_decision
):
    long_person = "Công Tằng Tôn Nữ Nguyễn Huỳnh Thị Ngọc Phương Thảo Nguyên"
    collective = ("Tổ tự quản an ninh trật tự liên gia khu dân cư số " * 5)[:200].strip()
    nominees = [
        make_nominee(
            long_person,
            position=("Tổ trưởng tổ bảo vệ an ninh, trật tự ở cơ sở " * 6)[:200].strip(),
            organisation=("Khu phố Đông Hòa, phường An, tỉnh Thử " * 8)[:250].strip(),
        ),
        make_nominee(collective, kind=RecipientKind.COLLECTIVE),
    ]
    decision = make_decision(
        forms["GKUBP"],
        signer=signers["vice"],
        signer_capacity="kt",
        merit=("thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc " * 5)[
            :300
        ].strip(),
    )
    services.set_nominations(
        decision,
        [make_nomination(forms["GKUBP"], nominee=n, status=Status.APPROVED) for n in nominees],
    )
    pdf = _pdf(people["organiser"], decision)
    assert_sound_pdf(pdf)
    # The name wraps inside its column (40–88 mm from the left edge) and loses no word.
    column = " ".join(line.text for line in pdf.lines if 40 * MM - 1 < line.x0 < 88 * MM)
    assert long_person in column


def test_the_wording_the_form_shows_is_what_prints(login, ward_leader, decision):
    client = login(ward_leader)
    page = client.get(reverse("awards:decision_edit", args=[decision.pk])).content.decode()
    # The boxes come filled with the defaults, the proposers read from the nominations.
    assert "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;" in page
    assert "Xét đề nghị của Công an phường An." in page
    assert "Thường trực Hội đồng nhân dân phường An (để báo cáo);" in page
    response = client.post(
        reverse("awards:decision_edit", args=[decision.pk]),
        {
            "form": decision.form_id,
            "number": 125,
            "symbol": "QĐ-UBND",
            "date": "2025-08-12",
            "authority": "Ủy ban nhân dân phường An",
            "place": "An",
            "signer": decision.signer_id,
            "signer_capacity": "",
            "merit": "thành tích xuất sắc trong Ngày hội năm 2025",
            "legal_bases": "Căn cứ Quy chế thi đua, khen thưởng của phường An;\n"
            "Xét đề nghị của Trưởng Công an phường An.",
            "funding": "ngân sách phường An năm 2025",
            "executors": "Trưởng Công an phường An chịu trách nhiệm thi hành Quyết định này.",
            "recipients": "Như Điều 3;\nCông an tỉnh Thử (để báo cáo);\nLưu: VT.",
        },
    )
    assert response.status_code == 302
    pdf = _pdf(ward_leader, Decision.objects.get(pk=decision.pk))
    text = pdf.flat
    assert "Căn cứ Quy chế thi đua, khen thưởng của phường An;" in text
    assert "Luật Tổ chức chính quyền địa phương" not in text
    assert "đã có thành tích xuất sắc trong Ngày hội năm 2025" in text
    assert "chi từ ngân sách phường An năm 2025." in text
    assert pdf.line("- Công an tỉnh Thử (để báo cáo);")


def test_a_head_cannot_be_set_to_sign_in_his_own_stead(login, ward_leader, decision, signers):
    client = login(ward_leader)
    response = client.post(
        reverse("awards:decision_edit", args=[decision.pk]),
        {
            "form": decision.form_id,
            "number": 125,
            "symbol": "QĐ-UBND",
            "date": "2025-08-12",
            "authority": "Ủy ban nhân dân phường An",
            "place": "An",
            "signer": signers["chair"].pk,
            "signer_capacity": "kt",
        },
    )
    assert response.status_code == 200
    assert "không ký" in response.content.decode()


# --------------------------------------------------------------------------- Word


def test_the_decision_docx_has_the_same_parts(people, decision, signers):
    job = request_document(
        people["organiser"],
        "awards.decision",
        decision,
        "docx",
        {"signer": signers["vice"].pk, "capacity": "tm"},
    )
    document = read_docx(_file(job))
    assert_decree_30_sections(document)
    text = docx_text(document)
    assert text == unicodedata.normalize("NFC", text)

    header = document.tables[0]
    authority, motto = header.rows[0].cells
    assert [p.text for p in authority.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG AN"]
    assert all(run.bold for p in authority.paragraphs for run in p.runs if run.text)
    assert motto.paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    number, when = header.rows[1].cells
    assert number.text == "Số: 125/QĐ-UBND"
    assert when.text == "An, ngày 12 tháng 8 năm 2025"
    assert when.paragraphs[0].runs[0].italic

    paragraphs = [p for p in document.paragraphs if p.text]
    texts = [p.text for p in paragraphs]
    title = texts.index("QUYẾT ĐỊNH")
    assert texts[title + 1].startswith("Về việc tặng Giấy khen cho các tập thể, cá nhân")
    assert texts[title + 2] == "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN"
    bases = paragraphs[title + 3]
    assert bases.text.startswith("Căn cứ Luật Tổ chức chính quyền địa phương")
    assert bases.runs[0].italic
    decides = texts.index("QUYẾT ĐỊNH:")
    article = paragraphs[decides + 1]
    assert article.runs[0].text == "Điều 1. "
    assert article.runs[0].bold
    assert "cho 01 tập thể và 04 cá nhân (có danh sách kèm theo)" in article.text
    assert "Bốn triệu hai trăm mười hai nghìn đồng" in texts[decides + 2]

    (signature,) = [t for t in document.tables if t.cell(0, 0).text.startswith("Nơi nhận:")]
    received, signed = signature.rows[0].cells
    assert [p.text for p in received.paragraphs] == [
        "Nơi nhận:",
        "- Như Điều 3;",
        "- Thường trực Hội đồng nhân dân phường An (để báo cáo);",
        "- Chủ tịch, các Phó Chủ tịch UBND phường An;",
        "- Lưu: VT.",
    ]
    lines = [p.text for p in signed.paragraphs]
    assert lines[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert lines[-1] == "Nguyễn Thị Xuân"
    assert all(run.bold for p in signed.paragraphs for run in p.runs if run.text)

    # The annex after a page break, its table in list order.
    annex = texts.index("DANH SÁCH")
    assert annex > decides
    assert texts[annex + 2].startswith("(Kèm theo Quyết định số 125/QĐ-UBND")
    body = document.element.body.xml
    assert body.index('w:type="page"') < body.index("DANH SÁCH")
    (table,) = [t for t in document.tables if t.cell(0, 0).text == "STT"]
    names = [row.cells[1].text for row in table.rows]
    order = [names.index(n) for n in ["Tổ hòa giải khu phố 2", *IN_LIST_ORDER, "Tổng cộng"]]
    assert order == sorted(order)
    assert table.rows[-1].cells[4].text == "4.212.000"


# --------------------------------------------------------------------------- the page


def test_the_decision_page_prints_the_decision(login, people, decision, signers):
    client = login(people["organiser"])
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert 'data-kind="awards.decision" data-fmt="pdf"' in page
    assert 'data-kind="awards.decision" data-fmt="docx"' in page
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân phường An" in page
    assert "CHỦ TỊCH — Trần Văn Bình" in page
    Signer.objects.create(unit=decision.unit.parent, name="Người Cụm", title="Trưởng cụm")
    form = client.post(
        reverse("documents:generate"),
        {"kind": "awards.decision", "fmt": "pdf", "object": decision.pk},
    ).content.decode()
    # The unit's own signers to pick from, the decision's preselected.
    assert "Nguyễn Thị Xuân" in form
    assert "Người Cụm" not in form
    assert f'<option value="{signers["chair"].pk}" selected>' in form
    response = client.post(
        reverse("documents:generate"),
        {
            "kind": "awards.decision",
            "fmt": "pdf",
            "object": decision.pk,
            "confirm": "1",
            "signer": signers["vice"].pk,
            "capacity": "kt",
        },
    )
    assert response.status_code == 302
    job = Job.objects.get(kind="awards.decision")
    assert read_pdf(_file(job)).line("KT. CHỦ TỊCH")


def test_another_wards_decision_does_not_exist(people, decision):
    with pytest.raises(Http404):
        request_document(people["outsider"], "awards.decision", decision, "pdf")


# --------------------------------------------------------------------------- a city's decision


def test_a_centrally_run_citys_bang_khen_names_the_city(forms, make_nominee, make_nomination):
    hanoi = make_unit("01", "Hà Nội", Level.PROVINCE, division_type="thành phố trung ương")
    ward = make_unit("00001", "Phúc Xá", Level.WARD, hanoi, "phường")
    staff = make_user("ubnd.hanoi", Role.STAFF, hanoi)
    signer = Signer.objects.create(unit=hanoi, name="Trần Sỹ Thanh", title="Chủ tịch")
    decision = Decision.objects.create(
        unit=hanoi,
        form=forms["BKUBT"],
        number=2150,
        symbol="QĐ-UBND",
        date=date(2025, 8, 15),
        authority=hanoi.committee_name,
        place="Hà Nội",
        signer=signer,
    )
    nomination = make_nomination(
        forms["BKUBT"], nominee=make_nominee("Phạm Văn Dũng", ward=ward), status=Status.APPROVED
    )
    services.set_nominations(decision, [nomination])
    pdf = _pdf(staff, decision)
    assert_sound_pdf(pdf)
    assert pdf.line("THÀNH PHỐ HÀ NỘI", page=1).bold
    assert pdf.line("CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")
    assert "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hà Nội cho 01 cá nhân" in pdf.flat
    assert "Giám đốc Công an thành phố Hà Nội" in pdf.flat
    assert pdf.line("I. BẰNG KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")
    assert "tỉnh" not in pdf.text.lower()
