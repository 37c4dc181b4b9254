import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from documents import fields as vn
from documents.vietnamese import fold, person_sort_text, sort_text

# The level words a unit's name or type may begin with, longest first ("thành phố trung
# ương" before "thành phố"), each with the word printed inside a sentence.
_LEVEL_WORDS = (
    ("thành phố trung ương", "thành phố"),
    ("thành phố", "thành phố"),
    ("thị trấn", "thị trấn"),
    ("thị xã", "thị xã"),
    ("đặc khu", "đặc khu"),
    ("phường", "phường"),
    ("quận", "quận"),
    ("huyện", "huyện"),
    ("tỉnh", "tỉnh"),
    ("xã", "xã"),
)


def split_level_word(text: str) -> tuple[str | None, str]:
    """ "Phường Định Công" → ("phường", "Định Công"); "Định Công" → (None, "Định Công").
    Only the level word is lower-cased: the proper noun after it keeps its capitals."""
    text = " ".join(text.split())
    folded = text.casefold()
    for word, printed in _LEVEL_WORDS:
        if folded == word or folded.startswith(f"{word} "):
            return printed, text[len(word) :].strip()
    return None, text


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

    code = vn.CharField(_("mã"), max_length=20, unique=True)
    name = vn.CharField(_("tên"), max_length=200)
    division_type = vn.CharField(_("loại"), max_length=40, blank=True)
    level = vn.CharField(_("cấp"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("trực thuộc"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = vn.CharField(max_length=255, unique=True, editable=False)
    # The name as an ASCII key in Vietnamese alphabetical order (documents.vietnamese.sort_text),
    # for lists a database sorts and pages: "Đông Hải" after "Duyên Hải", before "Yên Thế".
    sort_name = vn.CharField(max_length=2000, editable=False, blank=True)
    is_national = models.BooleanField(
        _("theo danh mục quốc gia"),
        default=False,
        help_text=_("Nạp từ danh mục đơn vị hành chính; nhóm, cụm do người dùng tạo thì không."),
    )

    # The unit's settings (wards.views.unit_settings): what its papers print instead of what
    # would be typed again on every form. Empty: derived from the name.
    full_name = vn.CharField(
        _("tên đầy đủ chính thức"),
        max_length=300,
        blank=True,
        help_text=_("Để trống: “Phường Cửa Ông, tỉnh Quảng Ninh”."),
    )
    issuing_body = vn.CharField(
        _("tên cơ quan in trên văn bản"),
        max_length=200,
        blank=True,
        help_text=_(
            "In ở góc trái văn bản, ví dụ: Ủy ban nhân dân phường Cửa Ông "
            "(in thành hai dòng ỦY BAN NHÂN DÂN / PHƯỜNG CỬA ÔNG). Để trống: theo tên đơn vị."
        ),
    )
    place_name = vn.CharField(
        _("địa danh ghi ngày tháng"),
        max_length=100,
        blank=True,
        help_text=_("Trước “ngày … tháng … năm …”, ví dụ: Cửa Ông. Để trống: tên đơn vị."),
    )
    address = vn.CharField(_("địa chỉ trụ sở"), max_length=300, blank=True)
    proposing_unit = vn.CharField(
        _("đơn vị đề nghị khen thưởng mặc định"),
        max_length=200,
        blank=True,
        help_text=_("Điền sẵn khi lập đề nghị khen thưởng. Để trống: UBND và tên đơn vị."),
    )
    # The pre-2025 units merged into this one (FormerUnit), as one line for searches and
    # labels: "phường Điện Ngọc, phường Điện Nam Trung".
    former_names = vn.TextField(_("đơn vị cũ"), blank=True, editable=False)

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
        self.sort_name = sort_text(self.name)
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
    def official_name(self) -> str:
        """The unit as printed inside a sentence: "phường Cửa Ông", "tỉnh Quảng Ninh",
        "thành phố Hà Nội" (a centrally-run city is a thành phố, never a tỉnh); a grouping by
        its name. Only the level word is lower-case before the proper name (Nghị định 30):
        "phường Định Công", never "phường định công", whatever was typed as the type."""
        if self.level == Level.DISTRICT:
            return self.name
        type_word, _rest = split_level_word(self.division_type)
        name_word, proper = split_level_word(self.name)
        word = type_word or name_word
        if word is None:
            return self.name
        # A name that already begins with its kind ("Phường 1") is not given it twice.
        return f"{word} {proper if name_word else self.name}"

    @property
    def title(self) -> str:
        """ "Phường Cửa Ông", "Tỉnh Quảng Ninh", "Thành phố Hà Nội": at the head of a page."""
        name = self.official_name
        return f"{name[:1].upper()}{name[1:]}"

    @property
    def committee_name(self) -> str:
        """ "Ủy ban nhân dân phường Cửa Ông": the body the unit's papers are issued under, as
        its settings name it, else its people's committee in full."""
        return self.issuing_body or f"Ủy ban nhân dân {self.official_name}"

    @property
    def place(self) -> str:
        """The place name of a document's place-date line ("Cửa Ông, ngày …")."""
        return self.place_name or self.name

    @property
    def default_proposing_unit(self) -> str:
        """What a new nomination of the ward names as proposing it ("UBND phường Định Công")."""
        return self.proposing_unit or f"UBND {self.official_name}"

    @property
    def full_official_name(self) -> str:
        """ "Phường Điện Bàn Đông, thành phố Đà Nẵng": the unit with its province."""
        if self.full_name:
            return self.full_name
        if self.level == Level.WARD and self.parent_id:
            return f"{self.title}, {self.province.official_name}"
        return self.title

    @property
    def former_summary(self) -> str:
        """ "(gồm phường Điện Ngọc, phường Điện Nam Trung cũ)", or empty."""
        if not self.former_names:
            return ""
        return f"(gồm {self.former_names} cũ)"

    @property
    def province(self) -> "AdministrativeUnit":
        unit = self
        while unit.parent_id is not None:
            unit = unit.parent
        return unit

    def is_under(self, other: "AdministrativeUnit") -> bool:
        return self.path.startswith(other.path)


class FormerUnit(models.Model):
    """A commune, ward or town as it was before 1 July 2025, and the unit it went into (a unit
    split between several new ones has a row for each). Loaded by ``load_units`` from
    ``wards/data/former_units_2025.csv.gz`` (its source is named beside it)."""

    scope_lookup = "unit"

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("thuộc đơn vị mới"),
        on_delete=models.CASCADE,
        related_name="former_units",
    )
    code = vn.CharField(_("mã cũ"), max_length=10)
    name = vn.CharField(_("tên cũ"), max_length=200)
    district = vn.CharField(_("quận, huyện cũ"), max_length=200)
    district_code = vn.CharField(_("mã quận, huyện cũ"), max_length=10, blank=True)
    province = vn.CharField(_("tỉnh cũ"), max_length=200)
    whole = models.BooleanField(_("nhập toàn bộ"), default=True)

    class Meta:
        verbose_name = _("đơn vị hành chính cũ")
        verbose_name_plural = _("đơn vị hành chính cũ")
        ordering = ["unit", "-whole", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "code"], name="unique_former_unit_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district}, {self.province})"

    @property
    def official_name(self) -> str:
        word, proper = split_level_word(self.name)
        return f"{word} {proper}" if word else self.name


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
    kind = vn.CharField(_("loại"), max_length=20, choices=AreaKind.choices)
    name = vn.CharField(_("tên"), max_length=120)
    households = vn.PositiveIntegerField(_("số hộ"), null=True, blank=True)
    population = vn.PositiveIntegerField(_("số nhân khẩu"), null=True, blank=True)

    # Deletes can be undone for a while (wards.restore).
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khu dân cư")
        verbose_name_plural = _("khu dân cư")
        ordering = ["ward", "name"]
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="unique_area_name_per_ward")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        renamed = (
            self.pk is not None
            and ResidentialArea.objects.filter(pk=self.pk).exclude(name=self.name).exists()
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            if renamed:
                Scheme.refresh_search_text(Scheme.objects.filter(area=self))


class Role(models.TextChoices):
    """The ward's people and the higher levels' staff; what each may do is
    ``wards.scoping.ROLE_PERMISSIONS``, shown to users on the roles page."""

    WARD_LEADER = "ward_leader", _("Lãnh đạo phường, xã (Chủ tịch, Phó Chủ tịch)")
    WARD_POLICE = "ward_police", _("Công an phường, xã")
    ORGANISER = "organiser", _("Ban tổ chức")
    WARD_OFFICIAL = "ward_official", _("Cán bộ phường, xã")
    VIEWER = "viewer", _("Chỉ xem")
    STAFF = "staff", _("Cán bộ cấp trên (theo dõi, phê duyệt)")
    ADMIN = "admin", _("Quản trị")


# Roles that only make sense for the people of one ward, and the one that only makes sense
# above a ward (the viewer and the administrator fit every level).
WARD_ROLES = frozenset({Role.WARD_LEADER, Role.WARD_POLICE, Role.ORGANISER, Role.WARD_OFFICIAL})
ABOVE_WARD_ROLES = frozenset({Role.STAFF})


def role_fits_level(role: str, level: str) -> bool:
    if role in WARD_ROLES:
        return level == Level.WARD
    if role in ABOVE_WARD_ROLES:
        return level != Level.WARD
    return True


class Membership(models.Model):
    """Ties a user to one unit with one role: the basis of every access decision."""

    scope_lookup = "unit"

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
    role = vn.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    position = vn.CharField(_("chức vụ"), max_length=200, blank=True)
    phone = vn.CharField(_("điện thoại"), max_length=20, blank=True)
    # Set when someone else chose the password (an initial password, a reset): the user is
    # sent to the password change page until they choose their own.
    must_change_password = models.BooleanField(_("phải đổi mật khẩu"), default=False)
    # The password an administrator handed out, kept only until the user chooses their own,
    # so the sheet of initial passwords can be printed; never in the history.
    initial_password = vn.CharField(_("mật khẩu ban đầu"), max_length=40, blank=True)
    search_text = vn.TextField(editable=False, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["initial_password", "search_text"])

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"

    def save(self, *args, **kwargs) -> None:
        # Folded (no accents, lower case) so the account list finds "Nguyễn" by "nguyen".
        user = self.user
        self.search_text = fold(
            " ".join([user.username, user.last_name, user.first_name, user.email, self.phone])
        )
        super().save(*args, **kwargs)


# The councils whose name is printed on two lines in a header block, the body above the unit:
# "ỦY BAN NHÂN DÂN / PHƯỜNG CỬA ÔNG" (Nghị định 30/2020/NĐ-CP, Phụ lục I).
_TWO_LINE_BODIES = ("Ủy ban nhân dân", "Hội đồng nhân dân")


def authority_lines(authority: str) -> list[str]:
    """An issuing body as the lines of a header block: a people's committee or council breaks
    before its unit, any other body is one line (the renderer upper-cases)."""
    for body in _TWO_LINE_BODIES:
        if authority.lower().startswith(body.lower() + " "):
            return [authority[: len(body)], authority[len(body) + 1 :]]
    return [authority]


class Capacity(models.TextChoices):
    """How a signer signs (Nghị định 30/2020/NĐ-CP, Phụ lục I, mục 8)."""

    NONE = "", _("Ký trực tiếp (không ghi)")
    TM = "tm", _("TM. (thay mặt tập thể)")
    KT = "kt", _("KT. (ký thay người đứng đầu)")
    Q = "q", _("Q. (quyền người đứng đầu)")
    TL = "tl", _("TL. (thừa lệnh)")
    TUQ = "tuq", _("TUQ. (thừa ủy quyền)")


class Signer(models.Model):
    """A person who signs the papers of a unit: the chairman, a vice-chairman, the police chief,
    the head of the organising committee. Picked at print time with a :class:`Capacity`; a
    signer who leaves is made inactive, as old decisions still name them."""

    scope_lookup = "unit"

    unit = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("đơn vị"),
        on_delete=models.PROTECT,
        related_name="signers",
    )
    name = vn.CharField(_("họ và tên"), max_length=120)
    title = vn.CharField(
        _("chức vụ"),
        max_length=200,
        help_text=_("Ví dụ: Chủ tịch, Phó Chủ tịch, Trưởng Công an phường, Trưởng ban."),
    )
    body = vn.CharField(
        _("tập thể lãnh đạo"),
        max_length=200,
        default="Ủy ban nhân dân",
        help_text=_("In sau “TM.”, ví dụ: Ủy ban nhân dân, Ban tổ chức."),
    )
    head_title = vn.CharField(
        _("chức vụ người đứng đầu"),
        max_length=200,
        default="Chủ tịch",
        help_text=_("In sau “KT.”, “Q.”, “TL.”, “TUQ.”, ví dụ: Chủ tịch, Trưởng ban."),
    )
    rank = vn.PositiveSmallIntegerField(
        _("thứ tự"), default=10, help_text=_("Người có số nhỏ được chọn sẵn khi in.")
    )
    is_active = models.BooleanField(_("đang ký"), default=True)

    class Meta:
        verbose_name = _("người ký")
        verbose_name_plural = _("người ký")
        ordering = ["unit", "-is_active", "rank", "name"]

    def __str__(self) -> str:
        return f"{self.name} — {self.title}"

    @property
    def is_head(self) -> bool:
        return self.title.strip().lower() == self.head_title.strip().lower()

    def capacity_error(self, capacity: str) -> str:
        """Why this signer cannot sign in ``capacity``; empty when they can."""
        if self.is_head and capacity in {Capacity.KT, Capacity.Q, Capacity.TL, Capacity.TUQ}:
            return _("%(title)s là người đứng đầu, không ký “%(capacity)s” chính mình.") % {
                "title": self.title,
                "capacity": Capacity(capacity).label,
            }
        return ""

    def signature_block(self, capacity: str = Capacity.NONE) -> dict:
        """The lines above the seal and the name below it, as every printed document shows
        them: ``{"lines": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        "name": "Nguyễn Văn X"}``. A deputy signing for the collective signs in the
        head's stead, hence the KT. line under TM."""
        title, head, body = (self.title.upper(), self.head_title.upper(), self.body.upper())
        on_behalf = [title] if self.is_head else [f"KT. {head}", title]
        lines = {
            Capacity.NONE: [title],
            Capacity.TM: [f"TM. {body}", *on_behalf],
            Capacity.KT: [f"KT. {head}", title],
            Capacity.Q: [f"Q. {head}"],
            Capacity.TL: [f"TL. {head}", title],
            Capacity.TUQ: [f"TUQ. {head}", title],
        }[Capacity(capacity)]
        return {"lines": lines, "name": self.name}


# --------------------------------------------------------------------------- the register


def ward_foreign_key(related_name: str) -> models.ForeignKey:
    """The ward a row of the register belongs to (its scope)."""
    return models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("phường, xã"),
        on_delete=models.PROTECT,
        related_name=related_name,
        limit_choices_to={"level": Level.WARD},
    )


