"""Running totals behind the dashboards of units above the ward.

A province's dashboard adds up some 20,000 schemes, 200,000 activity entries and 30,000
nominations; counting them on every page view cost more than the page's whole budget. These
tables hold the same figures already added up per ward: the change in schemes per ward, kind
and year, activity per ward, month and type, and nominations per ward, award form and year.
They are derived data, never edited by hand: dashboards/summaries.py rewrites a ward's rows
whenever the rows behind them change (and recounts them all nightly, logging any difference
it finds).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from documents import fields as vn
from wards.models import ActivityType, AdministrativeUnit, SchemeKind

# The year undated schemes count from (they existed as far back as the register goes).
UNDATED = 1


def _ward():
    return models.ForeignKey(
        AdministrativeUnit, verbose_name=_("phường, xã"), on_delete=models.CASCADE, related_name="+"
    )


class SchemeYear(models.Model):
    """How a ward's schemes of one kind changed over one year: those established (+1) less
    those dissolved (-1), and the same for the located ones with their coordinates; and how
    many were founded that year (dated ones, whatever became of them). The
    schemes existing at the end of a year are the sum of the changes up to it; an undated
    scheme counts from the year ``UNDATED``; a scheme dissolved on or before its founding
    day never counts (as ``dashboards.figures.existing_at``)."""

    scope_lookup = "ward"

    ward = _ward()
    kind = models.ForeignKey(
        SchemeKind, verbose_name=_("loại mô hình"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    change = models.IntegerField(_("tăng, giảm"))
    founded = models.PositiveIntegerField(_("thành lập trong năm"))
    located = models.IntegerField(_("tăng, giảm có tọa độ"))
    latitude_sum = models.FloatField(_("tổng vĩ độ"))
    longitude_sum = models.FloatField(_("tổng kinh độ"))

    class Meta:
        verbose_name = _("mô hình theo năm")
        verbose_name_plural = _("mô hình theo năm")
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "kind", "year"], name="dashboards_scheme_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ward_id} {self.kind_id} {self.year}: {self.change:+d}"


class ActivityMonth(models.Model):
    """The sums of a ward's activity counts in one month: one column per type of activity
    (``TYPES``, the values of ``ActivityType``) and their total. One row per ward and month
    keeps a province's year to some 1,800 rows."""

    scope_lookup = "ward"

    ward = _ward()
    month = models.DateField(_("tháng"), help_text=_("Ngày đầu tháng."))
    total = models.PositiveIntegerField(_("tổng số lượng"))
    tip_off = models.PositiveIntegerField(ActivityType.TIP_OFF.label)
    mediation = models.PositiveIntegerField(ActivityType.MEDIATION.label)
    prevented = models.PositiveIntegerField(ActivityType.PREVENTED.label)
    patrol = models.PositiveIntegerField(ActivityType.PATROL.label)
    fire_drill = models.PositiveIntegerField(ActivityType.FIRE_DRILL.label)
    propaganda = models.PositiveIntegerField(ActivityType.PROPAGANDA.label)
    other = models.PositiveIntegerField(ActivityType.OTHER.label)

    class Meta:
        verbose_name = _("hoạt động theo tháng")
        verbose_name_plural = _("hoạt động theo tháng")
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "month"], name="dashboards_activity_month_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ward_id} {self.month:%m/%Y}: {self.total}"


# The columns of ActivityMonth, in the order of ActivityType (a test checks they match).
TYPES = tuple(ActivityType.values)


class NominationYear(models.Model):
    """A ward's nominations for one award form in one year: sent (drafts aside) and awarded
    (in an issued decision)."""

    scope_lookup = "ward"

    ward = _ward()
    form = models.ForeignKey(
        "awards.AwardForm",
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("năm"))
    nominated = models.PositiveIntegerField(_("đề nghị"))
    awarded = models.PositiveIntegerField(_("được khen thưởng"))

    class Meta:
        verbose_name = _("khen thưởng theo năm")
        verbose_name_plural = _("khen thưởng theo năm")
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "form", "year"], name="dashboards_nomination_year_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.ward_id} {self.form_id} {self.year}: {self.nominated}/{self.awarded}"


class WardStamp(models.Model):
    """A token replaced, in the same transaction, whenever a change reaches a ward's figures
    (its schemes, activity, nominations, residential areas). The tokens of the wards under
    a unit name the state of its dashboard: dashboards/cache.py keeps the grouped figures
    under them."""

    ward = models.OneToOneField(
        AdministrativeUnit,
        verbose_name=_("phường, xã"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    token = vn.CharField(max_length=32)

    class Meta:
        verbose_name = _("dấu thay đổi")
        verbose_name_plural = _("dấu thay đổi")

    def __str__(self) -> str:
        return f"{self.ward_id}: {self.token}"
