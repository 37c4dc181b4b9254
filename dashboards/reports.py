"""The yearly reports as plain data: a ward's movement report ("Báo cáo kết quả phong trào toàn
dân bảo vệ ANTQ năm N") and a unit's summary across its wards.

A report is a header (authority, number, place and date, title) and a list of blocks: headings,
paragraphs with the numbers filled in, placeholders for what the ward writes itself, and
tables. dashboards/documents.py turns the same blocks into a PDF (Typst) and a Word file, so
both carry the same numbers.
"""

from datetime import date

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from awards.models import AwardForm, IssuingLevel
from dashboards.services import Dashboard, Pair, festival_result_labels, ward_dashboard
from documents.vietnamese import format_date, format_number, short_date
from wards.models import AdministrativeUnit, ExemplarKind, Level, ResidentialArea, authority_lines
from wards.scoping import scoped

# The number is given when the report is registered: dots to write it on (the renderers
# collapse runs of spaces).
REPORT_NUMBER = "......./BC-UBND"


def signed(value: int) -> str:
    """A change from last year: "+2", "-1", "0"."""
    return f"+{format_number(value)}" if value > 0 else format_number(value)


def display(value) -> str:
    """A table cell as printed: numbers with Vietnamese thousands separators."""
    if value is None:
        return ""
    return format_number(value) if isinstance(value, int) else str(value)


def heading(text: str, level: int = 1) -> dict:
    return {"type": "heading", "text": text, "level": level}


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "text": text}


def placeholder(text: str) -> dict:
    """A paragraph the ward writes itself: shown in italics between brackets."""
    return {"type": "placeholder", "text": f"[{text}]"}


def table(columns, rows, totals=None, numeric=(), widths=None) -> dict:
    """A table block; ``widths`` in mm (None for a share of the rest), or None for the
    default: the STT column, the name column taking the rest, figures 19 mm each."""
    return {
        "type": "table",
        "columns": list(columns),
        "rows": [list(row) for row in rows],
        "totals": list(totals) if totals is not None else None,
        "numeric": list(numeric),
        "widths": widths,
    }


def _lower_first(text: str) -> str:
    return f"{text[:1].lower()}{text[1:]}"


def _upper_first(text: str) -> str:
    return f"{text[:1].upper()}{text[1:]}"


def _comparison(pair: Pair, year: int) -> str:
    """ "(cùng kỳ năm 2023: 4; tăng 1)"."""
    if pair.change > 0:
        trend = _("tăng %(n)s") % {"n": format_number(pair.change)}
    elif pair.change < 0:
        trend = _("giảm %(n)s") % {"n": format_number(-pair.change)}
    else:
        trend = _("bằng cùng kỳ")
    return _("(cùng kỳ năm %(year)d: %(before)s; %(trend)s)") % {
        "year": year,
        "before": format_number(pair.before),
        "trend": trend,
    }


def _compare_row(index: int, label: str, pair: Pair) -> list:
    return [index, label, pair.now, pair.before, signed(pair.change)]


def _compare_columns(dashboard: Dashboard, first: str) -> list[str]:
    return [
        _("STT"),
        first,
        _("Năm %(year)d") % {"year": dashboard.period.year},
        _("Cùng kỳ %(year)d") % {"year": dashboard.previous.year},
        _("Tăng, giảm"),
    ]


def _compare_totals(pair: Pair) -> list:
    return ["", _("Cộng"), pair.now, pair.before, signed(pair.change)]


def kinds_table(dashboard: Dashboard) -> dict:
    """Schemes by kind, with those established this year."""
    totals = dashboard.totals
    rows = [
        [*_compare_row(index, kind.name, pair), new.now]
        for index, (kind, pair, new) in enumerate(
            zip(dashboard.kinds, totals.by_kind, totals.new_by_kind, strict=True), start=1
        )
    ]
    return table(
        [*_compare_columns(dashboard, _("Loại mô hình")), _("Mới trong năm")],
        rows,
        [*_compare_totals(totals.schemes_total), totals.new_schemes.now],
        numeric=[0, 2, 3, 4, 5],
    )


def activity_table(dashboard: Dashboard) -> dict:
    totals = dashboard.totals
    rows = [
        _compare_row(index, label, pair)
        for index, ((_value, label), pair) in enumerate(
            zip(dashboard.types, totals.by_type, strict=True), start=1
        )
    ]
    return table(
        _compare_columns(dashboard, _("Nội dung")),
        rows,
        _compare_totals(totals.activity_total),
        numeric=[0, 2, 3, 4],
    )


