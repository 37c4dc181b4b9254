"""Plain data for the printed documents of the awards app: certificates, the calibration page,
the commendation list and the MC's script. Each function reads rows and returns JSON-able
dicts; awards/documents.py hands them to the pipeline's renderers.
"""

from collections.abc import Iterator
from itertools import groupby

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from awards import services
from awards.layouts import (
    VARIABLES,
    certificate_texts,
    default_fields,
    honorific,
    position_of,
    signing_for,
)
from awards.models import AwardForm, Certificate, CertificateLayout, Decision, RecipientKind
from awards.services import base_salary_on, qr_matrix, recipient_order_key, round_reward, verify_url
from documents import renderers
from documents.registry import RenderError
from documents.vietnamese import (
    amount_in_words,
    format_date,
    format_number,
)
from wards.models import authority_lines

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
    "form__authority",
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


def recipient_line(row: dict) -> str:
    """ "Bà Lê Thị Mai, Tổ trưởng, Tổ dân phố 3": how the MC reads a recipient out."""
    detail = position_of(row)
    return f"{honorific(row)}, {detail}" if detail else honorific(row)


def decision_signing(decision_ids, signature: dict | None = None) -> dict[int, dict]:
    """Per decision, its :func:`awards.layouts.signing_for`: ``signature`` when the user
    picked one at print time, else the decision's own signer and capacity."""
    signing = {}
    for decision in Decision.objects.filter(pk__in=decision_ids).select_related(
        "form", "unit", "signer"
    ):
        if signature is None and decision.signer is None:
            raise RenderError(
                _("%(decision)s chưa có người ký: chọn người ký ở trang sửa quyết định.")
                % {"decision": decision}
            )
        signing[decision.pk] = signing_for(decision, signature)
    return signing


def certificate_values(row: dict, signing: dict) -> dict:
    """The text of every layout variable, and the QR code, for one certificate row;
    ``signing`` is its decision's entry of :func:`decision_signing`."""
    url = verify_url(row["code"])
    # The QR was drawn when the serial was given; a new SITE_URL needs a new one.
    matrix = row["qr_matrix"] if row["qr_url"] == url else qr_matrix(url)
    return {**certificate_texts(row, signing), "qr": matrix}


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
    signature: dict | None = None,
    progress=None,
) -> dict:
    """The data of a certificate batch, one page per certificate in ceremony order.

    Full design: the app's own A4 landscape sheet (border, national motto, title) with the
    fixed boxes of :func:`awards.layouts.default_fields`. Overlay: only the texts, where each
    form's layout puts them on its pre-printed blank, moved by the printer's offset (mm).
    ``signature`` (picked at print time) signs every page; without it, each decision's own."""
    rows = ordered_certificates(certificates)
    layouts = _layouts({row["form_id"] for row in rows}, overlay, offset)
    signing = decision_signing({row["decision_id"] for row in rows}, signature)
    pages = []
    total = len(rows)
    for done, row in enumerate(rows, start=1):
        values = certificate_values(row, signing[row["decision_id"]])
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


