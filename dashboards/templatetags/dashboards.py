"""Cells of the dashboards' tables. A province has 150 wards and each row some 25 figures:
rows are written here in one piece (a template loop per cell cost 100 ms per page)."""

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _number(n: int) -> str:
    # documents.vietnamese.format_number for the integers of a figure, without its checks.
    return f"{n:,}".replace(",", ".")


def _figure(pair) -> str:
    # The page says once what the number in brackets is: a title on each of a province's
    # 4,000 figures would double the page.
    return f'{_number(pair.now)} <small class="prev">({_number(pair.before)})</small>'


@register.filter
def fig(pair):
    """A figure with the same period last year beside it: "12 (10)"."""
    return mark_safe(_figure(pair))  # numbers only


@register.simple_tag
def figure_row(row, cells, year, show_group=False):
    """A table row: a ward linked to its dashboard (and its grouping) or an area, then its
    cells (figures, or texts such as a festival's date)."""
    if row.url:
        name = format_html('<td><a href="{}?year={}">{}</a></td>', row.url, year, row.name)
    else:
        name = format_html("<td>{}</td>", row.name)
    if show_group:
        name += format_html('<td class="small">{}</td>', row.group)
    cells = "".join(_cell(cell) for cell in cells)
    return mark_safe(f"<tr>{name}{cells}</tr>")  # texts escaped, numbers


def _cell(cell) -> str:
    if isinstance(cell, str):
        return f'<td class="small text-nowrap">{escape(cell)}</td>'
    return f'<td class="num">{_figure(cell)}</td>'


@register.simple_tag
def total_cells(cells):
    """The cells of the totals row."""
    return mark_safe("".join(_cell(cell) for cell in cells))  # texts escaped, numbers
