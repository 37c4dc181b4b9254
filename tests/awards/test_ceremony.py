import io
from datetime import date, time

import pytest
from django.urls import reverse
from pypdf import PdfReader

from awards import services
from awards.models import Ceremony, Presentation, Status
from documents.services import request_document
from festival.models import Festival
from tests.documents.readback import fit_to_sign
from tests.fidelity import read_docx


@pytest.fixture
def festival(units):
    return Festival.objects.create(
        ward=units["ward"], date=date(2025, 8, 19), start_time=time(8), venue="Nhà văn hóa khu 3"
    )


@pytest.fixture
def decisions(forms, people, ward_leader, units, make_nominee, make_nomination, make_decision):
    """A ward decision for two people of Phường An, and a province decision for one person of
    An and one of Bình."""
    ward = make_decision(forms["GKUBP"])
    services.set_nominations(
        ward,
        [
            make_nomination(forms["GKUBP"], nominee=make_nominee(name), status=Status.APPROVED)
            for name in ["Trần Văn Bình", "Lê Thị An"]
        ],
    )
    province = make_decision(
        forms["BKUBT"], unit=units["province"], number=88, authority="Ủy ban nhân dân tỉnh Thử"
    )
    services.set_nominations(
        province,
        [
            make_nomination(
                forms["BKUBT"], nominee=make_nominee("Phạm Văn Dũng"), status=Status.APPROVED
            ),
            make_nomination(
                forms["BKUBT"],
                nominee=make_nominee("Hoàng Thị Xa", ward=units["sibling"]),
                status=Status.APPROVED,
            ),
        ],
    )
    return services.issue(ward_leader, ward), services.issue(people["province"], province)


def _add(client, festival, decision, name="Nguyễn Văn Khách", title="Phó Chủ tịch UBND tỉnh"):
    return client.post(
        reverse("awards:ceremony", args=[festival.pk]),
        {"decision": decision.pk, "presenter_name": name, "presenter_title": title},
    )


def test_organiser_orders_the_ceremony(login, people, festival, decisions):
    ward_decision, province_decision = decisions
    client = login(people["organiser"])
    page = client.get(reverse("awards:ceremony", args=[festival.pk])).content.decode()
    assert "Quyết định số 88/QĐ-UBND" in page  # the province decision has a recipient here
    _add(client, festival, ward_decision, "Vũ Minh Tuấn", "Chủ tịch UBND phường")
    _add(client, festival, province_decision)
    page = client.get(reverse("awards:ceremony", args=[festival.pk])).content.decode()
    # The province's Bằng khen first (rank), then the ward's Giấy khen; names in order; only
    # this ward's recipients.
    assert page.index("Phạm Văn Dũng") < page.index("Lê Thị An") < page.index("Trần Văn Bình</li>")
    assert "Hoàng Thị Xa" not in page
    assert Presentation.objects.count() == 2


def test_only_the_organiser_arranges_and_outsiders_see_nothing(login, people, festival, decisions):
    response = _add(login(people["ward_official"]), festival, decisions[0])
    assert response.status_code == 403
    assert not Ceremony.objects.exists()
    assert (
        login(people["outsider"]).get(reverse("awards:ceremony", args=[festival.pk])).status_code
        == 404
    )
    _add(login(people["organiser"]), festival, decisions[0])
    presentation = Presentation.objects.get()
    response = login(people["ward_official"]).post(
        reverse("awards:presentation_delete", args=[presentation.pk])
    )
    assert response.status_code == 403
    response = login(people["outsider"]).post(
        reverse("awards:presentation_delete", args=[presentation.pk])
    )
    assert response.status_code == 404
    mc = reverse("awards:ceremony_mc", args=[festival.pk])
    assert login(people["ward_official"]).post(mc, {"mc_name": "X"}).status_code == 403
    assert login(people["outsider"]).post(mc, {"mc_name": "X"}).status_code == 404


def _ceremony(login, people, festival, decisions):
    client = login(people["organiser"])
    _add(client, festival, decisions[0], "Vũ Minh Tuấn", "Chủ tịch UBND phường")
    _add(client, festival, decisions[1])
    client.post(reverse("awards:ceremony_mc", args=[festival.pk]), {"mc_name": "Đỗ Thu Hà"})
    return Ceremony.objects.get()


def _text(job) -> str:
    assert job.status == "done", job.error
    job.file.open("rb")
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(job.file.read())).pages)


