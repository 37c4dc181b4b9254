"""Dashboards of a unit above the ward (one row per ward) and of a ward (one row per
residential area). Both read through ``wards.scoping``: a unit outside the user's scope is 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from dashboards.services import (
    Dashboard,
    festival_result_labels,
    figure_tables,
    parse_year,
    unit_dashboard,
    ward_dashboard,
    year_choices,
)
from documents.vietnamese import fold, natural_key
from wards.models import AdministrativeUnit, Level
from wards.scoping import Perm, get_for_user, has_perm, home_unit, user_scope
from wards.tables import Column, Table


@login_required
def index(request):
    """The dashboard of the user's own unit."""
    unit = home_unit(request.user)
    if unit is None:
        return redirect("home")
    name = "dashboards:ward" if unit.level == Level.WARD else "dashboards:unit"
    return redirect(name, code=unit.code)


@login_required
def unit_view(request, code: str):
    unit = get_for_user(
        request.user,
        AdministrativeUnit.objects.exclude(level=Level.WARD).select_related("parent"),
        code=code,
    )
    dashboard = unit_dashboard(request.user, unit, _year(request))
    show_group = any(row.group for row in dashboard.rows)
    context = _context(request, dashboard, _("Phường, xã"), show_group)
    return render(request, "dashboards/unit.html", context)


@login_required
def ward_view(request, code: str):
    ward = get_for_user(
        request.user,
        AdministrativeUnit.objects.wards().select_related("parent__parent"),
        code=code,
    )
    dashboard = ward_dashboard(request.user, ward, _year(request))
    context = _context(request, dashboard, _("Khu dân cư"), show_group=False)
    context.update(
        festival_results=zip(
            festival_result_labels(), dashboard.totals.festival_results_list, strict=True
        ),
    )
    return render(request, "dashboards/ward.html", context)


def _year(request) -> int:
    """The year asked for; this year, with a message, when it is not one we can show."""
    this_year = timezone.localdate().year
    asked = request.GET.get("year", "")
    if not asked:
        return this_year
    year = parse_year(asked)
    if year is None:
        messages.warning(
            request,
            _("Năm “%(asked)s” không xem được; đang hiện năm %(year)d.")
            % {"asked": asked[:10], "year": this_year},
        )
        return this_year
    return year


def _context(request, dashboard: Dashboard, row_label: str, show_group: bool) -> dict:
    unit = dashboard.unit
    tables = figure_tables(dashboard)
    chosen = request.GET.get("tab", "")
    tab = next((table for table in tables if table.key == chosen), tables[0])
    query = request.GET.get("q", "").strip()
    only_data = request.GET.get("data") == "1"
    return {
        "tab": tab,
        "rows": _row_table(request, tab, row_label, show_group, query, only_data),
        "query": query,
        "only_data": only_data,
        "row_label": row_label,
        "show_group": show_group,
        "dashboard": dashboard,
        "unit": unit,
        "crumbs": [
            (_("Bảng theo dõi"), reverse("dashboards:index")),
            *(
                (
                    a.name,
                    f"{reverse('dashboards:unit', args=[a.code])}?year={dashboard.period.year}",
                )
                for a in _ancestors(request.user, unit)
            ),
        ],
        "years": year_choices(),
        "tables": tables,
        "summary": _summary(dashboard),
        "charts": _charts(dashboard),
        "can_print": has_perm(request.user, Perm.PRINT, unit),
        "tile_url": settings.MAP_TILE_URL,
        "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
    }


def _cell_key(index: int):
    def key(line):
        cell = line[1][index]
        return natural_key(cell) if isinstance(cell, str) else cell.now

    return key


def _row_table(request, tab, row_label, show_group, query: str, only_data: bool) -> Table:
    """The tab's rows, searched, narrowed to rows with figures and sorted, in Python: they are
    figures worked out for the page (a province has about 150 wards), not database rows."""
    lines = tab.lines
    if query:
        needle = fold(query)
        # By the name or a former unit's ("Điện Ngọc" finds Điện Bàn Đông).
        lines = [line for line in lines if needle in fold(f"{line[0].name} {line[0].former}")]
    if only_data:
        lines = [line for line in lines if line[0].has_data]
    columns = [Column("name", row_label, lambda line: natural_key(line[0].name))]
    if show_group:
        columns.append(
            Column(
                "group",
                _("Cụm"),
                lambda line: (natural_key(line[0].group), natural_key(line[0].name)),
            )
        )
    columns += [
        Column(f"c{index}", label, _cell_key(index), numeric=True)
        for index, label in enumerate(tab.labels)
    ]
    return Table(
        request,
        lines,
        columns,
        default_sort="name",
        label=tab.title,
        # A province's wards on one page, as before the table could page.
        per_page=200,
        per_page_choices=(50, 100, 200),
    )


def _summary(dashboard: Dashboard) -> list[tuple[str, object]]:
    """The cards above the tables: the totals beside last year's."""
    totals = dashboard.totals
    cards = [
        (_("Mô hình tự quản"), totals.schemes_total),
        (_("Mô hình mới thành lập"), totals.new_schemes),
        (_("Kết quả hoạt động"), totals.activity_total),
        (_("Điển hình tiên tiến"), totals.exemplars_total),
        (_("Ngày hội đã tổ chức"), totals.festivals_held),
        (_("Đề nghị khen thưởng"), totals.nominated_total),
        (_("Được khen thưởng"), totals.awarded_total),
    ]
    # A ward's festival has a card of its own.
    return [card for card in cards if not (dashboard.is_ward and card[1] is totals.festivals_held)]


def _ancestors(user, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    """The units above, province first, that the user may open (read with the unit: a
    province is at most two levels up)."""
    scope = user_scope(user)
    chain = []
    parent = unit.parent
    while parent is not None:
        if scope.everything or parent.is_under(scope.unit):
            chain.insert(0, parent)
        parent = parent.parent
    return chain


def _charts(dashboard: Dashboard) -> dict:
    """Data for static/js/dashboard_charts.js: labels and two series, this year and last."""
    totals = dashboard.totals

    def series(labels, pairs):
        return {
            "labels": labels,
            "now": [pair.now for pair in pairs],
            "before": [pair.before for pair in pairs],
        }

    return {
        "now": _("Năm %(year)d") % {"year": dashboard.period.year},
        "before": _("Cùng kỳ %(year)d") % {"year": dashboard.previous.year},
        "kinds": series([kind.name for kind in dashboard.kinds], totals.by_kind),
        "months": series([capfirst(MONTHS_3[m]) for m in range(1, 13)], dashboard.months),
        "types": series([label for _value, label in dashboard.types], totals.by_type),
        "forms": series([form.name for form in dashboard.forms], totals.awarded_by_form),
    }