def commendation_list(
    nominations: QuerySet, *, header: dict, subtitle: str, signature: dict | None = None
) -> dict:
    """The commendation list: grouped by form (then collectives, then people), numbered, with
    each group's subtotal and the total in figures and in words, and ``signature`` (a block
    of :meth:`wards.models.Signer.signature_block`) at its foot when given. A group is headed
    with the form as its decision's unit gives it ("Giấy khen của Chủ tịch Ủy ban nhân dân
    phường Cửa Ông")."""
    rows = _list_rows(nominations)
    decisions = Decision.objects.select_related("form", "unit").in_bulk(
        {r["decision_id"] for r in rows}
    )
    groups = []
    count = {RecipientKind.COLLECTIVE: 0, RecipientKind.INDIVIDUAL: 0}
    amounts: dict[str, set[int]] = {
        RecipientKind.COLLECTIVE: set(),
        RecipientKind.INDIVIDUAL: set(),
    }
    total = 0
    for index, (_key, members) in enumerate(
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
            amounts[kind].update(r["certificate__reward"] for r in of_kind)
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
        decision = decisions[members[0]["decision_id"]]
        groups.append(
            {
                "heading": f"{numeral}. {decision.form.name_for(decision.unit).upper()}",
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
        "total_amount": total,
        # The distinct reward of each kind of recipient, for a decision's Điều 2.
        "amounts": {kind: sorted(values) for kind, values in amounts.items()},
        "signature": signature,
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
        "authority": authority_lines(decision.authority),
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
        ceremony.presentations.select_related("decision__form", "decision__unit"),
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
    return recipients_counted(collectives, len(rows) - collectives)


def recipients_counted(collectives: int, individuals: int) -> str:
    """ "04 tập thể và 06 cá nhân", as decisions and the MC count them."""
    parts = []
    if collectives:
        parts.append(f"{collectives:02d} tập thể")
    if individuals:
        parts.append(f"{individuals:02d} cá nhân")
    return " và ".join(parts)


def mc_script(ceremony) -> dict:
    """What the master of ceremonies reads: for each presentation, the decision announced,
    the guest invited to present, and the recipients called to the stage."""
    festival = ceremony.festival
    sections = []
    for number, item in enumerate(ceremony_programme(ceremony), start=1):
        presentation, rows = item["presentation"], item["recipients"]
        decision = presentation.decision
        form_name = decision.form.name_for(decision.unit)
        authority = decision.form.authority_for(decision.unit)
        sections.append(
            {
                "number": number,
                "form": form_name,
                "announce": (
                    f"Thừa ủy quyền, tôi xin công bố Quyết định số {decision.reference} "
                    f"{format_date(decision.date)} của {authority} về việc tặng "
                    f"{decision.form.short_name} cho {_counts(rows)} đã có thành tích xuất sắc "
                    "trong phong trào toàn dân bảo vệ an ninh Tổ quốc."
                ),
                "invite": (
                    f"Xin trân trọng kính mời đồng chí {presentation.presenter_name}, "
                    f"{presentation.presenter_title}, lên trao {form_name} cho các "
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
        "authority": authority_lines(ward.committee_name),
        "place": ward.place,
        "date": format_date(ceremony.festival.date),
    }


# --------------------------------------------------------------------------- the decision


def _each(label: str, amounts: list[int]) -> str:
    return f"mỗi {label} " + " hoặc ".join(f"{format_number(a)} đồng" for a in amounts)


def _reward_article(form, listing: dict, funding: str) -> str:
    """Điều 2: what each recipient gets (Nghị định 152/2025/NĐ-CP), the total in figures and
    in words, and the budget it is paid from."""
    if not listing["total_amount"]:
        return f"{form.short_name} không kèm tiền thưởng."
    each = [
        _each(label, listing["amounts"][kind])
        for kind, label in (
            (RecipientKind.COLLECTIVE, "tập thể"),
            (RecipientKind.INDIVIDUAL, "cá nhân"),
        )
        if listing["amounts"][kind]
    ]
    return (
        f"Tặng thưởng kèm theo {form.short_name} theo quy định tại Nghị định số "
        f"152/2025/NĐ-CP: {', '.join(each)}. Tổng số tiền thưởng: {listing['total']} đồng "
        f"(Bằng chữ: {listing['total_words']}). Kinh phí khen thưởng chi từ {funding}."
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def decision_document(decision: Decision, signature: dict) -> dict:
    """The award decision as Nghị định 30/2020/NĐ-CP lays it out: the header, "QUYẾT ĐỊNH"
    and what it is about, the authority, the legal bases, Điều 1–3, the distribution list and
    ``signature``, then the commendation list as its annex."""
    form, unit = decision.form, decision.unit
    wording = services.decision_wording(decision)
    authority = form.authority_for(unit)
    reference = (
        f"(Kèm theo Quyết định số {decision.reference} {format_date(decision.date)} "
        f"của {authority})"
    )
    listing = commendation_list(decision.nominations.all(), header={}, subtitle=reference)
    counted = recipients_counted(listing["collectives"], listing["individuals"])
    return {
        "header": {
            "authority": authority_lines(decision.authority),
            "number": decision.reference,
            "place": decision.place,
            "date": format_date(decision.date),
        },
        "title": "Quyết định",
        "subtitle": (
            f"Về việc tặng {form.short_name} cho các tập thể, cá nhân đã có {wording['merit']}"
        ),
        "issuer": authority,
        "bases": _lines(wording["legal_bases"]),
        "articles": [
            {
                "label": "Điều 1.",
                "text": (
                    f"Tặng {form.name_for(unit)} cho {counted} (có danh sách kèm theo) đã có "
                    f"{wording['merit']}."
                ),
            },
            {"label": "Điều 2.", "text": _reward_article(form, listing, wording["funding"])},
            {
                "label": "Điều 3.",
                "text": f"Quyết định này có hiệu lực kể từ ngày ký. {wording['executors']}",
            },
        ],
        "recipients": _lines(wording["recipients"]),
        "signature": signature,
        "annex": {
            **listing,
            "title": "Danh sách",
            "subtitle": f"Tập thể, cá nhân được tặng {form.name_for(unit)}",
            "reference": reference,
        },
    }
