"""``manage.py backup``: what the archive holds, and what it refuses."""

import hashlib
import json
import re
import tarfile

from backups.rotation import archive_date
from tests.ops.sites import ROOT


def read_archive(path):
    with tarfile.open(path) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    return json.loads(members.pop("manifest.json")), members


def test_the_archive_holds_the_database_every_file_and_a_manifest_of_their_checksums(
    demo_site, demo_archive
):
    manifest, members = read_archive(demo_archive)
    database = "database/db.sqlite3" if demo_site.engine == "sqlite" else "database/festival.pgdump"
    files = {f"{name}" for name in demo_site.files()}
    # The photo, its thumbnail and the printed certificate, besides the database.
    assert len(files) == 3
    assert {name.split("/")[0] for name in files} == {"media", "private"}
    assert set(members) == files | {database}
    for entry in manifest["files"]:
        content = members[entry["name"]]
        assert entry["size"] == len(content)
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
    for name, content in demo_site.files().items():
        assert members[name] == content
    assert manifest["engine"] == demo_site.engine
    assert manifest["app_version"] in (ROOT / "pyproject.toml").read_text()
    assert manifest["django"].startswith("5.2")
    assert "0001_initial" in manifest["migrations"]["awards"]
    applied = sum(len(names) for names in manifest["migrations"].values())
    assert applied == demo_site.probe("counts")["django_migrations"]


def test_backup_reports_size_and_time_and_names_archives_by_date(demo_site, tmp_path):
    done = demo_site.manage("backup", "--dir", str(tmp_path))
    (archive,) = tmp_path.iterdir()
    assert archive.name.startswith("festival-ngayhoi.example.gov.vn-")
    assert archive_date(archive) is not None
    assert f"Đã sao lưu vào {archive}:" in done.stdout
    assert re.search(r": \d+,\d\xa0(KB|MB), 4 tệp, trong \d+,\d giây\.$", done.stdout.strip())


def test_backup_never_overwrites_a_file(demo_site, tmp_path):
    existing = tmp_path / "festival.tar"
    existing.write_bytes(b"an older archive")
    done = demo_site.manage("backup", "--output", str(existing), check=False)
    assert done.returncode == 1
    assert f"Tệp {existing} đã có: không ghi đè." in done.stderr
    assert existing.read_bytes() == b"an older archive"
    assert [p.name for p in tmp_path.iterdir()] == ["festival.tar"]


def test_rotate_keeps_daily_weekly_and_monthly_archives_in_the_folder(demo_site, tmp_path):
    # Daily archives for the 40 days before the pinned clock (tests/conftest.py), plus a file
    # that is not an archive.
    from datetime import timedelta

    from django.utils import timezone

    today = timezone.localtime()
    for days in range(1, 41):
        stamp = today - timedelta(days=days)
        (tmp_path / f"festival-old-{stamp:%Y%m%d}-013000.tar").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("kept")
    done = demo_site.manage("backup", "--dir", str(tmp_path), "--rotate")
    left = sorted(archive_date(p) for p in tmp_path.iterdir() if archive_date(p))
    # Today's and the 6 days before it; the newest of 4 weeks; the newest of 12 months (only
    # 2 or 3 months hold archives): never more than 7 + 4 + 12, and the newest is today's.
    assert left[-1].date() == today.date()
    assert len([s for s in left if (today.date() - s.date()).days < 7]) == 7
    assert len(left) <= 7 + 4 + 12
    assert "Đã xóa bản cũ" in done.stdout
    assert (tmp_path / "notes.txt").read_text() == "kept"


def test_backup_works_while_the_app_is_writing(demo_site, tmp_path):
    """Another connection holds an open write transaction (the app saving a form): the backup
    neither waits for it nor takes its uncommitted row."""
    import sqlite3

    import psycopg

    if demo_site.engine == "sqlite":
        # Python's sqlite3 opens the transaction before the INSERT, as the app's does.
        writer = sqlite3.connect(demo_site.database, isolation_level="IMMEDIATE")
    else:
        writer = psycopg.connect(demo_site.database_url.replace("postgres://", "postgresql://"))
    try:
        writer.execute(
            "INSERT INTO django_session (session_key, session_data, expire_date) "
            "VALUES ('uncommitted', 'x', '2030-01-01 00:00:00')"
        )
        demo_site.manage("backup", "--output", str(tmp_path / "busy.tar"))
    finally:
        writer.rollback()
        writer.close()
    manifest, members = read_archive(tmp_path / "busy.tar")
    if demo_site.engine == "sqlite":
        copy = tmp_path / "copy.sqlite3"
        copy.write_bytes(members["database/db.sqlite3"])
        with sqlite3.connect(copy) as db:
            assert db.execute("SELECT COUNT(*) FROM django_session").fetchone() == (0,)
            assert db.execute("SELECT COUNT(*) FROM awards_certificate").fetchone() == (10,)
    else:
        assert members["database/festival.pgdump"].startswith(b"PGDMP")
