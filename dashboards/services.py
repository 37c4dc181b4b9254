"""What the wards add up to, for a unit above them (one row per ward) or for one ward (one row
per residential area), beside the same period of the year before ("cùng kỳ").

Every figure comes from a handful of grouped queries (``values(...).annotate(...)`` with
conditional aggregates for this year and last year), so a province of 150 wards costs the same
number of queries as a grouping of three. Every queryset goes through ``scoped``.
"""

from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.vietnamese import natural_key, short_date
from wards.models import (
    Activity,
    ActivityType,
    AdministrativeUnit,
    Exemplar,
    ResidentialArea,
    Scheme,
    SchemeStatus,
)
from wards.scoping import scoped

# The Prime Minister named the festival day in 2005: no movement figures before it.
FIRST_YEAR = 2005
# Scheme markers on a ward's map; a unit's map has one marker per ward.
MAP_LIMIT = 2000


# --------------------------------------------------------------------------- periods


def _same_day(day: date, year: int) -> date:
    """``day`` in ``year``; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


@dataclass(frozen=True)
class Period:
    """1 January to 31 December, or to today for the current year."""

    year: int
    start: date
    end: date

    @property
    def is_full_year(self) -> bool:
        return self.end == date(self.year, 12, 31)

    @property
    def previous(self) -> "Period":
        """The same period a year earlier: "cùng kỳ"."""
        return Period(self.year - 1, date(self.year - 1, 1, 1), _same_day(self.end, self.year - 1))

    @property
    def label(self) -> str:
        if self.is_full_year:
            return _("năm %(year)d") % {"year": self.year}
        return _("từ %(start)s đến %(end)s") % {
            "start": short_date(self.start),
            "end": short_date(self.end),
        }


def period_for(year: int, today: date | None = None) -> Period:
    today = today or timezone.localdate()
    return Period(year, date(year, 1, 1), min(date(year, 12, 31), today))


def parse_year(value, today: date | None = None) -> int | None:
    """A year a dashboard can show (2005 to this year), or None."""
    today = today or timezone.localdate()
    text = str(value or "").strip()
    if not text.isdigit():
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= today.year else None


def year_choices(today: date | None = None) -> list[int]:
    today = today or timezone.localdate()
    return list(range(today.year, FIRST_YEAR - 1, -1))


# --------------------------------------------------------------------------- figures


@dataclass
class Pair:
    """A figure this period and the same period last year."""

    now: int = 0
    before: int = 0

    def add(self, now, before) -> None:
        self.now += now or 0
        self.before += before or 0

    def __add__(self, other: "Pair") -> "Pair":
        return Pair(self.now + other.now, self.before + other.before)

    @property
    def change(self) -> int:
        return self.now - self.before


def _total(pairs) -> Pair:
    return sum(pairs, Pair())


@dataclass
class KindColumn:
    id: int
    name: str
    profile: str
    position: int


@dataclass
class Row:
    """One ward (of a unit) or one residential area (of a ward), or the totals."""

    key: int | None
    name: str
    code: str = ""  # the ward's code, for the drill-down link
    group: str = ""  # the grouping a ward sits in
    schemes: dict[int, Pair] = field(default_factory=dict)  # kind id -> existing schemes
    new_schemes: Pair = field(default_factory=Pair)  # established in the period
    new_by_kind_id: dict[int, Pair] = field(default_factory=dict)
    activity: dict[str, Pair] = field(default_factory=dict)  # activity type -> sum of counts
    exemplars: dict[str, Pair] = field(default_factory=dict)  # individual / collective
    located: int = 0
    lat_sum: float = 0.0
    lng_sum: float = 0.0
    # Filled by finish(): the dictionaries as lists in column order, and their totals.
    by_kind: list[Pair] = field(default_factory=list)
    new_by_kind: list[Pair] = field(default_factory=list)
    by_type: list[Pair] = field(default_factory=list)
    schemes_total: Pair = field(default_factory=Pair)
    activity_total: Pair = field(default_factory=Pair)
    exemplars_total: Pair = field(default_factory=Pair)

    def finish(self, kinds: list[KindColumn], types: list[str]) -> None:
        self.by_kind = [self.schemes.get(kind.id, Pair()) for kind in kinds]
        self.new_by_kind = [self.new_by_kind_id.get(kind.id, Pair()) for kind in kinds]
        self.by_type = [self.activity.get(value, Pair()) for value in types]
        self.schemes_total = _total(self.schemes.values())
        self.activity_total = _total(self.activity.values())
        self.exemplars_total = _total(self.exemplars.values())

    def absorb(self, other: "Row") -> None:
        """Add another row's figures (for the totals row)."""
        for target, source in (
            (self.schemes, other.schemes),
            (self.new_by_kind_id, other.new_by_kind_id),
            (self.activity, other.activity),
            (self.exemplars, other.exemplars),
        ):
            for key, pair in source.items():
                target.setdefault(key, Pair()).add(pair.now, pair.before)
        self.new_schemes.add(other.new_schemes.now, other.new_schemes.before)
        self.located += other.located
        self.lat_sum += other.lat_sum
        self.lng_sum += other.lng_sum

    @property
    def overview(self) -> list[Pair]:
        return [self.schemes_total, self.new_schemes, self.activity_total, self.exemplars_total]

    @property
    def centre(self) -> tuple[float, float] | None:
        if not self.located:
            return None
        return self.lat_sum / self.located, self.lng_sum / self.located

    @property
    def has_data(self) -> bool:
        return bool(
            self.schemes_total.now
            or self.new_schemes.now
            or self.activity_total.now
            or self.exemplars_total.now
        )


