from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from awards import services
from awards.models import (
    BaseSalary,
    Certificate,
    DecisionStatus,
    Nomination,
    RecipientKind,
    SerialCounter,
    Status,
)

# --------------------------------------------------------------------------- catalogue seeds


def test_seeded_catalogue_has_the_six_forms_with_decree_152_coefficients(forms):
    assert set(forms) == {"KCC", "BKBCA", "BKUBT", "GKCAT", "GKCUM", "GKUBP"}
    medal = forms["KCC"]
    assert medal.once_per_person
    assert not medal.for_collectives
    assert medal.coefficient_individual == Decimal("0.6")
    assert forms["BKUBT"].coefficient_individual == Decimal("1.5")
    assert forms["GKUBP"].coefficient_individual == Decimal("0.3")
    assert [f.code for f in sorted(forms.values(), key=lambda f: f.rank)][:2] == ["KCC", "BKBCA"]
    assert all(hasattr(form, "layout") for form in forms.values())


def test_base_salary_rows_from_the_seed(forms):
    assert BaseSalary.in_force_on(date(2024, 7, 1)).amount == 2_340_000
    assert BaseSalary.in_force_on(date(2024, 6, 30)).amount == 1_800_000
    assert BaseSalary.in_force_on(date(2019, 1, 1)) is None


# --------------------------------------------------------------------------- rewards


@pytest.mark.parametrize(
    ("code", "kind", "day", "expected"),
    [
        ("GKUBP", RecipientKind.INDIVIDUAL, date(2024, 6, 30), 540_000),
        ("GKUBP", RecipientKind.INDIVIDUAL, date(2024, 7, 1), 702_000),
        ("GKUBP", RecipientKind.COLLECTIVE, date(2024, 7, 1), 1_404_000),
        ("BKUBT", RecipientKind.INDIVIDUAL, date(2024, 6, 30), 2_700_000),
        ("BKUBT", RecipientKind.INDIVIDUAL, date(2024, 7, 1), 3_510_000),
        ("KCC", RecipientKind.INDIVIDUAL, date(2025, 8, 19), 1_404_000),
    ],
)
def test_reward_uses_the_base_salary_in_force_on_the_decision_date(
    forms, code, kind, day, expected
):
    assert services.reward_amount(forms[code], kind, day) == expected


def test_reward_rounding_is_a_setting(forms, settings):
    form = forms["GKUBP"]
    form.coefficient_individual = Decimal("0.35")  # 0.35 × 2,340,000 = 819,000
    settings.AWARDS_REWARD_ROUNDING = 10_000
    assert services.reward_amount(form, RecipientKind.INDIVIDUAL, date(2025, 1, 1)) == 820_000
    form.coefficient_individual = Decimal("0.3125")  # 731,250: a half rounds up
    settings.AWARDS_REWARD_ROUNDING = 500
    assert services.reward_amount(form, RecipientKind.INDIVIDUAL, date(2025, 1, 1)) == 731_500
    settings.AWARDS_REWARD_ROUNDING = 1
    assert services.reward_amount(form, RecipientKind.INDIVIDUAL, date(2025, 1, 1)) == 731_250


def test_reward_before_any_base_salary_is_refused(forms):
    with pytest.raises(ValidationError, match="Chưa có mức lương cơ sở"):
        services.reward_amount(forms["GKUBP"], RecipientKind.INDIVIDUAL, date(2018, 1, 1))


# --------------------------------------------------------------------------- checks


def test_a_form_refuses_a_kind_of_recipient_it_does_not_allow(forms, make_nominee):
    team = make_nominee("Tổ tuần tra nhân dân khu phố 3", kind=RecipientKind.COLLECTIVE)
    nomination = Nomination(
        nominee=team, form=forms["KCC"], year=2025, achievements="x", proposing_unit="UBND"
    )
    with pytest.raises(ValidationError) as error:
        nomination.full_clean()
    assert "không tặng cho tập thể" in str(error.value)


