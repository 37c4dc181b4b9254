"""Numbers from the query string. A value no page can show (0, twenty digits, "²") is
treated as absent: int() would take it, then the calendar or the database would fail."""

FIRST_YEAR, LAST_YEAR = 1900, 2999


def year_param(request, name: str = "year") -> int | None:
    """The year asked for in ``?year=``, or None when absent or not a year we can hold."""
    text = request.GET.get(name, "").strip()
    if not (text.isascii() and text.isdigit() and len(text) == 4):
        return None
    year = int(text)
    return year if FIRST_YEAR <= year <= LAST_YEAR else None