class SchemeProfile(models.TextChoices):
    """Which typed fields a kind of scheme carries."""

    CAMERAS = "cameras", _("Camera (số camera, số kết nối Công an)")
    FIRE_GROUP = "fire_group", _("Tổ liên gia PCCC (số hộ, số bình chữa cháy)")
    FIRE_POINT = "fire_point", _("Điểm chữa cháy (trang thiết bị)")
    PATROL = "patrol", _("Tổ tuần tra (số thành viên, lịch tuần tra)")
    MEDIATION = "mediation", _("Tổ hòa giải (số thành viên)")
    MAILBOX = "mailbox", _("Hòm thư (nơi đặt)")
    GENERIC = "generic", _("Chung (không có mục riêng)")


# profile: ((field, required), ...). A field outside its kind's profile is kept empty, so sums
# over a column only ever add up schemes of the kinds that carry it.
PROFILE_FIELDS: dict[str, tuple[tuple[str, bool], ...]] = {
    SchemeProfile.CAMERAS: (("camera_count", True), ("cameras_connected", True)),
    SchemeProfile.FIRE_GROUP: (("households", True), ("extinguishers", True)),
    SchemeProfile.FIRE_POINT: (("equipment", True),),
    SchemeProfile.PATROL: (("member_count", True), ("schedule", False)),
    SchemeProfile.MEDIATION: (("member_count", True),),
    SchemeProfile.MAILBOX: (("mailbox_location", True),),
    SchemeProfile.GENERIC: (),
}
KIND_FIELDS: tuple[str, ...] = tuple(
    dict.fromkeys(name for fields in PROFILE_FIELDS.values() for name, _req in fields)
)
NUMERIC_KIND_FIELDS = (
    "camera_count",
    "cameras_connected",
    "households",
    "extinguishers",
    "member_count",
)