def test_no_second_nomination_for_the_same_form_and_year(forms, make_nomination):
    first = make_nomination(forms["GKUBP"])
    again = Nomination(
        nominee=first.nominee,
        form=forms["GKUBP"],
        year=2025,
        achievements="x",
        proposing_unit="UBND",
    )
    with pytest.raises(ValidationError, match="đã được đề nghị hình thức khen thưởng này"):
        again.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        again.save()
    # Another year is a new nomination.
    again.year = 2026
    again.full_clean()


def test_once_per_person_refuses_a_holder_recorded_before(forms, make_nominee):
    veteran = make_nominee("Lê Thị Mai")
    veteran.prior_awards.add(forms["KCC"])
    nomination = Nomination(
        nominee=veteran, form=forms["KCC"], year=2025, achievements="x", proposing_unit="UBND"
    )
    with pytest.raises(ValidationError, match="chỉ tặng một lần"):
        nomination.full_clean()


def test_once_per_person_refuses_a_holder_from_an_issued_decision(
    forms, make_nomination, make_decision, units, people
):
    given = make_nomination(forms["KCC"], status=Status.APPROVED, year=2024)
    decision = make_decision(forms["KCC"], unit=units["province"], symbol="QĐ-BCA")
    services.set_nominations(decision, [given])
    services.issue(people["province"], decision)
    later = Nomination(
        nominee=given.nominee, form=forms["KCC"], year=2025, achievements="x", proposing_unit="U"
    )
    with pytest.raises(ValidationError, match="chỉ tặng một lần"):
        later.full_clean()
    # The same holder may still get a form that is not once-per-person.
    other = make_nomination(forms["GKUBP"], nominee=given.nominee)
    other.full_clean()


def test_warning_when_nominated_at_several_levels_in_a_year(forms, make_nomination):
    ward_level = make_nomination(forms["GKUBP"])
    assert services.level_warning(ward_level) is None
    make_nomination(forms["BKUBT"], nominee=ward_level.nominee)
    warning = services.level_warning(ward_level)
    assert "còn được đề nghị ở cấp khác" in warning
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in warning
    # Another year does not count.
    assert services.level_warning(make_nomination(forms["GKCAT"], year=2020)) is None


# --------------------------------------------------------------------------- levels


def test_approving_unit_per_issuing_level(forms, units, make_nominee):
    ward = units["ward"]
    assert services.approving_unit(forms["KCC"], ward) == units["province"]
    assert services.approving_unit(forms["BKUBT"], ward) == units["province"]
    assert services.approving_unit(forms["GKCUM"], ward) == units["grouping"]
    assert services.approving_unit(forms["GKUBP"], ward) == ward
    # A commune directly under the province has no grouping.
    assert services.approving_unit(forms["GKCUM"], units["commune"]) is None


@pytest.mark.parametrize(
    ("code", "approver", "allowed"),
    [
        ("GKUBP", "ward_leader", True),
        ("GKUBP", "district", False),
        ("GKUBP", "province", False),
        ("GKCUM", "district", True),
        ("GKCUM", "province", False),
        ("BKUBT", "province", True),
        ("BKUBT", "district", False),
        ("KCC", "province", True),
        ("KCC", "ward_leader", False),
        ("BKUBT", "ward_official", False),
    ],
)
def test_only_the_issuing_level_approves(
    forms, people, ward_leader, make_nomination, code, approver, allowed
):
    user = ward_leader if approver == "ward_leader" else people[approver]
    nomination = make_nomination(forms[code], status=Status.SUBMITTED)
    if allowed:
        services.approve(user, nomination)
        nomination.refresh_from_db()
        assert nomination.status == Status.APPROVED
    else:
        with pytest.raises(services.Refused) as refused:
            services.approve(user, nomination)
        assert "xét" in str(refused.value)
        nomination.refresh_from_db()
        assert nomination.status == Status.SUBMITTED


def test_national_refusal_names_the_province(forms, people, make_nomination):
    nomination = make_nomination(forms["KCC"], status=Status.SUBMITTED)
    reason = services.approval_refusal(people["district"], nomination)
    assert "Bộ Công an" in reason
    assert "Tỉnh Thử" in reason


# --------------------------------------------------------------------------- workflow


