"""Many accounts at once from an Excel sheet, through the register's import pages
(wards.imports, wards.import_views): template, every error by row and column, preview, and all
rows created in one transaction or none."""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy

from accounts.services import (
    check_grant,
    create_account,
    email_taken,
    grantable_units,
    username_taken,
)
from documents.vietnamese import fold
from wards.imports import CellError, Column, ImportResult, RowError, SheetImport, read_text
from wards.models import Role
from wards.scoping import Perm, grantable_roles

USERNAME = re.compile(r"^[A-Za-z0-9._-]+$")


class AccountImport(SheetImport):
    sheet_title = "Tài khoản"
    noun = gettext_lazy("tài khoản")
    perm = Perm.MANAGE_ACCOUNTS
    any_level = True  # a province's administrator brings in the accounts of its wards
    title = gettext_lazy("Tạo tài khoản từ Excel")
    file_name = "mau-tao-tai-khoan.xlsx"
    confirm_label = gettext_lazy("Xác nhận tạo các tài khoản")
    errors_heading = ngettext_lazy(
        "Tệp có %(n)d lỗi, chưa tạo tài khoản nào. Hãy sửa tệp rồi tải lên lại.",
        "Tệp có %(n)d lỗi, chưa tạo tài khoản nào. Hãy sửa tệp rồi tải lên lại.",
        "n",
    )

    def done_url(self) -> str:
        return reverse("accounts:passwords")

    def done_message(self, count: int) -> str:
        return _("Đã tạo %(n)d tài khoản. Hãy in và trao mật khẩu ban đầu cho từng người.") % {
            "n": count
        }

    def build_columns(self) -> list[Column]:
        self.units = list(grantable_units(self.user).order_by("path"))
        self.roles = grantable_roles(self.user)
        by_name: dict[str, Any] = {}
        for unit in self.units:
            for key in {fold(unit.name), fold(unit.title)}:
                # Two wards of one name in scope: only the code tells them apart.
                by_name[key] = None if key in by_name else unit
        by_code = {fold(unit.code): unit for unit in self.units}
        roles = {fold(str(Role(role).label)): role for role in self.roles}
        roles |= {fold(role): role for role in self.roles}

        def read_unit(value):
            text = read_text(value, 200)
            if not text:
                return None
            key = fold(text)
            if key in by_code:
                return by_code[key]
            if key not in by_name:
                raise CellError(
                    _("Không có đơn vị “%(v)s” trong phạm vi quản lý của bạn.") % {"v": text}
                )
            if by_name[key] is None:
                raise CellError(_("Có nhiều đơn vị tên “%(v)s”: hãy ghi mã đơn vị.") % {"v": text})
            return by_name[key]

        def read_role(value):
            text = read_text(value, 100)
            if not text:
                return None
            if fold(text) not in roles:
                raise CellError(_("Bạn không được cấp vai trò “%(v)s”.") % {"v": text})
            return roles[fold(text)]

        def read_username(value):
            text = read_text(value, 150).strip()
            if text and not USERNAME.match(text):
                raise CellError(_("Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -"))
            return text

        def read_email(value):
            text = read_text(value, 254).strip()
            if text:
                try:
                    validate_email(text)
                except ValidationError:
                    raise CellError(_("E-mail không hợp lệ: “%(v)s”.") % {"v": text}) from None
            return text

        example_unit = next((u for u in self.units if u.level == "ward"), self.units[0])
        return [
            Column(
                _("Họ và tên"),
                "full_name",
                lambda v: read_text(v, 150).strip(),
                required=True,
                example="Nguyễn Văn Hải",
                width=26,
            ),
            Column(
                _("Tên đăng nhập"),
                "username",
                read_username,
                required=True,
                help=_("Chữ không dấu, số và các dấu . _ -"),
                example="canbo.hai",
                width=20,
            ),
            Column(
                _("Đơn vị"),
                "unit",
                read_unit,
                required=True,
                help=_("Tên hoặc mã đơn vị."),
                example=example_unit.title,
                width=30,
                choices=lambda: [unit.title for unit in self.units][:200],
                labels={},
            ),
            Column(
                _("Vai trò"),
                "role",
                read_role,
                required=True,
                help=_("Chọn trong danh sách."),
                example=str(Role.WARD_OFFICIAL.label),
                width=30,
                choices=lambda: [str(Role(role).label) for role in self.roles],
                labels={role: str(Role(role).label) for role in self.roles},
            ),
            Column(
                _("Chức vụ"),
                "position",
                lambda v: read_text(v, 200).strip(),
                example="Cán bộ Văn phòng",
                width=24,
            ),
            Column(_("E-mail"), "email", read_email, example="hai@example.com", width=24),
            Column(
                _("Điện thoại"),
                "phone",
                lambda v: read_text(v, 20).strip(),
                example="0912345678",
                width=14,
            ),
        ]

    def read(self, fileobj) -> ImportResult:
        self.seen: dict[str, int] = {}
        self.seen_email: dict[str, int] = {}
        return super().read(fileobj)

    def build_row(self, values: dict[str, Any], row: int, result: ImportResult) -> dict:
        username = values["username"]
        header = self.by_attr["username"].header
        if username_taken(username):
            result.errors.append(
                RowError(
                    row, header, _("Tên đăng nhập “%(v)s” đã có người dùng.") % {"v": username}
                )
            )
        elif username.casefold() in self.seen:
            result.errors.append(
                RowError(
                    row, header, _("Trùng với dòng %(n)d.") % {"n": self.seen[username.casefold()]}
                )
            )
        self.seen.setdefault(username.casefold(), row)
        email = values.get("email") or ""
        if email and email.casefold() in self.seen_email:
            result.errors.append(
                RowError(
                    row,
                    self.by_attr["email"].header,
                    _("Trùng với dòng %(n)d.") % {"n": self.seen_email[email.casefold()]},
                )
            )
        elif email and email_taken(email):
            result.errors.append(
                RowError(
                    row, self.by_attr["email"].header, _("E-mail này đã dùng cho tài khoản khác.")
                )
            )
        elif email:
            self.seen_email[email.casefold()] = row
        try:
            check_grant(self.user, values["unit"], values["role"])
        except ValidationError as exc:
            result.errors.append(RowError(row, self.by_attr["role"].header, exc.messages[0]))
        return values

    def save(self, objects: list[dict]) -> None:
        for values in objects:
            create_account(self.user, **values)
