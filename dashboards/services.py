"""What the wards add up to, for a unit above them (one row per ward) or for one ward (one row
per residential area), beside the same period of the year before ("cùng kỳ"): schemes by
kind, activity, exemplary people, the festival and commendations by form.

The figures come from the grouped queries of dashboards/figures.py, so a province of 150
wards costs the same number of queries as a grouping of three. Every queryset goes through
``scoped``.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import Nomination
from dashboards import cache as dashboard_cache
from dashboards import figures
from dashboards.figures import FESTIVAL_RESULTS, Period
from dashboards.models import ActivityMonth, NominationYear, SchemeYear
from documents.vietnamese import natural_key, short_date
from festival.models import Festival
from festival.models import Status as FestivalStatus
from wards.models import (
    Activity,
    ActivityType,
    AdministrativeUnit,
    Exemplar,
    Level,
    ResidentialArea,
    Scheme,
    marker_legend,
)
from wards.scoping import scoped

# The Prime Minister named the festival day in 2005: no movement figures before it.
FIRST_YEAR = 2005
# Scheme markers on a ward's map; a unit's map has one marker per ward.
MAP_LIMIT = 2000
WARD_MARKER = {
    "code": "ward",
    "name": gettext_lazy("Phường, xã (giữa các mô hình có vị trí)"),
    "colour": "#8b1a1a",
    "icon": "geo-alt-fill",
}

# --------------------------------------------------------------------------- periods


def period_for(year: int, today: date | None = None) -> Period:
    today = today or timezone.localdate()
    end = min(date(year, 12, 31), today)
    return Period(year, date(year, 1, 1), end, ends_today=end == today)


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


@dataclass(slots=True)
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


# A figure absent from a row, shared: templates and reports only read it.
_ZERO = Pair()


def _total(pairs) -> Pair:
    pairs = list(pairs)
    return Pair(sum(pair.now for pair in pairs), sum(pair.before for pair in pairs))


def _add(mapping: dict, column, now: int, before: int) -> None:
    """Add a figure to ``mapping[column]``. Added, not set: a figure may come in two parts
    (say, whole months and the month begun)."""
    pair = mapping.get(column)
    if pair is None:
        mapping[column] = Pair(now, before)
    else:
        pair.now += now
        pair.before += before


def _pair(mapping: dict, key) -> Pair:
    pair = mapping.get(key)
    if pair is None:
        pair = mapping[key] = Pair()
    return pair


@dataclass(slots=True)
class Column:
    """A scheme kind or an award form, as a column of the tables."""

    id: int
    name: str
    profile: str
    position: int


@dataclass(slots=True)
class FestivalInfo:
    """A ward's festival of one year, with its side events' results added up."""

    pk: int
    year: int
    date: date
    status: str
    venue: str
    attendance: int | None
    is_pilot: bool
    results: dict[str, int]

    @property
    def status_label(self) -> str:
        return str(FestivalStatus(self.status).label)

    @property
    def is_held(self) -> bool:
        return self.status in (FestivalStatus.HELD, FestivalStatus.REPORTED)

    @property
    def url(self) -> str:
        return reverse("festival:detail", args=[self.pk])

    @property
    def summary(self) -> str:
        """ "19/08/2024 — Đã tổ chức"."""
        return f"{short_date(self.date)} — {self.status_label}"


@dataclass(slots=True)
class Row:
    """One ward (of a unit) or one residential area (of a ward), or the totals."""

    key: int | None
    name: str
    code: str = ""  # the ward's code
    url: str = ""  # the ward's dashboard, for the drill-down link
    group: str = ""  # the grouping a ward sits in
    former: str = ""  # the former units it took in, for searches by an old name
    schemes: dict[int, Pair] = field(default_factory=dict)  # kind id -> existing schemes
    new_schemes: Pair = field(default_factory=Pair)  # established in the period
    new_by_kind_id: dict[int, Pair] = field(default_factory=dict)
    activity: dict[str, Pair] = field(default_factory=dict)  # activity type -> sum of counts
    exemplars: dict[str, Pair] = field(default_factory=dict)  # individual / collective
    nominated: dict[int, Pair] = field(default_factory=dict)  # award form id -> nominations
    awarded: dict[int, Pair] = field(default_factory=dict)  # award form id -> awarded
    festival: FestivalInfo | None = None
    festival_before: FestivalInfo | None = None
    festivals_held: Pair = field(default_factory=Pair)
    attendance: Pair = field(default_factory=Pair)
    festival_results: dict[str, Pair] = field(default_factory=dict)
    located: int = 0
    lat_sum: float = 0.0
    lng_sum: float = 0.0
    # Filled by finish(): the dashboard's columns (kinds, activity types, forms), and totals.
    columns: tuple = ((), (), ())
    schemes_total: Pair = field(default_factory=Pair)
    activity_total: Pair = field(default_factory=Pair)
    exemplars_total: Pair = field(default_factory=Pair)
    nominated_total: Pair = field(default_factory=Pair)
    awarded_total: Pair = field(default_factory=Pair)

    def finish(self, columns: tuple) -> None:
        self.columns = columns
        self.schemes_total = _total(self.schemes.values())
        self.activity_total = _total(self.activity.values())
        self.exemplars_total = _total(self.exemplars.values())
        self.nominated_total = _total(self.nominated.values())
        self.awarded_total = _total(self.awarded.values())

    # The dictionaries as lists in column order, built when a table or a report asks (a
    # province's page shows one table of six).
    @property
    def by_kind(self) -> list[Pair]:
        return [self.schemes.get(kind.id, _ZERO) for kind in self.columns[0]]

    @property
    def new_by_kind(self) -> list[Pair]:
        return [self.new_by_kind_id.get(kind.id, _ZERO) for kind in self.columns[0]]

    @property
    def by_type(self) -> list[Pair]:
        return [self.activity.get(value, _ZERO) for value in self.columns[1]]

    @property
    def nominated_by_form(self) -> list[Pair]:
        return [self.nominated.get(form.id, _ZERO) for form in self.columns[2]]

    @property
    def awarded_by_form(self) -> list[Pair]:
        return [self.awarded.get(form.id, _ZERO) for form in self.columns[2]]

    @property
    def festival_results_list(self) -> list[Pair]:
        return [self.festival_results.get(name, _ZERO) for name in FESTIVAL_RESULTS]

    @property
    def centre(self) -> tuple[float, float] | None:
        if not self.located:
            return None
        return self.lat_sum / self.located, self.lng_sum / self.located

    @property
    def has_data(self) -> bool:
        return any(
            pair.now
            for pair in (
                self.schemes_total,
                self.new_schemes,
                self.activity_total,
                self.exemplars_total,
                self.nominated_total,
                self.festivals_held,
            )
        ) or bool(self.festival)


@dataclass(slots=True)
class Dashboard:
    unit: AdministrativeUnit
    period: Period
    kinds: list[Column]
    types: list[tuple[str, str]]  # activity types: value, label
    forms: list[Column]  # award forms with nominations this year or last
    rows: list[Row]
    totals: Row
    months: list[Pair]  # activity per month, January first; None "now" after today
    markers: list[dict] = field(default_factory=list)
    map_kinds: dict[str, dict] = field(default_factory=dict)  # the map's legend
    # A ward's own festivals (a unit's are on its rows).
    festival: FestivalInfo | None = None
    festival_before: FestivalInfo | None = None

    @property
    def has_data(self) -> bool:
        return self.totals.has_data

    @property
    def previous(self) -> Period:
        return self.period.previous

    @property
    def is_ward(self) -> bool:
        """A ward's dashboard (rows are its residential areas)."""
        return self.unit.level == Level.WARD


