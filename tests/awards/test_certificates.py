"""Certificates that never overprint: long names and reasons fit their boxes or are refused
before the decision is issued; the heading names the authority; the text is NFC. Every
certificate is made through the document pipeline and read back with pdfplumber and pypdf."""

import io
import unicodedata

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from awards import services
from awards.models import (
    Certificate,
    CertificateLayout,
    DecisionStatus,
    Gender,
    Nomination,
    Nominee,
    RecipientKind,
    SerialCounter,
    Status,
)
from documents.pdfwriter import MM
from documents.services import request_document
from tests.awards.readback import overprints
from wards.models import Capacity, Signer

LONG_NAME = "Công Tằng Tôn Nữ Nguyễn Huỳnh Thị Ngọc Phương Thảo Nguyên"
COLLECTIVE = (
    "Tổ bảo vệ an ninh, trật tự ở cơ sở khu phố Ánh Dương kiêm Tổ liên gia an toàn phòng "
    "cháy chữa cháy và Tổ hòa giải khu dân cư số 13 mới, phường Cửa Ông"
)
REASON = (
    "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025: "
    "duy trì tổ tuần tra nhân dân hằng đêm, vận động lắp đặt 42 camera an ninh, hòa giải "
    "thành công 17 vụ mâu thuẫn ở khu dân cư, phát hiện và tố giác 3 vụ trộm cắp tài sản."
)
# Some 600 characters: what users wrote when the certificates overprinted.
TOO_LONG_REASON = " ".join([REASON] * 3)[:600]


def _content(job) -> bytes:
    assert job.status == "done", job.error
    job.file.open("rb")
    return job.file.read()


@pytest.fixture
def long_decision(forms, make_nominee, make_nomination, make_decision):
    person = make_nominee(
        LONG_NAME,
        gender=Gender.FEMALE,
        position="Tổ trưởng Tổ bảo vệ an ninh, trật tự ở cơ sở",
        organisation="Khu phố Ánh Dương, phường Cửa Ông, tỉnh Quảng Ninh",
    )
    collective = make_nominee(COLLECTIVE, kind=RecipientKind.COLLECTIVE)
    nominations = [
        make_nomination(forms["GKUBP"], nominee=nominee, status=Status.APPROVED)
        for nominee in (person, collective)
    ]
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(achievements=REASON)
    decision = make_decision(forms["GKUBP"], authority="Ủy ban nhân dân phường Cửa Ông")
    services.set_nominations(decision, nominations)
    return decision


@pytest.mark.parametrize("overlay", ["", "1"])
def test_long_names_and_reasons_fit_without_overprinting(
    people, ward_leader, long_decision, overlay
):
    assert (len(LONG_NAME), len(COLLECTIVE), len(REASON)) == (57, 150, 253)
    decision = services.issue(ward_leader, long_decision)
    content = _content(
        request_document(
            people["organiser"],
            "awards.decision_certificates",
            decision,
            "pdf",
            {"overlay": overlay},
        )
    )
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert overprints(page) == []
            # Inside the full design's inner frame (10 mm from each edge).
            left = min(char["x0"] for char in page.chars)
            top = min(char["top"] for char in page.chars)
            right = max(char["x1"] for char in page.chars)
            bottom = max(char["bottom"] for char in page.chars)
            assert min(left, top, page.width - right, page.height - bottom) >= 10 * MM
        text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert f"Bà {LONG_NAME}" in text
    assert COLLECTIVE in text
    assert REASON in text


def test_a_reason_too_long_is_refused_before_issue_naming_the_person(ward_leader, long_decision):
    Nomination.objects.filter(nominee__name=LONG_NAME).update(achievements=TOO_LONG_REASON)
    with pytest.raises(ValidationError) as refused:
        services.issue(ward_leader, long_decision)
    (message,) = refused.value.messages
    assert message.startswith(f"Thành tích của “Bà {LONG_NAME}” quá dài cho giấy khen")
    long_decision.refresh_from_db()
    assert long_decision.status == DecisionStatus.DRAFT
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.filter(last_number__gt=0).exists()


def test_the_decision_page_says_why_it_was_not_issued(login, ward_leader, long_decision):
    Nomination.objects.filter(nominee__name=LONG_NAME).update(achievements=TOO_LONG_REASON)
    client = login(ward_leader)
    response = client.post(
        reverse("awards:decision_issue", args=[long_decision.pk]), {"confirmed": "yes"}
    )
    page = client.get(response.url).content.decode()
    assert f"Thành tích của “Bà {LONG_NAME}” quá dài cho giấy khen" in page
    assert not Certificate.objects.exists()


def test_a_name_too_long_for_the_blank_is_refused_before_issue(forms, ward_leader, long_decision):
    # The blank leaves the name one line at 20 pt: the full design would take it.
    layout = CertificateLayout.objects.get(form=forms["GKUBP"])
    layout.fields = [
        {"field": "name", "x": 40, "y": 90, "width": 217, "size": 20, "max_lines": 1},
        {"field": "achievements", "x": 40, "y": 110, "width": 217, "size": 14, "max_lines": 4},
    ]
    layout.full_clean()
    layout.save()
    with pytest.raises(ValidationError) as refused:
        services.issue(ward_leader, long_decision)
    assert refused.value.messages == [
        f"Tên “{COLLECTIVE}” quá dài cho giấy khen: ở cỡ chữ nhỏ nhất 20 vẫn cần hơn 1 dòng; "
        "hãy viết gọn lại."
    ]
    assert not Certificate.objects.exists()


