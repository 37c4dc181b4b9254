"""What the accounts app prints: the sheet of initial passwords of a unit's new accounts, and
the users list as a worksheet (never with the passwords)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.queries import waiting_for_first_login
from documents import renderers
from documents.registry import DocumentKind, Rendered, register
from documents.vietnamese import format_date
from wards.context_processors import person_name
from wards.models import Membership, authority_lines
from wards.scoping import Perm
from wards.tables import register_list


def passwords_data(unit, when) -> dict:
    # The unit was checked against the user's scope by the pipeline (documents.services).
    memberships = list(
        waiting_for_first_login(Membership.objects.filter(unit__path__startswith=unit.path))
    )
    return {
        "authority": authority_lines(unit.committee_name),
        "sub_authority": "",
        "place": unit.name,
        "date": format_date(when),
        "title": _("Danh sách tài khoản và mật khẩu ban đầu"),
        "subtitle": _("Mật khẩu ban đầu phải đổi ở lần đăng nhập đầu tiên."),
        "sections": [
            {
                "title": unit.title,
                "columns": [
                    _("STT"),
                    _("Họ và tên"),
                    _("Đơn vị"),
                    _("Vai trò"),
                    _("Tên đăng nhập"),
                    _("Mật khẩu ban đầu"),
                ],
                "numeric": [0],
                "widths": [10, None, 34, 30, 30, 26],
                "rows": [
                    [
                        str(index),
                        person_name(m.user),
                        m.unit.title,
                        m.get_role_display(),
                        m.user.username,
                        m.initial_password,
                    ]
                    for index, m in enumerate(memberships, start=1)
                ],
                "totals": [
                    "",
                    _("Cộng: %(n)d tài khoản") % {"n": len(memberships)},
                    "",
                    "",
                    "",
                    "",
                ],
            }
        ],
    }


def render_passwords(request):
    unit = request.obj
    when = timezone.localdate(request.created) if request.created else timezone.localdate()
    request.progress(0, 1)
    content = renderers.typst_pdf("wards/profile.typ", passwords_data(unit, when))
    request.progress(1, 1)
    return Rendered("mat-khau-ban-dau.pdf", content)


register(
    DocumentKind(
        identifier="accounts.initial_passwords",
        verbose_name=gettext_lazy("Mật khẩu ban đầu"),
        formats=("pdf",),
        model="wards.AdministrativeUnit",
        render=render_passwords,
        permission=Perm.MANAGE_ACCOUNTS,
    )
)
register_list(
    "accounts.users", gettext_lazy("Tài khoản người dùng"), "accounts.views.accounts_table"
)
