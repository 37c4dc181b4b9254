"""A ward's yearly "Ngày hội toàn dân bảo vệ an ninh Tổ quốc" and everything planned for it.

The festival belongs to a ward (``scope_lookup = "ward"``); its programme, guests, pledge
signatories, side events and photos belong to it (``"festival__ward"``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents import fields as vn
from wards.models import AdministrativeUnit, Level, ResidentialArea


class Status(models.TextChoices):
    PLANNED = "planned", _("Đang chuẩn bị")
    READY = "ready", _("Sẵn sàng tổ chức")
    HELD = "held", _("Đã tổ chức")
    REPORTED = "reported", _("Đã báo cáo kết quả")


class Festival(models.Model):
    scope_lookup = "ward"

    ward = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("phường, xã"),
        on_delete=models.PROTECT,
        related_name="festivals",
        limit_choices_to={"level": Level.WARD},
    )
    year = vn.PositiveSmallIntegerField(_("năm"), editable=False)
    date = vn.DateField(_("ngày tổ chức"))
    start_time = vn.TimeField(_("giờ bắt đầu"))
    venue = vn.CharField(_("địa điểm"), max_length=255)
    theme = vn.CharField(_("chủ đề"), max_length=255, blank=True)
    organising_committee = vn.TextField(
        _("ban tổ chức"),
        blank=True,
        help_text=_("Mỗi dòng một thành viên: họ tên, chức vụ."),
    )
    is_pilot = models.BooleanField(_("tổ chức điểm"), default=False, editable=False)
    pilot_unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("cấp chọn tổ chức điểm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="pilot_festivals",
    )
    status = vn.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    attendance = vn.PositiveIntegerField(_("số người tham dự"), null=True, blank=True)
    results_summary = vn.TextField(_("kết quả nổi bật"), blank=True)
    pledge_text = vn.TextField(
        _("nội dung giao ước"),
        blank=True,
        # Empty until someone edits it: the pledge then prints the template of its year.
        help_text=_("Đúng như sẽ in: sửa, thêm hoặc bớt điều khoản ngay trong ô này."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("sửa lúc"), auto_now=True)

    class Meta:
        verbose_name = _("ngày hội")
        verbose_name_plural = _("ngày hội")
        ordering = ["-date", "ward__name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "year"], name="one_festival_per_ward_year")
        ]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"Ngày hội toàn dân bảo vệ ANTQ {self.year} — {self.ward.title}"

    def save(self, *args, **kwargs) -> None:
        self.year = self.date.year
        super().save(*args, **kwargs)

    @property
    def is_locked(self) -> bool:
        """Reported to the level above: what was reported stays as it was (photos aside)
        until the festival is moved back to "held"."""
        return self.status == Status.REPORTED

    def locked_message(self) -> str:
        return _(
            "Ngày hội đã báo cáo nên không sửa được; muốn sửa thì chuyển về “%(held)s” trước."
        ) % {"held": Status.HELD.label}


class Part(models.TextChoices):
    # The values sort in the order of the day: the ceremony comes first.
    CEREMONY = "ceremony", _("Phần lễ")
    FESTIVITIES = "festivities", _("Phần hội")


class ItemKind(models.TextChoices):
    FLAG_SALUTE = "flag_salute", _("Chào cờ")
    OPENING = "opening", _("Khai mạc")
    DELEGATES = "delegates", _("Giới thiệu đại biểu")
    RESULTS_REPORT = "results_report", _("Báo cáo kết quả")
    SPEECH = "speech", _("Phát biểu")
    COMMENDATION = "commendation", _("Khen thưởng")
    PLEDGE = "pledge", _("Ký kết giao ước thi đua")
    PERFORMANCE = "performance", _("Văn nghệ")
    FOLK_GAMES = "folk_games", _("Trò chơi dân gian")
    HEALTH_CHECK = "health_check", _("Khám bệnh, cấp thuốc")
    GIFTS = "gifts", _("Tặng quà")
    ADMIN_SERVICES = "admin_services", _("Thủ tục hành chính")
    OTHER = "other", _("Khác")


class ProgrammeItem(models.Model):
    scope_lookup = "festival__ward"

    festival = models.ForeignKey(
        Festival, verbose_name=_("ngày hội"), on_delete=models.CASCADE, related_name="programme"
    )
    part = vn.CharField(_("phần"), max_length=12, choices=Part.choices)
    position = vn.PositiveSmallIntegerField(_("thứ tự"), default=0)
    start_time = vn.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    title = vn.CharField(_("nội dung"), max_length=255)
    kind = vn.CharField(_("loại"), max_length=20, choices=ItemKind.choices)
    responsible = vn.CharField(_("người thực hiện"), max_length=255, blank=True)

    # Deletes can be undone for a while (wards.restore).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục chương trình")
        verbose_name_plural = _("chương trình")
        ordering = ["festival", "part", "position", "pk"]

    def __str__(self) -> str:
        return self.title


class Salutation(models.TextChoices):
    COMRADE = "comrade", _("Đồng chí")
    MR = "mr", _("Ông")
    MS = "ms", _("Bà")


class Guest(models.Model):
    scope_lookup = "festival__ward"

    festival = models.ForeignKey(
        Festival, verbose_name=_("ngày hội"), on_delete=models.CASCADE, related_name="guests"
    )
    salutation = vn.CharField(
        _("danh xưng"), max_length=10, choices=Salutation.choices, default=Salutation.COMRADE
    )
    # Read before the name ("Trung tướng Nguyễn Hải Trung"), as protocol has it.
    rank = vn.CharField(
        _("cấp bậc, hàm"),
        max_length=60,
        blank=True,
        help_text=_("Ví dụ: Trung tướng, Đại tá; để trống nếu không có."),
    )
    name = vn.CharField(_("họ và tên"), max_length=120)
    title = vn.CharField(_("chức vụ"), max_length=255, blank=True)
    organisation = vn.CharField(_("cơ quan, đơn vị"), max_length=255, blank=True)
    protocol_rank = vn.PositiveSmallIntegerField(
        _("thứ tự lễ tân"),
        default=10,
        help_text=_("1 là cao nhất; cùng thứ tự thì xếp theo tên."),
    )

    # Deletes can be undone for a while (wards.restore).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đại biểu")
        verbose_name_plural = _("đại biểu")
        ordering = ["festival", "protocol_rank", "pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def before_name(self) -> str:
        """ "Đồng chí Trung tướng": the salutation, then the rank."""
        return " ".join(part for part in (self.get_salutation_display(), self.rank) if part)

    @property
    def designation(self) -> str:
        """Position and organisation as read after the name, the organisation left out when
        the position already names it ("Thứ trưởng Bộ Nội vụ", not "…, Bộ Nội vụ")."""
        if self.organisation and self.organisation.casefold() in self.title.casefold():
            return self.title
        return ", ".join(part for part in (self.title, self.organisation) if part)


class SignatoryKind(models.TextChoices):
    AGENCY = "agency", _("Cơ quan")
    ORGANISATION = "organisation", _("Tổ chức, đoàn thể")
    BUSINESS = "business", _("Doanh nghiệp")
    RESIDENTIAL_AREA = "residential_area", _("Khu dân cư")


class PledgeSignatory(models.Model):
    scope_lookup = "festival__ward"

    festival = models.ForeignKey(
        Festival,
        verbose_name=_("ngày hội"),
        on_delete=models.CASCADE,
        related_name="pledge_signatories",
    )
    kind = vn.CharField(_("loại"), max_length=20, choices=SignatoryKind.choices)
    name = vn.CharField(_("tên cơ quan, tổ chức"), max_length=255)
    residential_area = models.ForeignKey(
        ResidentialArea,
        verbose_name=_("khu dân cư"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pledges",
    )
    representative = vn.CharField(_("người đại diện"), max_length=120)
    representative_title = vn.CharField(_("chức vụ người đại diện"), max_length=255)

    # Deletes can be undone for a while (wards.restore).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bên ký giao ước")
        verbose_name_plural = _("các bên ký giao ước")
        ordering = ["festival", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["festival", "name"], name="one_signature_per_signatory")
        ]

    def __str__(self) -> str:
        return self.name


class SideEventKind(models.TextChoices):
    HEALTH_CHECK = "health_check", _("Khám bệnh, cấp thuốc miễn phí")
    GIFTS = "gifts", _("Tặng quà")
    ADMIN_SERVICES = "admin_services", _("Cấp căn cước, định danh điện tử, đăng ký cư trú")
    CONTEST = "contest", _("Hội thi")
    FOLK_GAMES = "folk_games", _("Trò chơi dân gian")
    CLEAN_UP = "clean_up", _("Ra quân, dọn vệ sinh môi trường")
    OTHER = "other", _("Hoạt động khác")


class GiftRecipients(models.TextChoices):
    POLICY_FAMILIES = "policy_families", _("Gia đình chính sách")
    POOR_HOUSEHOLDS = "poor_households", _("Hộ nghèo, hộ khó khăn")
    STUDENTS = "students", _("Học sinh")
    OTHER = "other", _("Đối tượng khác")


class SideEvent(models.Model):
    """An activity of the festivities part and what it achieved.

    Result columns stay empty until the results are in; which ones a kind fills in is
    :data:`festival.services.RESULT_FIELDS`.
    """

    scope_lookup = "festival__ward"

    festival = models.ForeignKey(
        Festival, verbose_name=_("ngày hội"), on_delete=models.CASCADE, related_name="side_events"
    )
    kind = vn.CharField(_("loại hoạt động"), max_length=20, choices=SideEventKind.choices)
    title = vn.CharField(_("tên hoạt động"), max_length=255)
    location = vn.CharField(_("địa điểm"), max_length=255, blank=True)
    responsible = vn.CharField(_("đơn vị phụ trách"), max_length=255, blank=True)
    participants = vn.PositiveIntegerField(_("số người tham gia"), null=True, blank=True)
    people_examined = vn.PositiveIntegerField(_("số người được khám"), null=True, blank=True)
    medicine_given = vn.PositiveIntegerField(_("số người được cấp thuốc"), null=True, blank=True)
    gift_recipients = vn.CharField(
        _("đối tượng nhận quà"), max_length=20, choices=GiftRecipients.choices, blank=True
    )
    gifts_count = vn.PositiveIntegerField(_("số suất quà"), null=True, blank=True)
    gifts_value = vn.PositiveBigIntegerField(_("tổng trị giá quà (đồng)"), null=True, blank=True)
    id_cards = vn.PositiveIntegerField(_("số căn cước cấp"), null=True, blank=True)
    electronic_ids = vn.PositiveIntegerField(
        _("số tài khoản định danh điện tử"), null=True, blank=True
    )
    residence_registrations = vn.PositiveIntegerField(
        _("số hồ sơ đăng ký cư trú"), null=True, blank=True
    )
    teams = vn.PositiveIntegerField(_("số đội tham gia"), null=True, blank=True)
    note = vn.TextField(_("ghi chú kết quả"), blank=True)

    # Deletes can be undone for a while (wards.restore).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hoạt động bên lề")
        verbose_name_plural = _("hoạt động bên lề")
        ordering = ["festival", "kind", "pk"]

    def __str__(self) -> str:
        return self.title


class Photo(models.Model):
    """A festival photo as re-encoded on upload: no EXIF, no GPS, a random file name."""

    scope_lookup = "festival__ward"

    festival = models.ForeignKey(
        Festival, verbose_name=_("ngày hội"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(_("ảnh"), upload_to="festival/photos/", max_length=200)
    thumbnail = models.ImageField(_("ảnh thu nhỏ"), upload_to="festival/thumbs/", max_length=200)
    width = vn.PositiveIntegerField(_("chiều rộng"))
    height = vn.PositiveIntegerField(_("chiều cao"))
    caption = vn.CharField(_("chú thích"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tải lên"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("ảnh")
        verbose_name_plural = _("ảnh")
        ordering = ["festival", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name
