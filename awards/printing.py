"""Plain data for the printed documents of the awards app: certificates, the calibration page,
the commendation list and the MC's script. Each function reads rows and returns JSON-able
dicts; awards/documents.py hands them to the pipeline's renderers.
"""

from collections.abc import Iterator
from itertools import groupby

from django.db.models import QuerySet

from awards.layouts import VARIABLES, default_fields
from awards.models import AwardForm, Certificate, CertificateLayout, Gender, RecipientKind
from awards.services import base_salary_on, qr_matrix, recipient_order_key, round_reward, verify_url
from documents import renderers
from documents.vietnamese import (
    amount_in_words,
    format_date,
    format_number,
    place_date,
    short_date,
)

# --------------------------------------------------------------------------- certificates

_CERTIFICATE_COLUMNS = (
    "code",
    "serial",
    "form_id",
    "decision_id",
    "qr_url",
    "qr_matrix",
    "form__rank",
    "form__title",
    "nomination__achievements",
    "nomination__nominee__kind",
    "nomination__nominee__name",
    "nomination__nominee__gender",
    "nomination__nominee__position",
    "nomination__nominee__organisation",
    "decision__number",
    "decision__symbol",
    "decision__date",
    "decision__authority",
    "decision__place",
    "decision__signer_name",
    "decision__signer_title",
)


def ordered_certificates(certificates: QuerySet) -> list[dict]:
    """Certificate rows in ceremony order: form rank, authority, then collectives and people by
    Vietnamese name order. Rows are dicts (values()), so ten thousand of them stay cheap."""
    rows = list(certificates.values(*_CERTIFICATE_COLUMNS))
    rows.sort(
        key=lambda r: (
            r["form__rank"],
            r["decision__authority"],
            recipient_order_key(r["nomination__nominee__kind"], r["nomination__nominee__name"]),
        )
    )
    return rows


def _honorific(row: dict) -> str:
    name = row["nomination__nominee__name"]
    if row["nomination__nominee__kind"] == RecipientKind.COLLECTIVE:
        return name
    prefix = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(row["nomination__nominee__gender"])
    return f"{prefix} {name}" if prefix else name


def recipient_line(row: dict) -> str:
    """ "Bà Lê Thị Mai, Tổ trưởng, Tổ dân phố 3": how the MC reads a recipient out."""
    detail = _position_of(row)
    return f"{_honorific(row)}, {detail}" if detail else _honorific(row)


def _position_of(row: dict) -> str:
    return ", ".join(
        part
        for part in (row["nomination__nominee__position"], row["nomination__nominee__organisation"])
        if part
    )


def certificate_values(row: dict) -> dict:
    """The text of every layout variable for one certificate row."""
    url = verify_url(row["code"])
    # The QR was drawn when the serial was given; a new SITE_URL needs a new one.
    matrix = row["qr_matrix"] if row["qr_url"] == url else qr_matrix(url)
    position = _position_of(row)
    return {
        "title": row["form__title"],
        "authority": f"{row['decision__signer_title']} {row['decision__authority']}".upper(),
        "name": _honorific(row),
        "position_unit": position,
        "achievements": row["nomination__achievements"],
        "decision": (
            f"Quyết định số {row['decision__number']}/{row['decision__symbol']} "
            f"ngày {short_date(row['decision__date'])}"
        ),
        "place_date": place_date(row["decision__place"], row["decision__date"]),
        "signer_title": row["decision__signer_title"].upper(),
        "signer_name": row["decision__signer_name"],
        "serial": f"Số: {row['serial']}",
        "qr": matrix,
    }


def _shifted(fields: list[dict], offset_x: float, offset_y: float) -> list[dict]:
    return [
        {**box, "x": float(box["x"]) + offset_x, "y": float(box["y"]) + offset_y} for box in fields
    ]


FULL_DESIGN = "full"


def _layouts(form_ids: set[int], overlay: bool, offset: tuple[float, float]) -> dict:
    if not overlay:
        return {FULL_DESIGN: {"width": 297, "height": 210, "fields": default_fields()}}
    stored = {
        layout.form_id: layout for layout in CertificateLayout.objects.filter(form_id__in=form_ids)
    }
    layouts = {}
    for form_id in form_ids:
        layout = stored.get(form_id) or CertificateLayout(form_id=form_id, fields=default_fields())
        layouts[str(form_id)] = {
            "width": float(layout.page_width),
            "height": float(layout.page_height),
            "fields": _shifted(layout.fields, *offset),
        }
    return layouts


