"""Commendations: the catalogue of award forms, nominees, nominations, decisions, certificates.

A nomination is proposed by a ward and acted on at the level that issues its form (see
:func:`awards.services.approving_unit`); an issued decision is frozen, and each of its
nominations gets a certificate with a serial and a verification code.
"""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from documents import fields as vn
from wards.models import (
    AdministrativeUnit,
    Capacity,
    Level,
    ResidentialArea,
    Signer,
    people_sort_text,
)


class IssuingLevel(models.TextChoices):
    NATIONAL = "national", _("Trung ương (Bộ, ngành)")
    PROVINCE = "province", _("Tỉnh, thành phố")
    DISTRICT = "district", _("Cụm, huyện cũ")
    WARD = "ward", _("Phường, xã")


# The unit level whose approver acts on a form of each issuing level: the province records
# the Ministry's decisions, as it is the province that proposes and hands them out.
APPROVING_LEVEL = {
    IssuingLevel.NATIONAL: Level.PROVINCE,
    IssuingLevel.PROVINCE: Level.PROVINCE,
    IssuingLevel.DISTRICT: Level.DISTRICT,
    IssuingLevel.WARD: Level.WARD,
}


class RecipientKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


# How a catalogue form's authority ends when it stands for whichever unit issues it.
_ANY_UNIT = ("phường, xã", "tỉnh, thành phố", "tỉnh", "cụm")


