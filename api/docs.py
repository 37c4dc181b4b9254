"""The API's docs page: Swagger UI from the vendored files of drf-spectacular-sidecar, its
start-up script served as a file of its own (``?script``), so the site's Content-Security-Policy
holds on this page too."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    template_name = "api/docs.html"
    title = "API — Ngày hội toàn dân bảo vệ an ninh Tổ quốc"


swagger_ui = DocsView.as_view(url_name="api:schema")
