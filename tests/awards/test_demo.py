"""The demo festival and commendations that `dev.py run` loads for Cửa Ông."""

import io

import pytest
from django.core.management import call_command

from awards.models import Certificate, Decision
from dashboards import summaries
from dashboards.models import NominationYear
from festival.models import Festival, Status
from tests.register import seed_kinds

pytestmark = pytest.mark.django_db


def load_all():
    for command in ("load_demo", "load_festival_demo", "load_awards_demo"):
        call_command(command, stdout=io.StringIO())


def test_the_demo_ward_has_a_reported_festival_and_an_issued_decision():
    from awards.catalogue import seed_catalogue

    seed_kinds()
    seed_catalogue()
    load_all()
    load_all()  # safe to run again
    festival = Festival.objects.get(ward__code="06781", year=2026)
    assert festival.status == Status.REPORTED
    assert festival.pledge_signatories.count() == 12
    decision = Decision.objects.get(unit__code="06781", number=125)
    assert str(decision) == "Quyết định số 125/QĐ-UBND"
    assert decision.is_issued
    assert Certificate.objects.filter(decision=decision).count() == 10
    assert decision.presentations.get().ceremony.festival == festival
    # The dashboards' running totals follow everything the demo loads.
    assert summaries.rebuild() == {"schemes": 0, "activity": 0, "nominations": 0}
    assert NominationYear.objects.filter(ward__code="06781", awarded=10).exists()


def test_the_demo_decision_prints_ready_to_sign():
    from django.contrib.auth import get_user_model

    from awards.catalogue import seed_catalogue
    from documents.services import request_document
    from tests.fidelity import assert_sound_pdf, read_pdf

    seed_kinds()
    seed_catalogue()
    load_all()
    decision = Decision.objects.get(unit__code="06781", number=125)
    leader = get_user_model().objects.get(username="lanhdao.cuaong")
    job = request_document(leader, "awards.decision", decision, "pdf")
    assert job.status == "done", job.error
    job.file.open("rb")
    pdf = read_pdf(job.file.read())
    assert_sound_pdf(pdf)
    assert pdf.line("ỦY BAN NHÂN DÂN").bold
    assert pdf.line("PHƯỜNG CỬA ÔNG", page=1).bold
    assert pdf.line("Số: 125/QĐ-UBND")
    assert pdf.line("Cửa Ông, ngày 10 tháng 8 năm 2026").italic
    assert pdf.line("CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG CỬA ÔNG").bold
    text = pdf.flat
    assert "Xét đề nghị của Công an phường Cửa Ông." in text
    assert "cho 04 tập thể và 06 cá nhân (có danh sách kèm theo)" in text
    assert "Chủ tịch, các Phó Chủ tịch UBND phường Cửa Ông;" in text
    assert pdf.line("Phạm Quang Huy").top > pdf.line("CHỦ TỊCH").bottom
    for wrong in ("phường, xã", "Phường Cửa Ông", "UBND PHƯỜNG"):
        assert wrong not in pdf.text
