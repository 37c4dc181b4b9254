"""Load the national list of provinces and wards (structure in force since 1 July 2025).

Idempotent: units are matched by their national code, names and types are brought up to date,
and nothing is deleted. A ward that an administrator moved into a grouping stays there unless
the national list moves it to another province.
"""

import csv
import gzip
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from wards.models import AdministrativeUnit, FormerUnit, Level

# The Government's conversion table from the former units to the new ones (see its README).
FORMER_UNITS_CSV = Path(__file__).resolve().parents[2] / "data" / "former_units_2025.csv.gz"


def _strip_type(name: str, division_type: str) -> str:
    """ "Phường Cửa Ông" → "Cửa Ông"; "Thành phố Hà Nội" → "Hà Nội"."""
    prefix = {"thành phố trung ương": "thành phố"}.get(division_type, division_type)
    if name.lower().startswith(prefix + " "):
        return name[len(prefix) + 1 :]
    return name


class Command(BaseCommand):
    help = "Nạp danh mục tỉnh, thành phố và phường, xã, đặc khu (từ 01/7/2025)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            default=[],
            help="Only this province code (repeatable); default: the whole country.",
        )

    def handle(self, *args, province: list[str], **options) -> None:
        data = json.loads(NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
        if province:
            wanted = {str(int(code)) for code in province}
            data = [p for p in data if str(p["code"]) in wanted]
            if not data:
                raise CommandError(f"No province with code {', '.join(province)}.")
        counts = {"created": 0, "updated": 0, "unchanged": 0}
        with transaction.atomic():
            existing = {u.code: u for u in AdministrativeUnit.objects.select_related("parent")}
            for item in data:
                prov = self._upsert(existing, item, Level.PROVINCE, None, counts)
                for ward in item["wards"]:
                    self._upsert(existing, ward, Level.WARD, prov, counts)
            former = load_former_units(
                {f"{ward['code']:05d}" for item in data for ward in item["wards"]}
            )
        self.stdout.write(
            self.style.SUCCESS(
                "Provinces: {p}, wards: {w}; created {created}, updated {updated}, "
                "unchanged {unchanged}; former units: {former}.".format(
                    p=len(data), w=sum(len(p["wards"]) for p in data), former=former, **counts
                )
            )
        )

    def _upsert(self, existing, item, level, province, counts) -> AdministrativeUnit:
        code = f"{item['code']:02d}" if level == Level.PROVINCE else f"{item['code']:05d}"
        fields = {
            "name": _strip_type(item["name"], item["division_type"]),
            "division_type": item["division_type"],
            "level": level,
            "is_national": True,
        }
        unit = existing.get(code)
        if unit is None:
            unit = AdministrativeUnit(code=code, parent=province, **fields)
            unit.save()
            existing[code] = unit
            counts["created"] += 1
            return unit
        changed = [name for name, value in fields.items() if getattr(unit, name) != value]
        for name in changed:
            setattr(unit, name, fields[name])
        if province is not None and not unit.is_under(province):
            unit.parent = province
            changed.append("parent")
        if changed:
            unit.save()
            counts["updated"] += 1
        else:
            counts["unchanged"] += 1
        return unit


def load_former_units(codes: set[str]) -> int:
    """The pre-2025 units that went into the wards ``codes``, and each ward's ``former_names``
    line. Derived data: brought in line with the table on every run."""
    with gzip.open(FORMER_UNITS_CSV, "rt", encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["new_code"] in codes]
    units = {u.code: u for u in AdministrativeUnit.objects.filter(code__in=codes)}
    FormerUnit.objects.filter(unit__code__in=codes).delete()
    former = [
        FormerUnit(
            unit=units[row["new_code"]],
            code=row["old_code"],
            name=row["old_name"],
            district=row["old_district"],
            district_code=row["old_district_code"],
            province=row["old_province"],
            whole=row["whole"] == "1",
        )
        for row in rows
        if row["new_code"] in units
    ]
    FormerUnit.objects.bulk_create(former, batch_size=1000)
    names: dict[str, list[str]] = {}
    for item in sorted(former, key=lambda f: (not f.whole, f.code)):
        names.setdefault(item.unit.code, []).append(item.official_name)
    changed = []
    for code, unit in units.items():
        line = ", ".join(dict.fromkeys(names.get(code, ())))
        if unit.former_names != line:
            unit.former_names = line
            changed.append(unit)
    AdministrativeUnit.objects.bulk_update(changed, ["former_names"], batch_size=500)
    return len(former)
