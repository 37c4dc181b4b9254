from django import template
from django.utils.formats import number_format
from django.utils.translation import pgettext

from wards.context_processors import person_name as _person_name

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's name in Vietnamese order ("Nguyễn Văn Hải"), or their login without one."""
    return _person_name(user) or getattr(user, "username", "")


@register.filter
def coordinates(place) -> str:
    """ "21,025000° B; 107,351000° Đ" for anything with a latitude and a longitude. The bare pair
    "21,025000, 107,351000" reads as four numbers where the comma is the decimal mark."""
    lat, lng = place.latitude, place.longitude
    if lat is None or lng is None:
        return ""
    north = pgettext("latitude", "B") if lat >= 0 else pgettext("latitude", "N")
    east = pgettext("longitude", "Đ") if lng >= 0 else pgettext("longitude", "T")
    return f"{number_format(abs(lat), 6)}° {north}; {number_format(abs(lng), 6)}° {east}"
