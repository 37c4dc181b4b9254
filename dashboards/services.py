"""What the wards add up to, for a unit above them (one row per ward) or for one ward (one row
per residential area), beside the same period of the year before ("cùng kỳ").

Every figure comes from a handful of grouped queries (``values(...).annotate(...)`` with
conditional aggregates for this year and last year), so a province of 150 wards costs the same
number of queries as a grouping of three. Every queryset goes through ``scoped``.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, FloatField, Max, Q, Sum, Value
from django.db.models.functions import Cast
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
    SchemeKind,
    SchemeStatus,
)
from wards.scoping import scoped, user_scope

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
    code: str = ""  # the ward's code
    url: str = ""  # the ward's dashboard, for the drill-down link
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


def _scheme_figures(schemes, key: str, period: Period) -> list[tuple]:
    """One query: existing and new schemes per ``key`` and kind, this period and last year's,
    and the sum of located schemes' coordinates (the row's centre on the map). Grouped by ids
    alone: grouping by the kind's name too made PostgreSQL sort 20,000 rows by text."""
    previous = period.previous
    located = _existing_at(period.end) & Q(latitude__isnull=False, longitude__isnull=False)
    return list(
        schemes.values(key, "kind_id")
        .annotate(
            now=Count("pk", filter=_existing_at(period.end)),
            before=Count("pk", filter=_existing_at(previous.end)),
            new_now=Count("pk", filter=Q(established_on__range=(period.start, period.end))),
            new_before=Count("pk", filter=Q(established_on__range=(previous.start, previous.end))),
            located=Count("pk", filter=located),
            lat=Sum(Cast("latitude", FloatField()), filter=located),
            lng=Sum(Cast("longitude", FloatField()), filter=located),
        )
        .order_by()
        .values_list(
            key, "kind_id", "now", "before", "new_now", "new_before", "located", "lat", "lng"
        )
    )


def _activity_figures(activities, key: str, period: Period) -> list[tuple]:
    """One query: the sum of activity counts per ``key`` and type, this period and last year's."""
    previous = period.previous
    return list(
        activities.filter(date__gte=previous.start, date__lte=period.end)
        .values(key, "type")
        .annotate(
            now=Sum("count", filter=Q(date__gte=period.start)),
            before=Sum("count", filter=Q(date__lte=previous.end)),
        )
        .order_by()
        .values_list(key, "type", "now", "before")
    )


def _daily_activity(activities, period: Period) -> list[tuple]:
    """One query: activity per day, this year and all of last year (by the date itself:
    extracting the month in the database cost half as much again)."""
    return list(
        activities.filter(date__gte=date(period.year - 1, 1, 1), date__lte=period.end)
        .values("date")
        .annotate(total=Sum("count"))
        .order_by()
        .values_list("date", "total")
    )


def _exemplar_figures(exemplars, key: str, period: Period) -> list[tuple]:
    """One query: exemplary people and collectives recognised this year and last year."""
    return list(
        exemplars.filter(year__in=[period.year, period.year - 1])
        .values(key, "kind")
        .annotate(
            now=Count("pk", filter=Q(year=period.year)),
            before=Count("pk", filter=Q(year=period.year - 1)),
        )
        .order_by()
        .values_list(key, "kind", "now", "before")
    )


class _Builder:
    """Adds the grouped figures to their rows and to the totals (of the rows shown)."""

    def __init__(self, unit, period: Period, rows: dict):
        self.unit = unit
        self.period = period
        self.rows = rows
        self.totals = Row(None, _("Cộng"))
        self.kinds: dict[int, KindColumn] = {}

    def _targets(self, key):
        row = self.rows.get(key)
        return () if row is None else (row, self.totals)

    def schemes(self, figures, kinds: dict[int, KindColumn]) -> None:
        for key, kind, now, before, new_now, new_before, located, lat, lng in figures:
            for row in self._targets(key):
                if now or before or new_now or new_before:
                    row.schemes.setdefault(kind, Pair()).add(now, before)
                    row.new_by_kind_id.setdefault(kind, Pair()).add(new_now, new_before)
                    self.kinds.setdefault(kind, kinds[kind])
                row.new_schemes.add(new_now, new_before)
                row.located += located
                row.lat_sum += lat or 0.0
                row.lng_sum += lng or 0.0

    def activity(self, figures) -> None:
        for key, type_, now, before in figures:
            for row in self._targets(key):
                row.activity.setdefault(type_, Pair()).add(now, before)

    def exemplars(self, figures) -> None:
        for key, kind, now, before in figures:
            for row in self._targets(key):
                row.exemplars.setdefault(kind, Pair()).add(now, before)

    def months(self, daily) -> list[Pair]:
        months = [Pair() for _month in range(12)]
        for day, total in daily:
            pair = months[day.month - 1]
            if day.year == self.period.year:
                pair.now += total
            else:
                pair.before += total
        # Months after the period's end have no figure yet (the chart's line stops there).
        for index in range(self.period.end.month, 12):
            months[index].now = None
        return months

    def dashboard(self, daily) -> Dashboard:
        columns = sorted(self.kinds.values(), key=lambda kind: (kind.position, kind.name))
        types = [(value, str(label)) for value, label in ActivityType.choices]
        type_values = [value for value, _label in types]
        rows = list(self.rows.values())
        for row in [*rows, self.totals]:
            row.finish(columns, type_values)
        return Dashboard(
            unit=self.unit,
            period=self.period,
            kinds=columns,
            types=types,
            rows=rows,
            totals=self.totals,
            months=self.months(daily),
            markers=[],
        )


