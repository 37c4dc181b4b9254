from wards.scoping import ROLE_PERMISSIONS, Perm, user_scope


def membership(request):
    """The user's unit and role for the navigation, read once per request."""
    scope = user_scope(request.user)
    return {
        "scope_unit": scope.unit,
        "scope_role": scope.role,
        "scope_perms": ROLE_PERMISSIONS.get(scope.role, frozenset()),
        "Perm": Perm,
    }
