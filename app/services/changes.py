"""A cheap change counter: has anyone changed anything since I last looked?

Every change OrderDesk makes appends a history record — ``status_history`` for orders and
requests (placing an order included), ``method_history`` for payment and shipping methods — so
the highest id of each is a counter every backend answers from its primary-key index.
"""

from __future__ import annotations

import peewee as pw

from app.models.db import database
from app.models.tables import MethodHistory, StatusHistory

#: Errors that mean the database went away (server stopped, network cut, backend killed).
CONNECTION_ERRORS = (pw.OperationalError, pw.InterfaceError)


def change_token() -> tuple[int, int]:
    """(last status-history id, last method-history id)."""
    row = database.obj.execute_sql(
        "SELECT (SELECT MAX(id) FROM status_history), (SELECT MAX(id) FROM method_history)"
    ).fetchone()
    return (row[0] or 0, row[1] or 0)


def database_bound() -> bool:
    return database.obj is not None


def is_connection_error(exc: BaseException) -> bool:
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
