"""The synthetic province for benchmarks, built small."""

import io

import pytest
from django.core.management import CommandError, call_command

from awards.catalogue import seed_catalogue
from awards.models import Nomination
from dashboards import summaries
from dashboards.services import unit_dashboard
from festival.models import Festival
from tests.conftest import make_user
from tests.register import seed_kinds
from wards.models import Activity, AdministrativeUnit, Exemplar, Level, Role, Scheme


@pytest.fixture
def small_province(db):
    seed_kinds()
    seed_catalogue()
    call_command(
        "build_synthetic_province",
        code="97",
        wards=12,
        wards_per_grouping=5,
        schemes=300,
        activities=2_000,
        exemplars=40,
        nominations=90,
        stdout=io.StringIO(),
    )
    return AdministrativeUnit.objects.get(code="97")


def test_it_builds_the_province_with_its_groupings_and_rows(small_province):
    wards = AdministrativeUnit.objects.under(small_province).wards()
    assert wards.count() == 12
    assert (
        AdministrativeUnit.objects.filter(parent=small_province, level=Level.DISTRICT).count() == 3
    )
    assert all(ward.path.startswith("97/97-G") for ward in wards)
    assert Scheme.objects.filter(ward__in=wards).count() == 300
    assert Activity.objects.filter(ward__in=wards).count() == 2_000
    assert Exemplar.objects.filter(ward__in=wards).count() == 40
    assert Nomination.objects.filter(nominee__ward__in=wards).count() == 90
    assert Festival.objects.filter(ward__in=wards).exists()
    # Searchable like schemes saved through the forms.
    assert Scheme.objects.filter(ward__in=wards).search("to tu quan").exists()


def test_the_dashboard_adds_up_the_synthetic_rows(small_province):
    user = make_user("tinh.97", Role.STAFF, small_province)
    year = Activity.objects.latest("date").date.year
    dashboard = unit_dashboard(user, small_province, year)
    assert len(dashboard.rows) == 12
    counted = sum(
        Activity.objects.filter(ward__path__startswith="97/", date__year=year).values_list(
            "count", flat=True
        )
    )
    assert dashboard.totals.activity_total.now == counted
    assert dashboard.totals.nominated_total.now == (
        Nomination.objects.filter(nominee__ward__path__startswith="97/", year=year)
        .exclude(status="draft")
        .count()
    )
    # Written in bulk, counted into the running totals at the end: a recount finds them right.
    assert summaries.rebuild() == {"schemes": 0, "activity": 0, "nominations": 0}


def test_it_refuses_a_code_already_taken(small_province):
    with pytest.raises(CommandError, match="Đã có đơn vị mã 97"):
        call_command("build_synthetic_province", code="97", wards=2)
