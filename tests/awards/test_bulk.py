"""Several nominations at once: approving, returning or rejecting a selection with one reason
on the approvals list, and putting the ticked or every filtered approved nomination into a
decision. All or nothing; a tampered id of another ward is refused."""

from django.urls import reverse

from awards import services
from awards.models import Nomination, Status


def _statuses(*nominations):
    return [Nomination.objects.get(pk=n.pk).status for n in nominations]


def _submitted(make_nomination, make_nominee, forms, names, ward=None, code="GKUBP"):
    return [
        make_nomination(forms[code], nominee=make_nominee(name, ward=ward), status=Status.SUBMITTED)
        for name in names
    ]


# --------------------------------------------------------------------------- approvals


def test_returning_two_with_one_reason_records_it_on_each(
    login, people, ward_leader, forms, make_nominee, make_nomination
):
    first, second, third = _submitted(
        make_nomination, make_nominee, forms, ["Bà Một", "Bà Hai", "Bà Ba"]
    )
    client = login(ward_leader)
    response = client.post(
        reverse("awards:approvals"),
        {"picked": [first.pk, second.pk], "action": "return", "reason": "Thiếu xác nhận"},
        follow=True,
    )
    assert "Đã trả lại 2 đề nghị." in response.content.decode()
    assert _statuses(first, second, third) == [Status.RETURNED, Status.RETURNED, Status.SUBMITTED]
    for nomination in (first, second):
        nomination.refresh_from_db()
        assert nomination.reason == "Thiếu xác nhận"
        assert nomination.acted_by == ward_leader
    page = login(people["ward_official"]).get(reverse("awards:nomination", args=[first.pk]))
    assert "Thiếu xác nhận" in page.content.decode()


def test_returning_without_a_reason_is_refused_in_vietnamese(
    login, ward_leader, forms, make_nominee, make_nomination
):
    first, second = _submitted(make_nomination, make_nominee, forms, ["Bà Một", "Bà Hai"])
    response = login(ward_leader).post(
        reverse("awards:approvals"),
        {"picked": [first.pk, second.pk], "action": "return", "reason": "  "},
        follow=True,
    )
    assert "Cần ghi lý do trả lại" in response.content.decode()
    assert _statuses(first, second) == [Status.SUBMITTED, Status.SUBMITTED]


def test_approving_every_nomination_of_the_filter_takes_all_pages(
    login, ward_leader, forms, make_nominee, make_nomination
):
    chosen = _submitted(make_nomination, make_nominee, forms, [f"Lê Văn {i}" for i in range(25)])
    other = _submitted(make_nomination, make_nominee, forms, ["Trần Thị Khác"])
    client = login(ward_leader)
    page = client.get(reverse("awards:approvals"), {"q": "Lê Văn"}).content.decode()
    assert "Chọn tất cả 25 theo bộ lọc" in page  # 20 shown on the first page
    response = client.post(
        reverse("awards:approvals") + "?q=L%C3%AA+V%C4%83n",
        {"all_matching": "1", "action": "approve"},
        follow=True,
    )
    assert "Đã duyệt 25 đề nghị." in response.content.decode()
    assert set(_statuses(*chosen)) == {Status.APPROVED}
    assert _statuses(*other) == [Status.SUBMITTED]


def test_one_nomination_already_handled_undoes_the_whole_selection(
    login, ward_leader, forms, make_nominee, make_nomination
):
    first, second = _submitted(make_nomination, make_nominee, forms, ["Bà Một", "Bà Hai"])
    services.approve(ward_leader, second)  # a colleague was quicker
    response = login(ward_leader).post(
        reverse("awards:approvals"),
        {"picked": [first.pk, second.pk], "action": "reject"},
        follow=True,
    )
    assert "Bà Hai: Đề nghị này đã được xử lý" in response.content.decode()
    assert _statuses(first, second) == [Status.SUBMITTED, Status.APPROVED]


def test_a_tampered_id_of_another_ward_is_404_and_nothing_changes(
    login, ward_leader, units, forms, make_nominee, make_nomination
):
    (mine,) = _submitted(make_nomination, make_nominee, forms, ["Bà Một"])
    (theirs,) = _submitted(make_nomination, make_nominee, forms, ["Ông Xa"], ward=units["sibling"])
    response = login(ward_leader).post(
        reverse("awards:approvals"), {"picked": [mine.pk, theirs.pk], "action": "approve"}
    )
    assert response.status_code == 404
    assert _statuses(mine, theirs) == [Status.SUBMITTED, Status.SUBMITTED]