def rows_table(dashboard: Dashboard, first: str) -> dict:
    """One line per ward (or residential area): schemes, new, activity, exemplars, awards,
    and for wards their festival."""
    period, previous = dashboard.period.year, dashboard.previous.year
    columns = [
        _("STT"),
        first,
        _("Mô hình %(year)d") % {"year": period},
        _("Cùng kỳ %(year)d") % {"year": previous},
        _("Mới %(year)d") % {"year": period},
        _("Hoạt động %(year)d") % {"year": period},
        _("Cùng kỳ %(year)d") % {"year": previous},
        _("Điển hình %(year)d") % {"year": period},
        _("Được khen %(year)d") % {"year": period},
    ]
    with_festival = not dashboard.is_ward
    if with_festival:
        columns.append(_("Ngày hội %(year)d") % {"year": period})

    def line(row):
        cells = [
            row.schemes_total.now,
            row.schemes_total.before,
            row.new_schemes.now,
            row.activity_total.now,
            row.activity_total.before,
            row.exemplars_total.now,
            row.awarded_total.now,
        ]
        if with_festival:
            cells.append(_festival_short(row.festival))
        return cells

    totals = ["", _("Cộng"), *line(dashboard.totals)]
    if with_festival:
        totals[-1] = _("%(count)d đã tổ chức") % {"count": dashboard.totals.festivals_held.now}
    rows = [[index, row.name, *line(row)] for index, row in enumerate(dashboard.rows, start=1)]
    # A festival's date ("20/08/2024") needs more room than the figures' 19 mm.
    widths = [11, None, *[19] * 7, *([25] if with_festival else [])]
    return table(columns, rows, totals, numeric=[0, 2, 3, 4, 5, 6, 7, 8], widths=widths)


def _festival_short(info) -> str:
    """ "15/08/2024"; "dự kiến 20/08/2024" when not held yet; "—" without a festival."""
    if info is None:
        return "—"
    if info.is_held:
        return short_date(info.date)
    return _("dự kiến %(date)s") % {"date": short_date(info.date)}


def festival_table(dashboard: Dashboard) -> dict:
    totals = dashboard.totals
    lines = [
        (_("Người tham dự"), totals.attendance),
        *zip(festival_result_labels(), totals.festival_results_list, strict=True),
    ]
    return table(
        _compare_columns(dashboard, _("Kết quả")),
        [_compare_row(index, label, pair) for index, (label, pair) in enumerate(lines, start=1)],
        numeric=[0, 2, 3, 4],
    )


def _form_names(dashboard: Dashboard) -> dict[int, str]:
    """The forms as a ward's report names them: the ward's own Giấy khen is its chairman's
    ("… Ủy ban nhân dân phường Cửa Ông", not the catalogue's "… phường, xã"), the province's
    forms its province's ("… Công an tỉnh Quảng Ninh"); a report over many wards keeps the
    catalogue's names."""
    ward = dashboard.unit
    if ward.level != Level.WARD:
        return {form.id: form.name for form in dashboard.forms}
    issuers = {IssuingLevel.WARD: ward, IssuingLevel.PROVINCE: ward.province}
    forms = AwardForm.objects.filter(pk__in=[form.id for form in dashboard.forms])
    return {
        form.pk: form.name_for(issuers[form.level]) if form.level in issuers else form.name
        for form in forms
    }


def awards_table(dashboard: Dashboard) -> dict:
    """Nominations and awards by form, this year beside last year's awards."""
    year, before = dashboard.period.year, dashboard.previous.year
    totals = dashboard.totals
    names = _form_names(dashboard)
    rows = [
        [index, names[form.id], nominated.now, awarded.now, awarded.before, signed(awarded.change)]
        for index, (form, nominated, awarded) in enumerate(
            zip(dashboard.forms, totals.nominated_by_form, totals.awarded_by_form, strict=True),
            start=1,
        )
    ]
    return table(
        [
            _("STT"),
            _("Hình thức khen thưởng"),
            _("Đề nghị %(year)d") % {"year": year},
            _("Được khen %(year)d") % {"year": year},
            _("Được khen %(year)d") % {"year": before},
            _("Tăng, giảm"),
        ],
        rows,
        [
            "",
            _("Cộng"),
            totals.nominated_total.now,
            totals.awarded_total.now,
            totals.awarded_total.before,
            signed(totals.awarded_total.change),
        ],
        numeric=[0, 2, 3, 4, 5],
    )


