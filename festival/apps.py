from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = _("Ngày hội")

    def ready(self) -> None:
        from festival.models import Guest, PledgeSignatory, ProgrammeItem, SideEvent
        from wards import restore
        from wards.scoping import Perm

        def locked(row) -> str | None:
            return row.festival.locked_message() if row.festival.is_locked else None

        for model in (ProgrammeItem, Guest, PledgeSignatory, SideEvent):
            restore.register(model, Perm.EDIT_FESTIVAL, locked)
