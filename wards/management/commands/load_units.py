"""Load the national list of provinces and wards (structure in force since 1 July 2025).

Idempotent: units are matched by their national code, names and types are brought up to date,
and nothing is deleted. A ward that an administrator moved into a grouping stays there unless
the national list moves it to another province.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from vietnam_provinces import NESTED_DIVISIONS_JSON_PATH

from wards.models import AdministrativeUnit, Level


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
        self.stdout.write(
            self.style.SUCCESS(
                "Provinces: {p}, wards: {w}; created {created}, updated {updated}, "
                "unchanged {unchanged}.".format(
                    p=len(data), w=sum(len(p["wards"]) for p in data), **counts
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
