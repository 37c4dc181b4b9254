"""Django's own error answers (a NUL byte refused by the middleware, an unknown address, a
crash) as the API's JSON under /api/, the site's pages elsewhere."""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults


def _json_under_api(page, status: int, message):
    def view(request, exception=None, **kwargs):
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message()}, status=status)
        return page(request, exception, **kwargs) if status != 500 else page(request, **kwargs)

    return view


bad_request = _json_under_api(
    defaults.bad_request, 400, lambda: _("Yêu cầu không hợp lệ (ví dụ có ký tự NUL).")
)
page_not_found = _json_under_api(
    defaults.page_not_found, 404, lambda: _("Không có địa chỉ này trong API.")
)
server_error = _json_under_api(
    defaults.server_error, 500, lambda: _("Lỗi máy chủ; đã ghi lại để khắc phục.")
)