class _Builder:
    """Adds the grouped figures to their rows and to the totals (of the rows shown)."""

    def __init__(self, unit, period: Period, rows: dict):
        self.unit = unit
        self.period = period
        self.rows = rows
        self.totals = Row(None, _("Cộng"))
        self.all_columns = {"kind": {}, "form": {}}
        for table, pk, name, profile, position in figures.columns():
            self.all_columns[table][pk] = Column(pk, name, profile, position)
        self.kinds: dict[int, Column] = {}
        self.forms: dict[int, Column] = {}
        self.festivals: dict[int, FestivalInfo] = {}  # a ward's own, by year

    # Each grouped query has one line per row and column (or two: see _add), added to its
    # row and to the totals. A province's page adds some 5,000 lines: the loops are plain.

    def schemes(self, grouped) -> None:
        kinds, totals, rows = self.all_columns["kind"], self.totals, self.rows
        total_schemes, total_new = totals.schemes, totals.new_by_kind_id
        for key, kind, now, before, new_now, new_before, located, lat, lng in grouped:
            row = rows.get(key)
            if row is None:
                continue
            now, before, new_now, new_before = now or 0, before or 0, new_now or 0, new_before or 0
            if now or before:
                row.schemes[kind] = Pair(now, before)  # one line per (row, kind): merged in SQL
                _add(total_schemes, kind, now, before)
            if new_now or new_before:
                row.new_by_kind_id[kind] = Pair(new_now, new_before)
                _add(total_new, kind, new_now, new_before)
            if kind not in self.kinds:
                self.kinds[kind] = kinds[kind]
            for target in (row, totals):
                target.new_schemes.now += new_now
                target.new_schemes.before += new_before
                target.located += located or 0
                target.lat_sum += lat or 0.0
                target.lng_sum += lng or 0.0

    def _pairs(self, attribute: str, grouped) -> None:
        """Lines of (key, column, now, before) into ``attribute`` of their rows (a line may
        come in two parts: see _add)."""
        rows, totals = self.rows, getattr(self.totals, attribute)
        for key, column, now, before in grouped:
            if not (now or before):
                continue
            row = rows.get(key)
            if row is None:
                continue
            now, before = now or 0, before or 0
            mapping = getattr(row, attribute)
            pair = mapping.get(column)
            if pair is None:
                mapping[column] = Pair(now, before)
            else:
                pair.now += now
                pair.before += before
            pair = totals.get(column)
            if pair is None:
                totals[column] = Pair(now, before)
            else:
                pair.now += now
                pair.before += before

    def activity(self, grouped) -> None:
        self._pairs("activity", grouped)

    def exemplars(self, grouped) -> None:
        self._pairs("exemplars", grouped)

    def awards(self, grouped) -> None:
        grouped = list(grouped)
        forms = self.all_columns["form"]
        for form in {line[1] for line in grouped} - self.forms.keys():
            self.forms[form] = forms[form]
        self._pairs("nominated", (line[:4] for line in grouped))
        self._pairs("awarded", (line[:2] + line[4:] for line in grouped))

    def festivals_of(self, grouped, own_ward: bool = False) -> None:
        """Festivals on their ward's row, or (``own_ward``) of the ward whose areas are the
        rows: then on the dashboard and in the totals only."""
        for item in grouped:
            info = FestivalInfo(
                pk=item["pk"],
                year=item["year"],
                date=item["date"],
                status=item["status"],
                venue=item["venue"],
                attendance=item["attendance"],
                is_pilot=item["is_pilot"],
                results={name: item[name] or 0 for name in FESTIVAL_RESULTS},
            )
            now = info.year == self.period.year
            row = None if own_ward else self.rows.get(item["ward_id"])
            if row is None and not own_ward:
                continue
            targets = (self.totals,) if own_ward else (row, self.totals)
            if own_ward:
                self.festivals[info.year] = info
            for row in targets:
                if row is not self.totals:
                    setattr(row, "festival" if now else "festival_before", info)
                held = 1 if info.is_held else 0
                row.festivals_held.add(*((held, 0) if now else (0, held)))
                attendance = info.attendance or 0
                row.attendance.add(*((attendance, 0) if now else (0, attendance)))
                for name, value in info.results.items():
                    _pair(row.festival_results, name).add(*((value, 0) if now else (0, value)))

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
        def ordered(columns):
            return sorted(columns.values(), key=lambda column: (column.position, column.name))

        # A kind whose figures cancel out (founded and dissolved before both periods, counted
        # in two parts) has no column.
        totals = self.totals
        counted = {
            pk: kind
            for pk, kind in self.kinds.items()
            if totals.schemes.get(pk, _ZERO) != _ZERO
            or totals.new_by_kind_id.get(pk, _ZERO) != _ZERO
        }
        kinds, forms = ordered(counted), ordered(self.forms)
        types = [(value, str(label)) for value, label in ActivityType.choices]
        type_values = [value for value, _label in types]
        rows = list(self.rows.values())
        columns = (kinds, type_values, forms)
        for row in [*rows, self.totals]:
            row.finish(columns)
        return Dashboard(
            unit=self.unit,
            period=self.period,
            kinds=kinds,
            types=types,
            forms=forms,
            rows=rows,
            totals=self.totals,
            months=self.months(daily),
            festival=self.festivals.get(self.period.year),
            festival_before=self.festivals.get(self.period.year - 1),
        )


