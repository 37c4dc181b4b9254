"""Which archives to keep: the newest of each of the 7 most recent days, 4 most recent weeks
and 12 most recent months that have one (as borg and restic count). Counting days that have
an archive, not days back from today, means a server that stopped backing up for a while does
not delete its last good archives."""

import re
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path

ARCHIVE_NAME = re.compile(r"^festival-.+-(\d{8}-\d{6})\.tar$")
DAILY, WEEKLY, MONTHLY = 7, 4, 12


def _newest_per_period(
    newest_first: list[datetime], period: Callable[[datetime], tuple], count: int
) -> set[datetime]:
    kept: dict[tuple, datetime] = {}
    for stamp in newest_first:
        key = period(stamp)
        if key not in kept:
            if len(kept) == count:
                break
            kept[key] = stamp
    return set(kept.values())


def to_keep(
    stamps: Iterable[datetime], daily: int = DAILY, weekly: int = WEEKLY, monthly: int = MONTHLY
) -> set[datetime]:
    newest_first = sorted(set(stamps), reverse=True)
    return (
        _newest_per_period(newest_first, lambda s: (s.year, s.month, s.day), daily)
        | _newest_per_period(newest_first, lambda s: s.isocalendar()[:2], weekly)
        | _newest_per_period(newest_first, lambda s: (s.year, s.month), monthly)
    )


def archive_date(path: Path) -> datetime | None:
    match = ARCHIVE_NAME.match(path.name)
    return datetime.strptime(match[1], "%Y%m%d-%H%M%S") if match else None


def rotate(directory: Path) -> list[Path]:
    """Delete the archives in ``directory`` that ``to_keep`` does not keep; return them. Files
    not named like an archive are left alone."""
    dated = {path: stamp for path in directory.iterdir() if (stamp := archive_date(path))}
    keep = to_keep(dated.values())
    removed = sorted(path for path, stamp in dated.items() if stamp not in keep)
    for path in removed:
        path.unlink()
    return removed
