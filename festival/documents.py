"""What the festival app prints: the programme script, the introduction of guests, the
emulation pledge with its signature blocks, and the results summary; each as PDF and DOCX.

Each printable is first plain data (``*_data``), so the PDF (Typst) and the Word file show the
same text; the Word file is what organisers edit when the day changes at the last minute.
"""

from collections.abc import Callable
from datetime import date, time

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH

from documents import forms as vn_forms
from documents import renderers
from documents.registry import DocumentKind, ParamsForm, Rendered, register
from documents.vietnamese import format_date, format_number
from festival import services
from festival.models import Festival, Part, SideEvent
from wards.forms import SignatureParams
from wards.models import authority_lines
from wards.scoping import Perm
from wards.tables import register_list

# The number is given when the report is registered: dots to write it on.
REPORT_NUMBER = "......./BC-UBND"

# Sections other apps add to the results report, each a function of the festival giving a
# table section ({title, columns, rows, numeric}) or None. The awards app adds the
# commendations handed out at the festival: it depends on festival, not festival on it.
RESULT_SECTIONS: list[Callable[[Festival], dict | None]] = []


def _print_date(help_text: str) -> forms.DateField:
    return vn_forms.DateField(
        label=gettext_lazy("Ngày ghi trên văn bản"), required=False, help_text=help_text
    )


class DayParams(ParamsForm):
    """The papers of the day are dated the festival's day, unless the user picks a date."""

    date = _print_date(gettext_lazy("Để trống: ngày diễn ra Ngày hội."))


class ReportParams(SignatureParams):
    """The results report: who signs it, and its date (the day it is asked for by default)."""

    date = _print_date(gettext_lazy("Để trống: ngày in."))


# --------------------------------------------------------------------------- data


def _when(request) -> date:
    """The date the paper bears: the one picked, else the festival's day for the papers of
    the day, else the day the report was asked for."""
    if request.params.get("date"):
        return request.params["date"]
    if request.kind.params_form is DayParams:
        return request.obj.date
    return timezone.localdate(request.created) if request.created else timezone.localdate()


def _clock(value: time | None) -> str:
    return f"{value.hour:02d} giờ {value.minute:02d}" if value else ""


def _festival_name(festival: Festival) -> str:
    return _("Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm %(year)s") % {"year": festival.year}


def _header(festival: Festival, when: date, *, organiser: bool = True) -> dict:
    """The organising committee issues the day's papers, under the ward's people's committee
    (both in full); the people's committee itself issues the report."""
    ward = festival.ward
    if organiser:
        authority = [_("Ban tổ chức Ngày hội")]
        sub_authority = authority_lines(ward.committee_name)
    else:
        authority, sub_authority = authority_lines(ward.committee_name), ""
    return {
        "authority": authority,
        "sub_authority": sub_authority,
        "number": "",
        "place": ward.place,
        "date": format_date(when),
    }


def _venue(festival: Festival) -> str:
    """The venue with its ward, once: "Nhà văn hóa khu 3, phường Cửa Ông", but not "Nhà văn
    hóa phường Cửa Ông, phường Cửa Ông"."""
    ward = festival.ward
    if ward.name.casefold() in festival.venue.casefold():
        return festival.venue
    return f"{festival.venue}, {ward.official_name}"


def _facts(festival: Festival) -> list[list[str]]:
    facts = [
        [_("Thời gian"), f"{_clock(festival.start_time)}, {format_date(festival.date)}"],
        [_("Địa điểm"), festival.venue],
    ]
    if festival.theme:
        facts.append([_("Chủ đề"), festival.theme])
    return facts


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def programme_data(festival: Festival, when: date) -> dict:
    items = list(festival.programme.all())
    numerals = {Part.CEREMONY: "I", Part.FESTIVITIES: "II"}
    return {
        **_header(festival, when),
        "title": _("Kịch bản chương trình"),
        "subtitle": _festival_name(festival),
        "facts": _facts(festival),
        "columns": [_("Thời gian"), _("Nội dung"), _("Người thực hiện")],
        "parts": [
            {
                "title": f"{numerals[part]}. {part.label.upper()}",
                "items": [
                    [
                        item.start_time.strftime("%H:%M") if item.start_time else "",
                        item.title,
                        item.responsible,
                    ]
                    for item in items
                    if item.part == part
                ],
            }
            for part in Part
        ],
        "committee_title": _("Ban tổ chức"),
        "committee": _lines(festival.organising_committee),
    }


def _guest_lines(guests) -> list[dict]:
    """Each guest as read aloud: "Đồng chí Trung tướng **Name**, position;" (a full stop
    last): the rank before the name, the organisation once."""
    lines = []
    for index, guest in enumerate(guests, start=1):
        details = f", {guest.designation}" if guest.designation else ""
        end = "." if index == len(guests) else ";"
        lines.append(
            {
                "salutation": guest.before_name,
                "name": guest.name,
                "rest": f"{details}{end}",
            }
        )
    return lines


