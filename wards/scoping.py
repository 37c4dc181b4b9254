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

from wards.models import AdministrativeUnit, Level, Membership, Role


class Perm:
    """Actions a view may require, granted by role."""

    EDIT_REGISTER = "edit_register"  # residential areas, schemes, activity, exemplary people
    EDIT_FESTIVAL = "edit_festival"  # festival plan, programme, guests, pledges, photos
    NOMINATE = "nominate"
    EDIT_CEREMONY = "edit_ceremony"
    APPROVE = "approve"  # nominations and decisions of the user's own level
    MARK_PILOT = "mark_pilot"
    PRINT = "print"
    MANAGE_UNITS = "manage_units"  # groupings, moving wards between them
    MANAGE_SIGNERS = "manage_signers"  # the people who sign the unit's papers
    MANAGE_API_TOKENS = "manage_api_tokens"  # the unit's API tokens (api/), administrators only


ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.WARD_OFFICIAL: frozenset(
        {Perm.EDIT_REGISTER, Perm.EDIT_FESTIVAL, Perm.NOMINATE, Perm.PRINT}
    ),
    Role.ORGANISER: frozenset({Perm.EDIT_FESTIVAL, Perm.EDIT_CEREMONY, Perm.PRINT}),
    Role.STAFF: frozenset({Perm.APPROVE, Perm.MARK_PILOT, Perm.PRINT, Perm.MANAGE_SIGNERS}),
    Role.ADMIN: frozenset(
        {value for name, value in vars(Perm).items() if not name.startswith("_")}
    ),
}


@dataclass(frozen=True)
class UserScope:
    unit: AdministrativeUnit | None  # None: the whole country (superusers)
    role: str | None

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
        scope = UserScope(membership.unit, membership.role) if membership else _NOBODY
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
