"""Upgrades: the demo data of the last release (a frozen dump of version 0.1.0, commit a95c41d,
made by tests/ops/make_frozen_dump.py) is migrated to the current schema and still works."""

import json
from pathlib import Path

from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from tests.ops.sites import Site

FROZEN = Path(__file__).with_name("frozen-0.1.0.json")
# Tables a migration may add rows to: a new model's content type and permissions.
GROWING = {"django_content_type", "auth_permission"}
# Data migrations since the frozen version that cannot be undone, each with why.
IRREVERSIBLE: dict[tuple[str, str], str] = {}


def frozen_migrations() -> set[tuple[str, str]]:
    dump = json.loads(FROZEN.read_text())
    return {(app, name) for app, names in dump["migrations"].items() for name in names}


def test_the_last_release_s_demo_data_migrates_to_this_version(tmp_path):
    site = Site(tmp_path, "upgrade")
    try:
        loaded = site.probe("load-frozen", str(FROZEN))
        assert loaded["awards_certificate"] == 10
        assert loaded["wards_scheme"] > 100
        site.manage("migrate", "--no-input", "-v", "0")
        counts = site.probe("counts")
        for table, rows in loaded.items():
            if table in GROWING:
                assert counts[table] >= rows, table
            else:
                assert counts[table] == rows, table
        found = site.probe("verify")
        inserted = site.probe("insert")
    finally:
        site.drop()
    assert len(found["certificates"]) == 10
    for code, page in found["certificates"].items():
        assert page == {"status": 200, "names_nominee": True}, code
    register = found["register"]
    assert register["status"] == 200
    assert register["schemes"] == sum(
        1 for row in json.loads(FROZEN.read_text())["tables"]["wards_scheme"]["rows"]
    )
    assert register["listed"] == register["expected"] != []
    # New rows follow the loaded ids (PostgreSQL's sequences were moved past them).
    tables = json.loads(FROZEN.read_text())["tables"]
    assert inserted["scheme"] > max(row[0] for row in tables["wards_scheme"]["rows"])
    assert inserted["history"] > max(
        row[tables["wards_historicalscheme"]["columns"].index("history_id")]
        for row in tables["wards_historicalscheme"]["rows"]
    )


def test_the_frozen_dump_is_of_an_older_or_the_same_schema():
    # Every migration the release had is still here (none renamed or removed under it).
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    assert frozen_migrations() <= known


def test_data_migrations_since_the_last_release_can_be_undone():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    since = set(loader.disk_migrations) - frozen_migrations()
    one_way = sorted(
        key
        for key in since
        for operation in loader.disk_migrations[key].operations
        if (
            (isinstance(operation, migrations.RunPython) and operation.reverse_code is None)
            or (isinstance(operation, migrations.RunSQL) and operation.reverse_sql is None)
        )
        and key not in IRREVERSIBLE
    )
    assert one_way == [], "RunPython/RunSQL without a reverse (or a reason in IRREVERSIBLE)"
