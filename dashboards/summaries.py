"""Keeping the running totals of dashboards/models.py equal to the rows they add up.

A ward's totals are recounted from its rows, in the transaction that changed them, whenever
schemes, activity or nominations change:

- saving or deleting one row (forms, the admin) sends Django's model signals, received here;
- writing many at once (the Excel import's ``bulk_create``, the awards workflow's guarded
  ``update``) sends ``wards.signals.rows_changed`` with the wards concerned, received here too.

Code that writes schemes, activity or nominations in bulk without sending ``rows_changed``
leaves the totals behind until the nightly :func:`rebuild`, which recounts every ward and
logs how many totals it found wrong, so such a path does not go unnoticed.
"""

import logging
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, DateField, Q, Sum
from django.db.models.functions import Coalesce, TruncMonth
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver

from awards.models import Decision, DecisionStatus, Nomination, Nominee
from awards.models import Status as NominationStatus
from dashboards import cache as dashboard_cache
from dashboards.models import TYPES, UNDATED, ActivityMonth, NominationYear, SchemeYear
from wards.models import (
    Activity,
    AdministrativeUnit,
    Level,
    ResidentialArea,
    Scheme,
    SchemeStatus,
)
from wards.signals import rows_changed

logger = logging.getLogger(__name__)

# Wards recounted per statement (well under SQLite's limit on query parameters).
CHUNK = 500


def month_of(day: date) -> date:
    return day.replace(day=1)


def _chunks(ward_ids: Iterable[int | None]) -> list[list[int]]:
    ordered = sorted({pk for pk in ward_ids if pk})
    return [ordered[index : index + CHUNK] for index in range(0, len(ordered), CHUNK)]


