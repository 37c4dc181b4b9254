"""Rules that span several units: groupings and the wards inside them."""

from django.db import transaction

from wards.models import AdministrativeUnit, Level


def next_grouping_code(province: AdministrativeUnit) -> str:
    existing = AdministrativeUnit.objects.filter(
        parent=province, level=Level.DISTRICT, code__startswith=f"{province.code}-G"
    ).values_list("code", flat=True)
    numbers = [int(code.rsplit("G", 1)[1]) for code in existing if code.rsplit("G", 1)[1].isdigit()]
    return f"{province.code}-G{max(numbers, default=0) + 1}"


@transaction.atomic
def save_grouping(grouping: AdministrativeUnit, province: AdministrativeUnit, wards) -> None:
    """Save a grouping and make exactly ``wards`` its members; wards taken out go back
    directly under the province."""
    if not grouping.pk:
        grouping.code = next_grouping_code(province)
        grouping.level = Level.DISTRICT
        grouping.division_type = "cụm"
        grouping.parent = province
    grouping.save()
    chosen = {ward.pk for ward in wards}
    for ward in grouping.children.exclude(pk__in=chosen):
        ward.parent = province
        ward.save()
    for ward in wards:
        if ward.parent_id != grouping.pk:
            ward.parent = grouping
            ward.save()
