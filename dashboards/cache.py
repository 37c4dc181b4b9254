"""The dashboards' cache: the grouped figures of a dashboard, kept until a row under its unit
changes.

Each ward has a token (WardStamp), replaced in the transaction of any change to the rows a
dashboard counts (dashboards/summaries.py calls :func:`changed`). A dashboard's figures are
cached under the tokens of the wards under its unit: a change in one ward makes its own,
its grouping's and its province's dashboards count again on their next view, and leaves the
other groupings' cached. Being written with the change, a token never names figures from
before it; a ward moved to another grouping changes the tokens its old and new units read.
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


def state(unit) -> str:
    """One query: the tokens of the wards under ``unit``, as one digest."""
    tokens = (
        WardStamp.objects.filter(ward__path__startswith=unit.path)
        .order_by("ward_id")
        .values_list("token", flat=True)
    )
    return hashlib.sha256("".join(tokens).encode()).hexdigest()


def cached(user, unit, parts: tuple, compute):
    """``compute()``, the grouped figures of ``unit``'s dashboard described by ``parts``,
    from the cache while no row under ``unit`` has changed. The user's scope is part of the
    key: figures are only ever shared by users who see the same rows."""
    scope = user_scope(user).unit
    raw = repr((FORMAT, scope.path if scope else "*", unit.path, parts, state(unit)))
    key = "dashboards:figures:" + hashlib.sha256(raw.encode()).hexdigest()
    figures = cache.get(key)
    if figures is None:
        figures = compute()
        cache.set(key, figures, settings.DASHBOARDS_CACHE_SECONDS)
    return figures
