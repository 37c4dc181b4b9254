"""Decisions stored before signers were kept per unit still print with their signer."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("awards", "0004_ceremony"), ("wards", "0006_unit_sort_name")]
AFTER = [("awards", "0005_decision_signer_and_wording")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_typed_signer_names_become_the_units_signers():
    apps = _migrate(BEFORE)
    try:
        unit = apps.get_model("wards", "AdministrativeUnit").objects.create(
            code="90001", name="An", level="ward", division_type="phường", path="90001/"
        )
        form = apps.get_model("awards", "AwardForm").objects.create(
            code="GKX", title="GIẤY KHEN", name="Giấy khen thử", authority="Chủ tịch", level="ward"
        )
        Decision = apps.get_model("awards", "Decision")
        common = {"unit": unit, "form": form, "symbol": "QĐ-UBND", "place": "An"}
        common["authority"] = "Ủy ban nhân dân phường An"
        for number, name, title in (
            (1, "Trần Văn Bình", "CHỦ TỊCH"),
            (2, "Trần Văn Bình", "CHỦ TỊCH"),
            (3, "Nguyễn Thị Xuân", "PHÓ CHỦ TỊCH"),
        ):
            Decision.objects.create(
                number=number,
                date=date(2025, 8, 12),
                signer_name=name,
                signer_title=title,
                **common,
            )

        apps = _migrate(AFTER)
        Signer = apps.get_model("wards", "Signer")
        assert sorted(Signer.objects.values_list("name", "title")) == [
            ("Nguyễn Thị Xuân", "Phó Chủ tịch"),
            ("Trần Văn Bình", "Chủ tịch"),
        ]
        signed = {
            d.number: (d.signer.name, d.signer_capacity)
            for d in apps.get_model("awards", "Decision").objects.select_related("signer")
        }
        assert signed == {
            1: ("Trần Văn Bình", ""),
            2: ("Trần Văn Bình", ""),
            3: ("Nguyễn Thị Xuân", "kt"),
        }
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
