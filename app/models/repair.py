"""What a killed bulk load leaves behind, put right when the database is next opened.

The demo's bulk path (``app/services/demo_bulk.py``) drops the secondary indexes of the order,
item and history tables on SQLite and builds them again at the end, and it writes explicit
ids, which do not advance PostgreSQL's id sequences; it resynchronises them at the end too.
A ``kill -9`` (or a power cut) between the two leaves every list page slow (no index) or,
on PostgreSQL, every ``place_order`` failing on a duplicate id.  ``repair`` runs after the
migrations on every open: it builds every index the models declare that is missing, and on
PostgreSQL moves each id sequence up to the largest id in its table.  When nothing is
missing it only reads the catalogue.  MariaDB's AUTO_INCREMENT follows explicit ids by
itself (InnoDB keeps the counter above the largest id written, and persists it since 10.2).
"""

from __future__ import annotations

from contextlib import nullcontext

import peewee as pw

from . import filter_counts, grams
from .tables import ALL_TABLES, INVOICE_TABLES, Carrier, MethodHistory, ShopSetting

#: Every table the migrations create from a model.
MODELS = (*ALL_TABLES, MethodHistory, ShopSetting, *INVOICE_TABLES, Carrier)


def _quote(db: pw.Database, name: str) -> str:
    return db.quote[0] + name + db.quote[-1]


def missing_indexes(db: pw.Database) -> list[tuple[type[pw.Model], pw.ModelIndex]]:
    """(model, index) of each index the models declare that the database lacks."""
    tables = set(db.get_tables())
    every = _sqlite_indexes(db)
    missing = []
    for model in MODELS:
        table = model._meta.table_name
        if table not in tables:
            continue
        present = every if every is not None else {i.name for i in db.get_indexes(table)}
        missing.extend((model, index) for index in model._meta.fields_to_index()
                       if index._name not in present)
    return missing


def _sqlite_indexes(db: pw.Database) -> set[str] | None:
    """SQLite: the name of every index of the file, in one read of its catalogue (an index's
    name is the file's own there: no two tables have one of the same name), instead of a
    look at each table's indexes — 80 statements and peewee parsing each one's SQL, on
    every start (issue 11, item 8).  None elsewhere."""
    if not isinstance(db, pw.SqliteDatabase):
        return None
    return {name for (name,) in db.execute_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}


def restore_indexes(db: pw.Database) -> list[str]:
    """Build the missing indexes; returns their names."""
    built = []
    # A savepoint each, so that a refusal undoes only itself; not on MariaDB, where the
    # CREATE INDEX commits by itself and the savepoint's release then failed (an index built
    # and said not to be).
    mysql = isinstance(db, pw.MySQLDatabase)
    for model, index in missing_indexes(db):
        try:
            with (nullcontext() if mysql else db.atomic()), model.bind_ctx(db):
                db.execute(model._schema._create_index(index, safe=False))
        except (pw.ProgrammingError, pw.OperationalError, pw.InternalError):
            continue  # a desk's own login may not build it: the owner's next open does
        built.append(index._name)
    return built


def sync_sequences(db: pw.Database) -> list[str]:
    """PostgreSQL: every id sequence at least at the largest id of its table (explicit ids
    leave it behind); returns the tables whose sequence moved.  Nothing elsewhere."""
    if not isinstance(db, pw.PostgresqlDatabase):
        return []
    tables = set(db.get_tables())
    moved = []
    for model in MODELS:
        table = model._meta.table_name
        if table not in tables or not isinstance(model._meta.primary_key, pw.AutoField):
            continue
        quoted = _quote(db, table)
        (sequence,) = db.execute_sql("SELECT pg_get_serial_sequence(%s, 'id')", (quoted,)).fetchone()
        if not sequence:
            continue
        (may,) = db.execute_sql("SELECT has_sequence_privilege(%s, 'SELECT') "
                                "AND has_sequence_privilege(%s, 'UPDATE')", (sequence, sequence)).fetchone()
        if not may:  # a desk's own login: the owner's next open moves it
            continue
        (top,) = db.execute_sql(f"SELECT MAX(id) FROM {quoted}").fetchone()
        last, called = db.execute_sql(f"SELECT last_value, is_called FROM {sequence}").fetchone()
        if top is not None and top > (last if called else last - 1):
            db.execute_sql("SELECT setval(%s, %s)", (sequence, top))
            moved.append(table)
    return moved


def restore_grams(db: pw.Database) -> bool:
    """The search index's triggers, if a bulk load was killed while they were dropped, and the
    grams of the orders it had written (``app/models/grams.py``), and the one-character
    counter counted afresh, no other desk writing an order meanwhile; whether it was done."""
    if "order_gram" not in set(db.get_tables()) or grams.triggers_present(db):
        return False
    try:
        # MariaDB commits each statement by itself, a trigger's CREATE too (a transaction, or
        # the open's savepoint, would end at the first): the orders are held instead, so that
        # no other desk writes one meanwhile (one placed during the fill was counted twice,
        # or failed it on a duplicate key), and the triggers are made last, so that a fill
        # cut short leaves them missing and the next open repairs again.  Elsewhere they are
        # made first: their lock on the orders holds the other desks for the transaction.
        mysql = isinstance(db, pw.MySQLDatabase)
        whole = filter_counts.orders_held(db, grams.grams_locked(db)) if mysql else db.atomic()
        with whole:
            if not mysql:
                grams.install_triggers(db)
            (done,) = db.execute_sql("SELECT COALESCE(MAX(order_id), 0) FROM order_gram").fetchone()
            grams.fill_grams(db, after_id=done)
            if grams.COUNT_TABLE in db.get_tables():
                grams.fill_counts(db)  # the orders loaded meanwhile were never counted
            if mysql:
                grams.install_triggers(db)
    except (pw.ProgrammingError, pw.OperationalError, pw.InternalError):
        return False  # a desk's own login may not: the owner's next open does
    return True


def repair(db: pw.Database) -> tuple[list[str], list[str]]:
    """``restore_indexes``, ``restore_grams`` and ``sync_sequences``: (indexes built, sequences
    moved)."""
    with db.atomic():
        built = restore_indexes(db)
        restore_grams(db)
        return built, sync_sequences(db)
