from django import template
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import strip_tags
from django.utils.translation import gettext, gettext_lazy, pgettext

from documents.vietnamese import format_number
from wards.context_processors import person_name as _person_name
from wards.models import AdministrativeUnit
from wards.scoping import scoped

register = template.Library()


@register.filter
def person_name(user) -> str:
    """A user's name in Vietnamese order ("Nguyễn Văn Hải"), or their login without one."""
    return _person_name(user) or getattr(user, "username", "")


# The first crumb after "Trang chủ" on pages that name no other: the app's own list.
SECTIONS = {
    "awards": (gettext_lazy("Khen thưởng"), "awards:index"),
    "festival": (gettext_lazy("Ngày hội"), "festival:list"),
    "documents": (gettext_lazy("Văn bản đã in"), "documents:list"),
    "dashboards": (gettext_lazy("Bảng theo dõi"), "dashboards:index"),
}
# Pages that are the top of their own trail.
NO_TRAIL = {"home", "login", "verify"}


def _unit_crumbs(user, unit: AdministrativeUnit) -> list[tuple[str, str]]:
    codes = [code for code in unit.path.split("/") if code][:-1]
    visible = sorted(
        scoped(user, AdministrativeUnit.objects.filter(code__in=codes)), key=lambda u: len(u.path)
    )
    return [(u.name, reverse("wards:unit", args=[u.code])) for u in [*visible, unit]]


def _page_title(context) -> str:
    """The page's <title> block, up to its first dash: the current crumb's default."""
    blocks = context.render_context.get(BLOCK_CONTEXT_KEY)
    node = blocks.get_block("title") if blocks is not None else None
    if node is None:
        return ""
    with context.push(block=node):
        return strip_tags(node.nodelist.render(context)).split(" — ")[0].strip()


@register.inclusion_tag("partials/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *items):
    """The trail from "Trang chủ" to this page. Items, in order: an administrative unit (with
    the units above it that the user may open), an object with a URL, a (label, URL) pair or a
    list of them, or a text for the current page. Without items: the app's list, the page's
    own unit and scheme. The last crumb is this page (its title unless a text names it)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    if request is None or match is None or match.url_name in NO_TRAIL:
        return {"crumbs": []}
    user = request.user
    if not items:
        section = SECTIONS.get(match.namespace)
        scheme = context.get("scheme")
        unit = context.get("ward") or context.get("unit") or getattr(scheme, "ward", None)
        items = tuple(
            item
            for item in (
                (section[0], reverse(section[1])) if section else None,
                unit if isinstance(unit, AdministrativeUnit) else None,
                scheme,
            )
            if item is not None
        )
    crumbs: list[tuple[str, str]] = [(gettext("Trang chủ"), reverse("home"))]
    current = ""
    for item in items:
        if isinstance(item, AdministrativeUnit):
            crumbs += _unit_crumbs(user, item) if user.is_authenticated else []
        elif isinstance(item, tuple):
            crumbs.append((str(item[0]), str(item[1])))
        elif isinstance(item, list):  # (label, URL) pairs a view worked out
            crumbs += [(str(label), str(url)) for label, url in item]
        elif hasattr(item, "get_absolute_url"):
            crumbs.append((str(item), item.get_absolute_url()))
        else:
            current = str(item)
    # A crumb that is this page ends the trail there.
    for index, (_label, url) in enumerate(crumbs):
        if url == request.path:
            return {"crumbs": crumbs[:index], "current": crumbs[index][0]}
    return {"crumbs": crumbs, "current": current or _page_title(context)}


@register.filter
def vn_count(value) -> str:
    """A count as Vietnamese write it (1.200 hộ); blank when not entered."""
    return "" if value is None else format_number(value)


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
