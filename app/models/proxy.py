"""The database proxy the tables are bound to, chosen at start-up (``db.connect``)."""

from __future__ import annotations

import peewee

database = peewee.DatabaseProxy()


def is_sqlite(db=None) -> bool:
    db = db or database.obj
    return isinstance(db, peewee.SqliteDatabase)
