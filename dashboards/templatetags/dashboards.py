from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from documents.vietnamese import format_number

register = template.Library()


@register.filter
def fig(pair):
    """A figure with the same period last year beside it: "12 (10)"."""
    return format_html(
        '{} <small class="text-body-secondary" title="{}">({})</small>',
        format_number(pair.now),
        _("cùng kỳ"),
        format_number(pair.before),
    )


@register.filter
def change(pair):
    """The change from last year, signed and coloured: "+2", "-1", "0"."""
    delta = pair.change
    if delta > 0:
        return format_html('<span class="text-success">+{}</span>', format_number(delta))
    if delta < 0:
        return format_html('<span class="text-danger">{}</span>', format_number(delta))
    return "0"


@register.simple_tag
def name_cells(row, year, show_group=False):
    """The first cells of a row: a ward linked to its dashboard (and its grouping), or an area."""
    if row.code:
        url = reverse("dashboards:ward", args=[row.code])
        name = format_html('<td><a href="{}?year={}">{}</a></td>', url, year, row.name)
    else:
        name = format_html("<td>{}</td>", row.name)
    if show_group:
        return format_html('{}<td class="small">{}</td>', name, row.group)
    return name