def unit_dashboard(user, unit: AdministrativeUnit, year: int, today: date | None = None):
    """One row per ward under ``unit``, in Vietnamese order, in nine queries whatever the
    number of wards (five when no ward's rows changed since the last view): from the wards'
    running totals."""
    period = period_for(year, today)
    # 1: the wards (and 2, in cached_by_ward: their tokens).
    wards = scoped(user, AdministrativeUnit.objects.under(unit).wards()).select_related("parent")
    url = _ward_dashboard_url()
    rows = {
        ward.pk: Row(
            ward.pk,
            ward.name,
            code=ward.code,
            url=url(ward.code),
            group=ward.parent.name if ward.parent_id and ward.parent_id != unit.pk else "",
            former=ward.former_names,
        )
        for ward in sorted(wards, key=lambda ward: natural_key(ward.name))
    }
    under = {"ward__path__startswith": unit.path}

    def count(missing):
        """3 schemes by ward and kind, 4 activity by ward and type, 5 by ward and month, 6
        nominations by ward and form: of the wards ``missing`` (None: all)."""
        lookups = under if missing is None else {**under, "ward_id__in": missing}
        schemes = scoped(user, Scheme.objects.filter(**lookups))
        scheme_years = scoped(user, SchemeYear.objects.filter(**lookups))
        activities = scoped(user, Activity.objects.filter(**lookups))
        monthly = scoped(user, ActivityMonth.objects.filter(**lookups))
        nominations = scoped(user, NominationYear.objects.filter(**lookups))
        return {
            "schemes": figures.scheme_totals(scheme_years, schemes, "ward_id", period),
            "activity": figures.activity_totals(monthly, activities, "ward_id", period),
            "daily": figures.monthly_activity(monthly, "ward_id", period),
            "awards": figures.award_totals(nominations, "ward_id", period),
        }

    # The wards' lines from the cache, in chunks, until a row of one of them changes: queries
    # 3 to 6 count only the chunks that changed, and are not made when none did; 7 to 9
    # (_build).
    grouped = dashboard_cache.cached_by_ward(unit, rows, ("unit", period), count)
    grouped = {name: grouped.get(name, []) for name in ("schemes", "activity", "awards")} | {
        "daily": [line[1:] for line in grouped.get("daily", [])]
    }
    dashboard = _build(
        user, _Builder(unit, period, rows), _Grouping(rows=under, by="ward_id"), **grouped
    )
    dashboard.markers = _ward_markers(dashboard.rows)
    dashboard.map_kinds = {WARD_MARKER["code"]: WARD_MARKER} if dashboard.markers else {}
    return dashboard


