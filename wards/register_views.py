"""The register's pages: schemes (list, map, detail, forms, members), activity entries and
exemplary people. Every queryset goes through ``scoped``, every object through
``get_for_user``."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.confirm import unconfirmed_delete
from wards.forms import (
    ActivityForm,
    ExemplarForm,
    SchemeFilterForm,
    SchemeForm,
    SchemeMemberFormSet,
)
from wards.models import (
    Activity,
    AdministrativeUnit,
    Exemplar,
    Level,
    Scheme,
    SchemeKind,
    SchemeMember,
    marker_legend,
)
from wards.params import year_param
from wards.scoping import Perm, get_for_user, has_perm, scoped, user_scope
from wards.services import history_entries
from wards.tables import Column, Table

MAP_LIMIT = 2000  # markers on one map; past that, the filters narrow it down


def _ward(request, code: str, perm: str | None = None) -> AdministrativeUnit:
    return get_for_user(request.user, AdministrativeUnit.objects.wards(), perm, code=code)


def _scheme(request, pk: int, perm: str | None = None) -> Scheme:
    return get_for_user(
        request.user, Scheme.objects.select_related("ward", "kind", "area"), perm, pk=pk
    )


def _activity(request, pk: int) -> Activity:
    queryset = Activity.objects.select_related("ward", "scheme")
    return get_for_user(request.user, queryset, Perm.EDIT_REGISTER, pk=pk)


def _exemplar(request, pk: int) -> Exemplar:
    queryset = Exemplar.objects.select_related("ward")
    return get_for_user(request.user, queryset, Perm.EDIT_REGISTER, pk=pk)


def _filtered_schemes(request):
    """The user's schemes narrowed by the filter form in the query string."""
    scope = user_scope(request.user)
    home = scope.unit if scope.unit is not None and scope.unit.level == Level.WARD else None
    wards = scoped(request.user, AdministrativeUnit.objects.wards()).order_by("sort_name")
    form = SchemeFilterForm(request.GET or None, wards=wards, ward=home)
    schemes = scoped(request.user, Scheme.objects.all())
    if form.is_bound:
        schemes = form.filter(schemes)
    elif home is not None:
        schemes = schemes.filter(ward=home)
    return form, schemes, home


def _scheme_columns(home) -> list[Column]:
    columns = [
        Column("name", _("Tên mô hình"), ("sort_name",)),
        Column("kind", _("Loại"), ("kind__position", "sort_name")),
        Column("area", _("Khu dân cư"), ("area__name", "sort_name")),
        Column(
            "established",
            _("Ngày thành lập"),
            ("established_on", "sort_name"),
            text=lambda s: s.established_on,
        ),
        Column(
            "status",
            _("Trạng thái"),
            ("status", "sort_name"),
            text=lambda s: s.get_status_display(),
        ),
    ]
    if home is None:
        columns.insert(
            1, Column("ward", _("Phường, xã"), ("ward__sort_name", "kind__position", "sort_name"))
        )
    return columns


def schemes_table(request, filtered=None) -> Table:
    """The list's table; ``filtered``: what _filtered_schemes gave, when the page has it."""
    _form, schemes, home = filtered or _filtered_schemes(request)
    return Table(
        request,
        schemes.select_related("kind", "area", "ward"),
        _scheme_columns(home),
        default_sort="kind" if home else "ward",
        label=_("Danh sách mô hình tự quản"),
        export="wards.schemes",
    )


@login_required
def scheme_list(request):
    filtered = _filtered_schemes(request)
    form, _schemes, home = filtered
    table = schemes_table(request, filtered)
    query = request.GET.copy()
    for name in ("page", "sort", "per_page"):
        query.pop(name, None)
    return render(
        request,
        "wards/scheme_list.html",
        {
            "form": form,
            "table": table,
            "page": table.page,
            "home": home,
            "querystring": query.urlencode(),
            "can_add": home is not None and has_perm(request.user, Perm.EDIT_SCHEMES, home),
        },
    )


