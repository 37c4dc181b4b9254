import pytest
from django.core.cache import cache
from django.urls import reverse

from awards import services
from awards.models import Certificate, Decision, Nomination, Nominee, RecipientKind, Status


@pytest.fixture(autouse=True)
def _clear_rate_limits():
    cache.clear()


# --------------------------------------------------------------------------- nominees


def test_ward_official_adds_a_nominee_in_own_ward(login, people, units):
    client = login(people["ward_official"])
    response = client.post(
        reverse("awards:nominee_create", args=["90001"]),
        {"kind": "individual", "name": "Nguyễn Văn Hải", "gender": "male", "birth_year": 1968},
    )
    assert response.status_code == 302
    nominee = Nominee.objects.get()
    assert (nominee.ward, nominee.name) == (units["ward"], "Nguyễn Văn Hải")


def test_an_individual_needs_a_year_of_birth(login, people):
    response = login(people["ward_official"]).post(
        reverse("awards:nominee_create", args=["90001"]), {"kind": "individual", "name": "Ông A"}
    )
    assert response.status_code == 200
    assert "Cá nhân cần có năm sinh" in response.content.decode()
    assert not Nominee.objects.exists()


@pytest.mark.parametrize(
    ("who", "expected"),
    [("outsider", 404), ("organiser", 403), ("district", 403), ("nobody", 404)],
)
def test_nominating_outside_ones_ward_or_role(login, people, who, expected):
    client = login(people[who])
    assert client.get(reverse("awards:nominee_create", args=["90001"])).status_code == expected
    url = reverse("awards:nomination_create", args=["90001"])
    assert client.get(url).status_code == expected


def test_the_birth_year_says_it_is_required_for_an_individual(login, people, units):
    page = login(people["ward_official"]).get(reverse("awards:nominee_create", args=["90001"]))
    html = page.content.decode()
    assert "Bắt buộc với cá nhân" in html
    assert 'data-required-when="kind"' in html
    assert 'data-required-values="individual"' in html


def test_another_wards_nominee_and_nomination_are_404(login, people, forms, make_nomination):
    nomination = make_nomination(forms["GKUBP"])
    client = login(people["outsider"])
    assert (
        client.get(reverse("awards:nominee_edit", args=[nomination.nominee.pk])).status_code == 404
    )
    assert client.get(reverse("awards:nomination", args=[nomination.pk])).status_code == 404
    assert client.post(reverse("awards:nomination_submit", args=[nomination.pk])).status_code == 404
    assert b"Nguy" not in client.get(reverse("awards:index")).content


# --------------------------------------------------------------------------- nominations


def test_the_proposing_unit_is_offered_with_the_wards_proper_name(login, people, forms):
    page = login(people["ward_official"]).get(reverse("awards:nomination_create", args=["90001"]))
    assert 'value="UBND phường An"' in page.content.decode()


def _nominate(client, nominee, form, **extra):
    data = {
        "nominee": nominee.pk,
        "form": form.pk,
        "year": 2025,
        "proposing_unit": "Công an phường An",
        "achievements": "Tích cực tham gia tuần tra",
        **extra,
    }
    return client.post(reverse("awards:nomination_create", args=["90001"]), data)


def test_nominate_then_submit(login, people, forms, make_nominee):
    client = login(people["ward_official"])
    response = _nominate(client, make_nominee(), forms["GKUBP"])
    nomination = Nomination.objects.get()
    assert response.url == reverse("awards:nomination", args=[nomination.pk])
    page = client.get(response.url).content.decode()
    assert "Gửi lên cấp xét duyệt" in page
    assert "An" in page
    client.post(reverse("awards:nomination_submit", args=[nomination.pk]))
    nomination.refresh_from_db()
    assert nomination.status == Status.SUBMITTED
    assert "Gửi lên cấp xét duyệt" not in client.get(response.url).content.decode()