@dataclass
class Dashboard:
    unit: AdministrativeUnit
    period: Period
    kinds: list[KindColumn]
    types: list[tuple[str, str]]  # activity types: value, label
    rows: list[Row]
    totals: Row
    months: list[Pair]  # activity per month, January first; None "now" after today
    markers: list[dict]

    @property
    def has_data(self) -> bool:
        return self.totals.has_data

    @property
    def previous(self) -> Period:
        return self.period.previous


def _existing_at(day: date) -> Q:
    """Schemes that existed on ``day`` (as ``SchemeQuerySet.existing_in`` at a year's end):
    established by then or undated, and not dissolved by then."""
    established = Q(established_on__isnull=True) | Q(established_on__lte=day)
    return established & (~Q(status=SchemeStatus.DISSOLVED) | Q(status_changed_on__gt=day))


def _collect_schemes(schemes, key: str, period: Period, rows: dict, kinds: dict) -> None:
    """One query: existing and new schemes per ``key`` and kind, this period and last year's,
    and the sum of located schemes' coordinates (the row's centre on the map)."""
    previous = period.previous
    located = _existing_at(period.end) & Q(latitude__isnull=False, longitude__isnull=False)
    result = (
        schemes.values(key, "kind_id", "kind__name", "kind__profile", "kind__position")
        .annotate(
            now=Count("pk", filter=_existing_at(period.end)),
            before=Count("pk", filter=_existing_at(previous.end)),
            new_now=Count("pk", filter=Q(established_on__range=(period.start, period.end))),
            new_before=Count("pk", filter=Q(established_on__range=(previous.start, previous.end))),
            located=Count("pk", filter=located),
            lat=Sum("latitude", filter=located),
            lng=Sum("longitude", filter=located),
        )
        .order_by()
    )
    for item in result:
        row = rows.get(item[key])
        if row is None:
            continue
        if item["now"] or item["before"] or item["new_now"] or item["new_before"]:
            row.schemes.setdefault(item["kind_id"], Pair()).add(item["now"], item["before"])
            row.new_by_kind_id.setdefault(item["kind_id"], Pair()).add(
                item["new_now"], item["new_before"]
            )
            kinds.setdefault(
                item["kind_id"],
                KindColumn(
                    item["kind_id"],
                    item["kind__name"],
                    item["kind__profile"],
                    item["kind__position"],
                ),
            )
        row.new_schemes.add(item["new_now"], item["new_before"])
        row.located += item["located"]
        row.lat_sum += float(item["lat"] or 0)
        row.lng_sum += float(item["lng"] or 0)


