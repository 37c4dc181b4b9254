def waiting_for_first_login(memberships):
    """Of ``memberships``, the active accounts whose initial password is still the one handed
    out, by unit and name."""
    return (
        memberships.exclude(initial_password="")
        .filter(user__is_active=True)
        .select_related("user", "unit")
        .order_by("unit__path", "user__last_name", "user__first_name")
    )