def _kinds() -> dict[int, KindColumn]:
    return {
        kind.pk: KindColumn(kind.pk, kind.name, kind.profile, kind.position)
        for kind in SchemeKind.objects.all()
    }


def register_version() -> str:
    """One query: the latest change to any scheme or activity entry. Every path that writes
    them keeps their history (forms, the admin, the Excel import), so the aggregated figures
    cached under this version are those of the current rows."""
    latest = [
        model.history.model.objects.order_by()
        .annotate(table=Value(model._meta.model_name))
        .values("table")
        .annotate(last_id=Max("history_id"), last_at=Max("history_date"))
        .values_list("table", "last_id", "last_at")
        for model in (Activity, Scheme)
    ]
    found = {
        table: f"{last_id}@{last_at}" for table, last_id, last_at in latest[0].union(latest[1])
    }
    return "|".join(found.get(model._meta.model_name, "-") for model in (Activity, Scheme))


def _cached(user, parts: tuple, compute):
    """``compute()`` (the grouped figures of schemes and activity), kept in the cache under
    ``parts`` and the register's version: the three heaviest queries of a dashboard (90 ms
    for a province of 200,000 activity entries) run once per change of the register."""
    scope = user_scope(user).unit
    raw = repr((scope.path if scope else "*", *parts, register_version()))
    key = "dashboards:figures:" + hashlib.sha256(raw.encode()).hexdigest()
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, settings.DASHBOARDS_CACHE_SECONDS)
    return figures


def unit_dashboard(user, unit: AdministrativeUnit, year: int, today: date | None = None):
    """One row per ward under ``unit``, in Vietnamese order, in four queries, and three more
    when the register has changed since they were last counted."""
    period = period_for(year, today)
    # 1: the wards.
    wards = scoped(user, AdministrativeUnit.objects.under(unit).wards()).select_related("parent")
    url = ward_dashboard_url()
    rows = {
        ward.pk: Row(
            ward.pk,
            ward.name,
            code=ward.code,
            url=url(ward.code),
            group=ward.parent.name if ward.parent_id and ward.parent_id != unit.pk else "",
        )
        for ward in sorted(wards, key=lambda ward: natural_key(ward.name))
    }
    under = {"ward__path__startswith": unit.path}
    schemes = scoped(user, Scheme.objects.filter(**under))
    activities = scoped(user, Activity.objects.filter(**under))
    # 2, 3, 4 (once per change of the register): schemes, activity, activity per day.
    scheme_figures, activity_figures, daily = _cached(
        user,
        ("unit", unit.path, period, tuple(rows)),
        lambda: (
            _scheme_figures(schemes, "ward_id", period),
            _activity_figures(activities, "ward_id", period),
            _daily_activity(activities, period),
        ),
    )
    builder = _Builder(unit, period, rows)
    # 5: the kinds; 6: exemplary people.
    builder.schemes(scheme_figures, _kinds())
    builder.activity(activity_figures)
    builder.exemplars(
        _exemplar_figures(scoped(user, Exemplar.objects.filter(**under)), "ward_id", period)
    )
    dashboard = builder.dashboard(daily)
    dashboard.markers = _ward_markers(dashboard.rows)
    return dashboard


def ward_dashboard_url():
    """code -> the address of that ward's dashboard, without resolving the URL per ward."""
    template = reverse("dashboards:ward", args=["CODE"])
    return lambda code: template.replace("CODE", code)


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
                "url": row.url,
            }
        )
    return markers


def ward_dashboard(user, ward: AdministrativeUnit, year: int, today: date | None = None):
    """One row per residential area of ``ward`` (and one for what belongs to no area), in
    five queries, and three more when the register has changed."""
    period = period_for(year, today)
    # 1: the residential areas.
    areas = scoped(user, ResidentialArea.objects.filter(ward=ward))
    rows = {
        area.pk: Row(area.pk, area.name)
        for area in sorted(areas, key=lambda area: natural_key(area.name))
    }
    rows[None] = Row(None, _("Chung của phường, xã"))
    schemes = scoped(user, Scheme.objects.filter(ward=ward))
    activities = scoped(user, Activity.objects.filter(ward=ward))
    # 2, 3, 4 (once per change of the register): schemes, activity, activity per day.
    scheme_figures, activity_figures, daily = _cached(
        user,
        ("ward", ward.pk, period),
        lambda: (
            _scheme_figures(schemes, "area_id", period),
            _activity_figures(activities, "scheme__area_id", period),
            _daily_activity(activities, period),
        ),
    )
    builder = _Builder(ward, period, rows)
    # 5: the kinds; 6: exemplary people; 7: located schemes for the map.
    builder.schemes(scheme_figures, _kinds())
    builder.activity(activity_figures)
    builder.exemplars(
        _exemplar_figures(scoped(user, Exemplar.objects.filter(ward=ward)), "area_id", period)
    )
    dashboard = builder.dashboard(daily)
    # The row for the whole ward shows only when something is recorded there.
    if not (rows[None].has_data or rows[None].schemes_total.before):
        dashboard.rows = [row for row in dashboard.rows if row.key is not None]
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
