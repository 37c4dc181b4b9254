from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wards.context_processors import person_name
from wards.models import Membership


@shared_task(name="accounts.send_invitation", ignore_result=True)
def send_invitation(membership_id: int) -> None:
    """The e-mail with a one-time link that sets the password. The token is Django's password
    reset token: it dies when the password is set and after PASSWORD_RESET_TIMEOUT."""
    membership = Membership.objects.select_related("user", "unit").get(pk=membership_id)
    user = membership.user
    path = reverse(
        "accounts:invitation",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    context = {
        "membership": membership,
        "user": user,
        "name": person_name(user),
        "link": settings.SITE_URL.rstrip("/") + path,
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    with translation.override("vi"):
        subject = render_to_string("accounts/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/invitation_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
