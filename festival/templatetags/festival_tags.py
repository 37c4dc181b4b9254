from django import template

from documents.vietnamese import format_amount, format_number, short_date

register = template.Library()


@register.filter
def vn_number(value):
    """2.340.000; a dash for a result not entered yet."""
    return "—" if value is None else format_number(value)


@register.filter
def vn_amount(value):
    return "—" if value is None else format_amount(value)


@register.filter
def vn_date(value):
    return short_date(value)


STATUS_COLOURS = {
    "planned": "secondary",
    "ready": "info",
    "held": "primary",
    "reported": "success",
}


@register.inclusion_tag("festival/partials/status_badge.html")
def status_badge(festival):
    return {"festival": festival, "colour": STATUS_COLOURS.get(festival.status, "secondary")}