class AwardForm(models.Model):
    """A form of commendation (hình thức khen thưởng): edited by administrators only."""

    code = models.SlugField(
        _("ký hiệu"),
        max_length=10,
        unique=True,
        help_text=_("Dùng làm tiền tố số hiệu giấy chứng nhận, ví dụ KCC."),
    )
    title = vn.CharField(
        _("tên in trên bằng"), max_length=120, help_text=_("Ví dụ: BẰNG KHEN, GIẤY KHEN.")
    )
    name = vn.CharField(_("hình thức khen thưởng"), max_length=200, unique=True)
    authority = vn.CharField(
        _("người, cơ quan ký tặng"),
        max_length=200,
        help_text=_("Ví dụ: Chủ tịch Ủy ban nhân dân tỉnh."),
    )
    level = vn.CharField(_("cấp khen"), max_length=10, choices=IssuingLevel.choices)
    for_individuals = models.BooleanField(_("tặng cá nhân"), default=True)
    for_collectives = models.BooleanField(_("tặng tập thể"), default=True)
    once_per_person = models.BooleanField(
        _("chỉ tặng một lần"),
        default=False,
        help_text=_("Như Kỷ niệm chương: mỗi người chỉ được tặng một lần."),
    )
    rank = vn.PositiveSmallIntegerField(
        _("thứ bậc"), default=100, help_text=_("Số nhỏ trao trước trong buổi lễ và danh sách.")
    )
    coefficient_individual = vn.DecimalField(
        _("hệ số tiền thưởng cá nhân"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Nhân với mức lương cơ sở (Nghị định 152/2025/NĐ-CP)."),
    )
    coefficient_collective = vn.DecimalField(
        _("hệ số tiền thưởng tập thể"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("hình thức khen thưởng")
        verbose_name_plural = _("hình thức khen thưởng")
        ordering = ["rank", "name"]

    def __str__(self) -> str:
        return self.name

    def allows(self, kind: str) -> bool:
        return self.for_individuals if kind == RecipientKind.INDIVIDUAL else self.for_collectives

    def coefficient(self, kind: str) -> Decimal:
        if kind == RecipientKind.INDIVIDUAL:
            return self.coefficient_individual
        return self.coefficient_collective

    @property
    def approving_level(self) -> str:
        return APPROVING_LEVEL[self.level]

    @property
    def short_name(self) -> str:
        """ "Giấy khen", "Bằng khen": the form without its authority, as a sentence names it."""
        return self.name.split(" của ", 1)[0]

    def authority_for(self, unit: AdministrativeUnit) -> str:
        """Who gives the form when ``unit`` issues it: the catalogue's "Chủ tịch Ủy ban nhân
        dân phường, xã" becomes "Chủ tịch Ủy ban nhân dân phường Cửa Ông"."""
        for tail in _ANY_UNIT:
            if self.authority.endswith(f" {tail}"):
                return f"{self.authority[: -len(tail)]}{unit.official_name}"
        return self.authority

    def name_for(self, unit: AdministrativeUnit) -> str:
        """ "Bằng khen của Chủ tịch Ủy ban nhân dân thành phố Hà Nội": the form as printed for
        a decision of ``unit``."""
        return self.name.replace(self.authority, self.authority_for(unit))


class BaseSalary(models.Model):
    """Mức lương cơ sở: the amount in force from a date until the next row's date."""

    amount = vn.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    effective_from = vn.DateField(_("áp dụng từ ngày"), unique=True)
    legal_basis = vn.CharField(_("căn cứ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["-effective_from"]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {self.effective_from:%d/%m/%Y}".replace(",", ".")

    @classmethod
    def in_force_on(cls, day: datetime.date) -> "BaseSalary | None":
        return cls.objects.filter(effective_from__lte=day).order_by("-effective_from").first()


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Nominee(models.Model):
    """A person or a collective that a ward may propose for commendation."""

    scope_lookup = "ward"

    ward = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("phường, xã"),
        on_delete=models.PROTECT,
        related_name="nominees",
        limit_choices_to={"level": Level.WARD},
    )
    kind = vn.CharField(
        _("cá nhân / tập thể"),
        max_length=12,
        choices=RecipientKind.choices,
        default=RecipientKind.INDIVIDUAL,
    )
    name = vn.CharField(_("họ và tên / tên tập thể"), max_length=200)
    gender = vn.CharField(_("giới tính"), max_length=6, choices=Gender.choices, blank=True)
    birth_year = vn.PositiveSmallIntegerField(
        _("năm sinh"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    position = vn.CharField(_("chức vụ"), max_length=200, blank=True)
    organisation = vn.CharField(_("đơn vị, nơi công tác"), max_length=250, blank=True)
    area = models.ForeignKey(
        ResidentialArea,
        verbose_name=_("khu dân cư"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominees",
    )
    exemplar = models.ForeignKey(
        "wards.Exemplar",
        verbose_name=_("điển hình tiên tiến"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="nominees",
    )
    prior_awards = models.ManyToManyField(
        AwardForm,
        verbose_name=_("đã được tặng trước đây"),
        blank=True,
        related_name="prior_holders",
        help_text=_("Hình thức đã nhận trước khi dùng phần mềm (để kiểm tra tặng một lần)."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    sort_name = vn.CharField(max_length=2000, editable=False, blank=True)

    # Deletes can be undone for a while (wards.restore).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đối tượng khen thưởng")
        verbose_name_plural = _("đối tượng khen thưởng")
        # "collective" before "individual", as the printed lists put them.
        ordering = ["ward", "kind", "sort_name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """The columns computed from others; bulk writes call this too."""
        self.sort_name = people_sort_text(self.name, self.kind == RecipientKind.COLLECTIVE)

    def clean(self) -> None:
        if self.kind == RecipientKind.COLLECTIVE:
            self.gender, self.birth_year = "", None
        if self.area_id and self.ward_id and self.area.ward_id != self.ward_id:
            raise ValidationError({"area": _("Khu dân cư không thuộc phường, xã này.")})

    @property
    def is_individual(self) -> bool:
        return self.kind == RecipientKind.INDIVIDUAL

    @property
    def position_and_unit(self) -> str:
        """ "Tổ trưởng tổ dân phố 3, phường An": the line printed under a name."""
        parts = [self.position, self.organisation]
        if not self.organisation and self.area_id:
            parts.append(str(self.area))
        return ", ".join(part for part in parts if part)


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi, chờ xét")
    APPROVED = "approved", _("Đã duyệt")
    RETURNED = "returned", _("Trả lại để bổ sung")
    REJECTED = "rejected", _("Không duyệt")


class Nomination(models.Model):
    """Đề nghị khen thưởng: one nominee for one form in one year."""

    scope_lookup = "nominee__ward"

    nominee = models.ForeignKey(
        Nominee,
        verbose_name=_("đối tượng"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="nominations",
    )
    year = vn.PositiveSmallIntegerField(
        _("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    achievements = vn.TextField(_("thành tích"))
    proposing_unit = vn.CharField(
        _("đơn vị đề nghị"),
        max_length=200,
        help_text=_("Ví dụ: Công an phường An, UBND phường An."),
    )
    status = vn.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    reason = vn.TextField(_("lý do trả lại / không duyệt"), blank=True)
    decision = models.ForeignKey(
        "Decision",
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="nominations",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-year", "form__rank", "nominee__kind", "nominee__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["nominee", "form", "year"],
                name="one_nomination_per_nominee_form_year",
                violation_error_message=_(
                    "Đối tượng này đã được đề nghị hình thức khen thưởng này trong năm."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee} — {self.form} ({self.year})"

    def save(self, *args, **kwargs) -> None:
        if self.pk:
            stored = Nomination.objects.filter(pk=self.pk).select_related("decision").first()
            if stored is not None and stored.decision_id and stored.decision.is_issued:
                raise ValidationError(stored.decision.locked_message())
        if self.decision_id and self.decision.is_issued:
            raise ValidationError(self.decision.locked_message())
        super().save(*args, **kwargs)

    @property
    def ward(self) -> AdministrativeUnit:
        return self.nominee.ward

    @property
    def is_editable(self) -> bool:
        return self.status in {Status.DRAFT, Status.RETURNED}

    def clean(self) -> None:
        if not (self.form_id and self.nominee_id):
            return
        if not self.form.allows(self.nominee.kind):
            raise ValidationError(
                {
                    "form": _("Hình thức “%(form)s” không tặng cho %(kind)s.")
                    % {"form": self.form, "kind": self.nominee.get_kind_display().lower()}
                }
            )
        if self.form.once_per_person and self.holds_already():
            raise ValidationError(
                {
                    "form": _("“%(name)s” đã được tặng “%(form)s”; hình thức này chỉ tặng một lần.")
                    % {"name": self.nominee, "form": self.form}
                }
            )

    def holds_already(self) -> bool:
        """Whether the nominee already holds this form (recorded before, or in an issued
        decision)."""
        if self.nominee.prior_awards.filter(pk=self.form_id).exists():
            return True
        held = Certificate.objects.filter(
            nomination__nominee_id=self.nominee_id, nomination__form_id=self.form_id
        )
        if self.pk:
            held = held.exclude(nomination_id=self.pk)
        return held.exists()


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Decision(models.Model):
    """Quyết định khen thưởng: recorded by the approving unit, for one form."""

    scope_lookup = "unit"

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị xét duyệt"),
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    form = models.ForeignKey(
        AwardForm,
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.PROTECT,
        related_name="decisions",
    )
    number = vn.PositiveIntegerField(_("số"))
    symbol = vn.CharField(_("ký hiệu"), max_length=40, help_text=_("Ví dụ: QĐ-UBND."))
    date = vn.DateField(_("ngày ký"))
    authority = vn.CharField(
        _("cơ quan ban hành"),
        max_length=200,
        help_text=_("Ví dụ: Ủy ban nhân dân phường An."),
    )
    place = vn.CharField(_("địa danh"), max_length=100, help_text=_("Ví dụ: An."))
    signer = models.ForeignKey(
        Signer,
        verbose_name=_("người ký"),
        on_delete=models.PROTECT,
        # Empty only on rows older than the unit's list of signers; printing then offers
        # the unit's first signer.
        null=True,
        related_name="award_decisions",
    )
    signer_capacity = vn.CharField(
        _("thẩm quyền ký"), max_length=4, choices=Capacity.choices, blank=True
    )
    # The parts of the printed decision a ward words its own way; the form fills them with
    # the defaults of awards.printing.decision_defaults, so what the box shows is what prints.
    legal_bases = vn.TextField(
        _("căn cứ"), blank=True, help_text=_("Mỗi dòng một căn cứ, kể cả dòng “Xét đề nghị của …”.")
    )
    merit = vn.CharField(
        _("thành tích được khen"),
        max_length=300,
        blank=True,
        help_text=_("In sau “đã có thành tích …” ở tiêu đề và Điều 1."),
    )
    funding = vn.CharField(
        _("nguồn kinh phí"), max_length=300, blank=True, help_text=_("In ở Điều 2.")
    )
    executors = vn.TextField(_("tổ chức thực hiện (Điều 3)"), blank=True)
    recipients = vn.TextField(_("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận."))
    status = vn.CharField(
        _("trạng thái"),
        max_length=10,
        choices=DecisionStatus.choices,
        default=DecisionStatus.DRAFT,
        editable=False,
    )
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-date", "-number"]
        constraints = [
            # Numbers start again each year, so the year is part of the identity.
            models.UniqueConstraint(
                "authority",
                "number",
                "symbol",
                ExtractYear("date"),
                name="unique_decision_number_per_authority_year",
                violation_error_message=_(
                    "Cơ quan này đã có quyết định cùng số và ký hiệu trong năm."
                ),
            )
        ]

    def __str__(self) -> str:
        return _("Quyết định số %(ref)s") % {"ref": self.reference}

    def save(self, *args, **kwargs) -> None:
        if self.pk and Decision.objects.filter(pk=self.pk, status=DecisionStatus.ISSUED).exists():
            raise ValidationError(self.locked_message())
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_issued:
            raise ValidationError(self.locked_message())
        return super().delete(*args, **kwargs)

    @property
    def reference(self) -> str:
        return f"{self.number}/{self.symbol}"

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED

    def locked_message(self) -> str:
        return _(
            "Quyết định %(ref)s đã ban hành nên không sửa được; muốn đính chính thì lập "
            "quyết định mới."
        ) % {"ref": self.reference}

    def issue_consequence(self) -> str:
        """What the confirmation before issuing says (documents.confirm)."""
        count = self.nominations.count()
        return ngettext(
            "Ban hành sẽ khóa quyết định: không sửa được nữa; số hiệu và mã xác minh được cấp "
            "cho %(count)d giấy chứng nhận khen thưởng.",
            "Ban hành sẽ khóa quyết định: không sửa được nữa; số hiệu và mã xác minh được cấp "
            "cho %(count)d giấy chứng nhận khen thưởng.",
            count,
        ) % {"count": count}


class SerialCounter(models.Model):
    """The last serial number given for a form in a year; locked while serials are assigned."""

    form = models.ForeignKey(AwardForm, on_delete=models.CASCADE, related_name="+")
    year = vn.PositiveSmallIntegerField()
    last_number = vn.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["form", "year"], name="one_serial_counter_per_form_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.form_id}/{self.year}: {self.last_number}"


def new_verification_code() -> str:
    return secrets.token_urlsafe(16)


class Certificate(models.Model):
    """The certificate of one nomination in an issued decision."""

    scope_lookup = "nomination__nominee__ward"

    nomination = models.OneToOneField(
        Nomination,
        verbose_name=_("đề nghị"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="certificates")
    form = models.ForeignKey(AwardForm, on_delete=models.PROTECT, related_name="certificates")
    year = vn.PositiveSmallIntegerField(_("năm"))
    number = vn.PositiveIntegerField(_("số thứ tự"))
    serial = vn.CharField(_("số hiệu"), max_length=30, unique=True)
    code = vn.CharField(_("mã xác minh"), max_length=32, unique=True, default=new_verification_code)
    # Made once when the serial is given: encoding a QR code costs milliseconds, printing a
    # batch must not. Rows of "0"/"1" (dark), top row first, no quiet zone.
    qr_url = vn.CharField(max_length=300, blank=True)
    qr_matrix = vn.TextField(blank=True)
    reward = vn.PositiveIntegerField(_("tiền thưởng (đồng)"), default=0)

    class Meta:
        verbose_name = _("giấy chứng nhận khen thưởng")
        verbose_name_plural = _("giấy chứng nhận khen thưởng")
        ordering = ["form", "year", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "year", "number"], name="unique_certificate_number"
            )
        ]

    def __str__(self) -> str:
        return self.serial

    @staticmethod
    def serial_for(form_code: str, year: int, number: int) -> str:
        return f"{form_code.upper()}-{year}-{number:06d}"


class CertificateLayout(models.Model):
    """Where each field goes on a form's pre-printed blank (phôi), in millimetres from the
    top-left corner of the sheet: pretix's "PDF layout as data".

    ``fields`` is a list of boxes: ``{"field": "name", "x": 40, "y": 95, "width": 217,
    "size": 26, "align": "center", "bold": true}``; a ``qr`` box has ``size`` in mm. The
    fields a box may show are :data:`awards.layouts.VARIABLES`.
    """

    form = models.OneToOneField(
        AwardForm,
        verbose_name=_("hình thức khen thưởng"),
        on_delete=models.CASCADE,
        related_name="layout",
    )
    page_width = vn.DecimalField(
        _("khổ giấy rộng (mm)"), max_digits=6, decimal_places=1, default=Decimal("297")
    )
    page_height = vn.DecimalField(
        _("khổ giấy cao (mm)"), max_digits=6, decimal_places=1, default=Decimal("210")
    )
    fields = vn.JSONField(_("các trường in"), default=list)

    class Meta:
        verbose_name = _("bố cục in trên phôi")
        verbose_name_plural = _("bố cục in trên phôi")

    def __str__(self) -> str:
        return str(self.form)

    def clean(self) -> None:
        from awards.layouts import layout_errors

        errors = layout_errors(self.fields, float(self.page_width), float(self.page_height))
        if errors:
            raise ValidationError({"fields": errors})


class PrinterProfile(models.Model):
    """A printer's shift: every box moves by this offset, measured on the calibration page."""

    scope_lookup = "unit"

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.CASCADE,
        related_name="printer_profiles",
    )
    name = vn.CharField(_("tên máy in"), max_length=100)
    offset_x = vn.DecimalField(
        _("lệch ngang (mm)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-30")), MaxValueValidator(Decimal("30"))],
        help_text=_("Dương: dịch sang phải."),
    )
    offset_y = vn.DecimalField(
        _("lệch dọc (mm)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("-30")), MaxValueValidator(Decimal("30"))],
        help_text=_("Dương: dịch xuống dưới."),
    )

    class Meta:
        verbose_name = _("máy in")
        verbose_name_plural = _("máy in")
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="unique_printer_name_per_unit")
        ]

    def __str__(self) -> str:
        return self.name


class Ceremony(models.Model):
    """The awards part of a festival: the decisions presented and who presents each. The
    running order is not stored: form rank, then authority, then names (see
    :func:`awards.services.ceremony_programme`)."""

    scope_lookup = "festival__ward"

    festival = models.OneToOneField(
        "festival.Festival",
        verbose_name=_("ngày hội"),
        on_delete=models.CASCADE,
        related_name="award_ceremony",
    )
    mc_name = vn.CharField(_("người dẫn chương trình"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lễ trao khen thưởng")
        verbose_name_plural = _("lễ trao khen thưởng")

    def __str__(self) -> str:
        return _("Lễ trao khen thưởng — %(festival)s") % {"festival": self.festival}


class Presentation(models.Model):
    """One decision presented at a ceremony, and the guest who hands it out."""

    scope_lookup = "ceremony__festival__ward"

    ceremony = models.ForeignKey(Ceremony, on_delete=models.CASCADE, related_name="presentations")
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("quyết định"),
        on_delete=models.PROTECT,
        related_name="presentations",
    )
    presenter_name = vn.CharField(_("người trao"), max_length=120)
    presenter_title = vn.CharField(
        _("chức vụ người trao"),
        max_length=200,
        help_text=_("Ví dụ: Phó Giám đốc Công an tỉnh."),
    )

    class Meta:
        verbose_name = _("phần trao khen thưởng")
        verbose_name_plural = _("phần trao khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["ceremony", "decision"],
                name="one_presentation_per_decision",
                violation_error_message=_("Quyết định này đã có trong buổi lễ."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision} — {self.presenter_name}"

    def removal_consequence(self) -> str:
        """What the confirmation before removing it from the ceremony says."""
        return _(
            "Bỏ %(decision)s khỏi buổi lễ: danh sách trao và kịch bản dẫn chương trình không "
            "còn những người được khen theo quyết định này (có thể thêm lại sau)."
        ) % {"decision": self.decision}