def _lock(ward_ids: list[int]) -> None:
    """Two changes in one ward recount its totals one after the other (PostgreSQL; SQLite
    has one writer at a time anyway)."""
    list(
        AdministrativeUnit.objects.select_for_update()
        .filter(pk__in=ward_ids)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


# --------------------------------------------------------------------------- counting


def scheme_years(established_on, status, changed_on) -> tuple[int, int | None] | None:
    """The year a scheme starts to count and the year it stops (None: still counts), or
    None if it never counts: as ``dashboards.figures.existing_at``, a scheme exists on a
    day from its founding day (always, if undated) until the day it was dissolved."""
    if status == SchemeStatus.DISSOLVED:
        if changed_on is None or (established_on is not None and changed_on <= established_on):
            return None
        end = changed_on.year
    else:
        end = None
    return (established_on.year if established_on else UNDATED), end


def scheme_changes(rows) -> dict:
    """(ward, kind, year) -> (change, founded, located change, latitude sum, longitude sum),
    from rows of (ward, kind, established_on, status, status_changed_on, latitude,
    longitude). Coordinates are added as decimals, so a recount gives the very same sums."""
    changes = defaultdict(lambda: [0, 0, 0, Decimal(0), Decimal(0)])
    for ward, kind, established_on, status, changed_on, latitude, longitude in rows:
        if established_on is not None:
            changes[ward, kind, established_on.year][1] += 1
        years = scheme_years(established_on, status, changed_on)
        if years is None:
            continue
        located = latitude is not None and longitude is not None
        for year, sign in zip(years, (1, -1), strict=True):
            if year is None:
                continue
            change = changes[ward, kind, year]
            change[0] += sign
            if located:
                change[2] += sign
                change[3] += sign * latitude
                change[4] += sign * longitude
    return {
        key: (change, founded, located, float(latitude), float(longitude))
        for key, (change, founded, located, latitude, longitude) in changes.items()
        if change or founded or located or latitude or longitude
    }


SCHEME_FIELDS = (
    "ward_id",
    "kind_id",
    "established_on",
    "status",
    "status_changed_on",
    "latitude",
    "longitude",
)


def count_schemes(ward_ids: list[int]) -> dict:
    """(ward, kind, year) -> the changes of :func:`scheme_changes`, from the schemes."""
    rows = Scheme.objects.filter(ward_id__in=ward_ids).values_list(*SCHEME_FIELDS).order_by()
    return scheme_changes(rows)


def activity_months(rows) -> dict:
    """(ward, month) -> (total, then the sum of each type of ``TYPES``), from a queryset of
    activity rows."""
    sums = {name: Coalesce(Sum("count", filter=Q(type=name)), 0) for name in TYPES}
    grouped = (
        rows.annotate(month=TruncMonth("date", output_field=DateField()))
        .values("ward_id", "month")
        .annotate(sum=Sum("count"), **sums)
        .order_by()
    )
    return {
        (row["ward_id"], row["month"]): (row["sum"], *(row[name] for name in TYPES))
        for row in grouped
    }


def count_activity(ward_ids: list[int], months: Iterable[date] | None = None) -> dict:
    """The :func:`activity_months` of ``ward_ids`` (only ``months``, if given)."""
    rows = Activity.objects.filter(ward_id__in=ward_ids)
    if months is not None:
        rows = rows.filter(_in_months(months))
    return activity_months(rows)


def _in_months(months: Iterable[date]) -> Q:
    within = Q()
    for month in months:
        within |= Q(date__gte=month, date__lt=next_month(month))
    return within


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def nomination_years(rows) -> dict:
    """(ward, form, year) -> (sent, awarded), from a queryset of nominations (drafts
    aside)."""
    grouped = (
        rows.exclude(status=NominationStatus.DRAFT)
        .values("nominee__ward_id", "form_id", "year")
        .annotate(
            nominated=Count("pk"),
            awarded=Count("pk", filter=Q(decision__status=DecisionStatus.ISSUED)),
        )
        .order_by()
    )
    return {
        (row["nominee__ward_id"], row["form_id"], row["year"]): (row["nominated"], row["awarded"])
        for row in grouped
    }


def count_nominations(ward_ids: list[int]) -> dict:
    return nomination_years(Nomination.objects.filter(nominee__ward_id__in=ward_ids))


def _stored_schemes(ward_ids: list[int]) -> dict:
    return {
        (row.ward_id, row.kind_id, row.year): (
            row.change,
            row.founded,
            row.located,
            row.latitude_sum,
            row.longitude_sum,
        )
        for row in SchemeYear.objects.filter(ward_id__in=ward_ids)
    }


def scheme_year_rows(counted: dict, model=SchemeYear) -> list:
    """SchemeYear rows of :func:`scheme_changes`' figures (``model``: a migration's)."""
    return [
        model(
            ward_id=ward,
            kind_id=kind,
            year=year,
            change=change,
            founded=founded,
            located=located,
            latitude_sum=latitude,
            longitude_sum=longitude,
        )
        for (ward, kind, year), (change, founded, located, latitude, longitude) in counted.items()
    ]


def activity_month_rows(counted: dict, model=ActivityMonth) -> list:
    """ActivityMonth rows of :func:`activity_months`' figures (``model``: a migration's)."""
    return [
        model(ward_id=ward, month=month, total=sums[0], **dict(zip(TYPES, sums[1:], strict=True)))
        for (ward, month), sums in counted.items()
    ]


def nomination_year_rows(counted: dict, model=NominationYear) -> list:
    """NominationYear rows of :func:`nomination_years`' figures (``model``: a migration's)."""
    return [
        model(ward_id=ward, form_id=form, year=year, nominated=sent, awarded=won)
        for (ward, form, year), (sent, won) in counted.items()
    ]


def _replace_schemes(ward_ids: list[int], counted: dict) -> None:
    SchemeYear.objects.filter(ward_id__in=ward_ids).delete()
    SchemeYear.objects.bulk_create(scheme_year_rows(counted), batch_size=1000)


def _stored_activity(ward_ids: list[int], months=None):
    stored = ActivityMonth.objects.filter(ward_id__in=ward_ids)
    if months is not None:
        stored = stored.filter(month__in=list(months))
    return stored


def _replace_activity(ward_ids: list[int], counted: dict, months=None) -> None:
    _stored_activity(ward_ids, months).delete()
    ActivityMonth.objects.bulk_create(activity_month_rows(counted), batch_size=1000)


def _replace_nominations(ward_ids: list[int], counted: dict) -> None:
    NominationYear.objects.filter(ward_id__in=ward_ids).delete()
    NominationYear.objects.bulk_create(nomination_year_rows(counted), batch_size=1000)


# --------------------------------------------------------------------------- refreshing


def refresh_schemes(ward_ids: Iterable[int | None]) -> None:
    """Recount the scheme totals of ``ward_ids``."""
    for chunk in _chunks(ward_ids):
        with transaction.atomic():
            _lock(chunk)
            _replace_schemes(chunk, count_schemes(chunk))
            dashboard_cache.changed(chunk)


def refresh_activity(ward_ids: Iterable[int | None], months: Iterable[date] | None = None):
    """Recount the activity totals of ``ward_ids`` (only ``months``, first days, if given)."""
    months = None if months is None else sorted(set(months))
    for chunk in _chunks(ward_ids):
        with transaction.atomic():
            _lock(chunk)
            _replace_activity(chunk, count_activity(chunk, months), months)
            dashboard_cache.changed(chunk)


def refresh_nominations(ward_ids: Iterable[int | None]) -> None:
    """Recount the nomination totals of ``ward_ids``."""
    for chunk in _chunks(ward_ids):
        with transaction.atomic():
            _lock(chunk)
            _replace_nominations(chunk, count_nominations(chunk))
            dashboard_cache.changed(chunk)


def rebuild(ward_ids: Iterable[int] | None = None) -> dict[str, int]:
    """Recount the totals of every ward (or of ``ward_ids``) and return, per table, how many
    totals were wrong (missing, extra or different). Only the wards with a wrong total are
    rewritten, and given a new token (dashboards.cache)."""
    if ward_ids is None:
        ward_ids = AdministrativeUnit.objects.wards().values_list("pk", flat=True)
    wrong = {"schemes": 0, "activity": 0, "nominations": 0}
    for chunk in _chunks(ward_ids):
        with transaction.atomic():
            _lock(chunk)
            before = sum(wrong.values())
            counted, stored = count_schemes(chunk), _stored_schemes(chunk)
            if counted != stored:
                wrong["schemes"] += _differences(counted, stored)
                _replace_schemes(chunk, counted)
            counted = count_activity(chunk)
            stored = {
                (ward, month): tuple(sums)
                for ward, month, *sums in _stored_activity(chunk).values_list(
                    "ward_id", "month", "total", *TYPES
                )
            }
            if counted != stored:
                wrong["activity"] += _differences(counted, stored)
                _replace_activity(chunk, counted)
            counted = count_nominations(chunk)
            stored = {
                (row.ward_id, row.form_id, row.year): (row.nominated, row.awarded)
                for row in NominationYear.objects.filter(ward_id__in=chunk)
            }
            if counted != stored:
                wrong["nominations"] += _differences(counted, stored)
                _replace_nominations(chunk, counted)
            if sum(wrong.values()) > before:
                dashboard_cache.changed(chunk)
            else:
                # Wards created in bulk (without the signals) get their first token.
                dashboard_cache.changed(set(chunk) - dashboard_cache.tokens(ward_ids=chunk).keys())
    return wrong


def _differences(counted: dict, stored: dict) -> int:
    return sum(1 for key in counted.keys() | stored.keys() if counted.get(key) != stored.get(key))


# --------------------------------------------------------------------------- receivers


@receiver(rows_changed, dispatch_uid="dashboards-rows-changed")
def _rows_changed(sender, ward_ids, **kwargs) -> None:
    if sender is Scheme:
        refresh_schemes(ward_ids)
    elif sender is Activity:
        refresh_activity(ward_ids)
    elif sender is Nomination:
        refresh_nominations(ward_ids)


@receiver(pre_save, sender=Scheme, dispatch_uid="dashboards-scheme-before")
def _scheme_before(sender, instance: Scheme, raw=False, **kwargs) -> None:
    """The ward an edited scheme was counted in."""
    instance._counted_in = None
    if instance.pk and not raw:
        instance._counted_in = (
            Scheme.objects.filter(pk=instance.pk).values_list("ward_id", flat=True).first()
        )


@receiver(post_save, sender=Scheme, dispatch_uid="dashboards-scheme-saved")
@receiver(post_delete, sender=Scheme, dispatch_uid="dashboards-scheme-deleted")
def _scheme_changed(sender, instance: Scheme, **kwargs) -> None:
    refresh_schemes({instance.ward_id, getattr(instance, "_counted_in", None)})


def _activity_bucket(ward_id, day) -> tuple | None:
    return (ward_id, month_of(day)) if ward_id and day else None


@receiver(pre_save, sender=Activity, dispatch_uid="dashboards-activity-before")
def _activity_before(sender, instance: Activity, raw=False, **kwargs) -> None:
    """Where an edited entry was counted before (its date or ward may change)."""
    instance._counted_in = None
    if instance.pk and not raw:
        old = Activity.objects.filter(pk=instance.pk).values_list("ward_id", "date").first()
        instance._counted_in = _activity_bucket(*old) if old else None


@receiver(post_save, sender=Activity, dispatch_uid="dashboards-activity-saved")
@receiver(post_delete, sender=Activity, dispatch_uid="dashboards-activity-deleted")
def _activity_changed(sender, instance: Activity, **kwargs) -> None:
    buckets = {_activity_bucket(instance.ward_id, instance.date)}
    buckets.add(getattr(instance, "_counted_in", None))
    for ward_id, month in filter(None, buckets):
        refresh_activity([ward_id], [month])


def _nominee_ward(nominee_id) -> int | None:
    return Nominee.objects.filter(pk=nominee_id).values_list("ward_id", flat=True).first()


@receiver(pre_save, sender=Nomination, dispatch_uid="dashboards-nomination-before")
@receiver(pre_delete, sender=Nomination, dispatch_uid="dashboards-nomination-deleting")
def _nomination_before(sender, instance: Nomination, raw=False, **kwargs) -> None:
    """The ward a nomination was counted in: its nominee may change, or be deleted with it."""
    instance._counted_in = None
    if instance.pk and not raw:
        instance._counted_in = (
            Nomination.objects.filter(pk=instance.pk)
            .values_list("nominee__ward_id", flat=True)
            .first()
        )


@receiver(post_save, sender=Nomination, dispatch_uid="dashboards-nomination-saved")
@receiver(post_delete, sender=Nomination, dispatch_uid="dashboards-nomination-deleted")
def _nomination_changed(sender, instance: Nomination, **kwargs) -> None:
    wards = {getattr(instance, "_counted_in", None)}
    if kwargs.get("signal") is post_save:
        wards.add(_nominee_ward(instance.nominee_id))
    refresh_nominations(wards)


@receiver(pre_save, sender=Nominee, dispatch_uid="dashboards-nominee-before")
def _nominee_before(sender, instance: Nominee, raw=False, **kwargs) -> None:
    instance._counted_in = _nominee_ward(instance.pk) if instance.pk and not raw else None


@receiver(post_save, sender=Nominee, dispatch_uid="dashboards-nominee-saved")
def _nominee_changed(sender, instance: Nominee, created=False, **kwargs) -> None:
    """A nominee moved to another ward takes their nominations along."""
    before = getattr(instance, "_counted_in", None)
    if before and before != instance.ward_id:
        refresh_nominations([before, instance.ward_id])
    else:  # its residential area may have changed: a ward's dashboard groups by area
        dashboard_cache.changed([instance.ward_id])


@receiver(pre_delete, sender=Decision, dispatch_uid="dashboards-decision-deleting")
def _decision_deleting(sender, instance: Decision, **kwargs) -> None:
    instance._counted_in = set(instance.nominations.values_list("nominee__ward_id", flat=True))


@receiver(post_save, sender=Decision, dispatch_uid="dashboards-decision-saved")
@receiver(post_delete, sender=Decision, dispatch_uid="dashboards-decision-deleted")
def _decision_changed(sender, instance: Decision, **kwargs) -> None:
    """A decision issued (or deleted) changes what its nominations count as."""
    wards = getattr(instance, "_counted_in", None)
    if wards is None and instance.pk:
        wards = set(instance.nominations.values_list("nominee__ward_id", flat=True))
    refresh_nominations(wards or ())


# --------------------------------------------------------------------------- cache only
# Changes that move no total but change what a cached dashboard shows.


@receiver(post_delete, sender=ResidentialArea, dispatch_uid="dashboards-area-deleted")
def _area_deleted(sender, instance: ResidentialArea, **kwargs) -> None:
    """Its schemes and nominees now belong to the whole ward (on a ward's dashboard)."""
    dashboard_cache.changed([instance.ward_id])


@receiver(post_save, sender=AdministrativeUnit, dispatch_uid="dashboards-unit-saved")
def _unit_saved(sender, instance: AdministrativeUnit, created=False, **kwargs) -> None:
    """A new ward starts with a token of its own."""
    if created and instance.level == Level.WARD:
        dashboard_cache.changed([instance.pk])