@login_required
def scheme_map(request):
    form, schemes, home = _filtered_schemes(request)
    located = (
        schemes.filter(latitude__isnull=False, longitude__isnull=False)
        .select_related("kind", "ward")
        .order_by("ward__sort_name", "kind__position", "sort_name")
    )
    rows = list(located[: MAP_LIMIT + 1])
    markers = [
        {
            "lat": float(s.latitude),
            "lng": float(s.longitude),
            "name": s.name,
            "kind": s.kind.code,
            "detail": f"{s.kind.name} — {s.ward.name}",
            "url": reverse("wards:scheme", args=[s.pk]),
        }
        for s in rows[:MAP_LIMIT]
    ]
    return render(
        request,
        "wards/scheme_map.html",
        {
            "form": form,
            "home": home,
            "schemes": rows[:MAP_LIMIT],
            "markers": markers,
            "kinds": marker_legend(s.kind for s in rows[:MAP_LIMIT]),
            "truncated": len(rows) > MAP_LIMIT,
            "map_limit": MAP_LIMIT,
            "tile_url": settings.MAP_TILE_URL,
            "tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        },
    )


@login_required
def scheme_detail(request, pk: int):
    scheme = _scheme(request, pk)
    activities = scheme.activities.all()
    context = {
        "scheme": scheme,
        "members": scheme.members.all(),
        "activities": activities[:50],
        "activity_count": activities.count(),
        "exemplars": scheme.exemplars.all(),
        "history": history_entries(
            scheme.history.all(),
            SchemeMember.history.filter(scheme_id=scheme.pk),
            Activity.history.filter(scheme_id=scheme.pk),
        ),
        "kind_values": [
            (Scheme._meta.get_field(name).verbose_name, getattr(scheme, name))
            for name in scheme.kind.fields
        ],
        "can_edit": has_perm(request.user, Perm.EDIT_SCHEMES, scheme.ward),
        "can_edit_activity": has_perm(request.user, Perm.EDIT_REGISTER, scheme.ward),
    }
    return render(request, "wards/scheme_detail.html", context)


def _posted_kind(request, ward, default: SchemeKind | None) -> SchemeKind | None:
    """The kind chosen in the submitted form (or in the query string), which shapes the form;
    only a kind the ward may use (another province's kind is ignored)."""
    pk = request.POST.get("kind") or request.GET.get("kind")
    if pk and str(pk).isdigit():
        return SchemeKind.objects.available_to(ward).filter(pk=pk).first() or default
    return default


def _scheme_form(request, ward: AdministrativeUnit, scheme: Scheme | None):
    kind = _posted_kind(request, ward, scheme.kind if scheme else None)
    reshape = "_reshape" in request.POST
    if request.method == "POST" and reshape:
        # The kind changed: show that kind's fields, keep what was typed, judge nothing yet.
        form = SchemeForm(initial=request.POST.dict(), instance=scheme, ward=ward, kind=kind)
    else:
        form = SchemeForm(request.POST or None, instance=scheme, ward=ward, kind=kind)
    # With JavaScript, changing the kind re-draws the form in place (htmx); without it, the
    # "Đổi loại mô hình" button does the same with a full page.
    form.fields["kind"].widget.attrs.update(
        {
            "hx-post": request.get_full_path(),
            "hx-trigger": "change",
            "hx-target": "#scheme-form",
            "hx-select": "#scheme-form",
            "hx-swap": "outerHTML",
            "hx-vals": '{"_reshape": "1"}',
        }
    )
    if request.method == "POST" and not reshape and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu mô hình “%(name)s”.") % {"name": saved.name})
        return redirect(saved)
    return render(
        request,
        "wards/scheme_form.html",
        {"form": form, "ward": ward, "scheme": scheme, "kind": form.kind},
    )


@login_required
def scheme_create(request, code: str):
    ward = _ward(request, code, Perm.EDIT_SCHEMES)
    if request.method == "GET" and "kind" not in request.GET:
        kinds = SchemeKind.objects.available_to(ward).filter(is_active=True)
        return render(request, "wards/scheme_kind_pick.html", {"ward": ward, "kinds": kinds})
    return _scheme_form(request, ward, None)


@login_required
def scheme_edit(request, pk: int):
    scheme = _scheme(request, pk, Perm.EDIT_SCHEMES)
    return _scheme_form(request, scheme.ward, scheme)


@login_required
@require_POST
def scheme_delete(request, pk: int):
    scheme = _scheme(request, pk, Perm.EDIT_SCHEMES)
    if scheme.activities.exists():
        messages.error(
            request,
            _(
                "Mô hình “%(name)s” đã có hoạt động nên không xóa được: "
                "hãy chuyển trạng thái sang “Đã giải thể”."
            )
            % {"name": scheme.name},
        )
        return redirect(scheme)
    if asking := unconfirmed_delete(request, scheme):
        return asking
    with transaction.atomic():
        scheme.delete()
    messages.success(request, _("Đã xóa mô hình “%(name)s”.") % {"name": scheme.name})
    return redirect(f"{reverse('wards:scheme_list')}?ward={scheme.ward.code}")


@login_required
def scheme_members(request, pk: int):
    scheme = _scheme(request, pk, Perm.EDIT_SCHEMES)
    formset = SchemeMemberFormSet(request.POST or None, instance=scheme)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            formset.save()
        messages.success(request, _("Đã lưu danh sách thành viên."))
        return redirect(scheme)
    return render(request, "wards/scheme_members.html", {"scheme": scheme, "formset": formset})


# --------------------------------------------------------------------------- activity


def activities_table(request, code: str) -> Table:
    ward = _ward(request, code)
    activities = scoped(request.user, Activity.objects.filter(ward=ward)).select_related(
        "scheme", "scheme__kind"
    )
    year = year_param(request)
    if year is not None:
        activities = activities.filter(date__year=year)
    columns = [
        Column("date", _("Ngày"), ("date",)),
        Column("type", _("Loại hoạt động"), ("type", "-date"), text=lambda a: a.get_type_display()),
        Column("count", _("Số lượng"), ("count", "-date"), numeric=True),
        Column("scheme", _("Mô hình"), ("scheme__sort_name", "-date")),
    ]
    if has_perm(request.user, Perm.EDIT_REGISTER, ward):
        columns.append(Column("actions", _("Thao tác"), hidden_label=True))
    return Table(
        request,
        activities,
        columns,
        default_sort="-date",
        label=_("Hoạt động đã ghi"),
        export="wards.activity",
        export_args={"code": code},
    )


@login_required
def activity_list(request, code: str):
    ward = _ward(request, code)
    year = year_param(request)
    can_edit = has_perm(request.user, Perm.EDIT_REGISTER, ward)
    table = activities_table(request, code)
    return render(
        request,
        "wards/activity_list.html",
        {
            "ward": ward,
            "table": table,
            "page": table.page,
            "year": year,
            "years": [d.year for d in ward.activities.dates("date", "year", order="DESC")],
            "can_edit": can_edit,
        },
    )


def _activity_form(request, ward, activity=None, scheme=None):
    form = ActivityForm(request.POST or None, instance=activity, ward=ward, scheme=scheme)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu hoạt động: %(a)s.") % {"a": saved})
        target = saved.scheme or None
        return redirect(target) if target else redirect("wards:activity_list", code=ward.code)
    history = history_entries(activity.history.all()) if activity else []
    return render(
        request,
        "wards/activity_form.html",
        {
            "form": form,
            "ward": ward,
            "activity": activity,
            "scheme": scheme or (activity.scheme if activity else None),
            "history": history,
        },
    )


@login_required
def activity_create(request, code: str):
    ward = _ward(request, code, Perm.EDIT_REGISTER)
    scheme = None
    if request.GET.get("scheme", "").isdigit():
        scheme = get_for_user(
            request.user, Scheme.objects.filter(ward=ward), pk=request.GET["scheme"]
        )
    return _activity_form(request, ward, scheme=scheme)


@login_required
def activity_edit(request, pk: int):
    activity = _activity(request, pk)
    return _activity_form(request, activity.ward, activity=activity)


@login_required
@require_POST
def activity_delete(request, pk: int):
    activity = _activity(request, pk)
    if asking := unconfirmed_delete(request, activity):
        return asking
    activity.delete()
    messages.success(request, _("Đã xóa hoạt động: %(a)s.") % {"a": activity})
    if activity.scheme is not None:
        return redirect(activity.scheme)
    return redirect("wards:activity_list", code=activity.ward.code)


# --------------------------------------------------------------------------- exemplars


def exemplars_table(request, code: str) -> Table:
    ward = _ward(request, code)
    exemplars = scoped(request.user, Exemplar.objects.filter(ward=ward)).select_related("area")
    columns = [
        # Collectives first, people by given name: the printed lists' order.
        Column("name", _("Họ tên / tên tập thể"), ("kind", "sort_name")),
        Column(
            "kind",
            _("Cá nhân / tập thể"),
            ("kind", "sort_name"),
            text=lambda e: e.get_kind_display(),
        ),
        Column("year", _("Năm"), ("year", "kind", "sort_name"), numeric=True),
        Column("area", _("Khu dân cư"), ("area__name", "kind", "sort_name")),
    ]
    if has_perm(request.user, Perm.EDIT_REGISTER, ward):
        columns.append(Column("actions", _("Thao tác"), hidden_label=True))
    return Table(
        request,
        exemplars.prefetch_related("schemes"),
        columns,
        default_sort="name",
        label=_("Danh sách điển hình tiên tiến"),
        export="wards.exemplars",
        export_args={"code": code},
    )


@login_required
def exemplar_list(request, code: str):
    ward = _ward(request, code)
    can_edit = has_perm(request.user, Perm.EDIT_REGISTER, ward)
    table = exemplars_table(request, code)
    return render(
        request,
        "wards/exemplar_list.html",
        {"ward": ward, "table": table, "page": table.page, "can_edit": can_edit},
    )


def _exemplar_form(request, ward, exemplar=None):
    form = ExemplarForm(request.POST or None, instance=exemplar, ward=ward)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu điển hình “%(name)s”.") % {"name": saved.name})
        return redirect("wards:exemplar_list", code=ward.code)
    return render(
        request, "wards/exemplar_form.html", {"form": form, "ward": ward, "exemplar": exemplar}
    )


@login_required
def exemplar_create(request, code: str):
    return _exemplar_form(request, _ward(request, code, Perm.EDIT_REGISTER))


@login_required
def exemplar_edit(request, pk: int):
    exemplar = _exemplar(request, pk)
    return _exemplar_form(request, exemplar.ward, exemplar)


@login_required
@require_POST
def exemplar_delete(request, pk: int):
    exemplar = _exemplar(request, pk)
    if asking := unconfirmed_delete(request, exemplar):
        return asking
    exemplar.delete()
    messages.success(request, _("Đã xóa điển hình “%(name)s”.") % {"name": exemplar.name})
    return redirect("wards:exemplar_list", code=exemplar.ward.code)
