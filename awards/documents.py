"""What the awards app prints: the award decision itself, commendation lists, certificates (a
batch per decision, one on demand) and the calibration page for pre-printed blanks."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from awards import printing, services
from awards.certificate_pdf import certificates_pdf
from awards.layouts import default_fields
from awards.models import AwardForm, Certificate, CertificateLayout, Nomination, PrinterProfile
from documents import renderers
from documents.registry import DocumentKind, ParamsForm, Rendered, RenderError, register
from documents.vietnamese import nfc_data, short_date
from wards.forms import SignatureParams
from wards.models import AdministrativeUnit
from wards.scoping import Perm, unit_of
from wards.tables import register_list


def printers_for(unit: AdministrativeUnit):
    """The printers of the unit and of the units above it (a ward prints on its own printer or
    borrows the province's)."""
    codes = [code for code in unit.path.split("/") if code]
    return PrinterProfile.objects.filter(unit__code__in=codes)


class CertificateParams(ParamsForm):
    overlay = forms.TypedChoiceField(
        label=gettext_lazy("Kiểu in"),
        choices=[
            ("", gettext_lazy("Mẫu đầy đủ trên giấy A4 trắng")),
            ("1", gettext_lazy("In lên phôi bằng khen in sẵn")),
        ],
        coerce=bool,
        empty_value=False,
        required=False,
    )
    printer = forms.ModelChoiceField(
        label=gettext_lazy("Máy in (độ lệch khi in lên phôi)"),
        queryset=PrinterProfile.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.obj is not None:
            self.fields["printer"].queryset = printers_for(unit_of(self.obj))


class DecisionSignatureParams(SignatureParams):
    """Who signs what is printed from a decision: the decision's own signer unless the user
    picks another of the unit's."""

    def default_signature(self):
        if self.obj.signer_id:
            return self.obj.signer, self.obj.signer_capacity
        return services.default_signer(self.obj.unit)


class DecisionCertificateParams(CertificateParams, DecisionSignatureParams):
    pass


def _offset(params: dict) -> tuple[float, float]:
    printer = params.get("printer")
    if printer is None:
        return (0.0, 0.0)
    return (float(printer.offset_x), float(printer.offset_y))


def _certificates_pdf(request, certificates, filename: str) -> Rendered:
    if not certificates.exists():
        raise RenderError(_("Chưa có giấy chứng nhận nào: quyết định phải được ban hành trước."))
    data = printing.certificate_sheet(
        certificates,
        overlay=bool(request.params.get("overlay")),
        offset=_offset(request.params),
        signature=request.params.get("signature"),
        progress=request.progress,
    )
    # No check_printable: the writer refuses a character its font lacks, by name.
    pdf = certificates_pdf(data, progress=request.progress)
    request.progress(len(data["certificates"]), len(data["certificates"]))
    return Rendered(filename, pdf)


def render_decision_certificates(request) -> Rendered:
    decision = request.obj
    return _certificates_pdf(
        request, decision.certificates.all(), f"giay-khen-qd-{decision.number}.pdf"
    )


def render_certificate(request) -> Rendered:
    certificate = request.obj
    return _certificates_pdf(
        request, Certificate.objects.filter(pk=certificate.pk), f"{certificate.serial}.pdf"
    )


def decision_subtitle(decisions) -> str:
    refs = "; ".join(
        f"Quyết định số {d.reference} ngày {short_date(d.date)} của {d.form.authority_for(d.unit)}"
        for d in decisions
    )
    return f"(Kèm theo {refs})"


def render_list(request, nominations, header: dict, subtitle: str, stem: str) -> Rendered:
    data = printing.commendation_list(
        nominations,
        header=header,
        subtitle=subtitle,
        signature=request.params.get("signature"),
    )
    request.progress(0, 1)
    if request.fmt == "xlsx":
        content = renderers.xlsx(
            printing.commendation_rows(data),
            headers=["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị", "Tiền thưởng (đồng)"],
            title="Danh sách khen thưởng",
            heading=[
                " ".join(header["authority"]).upper(),
                "DANH SÁCH KHEN THƯỞNG",
                subtitle,
            ],
            widths=[6, 32, 10, 48, 18],
            footer=[
                ["", "Tổng cộng", "", "", renderers.SUM],
                ["", f"Bằng chữ: {data['total_words']}"],
            ],
            formats=[
                renderers.CODE,
                renderers.TEXT,
                renderers.CODE,
                renderers.TEXT,
                renderers.NUMBER,
            ],
        )
        return Rendered(f"{stem}.xlsx", content)
    return Rendered(f"{stem}.pdf", renderers.typst_pdf("awards/list.typ", data))


def render_decision_list(request) -> Rendered:
    decision = request.obj
    if not decision.nominations.exists():
        raise RenderError(_("Quyết định chưa có tập thể, cá nhân nào."))
    return render_list(
        request,
        decision.nominations.all(),
        printing.decision_header(decision),
        decision_subtitle([decision]),
        f"danh-sach-khen-thuong-qd-{decision.number}",
    )


def render_ceremony_list(request) -> Rendered:
    ceremony = request.obj
    certificates = printing.ceremony_certificates(ceremony)
    if not certificates.exists():
        raise RenderError(_("Buổi lễ chưa có quyết định nào đã ban hành cho phường, xã này."))
    decisions = [item["presentation"].decision for item in printing.ceremony_programme(ceremony)]
    return render_list(
        request,
        Nomination.objects.filter(certificate__in=certificates),
        printing.ceremony_header(ceremony),
        decision_subtitle(decisions),
        f"danh-sach-khen-thuong-le-{ceremony.festival.year}",
    )


def render_ceremony_certificates(request) -> Rendered:
    ceremony = request.obj
    return _certificates_pdf(
        request,
        printing.ceremony_certificates(ceremony),
        f"giay-khen-le-{ceremony.festival.year}.pdf",
    )


def render_mc_script(request) -> Rendered:
    data = printing.mc_script(request.obj)
    if not data["sections"]:
        raise RenderError(_("Buổi lễ chưa có phần trao khen thưởng nào."))
    request.progress(1, 1)
    return Rendered("kich-ban-trao-thuong.pdf", renderers.typst_pdf("awards/mc_script.typ", data))


def _docx_paragraph(document, *parts, centre=False, indent=False, size=14, space_after=3):
    """A paragraph of runs given as (text, bold, italic)."""
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centre else WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    for text, bold, italic in parts:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    return paragraph


def _docx_list_table(document, annex: dict) -> None:
    """The annex's table, as commendation.typ draws it: a row per recipient under its form's
    and its kind's headings, each form's subtotal and the total."""
    widths = (10, 48, 14, 69, 24)
    table = document.add_table(rows=0, cols=5)
    table.style = "Table Grid"

    def row(cells, *, bold=False, italic=False, span=False):
        cells_out = table.add_row().cells
        if span:
            cells_out = [cells_out[0].merge(cells_out[-1])]
        for cell, text in zip(cells_out, cells, strict=False):
            run = cell.paragraphs[0].add_run(text)
            run.bold, run.italic, run.font.size = bold, italic, Pt(12)

    row(["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị", "Tiền thưởng (đồng)"], bold=True)
    for group in annex["groups"]:
        row([group["heading"]], bold=True, span=True)
        for part in group["parts"]:
            row([part["label"]], italic=True, span=True)
            for cells in part["rows"]:
                row(cells)
        row(["", "Cộng", "", "", group["subtotal"]], bold=True)
    row(["", "Tổng cộng", "", "", annex["total"]], bold=True)
    for line in table.rows:
        for cell, width in zip(line.cells, widths, strict=False):
            cell.width = Mm(width)


def _decision_docx(document, data: dict) -> None:
    document.styles["Normal"].font.size = Pt(14)
    header = data["header"]
    renderers.docx_national_header(
        document,
        authority=header["authority"],
        number=header["number"],
        place=header["place"],
        date=header["date"],
    )
    _docx_paragraph(document, (data["title"].upper(), True, False), centre=True, space_after=0)
    _docx_paragraph(document, (data["subtitle"], True, False), centre=True, space_after=12)
    _docx_paragraph(document, (data["issuer"].upper(), True, False), centre=True, space_after=6)
    for line in data["bases"]:
        _docx_paragraph(document, (line, False, True), indent=True)
    _docx_paragraph(document, ("QUYẾT ĐỊNH:", True, False), centre=True, space_after=6)
    for article in data["articles"]:
        _docx_paragraph(
            document,
            (f"{article['label']} ", True, False),
            (article["text"], False, False),
            indent=True,
        )
    renderers.docx_signature(document, data["signature"], data["recipients"])
    document.add_page_break()
    annex = data["annex"]
    _docx_paragraph(document, (annex["title"].upper(), True, False), centre=True, space_after=0)
    _docx_paragraph(document, (annex["subtitle"], True, False), centre=True, space_after=0)
    _docx_paragraph(document, (annex["reference"], False, True), centre=True, space_after=6)
    _docx_list_table(document, annex)
    _docx_paragraph(
        document,
        (
            f"Tổng số: {annex['collectives']} tập thể, {annex['individuals']} cá nhân. "
            f"Tổng số tiền thưởng: {annex['total']} đồng",
            False,
            False,
        ),
        size=13,
    )
    _docx_paragraph(document, (f"(Bằng chữ: {annex['total_words']})", False, True), size=13)


def render_decision(request) -> Rendered:
    decision = request.obj
    if not decision.nominations.exists():
        raise RenderError(_("Quyết định chưa có tập thể, cá nhân nào."))
    try:
        data = printing.decision_document(decision, request.params["signature"])
    except ValidationError as error:
        raise RenderError(" ".join(error.messages)) from error
    request.progress(0, 1)
    stem = f"quyet-dinh-{decision.number}-{decision.date.year}"
    if request.fmt == "docx":
        data = nfc_data(data)
        return Rendered(f"{stem}.docx", renderers.docx(lambda doc: _decision_docx(doc, data)))
    return Rendered(f"{stem}.pdf", renderers.typst_pdf("awards/decision.typ", data))


class CalibrationParams(ParamsForm):
    form = forms.ModelChoiceField(
        label=gettext_lazy("Phôi của hình thức"), queryset=AwardForm.objects.filter(is_active=True)
    )


def render_calibration(request) -> Rendered:
    printer = request.obj
    form = request.params["form"]
    layout = CertificateLayout.objects.filter(form=form).first() or CertificateLayout(
        form=form, fields=default_fields()
    )
    data = printing.calibration_sheet(layout, (float(printer.offset_x), float(printer.offset_y)))
    request.progress(1, 1)
    return Rendered("trang-can-chinh.pdf", renderers.typst_pdf("awards/calibration.typ", data))


# Every kind prints rows that belong to a ward, so printing needs the PRINT permission there.
for identifier, name, formats, model, render, *params in (
    (
        "awards.decision",
        gettext_lazy("Quyết định khen thưởng"),
        ("pdf", "docx"),
        "awards.Decision",
        render_decision,
        DecisionSignatureParams,
    ),
    (
        "awards.decision_list",
        gettext_lazy("Danh sách khen thưởng"),
        ("pdf", "xlsx"),
        "awards.Decision",
        render_decision_list,
        DecisionSignatureParams,
    ),
    (
        "awards.decision_certificates",
        gettext_lazy("Giấy khen, bằng khen của quyết định"),
        ("pdf",),
        "awards.Decision",
        render_decision_certificates,
        DecisionCertificateParams,
    ),
    (
        "awards.certificate",
        gettext_lazy("Giấy khen, bằng khen"),
        ("pdf",),
        "awards.Certificate",
        render_certificate,
        CertificateParams,
    ),
    (
        "awards.ceremony_list",
        gettext_lazy("Danh sách khen thưởng của buổi lễ"),
        ("pdf", "xlsx"),
        "awards.Ceremony",
        render_ceremony_list,
        SignatureParams,
    ),
    (
        "awards.ceremony_certificates",
        gettext_lazy("Giấy khen, bằng khen của buổi lễ"),
        ("pdf",),
        "awards.Ceremony",
        render_ceremony_certificates,
        CertificateParams,
    ),
    (
        "awards.mc_script",
        gettext_lazy("Kịch bản trao khen thưởng (MC)"),
        ("pdf",),
        "awards.Ceremony",
        render_mc_script,
    ),
    (
        "awards.calibration",
        gettext_lazy("Trang căn chỉnh in phôi"),
        ("pdf",),
        "awards.PrinterProfile",
        render_calibration,
        CalibrationParams,
    ),
):
    register(
        DocumentKind(
            identifier=identifier,
            verbose_name=name,
            formats=formats,
            model=model,
            render=render,
            permission=Perm.PRINT,
            params_form=params[0] if params else None,
        )
    )


register_list(
    "awards.nominations", gettext_lazy("Đề nghị khen thưởng"), "awards.views.nominations_table"
)
register_list("awards.approvals", gettext_lazy("Đề nghị chờ duyệt"), "awards.views.approvals_table")
register_list(
    "awards.nominees", gettext_lazy("Đối tượng khen thưởng"), "awards.views.nominees_table"
)
register_list(
    "awards.decisions", gettext_lazy("Quyết định khen thưởng"), "awards.views.decisions_table"
)
register_list(
    "awards.ceremonies", gettext_lazy("Lễ trao khen thưởng"), "awards.views.ceremonies_table"
)