def test_draft_to_submitted_to_returned_to_approved(forms, people, ward_leader, make_nomination):
    nomination = make_nomination(forms["GKUBP"])
    services.submit(people["ward_official"], nomination)
    assert nomination.status == Status.SUBMITTED
    with pytest.raises(ValidationError, match="Cần ghi lý do"):
        services.send_back(ward_leader, nomination, "  ")
    services.send_back(ward_leader, nomination, "Bổ sung thành tích năm 2025")
    nomination.refresh_from_db()
    assert (nomination.status, nomination.reason) == (
        Status.RETURNED,
        "Bổ sung thành tích năm 2025",
    )
    services.submit(people["ward_official"], nomination)
    services.approve(ward_leader, nomination)
    nomination.refresh_from_db()
    assert nomination.status == Status.APPROVED
    assert nomination.reason == ""
    with pytest.raises(ValidationError, match="đã được xử lý"):
        services.approve(ward_leader, nomination)


def test_reject_needs_no_reason(forms, ward_leader, make_nomination):
    nomination = make_nomination(forms["GKUBP"], status=Status.SUBMITTED)
    services.send_back(ward_leader, nomination, "", reject=True)
    nomination.refresh_from_db()
    assert nomination.status == Status.REJECTED


# --------------------------------------------------------------------------- decisions


def _issued(forms, make_nomination, make_decision, user, names, code="GKUBP", **extra):
    nominations = [
        make_nomination(forms[code], nominee=nominee, status=Status.APPROVED) for nominee in names
    ]
    decision = make_decision(forms[code], **extra)
    services.set_nominations(decision, nominations)
    return services.issue(user, decision)


def test_issue_assigns_sequential_serials_in_list_order(
    forms, ward_leader, make_nominee, make_nomination, make_decision
):
    people_ = [make_nominee(name) for name in ["Trần Văn Bình", "Lê Thị An", "Nguyễn Văn An"]]
    team = make_nominee("Tổ hòa giải khu phố 2", kind=RecipientKind.COLLECTIVE)
    decision = _issued(forms, make_nomination, make_decision, ward_leader, [*people_, team])
    assert decision.status == DecisionStatus.ISSUED
    serials = list(
        Certificate.objects.filter(decision=decision).values_list(
            "nomination__nominee__name", "serial"
        )
    )
    assert serials == [
        ("Tổ hòa giải khu phố 2", "GKUBP-2025-000001"),
        ("Lê Thị An", "GKUBP-2025-000002"),
        ("Nguyễn Văn An", "GKUBP-2025-000003"),
        ("Trần Văn Bình", "GKUBP-2025-000004"),
    ]
    rewards = dict(Certificate.objects.values_list("nomination__nominee__name", "reward"))
    assert rewards["Lê Thị An"] == 702_000
    assert rewards["Tổ hòa giải khu phố 2"] == 1_404_000
    codes = set(Certificate.objects.values_list("code", flat=True))
    assert len(codes) == 4
    assert all(len(code) >= 22 for code in codes)
    certificate = Certificate.objects.first()
    assert certificate.qr_url.endswith(f"/verify/{certificate.code}/")
    rows = certificate.qr_matrix.split("\n")
    assert len(rows) == len(rows[0]) >= 21
    assert rows[0].startswith("1111111")  # the finder pattern


def test_a_second_decision_continues_the_numbering_and_a_new_year_restarts_it(
    forms, ward_leader, make_nominee, make_nomination, make_decision
):
    _issued(forms, make_nomination, make_decision, ward_leader, [make_nominee("A Văn Một")])
    _issued(
        forms, make_nomination, make_decision, ward_leader, [make_nominee("B Văn Hai")], number=126
    )
    _issued(
        forms,
        make_nomination,
        make_decision,
        ward_leader,
        [make_nominee("C Văn Ba")],
        number=1,
        day=date(2026, 1, 5),
    )
    assert sorted(Certificate.objects.values_list("serial", flat=True)) == [
        "GKUBP-2025-000001",
        "GKUBP-2025-000002",
        "GKUBP-2026-000001",
    ]


