from django.shortcuts import redirect
from django.urls import reverse

from wards.scoping import user_scope


class ForcePasswordChangeMiddleware:
    """A user still on a password someone else chose is sent to change it: every page but the
    change page itself, logging out and the static files leads there."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            allowed = {
                reverse("password_change"),
                reverse("password_change_done"),
                reverse("logout"),
            }
            if (
                request.path not in allowed
                and not request.path.startswith(("/static/", "/i18n/"))
                and user_scope(user).must_change_password
            ):
                return redirect(f"{reverse('password_change')}?first=1")
        return self.get_response(request)
