"""Rules for accounts that span the user and their membership: what an administrator may grant,
creating, resetting, locking. Every change is saved on the membership with a reason, so the
account's page shows it in the history."""

import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from wards.models import AdministrativeUnit, Membership, Role, role_fits_level
from wards.scoping import grantable_roles, scoped

# No 0/O, 1/l/I: read off paper and typed on a phone.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_password() -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(10))


def grantable_units(actor):
    return scoped(actor, AdministrativeUnit.objects.all())


def check_grant(actor, unit: AdministrativeUnit, role: str) -> None:
    """Refuse a unit outside the actor's scope, a role above their own, or a role that does not
    fit the unit's level (a ward's police at a province)."""
    if not grantable_units(actor).filter(pk=unit.pk).exists():
        raise ValidationError(_("Đơn vị này nằm ngoài phạm vi quản lý của bạn."), "scope")
    if role not in grantable_roles(actor):
        raise ValidationError(_("Bạn không được cấp vai trò này."), "role")
    if not role_fits_level(role, unit.level):
        raise ValidationError(
            _("Vai trò “%(role)s” không dùng cho cấp %(level)s.")
            % {"role": Role(role).label, "level": unit.get_level_display().lower()},
            "level",
        )


def split_name(full_name: str) -> tuple[str, str]:
    """(family and middle names, given name): "Nguyễn Văn Hải" → ("Nguyễn Văn", "Hải")."""
    family, _sep, given = full_name.strip().rpartition(" ")
    return family, given


def username_taken(username: str) -> bool:
    return get_user_model().objects.filter(username__iexact=username).exists()


def email_taken(email: str, but=None) -> bool:
    others = get_user_model().objects.filter(email__iexact=email)
    if but is not None:
        others = others.exclude(pk=but.pk)
    return others.exists()


@transaction.atomic
def create_account(
    actor,
    *,
    username: str,
    full_name: str,
    unit: AdministrativeUnit,
    role: str,
    email: str = "",
    phone: str = "",
    position: str = "",
) -> Membership:
    """A new user and membership with an initial password, to be changed at first login."""
    check_grant(actor, unit, role)
    password = new_password()
    family, given = split_name(full_name)
    user = get_user_model().objects.create_user(
        username=username, email=email, password=password, first_name=given, last_name=family
    )
    membership = Membership(
        user=user,
        unit=unit,
        role=role,
        phone=phone,
        position=position,
        must_change_password=True,
        initial_password=password,
    )
    membership._change_reason = _("Tạo tài khoản")
    membership.save()
    return membership


@transaction.atomic
def update_account(actor, membership: Membership, *, full_name: str, email: str, **fields) -> None:
    check_grant(actor, fields["unit"], fields["role"])
    user = membership.user
    user.last_name, user.first_name = split_name(full_name)
    user.email = email
    user.save(update_fields=["first_name", "last_name", "email"])
    for name, value in fields.items():
        setattr(membership, name, value)
    membership._change_reason = _("Sửa tài khoản")
    membership.save()


@transaction.atomic
def reset_password(actor, membership: Membership) -> str:
    password = new_password()
    user = membership.user
    user.set_password(password)
    user.save(update_fields=["password"])
    membership.must_change_password = True
    membership.initial_password = password
    membership._change_reason = _("Đặt lại mật khẩu")
    membership.save()
    return password


@transaction.atomic
def set_active(actor, membership: Membership, active: bool) -> None:
    user = membership.user
    user.is_active = active
    user.save(update_fields=["is_active"])
    membership._change_reason = _("Mở khóa tài khoản") if active else _("Khóa tài khoản")
    membership.save()


def password_chosen(user) -> None:
    """The user set a password of their own: the initial one is forgotten."""
    membership = Membership.objects.filter(user=user).first()
    if membership is not None and (membership.must_change_password or membership.initial_password):
        membership.must_change_password = False
        membership.initial_password = ""
        membership._change_reason = _("Người dùng đã tự đặt mật khẩu")
        membership.save()


@transaction.atomic
def mark_invited(membership: Membership) -> None:
    """An invitation replaces any initial password: the link sets the password."""
    membership.initial_password = ""
    membership.must_change_password = False
    membership._change_reason = _("Gửi thư mời đặt mật khẩu")
    membership.save()
