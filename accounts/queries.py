from wards.models import Membership


def waiting_for_first_login(unit) -> list[Membership]:
    """Accounts under ``unit`` whose initial password is still the one handed out."""
    return list(
        Membership.objects.filter(unit__path__startswith=unit.path)
        .exclude(initial_password="")
        .filter(user__is_active=True)
        .select_related("user", "unit")
        .order_by("unit__path", "user__last_name", "user__first_name")
    )
