"""The import pages: upload, every error listed, preview, confirm; big files refused early."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tests.register import sheet
from wards.imports import SchemeImport
from wards.models import Activity

HEADERS = ["Ngày", "Loại hoạt động", "Số lượng", "Loại mô hình", "Tên mô hình", "Ghi chú"]
UPLOAD = reverse("wards:import", args=["90001", "activity"])
CONFIRM = reverse("wards:import_confirm", args=["90001", "activity"])


@pytest.fixture(autouse=True)
def import_dir(settings, tmp_path):
    settings.REGISTER_IMPORT_DIR = tmp_path / "imports"
    return settings.REGISTER_IMPORT_DIR


@pytest.fixture
def official(client, people, kinds):
    client.force_login(people["ward_official"])
    return client


def upload(client, rows, url=UPLOAD):
    return client.post(url, {"file": sheet(HEADERS, rows)})


def test_a_sheet_is_previewed_then_confirmed(official, import_dir):
    response = upload(official, [["02/05/2025", "Ca tuần tra", 2, None, None, "Đêm"]])
    page = response.content.decode()
    assert "Tệp hợp lệ: 1 dòng sẵn sàng nhập." in page
    assert "02/05/2025" in page
    assert not Activity.objects.exists()  # nothing before the confirmation
    token = response.context["token"]
    assert (import_dir / f"{token}.xlsx").exists()

    done = official.post(CONFIRM, {"token": token}, follow=True)
    assert "Đã nhập 1 hoạt động vào sổ của Phường An." in done.content.decode()
    assert Activity.objects.get().count == 2
    assert list(import_dir.iterdir()) == []  # the waiting file is gone


def test_the_preview_shows_the_register_words_not_internal_codes(official):
    rows = [
        ["02/05/2025", "Buổi tuyên truyền", 1, None, None, None],
        ["03/05/2025", "tip_off", 3, None, None, None],  # a code is read, and shown as its name
    ]
    preview = upload(official, rows).context["result"].preview
    assert [row[1] for row in preview] == ["Buổi tuyên truyền", "Tin báo, tố giác chuyển Công an"]
    page = upload(official, rows).content.decode()
    assert "<td>propaganda</td>" not in page
    assert "<td>tip_off</td>" not in page


def test_errors_are_listed_by_row_and_column_and_nothing_is_kept(official, import_dir):
    rows = [
        ["02/05/2025", "Ca tuần tra", 2, None, None, None],
        ["32/05/2025", "Ca tuần tra", -1, None, None, None],
    ]
    response = upload(official, rows)
    page = response.content.decode()
    assert "Tệp có 2 lỗi, chưa nhập gì vào sổ." in page
    assert "<td>3</td><td>Ngày</td><td>Ngày không hợp lệ: “32/05/2025”" in page
    assert "<td>3</td><td>Số lượng</td><td>Không được là số âm." not in page
    assert "<td>3</td><td>Số lượng</td><td>Phải từ 1 trở lên.</td>" in page
    assert not Activity.objects.exists()
    assert not import_dir.exists() or list(import_dir.iterdir()) == []


def test_a_50_mb_file_is_refused_before_it_is_read(official):
    big = SimpleUploadedFile("so.xlsx", b"PK\x03\x04" + b"\0" * (50 * 1024 * 1024))
    response = official.post(UPLOAD, {"file": big})
    assert response.status_code == 413
    assert "Tệp quá lớn (50 MB): chỉ nhận tệp đến 10 MB." in response.content.decode()
    assert not Activity.objects.exists()


def test_an_upload_past_the_limit_is_cut_off_while_it_streams(official, settings):
    settings.REGISTER_IMPORT_MAX_BYTES = 2000
    response = upload(official, [["02/05/2025", "Ca tuần tra", 2, None, None, None]] * 200)
    assert "Tệp quá lớn" in response.content.decode()
    assert not Activity.objects.exists()


def test_a_text_file_is_refused_in_vietnamese(official):
    response = official.post(UPLOAD, {"file": io.BytesIO("không phải excel".encode())})
    assert "Tệp không phải là tệp Excel (.xlsx)." in response.content.decode()


def test_a_confirmation_needs_the_uploaders_session_and_ward(official, client, people, units):
    token = upload(official, [["02/05/2025", "Ca tuần tra", 2, None, None, None]]).context["token"]
    # The same token for another import or another ward is refused.
    wrong = official.post(
        reverse("wards:import_confirm", args=["90001", "schemes"]), {"token": token}, follow=True
    )
    assert "Phiên nhập đã hết hạn" in wrong.content.decode()
    client.logout()
    client.force_login(people["admin"])
    official.post(CONFIRM, {"token": token})
    assert not Activity.objects.exists()


def test_the_register_changing_between_preview_and_confirmation_is_caught(official, units):
    rows = [["02/05/2025", "Ca tuần tra", 2, None, None, None]]
    first = upload(official, rows).context["token"]
    second = upload(official, rows).context["token"]
    official.post(CONFIRM, {"token": first})
    response = official.post(CONFIRM, {"token": second})
    assert "đã có trong sổ" in response.content.decode()
    assert Activity.objects.count() == 1


def test_an_unknown_import_is_404(official):
    assert official.get(reverse("wards:import", args=["90001", "guests"])).status_code == 404


def test_the_template_downloads_as_xlsx(official):
    response = official.get(reverse("wards:import_template", args=["90001", "schemes"]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="mau-nhap-mo-hinh.xlsx"' in response["Content-Disposition"]
    assert response.content[:4] == b"PK\x03\x04"


def test_a_scheme_sheet_goes_to_the_list(official, units, areas):
    url = reverse("wards:import", args=["90001", "schemes"])
    headers = [c.header for c in SchemeImport(units["ward"]).columns]
    row = {h: None for h in headers} | {
        "Loại mô hình": "Tổ hòa giải",
        "Tên mô hình": "Tổ hòa giải khu 2",
        "Khu dân cư": "Khu 2",
        "Số thành viên": 7,
    }
    token = official.post(url, {"file": sheet(headers, [list(row.values())])}).context["token"]
    response = official.post(
        reverse("wards:import_confirm", args=["90001", "schemes"]), {"token": token}
    )
    assert response["Location"] == f"{reverse('wards:scheme_list')}?ward=90001"
    assert units["ward"].schemes.get().member_count == 7


def test_the_upload_still_checks_csrf(people, kinds):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people["ward_official"])
    response = client.post(UPLOAD, {"file": sheet(HEADERS, [["02/05/2025", "Ca tuần tra", 1]])})
    assert response.status_code == 403
    assert not Activity.objects.exists()


def test_the_sheet_stays_vietnamese_for_a_user_with_the_english_interface(official):
    official.post(reverse("set_language"), {"language": "en", "next": "/"})
    template = official.get(reverse("wards:import_template", args=["90001", "activity"]))
    from openpyxl import load_workbook

    header = next(
        load_workbook(io.BytesIO(template.content)).worksheets[0].iter_rows(values_only=True)
    )
    assert list(header)[: len(HEADERS)] == HEADERS
    response = upload(official, [["02/05/2025", "Ca tuần tra", 2, None, None, "Đêm"]])
    token = response.context["token"]
    official.post(CONFIRM, {"token": token})
    assert Activity.objects.get().count == 2
