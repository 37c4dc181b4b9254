"""The grouped queries behind the dashboards: one query per kind of figure, grouped by ward (or
by residential area) with conditional aggregates for this period and the same period last
year, whatever the number of wards. Each returns plain tuples, so the heavy ones can be cached.

Callers pass querysets already narrowed by ``wards.scoping.scoped``.
"""

import hashlib
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, FloatField, Max, Q, Sum, Value
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from awards.models import AwardForm, Decision, DecisionStatus, Nomination
from awards.models import Status as NominationStatus
from documents.vietnamese import short_date
from wards.models import Activity, Scheme, SchemeKind, SchemeStatus
from wards.scoping import user_scope

# The festival's results a dashboard adds up (columns of its side events).
FESTIVAL_RESULTS = ("people_examined", "gifts_count", "id_cards", "electronic_ids")


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
        .values_list(
            key, "kind_id", "now", "before", "new_now", "new_before", "located", "lat", "lng"
        )
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


# --------------------------------------------------------------------------- the cache


def version() -> str:
    """One query: the latest change to the rows behind the cached figures. Schemes and
    activity keep their history on every path that writes them (forms, the admin, the Excel
    import); a nomination's ``updated_at`` moves with each change of status; a decision's
    ``issued_at`` is set when it is issued, after which its nominations are locked. A count
    beside each catches deletions."""
    parts = [
        model.history.model.objects.order_by()
        .annotate(table=Value(model._meta.model_name))
        .values("table")
        .annotate(count=Max("history_id"), last=Max("history_date"))
        .values_list("table", "count", "last")
        for model in (Activity, Scheme)
    ]
    parts += [
        model.objects.order_by()
        .annotate(table=Value(model._meta.model_name))
        .values("table")
        .annotate(count=Count("pk"), last=Max(field))
        .values_list("table", "count", "last")
        for model, field in ((Nomination, "updated_at"), (Decision, "issued_at"))
    ]
    return "|".join(
        sorted(f"{table}:{count}@{last}" for table, count, last in parts[0].union(*parts[1:]))
    )


def cached(user, parts: tuple, compute):
    """``compute()`` (the grouped figures of schemes, activity and nominations), kept in the
    cache under ``parts`` and the rows' :func:`version`: the four heaviest queries of a
    dashboard (some 110 ms for a province of 200,000 activity entries and 30,000 nominations)
    run once per change."""
    scope = user_scope(user).unit
    raw = repr((scope.path if scope else "*", *parts, version()))
    key = "dashboards:figures:" + hashlib.sha256(raw.encode()).hexdigest()
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, settings.DASHBOARDS_CACHE_SECONDS)
    return figures
