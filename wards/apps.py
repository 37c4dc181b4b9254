from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WardsConfig(AppConfig):
    name = "wards"
    verbose_name = _("Đơn vị hành chính, mô hình tự quản")

    def ready(self) -> None:
        from wards import restore
        from wards.models import Activity, Exemplar, ResidentialArea, Scheme
        from wards.scoping import Perm

        for model in (ResidentialArea, Activity, Exemplar):
            restore.register(model, Perm.EDIT_REGISTER)
        restore.register(Scheme, Perm.EDIT_SCHEMES)
