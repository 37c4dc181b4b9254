from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count, ProtectedError, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from documents.vietnamese import fold, natural_key
from festival.models import Festival
from wards.forms import GroupingForm, LoginForm, ResidentialAreaForm
from wards.models import AdministrativeUnit, Level, ResidentialArea
from wards.params import year_param
from wards.ratelimit import RateLimit, client_ip
from wards.scoping import Perm, get_for_user, has_perm, scoped, user_scope
from wards.services import save_grouping, ward_profile

login_limit = RateLimit("login", settings.LOGIN_FAILURE_LIMIT, settings.LOGIN_FAILURE_WINDOW)


class LoginView(auth_views.LoginView):
    """Django's login with a pause after repeated failures, per username and per address."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def _idents(self) -> tuple[str, ...]:
        username = (self.request.POST.get("username") or "").strip().lower()
        return (f"user:{username}", f"ip:{client_ip(self.request)}")

    def post(self, request, *args, **kwargs):
        if login_limit.exceeded(*self._idents()):
            minutes = settings.LOGIN_FAILURE_WINDOW // 60
            form = self.get_form()
            form.errors.clear()
            message = _("Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau %(minutes)d phút.") % {
                "minutes": minutes
            }
            return self.render_to_response(
                self.get_context_data(form=form, locked_message=message), status=429
            )
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        login_limit.hit(*self._idents())
        return super().form_invalid(form)

    def form_valid(self, form):
        login_limit.reset(f"user:{form.get_user().get_username().lower()}")
        return super().form_valid(form)


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
        "ancestors": _visible_ancestors(request.user, unit),
        "can_edit_register": has_perm(request.user, Perm.EDIT_REGISTER, unit),
        "can_manage_units": has_perm(request.user, Perm.MANAGE_UNITS, unit),
    }
    if unit.level == Level.WARD:
        context["areas"] = sorted(
            scoped(request.user, unit.residential_areas.all()), key=lambda a: natural_key(a.name)
        )
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
        # Sorted in Python: databases do not know the Vietnamese alphabet, and the wards under
        # one unit are a few hundred at most.
        wards=Paginator(sorted(wards, key=lambda w: natural_key(w.name)), 50).get_page(
            request.GET.get("page")
        ),
    )
    return render(request, "wards/unit_detail.html", context)


def _search_units(queryset, query: str):
    """Accent-insensitive match on the name, in Python: the list under one unit is short
    (a province has about a hundred wards)."""
    needle = fold(query)
    names = queryset.select_related(None).values_list("code", "name")
    codes = [code for code, name in names if needle in fold(name)]
    return queryset.filter(Q(code__in=codes) | Q(code=query))


def _visible_ancestors(user, unit: AdministrativeUnit) -> list[AdministrativeUnit]:
    codes = [code for code in unit.path.split("/") if code][:-1]
    visible = scoped(user, AdministrativeUnit.objects.filter(code__in=codes))
    return sorted(visible, key=lambda u: len(u.path))


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
    try:
        area.delete()
    except ProtectedError:
        messages.error(
            request,
            _("Khu dân cư “%(name)s” còn mô hình hoặc điển hình nên chưa xoá được.")
            % {"name": area.name},
        )
        return redirect("wards:area_edit", pk=area.pk)
    messages.success(request, _("Đã xoá khu dân cư “%(name)s”.") % {"name": area.name})
    return redirect("wards:unit", code=area.ward.code)


@login_required
def grouping_create(request, code: str):
    province = get_for_user(
        request.user,
        AdministrativeUnit.objects.filter(level=Level.PROVINCE),
        Perm.MANAGE_UNITS,
        code=code,
    )
    return _grouping_form(request, province, None)


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


def healthz(request):
    """For the container healthcheck: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")
