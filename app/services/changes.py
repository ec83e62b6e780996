"""A cheap change counter: has anyone changed anything since I last looked?

Every change OrderDesk makes appends a history record — ``status_history`` for orders and
requests (placing an order included), ``method_history`` for payment and shipping methods — so
the highest id of each is a counter every backend answers from its primary-key index.
"""

from __future__ import annotations

import peewee as pw

from app.domain.errors import ServerUnavailableError
from app.models.db import database
from app.models.tables import MethodHistory, Order, StatusHistory

from .op_changes import METHOD_KINDS, OpChanges

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


#: More new history records than this in one look (an import, another desk's bulk action):
#: every tab reloads, as a refresh does, rather than reading them all.
MANY = 500

def _records(low: int, high: int, limit: int = MANY + 1) -> list[tuple]:
    """History records with ``low < id <= high`` (at most ``limit``), each with its order's
    status now.  A request's record names only the request's statuses; the order's status
    now is the tab where its row (and its request marker) shows.  The primary key's range,
    and one primary-key lookup of the order a record."""
    h = StatusHistory
    query = (h.select(h.id, h.machine, h.from_status, h.to_status, Order.status, h.order)
             .join(Order, on=(h.order == Order.id))
             .where((h.id > low) & (h.id <= high)).order_by(h.id).limit(limit))
    return list(query.tuples())


def _record_ids(low: int, high: int, limit: int) -> frozenset[int]:
    """The ids of ``_records(low, high, limit)``, without reading the rest of each record (the
    window's start: a thousand records read as ids only)."""
    h = StatusHistory
    query = (h.select(h.id).join(Order, on=(h.order == Order.id))
             .where((h.id > low) & (h.id <= high)).order_by(h.id).limit(limit))
    # The driver's rows as they come: an id needs no peewee conversion (a thousand rows
    # through peewee's row wrapper were 9 M instructions of the window's start).
    return frozenset(i for (i,) in database.execute(query))


def _window(token: tuple[int, int, int]) -> int:
    return max(token[0] - LATE_WINDOW, 0)


class Seen:
    """What this desk has already shown: the change token, and the ids of the history records
    in its late window (``LATE_WINDOW``) — so that a change is told by the records it wrote
    (issue 11 item 2: refresh only what changed).

    ``look()`` reads the records since the last look: those above the last id seen and, only
    when the window's count says a lower id has committed late, the window's records not seen
    yet.  The tabs those records touched are what reloads; more than ``MANY`` records, or the
    first look after the connection came back, reload everything."""

    def __init__(self) -> None:
        self.token: tuple[int, int, int] | None = None
        self.ids: frozenset[int] | None = None

    def start(self) -> None:
        """Take the token and the window's ids now (raises when the server is away)."""
        token = change_token()
        self.ids = _record_ids(_window(token), token[0], LATE_WINDOW)
        self.token = token

    def forget(self) -> None:
        """Nothing is known (the connection was lost): the next look reloads everything."""
        self.token = self.ids = None

    def look(self, token: tuple[int, int, int], *, notified: bool = False) -> OpChanges | None:
        """What changed between the token last seen and ``token`` (read now by the caller);
        None when nothing did.  ``notified``: a NOTIFY arrived, so a record may have committed
        late even when the token looks the same."""
        old, known = self.token, self.ids
        if old is None or known is None:
            self.start()
            return OpChanges.all()
        if token == old and not notified:
            return None
        low = _window(token)
        kept = frozenset(i for i in known if i > low)
        # from the last id seen, not the window's start: a record below a gap of rolled-back
        # ids wider than the window is read too
        fresh = _records(old[0], token[0]) if token[0] > old[0] else []
        if len(fresh) <= MANY and len(kept) + sum(r[0] > low for r in fresh) != token[1]:
            fresh = [r for r in _records(low, token[0], LATE_WINDOW) if r[0] not in kept]  # a late commit
        if len(fresh) > MANY:
            self.start()
            return OpChanges.all()
        self.ids = kept | {r[0] for r in fresh}
        self.token = token
        order: set[str] = set()
        cancel: set[str] = set()
        moved: set[str] = set()
        placed = False
        for _id, machine, before, after, now, _order in fresh:
            # a request's record names the request's statuses; every other machine's (the
            # order's, a note's, an invoice's, a remittance's) the order's
            statuses = cancel if machine == "cancellation" else order
            statuses.update(s for s in (before, after) if s)
            order.add(now)
            if statuses is order and before != after:
                moved.update(s for s in (before, after) if s)
                placed = placed or before is None
        methods = METHOD_KINDS if token[2] != old[2] else frozenset()
        if not (order or cancel or methods):
            return None
        return OpChanges(order_statuses=frozenset(order), cancel_statuses=frozenset(cancel),
                         methods=frozenset(methods), history_ids=tuple(r[0] for r in fresh),
                         order_ids=frozenset(r[5] for r in fresh), moved=frozenset(moved), placed=placed)

    def own(self, change: OpChanges, token: tuple[int, int, int]) -> None:
        """This desk's own change was shown: its records are seen, when the token moved by
        exactly them (anything else is another desk's change too, for the next look)."""
        ids = change.history_ids
        old = self.token
        if old is None or self.ids is None:
            return
        if change.methods and token[:2] == old[:2]:
            self.token = token
            return
        if ids and token[2] == old[2] and old[0] == min(ids) - 1 and token[0] == max(ids):
            low = _window(token)
            self.ids = frozenset(i for i in self.ids | set(ids) if i > low)
            self.token = token


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


__all__ = ["MethodHistory", "Seen", "StatusHistory", "change_token", "is_connection_error", "reconnect"]
