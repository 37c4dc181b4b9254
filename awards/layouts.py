"""The variables a certificate layout can place, and the checks a layout must pass.

As in pretix's PDF layouts, a layout is data (a JSON list of boxes in mm) and each box names
one variable from :data:`VARIABLES`, which says what the variable is called and gives a
sample for the calibration page.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

VARIABLES = {
    "title": (gettext_lazy("Tên hình thức (BẰNG KHEN)"), "BẰNG KHEN"),
    "authority": (
        gettext_lazy("Người ký tặng"),
        "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG AN",
    ),
    "name": (gettext_lazy("Họ tên, tên tập thể"), "Ông Nguyễn Văn Hải"),
    "position_unit": (gettext_lazy("Chức vụ, đơn vị"), "Tổ trưởng tổ dân phố 3, phường An"),
    "achievements": (
        gettext_lazy("Thành tích"),
        "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025",
    ),
    "decision": (gettext_lazy("Số, ngày quyết định"), "Quyết định số 125/QĐ-UBND"),
    "place_date": (gettext_lazy("Địa danh, ngày tháng"), "An, ngày 12 tháng 8 năm 2025"),
    "signer_title": (gettext_lazy("Chức vụ người ký"), "CHỦ TỊCH"),
    "signer_name": (gettext_lazy("Người ký"), "Trần Văn Bình"),
    "serial": (gettext_lazy("Số hiệu"), "Số: GKP-2025-000001"),
    "qr": (gettext_lazy("Mã QR xác minh"), ""),
}

ALIGNMENTS = ("left", "center", "right")


def default_fields() -> list[dict]:
    """A layout for an A4 landscape blank with the emblem and the title printed at the top."""

    def box(field, y, *, x=30, width=237, size=14, align="center", bold=False, italic=False):
        return {
            "field": field,
            "x": x,
            "y": y,
            "width": width,
            "size": size,
            "align": align,
            "bold": bold,
            "italic": italic,
        }

    return [
        box("authority", 36, size=15, bold=True),
        box("name", 82, size=26, bold=True),
        box("position_unit", 96, size=15, italic=True),
        box("achievements", 108, x=45, width=207, size=15),
        box("decision", 132, size=13, italic=True),
        box("place_date", 146, x=150, width=120, size=14, italic=True),
        box("signer_title", 154, x=150, width=120, size=14, bold=True),
        box("signer_name", 184, x=150, width=120, size=15, bold=True),
        box("serial", 190, x=20, width=90, size=11, align="left"),
        {"field": "qr", "x": 20, "y": 160, "size": 24},
    ]


def _number(box: dict, key: str) -> float | None:
    value = box.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def layout_errors(fields, page_width: float, page_height: float) -> list[str]:
    """Vietnamese messages for every box that cannot be printed; empty when all is well."""
    if not isinstance(fields, list):
        return [_("Bố cục phải là một danh sách các ô.")]
    errors = []
    for index, box in enumerate(fields, start=1):
        if not isinstance(box, dict) or box.get("field") not in VARIABLES:
            errors.append(
                _("Ô %(n)d: trường in phải là một trong %(names)s.")
                % {"n": index, "names": ", ".join(VARIABLES)}
            )
            continue
        x, y, size = _number(box, "x"), _number(box, "y"), _number(box, "size")
        width = size if box["field"] == "qr" else _number(box, "width")
        if None in (x, y, size, width) or size <= 0 or width <= 0:
            errors.append(_("Ô %(n)d: cần x, y, width, size là số dương.") % {"n": index})
            continue
        if x < 0 or y < 0 or x + width > page_width or y > page_height:
            errors.append(_("Ô %(n)d: nằm ngoài khổ giấy.") % {"n": index})
        if box.get("align", "left") not in ALIGNMENTS:
            errors.append(_("Ô %(n)d: căn lề phải là left, center hoặc right.") % {"n": index})
    return errors
