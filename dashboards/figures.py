"""The grouped queries behind the dashboards: one query per kind of figure, grouped by ward (or
by residential area) with conditional aggregates for this period and the same period last
year, whatever the number of wards. Each returns plain tuples. A unit's dashboard reads
activity and nominations from the running totals of dashboards/models.py; a ward's, grouped
by residential area, from the rows.

Callers pass querysets already narrowed by ``wards.scoping.scoped``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import connections
from django.db.models import Count, F, FloatField, Q, Sum, Value
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _

from awards.models import AwardForm, DecisionStatus
from awards.models import Status as NominationStatus
from dashboards.models import TYPES
from documents.vietnamese import short_date
from wards.models import SchemeKind, SchemeStatus

# The festival's results a dashboard adds up (columns of its side events).
FESTIVAL_RESULTS = ("people_examined", "gifts_count", "id_cards", "electronic_ids")


@dataclass(frozen=True)
class Period:
    """1 January to 31 December, or to today for the current year."""

    year: int
    start: date
    end: date
    # It ends today: nothing later is recorded (the register refuses dates after today).
    ends_today: bool = False

    @property
    def is_full_year(self) -> bool:
        return self.end == date(self.year, 12, 31)

    @property
    def is_whole(self) -> bool:
        """Everything of its year recorded so far falls in it: the yearly and monthly running
        totals count it without the rows themselves."""
        return self.ends_today or self.is_full_year

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


def _same_day(day: date, year: int) -> date:
    """``day`` in ``year``; 29 February becomes the 28th in a common year."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)


def existing_at(day: date) -> Q:
    """Schemes that existed on ``day`` (as ``SchemeQuerySet.existing_in`` at a year's end):
    established by then or undated, and not dissolved by then."""
    established = Q(established_on__isnull=True) | Q(established_on__lte=day)
    return established & (~Q(status=SchemeStatus.DISSOLVED) | Q(status_changed_on__gt=day))


def columns() -> list[tuple]:
    """One query: the scheme kinds and the award forms, (table, id, name, profile, order)."""
    kinds = (
        SchemeKind.objects.order_by()
        .annotate(table=Value("kind"), order=F("position"))
        .values_list("table", "pk", "name", "profile", "order")
    )
    forms = (
        AwardForm.objects.order_by()
        .annotate(table=Value("form"), profile=Value(""), order=F("rank"))
        .values_list("table", "pk", "name", "profile", "order")
    )
    return list(kinds.union(forms, all=True))


def schemes(queryset, key: str, period: Period) -> list[tuple]:
    """Existing and new schemes per ``key`` and kind, this period and last year's, and the sum
    of located schemes' coordinates (the row's centre on the map). Grouped by ids alone:
    grouping by the kind's name too made PostgreSQL sort 20,000 rows by text."""
    previous = period.previous
    located = existing_at(period.end) & Q(latitude__isnull=False, longitude__isnull=False)
    return list(
        queryset.values(key, "kind_id")
        .annotate(
            now=Count("pk", filter=existing_at(period.end)),
            before=Count("pk", filter=existing_at(previous.end)),
            new_now=Count("pk", filter=Q(established_on__range=(period.start, period.end))),
            new_before=Count("pk", filter=Q(established_on__range=(previous.start, previous.end))),
            located=Count("pk", filter=located),
            lat=Sum(Cast("latitude", FloatField()), filter=located),
            lng=Sum(Cast("longitude", FloatField()), filter=located),
        )
        .order_by()
        .values_list(key, "kind_id", *SCHEME_COLUMNS)
    )


def activity(queryset, key: str, period: Period) -> list[tuple]:
    """The sum of activity counts per ``key`` and type, this period and last year's."""
    previous = period.previous
    return list(
        queryset.filter(date__gte=previous.start, date__lte=period.end)
        .values(key, "type")
        .annotate(
            now=Sum("count", filter=Q(date__gte=period.start)),
            before=Sum("count", filter=Q(date__lte=previous.end)),
        )
        .order_by()
        .values_list(key, "type", "now", "before")
    )


def daily_activity(queryset, period: Period) -> list[tuple]:
    """Activity per day, this year and all of last year (by the date itself: extracting the
    month in the database cost half as much again)."""
    return list(
        queryset.filter(date__gte=period.previous.start, date__lte=period.end)
        .values("date")
        .annotate(total=Sum("count"))
        .order_by()
        .values_list("date", "total")
    )


def exemplars(queryset, key: str, period: Period) -> list[tuple]:
    """Exemplary people and collectives recognised this year and last year."""
    return list(
        queryset.filter(year__in=[period.year, period.year - 1])
        .values(key, "kind")
        .annotate(
            now=Count("pk", filter=Q(year=period.year)),
            before=Count("pk", filter=Q(year=period.year - 1)),
        )
        .order_by()
        .values_list(key, "kind", "now", "before")
    )


