from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    # A grouping between province and ward: a former district (abolished as a tier on
    # 1 July 2025 but still how many people think) or an emulation cluster.
    DISTRICT = "district", _("Cụm, huyện cũ")
    WARD = "ward", _("Phường, xã, đặc khu")


class AdministrativeUnitQuerySet(models.QuerySet):
    def under(self, unit: "AdministrativeUnit") -> "AdministrativeUnitQuerySet":
        """The unit and everything below it."""
        return self.filter(path__startswith=unit.path)

    def wards(self) -> "AdministrativeUnitQuerySet":
        return self.filter(level=Level.WARD)


class AdministrativeUnit(models.Model):
    """A node of the national tree: province → optional grouping → ward.

    ``path`` is the chain of codes from the province down (``22/G1/09883/``), so "this unit and
    everything under it" is one indexed prefix match, whatever the depth.
    """

    scope_lookup = ""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    division_type = models.CharField(_("loại"), max_length=40, blank=True)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    is_national = models.BooleanField(
        _("theo danh mục quốc gia"),
        default=False,
        help_text=_("Nạp từ danh mục đơn vị hành chính; nhóm, cụm do người dùng tạo thì không."),
    )

    objects = AdministrativeUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")
        ordering = ["path"]
        indexes = [models.Index(fields=["level", "path"])]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        old_path = self.path
        self.path = self.build_path()
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_path and old_path != self.path:
                # Moving a unit (a ward into a grouping) moves its whole subtree.
                for child in AdministrativeUnit.objects.filter(parent=self):
                    child.save()

    def build_path(self) -> str:
        prefix = self.parent.path if self.parent_id else ""
        return f"{prefix}{self.code}/"

    @property
    def title(self) -> str:
        """ "Phường Cửa Ông", "Tỉnh Quảng Ninh", "Thành phố Hà Nội"; a grouping by its name."""
        if self.level == Level.DISTRICT or not self.division_type:
            return self.name
        prefix = "thành phố" if self.division_type == "thành phố trung ương" else self.division_type
        return f"{prefix[:1].upper()}{prefix[1:]} {self.name}"

    @property
    def province(self) -> "AdministrativeUnit":
        unit = self
        while unit.parent_id is not None:
            unit = unit.parent
        return unit

    def is_under(self, other: "AdministrativeUnit") -> bool:
        return self.path.startswith(other.path)


class AreaKind(models.TextChoices):
    KHU_PHO = "khu_pho", _("Khu phố")
    TO_DAN_PHO = "to_dan_pho", _("Tổ dân phố")
    THON = "thon", _("Thôn")
    AP = "ap", _("Ấp")
    BAN = "ban", _("Bản")
    KHU = "khu", _("Khu")


class ResidentialArea(models.Model):
    """Khu phố, tổ dân phố, thôn, ấp, bản: entered by the ward, not in the national list."""

    scope_lookup = "ward"

    ward = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("phường, xã"),
        on_delete=models.PROTECT,
        related_name="residential_areas",
        limit_choices_to={"level": Level.WARD},
    )
    kind = models.CharField(_("loại"), max_length=20, choices=AreaKind.choices)
    name = models.CharField(_("tên"), max_length=120)
    households = models.PositiveIntegerField(_("số hộ"), null=True, blank=True)
    population = models.PositiveIntegerField(_("số nhân khẩu"), null=True, blank=True)

    class Meta:
        verbose_name = _("khu dân cư")
        verbose_name_plural = _("khu dân cư")
        ordering = ["ward", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="unique_area_name_per_ward")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    WARD_OFFICIAL = "ward_official", _("Cán bộ phường, xã")
    ORGANISER = "organiser", _("Ban tổ chức")
    STAFF = "staff", _("Cán bộ cấp trên (theo dõi, phê duyệt)")
    ADMIN = "admin", _("Quản trị")


class Membership(models.Model):
    """Ties a user to one unit with one role: the basis of every access decision."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="membership",
    )
    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"