@dataclass(slots=True)
class _Grouping:
    """Which rows a dashboard counts (lookups) and how it groups them (field)."""

    rows: dict  # schemes, exemplary people, festivals
    by: str
    own_ward: bool = False  # the festivals are the ward's own, not its rows'


def _build(user, builder: "_Builder", grouping: _Grouping, *, schemes, activity, daily, awards):
    """A dashboard from the grouped ``schemes``, ``activity``, ``daily`` activity and
    ``awards`` given, and three queries more: 6 the kinds and forms (in _Builder),
    7 exemplary people and 8 festivals, each grouped by row."""
    period = builder.period
    builder.schemes(schemes)
    builder.activity(activity)
    builder.awards(awards)
    exemplars = scoped(user, Exemplar.objects.filter(**grouping.rows))
    builder.exemplars(figures.exemplars(exemplars, grouping.by, period))
    festivals = scoped(user, Festival.objects.filter(**grouping.rows))
    builder.festivals_of(
        figures.festivals(festivals, "ward_id", period), own_ward=grouping.own_ward
    )
    return builder.dashboard(daily)


def _ward_dashboard_url():
    """code -> the address of that ward's dashboard, without resolving the URL per ward."""
    template = reverse("dashboards:ward", args=["CODE"])
    return lambda code: template.replace("CODE", code)