def test_nomination_form_shows_each_check(login, people, forms, make_nominee, make_nomination):
    client = login(people["ward_official"])
    team = make_nominee("Tổ tuần tra khu 3", kind=RecipientKind.COLLECTIVE)
    page = _nominate(client, team, forms["KCC"]).content.decode()
    assert "không tặng cho tập thể" in page
    held = make_nominee("Lê Văn Cựu")
    held.prior_awards.add(forms["KCC"])
    assert "chỉ tặng một lần" in _nominate(client, held, forms["KCC"]).content.decode()
    twice = make_nomination(forms["GKUBP"])
    page = _nominate(client, twice.nominee, forms["GKUBP"]).content.decode()
    assert "đã được đề nghị hình thức khen thưởng này trong năm" in page
    assert Nomination.objects.count() == 1


def test_nominating_at_a_second_level_warns(login, people, forms, make_nomination):
    client = login(people["ward_official"])
    first = make_nomination(forms["GKUBP"])
    response = _nominate(client, first.nominee, forms["BKUBT"])
    page = client.get(response.url).content.decode()
    assert page.count("còn được đề nghị ở cấp khác") == 1  # once, not as a message as well
    assert Nomination.objects.count() == 2


def test_another_wards_nominee_cannot_be_picked(login, people, forms, make_nominee, units):
    stranger = make_nominee("Ông Ngoài", ward=units["sibling"])
    page = _nominate(login(people["ward_official"]), stranger, forms["GKUBP"]).content.decode()
    assert "Lựa chọn không hợp lệ" in page or "Hãy chọn" in page or "Select a valid" in page
    assert not Nomination.objects.exists()


# --------------------------------------------------------------------------- approval


def _act(client, nomination, action, reason=""):
    return client.post(
        reverse("awards:nomination_act", args=[nomination.pk]),
        {"action": action, "reason": reason},
    )


def test_approving_at_the_wrong_level_is_refused_with_the_reason(
    login, people, forms, make_nomination
):
    nomination = make_nomination(forms["BKUBT"], status=Status.SUBMITTED)
    response = _act(login(people["district"]), nomination, "approve")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Không thực hiện được" in page
    assert "do Tỉnh Thử xét duyệt" in page
    nomination.refresh_from_db()
    assert nomination.status == Status.SUBMITTED


def test_after_acting_only_a_local_address_is_followed(login, ward_leader, forms, make_nomination):
    nomination = make_nomination(forms["GKUBP"], status=Status.SUBMITTED)
    response = login(ward_leader).post(
        reverse("awards:nomination_act", args=[nomination.pk]),
        {"action": "approve", "next": "https://example.com/"},
    )
    assert response.url == reverse("awards:approvals")


def test_the_ward_official_cannot_approve_its_own_nomination(login, people, forms, make_nomination):
    nomination = make_nomination(forms["GKUBP"], status=Status.SUBMITTED)
    assert _act(login(people["ward_official"]), nomination, "approve").status_code == 403


def test_approve_return_and_reject_at_the_right_level(
    login, people, ward_leader, forms, make_nominee, make_nomination
):
    client = login(ward_leader)
    first = make_nomination(forms["GKUBP"], status=Status.SUBMITTED)
    second = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà B"), status=Status.SUBMITTED)
    third = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà C"), status=Status.SUBMITTED)
    assert "Bà B" in client.get(reverse("awards:approvals")).content.decode()
    assert _act(client, first, "approve").status_code == 302
    response = _act(client, second, "return")
    assert response.status_code == 302
    assert "Cần ghi lý do" in client.get(response.url).content.decode()
    _act(client, second, "return", "Thiếu xác nhận của khu phố")
    _act(client, third, "reject")
    statuses = dict(Nomination.objects.values_list("pk", "status"))
    assert statuses == {
        first.pk: Status.APPROVED,
        second.pk: Status.RETURNED,
        third.pk: Status.REJECTED,
    }
    page = login(people["ward_official"]).get(reverse("awards:nomination", args=[second.pk]))
    assert "Thiếu xác nhận của khu phố" in page.content.decode()


