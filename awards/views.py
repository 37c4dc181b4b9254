from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from awards import printing, services
from awards.forms import (
    CeremonyForm,
    DecisionFilterForm,
    DecisionForm,
    NominationForm,
    NomineeForm,
    PresentationForm,
    PrinterProfileForm,
    ReasonForm,
)
from awards.models import (
    AwardForm,
    BaseSalary,
    Ceremony,
    Certificate,
    Decision,
    Nomination,
    Nominee,
    Presentation,
    PrinterProfile,
    RecipientKind,
    Status,
)
from config.ratelimit import client_ip, verify_limit
from documents.confirm import unconfirmed
from documents.vietnamese import format_number
from festival.models import Festival
from wards.models import AdministrativeUnit, Exemplar
from wards.params import year_param
from wards.scoping import Perm, get_for_user, has_perm, scoped, user_scope
from wards.tables import Column, Table, picked_rows


def _refused(request, reason: str):
    return render(request, "awards/refused.html", {"reason": reason}, status=403)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _home_ward(user) -> AdministrativeUnit | None:
    unit = user_scope(user).unit
    if unit is not None and has_perm(user, Perm.NOMINATE, unit) and unit.level == "ward":
        return unit
    return None


# --------------------------------------------------------------------------- nominations

NOMINATION_COLUMNS = [
    # Collectives first, people by given name: the printed lists' order.
    Column("nominee", gettext_lazy("Đối tượng"), ("nominee__kind", "nominee__sort_name")),
    Column(
        "form",
        gettext_lazy("Hình thức"),
        ("form__rank", "nominee__kind", "nominee__sort_name"),
        # As the approving unit prints it: "… Ủy ban nhân dân phường Cửa Ông".
        text=lambda n: n.form.name_for(
            services.approving_unit(n.form, n.nominee.ward) or n.nominee.ward
        ),
    ),
    Column("year", gettext_lazy("Năm"), ("year", "nominee__kind", "nominee__sort_name")),
    Column(
        "ward",
        gettext_lazy("Phường, xã"),
        ("nominee__ward__sort_name", "nominee__sort_name"),
        text=lambda n: n.nominee.ward,
    ),
    Column(
        "status",
        gettext_lazy("Trạng thái"),
        ("status", "nominee__kind", "nominee__sort_name"),
        text=lambda n: n.get_status_display(),
    ),
]


def nominations_table(request) -> Table:
    """Nominations the user can see, newest year first, filtered by year and status."""
    nominations = scoped(request.user, Nomination.objects.all()).select_related(
        "nominee", "nominee__ward", "form", "decision"
    )
    year, status = year_param(request), request.GET.get("status", "")
    if year is not None:
        nominations = nominations.filter(year=year)
    if status in Status.values:
        nominations = nominations.filter(status=status)
    return Table(
        request,
        nominations,
        NOMINATION_COLUMNS,
        default_sort="-year",
        label=_("Đề nghị khen thưởng"),
        export="awards.nominations",
    )


@login_required
def index(request):
    context = {
        "table": nominations_table(request),
        "statuses": Status.choices,
        "year": year_param(request),
        "status": request.GET.get("status", ""),
        "home_ward": _home_ward(request.user),
        "can_approve": has_perm(request.user, Perm.APPROVE),
    }
    return render(request, "awards/index.html", context)


def nominees_table(request) -> Table:
    nominees = scoped(request.user, Nominee.objects.all()).select_related("ward", "area")
    query = request.GET.get("q", "").strip()
    if query:
        nominees = nominees.filter(name__icontains=query)
    columns = [
        # Collectives first, people by given name: the printed lists' order.
        Column("name", _("Họ tên / tập thể"), ("kind", "sort_name")),
        Column("birth_year", _("Năm sinh"), ("birth_year", "kind", "sort_name"), numeric=True),
        Column("position", _("Chức vụ, đơn vị"), text=lambda n: n.position_and_unit),
        Column("ward", _("Phường, xã"), ("ward__sort_name", "kind", "sort_name")),
        Column("actions", _("Thao tác"), hidden_label=True),
    ]
    return Table(
        request,
        nominees,
        columns,
        default_sort="name",
        label=_("Đối tượng khen thưởng"),
        export="awards.nominees",
    )