def comparison_table(dashboard: Dashboard) -> dict:
    totals = dashboard.totals
    lines = [
        (_("Mô hình tự quản về ANTT"), totals.schemes_total),
        (_("Mô hình thành lập mới"), totals.new_schemes),
        (_("Kết quả hoạt động (tổng số)"), totals.activity_total),
        (_("Điển hình tiên tiến được ghi nhận"), totals.exemplars_total),
        (_("Người tham dự Ngày hội"), totals.attendance),
        (_("Lượt đề nghị khen thưởng"), totals.nominated_total),
        (_("Lượt được khen thưởng"), totals.awarded_total),
    ]
    return table(
        _compare_columns(dashboard, _("Chỉ tiêu")),
        [_compare_row(index, label, pair) for index, (label, pair) in enumerate(lines, start=1)],
        numeric=[0, 2, 3, 4],
    )


def _kinds_sentence(dashboard: Dashboard) -> str:
    """ "2 tổ tự quản ANTT, 1 tổ hòa giải, 1 camera an ninh"."""
    return ", ".join(
        f"{format_number(pair.now)} {_lower_first(kind.name)}"
        for kind, pair in zip(dashboard.kinds, dashboard.totals.by_kind, strict=True)
        if pair.now
    )


def _schemes_paragraph(dashboard: Dashboard, where: str) -> str:
    totals = dashboard.totals
    text = _(
        "Đến ngày %(end)s, %(where)s có %(total)s mô hình tự quản về ANTT %(compare)s, "
        "trong đó %(new)s mô hình thành lập mới trong năm %(new_compare)s."
    ) % {
        "end": short_date(dashboard.period.end),
        "where": where,
        "total": format_number(totals.schemes_total.now),
        "compare": _comparison(totals.schemes_total, dashboard.previous.year),
        "new": format_number(totals.new_schemes.now),
        "new_compare": _comparison(totals.new_schemes, dashboard.previous.year),
    }
    kinds = _kinds_sentence(dashboard)
    if not kinds:
        return text
    return " ".join([text, _("Gồm: %(kinds)s.") % {"kinds": kinds}])


def _activity_paragraph(dashboard: Dashboard) -> str:
    totals = dashboard.totals
    done = [
        f"{_lower_first(label)}: {format_number(pair.now)}"
        for (_value, label), pair in zip(dashboard.types, totals.by_type, strict=True)
        if pair.now
    ]
    # "Trong năm 2024, …" for a whole year; "Từ 01/01/2026 đến 02/12/2026, …" for part of one.
    period = dashboard.period
    text = _(
        "%(period)s, các mô hình và quần chúng nhân dân đạt %(total)s kết quả hoạt động "
        "%(compare)s."
    ) % {
        "period": _("Trong %(period)s") % {"period": period.label}
        if period.is_full_year
        else _upper_first(period.label),
        "total": format_number(totals.activity_total.now),
        "compare": _comparison(totals.activity_total, dashboard.previous.year),
    }
    if not done:
        return text
    return " ".join([text, _("Cụ thể: %(items)s.") % {"items": "; ".join(done)}])


def _exemplars_paragraph(dashboard: Dashboard) -> str:
    exemplars = dashboard.totals.exemplars
    individual = exemplars.get(ExemplarKind.INDIVIDUAL, Pair())
    collective = exemplars.get(ExemplarKind.COLLECTIVE, Pair())
    total = dashboard.totals.exemplars_total
    return _(
        "Trong năm %(year)d có %(total)s điển hình tiên tiến được ghi nhận, gồm %(individual)s "
        "cá nhân và %(collective)s tập thể %(compare)s."
    ) % {
        "year": dashboard.period.year,
        "total": format_number(total.now),
        "individual": format_number(individual.now),
        "collective": format_number(collective.now),
        "compare": _comparison(total, dashboard.previous.year),
    }


def _awards_paragraph(dashboard: Dashboard) -> str:
    totals = dashboard.totals
    return _(
        "Trong năm %(year)d có %(nominated)s lượt đề nghị khen thưởng %(nominated_compare)s, "
        "%(awarded)s lượt được khen thưởng %(awarded_compare)s."
    ) % {
        "year": dashboard.period.year,
        "nominated": format_number(totals.nominated_total.now),
        "nominated_compare": _comparison(totals.nominated_total, dashboard.previous.year),
        "awarded": format_number(totals.awarded_total.now),
        "awarded_compare": _comparison(totals.awarded_total, dashboard.previous.year),
    }


