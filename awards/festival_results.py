"""The commendations handed out at a festival, as a section of its results report
(festival/documents.py cannot import awards: awards adds the section itself)."""

from django.utils.translation import gettext as _

from awards.models import Ceremony, RecipientKind
from awards.printing import ceremony_programme
from documents.vietnamese import format_number, short_date
from festival.models import Festival


def awards_section(festival: Festival) -> dict | None:
    """One row per decision presented: the form as the ward's decision names it, the
    decision, how many collectives and individuals; None without a ceremony."""
    ceremony = Ceremony.objects.filter(festival=festival).first()
    if ceremony is None:
        return None
    rows = []
    collectives = individuals = 0
    for index, item in enumerate(ceremony_programme(ceremony), start=1):
        decision = item["presentation"].decision
        kinds = [row["nomination__nominee__kind"] for row in item["recipients"]]
        groups = kinds.count(RecipientKind.COLLECTIVE)
        people = len(kinds) - groups
        collectives, individuals = collectives + groups, individuals + people
        rows.append(
            [
                str(index),
                decision.form.name_for(decision.unit),
                _("Số %(reference)s ngày %(date)s")
                % {"reference": decision.reference, "date": short_date(decision.date)},
                format_number(groups),
                format_number(people),
            ]
        )
    if not rows:
        return None
    return {
        "title": _("Khen thưởng trong Ngày hội"),
        "columns": [
            _("STT"),
            _("Hình thức khen thưởng"),
            _("Quyết định"),
            _("Tập thể"),
            _("Cá nhân"),
        ],
        "widths": [12, None, 42, 20, 20],
        "numeric": [0, 3, 4],
        "rows": [
            *rows,
            ["", _("Cộng"), "", format_number(collectives), format_number(individuals)],
        ],
    }
