"""Response headers and request checks that hold for every page."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import BadRequest

NUL = "\x00"


class HostileInputMiddleware:
    """A NUL byte in the path, the query string or a urlencoded form answers 400.

    No page has a use for one, and PostgreSQL refuses it in any text it is given, which a view
    would otherwise turn into a server error. Multipart bodies are left to the forms (files
    carry NUL bytes, and Django's form fields already refuse them in text)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if NUL in request.path_info or _has_nul(request.GET):
            raise BadRequest("NUL byte in the address")
        if request.content_type == "application/x-www-form-urlencoded" and _has_nul(request.POST):
            raise BadRequest("NUL byte in the form")
        return self.get_response(request)


def _has_nul(data) -> bool:
    return any(NUL in key or any(NUL in v for v in values) for key, values in data.lists())


class PermissionsPolicyMiddleware:
    """Django sets no Permissions-Policy header: the browser features pages may ask for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def tile_image_source(tile_url: str) -> list[str]:
    """The Content-Security-Policy source for MAP_TILE_URL's images: its scheme and host, any
    subdomain where Leaflet's {s} placeholder stands; none when no tile server is set."""
    parts = urlsplit(tile_url)
    if not (parts.scheme and parts.netloc):
        return []
    return [f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"]
