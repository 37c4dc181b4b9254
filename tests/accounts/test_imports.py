"""Many accounts from one Excel sheet: template, row-level Vietnamese errors, all or nothing,
then the page of initial passwords."""

import io

import openpyxl
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.conftest import make_user
from tests.register import sheet
from wards.models import Membership, Role

HEADERS = ["Họ và tên", "Tên đăng nhập", "Đơn vị", "Vai trò", "Chức vụ", "E-mail", "Điện thoại"]
UPLOAD = reverse("wards:import", args=["90", "accounts"])
CONFIRM = reverse("wards:import_confirm", args=["90", "accounts"])
GOOD = [
    ["Nguyễn Thị Lan", "canbo.lan", "Phường An", "Cán bộ phường, xã", "Văn phòng", None, None],
    [
        "Phạm Văn Đức",
        "congan.duc",
        "90002",
        "công an phuong, xa",
        "Trưởng Công an",
        None,
        912345678,
    ],
    [
        "Lê Văn Tâm",
        "chutich.cam",
        "xa cam",
        "Lãnh đạo phường, xã (Chủ tịch, Phó Chủ tịch)",
        "",
        "",
        "",
    ],
]


def upload(client, rows):
    return client.post(UPLOAD, {"file": sheet(HEADERS, rows)})


def test_the_template_has_the_columns_and_the_roles_list(admin_client):
    response = admin_client.get(reverse("wards:import_template", args=["90", "accounts"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('filename="mau-tao-tai-khoan.xlsx"')
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]][: len(HEADERS)] == HEADERS


def test_a_sheet_is_previewed_then_all_accounts_are_created(admin_client, people, units):
    preview = upload(admin_client, GOOD)
    assert "Tệp hợp lệ: 3 dòng sẵn sàng nhập." in preview.content.decode()
    assert not get_user_model().objects.filter(username="canbo.lan").exists()
    done = admin_client.post(CONFIRM, {"token": preview.context["token"]}, follow=True)
    html = done.content.decode()
    assert "Đã tạo 3 tài khoản." in html
    lan = Membership.objects.get(user__username="canbo.lan")
    assert (lan.unit, lan.role) == (units["ward"], Role.WARD_OFFICIAL)
    duc = Membership.objects.get(user__username="congan.duc")
    assert (duc.unit, duc.role, duc.phone) == (units["sibling"], Role.WARD_POLICE, "912345678")
    cam = Membership.objects.get(user__username="chutich.cam")
    assert (cam.unit, cam.role) == (units["commune"], Role.WARD_LEADER)
    for member in (lan, duc, cam):
        assert member.must_change_password
        assert member.user.check_password(member.initial_password)
        assert member.initial_password in html  # the passwords page, where the import lands


def test_every_bad_row_is_named_and_nothing_is_created(admin_client, people, units):
    make_user("canbo.xa", Role.WARD_OFFICIAL, units["far_ward"], email="xa@example.com")
    rows = [
        *GOOD,
        ["Trần Văn Nam", "canbo.an", "Phường An", "Cán bộ phường, xã", "", "", ""],
        ["Trần Văn Bắc", "canbo.lan", "Phường An", "Cán bộ phường, xã", "", "", ""],
        ["Trần Văn Tây", "tay", "Phường Xa", "Cán bộ phường, xã", "", "", ""],
        ["Trần Văn Đông", "dong", "Phường An", "Siêu quản trị", "", "", ""],
        ["Trần Văn Trung", "trung", "Tỉnh Thử", "Công an phường, xã", "", "sai-email", ""],
        ["Hoàng Thị Hà", "hà.hoàng", "Phường An", "Chỉ xem", "", "", ""],
        [None, "vo.danh", "Phường An", "Chỉ xem", "", "", ""],
        ["Vũ Văn Hai", "hai.vu", "Phường An", "Chỉ xem", "", "XA@example.com", ""],
    ]
    response = upload(admin_client, rows)
    errors = {(e.row, e.column, e.message) for e in response.context["result"].errors}
    assert (5, "Tên đăng nhập", "Tên đăng nhập “canbo.an” đã có người dùng.") in errors
    assert (6, "Tên đăng nhập", "Trùng với dòng 2.") in errors
    assert (7, "Đơn vị", "Không có đơn vị “Phường Xa” trong phạm vi quản lý của bạn.") in errors
    assert (8, "Vai trò", "Bạn không được cấp vai trò “Siêu quản trị”.") in errors
    assert (9, "E-mail", "E-mail không hợp lệ: “sai-email”.") in errors
    assert (10, "Tên đăng nhập", "Tên đăng nhập chỉ gồm chữ không dấu, số và . _ -") in errors
    assert (11, "Họ và tên", "Chưa nhập.") in errors
    assert (12, "E-mail", "E-mail này đã dùng cho tài khoản khác.") in errors
    html = response.content.decode()
    # The heading says what did not happen in this import's words: no account, not "the register".
    assert "Tệp có 8 lỗi, chưa tạo tài khoản nào. Hãy sửa tệp rồi tải lên lại." in html
    assert "chưa nhập gì vào sổ" not in html
    assert not get_user_model().objects.filter(username="canbo.lan").exists()


def test_a_ward_role_at_a_province_is_a_row_error(admin_client, people):
    rows = [["Trần Văn Trung", "trung", "Tỉnh Thử", "Công an phường, xã", "", "", ""]]
    errors = [(e.row, e.message) for e in upload(admin_client, rows).context["result"].errors]
    assert errors == [(2, "Vai trò “Công an phường, xã” không dùng cho cấp tỉnh, thành phố.")]


def test_a_ward_administrator_cannot_import_into_another_ward(client, ward_admin, units):
    client.force_login(ward_admin)
    assert client.get(UPLOAD).status_code == 404  # the province is above them
    own = reverse("wards:import", args=["90001", "accounts"])
    rows = [["Trần Văn Bắc", "bac", "Phường Bình", "Cán bộ phường, xã", "", "", ""]]
    response = client.post(own, {"file": sheet(HEADERS, rows)})
    messages = [e.message for e in response.context["result"].errors]
    assert messages == ["Không có đơn vị “Phường Bình” trong phạm vi quản lý của bạn."]


def test_a_ward_official_cannot_import_accounts(client, people):
    client.force_login(people["ward_official"])
    assert client.get(reverse("wards:import", args=["90001", "accounts"])).status_code == 403
