"""The national unit list, loaded from the vietnam-provinces package's real data."""

import pytest
from django.core.management import call_command

from wards.models import AdministrativeUnit, Level, ResidentialArea
from wards.services import save_grouping

pytestmark = pytest.mark.django_db


def load(*args):
    call_command("load_units", *args, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_loads_the_34_provinces_and_3321_wards_of_july_2025():
    load()
    assert AdministrativeUnit.objects.filter(level=Level.PROVINCE).count() == 34
    assert AdministrativeUnit.objects.filter(level=Level.WARD).count() == 3321
    hanoi = AdministrativeUnit.objects.get(code="01")
    assert hanoi.title == "Thành phố Hà Nội"
    cua_ong = AdministrativeUnit.objects.get(code="06781")
    assert (cua_ong.name, cua_ong.title) == ("Cửa Ông", "Phường Cửa Ông")
    assert cua_ong.parent.title == "Tỉnh Quảng Ninh"
    assert cua_ong.path == "22/06781/"
    assert AdministrativeUnit.objects.get(code="06688").name == "Hạ Long"
    special = AdministrativeUnit.objects.filter(division_type="đặc khu")
    assert special.count() == 13
    assert "Vân Đồn" in set(special.values_list("name", flat=True))


def test_reloading_is_idempotent_and_keeps_user_data():
    load("--province", "22")
    quang_ninh = AdministrativeUnit.objects.get(code="22")
    cua_ong = AdministrativeUnit.objects.get(code="06781")
    grouping = AdministrativeUnit(name="Thành phố Cẩm Phả (cũ)")
    save_grouping(grouping, quang_ninh, [cua_ong])
    ResidentialArea.objects.create(ward=cua_ong, kind="khu_pho", name="Khu 1")
    cua_ong.name = "Tên sai"
    cua_ong.save()
    before = AdministrativeUnit.objects.count()

    load("--province", "22")

    cua_ong.refresh_from_db()
    assert AdministrativeUnit.objects.count() == before
    assert cua_ong.name == "Cửa Ông"  # the national name is brought back
    assert cua_ong.parent == grouping  # but the ward stays in the user's grouping
    assert cua_ong.path == f"22/{grouping.code}/06781/"
    assert ResidentialArea.objects.filter(ward=cua_ong, name="Khu 1").exists()
    assert AdministrativeUnit.objects.filter(pk=grouping.pk).exists()


def test_unknown_province_code_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No province with code 77"):
        load("--province", "77")
