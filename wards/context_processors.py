from wards.models import Role
from wards.scoping import ROLE_PERMISSIONS, Perm, user_scope


def person_name(user) -> str:
    """Vietnamese order: family and middle names, then the given name."""
    return " ".join(filter(None, [user.last_name, user.first_name]))


def membership(request):
    """The user's unit and role for the navigation, read once per request."""
    scope = user_scope(request.user)
    user = request.user
    return {
        "display_name": person_name(user) if user.is_authenticated else "",
        "scope_unit": scope.unit,
        "scope_role": scope.role,
        "scope_role_label": Role(scope.role).label if scope.role else "",
        "scope_perms": ROLE_PERMISSIONS.get(scope.role, frozenset()),
        "Perm": Perm,
    }
