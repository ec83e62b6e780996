"""A cheap change counter: has anyone changed anything since I last looked?

Every change OrderDesk makes appends a history record — ``status_history`` for orders and
requests (placing an order included), ``method_history`` for payment and shipping methods — so
the highest id of each is a counter every backend answers from its primary-key index.
"""

from __future__ import annotations

import peewee as pw

from app.domain.errors import ServerUnavailableError
from app.models.db import database
from app.models.tables import MethodHistory, StatusHistory

#: Errors that mean the database went away (server stopped, network cut, backend killed).
CONNECTION_ERRORS = (pw.OperationalError, pw.InterfaceError)


#: How far below the newest history id a late commit is still noticed (see change_token).
#: On PostgreSQL the NOTIFY sent at commit wakes the desks for any late commit; this window is
#: the poll's own net, and each poll counts at most this many primary-key entries.
LATE_WINDOW = 1000

#: The poll, one row (issue 11 item 9: O(1) on any backend, analysed or not).  Every part reads
#: the primary-key index: the maxima from its end, the count over a range bounded on both
#: sides — with only ``id > …`` a never-analysed PostgreSQL guesses a third of the table and
#: scans all of the history (333 ms of server CPU per desk per second at 4.2M records: a
#: bounded range is guessed at 0.5%, so the index range wins however large the table).
TOKEN_SQL = (
    "SELECT (SELECT MAX(id) FROM status_history), "
    "(SELECT COUNT(*) FROM status_history WHERE "
    f"id > (SELECT COALESCE(MAX(id), 0) - {LATE_WINDOW} FROM status_history) AND "
    "id <= (SELECT COALESCE(MAX(id), 0) FROM status_history)), "
    "(SELECT MAX(id) FROM method_history)"
)


def change_token() -> tuple[int, int, int]:
    """(last status-history id, how many history ids there are among the last LATE_WINDOW,
    last method-history id).

    On a server, ids are handed out at insert but become visible at commit, so a transaction
    that took a lower id can commit after a higher one was already seen: the maximum alone
    would not move.  The count of the recent ids does.  (SQLite has one writer at a time, so
    there ids become visible in order.)"""
    row = database.obj.execute_sql(TOKEN_SQL).fetchone()
    return (row[0] or 0, row[1] or 0, row[2] or 0)


class ChangeListener:
    """PostgreSQL: ``LISTEN orderdesk_changes`` on a connection of its own (migration 5's
    triggers NOTIFY on every history insert).  The window watches ``fileno()`` and calls
    ``drain()`` when it is readable."""

    CHANNEL = "orderdesk_changes"

    def __init__(self, db: pw.PostgresqlDatabase):
        import psycopg2

        params = dict(db.connect_params)
        params.setdefault("connect_timeout", 5)
        self.conn = psycopg2.connect(dbname=db.database, **params)
        self.conn.autocommit = True
        with self.conn.cursor() as cur:
            cur.execute(f"LISTEN {self.CHANNEL}")

    def fileno(self) -> int:
        return self.conn.fileno()

    def drain(self) -> int:
        """How many notifications arrived (raises when the connection is gone)."""
        self.conn.poll()
        n = len(self.conn.notifies)
        self.conn.notifies.clear()
        return n

    def close(self) -> None:
        try:
            self.conn.close()
        except Exception:  # noqa: BLE001 - closing a dead connection
            pass


def listener() -> ChangeListener | None:
    """A listener on PostgreSQL; None elsewhere (they poll ``change_token``)."""
    db = database.obj
    if not isinstance(db, pw.PostgresqlDatabase):
        return None
    try:
        return ChangeListener(db)
    except Exception:  # noqa: BLE001 - polling still works; LISTEN is the faster path
        return None


def database_bound() -> bool:
    return database.obj is not None


def is_connection_error(exc: BaseException) -> bool:
    """A driver's connection error, or the services' ``ServerUnavailableError`` for a server
    that went away (not for one that is only busy)."""
    if isinstance(exc, ServerUnavailableError):
        return exc.reason not in (ServerUnavailableError.BUSY, ServerUnavailableError.LOCKED)
    return isinstance(exc, CONNECTION_ERRORS)


def reconnect() -> None:
    """Drop the broken connection and open a new one (raises while the server is away)."""
    db = database.obj
    try:
        db.close()
    except Exception:  # noqa: BLE001 - a dead connection may fail to close; it is gone anyway
        pass
    db.connect(reuse_if_open=True)
    db.execute_sql("SELECT 1").fetchone()


__all__ = ["MethodHistory", "StatusHistory", "change_token", "is_connection_error", "reconnect"]