def test_approvals_list_shows_only_the_users_level(
    login, people, forms, make_nominee, make_nomination
):
    make_nomination(forms["BKUBT"], nominee=make_nominee("Tỉnh Duyệt"), status=Status.SUBMITTED)
    make_nomination(forms["GKUBP"], nominee=make_nominee("Phường Duyệt"), status=Status.SUBMITTED)
    make_nomination(forms["GKCUM"], nominee=make_nominee("Cụm Duyệt"), status=Status.SUBMITTED)
    page = login(people["province"]).get(reverse("awards:approvals")).content.decode()
    assert "Tỉnh Duyệt" in page
    assert "Phường Duyệt" not in page
    assert "Cụm Duyệt" not in page
    page = login(people["district"]).get(reverse("awards:approvals")).content.decode()
    assert "Cụm Duyệt" in page
    assert "Tỉnh Duyệt" not in page


def test_index_lists_in_a_fixed_number_of_queries(
    login, people, forms, make_nominee, make_nomination, django_assert_num_queries
):
    for index in range(12):
        make_nomination(forms["GKUBP"], nominee=make_nominee(f"Người {index}"))
    client = login(people["province"])
    client.get(reverse("awards:index"))  # warm the session
    # 1 session, 2 user, 3 membership (scope, also the menu's role), 4 count for the
    # paginator, 5 the page of nominations with nominee, ward, form and decision joined.
    with django_assert_num_queries(5):
        response = client.get(reverse("awards:index"))
    assert response.content.decode().count("Người ") == 12


# --------------------------------------------------------------------------- decisions


def _decision_data(form, signer, **extra):
    return {
        "form": form.pk,
        "number": 125,
        "symbol": "QĐ-UBND",
        "date": "2025-08-12",
        "authority": "Ủy ban nhân dân phường An",
        "place": "An",
        "signer": signer.pk,
        "signer_capacity": "",
        **extra,
    }