# How each seeded kind of scheme looks on the map (wards/scheme_map.html): a colour and a
# Bootstrap icon. A kind an administrator adds later takes a style from FALLBACK_MARKERS.
MARKER_STYLES = {
    "to-tu-quan": ("#1b2a4a", "people-fill"),
    "to-hoa-giai": ("#6f42c1", "chat-heart-fill"),
    "camera": ("#0b5394", "camera-video-fill"),
    "to-lien-gia-pccc": ("#b02a37", "fire"),
    "diem-chua-chay": ("#d9480f", "droplet-fill"),
    "to-tuan-tra": ("#146c43", "flag-fill"),
    "hom-thu": ("#0a7a8a", "envelope-fill"),
    "to-bao-ve-antt": ("#7a5c00", "shield-fill"),
    "cau-lac-bo": ("#a61e4d", "star-fill"),
    "khu-nha-tro-an-toan": ("#5c3d2e", "house-fill"),
    "to-dan-pho-an-toan": ("#364fc7", "buildings-fill"),
    "dan-van-kheo": ("#2b8a3e", "hand-thumbs-up-fill"),
    "sach-ma-tuy": ("#862e9c", "capsule"),
    "khac": ("#495057", "geo-alt-fill"),
}
FALLBACK_MARKERS = [
    ("#8b1a1a", "circle-fill"),
    ("#1864ab", "square-fill"),
    ("#2f9e44", "triangle-fill"),
    ("#5f3dc4", "diamond-fill"),
    ("#c2255c", "hexagon-fill"),
    ("#0c8599", "pentagon-fill"),
]


