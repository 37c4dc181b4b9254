"""The app's page where a unit's administrator creates, lists and revokes its API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from api.forms import ApiTokenForm
from api.models import ApiToken
from wards.models import AdministrativeUnit
from wards.scoping import Perm, get_for_user


@login_required
def token_list(request, code: str):
    unit = get_for_user(
        request.user, AdministrativeUnit.objects.all(), Perm.MANAGE_API_TOKENS, code=code
    )
    form = ApiTokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        form.instance.unit, form.instance.created_by = unit, request.user
        secret = form.instance.issue_secret()
        with transaction.atomic():
            token = form.save()
        messages.success(request, _("Đã tạo mã “%(name)s”.") % {"name": token.name})
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(unit=unit).select_related("created_by")
    return render(
        request,
        "api/token_list.html",
        {"unit": unit, "form": form, "tokens": tokens, "secret": secret},
    )


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_for_user(
        request.user, ApiToken.objects.select_related("unit"), Perm.MANAGE_API_TOKENS, pk=pk
    )
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    messages.success(request, _("Đã thu hồi mã “%(name)s”.") % {"name": token.name})
    return redirect("api_tokens", code=token.unit.code)
