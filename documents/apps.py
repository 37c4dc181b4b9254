from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản, biểu mẫu in")

    def ready(self) -> None:
        from documents.registry import autodiscover

        autodiscover()
