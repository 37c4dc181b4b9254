"""Which archives rotation keeps: 7 daily, 4 weekly, 12 monthly (backups/rotation.py)."""

from datetime import datetime, timedelta

from django.utils import timezone

from backups.rotation import rotate, to_keep


def nightly(days: int, hour: int = 1) -> list[datetime]:
    """One archive a night for ``days`` nights up to the pinned clock's day (local time)."""
    today = timezone.localtime().replace(tzinfo=None, hour=hour, minute=30, second=0, microsecond=0)
    return [today - timedelta(days=n) for n in range(days)]


def test_a_year_and_a_half_of_nightly_archives_keeps_the_last_7_days_4_weeks_and_12_months():
    stamps = nightly(550)
    kept = to_keep(stamps)
    newest_first = sorted(stamps, reverse=True)
    days = set(newest_first[:7])
    weeks = {}
    for stamp in newest_first:
        weeks.setdefault(stamp.isocalendar()[:2], stamp)
    months = {}
    for stamp in newest_first:
        months.setdefault((stamp.year, stamp.month), stamp)
    expected = days | set(list(weeks.values())[:4]) | set(list(months.values())[:12])
    assert kept == expected
    # Every kept archive is the last of its day; the oldest is about 11 months back.
    assert min(kept) >= newest_first[0] - timedelta(days=366)
    assert 12 <= len(kept) <= 7 + 4 + 12


def test_several_archives_a_day_keep_the_newest_of_each_day():
    stamps = [s.replace(hour=h) for s in nightly(10) for h in (1, 13, 22)]
    kept = to_keep(stamps, weekly=0, monthly=0)
    assert (
        sorted(kept, reverse=True) == sorted((s for s in stamps if s.hour == 22), reverse=True)[:7]
    )


def test_a_gap_in_backups_does_not_delete_the_last_good_archives():
    # Backups stopped 100 days before the clock: days are counted among days that have an
    # archive, so the last week before the gap is still all there.
    stamps = [s - timedelta(days=100) for s in nightly(30)]
    kept = to_keep(stamps)
    assert set(sorted(stamps)[-7:]) <= kept


def test_few_archives_are_all_kept():
    stamps = nightly(3)
    assert to_keep(stamps) == set(stamps)
    assert to_keep([]) == set()


def test_rotate_deletes_only_archives_it_does_not_keep(tmp_path):
    stamps = nightly(60)
    for stamp in stamps:
        (tmp_path / f"festival-site-{stamp:%Y%m%d-%H%M%S}.tar").write_bytes(b"x")
    (tmp_path / "festival-site-notadate.tar").write_bytes(b"x")
    (tmp_path / ".festival-site-20261120-013000.tar.partial").write_bytes(b"x")
    removed = rotate(tmp_path)
    kept = to_keep(stamps)
    assert len(removed) == len(stamps) - len(kept)
    left = {p.name for p in tmp_path.iterdir()}
    assert left == {f"festival-site-{s:%Y%m%d-%H%M%S}.tar" for s in kept} | {
        "festival-site-notadate.tar",
        ".festival-site-20261120-013000.tar.partial",
    }
