"""Rules that span several rows: groupings and the wards inside them; the ward profile (what
the register adds up to), reused by the ward page, the printed profile sheet and dashboards."""

import datetime
from collections import Counter
from dataclasses import asdict, dataclass
from dataclasses import field as dataclass_field

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from documents.vietnamese import natural_key, short_date
from wards.models import (
    Activity,
    ActivityType,
    AdministrativeUnit,
    FormerUnit,
    Level,
    ResidentialArea,
    Scheme,
    SchemeStatus,
    split_level_word,
)


def next_grouping_code(province: AdministrativeUnit) -> str:
    existing = AdministrativeUnit.objects.filter(
        parent=province, level=Level.DISTRICT, code__startswith=f"{province.code}-G"
    ).values_list("code", flat=True)
    numbers = [int(code.rsplit("G", 1)[1]) for code in existing if code.rsplit("G", 1)[1].isdigit()]
    return f"{province.code}-G{max(numbers, default=0) + 1}"


@transaction.atomic
def save_grouping(grouping: AdministrativeUnit, province: AdministrativeUnit, wards) -> None:
    """Save a grouping and make exactly ``wards`` its members; wards taken out go back
    directly under the province."""
    if not grouping.pk:
        grouping.code = next_grouping_code(province)
        grouping.level = Level.DISTRICT
        grouping.division_type = "cụm"
        grouping.parent = province
    grouping.save()
    chosen = {ward.pk for ward in wards}
    for ward in grouping.children.exclude(pk__in=chosen):
        ward.parent = province
        ward.save()
    for ward in wards:
        if ward.parent_id != grouping.pk:
            ward.parent = grouping
            ward.save()


def _former_district_name(former: FormerUnit, province: AdministrativeUnit) -> str:
    """ "Thị xã Điện Bàn cũ (tỉnh Quảng Nam)"; the province left out when it is the same."""
    if former.province.casefold() == province.title.casefold():
        return f"{former.district} cũ"
    word, proper = split_level_word(former.province)
    return f"{former.district} cũ ({word or ''} {proper})".replace("( ", "(")


