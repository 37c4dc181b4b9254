from django import template

from documents.vietnamese import format_amount, format_number

register = template.Library()


@register.filter
def vnd(value) -> str:
    """2340000 → "2.340.000 đ", as on paper (Django's intcomma follows the browser's locale)."""
    return format_amount(value)


@register.filter
def vnumber(value) -> str:
    return format_number(value)
