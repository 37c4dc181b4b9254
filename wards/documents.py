"""What the wards app prints: the ward profile sheet (ward, residential areas, counts), and
any list page as a worksheet."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents import renderers
from documents.registry import DocumentKind, ParamsForm, Rendered, RenderError, register
from documents.vietnamese import format_date, format_number, natural_key
from wards.models import AdministrativeUnit, authority_lines
from wards.scoping import Perm
from wards.services import register_sections
from wards.tables import exportable_lists, register_list


def _area_section(ward: AdministrativeUnit) -> dict:
    areas = sorted(ward.residential_areas.all(), key=lambda area: natural_key(area.name))
    households = sum(area.households or 0 for area in areas)
    population = sum(area.population or 0 for area in areas)
    return {
        "title": _("Khu dân cư"),
        "sheet": _("Khu dân cư"),
        "columns": [_("STT"), _("Tên khu dân cư"), _("Loại"), _("Số hộ"), _("Nhân khẩu")],
        "numeric": [0, 3, 4],
        "widths": [12, None, 28, 22, 25],
        "rows": [
            [index, area.name, area.get_kind_display(), area.households, area.population]
            for index, area in enumerate(areas, start=1)
        ],
        "totals": [
            "",
            _("Cộng: %(count)d khu") % {"count": len(areas)},
            "",
            households,
            population,
        ],
    }


def profile_data(ward: AdministrativeUnit, when) -> dict:
    """The profile as plain data: header fields and a list of table sections."""
    return {
        "authority": authority_lines(ward.committee_name),
        "sub_authority": "",
        "place": ward.place,
        "date": format_date(when),
        "title": _("Hồ sơ %(ward)s") % {"ward": ward.title},
        "subtitle": _("Mã đơn vị: %(code)s") % {"code": ward.code},
        # Each section is a table; the PDF and the workbook both render every one of them.
        "sections": [_area_section(ward), *register_sections(ward, when.year)],
    }


def _display(value) -> str:
    if value is None:
        return ""
    return format_number(value) if isinstance(value, int) else str(value)


def _sheet(data: dict, section: dict) -> renderers.Sheet:
    """A section as a worksheet: counts as numbers, the totals as sums Excel recomputes."""
    numeric = set(section["numeric"])
    return renderers.Sheet(
        rows=section["rows"],
        headers=section["columns"],
        title=section["sheet"],
        heading=[
            data["title"],
            data["subtitle"],
            section["title"],
            f"{data['place']}, {data['date']}",
        ],
        footer=[
            [
                renderers.SUM if column in numeric and isinstance(value, int) else value
                for column, value in enumerate(section["totals"])
            ]
        ],
        # Column widths in characters, about 2 mm each; a share of the rest gets 36.
        widths=[width / 2 if width else 36 for width in section["widths"]],
        formats=[
            (renderers.CODE if column == 0 else renderers.NUMBER)
            if column in numeric
            else renderers.TEXT
            for column in range(len(section["columns"]))
        ],
    )


def render_profile(request):
    ward = request.obj
    when = timezone.localdate(request.created) if request.created else timezone.localdate()
    data = profile_data(ward, when)
    request.progress(0, 1)
    if request.fmt == "xlsx":
        content = renderers.xlsx(sheets=[_sheet(data, section) for section in data["sections"]])
    else:
        for section in data["sections"]:
            section["rows"] = [[_display(v) for v in row] for row in section["rows"]]
            section["totals"] = [_display(v) for v in section["totals"]]
        content = renderers.typst_pdf("wards/profile.typ", data)
    request.progress(1, 1)
    return Rendered(f"{data['title']}.{request.fmt}", content)


register(
    DocumentKind(
        identifier="wards.profile",
        verbose_name=gettext_lazy("Hồ sơ phường, xã"),
        formats=("pdf", "xlsx"),
        model="wards.AdministrativeUnit",
        render=render_profile,
        permission=Perm.PRINT,
    )
)


# --------------------------------------------------------------------------- any list


class ListParams(ParamsForm):
    """Which list, with the page's filters and order (its query string) and URL arguments."""

    list = forms.CharField(max_length=60)
    query = forms.CharField(max_length=2000, required=False)
    args = forms.CharField(max_length=200, required=False)

    def clean_list(self) -> str:
        identifier = self.cleaned_data["list"]
        if identifier not in exportable_lists():
            raise forms.ValidationError(_("Không có danh sách này để xuất."))
        return identifier


def render_list(request):
    """The list page's rows, as its user sees them (their scope, the page's filters and
    order, every page), as a worksheet."""
    exportable = exportable_lists()[request.params["list"]]
    try:
        table = exportable.build(request.user, request.params["query"], request.params["args"])
    except (Http404, PermissionDenied):
        raise RenderError(_("Danh sách này không thuộc phạm vi của bạn.")) from None
    headers = table.export_headers
    exported = [column for column in table.columns if column.exported]
    total = table.page.paginator.count
    request.progress(0, total)
    when = timezone.localdate(request.created) if request.created else timezone.localdate()
    content = renderers.xlsx(
        table.export_rows(),
        headers=headers,
        heading=[str(exportable.label), str(request.obj), format_date(when)],
        formats=[renderers.NUMBER if c.numeric else renderers.TEXT for c in exported],
        widths=[14 if c.numeric else 30 for c in exported],
        progress=lambda done: request.progress(done, total),
    )
    request.progress(total, total)
    return Rendered(f"{exportable.label}.xlsx", content)


register(
    DocumentKind(
        identifier="wards.list",
        verbose_name=gettext_lazy("Xuất danh sách"),
        formats=("xlsx",),
        model="wards.AdministrativeUnit",
        render=render_list,
        permission=Perm.PRINT,
        params_form=ListParams,
    )
)
register_list(
    "wards.schemes", gettext_lazy("Mô hình tự quản"), "wards.register_views.schemes_table"
)
register_list("wards.activity", gettext_lazy("Hoạt động"), "wards.register_views.activities_table")
register_list(
    "wards.exemplars", gettext_lazy("Điển hình tiên tiến"), "wards.register_views.exemplars_table"
)
