"""What the awards app prints: commendation lists, certificates (a batch per decision, one on
demand) and the calibration page for pre-printed blanks."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards import printing
from awards.certificate_pdf import certificates_pdf
from awards.layouts import default_fields
from awards.models import AwardForm, Certificate, CertificateLayout, Nomination, PrinterProfile
from documents import renderers
from documents.fonts import check_printable
from documents.registry import DocumentKind, ParamsForm, Rendered, RenderError, register
from documents.vietnamese import short_date
from wards.models import AdministrativeUnit
from wards.scoping import Perm, unit_of


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
        progress=request.progress,
    )
    check_printable(data)
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
        f"Quyết định số {d.reference} ngày {short_date(d.date)} của {d.authority}"
        for d in decisions
    )
    return f"(Kèm theo {refs})"


def render_list(request, nominations, header: dict, subtitle: str, stem: str) -> Rendered:
    data = printing.commendation_list(nominations, header=header, subtitle=subtitle)
    request.progress(0, 1)
    if request.fmt == "xlsx":
        content = renderers.xlsx(
            printing.commendation_rows(data),
            headers=["STT", "Họ và tên", "Năm sinh", "Chức vụ, đơn vị", "Tiền thưởng (đồng)"],
            title="Danh sách khen thưởng",
            heading=[header["authority"].upper(), "DANH SÁCH KHEN THƯỞNG", subtitle],
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
        "awards.decision_list",
        gettext_lazy("Danh sách khen thưởng"),
        ("pdf", "xlsx"),
        "awards.Decision",
        render_decision_list,
    ),
    (
        "awards.decision_certificates",
        gettext_lazy("Giấy khen, bằng khen của quyết định"),
        ("pdf",),
        "awards.Decision",
        render_decision_certificates,
        CertificateParams,
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
