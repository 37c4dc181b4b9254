from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Khen thưởng")

    def ready(self) -> None:
        from awards.models import Nominee
        from wards import restore
        from wards.scoping import Perm

        restore.register(Nominee, Perm.NOMINATE)

        from awards.festival_results import awards_section
        from festival.documents import RESULT_SECTIONS

        # The festival's results report lists the commendations handed out at it.
        if awards_section not in RESULT_SECTIONS:
            RESULT_SECTIONS.append(awards_section)