def festivals(queryset, key: str, period: Period) -> list[dict]:
    """This year's and last year's festivals (one a year per ward) with the sums of their
    side events' results."""
    return list(
        queryset.filter(year__in=[period.year, period.year - 1])
        .values(key, "pk", "year", "date", "status", "venue", "attendance", "is_pilot")
        .annotate(**{name: Sum(f"side_events__{name}") for name in FESTIVAL_RESULTS})
        .order_by()
    )


def awards(queryset, key: str, period: Period) -> list[tuple]:
    """Nominations sent (drafts aside) and awarded (in an issued decision) per ``key`` and
    form, this year and last year."""
    now, before = Q(year=period.year), Q(year=period.year - 1)
    awarded = Q(decision__status=DecisionStatus.ISSUED)
    return list(
        queryset.filter(year__in=[period.year, period.year - 1])
        .exclude(status=NominationStatus.DRAFT)
        .values(key, "form_id")
        .annotate(
            nominated_now=Count("pk", filter=now),
            nominated_before=Count("pk", filter=before),
            awarded_now=Count("pk", filter=now & awarded),
            awarded_before=Count("pk", filter=before & awarded),
        )
        .order_by()
        .values_list(
            key, "form_id", "nominated_now", "nominated_before", "awarded_now", "awarded_before"
        )
    )


# --------------------------------------------------------------------------- running totals
# A unit's dashboard reads activity and nominations from the totals of dashboards/models.py
# (kept per ward and month, per ward and year) instead of adding up every row.


def fetch(queryset, merge: list[str] | None = None, floats=()) -> list[tuple]:
    """The rows of a grouped ``values_list`` queryset as the database sends them, without
    Django's conversion of each value (a province's dashboard reads some 5,000 rows: the
    conversion cost as much as the queries). Dates come back as text from SQLite.

    ``merge``: the names of the columns of a union whose parts group by the same first two
    columns; the database adds the parts' lines up into one line per pair (whole numbers,
    but for the columns named in ``floats``)."""
    sql, params = queryset.query.sql_with_params()
    if merge:
        quote = connections[queryset.db].ops.quote_name
        first, second, *summed = merge
        sums = ", ".join(
            f"SUM({quote(name)})" if name in floats else f"CAST(SUM({quote(name)}) AS BIGINT)"
            for name in summed
        )
        first, second = quote(first), quote(second)
        sql = f"SELECT {first}, {second}, {sums} FROM ({sql}) parts GROUP BY {first}, {second}"
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


# The columns of figures.schemes and scheme_totals.
SCHEME_COLUMNS = ["now", "before", "new_now", "new_before", "located", "lat", "lng"]


def _dated_end() -> Q:
    """Dissolved on a known day after the founding (or undated) one."""
    return Q(status_changed_on__isnull=False) & (
        Q(established_on__isnull=True) | Q(status_changed_on__gt=F("established_on"))
    )


def _living() -> Q:
    """Schemes that exist on some day (dashboards.summaries.scheme_years is not None)."""
    return ~Q(status=SchemeStatus.DISSOLVED) | _dated_end()


def scheme_totals(totals, rows, key: str, period: Period) -> list[tuple]:
    """As :func:`schemes`, in one query. A whole period (a full year, or this year up to
    today) is counted from the yearly changes (SchemeYear) up to its year. A period ending
    on another day (this year's "same period last year") from the changes up to the year
    before, and the schemes themselves founded or dissolved within it. A (key, kind) may
    come twice, once from each part."""
    previous = period.previous
    # The last year of changes counted for each period.
    upto_now = period.year if period.is_whole else period.year - 1
    upto_before = previous.year if previous.is_whole else previous.year - 1
    changes = (
        totals.filter(year__lte=upto_now)
        .values(key, "kind_id")
        .annotate(
            # The rows are those up to upto_now: "now" and the map add them all up.
            now=Sum("change"),
            before=Sum("change", filter=Q(year__lte=upto_before)),
            # A period not whole takes the schemes founded in it from the rows.
            new_now=Sum("founded", filter=Q(year=period.year)) if period.is_whole else Value(0),
            new_before=(
                Sum("founded", filter=Q(year=previous.year)) if previous.is_whole else Value(0)
            ),
            located=Sum("located"),
            lat=Sum("latitude_sum"),
            lng=Sum("longitude_sum"),
        )
        .order_by()
        .values_list(key, "kind_id", *SCHEME_COLUMNS)
    )
    partial = [item for item in (period, previous) if not item.is_whole]
    if not partial:
        return fetch(changes)
    located = Q(latitude__isnull=False, longitude__isnull=False)
    dissolved = Q(status=SchemeStatus.DISSOLVED)
    # A dissolved scheme counts until it was dissolved when that was after its founding.
    living, ended = _living(), dissolved & _dated_end()

    def within(item: Period, field: str) -> Q:
        return Q(**{f"{field}__range": (item.start, item.end)})

    def net(item: Period, only: Q | None = None, field=None):
        """The schemes founded less those dissolved within ``item`` (nothing for a whole
        period: the yearly changes count it)."""
        if item not in partial:
            return Value(0) if field is None else Value(0.0)
        opened = living & within(item, "established_on") & (only or Q())
        closed = ended & within(item, "status_changed_on") & (only or Q())
        if field is None:
            return Count("pk", filter=opened) - Count("pk", filter=closed)
        value = Cast(field, FloatField())
        return Coalesce(Sum(value, filter=opened), 0.0) - Coalesce(Sum(value, filter=closed), 0.0)

    def founded(item: Period):
        return Count("pk", filter=within(item, "established_on")) if item in partial else Value(0)

    window = Q()
    for item in partial:
        window |= within(item, "established_on") | (dissolved & within(item, "status_changed_on"))
    moves = (
        rows.filter(window)
        .values(key, "kind_id")
        .annotate(
            now=net(period),
            before=net(previous),
            new_now=founded(period),
            new_before=founded(previous),
            located=net(period, located),
            lat=net(period, located, "latitude"),
            lng=net(period, located, "longitude"),
        )
        .order_by()
        .values_list(key, "kind_id", *SCHEME_COLUMNS)
    )
    return fetch(
        changes.union(moves, all=True),
        merge=[key, "kind_id", *SCHEME_COLUMNS],
        floats=("lat", "lng"),
    )