def test_a_nomination_of_another_level_in_the_selection_is_403_and_nothing_changes(
    login, people, ward_leader, forms, make_nominee, make_nomination
):
    (mine,) = _submitted(make_nomination, make_nominee, forms, ["Bà Một"])
    (province,) = _submitted(make_nomination, make_nominee, forms, ["Ông Tỉnh"], code="BKUBT")
    response = login(ward_leader).post(
        reverse("awards:approvals"), {"picked": [mine.pk, province.pk], "action": "approve"}
    )
    assert response.status_code == 403
    assert "Ông Tỉnh" in response.content.decode()
    assert _statuses(mine, province) == [Status.SUBMITTED, Status.SUBMITTED]


def test_the_ward_official_who_may_only_propose_gets_403(
    login, people, forms, make_nominee, make_nomination
):
    (mine,) = _submitted(make_nomination, make_nominee, forms, ["Bà Một"])
    response = login(people["ward_official"]).post(
        reverse("awards:approvals"), {"picked": [mine.pk], "action": "approve"}
    )
    assert response.status_code == 403
    assert _statuses(mine) == [Status.SUBMITTED]


# --------------------------------------------------------------------------- decisions


def test_every_approved_nomination_of_the_filter_goes_into_the_decision(
    login, ward_leader, forms, make_nominee, make_nomination, make_decision
):
    decision = make_decision(forms["GKUBP"])
    wanted = [
        make_nomination(forms["GKUBP"], nominee=make_nominee(f"Phạm Văn {i}"), status="approved")
        for i in range(23)
    ]
    left = make_nomination(forms["GKUBP"], nominee=make_nominee("Đỗ Thị Ngoài"), status="approved")
    client = login(ward_leader)
    url = reverse("awards:decision", args=[decision.pk])
    page = client.get(url, {"q": "Phạm"}).content.decode()
    assert "Chọn tất cả 23 theo bộ lọc" in page
    assert page.count("data-bulk-row") == 20
    client.post(url + "?q=Ph%E1%BA%A1m", {"all_matching": "1"})
    assert set(decision.nominations.values_list("pk", flat=True)) == {n.pk for n in wanted}
    left.refresh_from_db()
    assert left.decision is None


def test_unticking_a_member_takes_it_out_and_ticking_adds(
    login, ward_leader, forms, make_nominee, make_nomination, make_decision
):
    decision = make_decision(forms["GKUBP"])
    first, second = (
        make_nomination(forms["GKUBP"], nominee=make_nominee(name), status="approved")
        for name in ("Bà Một", "Bà Hai")
    )
    services.set_nominations(decision, [first])
    login(ward_leader).post(
        reverse("awards:decision", args=[decision.pk]), {"nominations": [second.pk]}
    )
    assert list(decision.nominations.values_list("pk", flat=True)) == [second.pk]


def test_a_tampered_candidate_of_another_ward_is_refused_and_nothing_is_added(
    login, ward_leader, units, forms, make_nominee, make_nomination, make_decision
):
    decision = make_decision(forms["GKUBP"])
    mine = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà Một"), status="approved")
    theirs = make_nomination(
        forms["GKUBP"], nominee=make_nominee("Ông Xa", ward=units["sibling"]), status="approved"
    )
    response = login(ward_leader).post(
        reverse("awards:decision", args=[decision.pk]), {"nominations": [mine.pk, theirs.pk]}
    )
    assert response.status_code == 404
    assert not decision.nominations.exists()


def test_a_nomination_not_yet_approved_is_refused_and_nothing_is_added(
    login, ward_leader, forms, make_nominee, make_nomination, make_decision
):
    decision = make_decision(forms["GKUBP"])
    ready = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà Một"), status="approved")
    waiting = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà Hai"), status="submitted")
    response = login(ward_leader).post(
        reverse("awards:decision", args=[decision.pk]),
        {"nominations": [ready.pk, waiting.pk]},
        follow=True,
    )
    assert "chưa được duyệt" in response.content.decode()
    assert not decision.nominations.exists()


def test_a_reader_of_the_decision_may_not_fill_it(
    login, people, forms, make_nominee, make_nomination, make_decision
):
    decision = make_decision(forms["GKUBP"])
    ready = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà Một"), status="approved")
    response = login(people["ward_official"]).post(
        reverse("awards:decision", args=[decision.pk]),
        {"all_matching": "1", "nominations": [ready.pk]},
    )
    assert response.status_code == 403
    assert not decision.nominations.exists()
    assert (
        login(people["outsider"]).post(reverse("awards:decision", args=[decision.pk])).status_code
        == 404
    )
