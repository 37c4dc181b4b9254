"""Excel import of the register: schemes and activity, into one ward.

A sheet is read in full and every problem is reported by row and column, in Vietnamese, before
anything is written; a sheet with no problem is written in one transaction (all or nothing).
Rows are validated by the same model rules as the forms (``Scheme.clean``), so a scheme that a
form refuses is refused by the import too.
"""

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.worksheet.datavalidation import DataValidation
from simple_history.utils import bulk_create_with_history

from documents.renderers import as_text
from documents.vietnamese import (
    DateTextError,
    fold,
    format_number,
    nfc,
    parse_date,
    parse_decimal,
    parse_whole_number,
    short_date,
)
from wards.models import (
    KIND_FIELDS,
    NUMERIC_KIND_FIELDS,
    Activity,
    ActivityType,
    AdministrativeUnit,
    ResidentialArea,
    Scheme,
    SchemeKind,
    SchemeStatus,
)
from wards.scoping import Perm
from wards.signals import rows_changed

XLSX_SIGNATURE = b"PK\x03\x04"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0"  # the old binary .xls
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MB = 1024 * 1024
# More columns than any template holds (the extra ones are reported as unknown headers);
# openpyxl would otherwise pad every row to the sheet's declared width, up to 16,384 cells.
MAX_COLUMNS = 100
# A member smaller than this may compress as well as it likes (an empty sheet, styles).
RATIO_EXEMPT_BYTES = MB
ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
STRING = re.compile(rb"<(?:\w+:)?si[\s/>]")
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"([A-Za-z]{1,3}\d+(?::[A-Za-z]{1,3}\d+)?)\"")


class CellError(Exception):
    """A cell that cannot be read as its column's type; the message is shown to the user."""


@dataclass
class RowError:
    row: int  # Excel's row number: the header is row 1
    column: str  # the column's Vietnamese header, or "" for the whole row or file
    message: str


@dataclass
class ImportResult:
    errors: list[RowError] = field(default_factory=list)
    objects: list = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)  # the first rows, as shown
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


# --------------------------------------------------------------------------- cell readers


def read_text(value: Any, max_length: int) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed as a number
    text = nfc(str(value))
    if len(text) > max_length:
        raise CellError(_("Dài quá %(n)d ký tự.") % {"n": max_length})
    return text


def read_count(value: Any, minimum: int = 0) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise CellError(_("Phải là số nguyên."))
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(_("Phải là số nguyên."))
        value = int(value)
    if isinstance(value, str):
        # A cell typed as text reads as the form's number input reads it: "15.000.000".
        text = value.strip()
        try:
            value = parse_whole_number(text)
        except ValueError:
            raise CellError(
                _("Phải là số nguyên như 15.000.000, không phải “%(v)s”.") % {"v": text}
            ) from None
    if not isinstance(value, int):
        raise CellError(_("Phải là số nguyên."))
    if value < minimum:
        if minimum == 0:
            raise CellError(_("Không được là số âm."))
        raise CellError(_("Phải từ %(n)d trở lên.") % {"n": minimum})
    return value


def read_date(value: Any) -> datetime.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value)
        except DateTextError:
            pass
    raise CellError(
        _("Ngày không hợp lệ: “%(v)s” (ghi theo dạng ngày/tháng/năm, ví dụ 19/08/2025).")
        % {"v": value}
    )


def read_coordinate(value: Any) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(repr(value)) if isinstance(value, float) else parse_decimal(str(value))
    except ValueError:
        raise CellError(_("Phải là số thập phân, ví dụ 21,0285.")) from None
    if not number.is_finite():
        raise CellError(_("Phải là số thập phân, ví dụ 21,0285."))
    return number.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)


def _choice_reader(options: dict[str, Any], noun: str) -> Callable[[Any], Any]:
    """A reader that finds a value by its folded name (accents, case and spaces do not
    matter)."""

    def read(value: Any) -> Any:
        text = nfc(str(value)) if value is not None else ""
        if not text:
            return None
        try:
            return options[fold(text)]
        except KeyError:
            raise CellError(
                _("Không có %(noun)s “%(v)s” trong danh mục.") % {"noun": noun, "v": text}
            ) from None

    return read


