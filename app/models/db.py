"""The database proxy, chosen at start-up (STYLE.md: Vorta's ``peewee.Proxy``)."""

from __future__ import annotations

import os
from contextlib import contextmanager

import peewee
from playhouse import db_url

database = peewee.DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
    "cache_size": -64000,
}


def is_sqlite(db=None) -> bool:
    db = db or database.obj
    return isinstance(db, peewee.SqliteDatabase)


def connect(url: str, *, migrate: bool = True) -> peewee.Database:
    """Open ``url`` (anything ``playhouse.db_url`` understands), bind the proxy, migrate."""
    kwargs = {}
    if url.startswith("sqlite:"):
        path = url.split("sqlite:///", 1)[-1] if "sqlite:///" in url else ""
        if path and path != ":memory:":
            os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
        kwargs["pragmas"] = SQLITE_PRAGMAS
        kwargs["timeout"] = 10
    db = db_url.connect(url, **kwargs)
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if migrate:
        from .migrations import migrate_to_latest

        migrate_to_latest(db)
    return db


def sqlite_url(path: str) -> str:
    return "sqlite:///" + os.path.abspath(path)


@contextmanager
def write_transaction():
    """A transaction taken for writing from its start.

    On SQLite ``BEGIN IMMEDIATE`` takes the write lock at once, so two processes wait on the
    busy timeout instead of failing with "database is locked" when a reader upgrades.
    """
    db = database.obj
    if is_sqlite(db):
        with db.atomic("IMMEDIATE") as txn:
            yield txn
    else:
        with db.atomic() as txn:
            yield txn