def month_cut(period: Period) -> date:
    """The first day after the months the monthly totals count for ``period``: all of its
    months when it is whole, else those before its last (begun) month, which the activity
    rows count."""
    if period.is_whole:
        following = period.end.replace(day=28) + timedelta(days=4)
        return following.replace(day=1)
    return period.end.replace(day=1)


def activity_totals(totals, rows, key: str, period: Period) -> list[tuple]:
    """As :func:`activity`, in one query: from the monthly totals (ActivityMonth, a column
    per type), and for a period ending within a month not whole (this year's "same period
    last year") from the activity rows of that month. A (key, type) may come twice, once
    from each part."""
    previous = period.previous
    now_cut, before_cut = month_cut(period), month_cut(previous)
    now, before = Q(month__gte=period.start), Q(month__lt=before_cut)
    columns = [key]
    sums = {}
    for name in TYPES:
        columns += [f"{name}_now", f"{name}_before"]
        sums[f"{name}_now"] = Sum(name, filter=now)
        sums[f"{name}_before"] = Sum(name, filter=before)
    whole = (
        totals.filter(month__gte=previous.start, month__lt=now_cut)
        .values(key)
        .annotate(**sums)
        .order_by()
        .values_list(*columns)
    )
    begun = Q()
    for item, cut in ((period, now_cut), (previous, before_cut)):
        if cut <= item.end:
            begun |= Q(date__gte=cut, date__lte=item.end)
    if begun:
        # Only a period whose last month has begun takes figures from the rows.
        now = Q(date__gte=period.start) if now_cut <= period.end else None
        before = Q(date__lte=previous.end) if before_cut <= previous.end else None
        sums = {}
        for name in TYPES:
            for suffix, within in (("now", now), ("before", before)):
                sums[f"{name}_{suffix}"] = (
                    Value(0) if within is None else Sum("count", filter=Q(type=name) & within)
                )
        month_begun = rows.filter(begun).values(key).annotate(**sums).order_by()
        whole = whole.union(month_begun.values_list(*columns), all=True)
    return [
        (row[0], name, row[1 + 2 * index], row[2 + 2 * index])
        for row in fetch(whole)
        for index, name in enumerate(TYPES)
    ]


def monthly_activity(totals, key: str, period: Period) -> list[tuple]:
    """Activity per ``key`` and month (its first day), this year and all of last year: some
    3,500 lines for a province, read as the database sends them."""
    lines = fetch(
        totals.filter(month__gte=period.previous.start, month__lte=period.end)
        .values(key, "month")
        .annotate(sum=Sum("total"))
        .order_by()
        .values_list(key, "month", "sum")
    )
    if lines and isinstance(lines[0][1], str):  # SQLite sends dates as text
        lines = [(row, date.fromisoformat(month), total) for row, month, total in lines]
    return lines


def award_totals(totals, key: str, period: Period) -> list[tuple]:
    """As :func:`awards`, from the yearly ``totals`` (NominationYear)."""
    now, before = Q(year=period.year), Q(year=period.year - 1)
    return fetch(
        totals.filter(year__in=[period.year, period.year - 1])
        .values(key, "form_id")
        .annotate(
            nominated_now=Sum("nominated", filter=now),
            nominated_before=Sum("nominated", filter=before),
            awarded_now=Sum("awarded", filter=now),
            awarded_before=Sum("awarded", filter=before),
        )
        .order_by()
        .values_list(
            key, "form_id", "nominated_now", "nominated_before", "awarded_now", "awarded_before"
        )
    )
