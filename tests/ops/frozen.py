"""Load a frozen dump (tests/ops/make_frozen_dump.py) into an empty database: migrate to
exactly the migrations it was taken at, then insert its rows as they were, with the fields of
that schema (the historical models), so it works on SQLite and PostgreSQL alike."""

import base64
import json
from pathlib import Path

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.migrations.executor import MigrationExecutor


def _migrate_to(applied: set[tuple[str, str]]):
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    leaves = [
        node
        for node in applied
        if not any(child.key in applied for child in graph.node_map[node].children)
    ]
    executor.migrate(leaves)
    executor.loader.build_graph()
    now = set(executor.loader.applied_migrations)
    assert now == applied, f"migrated to {sorted(now ^ applied)} besides the dump's"
    return executor.loader.project_state(leaves, at_end=True).apps


def _value(field, value):
    if value is not None and isinstance(field, models.BinaryField):
        value = base64.b64decode(value)
    return field.get_db_prep_save(field.to_python(value), connection)


def load(path: str) -> dict[str, int]:
    """Return the number of rows put in each table."""
    dump = json.loads(Path(path).read_text())
    applied = {(app, name) for app, names in dump["migrations"].items() for name in names}
    state = _migrate_to(applied)
    by_table = {m._meta.db_table: m for m in state.get_models(include_auto_created=True)}
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        # What the data migrations seeded is replaced by the dump's rows, ids and all.
        for sql in connection.ops.sql_flush(no_style(), list(dump["tables"]), allow_cascade=True):
            cursor.execute(sql)
        for table, data in dump["tables"].items():
            by_column = {f.column: f for f in by_table[table]._meta.concrete_fields}
            fields = [by_column[column] for column in data["columns"]]
            if rows := data["rows"]:
                cursor.executemany(
                    f"INSERT INTO {quote(table)} ({', '.join(map(quote, data['columns']))}) "
                    f"VALUES ({', '.join(['%s'] * len(fields))})",
                    [[_value(f, v) for f, v in zip(fields, row, strict=True)] for row in rows],
                )
        # Inserting ids by hand does not move PostgreSQL's sequences (SQLite's follow).
        for sql in connection.ops.sequence_reset_sql(no_style(), list(by_table.values())):
            cursor.execute(sql)
    return {table: len(data["rows"]) for table, data in dump["tables"].items()}
