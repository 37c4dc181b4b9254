"""The list pages' table: sorting by a column (``?sort=col`` / ``?sort=-col``), page numbers
and a per-page choice, each link keeping the page's other parameters (filters, search).

A column sorts by the fields it names, never by what the query string says: an unknown
``sort`` falls back to the list's default order. Rows that are already a Python list (a
dashboard's computed figures) sort by a key function instead of fields."""

import datetime
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qsl, urlencode

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, QueryDict
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

PER_PAGE_CHOICES = (20, 50, 100)
PAGE_WINDOW = 2  # page numbers shown either side of the current one


@dataclass(frozen=True)
class Column:
    """A column's heading and how it sorts: ``order`` is a tuple of field names (a queryset),
    a key function (a list), or None when the column does not sort."""

    key: str
    label: str
    order: tuple[str, ...] | Callable[[Any], Any] | None = None
    numeric: bool = False
    hidden_label: bool = False  # an actions column: its heading only for screen readers
    # What the exported sheet shows for a row (default: the row's attribute ``key``).
    text: Callable[[Any], Any] | None = None

    @property
    def exported(self) -> bool:
        """Whether the column goes into the sheet: not an actions or tick-box column."""
        return not self.hidden_label

    def cell(self, row) -> Any:
        value = self.text(row) if self.text is not None else getattr(row, self.key, "")
        if value is None:
            return ""
        if isinstance(value, datetime.date):
            return f"{value:%d/%m/%Y}"
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return value
        return str(value)


@dataclass(frozen=True)
class Header:
    column: Column
    url: str
    aria_sort: str  # "ascending", "descending" or "" (not sorted by this column)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None: a gap ("…")
    url: str
    current: bool