def test_issuing_again_changes_nothing(
    forms, ward_leader, make_nominee, make_nomination, make_decision
):
    decision = _issued(
        forms, make_nomination, make_decision, ward_leader, [make_nominee(), make_nominee("Bà B")]
    )
    before = list(Certificate.objects.values_list("serial", "code"))
    services.issue(ward_leader, decision)
    # Even the assignment itself, run again inside a transaction, adds nothing.
    with transaction.atomic():
        assert services.assign_certificates(decision) == []
    assert list(Certificate.objects.values_list("serial", "code")) == before
    assert SerialCounter.objects.get().last_number == 2


def test_an_issue_that_dies_halfway_leaves_no_serial_and_the_retry_has_no_gap(
    forms, ward_leader, make_nominee, make_nomination, make_decision
):
    nominations = [
        make_nomination(forms["GKUBP"], nominee=make_nominee(name), status=Status.APPROVED)
        for name in ["Đỗ Văn Một", "Đỗ Văn Hai", "Đỗ Văn Ba"]
    ]
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(decision, nominations)
    # With the base salary table emptied the rewards cannot be computed: the issue fails
    # inside its transaction, after the serial counter was created and locked.
    salaries = list(BaseSalary.objects.values("amount", "effective_from"))
    BaseSalary.objects.all().delete()
    with pytest.raises(ValidationError):
        services.issue(ward_leader, decision)
    assert not Certificate.objects.exists()
    assert SerialCounter.objects.filter(last_number__gt=0).count() == 0
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.DRAFT
    BaseSalary.objects.bulk_create([BaseSalary(**row) for row in salaries])
    services.issue(ward_leader, decision)
    assert sorted(Certificate.objects.values_list("number", flat=True)) == [1, 2, 3]


def test_an_issued_decision_is_locked(
    forms, ward_leader, make_nominee, make_nomination, make_decision
):
    decision = _issued(forms, make_nomination, make_decision, ward_leader, [make_nominee()])
    decision.place = "Nơi khác"
    with pytest.raises(ValidationError, match="đã ban hành nên không sửa được"):
        decision.save()
    nomination = decision.nominations.get()
    nomination.achievements = "Sửa sau khi ban hành"
    with pytest.raises(ValidationError, match="đã ban hành"):
        nomination.save()
    extra = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà C"), status=Status.APPROVED)
    with pytest.raises(ValidationError, match="đã ban hành"):
        services.set_nominations(decision, [nomination, extra])
    extra.decision = decision
    with pytest.raises(ValidationError, match="đã ban hành"):
        extra.save()
    with pytest.raises(ValidationError, match="đã ban hành"):
        decision.delete()


def test_only_approved_candidates_join_a_decision(
    forms, make_nominee, make_nomination, make_decision, units
):
    approved = make_nomination(forms["GKUBP"], status=Status.APPROVED)
    draft = make_nomination(forms["GKUBP"], nominee=make_nominee("Bà D"))
    elsewhere = make_nomination(
        forms["GKUBP"], nominee=make_nominee("Ông E", ward=units["sibling"]), status=Status.APPROVED
    )
    decision = make_decision(forms["GKUBP"])
    assert list(services.candidates(decision)) == [approved]
    for wrong in (draft, elsewhere):
        with pytest.raises(ValidationError, match="chưa được duyệt"):
            services.set_nominations(decision, [approved, wrong])
    services.set_nominations(decision, [approved])
    assert list(decision.nominations.all()) == [approved]


def test_an_empty_decision_is_not_issued(forms, ward_leader, make_decision):
    decision = make_decision(forms["GKUBP"])
    with pytest.raises(ValidationError, match="chưa có tập thể, cá nhân"):
        services.issue(ward_leader, decision)


def test_issue_at_the_wrong_level_is_refused(forms, people, make_nomination, make_decision):
    decision = make_decision(forms["GKUBP"])
    services.set_nominations(decision, [make_nomination(forms["GKUBP"], status=Status.APPROVED)])
    with pytest.raises(services.Refused):
        services.issue(people["district"], decision)


def test_decision_numbers_are_unique_per_authority_and_year(forms, make_decision):
    make_decision(forms["GKUBP"])
    with pytest.raises(IntegrityError), transaction.atomic():
        make_decision(forms["GKUBP"])
    make_decision(forms["GKUBP"], day=date(2026, 3, 1))
    make_decision(forms["GKUBP"], authority="Ủy ban nhân dân phường Bình")