# --------------------------------------------------------------------------- columns


@dataclass
class Column:
    header: str  # exactly as in the template (Vietnamese)
    attr: str  # the model attribute it fills
    read: Callable[[Any], Any]
    required: bool = False
    help: str = ""
    example: Any = None
    width: int = 18
    choices: Callable[[], list[str]] | None = None  # the template's drop-down list
    # value -> what the preview shows, for columns read into a code ("tip_off", "suspended").
    labels: dict[str, str] | None = None

    def show(self, value: Any) -> str:
        if self.labels and value in self.labels:
            return str(self.labels[value])
        return _display(value)


class SheetImport:
    """Reads one sheet into unsaved rows; subclasses say which columns and what a row is."""

    sheet_title = ""
    noun = ""  # for messages and file names
    title = ""  # the upload page's heading
    file_name = ""  # the template's
    confirm_label = gettext_lazy("Xác nhận nhập vào sổ")
    # Above the list of errors: that nothing was written, in the import's own words.
    errors_heading = ngettext_lazy(
        "Tệp có %(n)d lỗi, chưa nhập gì vào sổ. Hãy sửa tệp rồi tải lên lại.",
        "Tệp có %(n)d lỗi, chưa nhập gì vào sổ. Hãy sửa tệp rồi tải lên lại.",
        "n",
    )
    perm = Perm.EDIT_REGISTER  # what the user needs at the unit imported into
    any_level = False  # True: any unit in scope, not only a ward

    def done_url(self) -> str:
        """Where the user lands after a confirmed import."""
        raise NotImplementedError

    def done_message(self, count: int) -> str:
        return _("Đã nhập %(n)d %(noun)s vào sổ của %(ward)s.") % {
            "n": count,
            "noun": self.noun,
            "ward": self.ward.title,
        }

    def __init__(self, ward: AdministrativeUnit, user=None) -> None:
        self.ward = ward
        self.user = user
        self.columns = self.build_columns()
        self.by_attr = {column.attr: column for column in self.columns}

    def build_columns(self) -> list[Column]:
        raise NotImplementedError

    def build_row(self, values: dict[str, Any], row: int, result: ImportResult) -> Any:
        """An unsaved object from a row whose cells were all read, or None if invalid."""
        raise NotImplementedError

    def save(self, objects: list) -> None:
        raise NotImplementedError

    # -- reading

    def read(self, fileobj) -> ImportResult:
        result = ImportResult()
        error = check_file(fileobj)
        if error:
            result.errors.append(RowError(0, "", error))
            return result
        try:
            workbook = load_workbook(fileobj, read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError):
            # A zip that is not a workbook (a .docx, a damaged file): openpyxl fails in many
            # ways.
            result.errors.append(RowError(0, "", damaged_message()))
            return result
        try:
            sheet = (
                workbook[self.sheet_title]
                if self.sheet_title in workbook.sheetnames
                else workbook.worksheets[0]
            )
            # Bounds of our own: openpyxl would trust the sheet's declared dimension, which may
            # be a lie either way.
            rows = sheet.iter_rows(
                values_only=True, max_col=MAX_COLUMNS, max_row=max_sheet_rows() + 1
            )
            self._read_rows(rows, result)
        finally:
            workbook.close()
        return result

    def _read_rows(self, rows: Iterator[tuple], result: ImportResult) -> None:
        header = next(rows, None)
        positions = self._read_header(header or (), result)
        if not result.ok:
            return
        limit = settings.REGISTER_IMPORT_MAX_ROWS
        for number, cells in enumerate(rows, start=2):
            # Blank rows count too, or a sheet of a million empty rows would be walked to its end.
            if number > max_sheet_rows():
                result.errors = [RowError(0, "", too_many_rows_message())]
                result.objects = []
                return
            if all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells):
                continue
            result.rows += 1
            if result.rows > limit:
                result.errors = [RowError(0, "", too_many_rows_message())]
                result.objects = []
                return
            values = {}
            failed = False
            for column, position in zip(self.columns, positions, strict=True):
                raw = cells[position] if position < len(cells) else None
                try:
                    values[column.attr] = column.read(raw)
                except CellError as exc:
                    result.errors.append(RowError(number, column.header, str(exc)))
                    failed = True
                    continue
                if column.required and values[column.attr] in (None, ""):
                    result.errors.append(RowError(number, column.header, _("Chưa nhập.")))
                    failed = True
            obj = self.build_row(values, number, result) if not failed else None
            if obj is not None:
                result.objects.append(obj)
                if len(result.preview) < 20:
                    result.preview.append([c.show(values.get(c.attr)) for c in self.columns])
        if result.rows == 0:
            result.errors.append(RowError(0, "", _("Tệp không có dòng dữ liệu nào.")))
        if not result.ok:
            result.objects = []

    def _read_header(self, header: tuple, result: ImportResult) -> list[int]:
        found: dict[str, int] = {}
        for position, cell in enumerate(header):
            name = nfc(str(cell)) if cell is not None else ""
            if not name:
                continue
            letter = get_column_letter(position + 1)
            if name in found:
                result.errors.append(
                    RowError(
                        1, name, _("Cột “%(h)s” có hai lần (cột %(c)s).") % {"h": name, "c": letter}
                    )
                )
            elif name not in self.by_header:
                result.errors.append(
                    RowError(
                        1,
                        name,
                        _("Cột %(c)s “%(h)s” không có trong mẫu: hãy dùng tệp mẫu tải về.")
                        % {"c": letter, "h": name},
                    )
                )
            found.setdefault(name, position)
        for column in self.columns:
            if column.header not in found:
                result.errors.append(
                    RowError(1, column.header, _("Thiếu cột “%(h)s”.") % {"h": column.header})
                )
        return [found.get(column.header, -1) for column in self.columns]

    @property
    def by_header(self) -> dict[str, Column]:
        return {column.header: column for column in self.columns}

    def model_errors(self, exc: ValidationError, row: int, result: ImportResult) -> None:
        """Model validation messages, put in the column of the field they are about."""
        for name, messages in exc.message_dict.items():
            column = self.by_attr.get(name)
            for message in messages:
                result.errors.append(RowError(row, column.header if column else "", message))

    # -- writing

    def commit(self, fileobj) -> ImportResult:
        """Read again (the register may have changed since the preview) and save every row,
        or none."""
        result = self.read(fileobj)
        if not result.ok:
            return result
        try:
            with transaction.atomic():
                self.save(result.objects)
        except IntegrityError:
            result.errors.append(
                RowError(0, "", _("Sổ đã thay đổi trong lúc nhập: hãy tải tệp lên lại."))
            )
            result.objects = []
        return result

    # -- the template

    def template(self) -> bytes:
        """An empty sheet with the headers and drop-down lists, and a guide with an example."""
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = self.sheet_title
        lists = workbook.create_sheet("DanhMuc")
        guide = workbook.create_sheet(_("Hướng dẫn"))
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor="F2C94C")
        for index, column in enumerate(self.columns, start=1):
            cell = sheet.cell(row=1, column=index, value=column.header)
            cell.font, cell.fill = bold, fill
            sheet.column_dimensions[get_column_letter(index)].width = column.width
            if column.choices:
                options = column.choices()
                if not options:
                    continue
                letter = get_column_letter(index)
                for position, option in enumerate(options, start=1):
                    # The options are the ward's own names (areas, schemes).
                    as_text(lists.cell(row=position, column=index, value=option))
                validation = DataValidation(
                    type="list",
                    formula1=f"=DanhMuc!${letter}$1:${letter}${len(options)}",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle=_("Không có trong danh mục"),
                    error=_("Hãy chọn trong danh sách."),
                )
                validation.add(f"{letter}2:{letter}{settings.REGISTER_IMPORT_MAX_ROWS + 1}")
                sheet.add_data_validation(validation)
        sheet.freeze_panes = "A2"
        lists.sheet_state = "hidden"

        guide.append([_("Cột"), _("Bắt buộc"), _("Cách ghi"), _("Ví dụ")])
        for cell in guide[1]:
            cell.font = bold
        for column in self.columns:
            guide.append(
                [
                    column.header,
                    _("Có") if column.required else "",
                    str(column.help),
                    _display(column.example),
                ]
            )
        guide.append([])
        guide.append([_("Dòng ví dụ (chép sang trang “%(s)s”):") % {"s": self.sheet_title}])
        guide.append([column.header for column in self.columns])
        guide.append([column.example for column in self.columns])
        for letter, width in zip("ABCD", (28, 10, 60, 30), strict=True):
            guide.column_dimensions[letter].width = width
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return short_date(value)
    if isinstance(value, Decimal):
        return str(value).replace(".", ",")
    if isinstance(value, int):
        return format_number(value)
    return str(value)