def _collect_activity(activities, key: str, period: Period, rows: dict) -> None:
    """One query: the sum of activity counts per ``key`` and type, this period and last year's."""
    previous = period.previous
    result = (
        activities.filter(date__gte=previous.start, date__lte=period.end)
        .values(key, "type")
        .annotate(
            now=Sum("count", filter=Q(date__gte=period.start)),
            before=Sum("count", filter=Q(date__lte=previous.end)),
        )
        .order_by()
    )
    for item in result:
        row = rows.get(item[key])
        if row is not None:
            row.activity.setdefault(item["type"], Pair()).add(item["now"], item["before"])


def _collect_exemplars(exemplars, key: str, period: Period, rows: dict) -> None:
    """One query: exemplary people and collectives recognised this year and last year."""
    result = (
        exemplars.filter(year__in=[period.year, period.year - 1])
        .values(key, "kind")
        .annotate(
            now=Count("pk", filter=Q(year=period.year)),
            before=Count("pk", filter=Q(year=period.year - 1)),
        )
        .order_by()
    )
    for item in result:
        row = rows.get(item[key])
        if row is not None:
            row.exemplars.setdefault(item["kind"], Pair()).add(item["now"], item["before"])


def _months(activities, period: Period) -> list[Pair]:
    """One query: activity per month, this year and all of last year."""
    result = (
        activities.filter(date__gte=date(period.year - 1, 1, 1), date__lte=period.end)
        .annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
        .values("y", "m")
        .annotate(total=Sum("count"))
        .order_by()
    )
    months = [Pair() for _month in range(12)]
    for item in result:
        pair = months[item["m"] - 1]
        if item["y"] == period.year:
            pair.now += item["total"]
        else:
            pair.before += item["total"]
    # Months after the period's end have no figure yet (the chart's line stops there).
    for index in range(period.end.month, 12):
        months[index].now = None
    return months


def _finish(unit, period, rows: list[Row], kinds: dict) -> Dashboard:
    columns = sorted(kinds.values(), key=lambda kind: (kind.position, kind.name))
    types = list(ActivityType.choices)
    type_values = [value for value, _label in types]
    totals = Row(None, _("Cộng"))
    for row in rows:
        row.finish(columns, type_values)
        totals.absorb(row)
    totals.finish(columns, type_values)
    return Dashboard(
        unit=unit,
        period=period,
        kinds=columns,
        types=[(value, str(label)) for value, label in types],
        rows=rows,
        totals=totals,
        months=[],
        markers=[],
    )


def unit_dashboard(user, unit: AdministrativeUnit, year: int, today: date | None = None):
    """One row per ward under ``unit``, in Vietnamese order, in five queries."""
    period = period_for(year, today)
    # 1: the wards.
    wards = scoped(user, AdministrativeUnit.objects.under(unit).wards()).select_related("parent")
    rows = {
        ward.pk: Row(
            ward.pk,
            ward.name,
            code=ward.code,
            group=ward.parent.name if ward.parent_id and ward.parent_id != unit.pk else "",
        )
        for ward in sorted(wards, key=lambda ward: natural_key(ward.name))
    }
    under = {"ward__path__startswith": unit.path}
    kinds: dict[int, KindColumn] = {}
    # 2: schemes; 3: activity; 4: exemplary people; 5: activity per month.
    _collect_schemes(scoped(user, Scheme.objects.filter(**under)), "ward_id", period, rows, kinds)
    activities = scoped(user, Activity.objects.filter(**under))
    _collect_activity(activities, "ward_id", period, rows)
    _collect_exemplars(scoped(user, Exemplar.objects.filter(**under)), "ward_id", period, rows)
    dashboard = _finish(unit, period, list(rows.values()), kinds)
    dashboard.months = _months(activities, period)
    dashboard.markers = _ward_markers(dashboard.rows)
    return dashboard


