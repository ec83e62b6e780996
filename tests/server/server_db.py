"""Throw-away databases on the PostgreSQL and MariaDB servers the shared-database tests use.

``ORDERDESK_TEST_PG`` / ``ORDERDESK_TEST_MYSQL`` name a database the tests may connect to
(``postgresql://postgres@127.0.0.1:5432/test``, ``mysql://root@127.0.0.1:3306/test``); each
test gets its own ``od_test_<random>`` database next to it, dropped afterwards.

Without the variable the server's tests are skipped; with ``ORDERDESK_TEST_REQUIRE_SERVERS=1``
(CI) a server that cannot be reached fails them instead of skipping.
"""

from __future__ import annotations

import os
import secrets
import time
from contextlib import contextmanager
from urllib.parse import unquote, urlsplit, urlunsplit

import pytest

KINDS = ("pg", "mysql")
ENV = {"pg": "ORDERDESK_TEST_PG", "mysql": "ORDERDESK_TEST_MYSQL"}
SERVER_NAME = {"pg": "PostgreSQL", "mysql": "MariaDB / MySQL"}
REQUIRE_ENV = "ORDERDESK_TEST_REQUIRE_SERVERS"


def base_url(kind: str) -> str | None:
    return os.environ.get(ENV[kind]) or None


def servers_required() -> bool:
    return os.environ.get(REQUIRE_ENV, "").strip() not in ("", "0", "false", "no")


def with_database(url: str, name: str) -> str:
    """``url`` with its database (the path) replaced by ``name``."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _admin_connection(kind: str, url: str):
    """An autocommit connection to the database ``url`` names, for CREATE / DROP DATABASE."""
    if kind == "pg":
        import psycopg2

        conn = psycopg2.connect(url, connect_timeout=5)
        conn.autocommit = True
        return conn
    import pymysql

    parts = urlsplit(url)
    return pymysql.connect(
        host=parts.hostname or "localhost",
        port=parts.port or 3306,
        user=unquote(parts.username or "root"),
        password=unquote(parts.password or ""),
        database=(parts.path.lstrip("/") or None),
        autocommit=True,
        connect_timeout=5,
        charset="utf8mb4",
    )


def _redacted(url: str) -> str:
    parts = urlsplit(url)
    if parts.password:
        return url.replace(":" + parts.password + "@", ":***@", 1)
    return url


def server_or_skip(kind: str) -> str:
    """The server's URL, or skip (variable unset) / fail or skip (server unreachable)."""
    url = base_url(kind)
    if not url:
        pytest.skip(f"set {ENV[kind]} to a {SERVER_NAME[kind]} URL to run")
    try:
        _admin_connection(kind, url).close()
    except Exception as exc:  # noqa: BLE001 - any driver error means "unreachable"
        why = " ".join(str(exc).split())
        reason = f"{SERVER_NAME[kind]} at {ENV[kind]}={_redacted(url)} is unreachable: {why}"
        if servers_required():
            pytest.fail(f"{reason} ({REQUIRE_ENV}=1)", pytrace=False)
        pytest.skip(reason)
    return url


def create_database(kind: str, url: str) -> tuple[str, str]:
    """Create ``od_test_<random>`` on the server of ``url``; returns (its URL, its name).

    Its text sorts by a linguistic collation, as on a server set up in English or Chinese
    (ICU en-US on PostgreSQL 15+, utf8mb4_unicode_ci on MariaDB): there "~" sorts before the
    digits, which a byte-order ("C", utf8mb4_general_ci) test database would not reveal."""
    name = f"od_test_{secrets.token_hex(6)}"
    conn = _admin_connection(kind, url)
    try:
        with conn.cursor() as cur:
            if kind == "pg":
                try:
                    cur.execute(
                        f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\' '
                        "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'"
                    )
                except Exception:  # noqa: BLE001 - before PostgreSQL 15, or built without ICU
                    cur.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
            else:
                cur.execute(
                    f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
                )
    finally:
        conn.close()
    return with_database(url, name), name


def drop_database(kind: str, url: str, name: str) -> None:
    conn = _admin_connection(kind, url)
    try:
        with conn.cursor() as cur:
            if kind == "pg":
                # FORCE (PostgreSQL 13+): a connection a worker thread left open does not block.
                cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            else:
                cur.execute(f"DROP DATABASE IF EXISTS `{name}`")
            # Migration 14's group roles are the server's, named after the database.
            for role in (f"{name}_clerk", f"{name}_supervisor"):
                cur.execute(f'DROP ROLE IF EXISTS "{role}"' if kind == "pg"
                            else f"DROP ROLE IF EXISTS `{role}`")
    finally:
        conn.close()


@contextmanager
def fresh_database(kind: str):
    """A new empty database on the server; yields its URL; dropped on the way out."""
    url = server_or_skip(kind)
    db_url, name = create_database(kind, url)
    try:
        yield db_url
    finally:
        drop_database(kind, url, name)


@contextmanager
def connected(kind: str):
    """A fresh database, migrated and bound to OrderDesk's proxy; yields the peewee database
    (its URL in ``.server_url``)."""
    from app.models.db import connect

    with fresh_database(kind) as url:
        db = connect(url)
        db.server_url = url  # for tests that start other processes on the same database
        try:
            yield db
        finally:
            db.close()


def refuse_connections(monkeypatch, db, kind: str) -> None:
    """From now on (until ``monkeypatch.undo()``), ``db`` cannot connect: its driver says the
    server refuses the connection, as when the server is down."""

    def refused(self):
        if kind == "pg":
            import psycopg2

            raise psycopg2.OperationalError("could not connect to server: Connection refused")
        import pymysql

        raise pymysql.err.OperationalError(2003, "Can't connect to MySQL server (111)")

    monkeypatch.setattr(type(db), "_connect", refused)


def backend_id(kind: str) -> int:
    sql = "SELECT pg_backend_pid()" if kind == "pg" else "SELECT CONNECTION_ID()"
    from app.models.db import database

    return database.obj.execute_sql(sql).fetchone()[0]


def terminate_backend(kind: str, backend: int) -> None:
    """End OrderDesk's connection from a second one, as a server restart or an admin would."""
    conn = _admin_connection(kind, base_url(kind))
    try:
        with conn.cursor() as cur:
            if kind == "pg":
                cur.execute("SELECT pg_terminate_backend(%s)", (backend,))
            else:
                cur.execute(f"KILL {int(backend)}")
    finally:
        conn.close()
    time.sleep(0.2)