def test_decision_from_creation_to_issue(
    login, ward_leader, chairman, forms, make_nominee, make_nomination
):
    client = login(ward_leader)
    form_page = client.get(reverse("awards:decision_create")).content.decode()
    assert "Giấy khen của Chủ tịch Ủy ban nhân dân phường, xã" in form_page
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" not in form_page
    response = client.post(
        reverse("awards:decision_create"), _decision_data(forms["GKUBP"], chairman)
    )
    decision = Decision.objects.get()
    assert response.url == reverse("awards:decision", args=[decision.pk])
    approved = [
        make_nomination(forms["GKUBP"], nominee=make_nominee(name), status=Status.APPROVED)
        for name in ["Trần Văn Cường", "Lê Thị An"]
    ]
    client.post(response.url, {"nominations": [n.pk for n in approved]})
    page = client.get(response.url).content.decode()
    assert page.index("Lê Thị An") < page.index("Trần Văn Cường")
    assert "1.404.000\u00a0đ" in page
    response = client.post(
        reverse("awards:decision_issue", args=[decision.pk]), {"confirmed": "yes"}
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert "Đã ban hành" in page
    assert "GKUBP-2025-000002" in page
    assert Certificate.objects.count() == 2


def test_changing_an_issued_decision_is_refused(
    login, ward_leader, forms, make_nominee, make_nomination, make_decision
):
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(decision, [make_nomination(forms["GKUBP"], status=Status.APPROVED)])
    services.issue(ward_leader, decision)
    client = login(ward_leader)
    response = client.post(
        reverse("awards:decision_edit", args=[decision.pk]),
        _decision_data(forms["GKUBP"], decision.signer, place="Nơi khác"),
        follow=True,
    )
    assert "đã ban hành nên không sửa được" in response.content.decode()
    late = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà Muộn"), status=Status.APPROVED)
    response = client.post(
        reverse("awards:decision", args=[decision.pk]), {"nominations": [late.pk]}, follow=True
    )
    assert "đã ban hành nên không sửa được" in response.content.decode()
    decision.refresh_from_db()
    assert decision.place == "An"
    assert decision.nominations.count() == 1


def test_decisions_are_acted_on_only_by_their_unit(
    login, people, ward_leader, forms, make_nomination, make_decision
):
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(decision, [make_nomination(forms["GKUBP"], status=Status.APPROVED)])
    # The ward official sees the ward's decision but cannot issue it; the sibling ward not at all.
    assert (
        login(people["ward_official"])
        .get(reverse("awards:decision", args=[decision.pk]))
        .status_code
        == 200
    )
    response = login(people["ward_official"]).post(
        reverse("awards:decision_issue", args=[decision.pk])
    )
    assert response.status_code == 403
    assert (
        login(people["outsider"]).get(reverse("awards:decision", args=[decision.pk])).status_code
        == 404
    )
    assert (
        login(people["district"])
        .get(reverse("awards:decision_edit", args=[decision.pk]))
        .status_code
        == 403
    )
    decision.refresh_from_db()
    assert not decision.is_issued


def test_catalogue_shows_todays_amounts(login, people, forms):
    page = login(people["ward_official"]).get(reverse("awards:catalogue")).content.decode()
    assert "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”" in page
    assert "2.340.000" in page


def test_catalogue_writes_out_the_whole_reward_formula(login, people, forms):
    """Coefficient × the base salary in force = the reward, not "0,60 × = 1.404.000 đ"."""
    page = login(people["ward_official"]).get(reverse("awards:catalogue")).content.decode()
    assert "0,60 × 2.340.000\u00a0đ = 1.404.000\u00a0đ" in page
    assert "× =" not in page


def test_printer_profiles_belong_to_the_unit(login, people):
    client = login(people["organiser"])
    client.post(
        reverse("awards:printer_create"), {"name": "Canon LBP", "offset_x": "1.5", "offset_y": "-2"}
    )
    assert "Canon LBP" in client.get(reverse("awards:printers")).content.decode()
    assert (
        "Canon LBP"
        not in login(people["outsider"]).get(reverse("awards:printers")).content.decode()
    )


# --------------------------------------------------------------------------- verification


@pytest.fixture
def certificate(forms, ward_leader, make_nominee, make_nomination, make_decision):
    nominee = make_nominee("Phạm Thị Hoa", position="Tổ trưởng", birth_year=1975)
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(
        decision, [make_nomination(forms["GKUBP"], nominee=nominee, status=Status.APPROVED)]
    )
    services.issue(ward_leader, decision)
    return Certificate.objects.get()


def test_verify_shows_only_what_it_should_without_login(client, certificate):
    """The serial is shown so the holder can match the page to the paper in hand."""
    response = client.get(reverse("awards:verify", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    for shown in [
        "Phạm Thị Hoa",
        "Giấy khen của Chủ tịch",
        "125/QĐ-UBND",
        "12/08/2025",
        "Ủy ban nhân dân phường An",
        certificate.serial,
    ]:
        assert shown in page
    for hidden in ["1975", "Tổ trưởng", "702"]:
        assert hidden not in page


def test_verify_an_unknown_code(client, certificate):
    response = client.get(reverse("awards:verify", args=["khong-co-ma-nay"]))
    assert response.status_code == 404
    assert "Không tìm thấy khen thưởng nào có mã này" in response.content.decode()


def test_verify_is_rate_limited_per_address(client, certificate, settings):
    url = reverse("awards:verify", args=["doan-ma"])
    for _attempt in range(settings.AWARDS_VERIFY_LIMIT):
        assert client.get(url).status_code == 404
    response = client.get(reverse("awards:verify", args=[certificate.code]))
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()
    other = client.get(reverse("awards:verify", args=[certificate.code]), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_nav_shows_awards(login, people):
    page = login(people["ward_official"]).get(reverse("awards:index")).content.decode()
    assert "Khen thưởng" in page