def check_file(fileobj) -> str:
    """Why the file is not an .xlsx we can read, or "" if it is one."""
    fileobj.seek(0, io.SEEK_END)
    size = fileobj.tell()
    fileobj.seek(0)
    if size > settings.REGISTER_IMPORT_MAX_BYTES:
        return too_large_message(size)
    head = fileobj.read(4)
    fileobj.seek(0)
    if head == OLE2_SIGNATURE:
        return _("Đây là tệp Excel đời cũ (.xls): hãy mở bằng Excel và lưu thành .xlsx.")
    if head != XLSX_SIGNATURE:
        return _("Tệp không phải là tệp Excel (.xlsx).")
    try:
        # Before openpyxl opens it: it reads the shared strings whole, and pads rows to the
        # declared dimension, so a small file could otherwise take gigabytes or minutes.
        return check_archive(fileobj)
    except zipfile.BadZipFile:
        return damaged_message()
    finally:
        fileobj.seek(0)


def damaged_message() -> str:
    return _("Tệp không phải là tệp Excel (.xlsx) hoặc đã bị hỏng.")


def check_archive(fileobj) -> str:
    """Why the workbook's zip would unpack to more than an import may read, or "".

    Sizes are those the zip declares: Python's zipfile stops at the declared size (and fails
    the checksum), so a member cannot unpack to more than it announces."""
    with zipfile.ZipFile(fileobj) as archive:
        members = archive.infolist()
        unpacked = sum(member.file_size for member in members)
        bomb = any(
            member.file_size > RATIO_EXEMPT_BYTES
            and member.file_size > settings.REGISTER_IMPORT_MAX_RATIO * max(member.compress_size, 1)
            for member in members
        )
        if bomb or unpacked > settings.REGISTER_IMPORT_MAX_UNPACKED_BYTES:
            return _(
                "Tệp Excel giải nén ra quá lớn (%(size)s MB, tối đa %(limit)s MB): tệp có thể "
                "chứa dữ liệu thừa hoặc bị làm hỏng. Hãy chép các dòng cần nhập sang tệp mẫu."
            ) % {
                "size": format_number(round(Decimal(unpacked) / MB, 1)),
                "limit": format_number(settings.REGISTER_IMPORT_MAX_UNPACKED_BYTES // MB),
            }
        for member in members:
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                error = _check_sheet(archive, member)
                if error:
                    return error
            # openpyxl reads every shared string as it opens the workbook (some 60 µs and
            # 100 bytes each): 3.5 million tiny ones in 49 MB took 4 minutes and 460 MB.
            if member.filename.endswith("sharedStrings.xml"):
                with archive.open(member) as strings:
                    if _more_tags_than(strings, STRING, max_cells()):
                        return too_many_cells_message()
    return ""


def _check_sheet(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> str:
    """The sheet's declared width, its rows and its cells, counted in its bytes, against what
    an import reads: openpyxl pads each row to the declared width and, when no width is
    declared, parses the whole sheet as it opens the workbook."""
    with archive.open(member) as sheet:
        head = sheet.read(64 * 1024)  # the dimension comes before the rows
    found = DIMENSION.search(head)
    if found:
        last_col = range_boundaries(found.group(1).decode().upper())[2]
        if last_col is not None and last_col > MAX_COLUMNS:
            return _(
                "Trang tính có %(n)s cột, quá nhiều so với mẫu (tối đa %(limit)s cột): hãy "
                "xóa các cột thừa hoặc chép dữ liệu sang tệp mẫu."
            ) % {"n": format_number(last_col), "limit": format_number(MAX_COLUMNS)}
    with archive.open(member) as sheet:
        if _more_tags_than(sheet, ROW, max_sheet_rows()):
            return too_many_rows_message()
    with archive.open(member) as sheet:
        if _more_tags_than(sheet, CELL, max_cells()):
            return too_many_cells_message()
    return ""


def _more_tags_than(stream, tag: re.Pattern, limit: int) -> bool:
    """Whether `stream` holds more than `limit` matches of `tag`, read a megabyte at a time."""
    found, pending = 0, stream.read(MB)
    while pending:
        more = stream.read(MB)
        # While more follows, counted up to the last "<", so that no tag is split.
        cut = pending.rfind(b"<") if more else len(pending)
        cut = cut if cut > 0 else len(pending)
        found += len(tag.findall(pending, 0, cut))
        if found > limit:
            return True
        pending = pending[cut:] + more
    return False


def max_sheet_rows() -> int:
    """The sheet's rows an import reads: the header, the data rows, as many blank ones."""
    return 2 * settings.REGISTER_IMPORT_MAX_ROWS + 1


def max_cells() -> int:
    """Cells, or distinct texts, a workbook may hold: 25 a row, more than any template has."""
    return 25 * settings.REGISTER_IMPORT_MAX_ROWS


def too_many_cells_message() -> str:
    return _(
        "Tệp có hơn %(n)s ô dữ liệu, nhiều hơn mẫu có thể chứa: hãy chép các dòng cần nhập "
        "sang tệp mẫu."
    ) % {"n": format_number(max_cells())}


def too_many_rows_message() -> str:
    return _("Tệp có hơn %(n)s dòng: hãy chia thành nhiều tệp.") % {
        "n": format_number(settings.REGISTER_IMPORT_MAX_ROWS)
    }


def too_large_message(size: int) -> str:
    mb = 1024 * 1024
    return _("Tệp quá lớn (%(size)s MB): chỉ nhận tệp đến %(limit)s MB.") % {
        "size": format_number(round(Decimal(size) / mb, 1)),
        "limit": format_number(round(Decimal(settings.REGISTER_IMPORT_MAX_BYTES) / mb, 1)),
    }


# --------------------------------------------------------------------------- schemes


class SchemeImport(SheetImport):
    sheet_title = "Mô hình"
    noun = gettext_lazy("mô hình")
    title = gettext_lazy("Nhập mô hình từ Excel")
    file_name = "mau-nhap-mo-hinh.xlsx"
    # Schemes are the ward police's to keep as well; activity stays with the ward's officials.
    perm = Perm.EDIT_SCHEMES

    def done_url(self) -> str:
        return f"{reverse('wards:scheme_list')}?ward={self.ward.code}"

    def build_columns(self) -> list[Column]:
        # A kind taken out of use is not offered for new schemes.
        self.kinds = list(SchemeKind.objects.available_to(self.ward).filter(is_active=True))
        self.areas = list(ResidentialArea.objects.filter(ward=self.ward).order_by("name"))
        kinds = {fold(k.name): k for k in self.kinds} | {fold(k.code): k for k in self.kinds}
        statuses = {fold(str(label)): value for value, label in SchemeStatus.choices}
        statuses |= {fold(value): value for value in SchemeStatus.values}
        area_noun = _("khu dân cư")
        read_area = _choice_reader({fold(a.name): a for a in self.areas}, area_noun)

        def read_area_in_ward(value):
            try:
                return read_area(value)
            except CellError:
                raise CellError(
                    _("Không có khu dân cư “%(v)s” ở %(ward)s.")
                    % {"v": nfc(str(value)), "ward": self.ward.title}
                ) from None

        def text(name: str) -> Callable[[Any], str]:
            limit = Scheme._meta.get_field(name).max_length or 10_000
            return lambda value: read_text(value, limit)

        def verbose(name: str) -> str:
            label = str(Scheme._meta.get_field(name).verbose_name)
            return f"{label[:1].upper()}{label[1:]}"

        columns = [
            Column(
                _("Loại mô hình"),
                "kind",
                _choice_reader(kinds, _("loại mô hình")),
                required=True,
                help=_("Chọn trong danh sách."),
                example="Tổ liên gia an toàn PCCC",
                width=30,
                choices=lambda: [k.name for k in self.kinds],
            ),
            Column(
                _("Tên mô hình"),
                "name",
                text("name"),
                required=True,
                help=_("Không trùng với mô hình cùng loại đã có trong phường, xã."),
                example="Tổ liên gia PCCC khu 3",
                width=30,
            ),
            Column(
                _("Khu dân cư"),
                "area",
                read_area_in_ward,
                help=_("Tên khu dân cư của phường, xã; để trống nếu của cả phường."),
                example=self.areas[0].name if self.areas else "",
                choices=lambda: [a.name for a in self.areas],
            ),
            Column(
                _("Ngày thành lập"),
                "established_on",
                read_date,
                help=_("Ngày/tháng/năm, ví dụ 19/08/2024."),
                example="19/08/2024",
                width=14,
            ),
            Column(
                _("Trạng thái"),
                "status",
                _choice_reader(statuses, _("trạng thái")),
                help=_("Để trống nếu đang hoạt động."),
                example=str(SchemeStatus.ACTIVE.label),
                choices=lambda: [str(label) for label in SchemeStatus.labels],
                labels=dict(SchemeStatus.choices),
            ),
            Column(
                _("Ngày tạm ngừng, giải thể"),
                "status_changed_on",
                read_date,
                help=_("Bắt buộc khi tạm ngừng hoặc giải thể."),
                width=14,
            ),
            Column(
                _("Người phụ trách"), "leader_name", text("leader_name"), example="Nguyễn Văn An"
            ),
            Column(_("Điện thoại"), "leader_phone", text("leader_phone"), example="0912345678"),
            Column(
                _("Vĩ độ"),
                "latitude",
                read_coordinate,
                help=_("Số thập phân, ví dụ 21,0285; để trống nếu không có."),
                example="21,0285",
                width=12,
            ),
            Column(
                _("Kinh độ"),
                "longitude",
                read_coordinate,
                help=_("Số thập phân, ví dụ 105,8542."),
                example="105,8542",
                width=12,
            ),
        ]
        kind_help = {
            "camera_count": _("Loại camera an ninh."),
            "cameras_connected": _("Loại camera an ninh: số camera nối về Công an."),
            "households": _("Loại tổ liên gia PCCC."),
            "extinguishers": _("Loại tổ liên gia PCCC."),
            "equipment": _("Loại điểm chữa cháy công cộng."),
            "member_count": _("Loại tổ tuần tra, tổ hòa giải, tổ bảo vệ ANTT."),
            "schedule": _("Loại tổ tuần tra."),
            "mailbox_location": _("Loại hòm thư tố giác tội phạm."),
        }
        kind_examples = {"households": 12, "extinguishers": 12}
        for name in KIND_FIELDS:
            reader = read_count if name in NUMERIC_KIND_FIELDS else text(name)
            columns.append(
                Column(
                    verbose(name),
                    name,
                    reader,
                    help=kind_help[name],
                    example=kind_examples.get(name),
                    width=16,
                )
            )
        columns.append(Column(_("Ghi chú"), "note", text("note"), width=30))
        return columns

    def prepare(self) -> None:
        self.existing = {
            (kind_id, name.casefold())
            for kind_id, name in Scheme.objects.filter(ward=self.ward).values_list(
                "kind_id", "name"
            )
        }
        self.seen: dict[tuple, int] = {}

    def read(self, fileobj) -> ImportResult:
        self.prepare()
        return super().read(fileobj)

    def build_row(self, values: dict[str, Any], row: int, result: ImportResult) -> Scheme | None:
        kind: SchemeKind = values["kind"]
        for name in KIND_FIELDS:
            if name not in kind.fields and values.get(name) not in (None, ""):
                result.errors.append(
                    RowError(
                        row,
                        self.by_attr[name].header,
                        _("Loại “%(kind)s” không có mục này: hãy để trống.") % {"kind": kind.name},
                    )
                )
        scheme = Scheme(ward=self.ward, **{k: v for k, v in values.items() if v is not None})
        scheme.status = values.get("status") or SchemeStatus.ACTIVE
        try:
            scheme.clean()
        except ValidationError as exc:
            self.model_errors(exc, row, result)
        key = (kind.pk, scheme.name.casefold())
        name_header = self.by_attr["name"].header
        if key in self.existing:
            result.errors.append(
                RowError(
                    row,
                    name_header,
                    _("%(ward)s đã có mô hình “%(name)s” thuộc loại “%(kind)s”.")
                    % {"ward": self.ward.title, "name": scheme.name, "kind": kind.name},
                )
            )
        elif key in self.seen:
            result.errors.append(
                RowError(row, name_header, _("Trùng với dòng %(n)d.") % {"n": self.seen[key]})
            )
        else:
            self.seen[key] = row
        return scheme

    def save(self, objects: list[Scheme]) -> None:
        for scheme in objects:
            scheme.fill_derived()
        bulk_create_with_history(
            objects,
            Scheme,
            batch_size=1000,
            default_user=self.user,
            default_change_reason=_("Nhập từ tệp Excel"),
        )
        rows_changed.send(Scheme, ward_ids=[self.ward.pk])


# --------------------------------------------------------------------------- activity


class ActivityImport(SheetImport):
    sheet_title = "Hoạt động"
    noun = gettext_lazy("hoạt động")
    title = gettext_lazy("Nhập hoạt động từ Excel")
    file_name = "mau-nhap-hoat-dong.xlsx"

    def done_url(self) -> str:
        return reverse("wards:activity_list", args=[self.ward.code])

    def build_columns(self) -> list[Column]:
        self.kinds = list(SchemeKind.objects.available_to(self.ward))
        kinds = {fold(k.name): k for k in self.kinds} | {fold(k.code): k for k in self.kinds}
        types = {fold(str(label)): value for value, label in ActivityType.choices}
        types |= {fold(value): value for value in ActivityType.values}
        note_limit = Activity._meta.get_field("note").max_length
        return [
            Column(
                _("Ngày"),
                "date",
                read_date,
                required=True,
                help=_("Ngày/tháng/năm, ví dụ 19/08/2025."),
                example="19/08/2025",
                width=14,
            ),
            Column(
                _("Loại hoạt động"),
                "type",
                _choice_reader(types, _("loại hoạt động")),
                required=True,
                help=_("Chọn trong danh sách."),
                example=str(ActivityType.TIP_OFF.label),
                width=32,
                choices=lambda: [str(label) for label in ActivityType.labels],
                labels=dict(ActivityType.choices),
            ),
            Column(
                _("Số lượng"),
                "count",
                lambda value: read_count(value, minimum=1),
                required=True,
                help=_("Số nguyên từ 1 trở lên: số tin báo, số vụ, số ca, số buổi."),
                example=2,
                width=10,
            ),
            Column(
                _("Loại mô hình"),
                "kind",
                _choice_reader(kinds, _("loại mô hình")),
                help=_("Để trống nếu là hoạt động chung của phường, xã."),
                example="Tổ tự quản ANTT",
                width=30,
                choices=lambda: [k.name for k in self.kinds if k.is_active],
            ),
            Column(
                _("Tên mô hình"),
                "scheme_name",
                lambda value: read_text(value, 200),
                help=_("Tên mô hình đã có trong sổ; để trống nếu là hoạt động chung."),
                example="Tổ tự quản khu 1",
                width=30,
            ),
            Column(_("Ghi chú"), "note", lambda value: read_text(value, note_limit), width=40),
        ]

    def read(self, fileobj) -> ImportResult:
        schemes = list(Scheme.objects.filter(ward=self.ward).select_related("kind"))
        self.schemes_by_key = {(s.kind_id, s.name.casefold()): s for s in schemes}
        self.schemes_by_name: dict[str, list[Scheme]] = {}
        for scheme in schemes:
            self.schemes_by_name.setdefault(scheme.name.casefold(), []).append(scheme)
        self.seen: dict[tuple, int] = {}
        result = super().read(fileobj)
        if result.ok and result.objects:
            self._refuse_already_recorded(result)
        return result

    def _find_scheme(self, values: dict[str, Any], row: int, result: ImportResult):
        name, kind = values.get("scheme_name"), values.get("kind")
        name_header = self.by_attr["scheme_name"].header
        if not name:
            if kind is not None:
                result.errors.append(
                    RowError(row, name_header, _("Đã ghi loại mô hình thì cần ghi tên mô hình."))
                )
            return None
        if kind is not None:
            scheme = self.schemes_by_key.get((kind.pk, name.casefold()))
            if scheme is None:
                result.errors.append(
                    RowError(
                        row,
                        name_header,
                        _("%(ward)s chưa có mô hình “%(name)s” thuộc loại “%(kind)s”.")
                        % {"ward": self.ward.title, "name": name, "kind": kind.name},
                    )
                )
            return scheme
        matches = self.schemes_by_name.get(name.casefold(), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            message = _("Có %(n)d mô hình tên “%(name)s”: hãy ghi thêm loại mô hình.")
        else:
            message = _("%(ward)s chưa có mô hình “%(name)s”.")
        result.errors.append(
            RowError(
                row,
                name_header,
                message % {"n": len(matches), "name": name, "ward": self.ward.title},
            )
        )
        return None

    def build_row(self, values: dict[str, Any], row: int, result: ImportResult) -> Activity | None:
        errors_before = len(result.errors)
        scheme = self._find_scheme(values, row, result)
        activity = Activity(
            ward=self.ward,
            scheme=scheme,
            date=values["date"],
            type=values["type"],
            count=values["count"],
            note=values.get("note") or "",
        )
        try:
            activity.clean()
        except ValidationError as exc:
            self.model_errors(exc, row, result)
        if len(result.errors) > errors_before:
            return None
        key = _activity_key(activity)
        if key in self.seen:
            result.errors.append(
                RowError(row, "", _("Trùng với dòng %(n)d.") % {"n": self.seen[key]})
            )
            return None
        self.seen[key] = row
        activity.import_row = row
        return activity

    def _refuse_already_recorded(self, result: ImportResult) -> None:
        """The same sheet imported twice would count everything twice."""
        dates = [a.date for a in result.objects]
        recorded = {
            _activity_key(a)
            for a in Activity.objects.filter(
                ward=self.ward, date__gte=min(dates), date__lte=max(dates)
            )
        }
        for activity in result.objects:
            if _activity_key(activity) in recorded:
                result.errors.append(
                    RowError(
                        activity.import_row,
                        "",
                        _(
                            "Hoạt động này đã có trong sổ (cùng ngày, loại, mô hình, số lượng, "
                            "ghi chú)."
                        ),
                    )
                )
        if not result.ok:
            result.objects = []

    def save(self, objects: list[Activity]) -> None:
        bulk_create_with_history(
            objects,
            Activity,
            batch_size=1000,
            default_user=self.user,
            default_change_reason=_("Nhập từ tệp Excel"),
        )
        rows_changed.send(Activity, ward_ids=[self.ward.pk])


def _activity_key(activity: Activity) -> tuple:
    return (
        activity.date,
        activity.type,
        activity.scheme_id,
        activity.count,
        activity.note.casefold(),
    )


IMPORTS: dict[str, type[SheetImport]] = {"schemes": SchemeImport, "activity": ActivityImport}