def test_a_layout_whose_boxes_would_overprint_is_refused(forms):
    layout = CertificateLayout.objects.get(form=forms["GKUBP"])
    # The first default: a two-line name at 82 mm runs into the position line at 96 mm.
    layout.fields = [
        {"field": "name", "x": 30, "y": 82, "width": 237, "size": 26, "max_lines": 2},
        {"field": "position_unit", "x": 30, "y": 96, "width": 237, "size": 15},
    ]
    with pytest.raises(ValidationError) as refused:
        layout.full_clean()
    assert refused.value.message_dict["fields"] == ["Ô 2 chồng lên ô 1 khi in đủ số dòng tối đa."]


def test_a_decomposed_name_prints_composed(
    people, units, ward_leader, forms, make_nomination, make_decision
):
    decomposed = unicodedata.normalize("NFD", "Trương Thị Ửng")
    nominee = Nominee.objects.create(
        ward=units["ward"],
        name=decomposed,
        gender=Gender.FEMALE,
        birth_year=1980,
    )
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(
        decision, [make_nomination(forms["GKUBP"], nominee=nominee, status=Status.APPROVED)]
    )
    services.issue(ward_leader, decision)
    certificate = Certificate.objects.get()
    content = _content(
        request_document(people["organiser"], "awards.certificate", certificate, "pdf")
    )
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "Bà Trương Thị Ửng" in text
    assert unicodedata.is_normalized("NFC", text)
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        assert not any(unicodedata.combining(c["text"]) for c in pdf.pages[0].chars)


def test_the_heading_names_the_authority_not_the_signer(
    people, units, ward_leader, forms, make_nomination, make_decision
):
    deputy = Signer.objects.create(unit=units["ward"], name="Lê Văn Cường", title="Phó Chủ tịch")
    decision = make_decision(forms["GKUBP"], signer=deputy, signer_capacity=Capacity.KT)
    services.set_nominations(decision, [make_nomination(forms["GKUBP"], status=Status.APPROVED)])
    services.issue(ward_leader, decision)
    content = _content(
        request_document(
            people["organiser"], "awards.certificate", Certificate.objects.get(), "pdf"
        )
    )
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        lines = [line["text"] for line in pdf.pages[0].extract_text_lines()]
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN" in lines
    # The signature area: the deputy signs in the chairman's stead.
    assert lines.index("KT. CHỦ TỊCH") + 1 == lines.index("PHÓ CHỦ TỊCH")
    assert lines.index("PHÓ CHỦ TỊCH") > lines.index("Nguyễn Văn Hải")
    assert "Lê Văn Cường" in lines
    assert not any("PHÓ CHỦ TỊCH ỦY BAN" in line for line in lines)


def test_one_certificate_is_small_with_subset_fonts(people, ward_leader, long_decision):
    services.issue(ward_leader, long_decision)
    certificate = Certificate.objects.get(nomination__nominee__name=LONG_NAME)
    content = _content(
        request_document(people["organiser"], "awards.certificate", certificate, "pdf")
    )
    assert len(content) <= 80 * 1024
    page = PdfReader(io.BytesIO(content)).pages[0]
    fonts = [font.get_object()["/BaseFont"] for font in page["/Resources"]["/Font"].values()]
    assert len(fonts) == 3  # bold, italic, regular
    assert all(font[7] == "+" for font in fonts)


# --------------------------------------------------------------------------- forms


def _nominate(client, nominee, form, achievements):
    return client.post(
        reverse("awards:nomination_create", args=["90001"]),
        {
            "nominee": nominee.pk,
            "form": form.pk,
            "year": 2025,
            "proposing_unit": "UBND phường An",
            "achievements": achievements,
        },
    )


def test_the_nomination_form_refuses_a_reason_that_would_not_fit(
    login, people, forms, make_nominee
):
    client = login(people["ward_official"])
    nominee = make_nominee(LONG_NAME, gender=Gender.FEMALE)
    page = _nominate(client, nominee, forms["GKUBP"], TOO_LONG_REASON).content.decode()
    assert f"Thành tích của “Bà {LONG_NAME}” quá dài cho giấy khen" in page
    assert not Nomination.objects.exists()
    assert _nominate(client, nominee, forms["GKUBP"], REASON).status_code == 302


def test_the_nominee_form_refuses_a_name_that_would_not_fit(login, people):
    client = login(people["ward_official"])
    name = " ".join([COLLECTIVE[:99]] * 2)
    response = client.post(
        reverse("awards:nominee_create", args=["90001"]), {"kind": "collective", "name": name}
    )
    assert response.status_code == 200
    assert "quá dài cho bằng khen" in response.content.decode()
    assert not Nominee.objects.exists()


def test_the_nomination_form_warns_as_the_user_types(login, people, forms, make_nominee):
    client = login(people["ward_official"])
    nominee = make_nominee(LONG_NAME, gender=Gender.FEMALE)
    page = client.get(reverse("awards:nomination_create", args=["90001"])).content.decode()
    url = reverse("awards:nomination_fit", args=["90001"])
    # The form asks for the check itself (htmx): no inline script.
    assert f'hx-post="{url}"' in page
    data = {"nominee": nominee.pk, "form": forms["GKUBP"].pk, "achievements": TOO_LONG_REASON}
    warning = client.post(url, data).content.decode()
    assert f"Thành tích của “Bà {LONG_NAME}” quá dài cho giấy khen" in warning
    assert client.post(url, {**data, "achievements": REASON}).content.decode().strip() == ""
    assert not Nomination.objects.exists()


def test_the_live_check_is_scoped(login, people, forms):
    url = reverse("awards:nominee_fit", args=["90001"])
    assert login(people["outsider"]).post(url, {"name": "A"}).status_code == 404
