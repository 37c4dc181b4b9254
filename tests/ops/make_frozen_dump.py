"""Write the frozen dump of a released version that tests/ops/test_upgrade.py upgrades.

Run it from a checkout of that version (it imports the checkout's code), on a scratch SQLite
file; the dump does not depend on the engine:

    git -C /work/main worktree add /tmp/v010 a95c41d
    cd /tmp/v010 && DEBUG=true DATABASE_URL=sqlite:////tmp/v010.sqlite3 VAR_DIR=/tmp/v010-var \\
        .venv/bin/python /work/wt-backup/tests/ops/make_frozen_dump.py \\
        /work/wt-backup/tests/ops/frozen-0.1.0.json

It migrates, loads the demo (``load_demo`` loads the units of Quảng Ninh only, so the national
list stays out and the dump small) and writes the migrations applied per app and every table's
columns and rows, one row a line.
"""

import base64
import json
import os
import sys
import tomllib
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from uuid import UUID

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.migrations.recorder import MigrationRecorder  # noqa: E402


def encode(value):
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode()
    raise TypeError(f"cannot write {type(value)} in the dump")


def row_line(row) -> str:
    return json.dumps(row, ensure_ascii=False, default=encode, separators=(",", ":"))


def main(out: Path) -> None:
    call_command("migrate", verbosity=0)
    for command in ("load_demo", "load_festival_demo", "load_awards_demo"):
        call_command(command, verbosity=0)
    migrations: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        migrations.setdefault(app, []).append(name)
    version = tomllib.loads(Path("pyproject.toml").read_text())["project"]["version"]
    lines = [
        "{",
        f'"version":{json.dumps(version)},',
        f'"migrations":{json.dumps(migrations, separators=(",", ":"))},',
        '"tables":{',
    ]
    models = sorted(
        (m for m in apps.get_models(include_auto_created=True) if m._meta.managed),
        key=lambda m: m._meta.db_table,
    )
    for index, model in enumerate(models):
        fields = model._meta.concrete_fields
        rows = model._base_manager.order_by("pk").values_list(*(f.attname for f in fields))
        lines.append(
            f"{json.dumps(model._meta.db_table)}:"
            f'{{"columns":{row_line([f.column for f in fields])},"rows":['
        )
        lines.append(",\n".join(row_line(list(row)) for row in rows))
        lines.append("]}" + ("," if index < len(models) - 1 else ""))
    lines.append("}}")
    out.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
