from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from config.ratelimit import print_limit
from documents import services
from documents.models import Job
from documents.registry import get_kind


def _jobs(request):
    return services.visible_jobs(request.user)


def _job(request, pk: int) -> Job:
    return services.scoping().get_for_user(request.user, _jobs(request), pk=pk)


def _listing(request) -> dict:
    """A page of the list: the user's own jobs, or (``?of=unit``) everyone's they may open."""
    everyone = request.GET.get("of") == "unit"
    jobs = _jobs(request)
    jobs = jobs.select_related("owner") if everyone else jobs.filter(owner=request.user)
    page = Paginator(jobs, 25).get_page(request.GET.get("page"))
    return {
        "page": page,
        "jobs": page.object_list,
        "pending": any(job.is_pending for job in page),
        "everyone": everyone,
        "params": "of=unit" if everyone else "",
    }


@login_required
def job_list(request):
    return render(request, "documents/job_list.html", _listing(request))


@login_required
def job_table(request):
    """The list's table alone, polled by htmx while a job on the page is not finished."""
    return render(request, "documents/partials/job_table.html", _listing(request))


def _refused(request, message: str, status: int):
    """The job list, with why the request made no job."""
    messages.error(request, message)
    return render(request, "documents/job_list.html", _listing(request), status=status)


def _too_many(request):
    """A refusal when the user has asked for too many documents at once, else None."""
    ident = f"user:{request.user.pk}"
    if print_limit.locked(ident):
        message = _(
            "Bạn đã yêu cầu in quá nhiều văn bản trong thời gian ngắn. "
            "Vui lòng thử lại sau ít phút."
        )
        return _refused(request, message, 429)
    print_limit.hit(ident)
    return None


@login_required
@require_POST
def generate(request):
    try:
        kind = get_kind(request.POST.get("kind", ""))
    except LookupError:
        raise Http404 from None
    fmt = request.POST.get("fmt", "")
    if fmt not in kind.formats:
        raise Http404
    obj = services.scoping().get_for_user(
        request.user,
        kind.model_class._default_manager.all(),
        kind.permission,
        pk=request.POST.get("object", ""),
    )
    form = kind.build_form(request.POST if "confirm" in request.POST else None, obj)
    if form is not None and not (form.is_bound and form.is_valid()):
        return render(
            request,
            "documents/params_form.html",
            {"form": form, "kind": kind, "fmt": fmt, "obj": obj},
            status=400 if form.is_bound else 200,
        )
    params = services.form_data(kind, form) if form is not None else {}
    if refused := _too_many(request):
        return refused
    try:
        job = services.request_document(request.user, kind.identifier, obj, fmt, params)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("documents:list")
    except services.PrintingUnavailable as exc:
        return _refused(request, str(exc), 503)
    return redirect("documents:job", pk=job.pk)


@login_required
def job_detail(request, pk: int):
    return render(request, "documents/job_detail.html", {"job": _job(request, pk)})


@login_required
def job_status(request, pk: int):
    """The job's status block alone, polled by htmx every second until the job finishes."""
    return render(request, "documents/partials/job_status.html", {"job": _job(request, pk)})


@login_required
@require_POST
def regenerate(request, pk: int):
    job = _job(request, pk)
    if refused := _too_many(request):
        return refused
    try:
        job = services.regenerate(request.user, job)
    except services.PrintingUnavailable as exc:
        return _refused(request, str(exc), 503)
    messages.info(request, _("Đã gửi yêu cầu tạo lại văn bản."))
    return redirect("documents:job", pk=job.pk)


@login_required
def download(request, pk: int):
    return services.file_response(_job(request, pk))
