"""The dashboards' cache: the grouped figures of a dashboard, kept until the rows behind them
change.

Each ward has a token (WardStamp), replaced in the transaction of any change to the rows a
dashboard counts (dashboards/summaries.py calls :func:`changed`). Being written with the
change, a token never names figures from before it.

A unit's dashboard (:func:`cached_by_ward`) keeps its wards' lines in chunks of ten wards,
each under its wards' tokens: after a change in one ward, the province's next view counts
that ward's chunk alone and takes the others from the cache. A ward's own dashboard
(:func:`cached`) is kept under its token as a whole.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache

from dashboards.models import WardStamp
from wards.scoping import user_scope

# Part of every key: raise it when the shape of the cached figures changes.
FORMAT = 1


def changed(ward_ids) -> None:
    """The rows of ``ward_ids`` changed (or are new): give them new tokens."""
    stamps = [WardStamp(ward_id=pk, token=uuid.uuid4().hex) for pk in set(ward_ids) if pk]
    WardStamp.objects.bulk_create(
        stamps, update_conflicts=True, unique_fields=["ward"], update_fields=["token"]
    )


def tokens(unit=None, ward_ids=None) -> dict[int, str]:
    """One query: ward id -> token, of the wards under ``unit`` or of ``ward_ids`` (a ward
    created in bulk, without the signals, has none until the nightly recount gives it one)."""
    stamps = WardStamp.objects.all()
    if unit is not None:
        stamps = stamps.filter(ward__path__startswith=unit.path)
    if ward_ids is not None:
        stamps = stamps.filter(ward_id__in=ward_ids)
    return dict(stamps.values_list("ward_id", "token"))


def state(unit) -> str:
    """One query: the tokens of the wards under ``unit``, as one digest."""
    known = tokens(unit)
    return hashlib.sha256("".join(known[pk] for pk in sorted(known)).encode()).hexdigest()


def _key(kind: str, raw) -> str:
    return f"dashboards:{kind}:" + hashlib.sha256(repr((FORMAT, raw)).encode()).hexdigest()


# Wards cached together: a change in one ward recounts its chunk; a province's dashboard reads
# and writes some fifteen cache entries, not one per ward.
CHUNK = 10


def cached_by_ward(unit, ward_ids, parts: tuple, compute) -> dict[str, list]:
    """The grouped figures of ``unit``'s wards ``ward_ids`` described by ``parts``: for each
    name, the lines of ``compute`` (each line's first value a ward's id). ``compute(missing)``
    counts the wards ``missing`` (None: all of them) in one go, whatever their number.

    The wards are cached in chunks of ``CHUNK`` (by id), each under its wards' tokens: after
    a change in one ward, the next view counts that ward's chunk again and takes the others
    from the cache. A chunk's lines depend on its wards' rows alone, and every user who may
    see a unit's dashboard sees all its wards (wards.scoping): users share them. A ward
    without a token is counted on every view."""
    known = tokens(unit)
    ordered = sorted(ward_ids)
    chunks = {}  # key -> the wards of a chunk
    uncached = []
    for start in range(0, len(ordered), CHUNK):
        chunk = ordered[start : start + CHUNK]
        if all(pk in known for pk in chunk):
            chunks[_key("wards", (parts, [(pk, known[pk]) for pk in chunk]))] = chunk
        else:
            uncached += chunk
    found = cache.get_many(list(chunks)) if chunks else {}
    lines: dict[str, list] = {}
    for part in found.values():
        for name, values in part.items():
            lines.setdefault(name, []).extend(values)
    missing = uncached + [pk for key, chunk in chunks.items() if key not in found for pk in chunk]
    if missing:
        counted = compute(None if len(missing) == len(ordered) else missing)
        fresh = {key: {name: [] for name in counted} for key in chunks if key not in found}
        chunk_of = {pk: fresh[key] for key, chunk in chunks.items() if key in fresh for pk in chunk}
        for name, values in counted.items():
            lines.setdefault(name, []).extend(values)
            for line in values:
                part = chunk_of.get(line[0])
                if part is not None:
                    part[name].append(line)
        cache.set_many(fresh, settings.DASHBOARDS_CACHE_SECONDS)
    return lines


def cached(user, unit, parts: tuple, compute):
    """``compute()``, the grouped figures of ``unit``'s dashboard described by ``parts``,
    from the cache while no row under ``unit`` has changed. The user's scope is part of the
    key: figures are only ever shared by users who see the same rows."""
    scope = user_scope(user).unit
    key = _key("figures", (scope.path if scope else "*", unit.path, parts, state(unit)))
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, settings.DASHBOARDS_CACHE_SECONDS)
    return figures