@login_required
def nominee_list(request):
    home_ward = _home_ward(request.user)
    exemplars = []
    if home_ward is not None:
        exemplars = scoped(
            request.user, Exemplar.objects.filter(ward=home_ward, nominees__isnull=True)
        ).order_by("kind", "name")
    context = {
        "table": nominees_table(request),
        "query": request.GET.get("q", "").strip(),
        "home_ward": home_ward,
        "exemplars": exemplars,
    }
    return render(request, "awards/nominee_list.html", context)


@login_required
def nominee_create(request, code: str):
    ward = get_for_user(request.user, AdministrativeUnit.objects.wards(), Perm.NOMINATE, code=code)
    exemplar = None
    picked = request.GET.get("exemplar") or request.POST.get("exemplar")
    if picked:
        exemplar = get_for_user(request.user, Exemplar.objects.filter(ward=ward), pk=picked)
    return _nominee_form(request, ward, None, exemplar)


@login_required
def nominee_edit(request, pk: int):
    nominee = get_for_user(
        request.user, Nominee.objects.select_related("ward"), Perm.NOMINATE, pk=pk
    )
    return _nominee_form(request, nominee.ward, nominee)


def _nominee_form(request, ward, nominee, exemplar=None):
    initial = {}
    if exemplar is not None:
        # An exemplary person or collective of the register, proposed for commendation.
        initial = {
            "kind": exemplar.kind,
            "name": exemplar.name,
            "position": exemplar.position,
            "area": exemplar.area_id,
        }
    form = NomineeForm(request.POST or None, instance=nominee, ward=ward, initial=initial)
    if exemplar is not None:
        form.instance.exemplar = exemplar
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Đã lưu “%(name)s”.") % {"name": saved.name})
        if "then_nominate" in request.POST:
            return redirect(
                f"{reverse('awards:nomination_create', args=[ward.code])}?nominee={saved.pk}"
            )
        return redirect("awards:nominees")
    return render(
        request,
        "awards/nominee_form.html",
        {"form": form, "ward": ward, "nominee": nominee, "exemplar": exemplar},
    )


FIT_FORMS = {"nominee": NomineeForm, "nomination": NominationForm}


@login_required
@require_POST
def fit_check(request, code: str, kind: str):
    """The warning under the nominee and nomination forms, refreshed by htmx as the user
    types: the texts that would not fit on the certificates. The same check refuses the
    form when it is saved, and the decision when it is issued."""
    ward = get_for_user(request.user, AdministrativeUnit.objects.wards(), Perm.NOMINATE, code=code)
    form = FIT_FORMS[kind](request.POST, ward=ward)
    form.is_valid()
    return render(request, "awards/_fit_check.html", {"misfits": form.misfits})


@login_required
def nomination_create(request, code: str):
    ward = get_for_user(request.user, AdministrativeUnit.objects.wards(), Perm.NOMINATE, code=code)
    initial = {"year": timezone.localdate().year}
    nominee = request.GET.get("nominee", "")
    if nominee.isdigit():
        initial["nominee"] = int(nominee)
    form = NominationForm(request.POST or None, ward=ward, initial=initial)
    if request.method == "POST" and form.is_valid():
        form.instance.created_by = request.user
        nomination = form.save()
        messages.success(
            request, _("Đã lập đề nghị cho “%(name)s”.") % {"name": nomination.nominee}
        )
        return redirect("awards:nomination", pk=nomination.pk)
    return render(request, "awards/nomination_form.html", {"form": form, "ward": ward})


@login_required
def nomination_edit(request, pk: int):
    nomination = get_for_user(
        request.user, Nomination.objects.select_related("nominee__ward"), Perm.NOMINATE, pk=pk
    )
    if not nomination.is_editable:
        messages.error(request, _("Đề nghị đã gửi đi nên không sửa được."))
        return redirect("awards:nomination", pk=pk)
    ward = nomination.nominee.ward
    form = NominationForm(request.POST or None, instance=nomination, ward=ward)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu đề nghị."))
        return redirect("awards:nomination", pk=pk)
    return render(
        request,
        "awards/nomination_form.html",
        {"form": form, "ward": ward, "nomination": nomination},
    )


