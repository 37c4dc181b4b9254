"""“Xuất Excel” under the users list: the sheet, opened with openpyxl, holds the accounts of the
list as filtered (every page), only those in the administrator's scope, never a password."""

from django.urls import reverse

from accounts.services import create_account
from documents.models import JobStatus
from tests.conftest import make_user
from tests.exports import cells, export, export_form, post_export, sheet_body
from wards.models import Role

HEADERS = ["Họ và tên", "Tên đăng nhập", "Chức vụ", "Đơn vị", "Vai trò", "Trạng thái"]


def test_the_sheet_is_the_filtered_list_of_all_pages_without_passwords(admin_client, people, units):
    made = [
        create_account(
            people["admin"],
            username=f"canbo.{n:02}",
            full_name=f"Trần Văn {n:02}",
            unit=units["commune"],
            role=Role.WARD_OFFICIAL,
            position="Văn phòng",
        )
        for n in range(23)
    ]
    make_user("canbo.xa", Role.WARD_OFFICIAL, units["far_ward"])  # another province
    page, job, rows = export(
        admin_client, reverse("accounts:list"), role=Role.WARD_OFFICIAL, sort="username"
    )
    for header in HEADERS:
        assert f">{header}" in page
    body = sheet_body(rows, HEADERS)
    shown = [
        m.user.username
        for m in admin_client.get(
            reverse("accounts:list"),
            {"role": Role.WARD_OFFICIAL, "sort": "username", "per_page": 100},
        ).context["page"]
    ]
    assert [row[1] for row in body] == shown  # the page showed 20 of them
    assert shown == [*(f"canbo.{n:02}" for n in range(23)), "canbo.an", "canbo.binh"]
    assert body[0] == [
        "Trần Văn 00",
        "canbo.00",
        "Văn phòng",
        "Xã Cam",
        "Cán bộ phường, xã",
        "Đang hoạt động",
    ]
    assert job.filename == "Tài khoản người dùng.xlsx"
    assert "canbo.xa" not in cells(rows)
    for membership in made:
        assert membership.initial_password
        assert not any(membership.initial_password in cell for cell in cells(rows))


def test_a_tampered_query_cannot_reach_another_provinces_accounts(admin_client, people, units):
    make_user("canbo.xa", Role.WARD_OFFICIAL, units["far_ward"])
    page = admin_client.get(reverse("accounts:list")).content.decode()
    data = export_form(page) | {"query": f"unit={units['far_ward'].code}&q=xa"}
    job, rows = post_export(admin_client, data)
    assert job.status == JobStatus.DONE
    # The unknown unit is dropped like on the page: the administrator's own accounts, no other.
    assert "canbo.an" in cells(rows)
    assert "canbo.xa" not in cells(rows)


def test_an_official_who_may_print_cannot_export_the_accounts(client, people, units):
    client.force_login(people["admin"])
    page = client.get(reverse("accounts:list")).content.decode()
    client.force_login(people["ward_official"])
    form = export_form(page) | {"object": str(units["ward"].pk)}
    job, rows = post_export(client, form)
    assert rows == []
    assert job.status == JobStatus.FAILED
    assert job.error == "Danh sách này không thuộc phạm vi của bạn."
