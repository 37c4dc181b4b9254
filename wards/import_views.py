"""Excel import pages: download the template, upload a sheet, read every error or a preview,
confirm. The uploaded file waits between preview and confirmation under an unguessable name,
known only to the session that uploaded it."""

import os
import re
import secrets
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from wards.forms import ImportUploadForm
from wards.imports import IMPORTS, XLSX_CONTENT_TYPE, ImportResult, RowError, too_large_message
from wards.models import AdministrativeUnit
from wards.scoping import get_for_user

SESSION_KEY = "register_imports"
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{43}$")
STALE_AFTER = 24 * 3600
SHEET_LANGUAGE = "vi"


def _target(request, code: str, what: str):
    if what not in IMPORTS:
        raise Http404
    importer = IMPORTS[what]
    units = AdministrativeUnit.objects.all()
    if not importer.any_level:
        units = units.wards()
    ward = get_for_user(request.user, units, importer.perm, code=code)
    with translation.override(SHEET_LANGUAGE):
        return ward, IMPORTS[what](ward, request.user)


def _in_sheet_language(method, *args):
    """Headers, lists and the labels read from cells stay Vietnamese whatever the interface
    language: a ward's files are Vietnamese and must import for every user."""
    with translation.override(SHEET_LANGUAGE):
        return method(*args)


class SizeLimitHandler(FileUploadHandler):
    """Stops reading an upload past the limit, for a request that did not announce its size."""

    too_large = False

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > settings.REGISTER_IMPORT_MAX_BYTES:
            self.too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size):
        return None


@login_required
@csrf_exempt
def import_upload(request, code: str, what: str):
    """CSRF is checked by the inner view: the size limit must be in place before anything
    (the CSRF check included) reads the body."""
    limiter = None
    if request.method == "POST":
        announced = int(request.META.get("CONTENT_LENGTH") or 0)
        if announced > settings.REGISTER_IMPORT_MAX_BYTES + 64 * 1024:  # the form's own bytes
            ward, importer = _target(request, code, what)
            return _page(
                request, ward, importer, what, ImportUploadForm(), _refusal(announced), 413
            )
        limiter = SizeLimitHandler(request)
        request.upload_handlers.insert(0, limiter)
    return _checked_upload(request, code, what, limiter)


@csrf_protect
def _checked_upload(request, code: str, what: str, limiter: SizeLimitHandler | None):
    ward, importer = _target(request, code, what)
    if request.method != "POST":
        return _page(request, ward, importer, what, ImportUploadForm())
    form = ImportUploadForm(request.POST, request.FILES)
    if limiter is not None and limiter.too_large:
        return _page(
            request, ward, importer, what, form, _refusal(settings.REGISTER_IMPORT_MAX_BYTES + 1)
        )
    if not form.is_valid():
        return _page(request, ward, importer, what, form)
    _sweep()
    token = secrets.token_urlsafe(32)
    path = _path(token)
    with path.open("wb") as out:
        for chunk in form.cleaned_data["file"].chunks():
            out.write(chunk)
    # Dated by the app's clock, as _sweep reads it, not by the file system's.
    now = time.time()
    os.utime(path, (now, now))
    with path.open("rb") as sheet:
        result = _in_sheet_language(importer.read, sheet)
    if not result.ok:
        path.unlink(missing_ok=True)
        return _page(request, ward, importer, what, form, result)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"ward": ward.pk, "what": what}
    request.session[SESSION_KEY] = pending
    return _page(request, ward, importer, what, None, result, token=token)


@login_required
@require_POST
def import_confirm(request, code: str, what: str):
    ward, importer = _target(request, code, what)
    token = request.POST.get("token", "")
    pending = request.session.get(SESSION_KEY, {})
    entry = pending.get(token) if TOKEN_RE.match(token) else None
    path = _path(token) if entry else None
    if entry != {"ward": ward.pk, "what": what} or path is None or not path.exists():
        messages.error(request, _("Phiên nhập đã hết hạn: hãy tải tệp lên lại."))
        return redirect("wards:import", code=ward.code, what=what)
    with path.open("rb") as sheet:
        result = _in_sheet_language(importer.commit, sheet)
    path.unlink(missing_ok=True)
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if not result.ok:
        return _page(request, ward, importer, what, ImportUploadForm(), result)
    messages.success(request, importer.done_message(len(result.objects)))
    return redirect(importer.done_url())


@login_required
def import_template(request, code: str, what: str):
    ward, importer = _target(request, code, what)
    response = HttpResponse(_in_sheet_language(importer.template), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{importer.file_name}"'
    return response


def _refusal(size: int) -> ImportResult:
    return ImportResult(errors=[RowError(0, "", too_large_message(size))])


def _page(request, ward, importer, what, form, result=None, status=200, token=""):
    return render(
        request,
        "wards/import.html",
        {
            "ward": ward,
            "what": what,
            "title": importer.title,
            "confirm_label": importer.confirm_label,
            "form": form,
            "result": result,
            "errors_heading": importer.errors_heading % {"n": len(result.errors)} if result else "",
            "token": token,
            "headers": [c.header for c in importer.columns],
            "max_mb": settings.REGISTER_IMPORT_MAX_BYTES // (1024 * 1024),
        },
        status=status,
    )


def _path(token: str):
    folder = settings.REGISTER_IMPORT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{token}.xlsx"


def _sweep() -> None:
    """Sheets uploaded and never confirmed are removed after a day."""
    folder = settings.REGISTER_IMPORT_DIR
    if not folder.exists():
        return
    cutoff = time.time() - STALE_AFTER
    for path in folder.glob("*.xlsx"):
        if path.stat().st_mtime < cutoff:
            path.unlink(missing_ok=True)
