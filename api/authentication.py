"""Who is calling: an API token (``Authorization: Token <secret>`` or ``Bearer <secret>``) or
a signed-in user of the app (the docs page's "Try it out"), and how often they may call.

A token acts as its unit with ``wards.scoping``'s rules: the request's user is the token's
creator (so the register's history names a person) whose scope is replaced, for this request
only, by the token's unit; a read-write token has the administrator's role within that unit,
a read-only one no role at all, so every ``has_perm`` check refuses it.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions, throttling

from api.models import ApiToken, hash_secret
from config.ratelimit import api_limit
from wards.models import Role
from wards.scoping import UserScope

KEYWORDS = ("token", "bearer")
# last_used_at is written at most this often per token: not one UPDATE per request.
LAST_USED_RESOLUTION = timezone.timedelta(minutes=1)


class TokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Tiêu đề Authorization phải có dạng “Token <mã>”.")
            )
        try:
            secret = header[1].decode()
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ.")) from None
        token = (
            ApiToken.objects.select_related("unit", "created_by")
            .filter(secret_hash=hash_secret(secret))
            .first()
        )
        if token is None or not token.created_by.is_active:
            raise exceptions.AuthenticationFailed(_("Mã truy cập không hợp lệ."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Mã truy cập đã bị thu hồi."))
        if token.is_expired:
            raise exceptions.AuthenticationFailed(_("Mã truy cập đã hết hạn."))
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        user = token.created_by
        user._festival_scope = UserScope(token.unit, Role.ADMIN if token.can_write else None)
        return user, token

    def authenticate_header(self, request) -> str:
        # Makes an anonymous call a 401 (with this challenge) rather than a 403.
        return "Token"


def caller_id(request) -> str:
    """The token, or the signed-in user, a request counts against (rate limit, idempotency)."""
    if isinstance(request.auth, ApiToken):
        return f"token:{request.auth.pk}"
    return f"user:{request.user.pk}"


class TokenRateThrottle(throttling.BaseThrottle):
    """API_RATE_LIMIT calls per API_RATE_WINDOW seconds per token (or signed-in user), counted
    by the app's one rate limiter; past it, 429 with ``Retry-After``."""

    def allow_request(self, request, view) -> bool:
        if not request.user.is_authenticated:
            return True  # refused as unauthenticated anyway
        # A token by its hash, not its id: a number reused (a restored database) starts anew.
        token = request.auth
        self.ident = (
            f"token:{token.secret_hash[:32]}" if isinstance(token, ApiToken) else caller_id(request)
        )
        if api_limit.locked(self.ident):
            return False
        api_limit.hit(self.ident)
        return True

    def wait(self) -> int:
        return max(api_limit.retry_after(self.ident), 1)
