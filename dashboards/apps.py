from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardsConfig(AppConfig):
    name = "dashboards"
    verbose_name = _("Bảng theo dõi")

    def ready(self) -> None:
        from dashboards import summaries  # noqa: F401  (connects the running totals' receivers)