def guests_data(festival: Festival, when: date) -> dict:
    return {
        **_header(festival, when),
        "title": _("Danh sách giới thiệu đại biểu"),
        "subtitle": _festival_name(festival),
        "intro": _("Trân trọng giới thiệu:"),
        "guests": _guest_lines(services.ordered_guests(festival)),
        "closing": _(
            "Trân trọng cảm ơn sự có mặt của các đồng chí đại biểu, xin kính chúc các đồng chí "
            "sức khỏe, hạnh phúc và thành công!"
        ),
    }


def pledge_data(festival: Festival, when: date) -> dict:
    return {
        **_header(festival, when),
        "title": _("Giao ước thi đua"),
        "subtitle": _("Thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm %(year)s")
        % {"year": festival.year},
        "intro": _(
            "Hôm nay, %(date)s, tại %(venue)s, nhân dịp Ngày hội toàn dân bảo vệ an ninh Tổ "
            "quốc, các cơ quan, tổ chức, doanh nghiệp và khu dân cư có tên dưới đây cùng ký "
            "kết giao ước thi đua với các nội dung sau:"
        )
        % {"date": format_date(festival.date), "venue": _venue(festival)},
        "commitments": _lines(services.pledge_text(festival)),
        "closing": _(
            "Các bên cam kết thực hiện nghiêm túc các nội dung giao ước trên; cuối năm cùng "
            "nhau đánh giá, bình xét kết quả thực hiện."
        ),
        "sign_hint": _("(Ký, ghi rõ họ tên)"),
        "signatories": [
            {
                "heading": _("Đại diện %(name)s") % {"name": signatory.name},
                "title": signatory.representative_title,
                "name": signatory.representative,
            }
            for signatory in services.ordered_signatories(festival)
        ],
    }


def _event_result(event: SideEvent) -> str:
    parts = []
    for name in services.RESULT_FIELDS[event.kind]:
        value = getattr(event, name)
        if value is None:
            continue
        shown = f"{format_number(value)} đồng" if name == "gifts_value" else format_number(value)
        label = str(SideEvent._meta.get_field(name).verbose_name).replace(" (đồng)", "")
        parts.append(f"{label[:1].upper()}{label[1:]}: {shown}")
    if event.note:
        parts.append(event.note)
    return "; ".join(parts) or _("Chưa có kết quả")


def results_data(festival: Festival, when: date) -> dict:
    """The report the people's committee signs (its signature is added from the print
    parameters): the figures, the activities, what other apps add, the assessment."""
    totals = services.festival_totals(Festival.objects.filter(pk=festival.pk))
    events = list(festival.side_events.all())
    attendance = festival.attendance
    figures = [
        [_("Số người tham dự"), format_number(attendance) if attendance is not None else "—"],
        [_("Số đại biểu"), format_number(festival.guests.count())],
        [_("Số bên ký giao ước thi đua"), format_number(festival.pledge_signatories.count())],
        [_("Số người được khám bệnh"), format_number(totals.people_examined)],
        [_("Số người được cấp thuốc"), format_number(totals.medicine_given)],
        [_("Số suất quà"), format_number(totals.gifts_count)],
        [_("Tổng trị giá quà"), f"{format_number(totals.gifts_value)} đồng"],
        [_("Số căn cước được cấp"), format_number(totals.id_cards)],
        [_("Số tài khoản định danh điện tử"), format_number(totals.electronic_ids)],
        [_("Số hồ sơ đăng ký cư trú"), format_number(totals.residence_registrations)],
    ]
    # Numbered after the two fixed sections; the assessment comes last.
    sections = [section for add in RESULT_SECTIONS if (section := add(festival))]
    numerals = ["III", "IV", "V", "VI"]
    for numeral, section in zip(numerals, sections, strict=False):
        section["title"] = f"{numeral}. {section['title']}"
    province = festival.ward.province
    return {
        **_header(festival, when, organiser=False),
        "number": REPORT_NUMBER,
        "title": _("Báo cáo"),
        "subtitle": _("Kết quả tổ chức %(festival)s") % {"festival": _festival_name(festival)},
        "facts": [
            *_facts(festival),
            *([[_("Tổ chức điểm"), _("Có")]] if festival.is_pilot else []),
        ],
        "figures_title": _("I. Số liệu chung"),
        "figures_columns": [_("Chỉ tiêu"), _("Kết quả")],
        "figures": figures,
        "events_title": _("II. Các hoạt động trong Ngày hội"),
        "columns": [_("STT"), _("Hoạt động"), _("Kết quả")],
        "events": [
            [str(index), event.title, _event_result(event)]
            for index, event in enumerate(events, start=1)
        ],
        "sections": sections,
        "summary_title": _("%(numeral)s. Đánh giá chung") % {"numeral": numerals[len(sections)]},
        "summary": _lines(festival.results_summary),
        "recipients": [
            _("Ủy ban nhân dân %(province)s (để báo cáo);") % {"province": province.official_name},
            _("Công an %(province)s;") % {"province": province.official_name},
            _("Lưu: VT."),
        ],
    }


