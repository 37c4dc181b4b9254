import functools
import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm
from django.core.exceptions import PermissionDenied
from django.db.models import Count, ProtectedError, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.ratelimit import fold as fold_name
from config.ratelimit import login_limit, password_reset_limit, post_idents
from documents.confirm import unconfirmed_delete
from documents.vietnamese import fold, natural_key
from festival.models import Festival
from wards import restore
from wards.forms import (
    GroupingForm,
    LoginForm,
    ResidentialAreaForm,
    SchemeKindForm,
    SignerForm,
    UnitSettingsForm,
)
from wards.models import AdministrativeUnit, Level, ResidentialArea, SchemeKind, Signer
from wards.params import year_param
from wards.scoping import Perm, get_for_user, has_perm, scoped, user_scope
from wards.services import groupings_from_former_districts, save_grouping, ward_profile
from wards.tables import Column, Table


def _on_post(limiter):
    """A view decorator from ``limiter(view, request, *args, **kwargs)``, which sees only POSTs
    (nothing is attempted by showing a form)."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method != "POST":
                return view(request, *args, **kwargs)
            return limiter(view, request, *args, **kwargs)

        return wrapped

    return decorator


def _minutes(seconds: int) -> dict:
    return {"minutes": math.ceil(seconds / 60)}


@_on_post
def limit_login(view, request, *args, **kwargs):
    """For a login view (ours, the admin's): after LOGIN_FAILURE_LIMIT failures for a username
    (as Django reads it, case-folded) or from an address, every attempt there is refused for
    LOGIN_FAILURE_WINDOW seconds, even with the right password."""
    idents = post_idents(request, "username")
    if login_limit.locked(*idents):
        message = _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.")
        context = {
            "form": LoginForm(request),
            "locked_message": message % _minutes(settings.LOGIN_FAILURE_WINDOW),
        }
        return render(request, "registration/login.html", context, status=429)
    response = view(request, *args, **kwargs)
    if response.status_code == 302 and request.user.is_authenticated:
        login_limit.reset(f"username:{fold_name(request.user.get_username())}")
    elif response.status_code == 200:  # the form again, with its error
        login_limit.hit(*idents)
    return response


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True


@_on_post
def limit_password_reset(view, request, *args, **kwargs):
    """At most PASSWORD_RESET_LIMIT reset e-mails per address and per client address in
    PASSWORD_RESET_WINDOW seconds: the form must not become a way to flood a mailbox."""
    idents = post_idents(request, "email")
    if password_reset_limit.locked(*idents):
        form = PasswordResetForm(request.POST)
        message = _(
            "Đã gửi quá nhiều yêu cầu đặt lại mật khẩu. Vui lòng thử lại sau %(minutes)d phút."
        )
        form.add_error(None, message % _minutes(settings.PASSWORD_RESET_WINDOW))
        return render(request, "registration/password_reset_form.html", {"form": form}, status=429)
    password_reset_limit.hit(*idents)
    return view(request, *args, **kwargs)


@login_required
def home(request):
    unit = user_scope(request.user).unit
    if unit is not None:
        return redirect("wards:unit", code=unit.code)
    if request.user.is_superuser:
        provinces = AdministrativeUnit.objects.filter(level=Level.PROVINCE).annotate(
            ward_count=Count("children")
        )
        return render(request, "wards/country.html", {"provinces": provinces})
    return render(request, "wards/no_membership.html", status=403)


@login_required
def unit_detail(request, code: str):
    unit = get_for_user(
        request.user, AdministrativeUnit.objects.select_related("parent"), code=code
    )
    context = {
        "unit": unit,
        "can_edit_register": has_perm(request.user, Perm.EDIT_REGISTER, unit),
        "can_edit_schemes": has_perm(request.user, Perm.EDIT_SCHEMES, unit),
        "can_manage_units": has_perm(request.user, Perm.MANAGE_UNITS, unit),
        "can_manage_settings": has_perm(request.user, Perm.MANAGE_UNIT_SETTINGS, unit),
    }
    if unit.level == Level.WARD:
        context["areas"] = _area_table(request, unit, context["can_edit_register"])
        context["area_columns"] = {column.key: True for column in context["areas"].columns}
        year = year_param(request)
        context["profile"] = ward_profile(unit, year)
        context["festival_year"] = year or timezone.localdate().year
        context["festival"] = (
            scoped(request.user, Festival.objects.filter(ward=unit, year=context["festival_year"]))
            .only("pk", "date", "status")
            .first()
        )
        context["can_plan_festival"] = has_perm(request.user, Perm.EDIT_FESTIVAL, unit)
        return render(request, "wards/ward_detail.html", context)

    query = request.GET.get("q", "").strip()
    wards = (
        scoped(request.user, AdministrativeUnit.objects.under(unit).wards())
        .select_related("parent")
        .annotate(area_count=Count("residential_areas"))
    )
    if query:
        wards = _search_units(wards, query)
    context.update(
        query=query,
        groupings=sorted(
            scoped(request.user, unit.children.filter(level=Level.DISTRICT)).annotate(
                ward_count=Count("children")
            ),
            key=lambda g: natural_key(g.name),
        ),
        table=Table(
            request,
            wards,
            [
                Column("name", _("Tên"), ("sort_name",)),
                Column("type", _("Loại"), ("division_type", "sort_name")),
                Column("parent", _("Trực thuộc"), ("parent__sort_name", "sort_name")),
                Column("areas", _("Khu dân cư"), ("area_count", "sort_name"), numeric=True),
            ],
            default_sort="name",
            label=_("Phường, xã, đặc khu"),
            per_page=50,
        ),
    )
    return render(request, "wards/unit_detail.html", context)


def _area_table(request, ward: AdministrativeUnit, can_edit: bool) -> Table:
    """A ward's residential areas, sorted in Python: a ward has a few dozen and the database
    does not know "Tổ 2" comes before "Tổ 10"."""
    areas = list(scoped(request.user, ward.residential_areas.all()))
    columns = [
        Column("name", _("Tên"), lambda a: natural_key(a.name)),
        Column("kind", _("Loại"), lambda a: (a.kind, natural_key(a.name))),
    ]
    # A column nobody has filled in is left out: on a phone it is a screen of blanks.
    for name, label in (("households", _("Số hộ")), ("population", _("Nhân khẩu"))):
        if any(getattr(area, name) is not None for area in areas):
            columns.append(
                Column(
                    name,
                    label,
                    lambda a, name=name: (getattr(a, name) or 0, natural_key(a.name)),
                    numeric=True,
                )
            )
    if can_edit:
        columns.append(Column("actions", _("Thao tác"), hidden_label=True))
    return Table(
        request,
        areas,
        columns,
        default_sort="name",
        label=_("Khu dân cư"),
        per_page=100,
    )


def _search_units(queryset, query: str):
    """Accent-insensitive match on the name and the former units' names ("Điện Ngọc" finds
    Điện Bàn Đông), in Python: the list under one unit is short (a province has about a
    hundred wards)."""
    needle = fold(query)
    names = queryset.select_related(None).values_list("code", "name", "former_names")
    codes = [code for code, name, former in names if needle in fold(f"{name} {former}")]
    return queryset.filter(Q(code__in=codes) | Q(code=query))


@login_required
def area_create(request, code: str):
    ward = get_for_user(
        request.user, AdministrativeUnit.objects.wards(), Perm.EDIT_REGISTER, code=code
    )
    form = ResidentialAreaForm(request.POST or None, ward=ward)
    if request.method == "POST" and form.is_valid():
        area = form.save()
        messages.success(request, _("Đã thêm khu dân cư “%(name)s”.") % {"name": area.name})
        return redirect("wards:unit", code=ward.code)
    return render(request, "wards/area_form.html", {"form": form, "ward": ward})


@login_required
def area_edit(request, pk: int):
    area = get_for_user(
        request.user, ResidentialArea.objects.select_related("ward"), Perm.EDIT_REGISTER, pk=pk
    )
    form = ResidentialAreaForm(request.POST or None, instance=area, ward=area.ward)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu khu dân cư “%(name)s”.") % {"name": area.name})
        return redirect("wards:unit", code=area.ward.code)
    return render(request, "wards/area_form.html", {"form": form, "ward": area.ward, "area": area})


@login_required
@require_POST
def area_delete(request, pk: int):
    area = get_for_user(
        request.user, ResidentialArea.objects.select_related("ward"), Perm.EDIT_REGISTER, pk=pk
    )
    if asking := unconfirmed_delete(request, area):
        return asking
    try:
        area.delete()
    except ProtectedError:
        messages.error(
            request,
            _("Khu dân cư “%(name)s” còn mô hình hoặc điển hình nên chưa xóa được.")
            % {"name": area.name},
        )
        return redirect("wards:area_edit", pk=area.pk)
    messages.success(request, _("Đã xóa khu dân cư “%(name)s”.") % {"name": area.name})
    return redirect("wards:unit", code=area.ward.code)


def _province(request, code: str, perm: str | None = None) -> AdministrativeUnit:
    return get_for_user(
        request.user, AdministrativeUnit.objects.filter(level=Level.PROVINCE), perm, code=code
    )


@login_required
def grouping_create(request, code: str):
    return _grouping_form(request, _province(request, code, Perm.MANAGE_UNITS), None)


@login_required
def grouping_edit(request, code: str):
    grouping = get_for_user(
        request.user,
        AdministrativeUnit.objects.filter(level=Level.DISTRICT).select_related("parent"),
        Perm.MANAGE_UNITS,
        code=code,
    )
    return _grouping_form(request, grouping.parent, grouping)


def _grouping_form(request, province, grouping):
    form = GroupingForm(request.POST or None, instance=grouping, province=province)
    if request.method == "POST" and form.is_valid():
        save_grouping(form.instance, province, form.cleaned_data["wards"])
        messages.success(request, _("Đã lưu cụm “%(name)s”.") % {"name": form.instance.name})
        return redirect("wards:unit", code=form.instance.code)
    return render(
        request,
        "wards/grouping_form.html",
        {"form": form, "province": province, "grouping": grouping},
    )


@login_required
def signer_list(request, code: str):
    unit = get_for_user(request.user, AdministrativeUnit.objects.all(), code=code)
    return render(
        request,
        "wards/signer_list.html",
        {
            "unit": unit,
            "signers": scoped(request.user, Signer.objects.filter(unit=unit)),
            "can_manage": has_perm(request.user, Perm.MANAGE_SIGNERS, unit),
        },
    )


@login_required
def signer_create(request, code: str):
    unit = get_for_user(
        request.user, AdministrativeUnit.objects.all(), Perm.MANAGE_SIGNERS, code=code
    )
    return _signer_form(request, unit, None)


@login_required
def signer_edit(request, pk: int):
    signer = get_for_user(
        request.user, Signer.objects.select_related("unit"), Perm.MANAGE_SIGNERS, pk=pk
    )
    return _signer_form(request, signer.unit, signer)


def _signer_form(request, unit, signer):
    form = SignerForm(request.POST or None, instance=signer, unit=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu người ký “%(name)s”.") % {"name": form.instance.name})
        return redirect("wards:signer_list", code=unit.code)
    return render(request, "wards/signer_form.html", {"form": form, "unit": unit, "signer": signer})


# --------------------------------------------------------------------------- unit settings


@login_required
def unit_settings(request, code: str):
    """One page for what a unit prints under and is known by: its names, address, default
    proposing unit, with its signers, residential areas and former units beside them."""
    unit = get_for_user(
        request.user,
        AdministrativeUnit.objects.select_related("parent"),
        Perm.MANAGE_UNIT_SETTINGS,
        code=code,
    )
    form = UnitSettingsForm(request.POST or None, instance=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu cài đặt của %(unit)s.") % {"unit": unit.title})
        return redirect("wards:unit_settings", code=unit.code)
    context = {
        "unit": unit,
        "form": form,
        "signers": scoped(request.user, Signer.objects.filter(unit=unit)),
        "can_manage": has_perm(request.user, Perm.MANAGE_SIGNERS, unit),
        "former_units": scoped(request.user, unit.former_units.all()),
        "can_manage_units": has_perm(request.user, Perm.MANAGE_UNITS, unit),
    }
    if unit.level == Level.WARD:
        context["can_edit_register"] = has_perm(request.user, Perm.EDIT_REGISTER, unit)
        context["areas"] = _area_table(request, unit, context["can_edit_register"])
        context["area_columns"] = {column.key: True for column in context["areas"].columns}
    return render(request, "wards/unit_settings.html", context)


@login_required
@require_POST
def former_groupings(request, code: str):
    """Make the province's groupings from its former districts (on request, not on load:
    a province may group its wards otherwise)."""
    province = _province(request, code, Perm.MANAGE_UNITS)
    made = groupings_from_former_districts(province)
    if made:
        messages.success(
            request,
            _("Đã tạo, cập nhật %(count)d cụm theo huyện cũ: %(names)s.")
            % {"count": len(made), "names": ", ".join(g.name for g in made)},
        )
    else:
        messages.error(request, _("Không có phường, xã nào có dữ liệu đơn vị cũ để xếp cụm."))
    return redirect("wards:unit", code=province.code)


# --------------------------------------------------------------------------- kinds of scheme


@login_required
def scheme_kind_list(request, code: str):
    """The kinds a province's wards choose from: the national catalogue (read here, kept by the
    superusers) and the province's own, which its administrator adds, edits and retires."""
    province = _province(request, code)
    own = scoped(request.user, SchemeKind.objects.filter(province=province))
    return render(
        request,
        "wards/scheme_kind_list.html",
        {
            "province": province,
            "own": own.annotate(scheme_count=Count("schemes")),
            "national": SchemeKind.objects.filter(province__isnull=True),
            "can_manage": has_perm(request.user, Perm.MANAGE_SCHEME_KINDS, province),
        },
    )