def _ward_markers(rows: list[Row]) -> list[dict]:
    """One marker per ward, at the centre of its located schemes."""
    markers = []
    for row in rows:
        centre = row.centre
        if centre is None:
            continue
        markers.append(
            {
                "lat": round(centre[0], 6),
                "lng": round(centre[1], 6),
                "name": row.name,
                "kind": _("%(count)d mô hình") % {"count": row.schemes_total.now},
                "profile": "generic",
                "ward": row.group,
                "url": reverse("dashboards:ward", args=[row.code]),
            }
        )
    return markers


def ward_dashboard(user, ward: AdministrativeUnit, year: int, today: date | None = None):
    """One row per residential area of ``ward`` (and one for what belongs to no area), in
    six queries."""
    period = period_for(year, today)
    # 1: the residential areas.
    areas = scoped(user, ResidentialArea.objects.filter(ward=ward))
    rows = {
        area.pk: Row(area.pk, area.name)
        for area in sorted(areas, key=lambda area: natural_key(area.name))
    }
    rows[None] = Row(None, _("Chung của phường, xã"))
    kinds: dict[int, KindColumn] = {}
    schemes = scoped(user, Scheme.objects.filter(ward=ward))
    activities = scoped(user, Activity.objects.filter(ward=ward))
    # 2: schemes; 3: activity; 4: exemplary people; 5: activity per month; 6: map markers.
    _collect_schemes(schemes, "area_id", period, rows, kinds)
    _collect_activity(activities, "scheme__area_id", period, rows)
    _collect_exemplars(scoped(user, Exemplar.objects.filter(ward=ward)), "area_id", period, rows)
    ordered = list(rows.values())
    dashboard = _finish(ward, period, ordered, kinds)
    # The row for the whole ward shows only when something is recorded there.
    if not (rows[None].has_data or rows[None].schemes_total.before):
        dashboard.rows = [row for row in ordered if row.key is not None]
    dashboard.months = _months(activities, period)
    dashboard.markers = _scheme_markers(schemes, ward, period)
    return dashboard


def _scheme_markers(schemes, ward, period: Period) -> list[dict]:
    located = (
        schemes.filter(_existing_at(period.end))
        .filter(latitude__isnull=False, longitude__isnull=False)
        .values("pk", "name", "kind__name", "kind__profile", "latitude", "longitude")
        .order_by("kind__position", "name")[:MAP_LIMIT]
    )
    return [
        {
            "lat": float(item["latitude"]),
            "lng": float(item["longitude"]),
            "name": item["name"],
            "kind": item["kind__name"],
            "profile": item["kind__profile"],
            "ward": ward.name,
            "url": reverse("wards:scheme", args=[item["pk"]]),
        }
        for item in located
    ]


@dataclass
class FigureTable:
    """A table of a dashboard (a tab on the page, a sheet in the workbook): a column per
    label, a line per row with its figures, and the totals."""

    key: str
    title: str
    labels: list[str]
    lines: list[tuple[Row, list[Pair]]]
    totals: list[Pair]


def figure_tables(dashboard: Dashboard) -> list[FigureTable]:
    specs = [
        (
            "overview",
            _("Tổng quan"),
            [_("Mô hình tự quản"), _("Mới thành lập"), _("Kết quả hoạt động"), _("Điển hình")],
            attrgetter("overview"),
        ),
        (
            "kinds",
            _("Mô hình theo loại"),
            [kind.name for kind in dashboard.kinds],
            attrgetter("by_kind"),
        ),
        (
            "activity",
            _("Hoạt động"),
            [label for _value, label in dashboard.types],
            attrgetter("by_type"),
        ),
    ]
    return [
        FigureTable(
            key,
            title,
            labels,
            [(row, figures(row)) for row in dashboard.rows],
            figures(dashboard.totals),
        )
        for key, title, labels, figures in specs
    ]
