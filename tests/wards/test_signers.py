"""The people who sign a unit's papers: their signature blocks, the pages that keep them, and
the print-time choice of signer and capacity."""

import pytest
from django.urls import reverse

from tests.conftest import make_unit, make_user
from wards.forms import SignatureParams
from wards.models import Capacity, Level, Role, Signer, authority_lines


@pytest.fixture
def signers(units):
    ward = units["ward"]
    return {
        "chair": Signer.objects.create(unit=ward, name="Trần Văn Bình", title="Chủ tịch", rank=1),
        "vice": Signer.objects.create(unit=ward, name="Nguyễn Văn Xuân", title="Phó Chủ tịch"),
        "office": Signer.objects.create(
            unit=ward, name="Lê Thị Hoa", title="Chánh Văn phòng HĐND và UBND"
        ),
    }


@pytest.mark.parametrize(
    ("who", "capacity", "lines"),
    [
        ("chair", Capacity.NONE, ["CHỦ TỊCH"]),
        ("chair", Capacity.TM, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]),
        ("vice", Capacity.TM, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("vice", Capacity.KT, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]),
        ("vice", Capacity.Q, ["Q. CHỦ TỊCH"]),
        ("office", Capacity.TL, ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG HĐND VÀ UBND"]),
        ("office", Capacity.TUQ, ["TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG HĐND VÀ UBND"]),
    ],
)
def test_signature_block_per_capacity(signers, who, capacity, lines):
    block = signers[who].signature_block(capacity)
    assert block == {"lines": lines, "name": signers[who].name}


def test_the_head_cannot_sign_in_his_own_stead(signers):
    assert "không ký" in signers["chair"].capacity_error(Capacity.KT)
    assert signers["vice"].capacity_error(Capacity.KT) == ""


def test_official_names_lower_case_the_kind_and_know_centrally_run_cities(units):
    hanoi = make_unit("01", "Hà Nội", Level.PROVINCE, division_type="thành phố trung ương")
    assert hanoi.official_name == "thành phố Hà Nội"
    assert hanoi.committee_name == "Ủy ban nhân dân thành phố Hà Nội"
    assert hanoi.title == "Thành phố Hà Nội"
    assert units["commune"].official_name == "xã Cam"
    assert units["ward"].committee_name == "Ủy ban nhân dân phường An"
    assert authority_lines("Ủy ban nhân dân phường Cửa Ông") == [
        "Ủy ban nhân dân",
        "phường Cửa Ông",
    ]
    assert authority_lines("Ban tổ chức Ngày hội") == ["Ban tổ chức Ngày hội"]


# --------------------------------------------------------------------------- print-time choice


def test_params_offer_the_units_active_signers_and_default_to_the_first(units, signers):
    Signer.objects.create(unit=units["sibling"], name="Người Khác", title="Chủ tịch")
    signers["office"].is_active = False
    signers["office"].save()
    form = SignatureParams(obj=units["ward"])
    assert set(form.fields["signer"].queryset) == {signers["chair"], signers["vice"]}
    assert form.fields["signer"].initial == signers["chair"]
    assert form.fields["capacity"].initial == Capacity.TM


def test_params_give_the_block_and_refuse_a_head_signing_for_himself(units, signers):
    form = SignatureParams({"signer": signers["vice"].pk, "capacity": "tm"}, obj=units["ward"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["signature"]["lines"] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]
    refused = SignatureParams({"signer": signers["chair"].pk, "capacity": "kt"}, obj=units["ward"])
    assert not refused.is_valid()
    assert "capacity" in refused.errors


def test_params_refuse_another_units_signer(units, signers):
    stranger = Signer.objects.create(unit=units["sibling"], name="Người Khác", title="Chủ tịch")
    form = SignatureParams({"signer": stranger.pk}, obj=units["ward"])
    assert not form.is_valid()
    assert "signer" in form.errors


def test_a_unit_without_signers_cannot_print_a_signed_paper(units):
    form = SignatureParams({}, obj=units["ward"])
    assert not form.is_valid()
    assert "chưa có người ký" in form.non_field_errors()[0]


# --------------------------------------------------------------------------- pages


def test_the_wards_leadership_adds_and_edits_signers(client, units, signers):
    client.force_login(make_user("chutich.an", Role.WARD_LEADER, units["ward"]))
    response = client.post(
        reverse("wards:signer_create", args=["90001"]),
        {
            "name": "Phạm Văn Dũng",
            "title": "Phó Chủ tịch",
            "body": "Ủy ban nhân dân",
            "head_title": "Chủ tịch",
            "rank": 5,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    added = Signer.objects.get(name="Phạm Văn Dũng")
    assert added.unit == units["ward"]
    page = client.get(reverse("wards:signer_list", args=["90001"])).content.decode()
    assert "Phạm Văn Dũng" in page
    assert "Trần Văn Bình" in page
    response = client.post(
        reverse("wards:signer_edit", args=[added.pk]),
        {
            "name": "Phạm Văn Dũng",
            "title": "Chủ tịch",
            "body": "Ủy ban nhân dân",
            "head_title": "Chủ tịch",
            "rank": 5,
        },
    )
    assert response.status_code == 302
    added.refresh_from_db()
    assert (added.title, added.is_active) == ("Chủ tịch", False)


def test_a_ward_official_reads_but_does_not_edit_signers(client, people, signers):
    client.force_login(people["ward_official"])
    page = client.get(reverse("wards:signer_list", args=["90001"]))
    assert page.status_code == 200
    assert "Trần Văn Bình" in page.content.decode()
    assert client.get(reverse("wards:signer_create", args=["90001"])).status_code == 403
    assert client.get(reverse("wards:signer_edit", args=[signers["chair"].pk])).status_code == 403


def test_another_wards_signers_do_not_exist(client, people, signers):
    client.force_login(people["outsider"])
    assert client.get(reverse("wards:signer_list", args=["90001"])).status_code == 404
    assert client.get(reverse("wards:signer_edit", args=[signers["chair"].pk])).status_code == 404


def test_province_staff_name_their_own_signers_not_a_wards(client, people, signers):
    client.force_login(people["province"])
    assert client.get(reverse("wards:signer_create", args=["90"])).status_code == 200
    assert client.get(reverse("wards:signer_edit", args=[signers["chair"].pk])).status_code == 403
    client.force_login(people["admin"])
    assert client.get(reverse("wards:signer_edit", args=[signers["chair"].pk])).status_code == 200
