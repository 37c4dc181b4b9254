from django import template

from wards.context_processors import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's name in Vietnamese order ("Nguyễn Văn Hải"), or their login without one."""
    return _person_name(user) or getattr(user, "username", "")
