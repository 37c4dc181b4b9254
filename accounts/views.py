from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import services
from accounts.forms import AccountFilterForm, AccountForm
from accounts.queries import waiting_for_first_login
from accounts.tasks import send_invitation
from documents.vietnamese import fold
from wards.context_processors import person_name
from wards.models import Membership, Role
from wards.scoping import (
    PERM_LABELS,
    ROLE_PERMISSIONS,
    Perm,
    get_for_user,
    grantable_roles,
    has_perm,
    home_unit,
    scoped,
)
from wards.services import history_entries
from wards.tables import Column, Table


@login_required
def roles(request):
    """Each role and what it may do, read from ROLE_PERMISSIONS so the page cannot drift."""
    rows = [
        {
            "value": role,
            "label": Role(role).label,
            "perms": [
                label for perm, label in PERM_LABELS.items() if perm in ROLE_PERMISSIONS[role]
            ],
        }
        for role in Role.values
    ]
    return render(request, "accounts/roles.html", {"roles": rows})


def _require_manager(request):
    """The administrator's own unit (None for a superuser); 403 for anyone else."""
    if not has_perm(request.user, Perm.MANAGE_ACCOUNTS):
        raise PermissionDenied
    return home_unit(request.user)


def _membership(request, pk: int) -> Membership:
    """An account in the administrator's scope (else 404) whose role they could give (else
    403: nobody edits someone above themselves)."""
    _require_manager(request)
    membership = get_for_user(
        request.user,
        Membership.objects.select_related("user", "unit"),
        Perm.MANAGE_ACCOUNTS,
        pk=pk,
    )
    if membership.role not in grantable_roles(request.user):
        raise PermissionDenied
    return membership


def _filtered_accounts(request):
    """The accounts in the administrator's scope narrowed by the filter form."""
    form = AccountFilterForm(request.GET or None, actor=request.user)
    memberships = scoped(request.user, Membership.objects.all())
    if form.is_valid():
        data = form.cleaned_data
        for word in fold(data["q"]).split():
            memberships = memberships.filter(search_text__contains=word)
        if data["unit"] is not None:
            memberships = memberships.filter(unit__path__startswith=data["unit"].path)
        if data["role"]:
            memberships = memberships.filter(role=data["role"])
        if data["active"]:
            memberships = memberships.filter(user__is_active=data["active"] == "1")
    return form, memberships


def _state(membership: Membership) -> str:
    return _("Đang hoạt động") if membership.user.is_active else _("Đã khóa")


ACCOUNT_COLUMNS = [
    Column(
        "name",
        gettext_lazy("Họ và tên"),
        ("user__last_name", "user__first_name"),
        text=lambda m: person_name(m.user),
    ),
    Column(
        "username",
        gettext_lazy("Tên đăng nhập"),
        ("user__username",),
        text=lambda m: m.user.username,
    ),
    Column(
        "position", gettext_lazy("Chức vụ"), ("position", "user__last_name", "user__first_name")
    ),
    Column(
        "unit",
        gettext_lazy("Đơn vị"),
        ("unit__path", "user__last_name", "user__first_name"),
        text=lambda m: m.unit.title,
    ),
    Column(
        "role",
        gettext_lazy("Vai trò"),
        ("role", "unit__path", "user__last_name"),
        text=lambda m: m.get_role_display(),
    ),
    Column(
        "active",
        gettext_lazy("Trạng thái"),
        ("-user__is_active", "unit__path", "user__last_name"),
        text=_state,
    ),
]


def accounts_table(request, filtered=None) -> Table:
    """The list's table, for the page and its "Xuất Excel" (the worker builds it again from the
    page's query string, as the same administrator). The sheet has no initial password: those
    are handed out from their own page, and only until the first login."""
    _require_manager(request)
    _form, memberships = filtered or _filtered_accounts(request)
    return Table(
        request,
        memberships.select_related("user", "unit"),
        ACCOUNT_COLUMNS,
        default_sort="unit",
        label=_("Danh sách tài khoản"),
        export="accounts.users",
    )


