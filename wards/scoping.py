"""The one place that decides what a user may see and change.

Every queryset a view shows goes through :func:`scoped`, every object a view acts on through
:func:`get_for_user`. A model says where its unit is with ``scope_lookup`` (``"ward"`` for a
row that belongs to a ward, ``""`` for a unit itself). A user sees their unit and everything
under it; anything else does not exist for them (404). Inside the scope, what they may change
depends on their role (403 when they may only read).
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy

from wards.models import AdministrativeUnit, Level, Membership, Role


class Perm:
    """Actions a view may require, granted by role."""

    EDIT_REGISTER = "edit_register"  # residential areas, activity, exemplary people
    EDIT_SCHEMES = "edit_schemes"  # the register's self-management schemes and their members
    EDIT_FESTIVAL = "edit_festival"  # festival plan, programme, guests, pledges, photos
    NOMINATE = "nominate"
    EDIT_CEREMONY = "edit_ceremony"
    APPROVE = "approve"  # nominations and decisions of the user's own level
    MARK_PILOT = "mark_pilot"
    PRINT = "print"
    MANAGE_UNITS = "manage_units"  # groupings, moving wards between them
    MANAGE_SIGNERS = "manage_signers"  # the people who sign the unit's papers
    MANAGE_ACCOUNTS = "manage_accounts"  # the users of the unit and the units under it
    MANAGE_UNIT_SETTINGS = "manage_unit_settings"  # the names a unit prints under, its address
    MANAGE_SCHEME_KINDS = "manage_scheme_kinds"  # the kinds of scheme a province adds
    MANAGE_API_TOKENS = "manage_api_tokens"  # the unit's API tokens (api/), administrators only


# What each permission lets a user do, as the roles page says it (in the order shown).
PERM_LABELS: dict[str, str] = {
    Perm.EDIT_SCHEMES: gettext_lazy("Nhập, sửa mô hình tự quản và thành viên của mô hình"),
    Perm.EDIT_REGISTER: gettext_lazy(
        "Nhập, sửa khu dân cư, hoạt động (nguồn tin, tố giác) và điển hình tiên tiến"
    ),
    Perm.EDIT_FESTIVAL: gettext_lazy(
        "Lập kế hoạch Ngày hội: chương trình, đại biểu, giao ước thi đua, hoạt động bên lề, ảnh"
    ),
    Perm.NOMINATE: gettext_lazy("Đề nghị khen thưởng cá nhân, tập thể"),
    Perm.EDIT_CEREMONY: gettext_lazy("Sắp xếp lễ trao thưởng"),
    Perm.APPROVE: gettext_lazy("Phê duyệt đề nghị và ban hành quyết định khen thưởng của cấp mình"),
    Perm.MARK_PILOT: gettext_lazy("Chọn phường, xã tổ chức điểm"),
    Perm.PRINT: gettext_lazy("In văn bản, danh sách, giấy khen"),
    Perm.MANAGE_SIGNERS: gettext_lazy("Khai báo người ký văn bản của đơn vị"),
    Perm.MANAGE_UNITS: gettext_lazy("Lập cụm, chuyển phường, xã giữa các cụm"),
    Perm.MANAGE_ACCOUNTS: gettext_lazy(
        "Tạo, sửa, khóa tài khoản người dùng trong đơn vị và các đơn vị trực thuộc"
    ),
    Perm.MANAGE_UNIT_SETTINGS: gettext_lazy(
        "Khai báo tên, địa chỉ, địa danh và đơn vị đề nghị mặc định của đơn vị"
    ),
    Perm.MANAGE_SCHEME_KINDS: gettext_lazy("Thêm, sửa, ngừng dùng loại mô hình của tỉnh"),
    Perm.MANAGE_API_TOKENS: gettext_lazy("Tạo, thu hồi mã truy cập API cho hệ thống của cấp trên"),
}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.WARD_LEADER: frozenset({Perm.APPROVE, Perm.PRINT, Perm.MANAGE_SIGNERS}),
    Role.WARD_POLICE: frozenset({Perm.EDIT_SCHEMES, Perm.PRINT}),
    Role.ORGANISER: frozenset({Perm.EDIT_FESTIVAL, Perm.EDIT_CEREMONY, Perm.PRINT}),
    Role.WARD_OFFICIAL: frozenset(
        {Perm.EDIT_REGISTER, Perm.EDIT_SCHEMES, Perm.EDIT_FESTIVAL, Perm.NOMINATE, Perm.PRINT}
    ),
    Role.VIEWER: frozenset(),
    Role.STAFF: frozenset({Perm.APPROVE, Perm.MARK_PILOT, Perm.PRINT, Perm.MANAGE_SIGNERS}),
    Role.ADMIN: frozenset(PERM_LABELS),
}


def grantable_roles(user) -> list[str]:
    """The roles the user may give: none above their own, i.e. none with a permission they
    lack (an administrator gives any, a ward leader could give a viewer's)."""
    own = ROLE_PERMISSIONS.get(user_scope(user).role, frozenset())
    return [role for role in Role.values if ROLE_PERMISSIONS[role] <= own]


@dataclass(frozen=True)
class UserScope:
    unit: AdministrativeUnit | None  # None: the whole country (superusers)
    role: str | None
    # Read with the rest, so the first-login check (accounts.middleware) costs no query.
    must_change_password: bool = False

    @property
    def everything(self) -> bool:
        return self.unit is None and self.role == Role.ADMIN


_NOBODY = UserScope(unit=None, role=None)


def user_scope(user) -> UserScope:
    """The user's unit and role, read once per request object."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return _NOBODY
    cached = getattr(user, "_festival_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = UserScope(unit=None, role=Role.ADMIN)
    else:
        membership = Membership.objects.select_related("unit").filter(user=user).first()
        scope = (
            UserScope(membership.unit, membership.role, membership.must_change_password)
            if membership
            else _NOBODY
        )
    user._festival_scope = scope
    return scope


def _unit_filter(model: type[models.Model], unit: AdministrativeUnit) -> models.Q:
    lookup = model.scope_lookup
    field = f"{lookup}__path__startswith" if lookup else "path__startswith"
    return models.Q(**{field: unit.path})


def scoped(user, queryset: models.QuerySet, model: type[models.Model] | None = None):
    """The rows of ``queryset`` under the user's unit; nothing for a user without one.
    ``model``: the model whose ``scope_lookup`` applies, for a queryset of its history
    records (they keep the row's fields, so the same lookup finds the unit)."""
    scope = user_scope(user)
    if scope.everything:
        return queryset
    if scope.unit is None:
        return queryset.none()
    return queryset.filter(_unit_filter(model or queryset.model, scope.unit))


def unit_of(obj: models.Model) -> AdministrativeUnit:
    lookup = type(obj).scope_lookup
    target = obj
    for part in filter(None, lookup.split("__")):
        target = getattr(target, part)
    return target


def has_perm(user, perm: str, unit: AdministrativeUnit | None = None) -> bool:
    """Whether the user's role grants ``perm``, at ``unit`` when given (which must be in scope)."""
    scope = user_scope(user)
    if scope.role is None or perm not in ROLE_PERMISSIONS.get(scope.role, ()):
        return False
    if unit is None or scope.everything:
        return True
    if not unit.is_under(scope.unit):
        return False
    if perm == Perm.APPROVE or (perm == Perm.MANAGE_SIGNERS and scope.role != Role.ADMIN):
        # Approval belongs to the level that issues: a province officer approves at the
        # province, not on behalf of a ward below it; likewise a unit's leadership names its
        # own signers (an administrator may do it for the units below).
        return unit.pk == scope.unit.pk
    return True


def get_for_user(user, queryset: models.QuerySet, perm: str | None = None, **lookup):
    """The object matching ``lookup`` if the user may see it (else 404), and may do ``perm``
    on it (else 403)."""
    try:
        obj = scoped(user, queryset).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError):
        raise Http404 from None
    if perm is not None and not has_perm(user, perm, unit_of(obj)):
        raise PermissionDenied
    return obj


def home_unit(user) -> AdministrativeUnit | None:
    return user_scope(user).unit


def is_ward_level(unit: AdministrativeUnit | None) -> bool:
    return unit is not None and unit.level == Level.WARD