@login_required
def scheme_kind_create(request, code: str):
    province = _province(request, code, Perm.MANAGE_SCHEME_KINDS)
    return _scheme_kind_form(request, province, None)


@login_required
def scheme_kind_edit(request, pk: int):
    kind = get_for_user(
        request.user,
        SchemeKind.objects.filter(province__isnull=False).select_related("province"),
        Perm.MANAGE_SCHEME_KINDS,
        pk=pk,
    )
    return _scheme_kind_form(request, kind.province, kind)


def _scheme_kind_form(request, province, kind):
    form = SchemeKindForm(request.POST or None, instance=kind, province=province)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu loại mô hình “%(name)s”.") % {"name": saved.name})
        return redirect("wards:scheme_kind_list", code=province.code)
    return render(
        request,
        "wards/scheme_kind_form.html",
        {"form": form, "province": province, "kind": kind},
    )


def favicon(request):
    """Browsers and bookmark tools ask for /favicon.ico whatever the page links to."""
    return redirect(static("favicon.ico"), permanent=True)


# --------------------------------------------------------------------------- restoring deletes


@login_required
def deleted_list(request, code: str):
    """What was deleted under the unit in the last days (wards.restore), newest first."""
    unit = get_for_user(request.user, AdministrativeUnit.objects.all(), code=code)
    rows = []
    for entry in restore.restorables():
        may_restore = has_perm(request.user, entry.perm, unit)
        for record in restore.deletions(request.user, entry, unit):
            rows.append(
                {
                    "record": record,
                    "entry": entry,
                    "what": entry.model._meta.verbose_name,
                    "may_restore": may_restore,
                }
            )
    rows.sort(key=lambda row: row["record"].history_date, reverse=True)
    return render(
        request,
        "wards/deleted_list.html",
        {"unit": unit, "rows": rows, "days": restore.RESTORE_DAYS},
    )


@login_required
@require_POST
def deleted_restore(request, code: str, key: str, history_id: int):
    unit = get_for_user(request.user, AdministrativeUnit.objects.all(), code=code)
    try:
        entry = restore.get(key)
    except KeyError:
        raise Http404 from None
    record = restore.deletions(request.user, entry, unit, recent=False).filter(
        history_id=history_id
    )
    record = record.first()
    if record is None:
        raise Http404
    if not has_perm(request.user, entry.perm, unit):
        raise PermissionDenied
    try:
        row = restore.restore(entry, record)
    except restore.Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request,
            _("Đã khôi phục %(what)s “%(name)s”.")
            % {"what": entry.model._meta.verbose_name, "name": row},
        )
    return redirect("wards:deleted", code=unit.code)
