"""Response headers and request checks that hold for every page."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Django sets no Permissions-Policy header: the browser features pages may ask for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
