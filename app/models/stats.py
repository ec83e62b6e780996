"""The planner's statistics, gathered after bulk writes (issue 11 item 6: docs/PERFORMANCE.md).

A database that was never analysed lets the planner guess, and at 1M orders it guesses wrong:
the store filter on 訂單清單 walked the store's index and sorted a third of the orders (751 ms)
instead of reading the date index backwards (0.4 ms).  So the demo build and an import end
with ``analyze`` of the tables they wrote, and a SQLite connection runs ``PRAGMA optimize`` as
it closes (SQLite's advice: it re-analyses what the connection's queries showed is stale)."""

from __future__ import annotations

import logging

import peewee as pw

from .proxy import is_sqlite

log = logging.getLogger(__name__)


def analyze(db: pw.Database, tables: list[str]) -> None:
    """Fresh statistics for ``tables`` (outside a transaction).  A login that may not analyse
    (a desk's own on a server) leaves them as they are: the next owner's run, or the server's
    autovacuum, gathers them."""
    try:
        if is_sqlite(db):
            # Whole tables: ``PRAGMA analysis_limit`` reads only the first entries of each
            # index and, on the demo's 100k orders, guessed 4,001 orders per store instead of
            # 50,000 (the store's index again).  A full ANALYZE: 0.4 s at 100k orders.
            for table in tables:
                db.execute_sql(f'ANALYZE "{table}"')
        elif isinstance(db, pw.PostgresqlDatabase):
            db.execute_sql("ANALYZE " + ", ".join(f'"{t}"' for t in tables))
        else:
            db.execute_sql("ANALYZE TABLE " + ", ".join(f"`{t}`" for t in tables)).fetchall()
    except pw.DatabaseError as exc:  # not this login's to do; the plans stay as they were
        log.warning("statistics not gathered: %s", exc)


def vacuum(db: pw.Database, tables: list[str]) -> None:
    """PostgreSQL, outside a transaction: ``VACUUM`` ``tables``, so that their index-only
    scans read no row (the visibility map of rows just written is empty until then: every
    entry a keyset seek skipped cost a visit to its row — a jump to the middle of 1,000,000
    orders 437 ms, after it about a quarter of that).  The server's autovacuum would do it
    later; a login that may not (a desk's own) leaves it to autovacuum.  Nothing elsewhere."""
    if not isinstance(db, pw.PostgresqlDatabase) or db.in_transaction():
        return
    try:
        db.execute_sql("VACUUM " + ", ".join(f'"{t}"' for t in tables))
    except pw.DatabaseError as exc:  # not this login's to do
        log.warning("tables not vacuumed: %s", exc)


class OptimizingSqliteDatabase(pw.SqliteDatabase):
    """SQLite that runs ``PRAGMA optimize`` before a connection closes."""

    def _close(self, conn):
        try:
            conn.execute("PRAGMA optimize")
        except Exception:  # noqa: BLE001 - a read-only or busy file closes all the same
            pass
        super()._close(conn)
