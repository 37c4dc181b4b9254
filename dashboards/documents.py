"""What dashboards print: a ward's movement report (Word to edit, PDF) and a unit's summary
across its wards (Excel, PDF, Word), both for a year chosen on the dashboard."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from dashboards.reports import display, unit_summary_data, ward_report_data
from dashboards.services import FIRST_YEAR, Dashboard, figure_tables, unit_dashboard
from documents import renderers
from documents.forms import WholeNumberField
from documents.registry import DocumentKind, Rendered, register
from wards.forms import SignatureParams
from wards.models import Level
from wards.scoping import Perm


class YearForm(SignatureParams):
    """The report's year and who signs it; the kind says whether it prints for a ward (its
    people's committee signs) or for a unit above (the province's signs the summary)."""

    for_ward = True
    year = WholeNumberField(label=gettext_lazy("Năm"), min_value=FIRST_YEAR, grouped=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year

    def clean_year(self):
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Chưa đến năm %(year)d.") % {"year": year})
        return year

    def clean(self):
        is_ward = self.obj is not None and self.obj.level == Level.WARD
        if self.obj is not None and is_ward != self.for_ward:
            raise forms.ValidationError(
                _("Báo cáo này chỉ in cho một phường, xã.")
                if self.for_ward
                else _("Báo cáo tổng hợp chỉ in cho tỉnh hoặc cụm, không cho một phường, xã.")
            )
        return super().clean()


class UnitYearForm(YearForm):
    for_ward = False

    def signing_unit(self):
        return self.obj.province


def _when(request):
    return timezone.localdate(request.created) if request.created else timezone.localdate()


def _pdf(data: dict) -> bytes:
    """Table cells as text, as the Typst template prints them."""
    blocks = []
    for block in data["blocks"]:
        if block["type"] == "table":
            block = {
                **block,
                "rows": [[display(v) for v in row] for row in block["rows"]],
                "totals": [display(v) for v in block["totals"]] if block["totals"] else None,
            }
        blocks.append(block)
    return renderers.typst_pdf("dashboards/report.typ", {**data, "blocks": blocks})


def _docx(data: dict) -> bytes:
    # python-docx takes 70 ms to import: only workers that write Word files pay for it.
    from dashboards.report_docx import build

    return renderers.docx(lambda document: build(document, data), landscape=data["landscape"])


def render_ward_report(request):
    data = ward_report_data(request.user, request.obj, request.params["year"], _when(request))
    data["signature"] = request.params["signature"]
    request.progress(0, 1)
    content = _pdf(data) if request.fmt == "pdf" else _docx(data)
    request.progress(1, 1)
    return Rendered(f"{data['filename']}.{request.fmt}", content)


def _summary_sheets(dashboard: Dashboard, data: dict) -> list:
    """The workbook: the dashboard's tables, a sheet each, every figure beside last year's
    (two columns), texts such as a festival's date in one."""
    years = (dashboard.period.year, dashboard.previous.year)
    heading = [data["subtitle"], _("Số liệu %(period)s") % {"period": dashboard.period.label}]

    def values(cells):
        return [
            value
            for cell in cells
            for value in ((cell,) if isinstance(cell, str) else (cell.now, cell.before))
        ]

    def headers(table):
        return [
            text
            for label, total in zip(table.labels, table.totals, strict=True)
            for text in ([label] if isinstance(total, str) else [f"{label} {y}" for y in years])
        ]

    sheets = []
    for table in figure_tables(dashboard):
        columns = headers(table)
        totals = values(table.totals)
        sheets.append(
            renderers.Sheet(
                rows=(
                    [index, row.name, row.group, *values(cells)]
                    for index, (row, cells) in enumerate(table.lines, start=1)
                ),
                headers=[_("STT"), _("Phường, xã"), _("Cụm"), *columns],
                title=table.title,
                heading=heading,
                # A column of figures adds up in Excel; one of texts (a festival's date) not.
                footer=[
                    [
                        "",
                        _("Cộng"),
                        "",
                        *(t if isinstance(t, str) else renderers.SUM for t in totals),
                    ]
                ],
                widths=[6, 28, 16] + [14] * len(columns),
                formats=[renderers.CODE, renderers.TEXT, renderers.TEXT]
                + [renderers.TEXT if isinstance(t, str) else renderers.NUMBER for t in totals],
                landscape=True,
            )
        )
    return sheets


def render_unit_summary(request):
    when = _when(request)
    dashboard = unit_dashboard(request.user, request.obj, request.params["year"], today=when)
    data = {**unit_summary_data(dashboard, when), "signature": request.params["signature"]}
    request.progress(0, 1)
    if request.fmt == "xlsx":
        content = renderers.xlsx(sheets=_summary_sheets(dashboard, data))
    elif request.fmt == "pdf":
        content = _pdf(data)
    else:
        content = _docx(data)
    request.progress(1, 1)
    return Rendered(f"{data['filename']}.{request.fmt}", content)


register(
    DocumentKind(
        identifier="dashboards.ward_report",
        verbose_name=gettext_lazy("Báo cáo kết quả phong trào toàn dân bảo vệ ANTQ"),
        formats=("docx", "pdf"),
        model="wards.AdministrativeUnit",
        render=render_ward_report,
        permission=Perm.PRINT,
        params_form=YearForm,
        description=gettext_lazy(
            "Số liệu điền sẵn; phần nhận xét, đánh giá để phường, xã tự viết."
        ),
    )
)
register(
    DocumentKind(
        identifier="dashboards.unit_summary",
        verbose_name=gettext_lazy("Báo cáo tổng hợp theo phường, xã"),
        formats=("xlsx", "pdf", "docx"),
        model="wards.AdministrativeUnit",
        render=render_unit_summary,
        permission=Perm.PRINT,
        params_form=UnitYearForm,
    )
)