def _ward_markers(rows: list[Row]) -> list[dict]:
    """One marker per ward, at the centre of its located schemes."""
    count = _("%(count)d mô hình")
    markers = []
    for row in rows:
        centre = row.centre
        if centre is None:
            continue
        total = row.schemes_total.now
        markers.append(
            {
                "lat": round(centre[0], 6),
                "lng": round(centre[1], 6),
                "name": row.name,
                "kind": WARD_MARKER["code"],
                "detail": " — ".join(filter(None, [count % {"count": total}, row.group])),
                "url": row.url,
            }
        )
    return markers


def ward_dashboard(user, ward: AdministrativeUnit, year: int, today: date | None = None):
    """One row per residential area of ``ward`` (and one for what belongs to no area), in
    nine queries."""
    period = period_for(year, today)
    # 1: the residential areas.
    areas = scoped(user, ResidentialArea.objects.filter(ward=ward))
    rows = {
        area.pk: Row(area.pk, area.name)
        for area in sorted(areas, key=lambda area: natural_key(area.name))
    }
    rows[None] = Row(None, _("Chung của phường, xã"))
    ward_rows = {"ward": ward}
    schemes = scoped(user, Scheme.objects.filter(**ward_rows))
    activities = scoped(user, Activity.objects.filter(**ward_rows))
    nominations = scoped(user, Nomination.objects.filter(nominee__ward=ward))
    # 2 schemes by area and kind, 3 activity by area and type, 4 by day, 5 nominations by area
    # and form (from the cache until a row of the ward changes); 6 to 8 (_build); 9 located
    # schemes for the map.
    grouped = dashboard_cache.cached(
        user,
        ward,
        ("ward", period),
        lambda: {
            "schemes": figures.schemes(schemes, "area_id", period),
            "activity": figures.activity(activities, "scheme__area_id", period),
            "daily": figures.daily_activity(activities, period),
            "awards": figures.awards(nominations, "nominee__area_id", period),
        },
    )
    dashboard = _build(
        user,
        _Builder(ward, period, rows),
        _Grouping(rows=ward_rows, by="area_id", own_ward=True),
        **grouped,
    )
    # The row for the whole ward shows only when something is recorded there.
    common = rows[None]
    if not (common.has_data or common.schemes_total.before or common.activity_total.before):
        dashboard.rows = [row for row in dashboard.rows if row.key is not None]
    dashboard.markers, dashboard.map_kinds = _scheme_markers(schemes, period)
    return dashboard