def _flip(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


class Table:
    def __init__(
        self,
        request,
        rows: QuerySet | Sequence,
        columns: Sequence[Column],
        *,
        default_sort: str,
        label: str,
        per_page: int = PER_PAGE_CHOICES[0],
        per_page_choices: Sequence[int] = PER_PAGE_CHOICES,
        export: str = "",
        export_args: dict[str, str] | None = None,
    ):
        self.columns = list(columns)
        self.label = label
        self.export = export  # the list's identifier for "Xuất Excel" (register_list), if any
        self.export_args = urlencode(export_args or {})  # the page's URL arguments (a ward)
        self._query = request.GET.copy()
        self.sort_key, self.descending = self._parse_sort(request.GET.get("sort", ""), default_sort)
        self.per_page_choices = list(per_page_choices)
        asked = request.GET.get("per_page", "")
        self.per_page = (
            int(asked) if asked.isdigit() and int(asked) in per_page_choices else per_page
        )
        self.all_rows = self._sorted(rows)
        self.page = Paginator(self.all_rows, self.per_page).get_page(request.GET.get("page"))

    def _sortable(self) -> dict[str, Column]:
        return {column.key: column for column in self.columns if column.order is not None}

    def _parse_sort(self, asked: str, default: str) -> tuple[str, bool]:
        descending = asked.startswith("-")
        key = asked[1:] if descending else asked
        if key in self._sortable():
            return key, descending
        return default.removeprefix("-"), default.startswith("-")

    def _sorted(self, rows):
        order = self._sortable()[self.sort_key].order
        if isinstance(rows, QuerySet):
            fields = [_flip(f) if self.descending else f for f in order]
            # The primary key last, so equal keys keep one order from page to page.
            return rows.order_by(*fields, "-pk" if self.descending else "pk")
        return sorted(rows, key=order, reverse=self.descending)

    @property
    def export_headers(self) -> list[str]:
        return [str(column.label) for column in self.columns if column.exported]

    def export_rows(self) -> Iterator[list]:
        """Every row of the list as filtered and sorted (all pages), as the sheet's cells."""
        columns = [column for column in self.columns if column.exported]
        rows = (
            self.all_rows.iterator(chunk_size=500)
            if isinstance(self.all_rows, QuerySet)
            else self.all_rows
        )
        for row in rows:
            yield [column.cell(row) for column in columns]

    @property
    def export_query(self) -> str:
        """The page's filters and order, without its page number: what the sheet reproduces."""
        query = self._query.copy()
        for name in ("page", "per_page"):
            query.pop(name, None)
        return query.urlencode()

    def url(self, **changes) -> str:
        """This page's query string with ``changes`` (None removes a parameter)."""
        query = self._query.copy()
        for name, value in changes.items():
            query.pop(name, None)
            if value is not None:
                query[name] = str(value)
        return f"?{query.urlencode()}"

    @property
    def headers(self) -> list[Header]:
        headers = []
        for column in self.columns:
            if column.order is None:
                headers.append(Header(column, "", ""))
                continue
            current = column.key == self.sort_key
            # A click on the sorted column reverses it; another column starts ascending.
            sort = f"-{column.key}" if current and not self.descending else column.key
            aria = ("descending" if self.descending else "ascending") if current else ""
            headers.append(Header(column, self.url(sort=sort, page=None), aria))
        return headers

    @property
    def page_links(self) -> list[PageLink]:
        """The first and last pages and a window around the current one, gaps between."""
        current, last = self.page.number, self.page.paginator.num_pages
        shown = {1, last, *range(current - PAGE_WINDOW, current + PAGE_WINDOW + 1)}
        links: list[PageLink] = []
        for number in sorted(n for n in shown if 1 <= n <= last):
            if links and links[-1].number is not None and number > links[-1].number + 1:
                links.append(PageLink(None, "", False))
            links.append(PageLink(number, self.url(page=number), number == current))
        return links

    @property
    def first_url(self) -> str:
        return self.url(page=1)

    @property
    def last_url(self) -> str:
        return self.url(page=self.page.paginator.num_pages)

    @property
    def previous_url(self) -> str:
        return self.url(page=self.page.previous_page_number()) if self.page.has_previous() else ""

    @property
    def next_url(self) -> str:
        return self.url(page=self.page.next_page_number()) if self.page.has_next() else ""

    @property
    def per_page_links(self) -> list[tuple[int, str, bool]]:
        return [
            (n, self.url(per_page=n, page=None), n == self.per_page) for n in self.per_page_choices
        ]

    @property
    def summary(self) -> str:
        """ "Trang 2 / 5 — 101–150 / 230"."""
        page = self.page
        return _("Trang %(n)d / %(pages)d — %(first)d–%(last)d / %(count)d") % {
            "n": page.number,
            "pages": page.paginator.num_pages,
            "first": page.start_index(),
            "last": page.end_index(),
            "count": page.paginator.count,
        }


def picked_rows(request, matching: QuerySet, within: QuerySet, name: str = "picked") -> list:
    """The rows a list's form acts on: the ticked ids, and every row of ``matching`` (the list
    as filtered, all its pages) when "all matching" is ticked. Each ticked id must be a row of
    ``within`` (the user's scope): one that is not (a tampered form) refuses the whole request
    with a 404, before anything is written."""
    ids = request.POST.getlist(name)
    if not all(value.isascii() and value.isdigit() for value in ids):
        raise Http404
    rows = list(within.filter(pk__in=ids))
    if len(rows) != len(set(ids)):
        raise Http404
    if request.POST.get("all_matching"):
        ticked = {row.pk for row in rows}
        rows += [row for row in matching if row.pk not in ticked]
    return rows


# --------------------------------------------------------------------------- export


@dataclass(frozen=True)
class ListRequest:
    """What a list's table is built from outside a request (the worker exporting it): the
    user whose scope it shows and the page's query string."""

    user: Any
    GET: QueryDict


@dataclass(frozen=True)
class ExportableList:
    """A list page that can be exported: ``table`` is the dotted path of the function the
    page itself builds its Table with (``request`` → Table), so the sheet holds exactly the
    page's rows, filters, order and scope. A path, not the function: the lists live in
    the apps' views, which import this module."""

    identifier: str
    label: str
    table: str

    def build(self, user, query: str, args: str = "") -> "Table":
        kwargs = dict(parse_qsl(args))
        return import_string(self.table)(ListRequest(user, QueryDict(query)), **kwargs)


_lists: dict[str, ExportableList] = {}


def register_list(identifier: str, label: str, table: str) -> ExportableList:
    _lists[identifier] = ExportableList(identifier, label, table)
    return _lists[identifier]


def exportable_lists() -> dict[str, ExportableList]:
    return dict(_lists)