def certificate_sheet(
    certificates: QuerySet,
    *,
    overlay: bool = False,
    offset: tuple[float, float] = (0.0, 0.0),
    progress=None,
) -> dict:
    """The data of a certificate batch, one page per certificate in ceremony order.

    Full design: the app's own A4 landscape sheet (border, national motto, title) with the
    fixed boxes of :func:`awards.layouts.default_fields`. Overlay: only the texts, where each
    form's layout puts them on its pre-printed blank, moved by the printer's offset (mm)."""
    rows = ordered_certificates(certificates)
    layouts = _layouts({row["form_id"] for row in rows}, overlay, offset)
    pages = []
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        values = certificate_values(row)
        values["layout"] = str(row["form_id"]) if overlay else FULL_DESIGN
        pages.append(values)
        if progress is not None and done % 500 == 0:
            progress(done, total)
    return {"design": not overlay, "layouts": layouts, "certificates": pages}


def calibration_sheet(layout: CertificateLayout, offset: tuple[float, float]) -> dict:
    """A page to print on plain paper and hold against a blank: a millimetre grid, and a
    crosshair with the sample text at every box of the layout, moved by the printer's offset."""
    boxes = [
        {**box, "label": str(VARIABLES[box["field"]][0]), "sample": VARIABLES[box["field"]][1]}
        for box in _shifted(layout.fields, *offset)
    ]
    return {
        "title": str(layout.form),
        "offset": {"x": offset[0], "y": offset[1]},
        "width": float(layout.page_width),
        "height": float(layout.page_height),
        "fields": boxes,
    }


# --------------------------------------------------------------------------- commendation list

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]

_LIST_COLUMNS = (
    "decision_id",
    "form_id",
    "form__rank",
    "form__name",
    "decision__authority",
    "decision__date",
    "nominee__kind",
    "nominee__name",
    "nominee__birth_year",
    "nominee__position",
    "nominee__organisation",
    "certificate__reward",
)


def _list_rows(nominations: QuerySet) -> list[dict]:
    rows = list(nominations.values(*_LIST_COLUMNS))
    salaries: dict = {}
    forms = {
        form.pk: form for form in AwardForm.objects.filter(pk__in={r["form_id"] for r in rows})
    }
    for row in rows:
        if row["certificate__reward"] is None:
            # Not issued yet: the amount the decision date gives.
            day = row["decision__date"]
            if day not in salaries:
                salaries[day] = base_salary_on(day)
            coefficient = forms[row["form_id"]].coefficient(row["nominee__kind"])
            row["certificate__reward"] = round_reward(coefficient * salaries[day])
    rows.sort(
        key=lambda r: (
            r["form__rank"],
            r["decision__authority"],
            recipient_order_key(r["nominee__kind"], r["nominee__name"]),
        )
    )
    return rows


def _position(row: dict) -> str:
    return ", ".join(p for p in (row["nominee__position"], row["nominee__organisation"]) if p)


def commendation_list(nominations: QuerySet, *, header: dict, subtitle: str) -> dict:
    """The commendation list: grouped by form (then collectives, then people), numbered, with
    each group's subtotal and the total in figures and in words."""
    rows = _list_rows(nominations)
    groups = []
    count = {RecipientKind.COLLECTIVE: 0, RecipientKind.INDIVIDUAL: 0}
    total = 0
    for index, (key, members) in enumerate(
        groupby(rows, key=lambda r: (r["form__rank"], r["form__name"], r["decision__authority"]))
    ):
        members = list(members)
        parts = []
        for kind, label in (
            (RecipientKind.COLLECTIVE, "Tập thể"),
            (RecipientKind.INDIVIDUAL, "Cá nhân"),
        ):
            of_kind = [r for r in members if r["nominee__kind"] == kind]
            if not of_kind:
                continue
            count[kind] += len(of_kind)
            parts.append(
                {
                    "label": f"{label} ({len(of_kind)})",
                    "rows": [
                        [
                            str(number),
                            r["nominee__name"],
                            str(r["nominee__birth_year"] or ""),
                            _position(r),
                            format_number(r["certificate__reward"]),
                        ]
                        for number, r in enumerate(of_kind, start=1)
                    ],
                }
            )
        subtotal = sum(r["certificate__reward"] for r in members)
        total += subtotal
        numeral = _ROMAN[index] if index < len(_ROMAN) else str(index + 1)
        groups.append(
            {
                "heading": f"{numeral}. {key[1].upper()}",
                "parts": parts,
                "subtotal": format_number(subtotal),
            }
        )
    return {
        "header": header,
        "subtitle": subtitle,
        "groups": groups,
        "collectives": count[RecipientKind.COLLECTIVE],
        "individuals": count[RecipientKind.INDIVIDUAL],
        "total": format_number(total),
        "total_words": amount_in_words(total),
    }


