from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Tài khoản người dùng")

    def ready(self) -> None:
        from accounts.imports import AccountImport
        from wards.imports import IMPORTS

        # The register's import pages (upload, errors, preview, confirm) serve this sheet too.
        IMPORTS["accounts"] = AccountImport