def _scheme_markers(schemes, period: Period) -> tuple[list[dict], dict]:
    located = (
        schemes.filter(figures.existing_at(period.end))
        .filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("kind")
        .only("pk", "name", "latitude", "longitude", "kind")
        .order_by("kind__position", "name")[:MAP_LIMIT]
    )
    markers = [
        {
            "lat": float(scheme.latitude),
            "lng": float(scheme.longitude),
            "name": scheme.name,
            "kind": scheme.kind.code,
            "detail": scheme.kind.name,
            "url": reverse("wards:scheme", args=[scheme.pk]),
        }
        for scheme in located
    ]
    return markers, marker_legend(scheme.kind for scheme in located)


# --------------------------------------------------------------------------- tables


@dataclass(slots=True)
class FigureTable:
    """A table of a dashboard (a tab on the page, a sheet in the workbook): a column per
    label, a line per row with its cells (a Pair, or a text), and the totals."""

    key: str
    title: str
    labels: list[str]
    rows: list[Row]
    totals_row: Row
    cells: Callable[[Row], list]
    total_cells: Callable[[Row], list]

    @property
    def lines(self) -> list[tuple[Row, list]]:
        """Each row with its cells, worked out only for the table shown or printed."""
        return [(row, self.cells(row)) for row in self.rows]

    @property
    def totals(self) -> list:
        return self.total_cells(self.totals_row)


def festival_result_labels() -> list[str]:
    """The names of figures.FESTIVAL_RESULTS, in that order."""
    return [_("Người được khám bệnh"), _("Suất quà"), _("Căn cước cấp"), _("Định danh điện tử")]


def _festival_cells(row: Row) -> list:
    texts = [
        row.festival.summary if row.festival else "—",
        row.festival_before.summary if row.festival_before else "—",
    ]
    return [*texts, row.attendance, *row.festival_results_list]


def _festival_totals(row: Row) -> list:
    held = _("%(now)d đã tổ chức") % {"now": row.festivals_held.now}
    held_before = _("%(before)d đã tổ chức") % {"before": row.festivals_held.before}
    return [held, held_before, row.attendance, *row.festival_results_list]


def figure_tables(dashboard: Dashboard) -> list[FigureTable]:
    """The tables of a dashboard. On a ward's, the festival is the ward's own (not by area)."""
    overview = attrgetter(
        "schemes_total", "new_schemes", "activity_total", "exemplars_total", "awarded_total"
    )
    year, before = dashboard.period.year, dashboard.previous.year
    specs = [
        (
            "overview",
            _("Tổng quan"),
            [
                _("Mô hình tự quản"),
                _("Mới thành lập"),
                _("Kết quả hoạt động"),
                _("Điển hình"),
                _("Được khen thưởng"),
            ],
            lambda row: list(overview(row)),
            lambda row: list(overview(row)),
        ),
        (
            "kinds",
            _("Mô hình theo loại"),
            [kind.name for kind in dashboard.kinds],
            attrgetter("by_kind"),
            attrgetter("by_kind"),
        ),
        (
            "activity",
            _("Hoạt động"),
            [label for _value, label in dashboard.types],
            attrgetter("by_type"),
            attrgetter("by_type"),
        ),
    ]
    if not dashboard.is_ward:
        specs.append(
            (
                "festival",
                _("Ngày hội"),
                [
                    _("Ngày hội %(year)d") % {"year": year},
                    _("Ngày hội %(year)d") % {"year": before},
                    _("Người tham dự"),
                    *festival_result_labels(),
                ],
                _festival_cells,
                _festival_totals,
            )
        )
    specs += [
        (
            "nominated",
            _("Đề nghị khen thưởng"),
            [form.name for form in dashboard.forms],
            attrgetter("nominated_by_form"),
            attrgetter("nominated_by_form"),
        ),
        (
            "awarded",
            _("Được khen thưởng"),
            [form.name for form in dashboard.forms],
            attrgetter("awarded_by_form"),
            attrgetter("awarded_by_form"),
        ),
    ]
    return [
        FigureTable(key, title, labels, dashboard.rows, dashboard.totals, cells, totals)
        for key, title, labels, cells, totals in specs
    ]