@login_required
def nomination_detail(request, pk: int):
    nomination = get_for_user(
        request.user,
        Nomination.objects.select_related("nominee", "nominee__ward", "form", "decision"),
        pk=pk,
    )
    ward = nomination.nominee.ward
    refusal = services.approval_refusal(request.user, nomination)
    context = {
        "nomination": nomination,
        "can_edit": nomination.is_editable and has_perm(request.user, Perm.NOMINATE, ward),
        "can_act": nomination.status == Status.SUBMITTED and refusal is None,
        "approver": services.approving_unit(nomination.form, ward),
        "warning": services.level_warning(nomination),
        "reason_form": ReasonForm(),
        "certificate": Certificate.objects.filter(nomination=nomination).first(),
    }
    return render(request, "awards/nomination_detail.html", context)


@login_required
@require_POST
def nomination_submit(request, pk: int):
    nomination = get_for_user(
        request.user, Nomination.objects.select_related("nominee", "form"), Perm.NOMINATE, pk=pk
    )
    try:
        services.submit(request.user, nomination)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("Đã gửi đề nghị lên cấp xét duyệt."))
    return redirect("awards:nomination", pk=pk)


@login_required
@require_POST
def nomination_act(request, pk: int):
    """Approve, return or reject: only at the level that issues the form."""
    nomination = get_for_user(
        request.user, Nomination.objects.select_related("nominee__ward", "form"), pk=pk
    )
    action = request.POST.get("action")
    form = ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    try:
        if action == "approve":
            services.approve(request.user, nomination)
            done = _("Đã duyệt đề nghị khen thưởng “%(name)s”.")
        elif action in {"return", "reject"}:
            services.send_back(request.user, nomination, reason, reject=action == "reject")
            done = (
                _("Đã trả lại đề nghị “%(name)s”.")
                if action == "return"
                else _("Đã không duyệt đề nghị “%(name)s”.")
            )
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
            return redirect("awards:nomination", pk=pk)
    except services.Refused as refused:
        return _refused(request, str(refused))
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("awards:nomination", pk=pk)
    messages.success(request, done % {"name": nomination.nominee})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("awards:approvals")
    return redirect(target)


def _name_filter(request, nominations):
    """The nominations lists' search box: part of the nominee's name."""
    query = request.GET.get("q", "").strip()
    return nominations.filter(nominee__name__icontains=query) if query else nominations


def approvals_table(request) -> Table:
    """Submitted nominations waiting for the user's level, searched by name and year."""
    waiting = (
        scoped(request.user, Nomination.objects.filter(status=Status.SUBMITTED))
        .filter(services.approvable_filter(request.user))
        .select_related("nominee", "nominee__ward", "form")
    )
    waiting = _name_filter(request, waiting)
    year = year_param(request)
    if year is not None:
        waiting = waiting.filter(year=year)
    return Table(
        request,
        waiting,
        [
            Column("pick", _("Chọn"), hidden_label=True),
            *NOMINATION_COLUMNS[:4],
            Column("actions", _("Thao tác"), hidden_label=True),
        ],
        default_sort="nominee",
        label=_("Đề nghị chờ duyệt"),
        export="awards.approvals",
    )


@login_required
def approvals(request):
    """Submitted nominations waiting for the user's level; several at once are approved,
    returned or rejected with one reason (all or nothing)."""
    table = approvals_table(request)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in services.BulkAction.ALL:
            messages.error(request, _("Thao tác không hợp lệ."))
            return redirect(request.get_full_path())
        picked = picked_rows(
            request,
            table.all_rows,
            scoped(request.user, Nomination.objects.select_related("nominee__ward", "form")),
        )
        form = ReasonForm(request.POST)
        form.is_valid()
        try:
            count = services.act_on_many(
                request.user, picked, action, form.cleaned_data.get("reason", "")
            )
        except services.Refused as refused:
            return _refused(request, str(refused))
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            done = {
                services.BulkAction.APPROVE: _("Đã duyệt %(count)s đề nghị."),
                services.BulkAction.RETURN: _("Đã trả lại %(count)s đề nghị."),
                services.BulkAction.REJECT: _("Đã không duyệt %(count)s đề nghị."),
            }[action]
            messages.success(request, done % {"count": format_number(count)})
        return redirect(request.get_full_path())
    context = {
        "table": table,
        "year": year_param(request),
        "query": request.GET.get("q", "").strip(),
        "reason_form": ReasonForm(),
    }
    return render(request, "awards/approvals.html", context)