@login_required
def user_list(request):
    unit = _require_manager(request)
    filtered = _filtered_accounts(request)
    table = accounts_table(request, filtered)
    return render(
        request,
        "accounts/user_list.html",
        {"form": filtered[0], "table": table, "page": table.page, "unit": unit},
    )


@login_required
def user_create(request):
    unit = _require_manager(request)
    form = AccountForm(request.POST or None, actor=request.user, initial={"unit": unit})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        membership = services.create_account(request.user, **data)
        messages.success(
            request,
            _("Đã tạo tài khoản “%(username)s”, mật khẩu ban đầu: %(password)s")
            % {"username": membership.user.username, "password": membership.initial_password},
        )
        return redirect("accounts:detail", pk=membership.pk)
    return render(request, "accounts/user_form.html", {"form": form, "unit": unit})


@login_required
def user_detail(request, pk: int):
    membership = _membership(request, pk)
    return render(
        request,
        "accounts/user_detail.html",
        {
            "membership": membership,
            "account": membership.user,
            "is_self": membership.user_id == request.user.pk,
            "history": history_entries(Membership.history.filter(id=membership.pk)),
        },
    )


@login_required
def user_edit(request, pk: int):
    membership = _membership(request, pk)
    form = AccountForm(request.POST or None, actor=request.user, membership=membership)
    if request.method == "POST" and form.is_valid():
        if membership.user_id == request.user.pk and (
            form.cleaned_data["role"] != membership.role
            or form.cleaned_data["unit"] != membership.unit
        ):
            form.add_error("role", _("Bạn không tự đổi vai trò, đơn vị của mình được."))
        else:
            services.update_account(request.user, membership, **form.cleaned_data)
            messages.success(request, _("Đã lưu tài khoản."))
            return redirect("accounts:detail", pk=membership.pk)
    return render(request, "accounts/user_form.html", {"form": form, "membership": membership})


@login_required
@require_POST
def user_reset_password(request, pk: int):
    membership = _membership(request, pk)
    password = services.reset_password(request.user, membership)
    messages.success(
        request,
        _("Đã đặt lại mật khẩu của “%(username)s”, mật khẩu ban đầu: %(password)s")
        % {"username": membership.user.username, "password": password},
    )
    return redirect("accounts:detail", pk=membership.pk)


@login_required
@require_POST
def user_set_active(request, pk: int):
    membership = _membership(request, pk)
    active = request.POST.get("active") == "1"
    if membership.user_id == request.user.pk:
        messages.error(request, _("Bạn không tự khóa tài khoản của mình được."))
    else:
        services.set_active(request.user, membership, active)
        if active:
            messages.success(request, _("Đã mở khóa tài khoản."))
        else:
            messages.success(request, _("Đã khóa tài khoản."))
    return redirect("accounts:detail", pk=membership.pk)


@login_required
@require_POST
def user_invite(request, pk: int):
    membership = _membership(request, pk)
    user = membership.user
    if not user.email:
        messages.error(request, _("Tài khoản chưa có e-mail: hãy sửa tài khoản, thêm e-mail."))
        return redirect("accounts:detail", pk=membership.pk)
    with transaction.atomic():
        # The link sets the password: whatever was handed out before stops working.
        user.set_unusable_password()
        user.save(update_fields=["password"])
        services.mark_invited(membership)
        transaction.on_commit(lambda: send_invitation.delay(membership.pk))
    messages.success(
        request, _("Đã gửi thư mời đặt mật khẩu tới %(email)s.") % {"email": user.email}
    )
    return redirect("accounts:detail", pk=membership.pk)


@login_required
def passwords(request):
    """The accounts waiting for their first login, with the passwords to hand out."""
    unit = _require_manager(request)
    memberships = waiting_for_first_login(scoped(request.user, Membership.objects.all()))
    return render(request, "accounts/passwords.html", {"memberships": memberships, "unit": unit})


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's, and the initial password is forgotten once the user picked their own."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_chosen(form.user)
        return response


class InvitationView(auth_views.PasswordResetConfirmView):
    """The invitation link: Django's one-time password-reset token, under its own words."""

    template_name = "accounts/invitation.html"
    success_url = reverse_lazy("password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_chosen(form.user)
        return response