# --------------------------------------------------------------------------- Word


def _docx_header(document, data: dict) -> None:
    renderers.docx_national_header(
        document,
        authority=data["authority"],
        sub_authority=data["sub_authority"],
        number=data["number"],
        place=data["place"],
        date=data["date"],
    )
    for text in (data["title"].upper(), data["subtitle"]):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True


def _docx_table(document, columns: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(columns))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, columns, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text


def _docx_facts(document, facts: list[list[str]]) -> None:
    for label, value in facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)


def _docx_heading(document, text: str) -> None:
    document.add_paragraph().add_run(text).bold = True


def _docx_section(document, title: str, lines: list[str]) -> None:
    """A bold heading and one paragraph per line; nothing at all without lines."""
    if lines:
        _docx_heading(document, title)
        for line in lines:
            document.add_paragraph(line)


def programme_docx(document, data: dict) -> None:
    _docx_header(document, data)
    _docx_facts(document, data["facts"])
    for part in data["parts"]:
        _docx_heading(document, part["title"])
        _docx_table(document, data["columns"], part["items"])
    _docx_section(document, data["committee_title"], data["committee"])


def guests_docx(document, data: dict) -> None:
    _docx_header(document, data)
    document.add_paragraph(data["intro"])
    for guest in data["guests"]:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{guest['salutation']} ")
        paragraph.add_run(guest["name"]).bold = True
        paragraph.add_run(guest["rest"])
    document.add_paragraph(data["closing"])


def pledge_docx(document, data: dict) -> None:
    _docx_header(document, data)
    document.add_paragraph(data["intro"])
    for line in data["commitments"]:
        document.add_paragraph(line)
    document.add_paragraph(data["closing"])
    signatories = data["signatories"]
    table = document.add_table(rows=(len(signatories) + 1) // 2, cols=2)
    for index, signatory in enumerate(signatories):
        cell = table.rows[index // 2].cells[index % 2]
        lines = [
            (signatory["heading"].upper(), True),
            (signatory["title"], True),
            (data["sign_hint"], False),
            ("", False),
            ("", False),
            (signatory["name"], True),
        ]
        for number, (text, bold) in enumerate(lines):
            paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run(text).bold = bold


def results_docx(document, data: dict) -> None:
    _docx_header(document, data)
    _docx_facts(document, data["facts"])
    _docx_heading(document, data["figures_title"])
    _docx_table(document, data["figures_columns"], data["figures"])
    _docx_heading(document, data["events_title"])
    _docx_table(document, data["columns"], data["events"])
    for section in data["sections"]:
        _docx_heading(document, section["title"])
        _docx_table(document, section["columns"], section["rows"])
    _docx_section(document, data["summary_title"], data["summary"])
    renderers.docx_signature(document, data["signature"], data["recipients"])


# --------------------------------------------------------------------------- kinds


def _printable(identifier, verbose_name, slug, build_data, build_docx, params_form=DayParams):
    def render(request):
        festival = request.obj
        data = build_data(festival, _when(request))
        if "signature" in request.params:
            data["signature"] = request.params["signature"]
        request.progress(0, 1)
        if request.fmt == "pdf":
            content = renderers.typst_pdf(f"festival/{slug}.typ", data)
        else:
            content = renderers.docx(lambda document: build_docx(document, data))
        request.progress(1, 1)
        stem = f"{request.kind.verbose_name} - {festival.ward.name} {festival.year}"
        filename = f"{stem}.{request.fmt}"
        return Rendered(filename, content)

    return register(
        DocumentKind(
            identifier=identifier,
            verbose_name=verbose_name,
            formats=("pdf", "docx"),
            model="festival.Festival",
            render=render,
            permission=Perm.PRINT,
            params_form=params_form,
        )
    )


# In the order of the day, as the hub lists them.
PRINTABLES = [
    _printable(
        "festival.programme",
        gettext_lazy("Kịch bản chương trình"),
        "programme",
        programme_data,
        programme_docx,
    ),
    _printable(
        "festival.guests",
        gettext_lazy("Danh sách giới thiệu đại biểu"),
        "guests",
        guests_data,
        guests_docx,
    ),
    _printable(
        "festival.pledge", gettext_lazy("Giao ước thi đua"), "pledge", pledge_data, pledge_docx
    ),
    _printable(
        "festival.results",
        gettext_lazy("Báo cáo kết quả Ngày hội"),
        "results",
        results_data,
        results_docx,
        ReportParams,
    ),
]


register_list("festival.festivals", gettext_lazy("Ngày hội"), "festival.views.festivals_table")
register_list("festival.guests", gettext_lazy("Đại biểu"), "festival.views.guests_table")
register_list("festival.programme", gettext_lazy("Chương trình"), "festival.views.programme_table")