# --------------------------------------------------------------------------- decisions


def decisions_table(request) -> Table:
    decisions = scoped(request.user, Decision.objects.select_related("form", "unit"))
    filters = DecisionFilterForm(request.GET or None)
    if filters.is_bound:
        decisions = filters.filter(decisions)
    table = Table(
        request,
        decisions,
        [
            Column("number", _("Số"), ("number", "date"), text=lambda d: d.reference),
            Column("date", _("Ngày"), ("date", "number")),
            Column(
                "form",
                _("Hình thức"),
                ("form__rank", "-date", "-number"),
                text=lambda d: d.form.name_for(d.unit),
            ),
            Column("unit", _("Đơn vị"), ("unit__sort_name", "-date", "-number")),
            Column(
                "status",
                _("Trạng thái"),
                ("status", "-date", "-number"),
                text=lambda d: d.get_status_display(),
            ),
        ],
        default_sort="-date",
        label=_("Quyết định khen thưởng"),
        export="awards.decisions",
    )
    table.filters = filters
    return table


@login_required
def decision_list(request):
    table = decisions_table(request)
    home = user_scope(request.user).unit
    return render(
        request,
        "awards/decision_list.html",
        {
            "table": table,
            "filters": table.filters,
            "can_create": home is not None and has_perm(request.user, Perm.APPROVE, home),
        },
    )


@login_required
def decision_create(request):
    unit = user_scope(request.user).unit
    if unit is None or not has_perm(request.user, Perm.APPROVE, unit):
        return _refused(request, _("Chỉ cán bộ xét duyệt mới lập quyết định khen thưởng."))
    form = DecisionForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        decision = form.save()
        messages.success(request, _("Đã lập %(decision)s.") % {"decision": decision})
        return redirect("awards:decision", pk=decision.pk)
    return render(request, "awards/decision_form.html", {"form": form, "unit": unit})


@login_required
def decision_edit(request, pk: int):
    decision = get_for_user(
        request.user, Decision.objects.select_related("unit"), Perm.APPROVE, pk=pk
    )
    if decision.is_issued:
        messages.error(request, decision.locked_message())
        return redirect("awards:decision", pk=pk)
    form = DecisionForm(request.POST or None, instance=decision, unit=decision.unit)
    if request.method == "POST" and form.is_valid():
        try:
            form.save()
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Đã lưu quyết định."))
        return redirect("awards:decision", pk=pk)
    return render(
        request,
        "awards/decision_form.html",
        {"form": form, "unit": decision.unit, "decision": decision},
    )


def candidates_table(request, decision: Decision) -> Table:
    """Approved nominations the decision may take, searched by name, a page at a time."""
    rows = _name_filter(request, scoped(request.user, services.candidates(decision)))
    return Table(
        request,
        rows,
        [
            Column("pick", _("Chọn"), hidden_label=True),
            NOMINATION_COLUMNS[0],
            NOMINATION_COLUMNS[3],
            NOMINATION_COLUMNS[2],
        ],
        default_sort="nominee",
        label=_("Đề nghị đã duyệt chưa vào quyết định nào"),
    )