def _festival_paragraph(dashboard: Dashboard) -> str:
    """A ward's festival: when and where it was held and how many came, or when it is planned
    (in the report's words, never the app's status)."""
    info = dashboard.festival
    if info is None:
        return _("Năm %(year)d chưa có Ngày hội trên phần mềm.") % {"year": dashboard.period.year}
    if not info.is_held:
        return _(
            "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm %(year)d dự kiến tổ chức ngày %(date)s "
            "tại %(venue)s."
        ) % {"year": info.year, "date": short_date(info.date), "venue": info.venue}
    return _(
        "Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm %(year)d được tổ chức ngày %(date)s tại "
        "%(venue)s; %(attendance)s người tham dự %(compare)s."
    ) % {
        "year": info.year,
        "date": short_date(info.date),
        "venue": info.venue,
        "attendance": format_number(dashboard.totals.attendance.now),
        "compare": _comparison(dashboard.totals.attendance, dashboard.previous.year),
    }


def _festivals_paragraph(dashboard: Dashboard) -> str:
    """A unit's festivals: how many wards held theirs."""
    totals = dashboard.totals
    planned = sum(1 for row in dashboard.rows if row.festival and not row.festival.is_held)
    return _(
        "Năm %(year)d có %(held)s/%(wards)s phường, xã đã tổ chức Ngày hội %(compare)s, "
        "%(planned)s phường, xã đang chuẩn bị; %(attendance)s người tham dự."
    ) % {
        "year": dashboard.period.year,
        "held": format_number(totals.festivals_held.now),
        "wards": format_number(len(dashboard.rows)),
        "compare": _comparison(totals.festivals_held, dashboard.previous.year),
        "planned": format_number(planned),
        "attendance": format_number(totals.attendance.now),
    }


def _period_note(dashboard: Dashboard) -> list[dict]:
    if dashboard.period.is_full_year:
        return []
    return [
        paragraph(
            _("Số liệu tính %(now)s; cùng kỳ tính %(before)s.")
            % {"now": dashboard.period.label, "before": dashboard.previous.label}
        )
    ]


def _header(unit: AdministrativeUnit, place: str, when: date) -> dict:
    """Issued by ``unit``'s people's committee, named in full; the signature comes from the
    print parameters."""
    return {
        "authority": authority_lines(unit.committee_name),
        "sub_authority": "",
        "number": REPORT_NUMBER,
        "place": place,
        "date": format_date(when),
    }


# --------------------------------------------------------------------------- the ward report


def _areas_sentence(ward: AdministrativeUnit, areas: dict) -> str:
    values = {
        "ward": ward.title,
        "areas": format_number(areas["count"]),
        "households": format_number(areas["households"]),
        "population": format_number(areas["population"]),
    }
    if areas["households"] and areas["population"]:
        return (
            _("%(ward)s có %(areas)s khu dân cư với %(households)s hộ, %(population)s nhân khẩu.")
            % values
        )
    return _("%(ward)s có %(areas)s khu dân cư.") % values