def marker_legend(kinds: Iterable["SchemeKind"]) -> dict[str, dict[str, str]]:
    """code -> style of each kind among ``kinds`` (repeats allowed), in the register's order of
    kinds: the legend of a map and what its markers look up."""
    unique = {kind.code: kind for kind in kinds}.values()
    return {k.code: k.marker for k in sorted(unique, key=lambda k: (k.position, k.name))}


class SchemeKindQuerySet(models.QuerySet):
    def available_to(self, unit: AdministrativeUnit) -> "SchemeKindQuerySet":
        """The national kinds and those of ``unit``'s province (by the path's first code)."""
        province_code = unit.path.split("/", 1)[0]
        return self.filter(models.Q(province__isnull=True) | models.Q(province__code=province_code))


class SchemeKind(models.Model):
    """A kind of self-management scheme; a row, so administrators can add the ones a province
    invents (seeded from the festival reports and the law). A kind with no province is the
    national catalogue, seen everywhere; a province's own kind is seen under it only."""

    scope_lookup = "province"

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    province = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("tỉnh, thành phố"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="scheme_kinds",
        limit_choices_to={"level": Level.PROVINCE},
        help_text=_("Để trống: loại chung cả nước."),
    )
    name = vn.CharField(_("tên"), max_length=150, unique=True)
    profile = vn.CharField(
        _("các mục riêng"),
        max_length=20,
        choices=SchemeProfile.choices,
        default=SchemeProfile.GENERIC,
    )
    description = vn.TextField(_("mô tả"), blank=True)
    position = vn.PositiveSmallIntegerField(_("thứ tự"), default=100)
    is_active = models.BooleanField(
        _("đang dùng"), default=True, help_text=_("Loại ngừng dùng không còn chọn được khi thêm.")
    )

    objects = SchemeKindQuerySet.as_manager()

    class Meta:
        verbose_name = _("loại mô hình")
        verbose_name_plural = _("loại mô hình")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        renamed = (
            self.pk is not None
            and SchemeKind.objects.filter(pk=self.pk).exclude(name=self.name).exists()
        )
        with transaction.atomic():
            super().save(*args, **kwargs)
            if renamed:
                Scheme.refresh_search_text(Scheme.objects.filter(kind=self))

    @property
    def marker(self) -> dict[str, str]:
        """The kind's colour and icon on the map and in its legend."""
        fallback = FALLBACK_MARKERS[(self.pk or 0) % len(FALLBACK_MARKERS)]
        colour, icon = MARKER_STYLES.get(self.code, fallback)
        return {"code": self.code, "name": self.name, "colour": colour, "icon": icon}

    @property
    def counted_as(self) -> str:
        """The noun after a number: "112 tổ tự quản ANTT"."""
        return f"{self.name[:1].lower()}{self.name[1:]}"

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(name for name, _req in PROFILE_FIELDS[self.profile])

    @property
    def required_fields(self) -> tuple[str, ...]:
        return tuple(name for name, req in PROFILE_FIELDS[self.profile] if req)


class SchemeStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm ngừng")
    DISSOLVED = "dissolved", _("Đã giải thể")


class SchemeQuerySet(models.QuerySet):
    def search(self, query: str) -> "SchemeQuerySet":
        """Accent-insensitive: every word of the query in the folded name, kind, area, leader."""
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_text__contains=word)
        return qs

    def existing_in(self, year: int | None = None) -> "SchemeQuerySet":
        """Schemes that exist now, or (with a year) at the end of that year."""
        if year is None:
            return self.exclude(status=SchemeStatus.DISSOLVED)
        end = datetime.date(year, 12, 31)
        return self.filter(
            models.Q(established_on__isnull=True) | models.Q(established_on__lte=end)
        ).exclude(
            models.Q(status=SchemeStatus.DISSOLVED)
            & (models.Q(status_changed_on__isnull=True) | models.Q(status_changed_on__lte=end))
        )


class Scheme(models.Model):
    """A self-management scheme (mô hình tự quản về ANTT) of one ward."""

    scope_lookup = "ward"

    ward = ward_foreign_key("schemes")
    kind = models.ForeignKey(
        SchemeKind, verbose_name=_("loại mô hình"), on_delete=models.PROTECT, related_name="schemes"
    )
    name = vn.CharField(_("tên mô hình"), max_length=200)
    area = models.ForeignKey(
        ResidentialArea,
        verbose_name=_("khu dân cư"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="schemes",
        help_text=_("Để trống nếu mô hình của cả phường, xã."),
    )
    established_on = vn.DateField(_("ngày thành lập"), null=True, blank=True)
    status = vn.CharField(
        _("trạng thái"), max_length=20, choices=SchemeStatus.choices, default=SchemeStatus.ACTIVE
    )
    status_changed_on = vn.DateField(
        _("ngày tạm ngừng, giải thể"),
        null=True,
        blank=True,
        help_text=_("Bắt buộc khi mô hình tạm ngừng hoặc đã giải thể."),
    )
    leader_name = vn.CharField(_("người phụ trách"), max_length=120, blank=True)
    leader_phone = vn.CharField(_("điện thoại người phụ trách"), max_length=20, blank=True)
    latitude = vn.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = vn.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    # Kind-specific fields: typed columns, so dashboards can sum them in the database.
    camera_count = vn.PositiveIntegerField(_("số camera"), null=True, blank=True)
    cameras_connected = vn.PositiveIntegerField(
        _("số camera kết nối Công an"),
        null=True,
        blank=True,
        help_text=_("Kết nối về điểm giám sát của Công an."),
    )
    households = vn.PositiveIntegerField(_("số hộ tham gia"), null=True, blank=True)
    extinguishers = vn.PositiveIntegerField(_("số bình chữa cháy"), null=True, blank=True)
    equipment = vn.CharField(_("trang thiết bị"), max_length=500, blank=True)
    member_count = vn.PositiveIntegerField(_("số thành viên"), null=True, blank=True)
    schedule = vn.CharField(_("lịch tuần tra"), max_length=200, blank=True)
    mailbox_location = vn.CharField(_("nơi đặt hòm thư"), max_length=200, blank=True)
    note = vn.TextField(_("ghi chú"), blank=True)
    # Folded (accent- and case-free) text, so one `contains` works on SQLite and PostgreSQL.
    search_text = vn.TextField(editable=False, blank=True)
    # The name in Vietnamese and number order as plain ASCII, so the database can sort and
    # paginate ("Tổ 2" before "Tổ 10", "D" before "Đ").
    sort_name = vn.CharField(max_length=2000, editable=False, blank=True, db_index=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)
    updated_at = models.DateTimeField(_("ngày sửa"), auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["search_text", "sort_name", "created_at", "updated_at"]
    )
    objects = SchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("mô hình tự quản")
        verbose_name_plural = _("mô hình tự quản")
        ordering = ["ward", "kind__position", "sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ward", "kind", "name"], name="unique_scheme_name_per_ward_kind"
            )
        ]
        indexes = [
            models.Index(fields=["ward", "kind", "status"]),
            # A province's dashboard reads the schemes founded or dissolved within a year.
            models.Index(fields=["established_on"]),
            models.Index(fields=["status_changed_on"]),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("wards:scheme", args=[self.pk])

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def fill_derived(self) -> None:
        """The columns computed from others; bulk writes call this too."""
        self.search_text = self.build_search_text()
        self.sort_name = sort_text(self.name)

    def build_search_text(self) -> str:
        parts = [self.name, self.kind.name, self.area.name if self.area_id else ""]
        parts += [self.leader_name, self.mailbox_location, self.note]
        return fold(" ".join(filter(None, parts)))

    @classmethod
    def refresh_search_text(cls, queryset: models.QuerySet) -> None:
        """After a kind or an area is renamed: their schemes are found by the new name."""
        schemes = list(queryset.select_related("kind", "area"))
        for scheme in schemes:
            scheme.search_text = scheme.build_search_text()
        cls.objects.bulk_update(schemes, ["search_text"], batch_size=500)

    def clean(self) -> None:
        errors: dict[str, list] = {}

        def add(name: str, message, **params) -> None:
            errors.setdefault(name, []).append(ValidationError(message, params=params or None))

        kind = self.kind if self.kind_id else None
        if kind is not None:
            self.clear_other_kind_fields()
            for field in kind.required_fields:
                if getattr(self, field) in (None, ""):
                    add(
                        field,
                        _("Loại “%(kind)s” cần nhập %(label)s."),
                        kind=kind.name,
                        label=self._meta.get_field(field).verbose_name,
                    )
        if (
            self.camera_count is not None
            and self.cameras_connected is not None
            and self.cameras_connected > self.camera_count
        ):
            add("cameras_connected", _("Số camera kết nối không thể lớn hơn tổng số camera."))
        if (self.latitude is None) != (self.longitude is None):
            add(
                "longitude" if self.longitude is None else "latitude",
                _("Cần nhập cả vĩ độ và kinh độ, hoặc để trống cả hai."),
            )
        if self.latitude is not None and not -90 <= self.latitude <= 90:
            add("latitude", _("Vĩ độ phải trong khoảng -90 đến 90."))
        if self.longitude is not None and not -180 <= self.longitude <= 180:
            add("longitude", _("Kinh độ phải trong khoảng -180 đến 180."))
        today = timezone.localdate()
        if self.established_on and self.established_on > today:
            add("established_on", _("Ngày thành lập không thể ở tương lai."))
        if self.status == SchemeStatus.ACTIVE:
            self.status_changed_on = None
        elif self.status_changed_on is None:
            add("status_changed_on", _("Cần nhập ngày tạm ngừng hoặc giải thể."))
        else:
            if self.status_changed_on > today:
                add("status_changed_on", _("Ngày tạm ngừng, giải thể không thể ở tương lai."))
            if self.established_on and self.status_changed_on < self.established_on:
                add(
                    "status_changed_on",
                    _("Ngày tạm ngừng, giải thể không thể trước ngày thành lập."),
                )
        if self.area_id and self.ward_id and self.area.ward_id != self.ward_id:
            add("area", _("Khu dân cư không thuộc phường, xã của mô hình."))
        if errors:
            raise ValidationError(errors)

    def clear_other_kind_fields(self) -> None:
        kept = set(self.kind.fields)
        for field in KIND_FIELDS:
            if field not in kept:
                setattr(self, field, None if field in NUMERIC_KIND_FIELDS else "")


class SchemeMember(models.Model):
    """A person in a scheme besides its leader (deputy, member), with an optional phone."""

    scope_lookup = "scheme__ward"

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("mô hình"), on_delete=models.CASCADE, related_name="members"
    )
    name = vn.CharField(_("họ và tên"), max_length=120)
    role = vn.CharField(_("vai trò"), max_length=80, default="Thành viên")
    phone = vn.CharField(_("điện thoại"), max_length=20, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên mô hình")
        verbose_name_plural = _("thành viên mô hình")
        ordering = ["scheme", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"


class ActivityType(models.TextChoices):
    TIP_OFF = "tip_off", _("Tin báo, tố giác chuyển Công an")
    MEDIATION = "mediation", _("Vụ việc hòa giải thành")
    PREVENTED = "prevented", _("Vụ việc ngăn chặn kịp thời")
    PATROL = "patrol", _("Ca tuần tra")
    FIRE_DRILL = "fire_drill", _("Buổi thực tập PCCC")
    PROPAGANDA = "propaganda", _("Buổi tuyên truyền")
    OTHER = "other", _("Hoạt động khác")


class Activity(models.Model):
    """What a scheme (or the ward as a whole) did: the numbers the festival reports."""

    scope_lookup = "ward"

    ward = ward_foreign_key("activities")
    scheme = models.ForeignKey(
        Scheme,
        verbose_name=_("mô hình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
        help_text=_("Để trống nếu là hoạt động chung của phường, xã."),
    )
    date = vn.DateField(_("ngày"))
    type = vn.CharField(_("loại hoạt động"), max_length=20, choices=ActivityType.choices)
    count = vn.PositiveIntegerField(_("số lượng"), default=1, validators=[MinValueValidator(1)])
    note = vn.CharField(_("ghi chú"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["created_at"])

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["ward", "date"]),
            # A province's dashboard adds up the rows of a month begun, in every ward, from
            # this index alone.
            models.Index(fields=["date", "ward", "type", "count"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.count}) — {self.date:%d/%m/%Y}"

    def clean(self) -> None:
        if self.scheme_id and self.ward_id and self.scheme.ward_id != self.ward_id:
            raise ValidationError({"scheme": _("Mô hình không thuộc phường, xã này.")})
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": _("Ngày hoạt động không thể ở tương lai.")})


def people_sort_text(name: str, collective: bool) -> str:
    """The printed lists' order as a column: a collective by its name, a person by given name
    first (the web lists sort and paginate on it in the database)."""
    return sort_text(name) if collective else person_sort_text(name)


class ExemplarKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")


class Exemplar(models.Model):
    """An exemplary person or collective (điển hình tiên tiến) of the movement; the awards app
    may propose them for commendation."""

    scope_lookup = "ward"

    ward = ward_foreign_key("exemplars")
    kind = vn.CharField(
        _("cá nhân / tập thể"),
        max_length=20,
        choices=ExemplarKind.choices,
        default=ExemplarKind.INDIVIDUAL,
    )
    name = vn.CharField(_("họ tên / tên tập thể"), max_length=200)
    position = vn.CharField(_("chức vụ, nơi công tác hoặc cư trú"), max_length=250, blank=True)
    area = models.ForeignKey(
        ResidentialArea,
        verbose_name=_("khu dân cư"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exemplars",
    )
    schemes = models.ManyToManyField(
        Scheme, verbose_name=_("mô hình tham gia"), blank=True, related_name="exemplars"
    )
    achievements = vn.TextField(_("thành tích"), blank=True)
    year = vn.PositiveSmallIntegerField(_("năm"), null=True, blank=True)
    phone = vn.CharField(_("điện thoại"), max_length=20, blank=True)
    sort_name = vn.CharField(max_length=2000, editable=False, blank=True)

    # Deletes can be undone for a while (wards.restore), with the schemes they took part in.
    history = HistoricalRecords(m2m_fields=[schemes])

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["ward", "-year", "sort_name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        self.fill_derived()
        super().save(*args, **kwargs)

    def fill_derived(self) -> None:
        """The columns computed from others; bulk writes call this too."""
        self.sort_name = people_sort_text(self.name, self.kind == ExemplarKind.COLLECTIVE)