@login_required
def decision_detail(request, pk: int):
    decision = get_for_user(
        request.user, Decision.objects.select_related("form", "unit", "signer"), pk=pk
    )
    can_approve = has_perm(request.user, Perm.APPROVE, decision.unit)
    members = decision.nominations.select_related("nominee", "nominee__ward", "certificate")
    candidates = candidates_table(request, decision)
    if request.method == "POST":
        if not can_approve:
            return _refused(
                request,
                _("Chỉ cán bộ xét duyệt của %(unit)s được sửa quyết định này.")
                % {"unit": decision.unit},
            )
        # The ticked members and candidates, and every candidate of the filter when asked:
        # each id checked against the user's scope here, and against the decision's form,
        # unit and the nomination's status by set_nominations (all or nothing).
        wanted = picked_rows(
            request,
            candidates.all_rows,
            scoped(request.user, Nomination.objects.all()),
            name="nominations",
        )
        try:
            services.set_nominations(decision, wanted)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Đã lưu danh sách khen thưởng của quyết định."))
        return redirect(request.get_full_path())
    rows = services.with_rewards(decision, members)
    context = {
        "decision": decision,
        "form_name": decision.form.name_for(decision.unit),
        "signature": (
            decision.signer.signature_block(decision.signer_capacity) if decision.signer else None
        ),
        "rows": rows,
        "candidates": candidates,
        "query": request.GET.get("q", "").strip(),
        "can_approve": can_approve,
        "total": sum(n.reward or 0 for n in rows),
    }
    return render(request, "awards/decision_detail.html", context)


@login_required
@require_POST
def decision_issue(request, pk: int):
    decision = get_for_user(request.user, Decision.objects.all(), pk=pk)
    if not decision.is_issued:
        # Only someone who may issue it is asked to confirm.
        refusal = services.decision_refusal(request.user, decision.unit, decision.form)
        if refusal:
            return _refused(request, refusal)
        consequence = decision.issue_consequence()
        if asking := unconfirmed(request, consequence, _("Ban hành quyết định")):
            return asking
    try:
        issued = services.issue(request.user, decision)
    except services.Refused as refused:
        return _refused(request, str(refused))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("Đã ban hành %(decision)s: %(count)d giấy chứng nhận đã được cấp số hiệu.")
            % {"decision": issued, "count": issued.certificates.count()},
        )
    return redirect("awards:decision", pk=pk)


# --------------------------------------------------------------------------- catalogue


@login_required
def catalogue(request):
    today = timezone.localdate()
    salary = BaseSalary.in_force_on(today)
    forms = list(AwardForm.objects.filter(is_active=True))
    for form in forms:
        for kind in RecipientKind.values:
            amount = (
                services.reward_amount(form, kind, today) if salary and form.allows(kind) else None
            )
            setattr(form, f"reward_{kind}", amount)
    return render(
        request,
        "awards/catalogue.html",
        {"forms": forms, "salary": salary, "salaries": BaseSalary.objects.all()},
    )


# --------------------------------------------------------------------------- printers


@login_required
def printer_list(request):
    unit = user_scope(request.user).unit
    printers = scoped(request.user, PrinterProfile.objects.select_related("unit"))
    return render(
        request,
        "awards/printer_list.html",
        {
            "printers": printers,
            "can_add": unit is not None and has_perm(request.user, Perm.PRINT, unit),
        },
    )


@login_required
def printer_create(request):
    unit = user_scope(request.user).unit
    if unit is None or not has_perm(request.user, Perm.PRINT, unit):
        return _refused(request, _("Tài khoản của bạn không có quyền in."))
    return _printer_form(request, unit, None)


@login_required
def printer_edit(request, pk: int):
    printer = get_for_user(
        request.user, PrinterProfile.objects.select_related("unit"), Perm.PRINT, pk=pk
    )
    return _printer_form(request, printer.unit, printer)


def _printer_form(request, unit, printer):
    form = PrinterProfileForm(request.POST or None, instance=printer, unit=unit)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu máy in “%(name)s”.") % {"name": form.instance.name})
        return redirect("awards:printers")
    return render(request, "awards/printer_form.html", {"form": form, "printer": printer})


# --------------------------------------------------------------------------- ceremonies


def ceremonies_table(request) -> Table:
    festivals = scoped(request.user, Festival.objects.select_related("ward", "award_ceremony"))
    return Table(
        request,
        festivals,
        [
            Column("year", _("Ngày hội"), ("year", "ward__sort_name"), text=str),
            Column("ward", _("Phường, xã"), ("ward__sort_name", "-year")),
            Column("date", _("Ngày"), ("date", "ward__sort_name")),
            Column("actions", _("Thao tác"), hidden_label=True),
        ],
        default_sort="-year",
        label=_("Lễ trao khen thưởng"),
        export="awards.ceremonies",
    )