def ward_report_data(user, ward: AdministrativeUnit, year: int, when: date) -> dict:
    """The movement report of ``ward`` for ``year``, as of ``when`` (the day it was asked for,
    so the current year's "same period" stays the same when the job runs again)."""
    dashboard = ward_dashboard(user, ward, year, today=when)
    province = ward.province
    committee = ward.committee_name
    where = _("toàn %(kind)s") % {"kind": ward.division_type or _("phường, xã")}
    areas = scoped(user, ResidentialArea.objects.filter(ward=ward)).aggregate(
        count=Count("pk"), households=Sum("households"), population=Sum("population")
    )
    blocks = [
        paragraph(
            _(
                "Thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm %(year)d, %(committee)s "
                "báo cáo kết quả như sau:"
            )
            % {"year": year, "committee": committee}
        ),
        *_period_note(dashboard),
        heading(_("I. ĐẶC ĐIỂM TÌNH HÌNH")),
        paragraph(_areas_sentence(ward, areas)),
        placeholder(
            _(
                "Phường, xã viết: đặc điểm địa bàn, dân cư; tình hình an ninh chính trị, trật tự "
                "an toàn xã hội trong năm."
            )
        ),
        heading(_("II. KẾT QUẢ THỰC HIỆN")),
        heading(_("1. Xây dựng, duy trì các mô hình tự quản về an ninh, trật tự"), 2),
        paragraph(_schemes_paragraph(dashboard, where)),
        kinds_table(dashboard),
        paragraph(_("Mô hình tự quản theo khu dân cư:")),
        rows_table(dashboard, _("Khu dân cư")),
        placeholder(_("Phường, xã viết: đánh giá hiệu quả các mô hình, nêu mô hình tiêu biểu.")),
        heading(_("2. Kết quả hoạt động của các mô hình và quần chúng nhân dân"), 2),
        paragraph(_activity_paragraph(dashboard)),
        activity_table(dashboard),
        heading(_("3. Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc"), 2),
        paragraph(_festival_paragraph(dashboard)),
        festival_table(dashboard),
        placeholder(
            _(
                "Phường, xã viết: thành phần tham dự, nội dung phần lễ và phần hội, kết quả ký "
                "kết giao ước thi đua."
            )
        ),
        heading(_("4. Công tác khen thưởng, biểu dương"), 2),
        paragraph(_exemplars_paragraph(dashboard)),
        paragraph(_awards_paragraph(dashboard)),
        awards_table(dashboard),
        placeholder(_("Phường, xã viết: tập thể, cá nhân tiêu biểu được khen thưởng.")),
        heading(_("5. So sánh với cùng kỳ năm %(year)d") % {"year": dashboard.previous.year}, 2),
        comparison_table(dashboard),
        heading(_("III. ĐÁNH GIÁ CHUNG")),
        placeholder(_("Phường, xã viết: ưu điểm; hạn chế, nguyên nhân; bài học kinh nghiệm.")),
        heading(_("IV. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM %(year)d") % {"year": year + 1}),
        placeholder(_("Phường, xã viết: chỉ tiêu, nhiệm vụ và giải pháp trọng tâm.")),
        paragraph(
            _(
                "Trên đây là báo cáo kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm "
                "%(year)d của %(committee)s./."
            )
            % {"year": year, "committee": committee}
        ),
    ]
    title = _("Báo cáo kết quả phong trào toàn dân bảo vệ ANTQ năm %(year)d") % {"year": year}
    return {
        **_header(ward, ward.place, when),
        "title": _("Báo cáo"),
        "subtitle": _("Kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm %(year)d")
        % {"year": year},
        "filename": f"{title} — {ward.title}",
        "blocks": blocks,
        "recipients": [
            _("Ủy ban nhân dân %(province)s (để báo cáo);") % {"province": province.official_name},
            _("Công an %(province)s;") % {"province": province.official_name},
            _("Lưu: VT."),
        ],
        "landscape": False,
    }


# --------------------------------------------------------------------------- the unit summary


def unit_summary_data(dashboard: Dashboard, when: date) -> dict:
    """The summary of a unit across its wards (PDF and Word)."""
    unit = dashboard.unit
    province = unit.province
    year = dashboard.period.year
    where = _("toàn %(unit)s") % {
        "unit": _lower_first(unit.title) if unit.level == Level.PROVINCE else unit.name
    }
    blocks = [
        paragraph(
            _("%(unit)s có %(wards)s phường, xã.")
            % {"unit": unit.title, "wards": format_number(len(dashboard.rows))}
        ),
        *_period_note(dashboard),
        heading(_("1. Mô hình tự quản về an ninh, trật tự"), 2),
        paragraph(_schemes_paragraph(dashboard, where)),
        kinds_table(dashboard),
        heading(_("2. Kết quả hoạt động"), 2),
        paragraph(_activity_paragraph(dashboard)),
        activity_table(dashboard),
        heading(_("3. Ngày hội toàn dân bảo vệ an ninh Tổ quốc"), 2),
        paragraph(_festivals_paragraph(dashboard)),
        festival_table(dashboard),
        heading(_("4. Điển hình tiên tiến, khen thưởng"), 2),
        paragraph(_exemplars_paragraph(dashboard)),
        paragraph(_awards_paragraph(dashboard)),
        awards_table(dashboard),
        heading(_("5. Kết quả theo phường, xã"), 2),
        rows_table(dashboard, _("Phường, xã")),
        heading(_("6. Nhận xét, đánh giá"), 2),
        placeholder(
            _("Nhận xét: đơn vị làm tốt, đơn vị còn hạn chế, nguyên nhân; đề xuất, kiến nghị.")
        ),
    ]
    title = _("Báo cáo tổng hợp phong trào toàn dân bảo vệ ANTQ năm %(year)d") % {"year": year}
    return {
        **_header(province, province.place, when),
        "title": _("Báo cáo tổng hợp"),
        "subtitle": _("Kết quả phong trào toàn dân bảo vệ an ninh Tổ quốc năm %(year)d — %(unit)s")
        % {"year": year, "unit": unit.title},
        "filename": f"{title} — {unit.title}",
        "blocks": blocks,
        "recipients": [_("Lưu: VT.")],
        "landscape": True,
    }