def test_mc_script(login, people, festival, decisions):
    ceremony = _ceremony(login, people, festival, decisions)
    job = request_document(people["organiser"], "awards.mc_script", ceremony)
    text = " ".join(_text(job).split())
    job.file.open("rb")
    fit_to_sign(job.file.read())  # NFC, subset fonts, no overlap, inside the margins
    assert "KỊCH BẢN TRAO KHEN THƯỞNG" in text
    assert "Người dẫn chương trình: Đỗ Thu Hà" in text
    first, second = text.index("1. BẰNG KHEN"), text.index("2. GIẤY KHEN")
    assert first < text.index("Xin trân trọng kính mời đồng chí Nguyễn Văn Khách") < second
    assert (
        text.index("Phạm Văn Dũng") < second < text.index("Lê Thị An") < text.index("Trần Văn Bình")
    )
    assert "01 cá nhân" in text
    assert "02 cá nhân" in text
    assert "Hoàng Thị Xa" not in text
    # The authority the ward's decision names, not the catalogue's "phường, xã".
    assert "2. GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN" in text
    assert "của Chủ tịch Ủy ban nhân dân phường An về việc tặng Giấy khen cho 02 cá nhân" in text
    assert "phường, xã" not in text


def test_ceremony_list_and_certificates(login, people, festival, decisions):
    ceremony = _ceremony(login, people, festival, decisions)
    job = request_document(people["organiser"], "awards.ceremony_list", ceremony)
    text = _text(job)
    job.file.open("rb")
    fit_to_sign(job.file.read())
    assert text.index("BẰNG KHEN CỦA CHỦ TỊCH") < text.index(
        "GIẤY KHEN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN"
    )
    # Signed for the ward's people's committee by its chairman.
    assert "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" in text
    assert "Trần Văn Bình" in text[text.index("TM. ỦY BAN NHÂN DÂN") :]
    # 3,510,000 (Bằng khen) + 2 × 702,000 (Giấy khen)
    assert "4.914.000" in text
    assert "Bốn triệu chín trăm mười bốn nghìn đồng" in text
    certificates = request_document(people["organiser"], "awards.ceremony_certificates", ceremony)
    pages = _text(certificates)
    assert pages.count("Số: ") == 3
    assert "Hoàng Thị Xa" not in pages


def test_an_empty_ceremony_prints_nothing(login, people, festival, decisions):
    ceremony = Ceremony.objects.create(festival=festival)
    job = request_document(people["organiser"], "awards.mc_script", ceremony)
    assert job.status == "failed"
    assert "chưa có phần trao khen thưởng" in job.error


def test_the_festival_results_report_lists_the_commendations(login, people, festival, decisions):
    _ceremony(login, people, festival, decisions)
    job = request_document(people["ward_official"], "festival.results", festival, "pdf")
    assert job.status == "done", job.error
    pdf = fit_to_sign(job.file.read())
    # After the figures and the activities; no assessment written, so nothing after it.
    assert "III. Khen thưởng trong Ngày hội" in pdf.flat
    assert "IV. Đánh giá chung" not in pdf.flat
    assert "Cộng 0 3" in pdf.flat
    job = request_document(people["ward_official"], "festival.results", festival, "docx")
    table = next(
        table
        for table in read_docx(job.file.read()).tables
        if table.rows[0].cells[1].text == "Hình thức khen thưởng"
    )
    # The province's Bằng khen first; only this ward's recipients counted.
    assert [[cell.text for cell in row.cells] for row in table.rows[1:]] == [
        [
            "1",
            "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Thử",
            "Số 88/QĐ-UBND ngày 12/08/2025",
            "0",
            "1",
        ],
        [
            "2",
            "Giấy khen của Chủ tịch Ủy ban nhân dân phường An",
            "Số 125/QĐ-UBND ngày 12/08/2025",
            "0",
            "2",
        ],
        ["", "Cộng", "", "0", "3"],
    ]


def test_removing_a_decision_from_the_ceremony_asks_first(login, people, festival, decisions):
    client = login(people["organiser"])
    _add(client, festival, decisions[0])
    presentation = Presentation.objects.get()
    page = client.get(reverse("awards:ceremony", args=[festival.pk])).content.decode()
    assert "Bỏ Quyết định số" in page
    assert "không còn những người được khen theo quyết định này" in page
    url = reverse("awards:presentation_delete", args=[presentation.pk])
    # Posted without the confirmation (a stale page, a form from elsewhere): asked, not done.
    response = client.post(url)
    assert response.status_code == 200
    assert 'name="confirmed"' in response.content.decode()
    assert Presentation.objects.exists()
    assert client.post(url, {"confirmed": "yes"}).status_code == 302
    assert not Presentation.objects.exists()