def commendation_rows(data: dict) -> Iterator[list]:
    """The same list as spreadsheet rows (group and part headings as rows of their own), each
    group's subtotal a sum the spreadsheet recomputes."""
    for group in data["groups"]:
        yield [group["heading"]]
        for part in group["parts"]:
            yield ["", part["label"]]
            yield from part["rows"]
        yield ["", "Cộng", "", "", renderers.SUM]


def decision_header(decision) -> dict:
    return {
        "authority": decision.authority,
        "place": decision.place,
        "date": format_date(decision.date),
    }


# --------------------------------------------------------------------------- ceremony


def ceremony_certificates(ceremony) -> QuerySet:
    """The certificates handed out at a ceremony: those of its decisions whose recipients
    belong to the festival's ward (a province decision covers many wards)."""
    return Certificate.objects.filter(
        decision__presentations__ceremony=ceremony,
        nomination__nominee__ward_id=ceremony.festival.ward_id,
    )


def ceremony_programme(ceremony) -> list[dict]:
    """The running order: presentations by form rank then authority, each with its
    recipients in Vietnamese name order (collectives first)."""
    presentations = sorted(
        ceremony.presentations.select_related("decision__form"),
        key=lambda p: (p.decision.form.rank, p.decision.authority, p.decision.date, p.pk),
    )
    recipients: dict[int, list[dict]] = {}
    for row in ordered_certificates(ceremony_certificates(ceremony)):
        recipients.setdefault(row["decision_id"], []).append(row)
    return [
        {"presentation": p, "recipients": recipients.get(p.decision_id, [])} for p in presentations
    ]


def _counts(rows: list[dict]) -> str:
    collectives = sum(r["nomination__nominee__kind"] == RecipientKind.COLLECTIVE for r in rows)
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if len(rows) - collectives:
        parts.append(f"{len(rows) - collectives:02d} cá nhân")
    return " và ".join(parts)


def mc_script(ceremony) -> dict:
    """What the master of ceremonies reads: for each presentation, the decision announced,
    the guest invited to present, and the recipients called to the stage."""
    festival = ceremony.festival
    sections = []
    for number, item in enumerate(ceremony_programme(ceremony), start=1):
        presentation, rows = item["presentation"], item["recipients"]
        decision = presentation.decision
        sections.append(
            {
                "number": number,
                "form": decision.form.name,
                "announce": (
                    f"Thừa ủy quyền, tôi xin công bố Quyết định số {decision.reference} "
                    f"{format_date(decision.date)} của {decision.authority} về việc tặng "
                    f"{decision.form.name} cho {_counts(rows)} đã có thành tích xuất sắc trong "
                    "phong trào toàn dân bảo vệ an ninh Tổ quốc."
                ),
                "invite": (
                    f"Xin trân trọng kính mời đồng chí {presentation.presenter_name}, "
                    f"{presentation.presenter_title}, lên trao {decision.form.name} cho các "
                    "tập thể, cá nhân. Kính mời các tập thể, cá nhân có tên sau lên nhận:"
                ),
                "recipients": [recipient_line(row) for row in rows],
            }
        )
    return {
        "title": "Kịch bản trao khen thưởng",
        "festival": f"Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm {festival.year}",
        "where": f"{festival.venue}, {format_date(festival.date)}",
        "mc": ceremony.mc_name,
        "sections": sections,
        "closing": (
            "Thay mặt Ban Tổ chức, xin chúc mừng các tập thể, cá nhân vừa được khen thưởng, "
            "chúc các đồng chí tiếp tục phát huy thành tích trong phong trào toàn dân bảo vệ "
            "an ninh Tổ quốc. Xin cảm ơn các đồng chí lãnh đạo đã trao thưởng."
        ),
    }


def ceremony_header(ceremony) -> dict:
    ward = ceremony.festival.ward
    return {
        "authority": f"Ủy ban nhân dân {ward.title[:1].lower()}{ward.title[1:]}",
        "place": ward.name,
        "date": format_date(ceremony.festival.date),
    }
