"""Numbered schema versions (STYLE.md: Vorta's ``store/migrations.py``).

``schema_version`` holds one row.  Each step runs in its own transaction and bumps the
number; a SQLite file is copied aside before an existing schema is migrated.
"""

from __future__ import annotations

import shutil

import peewee as pw

from .db import is_sqlite
from .tables import ALL_TABLES, utcnow


class SchemaVersion(pw.Model):
    version = pw.IntegerField()
    migrated_at = pw.DateTimeField()

    class Meta:
        table_name = "schema_version"


def _create_tables(db: pw.Database) -> None:
    db.create_tables(ALL_TABLES)


def _history_append_only(db: pw.Database) -> None:
    """The history refuses UPDATE and DELETE at the database level."""
    if is_sqlite(db):
        for verb in ("UPDATE", "DELETE"):
            db.execute_sql(
                f"CREATE TRIGGER IF NOT EXISTS status_history_no_{verb.lower()} "
                f"BEFORE {verb} ON status_history "
                "BEGIN SELECT RAISE(ABORT, 'status_history is append-only'); END"
            )
    elif isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql(
            "CREATE OR REPLACE FUNCTION status_history_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'status_history is append-only'; END; $$ LANGUAGE plpgsql"
        )
        db.execute_sql("DROP TRIGGER IF EXISTS status_history_append_only ON status_history")
        db.execute_sql(
            "CREATE TRIGGER status_history_append_only BEFORE UPDATE OR DELETE ON status_history "
            "FOR EACH ROW EXECUTE FUNCTION status_history_append_only()"
        )
    elif isinstance(db, pw.MySQLDatabase):
        for verb in ("UPDATE", "DELETE"):
            db.execute_sql(f"DROP TRIGGER IF EXISTS status_history_no_{verb.lower()}")
            db.execute_sql(
                f"CREATE TRIGGER status_history_no_{verb.lower()} BEFORE {verb} ON status_history "
                "FOR EACH ROW SIGNAL SQLSTATE '45000' "
                "SET MESSAGE_TEXT = 'status_history is append-only'"
            )


#: Step n takes the schema from version n-1 to n.  Append; never edit a released step.
MIGRATIONS = {
    1: _create_tables,
    2: _history_append_only,
}
LATEST = max(MIGRATIONS)


def current_version(db: pw.Database) -> int:
    with db.bind_ctx([SchemaVersion]):
        if not SchemaVersion.table_exists():
            return 0
        row = SchemaVersion.select().order_by(SchemaVersion.version.desc()).first()
        return row.version if row else 0


def migrate_to_latest(db: pw.Database) -> list[int]:
    """Run every step above the database's version; returns the steps run."""
    with db.bind_ctx([SchemaVersion]):
        db.create_tables([SchemaVersion])
        version = current_version(db)
        if version > LATEST:
            raise RuntimeError(
                f"The database has schema version {version}; this OrderDesk knows up to {LATEST}. "
                "Update OrderDesk."
            )
        if 0 < version < LATEST and is_sqlite(db) and db.database not in ("", ":memory:"):
            shutil.copy2(db.database, f"{db.database}.v{version}.bak")
        done = []
        for step in range(version + 1, LATEST + 1):
            with db.atomic():
                MIGRATIONS[step](db)
                SchemaVersion.delete().execute()
                SchemaVersion.create(version=step, migrated_at=utcnow())
            done.append(step)
        return done