@login_required
def ceremony_list(request):
    return render(request, "awards/ceremony_list.html", {"table": ceremonies_table(request)})


def _available_decisions(user, festival, ceremony):
    """Issued decisions with recipients in the festival's ward that the ceremony lacks."""
    held = scoped(user, Certificate.objects.filter(nomination__nominee__ward=festival.ward))
    decisions = Decision.objects.filter(pk__in=held.values("decision_id")).select_related("form")
    if ceremony is not None:
        decisions = decisions.exclude(presentations__ceremony=ceremony)
    return decisions


@login_required
def ceremony_detail(request, festival_pk: int):
    festival = get_for_user(request.user, Festival.objects.select_related("ward"), pk=festival_pk)
    ceremony = Ceremony.objects.filter(festival=festival).first()
    can_edit = has_perm(request.user, Perm.EDIT_CEREMONY, festival.ward)
    form = PresentationForm(
        request.POST or None,
        decisions=_available_decisions(request.user, festival, ceremony),
        instance=Presentation(ceremony=ceremony),
    )
    if request.method == "POST":
        if not can_edit:
            return _refused(
                request,
                _("Chỉ ban tổ chức của %(ward)s sắp xếp buổi lễ.") % {"ward": festival.ward},
            )
        if form.is_valid():
            with transaction.atomic():
                form.instance.ceremony, _created = Ceremony.objects.get_or_create(festival=festival)
                form.save()
            messages.success(
                request,
                _("Đã thêm %(decision)s vào buổi lễ.") % {"decision": form.instance.decision},
            )
            return redirect("awards:ceremony", festival_pk=festival.pk)
    context = {
        "festival": festival,
        "ceremony": ceremony,
        "programme": printing.ceremony_programme(ceremony) if ceremony else [],
        "form": form,
        "can_edit": can_edit,
    }
    return render(request, "awards/ceremony_detail.html", context)


@login_required
@require_POST
def ceremony_mc(request, festival_pk: int):
    """Who leads the ceremony: printed at the top of the MC's script."""
    festival = get_for_user(
        request.user, Festival.objects.select_related("ward"), Perm.EDIT_CEREMONY, pk=festival_pk
    )
    form = CeremonyForm(request.POST)
    if form.is_valid():
        Ceremony.objects.update_or_create(
            festival=festival, defaults={"mc_name": form.cleaned_data["mc_name"]}
        )
        messages.success(request, _("Đã lưu người dẫn chương trình."))
    return redirect("awards:ceremony", festival_pk=festival.pk)


@login_required
@require_POST
def presentation_delete(request, pk: int):
    presentation = get_for_user(
        request.user,
        Presentation.objects.select_related("ceremony__festival__ward"),
        Perm.EDIT_CEREMONY,
        pk=pk,
    )
    if asking := unconfirmed(request, presentation.removal_consequence(), _("Bỏ khỏi buổi lễ")):
        return asking
    presentation.delete()
    messages.success(
        request, _("Đã bỏ %(decision)s khỏi buổi lễ.") % {"decision": presentation.decision}
    )
    return redirect("awards:ceremony", festival_pk=presentation.ceremony.festival_id)


# --------------------------------------------------------------------------- verification


def verify(request, code: str):
    """Public: anyone holding a certificate can check it. Shows the form, the name, the
    decision and the authority, nothing more; addresses that try many codes are slowed down."""
    ident = f"ip:{client_ip(request)}"
    if verify_limit.locked(ident):
        return render(request, "awards/verify.html", {"limited": True}, status=429)
    verify_limit.hit(ident)
    certificate = (
        Certificate.objects.select_related("form", "decision", "nomination__nominee")
        .filter(code=code)
        .first()
    )
    status = 200 if certificate is not None else 404
    return render(
        request, "awards/verify.html", {"certificate": certificate, "code": code}, status=status
    )