def groupings_from_former_districts(province: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The province's groupings made from its former districts (``FormerUnit``): each ward
    goes to the district most of its former units were in (whole ones first). A ward already
    in a grouping stays where an administrator put it; a grouping of that name is reused.
    Returns the groupings that received wards."""
    wards = list(
        AdministrativeUnit.objects.filter(parent=province, level=Level.WARD).prefetch_related(
            "former_units"
        )
    )
    by_district: dict[str, list[AdministrativeUnit]] = {}
    for ward in wards:
        votes = Counter(
            _former_district_name(former, province)
            for former in ward.former_units.all()
            for _weight in range(3 if former.whole else 1)
        )
        if votes:
            district = max(votes, key=lambda name: (votes[name], name))
            by_district.setdefault(district, []).append(ward)
    existing = {
        g.name: g for g in AdministrativeUnit.objects.filter(parent=province, level=Level.DISTRICT)
    }
    made = []
    with transaction.atomic():
        for district in sorted(by_district, key=natural_key):
            name = district
            grouping = existing.get(name) or AdministrativeUnit(name=name)
            members = list(grouping.children.all()) if grouping.pk else []
            save_grouping(grouping, province, members + by_district[district])
            made.append(grouping)
    return made


# --------------------------------------------------------------------------- the ward profile

SUMMED_FIELDS = ("camera_count", "cameras_connected", "households", "extinguishers", "member_count")


@dataclass
class KindCount:
    kind_id: int
    code: str
    name: str
    counted_as: str  # "tổ hòa giải", for "16 tổ hòa giải"
    profile: str
    total: int  # existing schemes (active and suspended)
    active: int
    suspended: int
    # The typed columns of the kind, added up.
    sums: dict[str, int] = dataclass_field(default_factory=dict)


@dataclass
class AreaCount:
    area_id: int | None  # None: schemes of the whole ward
    name: str
    total: int
    by_kind: dict[int, int]  # kind_id -> schemes
    breakdown: str = ""  # "2 tổ tự quản ANTT, 1 tổ hòa giải"


@dataclass
class ActivityTotal:
    type: str
    label: str
    entries: int
    total: int  # sum of the entries' counts


@dataclass
class WardProfile:
    ward_id: int
    ward_code: str
    ward_title: str
    year: int | None
    schemes_total: int
    by_kind: list[KindCount]
    by_area: list[AreaCount]
    activity: list[ActivityTotal]

    @property
    def summary(self) -> str:
        """ "Phường Cửa Ông: 112 tổ tự quản ANTT, 16 tổ hòa giải, 3 camera an ninh"."""
        parts = [f"{row.total} {row.counted_as}" for row in self.by_kind if row.total]
        return f"{self.ward_title}: {', '.join(parts)}" if parts else self.ward_title

    def as_data(self) -> dict:
        """Plain JSON-able data, for document renderers."""
        return {**asdict(self), "summary": self.summary}


def ward_profile(ward: AdministrativeUnit, year: int | None = None) -> WardProfile:
    """What a ward's register adds up to, in four queries whatever its size.

    Schemes are counted as they are now (``year=None``) or as they stood at the end of
    ``year``; dissolved schemes are not counted. Activity is totalled over all time, or over
    ``year``.
    """
    schemes = Scheme.objects.filter(ward=ward).existing_in(year)
    # 1: counts and sums per kind, with the kind's own columns.
    kind_rows = (
        schemes.values("kind_id", "kind__code", "kind__name", "kind__profile", "kind__position")
        .annotate(
            total=Count("id"),
            active=Count("id", filter=Q(status=SchemeStatus.ACTIVE)),
            suspended=Count("id", filter=Q(status=SchemeStatus.SUSPENDED)),
            **{f"sum_{name}": Sum(name) for name in SUMMED_FIELDS},
        )
        .order_by("-total", "kind__position", "kind__name")
    )
    by_kind = []
    for row in kind_rows:
        name = row["kind__name"]
        by_kind.append(
            KindCount(
                kind_id=row["kind_id"],
                code=row["kind__code"],
                name=name,
                counted_as=f"{name[:1].lower()}{name[1:]}",
                profile=row["kind__profile"],
                total=row["total"],
                active=row["active"],
                suspended=row["suspended"],
                sums={
                    name: row[f"sum_{name}"]
                    for name in SUMMED_FIELDS
                    if row[f"sum_{name}"] is not None
                },
            )
        )
    # 2: counts per residential area and kind; 3: the ward's areas, so empty ones show too.
    per_area: dict[int | None, dict[int, int]] = {}
    for row in schemes.values("area_id", "kind_id").annotate(total=Count("id")).order_by():
        per_area.setdefault(row["area_id"], {})[row["kind_id"]] = row["total"]
    by_area = [
        AreaCount(
            area.pk, area.name, sum(per_area.get(area.pk, {}).values()), per_area.get(area.pk, {})
        )
        for area in sorted(
            ResidentialArea.objects.filter(ward=ward), key=lambda a: natural_key(a.name)
        )
    ]
    if None in per_area:
        by_area.append(AreaCount(None, "", sum(per_area[None].values()), per_area[None]))
    for area in by_area:
        area.breakdown = ", ".join(
            f"{area.by_kind[row.kind_id]} {row.counted_as}"
            for row in by_kind
            if row.kind_id in area.by_kind
        )
    # 4: activity totals per type.
    activity = Activity.objects.filter(ward=ward)
    if year is not None:
        activity = activity.filter(date__year=year)
    totals = {
        row["type"]: row
        for row in activity.values("type")
        .annotate(entries=Count("id"), total=Sum("count"))
        .order_by()
    }
    return WardProfile(
        ward_id=ward.pk,
        ward_code=ward.code,
        ward_title=ward.title,
        year=year,
        schemes_total=sum(row.total for row in by_kind),
        by_kind=by_kind,
        by_area=by_area,
        activity=[
            ActivityTotal(
                type=value,
                label=str(label),
                entries=totals[value]["entries"] if value in totals else 0,
                total=totals[value]["total"] if value in totals else 0,
            )
            for value, label in ActivityType.choices
        ],
    )


# --------------------------------------------------------------------------- audit trail

HIDDEN_HISTORY_FIELDS = {"id", "ward", "search_text", "created_at", "updated_at"}


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryEntry:
    when: datetime.datetime
    who: str
    action: str
    subject: str
    changes: list[Change]
    reason: str


def history_entries(*querysets) -> list[HistoryEntry]:
    """Who changed what and when, newest first, from simple_history querysets of any models.

    Each record is compared with the previous record of the same object, so one query per
    model fetches everything.
    """
    entries = []
    for queryset in querysets:
        records = list(queryset.select_related("history_user").order_by("history_date", "pk"))
        labels = _foreign_key_labels(records)
        previous: dict = {}
        for record in records:
            before = previous.get(record.id)
            previous[record.id] = record
            entries.append(_history_entry(record, before, labels))
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


_ACTIONS = {"+": _("Tạo"), "~": _("Sửa"), "-": _("Xóa")}


def _history_entry(record, before, labels) -> HistoryEntry:
    model = record.instance_type
    changes = []
    if record.history_type == "~" and before is not None:
        for change in record.diff_against(before).changes:
            if change.field in HIDDEN_HISTORY_FIELDS:
                continue
            field = model._meta.get_field(change.field)
            changes.append(
                Change(
                    str(field.verbose_name),
                    _history_value(field, change.old, labels),
                    _history_value(field, change.new, labels),
                )
            )
    user = record.history_user
    return HistoryEntry(
        when=record.history_date,
        who=_person(user),
        action=str(_ACTIONS.get(record.history_type, record.history_type)),
        subject=f"{model._meta.verbose_name}: {record.instance}",
        changes=changes,
        reason=record.history_change_reason or "",
    )


def _person(user) -> str:
    """ "Nguyễn Văn Hải": family name first, as Vietnamese names are written."""
    if user is None:
        return str(_("Hệ thống"))
    return " ".join(filter(None, [user.last_name, user.first_name])) or user.get_username()


def _foreign_key_labels(records) -> dict:
    """Names of the rows the records point to, one query per related model."""
    if not records:
        return {}
    model = records[0].instance_type
    wanted: dict = {}
    for field in model._meta.concrete_fields:
        if field.is_relation and field.name not in HIDDEN_HISTORY_FIELDS:
            ids = {getattr(r, field.attname) for r in records} - {None}
            if ids:
                wanted[field.name] = (field.related_model, ids)
    return {
        name: {obj.pk: str(obj) for obj in related.objects.filter(pk__in=ids)}
        for name, (related, ids) in wanted.items()
    }


def _history_value(field, value, labels) -> str:
    if value in (None, ""):
        return "—"
    if field.is_relation:
        return labels.get(field.name, {}).get(value, f"#{value}")
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, datetime.date):
        return short_date(value)
    return str(value)


# --------------------------------------------------------------------------- printed profile

# Tables for the printed ward profile sheet (wards/documents.py on the document pipeline): each
# builder returns one section {title, sheet (the workbook tab, at most 31 characters), columns,
# numeric (right-aligned columns), widths (mm, None for a share of the rest), rows, totals}.


def _sums_text(sums: dict[str, int]) -> str:
    labels = {
        "camera_count": gettext("camera"),
        "cameras_connected": gettext("kết nối Công an"),
        "households": gettext("hộ"),
        "extinguishers": gettext("bình chữa cháy"),
        "member_count": gettext("thành viên"),
    }
    return ", ".join(f"{sums[name]} {labels[name]}" for name in labels if name in sums)


def scheme_kind_section(profile: WardProfile) -> dict:
    rows = [
        [index, row.name, row.total, row.suspended, _sums_text(row.sums)]
        for index, row in enumerate(profile.by_kind, start=1)
    ]
    return {
        "title": gettext("Mô hình tự quản về ANTT theo loại"),
        "sheet": gettext("Mô hình theo loại"),
        "columns": [
            gettext("STT"),
            gettext("Loại mô hình"),
            gettext("Số mô hình"),
            gettext("Tạm ngừng"),
            gettext("Số liệu"),
        ],
        "numeric": [0, 2, 3],
        "widths": [12, None, 28, 28, None],
        "rows": rows,
        "totals": [
            "",
            gettext("Cộng"),
            profile.schemes_total,
            sum(row.suspended for row in profile.by_kind),
            "",
        ],
    }


def scheme_area_section(profile: WardProfile) -> dict:
    rows = [
        [index, area.name or gettext("Cả phường, xã"), area.total, area.breakdown]
        for index, area in enumerate(profile.by_area, start=1)
    ]
    return {
        "title": gettext("Mô hình tự quản theo khu dân cư"),
        "sheet": gettext("Mô hình theo khu dân cư"),
        "columns": [gettext("STT"), gettext("Khu dân cư"), gettext("Số mô hình"), gettext("Gồm")],
        "numeric": [0, 2],
        # The breakdown ("2 camera an ninh, 1 tổ hòa giải") is the longest text: the widest.
        "widths": [12, None, 28, None],
        "rows": rows,
        "totals": ["", gettext("Cộng"), profile.schemes_total, ""],
    }


def activity_section(profile: WardProfile) -> dict:
    year = profile.year
    rows = [
        [index, row.label, row.entries, row.total]
        for index, row in enumerate(profile.activity, start=1)
    ]
    return {
        "title": gettext("Kết quả hoạt động năm %(year)d") % {"year": year},
        "sheet": gettext("Hoạt động năm %(year)d") % {"year": year},
        "columns": [
            gettext("STT"),
            gettext("Loại hoạt động"),
            gettext("Số lần ghi"),
            gettext("Tổng số"),
        ],
        "numeric": [0, 2, 3],
        "widths": [12, None, 28, 28],
        "rows": rows,
        "totals": [
            "",
            gettext("Cộng"),
            sum(row.entries for row in profile.activity),
            sum(row.total for row in profile.activity),
        ],
    }


def register_sections(ward: AdministrativeUnit, year: int | None = None) -> list[dict]:
    """The register's tables of a printed profile: schemes by kind, by residential area, and
    the activity of ``year`` (this year by default), from one :func:`ward_profile` (schemes
    as they stand at the end of that year: for this year, today)."""
    profile = ward_profile(ward, year or timezone.localdate().year)
    return [scheme_kind_section(profile), scheme_area_section(profile), activity_section(profile)]
