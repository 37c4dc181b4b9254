from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.services import check_grant, email_taken, grantable_units, username_taken
from documents.forms import Form
from wards.forms import unit_picker
from wards.models import Membership, Role
from wards.scoping import grantable_roles

USERNAME_HELP = _("Chữ không dấu, số và các dấu . _ -, ví dụ canbo.dinhcong")


def _unit_field(actor) -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Đơn vị"),
        queryset=grantable_units(actor).order_by("path"),
        error_messages={"invalid_choice": _("Đơn vị này nằm ngoài phạm vi quản lý của bạn.")},
    )
    return unit_picker(field, titled=True)


def _role_field(actor) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Vai trò"),
        choices=[(role, Role(role).label) for role in grantable_roles(actor)],
        error_messages={"invalid_choice": _("Bạn không được cấp vai trò này.")},
    )


class AccountForm(Form):
    """One account: its person, and the unit and role an administrator may give."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    username = forms.RegexField(
        label=_("Tên đăng nhập"),
        max_length=150,
        regex=r"^[A-Za-z0-9._-]+$",
        help_text=USERNAME_HELP,
        error_messages={"invalid": _("Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("E-mail không hợp lệ, ví dụ mai@example.com.")},
    )
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    position = forms.CharField(label=_("Chức vụ"), max_length=200, required=False)

    def __init__(self, *args, actor, membership: Membership | None = None, **kwargs):
        self.actor = actor
        self.membership = membership
        if membership is not None:
            user = membership.user
            kwargs.setdefault(
                "initial",
                {
                    "full_name": " ".join(filter(None, [user.last_name, user.first_name])),
                    "username": user.username,
                    "email": user.email,
                    "phone": membership.phone,
                    "position": membership.position,
                    "unit": membership.unit_id,
                    "role": membership.role,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _unit_field(actor)
        self.fields["role"] = _role_field(actor)
        if membership is not None:
            # A login name is how a person is known in the history: it is not changed.
            del self.fields["username"]
        self.order_fields(["full_name", "username", "unit", "role", "position", "email", "phone"])

    def clean_username(self):
        username = self.cleaned_data["username"]
        if username_taken(username):
            raise ValidationError(
                _("Tên đăng nhập “%(name)s” đã có người dùng."), params={"name": username}
            )
        return username

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email and email_taken(email, but=self.membership.user if self.membership else None):
            raise ValidationError(_("E-mail này đã dùng cho tài khoản khác."))
        return email

    def clean(self):
        data = super().clean()
        if data.get("unit") is not None and data.get("role"):
            try:
                check_grant(self.actor, data["unit"], data["role"])
            except ValidationError as exc:
                self.add_error("role", exc)
        return data


class AccountFilterForm(Form):
    q = forms.CharField(label=_("Tìm"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=None, required=False, to_field_name="code"
    )
    role = forms.ChoiceField(label=_("Vai trò"), required=False)
    active = forms.ChoiceField(
        label=_("Trạng thái"),
        required=False,
        choices=[("", _("Tất cả")), ("1", _("Đang hoạt động")), ("0", _("Đã khóa"))],
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = grantable_units(actor).order_by("path")
        self.fields["unit"].empty_label = _("Tất cả")
        unit_picker(self.fields["unit"], titled=True)
        self.fields["role"].choices = [("", _("Tất cả")), *Role.choices]
