"""Helpers for tests of the register: the seeded scheme kinds, schemes, sheets.

Shared by tests/wards and tests/e2e (and any app whose tests need schemes)."""

import importlib
import io
from datetime import date

from django.apps import apps
from openpyxl import Workbook

from wards.models import Activity, ResidentialArea, Scheme, SchemeKind

_seed = importlib.import_module("wards.migrations.0003_seed_scheme_kinds").seed


def seed_kinds() -> dict[str, SchemeKind]:
    """The kinds the data migration seeds; again, since a live-server test flushes tables."""
    _seed(apps, None)
    return {kind.code: kind for kind in SchemeKind.objects.all()}


def make_areas(ward, names=("Khu 1", "Khu 2", "Khu 3")) -> dict[str, ResidentialArea]:
    return {
        name: ResidentialArea.objects.create(ward=ward, kind="khu_pho", name=name) for name in names
    }


def make_scheme(ward, kind: SchemeKind, name: str, **fields) -> Scheme:
    defaults = {
        "cameras": {"camera_count": 4, "cameras_connected": 2},
        "fire_group": {"households": 10, "extinguishers": 10},
        "fire_point": {"equipment": "Bình bột, vòi"},
        "patrol": {"member_count": 6},
        "mediation": {"member_count": 5},
        "mailbox": {"mailbox_location": "Nhà văn hoá"},
        "generic": {},
    }[kind.profile]
    scheme = Scheme(ward=ward, kind=kind, name=name, **{**defaults, **fields})
    scheme.full_clean()
    scheme.save()
    return scheme


def make_activity(ward, scheme=None, **fields) -> Activity:
    values = {"date": date(2025, 5, 1), "type": "tip_off", "count": 1, **fields}
    return Activity.objects.create(ward=ward, scheme=scheme, **values)


def sheet(headers, rows, title=None) -> io.BytesIO:
    """An .xlsx file in memory, as an official would save it from Excel."""
    workbook = Workbook()
    ws = workbook.active
    if title:
        ws.title = title
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "so.xlsx"
    return buffer


DEMO_PASSWORD = "ngayhoi2025"  # README, "Demo accounts"


def load_demo_data() -> None:
    """The three demo loaders, as `dev.py` runs them: Quảng Ninh's units, people and register,
    Cửa Ông's festivals, its nominations and decision."""
    from django.core.management import call_command

    from awards.catalogue import seed_catalogue

    seed_kinds()
    seed_catalogue()  # a test that flushed the database took the migration's rows with it
    for command in ("load_demo", "load_festival_demo", "load_awards_demo"):
        call_command(command, stdout=io.StringIO())
