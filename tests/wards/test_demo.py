"""The demo data: Cửa Ông's register as its festival reported it."""

import pytest
from django.core.management import call_command

from tests.register import seed_kinds
from wards.models import AdministrativeUnit, Scheme
from wards.services import ward_profile

pytestmark = pytest.mark.django_db


def test_the_demo_ward_reads_like_its_festival_report():
    seed_kinds()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    schemes = Scheme.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Scheme.objects.count() == schemes  # safe to run again
    profile = ward_profile(AdministrativeUnit.objects.get(code="06781"), 2025)
    assert profile.summary.startswith("Phường Cửa Ông: 112 tổ tự quản ANTT, 16 tổ hòa giải")
    assert Scheme.objects.filter(latitude__isnull=False).count() == 16
