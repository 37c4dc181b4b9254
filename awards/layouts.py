"""Certificate layouts: the variables a layout can place, the boxes of the full design, the
checks a layout must pass, and whether a certificate's texts fit their boxes.

As in pretix's PDF layouts, a layout is data (a JSON list of boxes in mm) and each box names
one variable from :data:`VARIABLES`, which says what the variable is called and gives a
sample for the calibration page. A text box has a width, a start size, a minimum size
(``min_size``, default: the start size) and a maximum number of lines (``max_lines``, default
1); documents.pdfwriter shrinks, then wraps, within those. A layout is refused when two boxes,
each filled to its maximum, would overlap; so a text that fits its box never overprints, and
one that does not fit is refused before the decision is issued (:func:`decision_refusals`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import AwardForm, Certificate, CertificateLayout, Gender, RecipientKind
from documents.fonts import font_for, unprintable
from documents.pdfwriter import MM, fit
from documents.vietnamese import nfc, place_date, short_date

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
LEADING = 1.25  # line distance, in font sizes
MAX_LINES = 6


def _box(field, y, *, x=30, width=237, size=14, min_size=None, lines=1, **style):
    return {
        "field": field,
        "x": x,
        "y": y,
        "width": width,
        "size": size,
        "min_size": min_size or size,
        "max_lines": lines,
        "align": style.get("align", "center"),
        "bold": style.get("bold", False),
        "italic": style.get("italic", False),
    }


def frame_texts(title: str) -> list[tuple[str, dict]]:
    """The fixed texts of the full design (national motto, the form's title, "Tặng")."""
    return [
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", _box("", 17, x=0, width=297, size=13, bold=True)),
        ("Độc lập - Tự do - Hạnh phúc", _box("", 23, x=0, width=297, size=14, bold=True)),
        (title, _box("title", 56, x=14, width=269, size=38, min_size=24, bold=True)),
        ("Tặng", _box("", 74, x=0, width=297, size=14, italic=True)),
    ]


def default_fields() -> list[dict]:
    """A layout for an A4 landscape sheet with the motto and the title printed at the top
    (the full design draws them, a blank has them): each box leaves room for its maximum
    lines at its start size before the next one."""
    return [
        _box("authority", 35, size=15, min_size=12, lines=2, bold=True),
        _box("name", 81, size=26, min_size=16, lines=2, bold=True),
        _box("position_unit", 104, size=15, min_size=12, lines=2, italic=True),
        _box("achievements", 118, size=15, min_size=12, lines=3),
        _box("decision", 139, size=13, min_size=11, italic=True),
        _box("place_date", 147, x=150, width=120, size=14, min_size=12, italic=True),
        _box("signer_title", 154, x=150, width=120, size=14, min_size=12, lines=3, bold=True),
        _box("signer_name", 184, x=150, width=120, size=15, min_size=12, bold=True),
        _box("serial", 190, x=20, width=90, size=11, min_size=9, align="left"),
        {"field": "qr", "x": 20, "y": 160, "size": 24},
    ]


def text_style(box: dict) -> dict:
    """A layout box as the keyword arguments of documents.pdfwriter.Page.text."""
    return {
        "x": float(box["x"]),
        "y": float(box["y"]),
        "width": float(box["width"]),
        "size": float(box["size"]),
        "min_size": float(box.get("min_size", box["size"])),
        "max_lines": int(box.get("max_lines", 1)),
        "align": box.get("align", "left"),
        "bold": bool(box.get("bold", False)),
        "italic": bool(box.get("italic", False)),
        "leading": LEADING,
    }


def _extent(box: dict) -> tuple[float, float, float, float]:
    """Left, top, right, bottom (mm) of what a box can print: a QR code's square, or its
    maximum lines at its start size, from the ascender of the first to the descender of the
    last."""
    if box["field"] == "qr":
        return box["x"], box["y"], box["x"] + box["size"], box["y"] + box["size"]
    style = text_style(box)
    font = font_for(style["bold"], style["italic"])
    size = style["size"]
    height = (font.ascent - font.descent) * size / font.units
    height += (style["max_lines"] - 1) * size * LEADING
    return style["x"], style["y"], style["x"] + style["width"], style["y"] + height / MM


# --------------------------------------------------------------------------- checking layouts


def _number(box: dict, key: str) -> float | None:
    value = box.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _box_errors(index: int, box, page_width: float, page_height: float) -> list[str]:
    if not isinstance(box, dict) or box.get("field") not in VARIABLES:
        return [
            _("Ô %(n)d: trường in phải là một trong %(names)s.")
            % {"n": index, "names": ", ".join(VARIABLES)}
        ]
    x, y, size = _number(box, "x"), _number(box, "y"), _number(box, "size")
    width = size if box["field"] == "qr" else _number(box, "width")
    if None in (x, y, size, width) or size <= 0 or width <= 0:
        return [_("Ô %(n)d: cần x, y, width, size là số dương.") % {"n": index}]
    errors = []
    if box["field"] != "qr":
        min_size = _number(box, "min_size") if "min_size" in box else size
        lines = box.get("max_lines", 1)
        if min_size is None or not 0 < min_size <= size:
            errors.append(_("Ô %(n)d: min_size phải dương và không lớn hơn size.") % {"n": index})
        if isinstance(lines, bool) or not isinstance(lines, int) or not 1 <= lines <= MAX_LINES:
            errors.append(
                _("Ô %(n)d: max_lines phải là số nguyên từ 1 đến %(max)d.")
                % {"n": index, "max": MAX_LINES}
            )
        if box.get("align", "left") not in ALIGNMENTS:
            errors.append(_("Ô %(n)d: căn lề phải là left, center hoặc right.") % {"n": index})
    if errors:
        return errors
    left, top, right, bottom = _extent(box)
    if left < 0 or top < 0 or right > page_width or bottom > page_height:
        errors.append(_("Ô %(n)d: nằm ngoài khổ giấy.") % {"n": index})
    return errors


def layout_errors(fields, page_width: float, page_height: float) -> list[str]:
    """Vietnamese messages for every box that cannot be printed, and for every two boxes that
    would print over each other when filled to their maximum; empty when all is well."""
    if not isinstance(fields, list):
        return [_("Bố cục phải là một danh sách các ô.")]
    errors = []
    placed = []
    for index, box in enumerate(fields, start=1):
        box_errors = _box_errors(index, box, page_width, page_height)
        errors += box_errors
        if box_errors:
            continue
        left, top, right, bottom = _extent(box)
        for other, (o_left, o_top, o_right, o_bottom) in placed:
            if left < o_right and o_left < right and top < o_bottom and o_top < bottom:
                errors.append(
                    _("Ô %(n)d chồng lên ô %(other)d khi in đủ số dòng tối đa.")
                    % {"n": index, "other": other}
                )
        placed.append((index, (left, top, right, bottom)))
    return errors


# --------------------------------------------------------------------------- texts


def honorific(row: dict) -> str:
    name = row["nomination__nominee__name"]
    if row["nomination__nominee__kind"] == RecipientKind.COLLECTIVE:
        return name
    prefix = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(row["nomination__nominee__gender"])
    return f"{prefix} {name}" if prefix else name


def position_of(row: dict) -> str:
    return ", ".join(
        part
        for part in (row["nomination__nominee__position"], row["nomination__nominee__organisation"])
        if part
    )


def signing_for(decision, signature: dict | None = None) -> dict:
    """What signs a certificate of ``decision``: the authority it is headed with (the head of
    the body that gives the form, "CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG CỬA ÔNG", never the signer's
    own title) and the signature block, ``signature`` or else the decision's own signer's
    (an empty block while it has none)."""
    if signature is None:
        signer = decision.signer
        signature = (
            signer.signature_block(decision.signer_capacity)
            if signer
            else {"lines": [], "name": ""}
        )
    return {"authority": decision.form.authority_for(decision.unit), "signature": signature}


def certificate_texts(row: dict, signing: dict) -> dict:
    """The text of every layout variable but the QR code, for one certificate row (the
    columns of awards.printing.CERTIFICATE_COLUMNS) of a decision ``signing`` signs
    (:func:`signing_for`)."""
    return {
        "title": row["form__title"],
        "authority": signing["authority"].upper(),
        "name": honorific(row),
        "position_unit": position_of(row),
        "achievements": row["nomination__achievements"],
        "decision": (
            f"Quyết định số {row['decision__number']}/{row['decision__symbol']} "
            f"ngày {short_date(row['decision__date'])}"
        ),
        "place_date": place_date(row["decision__place"], row["decision__date"]),
        # The capacity and title lines, one under the other: "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH".
        "signer_title": "\n".join(signing["signature"]["lines"]),
        "signer_name": signing["signature"]["name"],
        "serial": f"Số: {row['serial']}",
    }


# --------------------------------------------------------------------------- fitting


def misfit(field: str, value: str, name: str, title: str, box: dict) -> str | None:
    """Why ``value`` cannot be printed in ``box`` of a certificate of ``name``; None when it
    fits."""
    style = text_style(box)
    value = nfc(value)
    try:
        fitted = fit(
            font_for(style["bold"], style["italic"]),
            value,
            style["width"] * MM,
            style["size"],
            style["min_size"],
            style["max_lines"],
        )
    except KeyError as exc:
        return unprintable(exc.args[0], value).args[0]
    if fitted is not None:
        return None
    detail = _("ở cỡ chữ nhỏ nhất %(size)g vẫn cần hơn %(lines)d dòng; hãy viết gọn lại.") % {
        "size": style["min_size"],
        "lines": style["max_lines"],
    }
    what = {"title": title.lower(), "name": name, "detail": detail}
    if field == "name":
        return _("Tên “%(name)s” quá dài cho %(title)s: %(detail)s") % what
    return _("%(field)s của “%(name)s” quá dài cho %(title)s: %(detail)s") % {
        **what,
        "field": VARIABLES[field][0],
    }


def misfits(
    values: dict, layouts: list[list[dict]], title: str, checked=None
) -> list[tuple[str, str]]:
    """The fields of ``values`` (a certificate's texts, or some of them) that cannot be
    printed in one of ``layouts``, each with why. A text in ``checked`` (a set shared across
    calls) is not checked again: a decision's heading and signer repeat on every
    certificate."""
    checked = set() if checked is None else checked
    found = []
    for index, fields in enumerate(layouts):
        for box in fields:
            field = box["field"]
            value = values.get(field)
            if not value or field == "qr" or (index, field, value) in checked:
                continue
            message = misfit(field, value, values["name"], title, box)
            if message is None:
                checked.add((index, field, value))
            elif (field, message) not in found:
                found.append((field, message))
    return found


def layouts_of(forms) -> dict[int, list[list[dict]]]:
    """Per form: the layouts its certificates can be printed with (the full design, and its
    pre-printed blank's layout when it differs)."""
    stored = dict(CertificateLayout.objects.filter(form__in=forms).values_list("form_id", "fields"))
    full = default_fields()
    return {
        form.pk: [full] + ([stored[form.pk]] if stored.get(form.pk, full) != full else [])
        for form in forms
    }


def nominee_misfits(row: dict, forms, **extra: str) -> list[tuple[str, str]]:
    """The texts of a nominee (name, position) and ``extra`` ones (the achievements of a
    nomination) that would not fit on the certificates of ``forms``, each with why: checked
    on the forms, long before a decision is issued."""
    values = {"name": honorific(row), "position_unit": position_of(row), **extra}
    titles = {form.pk: form.title for form in forms}
    found: list[tuple[str, str]] = []
    for form_id, layouts in layouts_of(forms).items():
        found += [m for m in misfits(values, layouts, titles[form_id]) if m not in found]
    return found


# The nominee's fields a certificate prints.
NOMINEE_TEXTS = ("kind", "name", "gender", "position", "organisation")


def nominee_row(texts) -> dict:
    """A nominee's texts (a Nominee, or a form's cleaned data) as a certificate row's."""
    get = texts.get if isinstance(texts, dict) else lambda name: getattr(texts, name)
    return {f"nomination__nominee__{name}": get(name) or "" for name in NOMINEE_TEXTS}


# The certificate row's columns, read from a nomination before its certificate exists.
_NOMINATION_COLUMNS = {
    "nomination__achievements": "achievements",
    "nomination__nominee__kind": "nominee__kind",
    "nomination__nominee__name": "nominee__name",
    "nomination__nominee__gender": "nominee__gender",
    "nomination__nominee__position": "nominee__position",
    "nomination__nominee__organisation": "nominee__organisation",
}


def decision_refusals(decision) -> list[str]:
    """Why some certificate of ``decision`` could not be printed, in the full design or on
    its form's blank: checked before it is issued, so no certificate is given that cannot be
    printed."""
    form = decision.form
    layouts = layouts_of([form])[form.pk]
    common = {
        "form__title": form.title,
        "form__authority": form.authority,
        "serial": Certificate.serial_for(form.code, decision.date.year, 0),
        **{
            f"decision__{name}": getattr(decision, name)
            for name in ("number", "symbol", "date", "authority", "place")
        },
    }
    signing = signing_for(decision)
    checked: set = set()
    messages = []
    for nomination in decision.nominations.values(*_NOMINATION_COLUMNS.values()):
        row = {column: nomination[path] for column, path in _NOMINATION_COLUMNS.items()}
        texts = certificate_texts({**row, **common}, signing)
        messages += [message for _, message in misfits(texts, layouts, form.title, checked)]
    return messages


def active_forms_for(kind: str) -> list[AwardForm]:
    return [form for form in AwardForm.objects.filter(is_active=True) if form.allows(kind)]
