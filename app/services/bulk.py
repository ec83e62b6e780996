"""Raw SQL for the bulk paths (the import, the demo data): ``executemany`` over the rows that
``writes`` builds, without a peewee object per row."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import peewee as pw

from app.models.db import is_sqlite


def quote(db: pw.Database, name: str) -> str:
    return db.quote[0] + name + db.quote[-1]


def _columns(db: pw.Database, model, fields) -> list[str]:
    return [quote(db, model._meta.fields[f].column_name) for f in fields]


def insert_into(db: pw.Database, model, fields) -> str:
    """``INSERT INTO table (columns)`` of ``fields`` (field names) of ``model``."""
    return f"INSERT INTO {quote(db, model._meta.table_name)} ({', '.join(_columns(db, model, fields))})"


def insert_sql(db: pw.Database, model, fields, rows: int = 1) -> str:
    """INSERT of ``rows`` rows (one by default) of ``fields`` (field names) into ``model``'s
    table."""
    row = f"({', '.join([db.param] * len(fields))})"
    return f"{insert_into(db, model, fields)} VALUES {', '.join([row] * rows)}"


#: SQLite: rows per INSERT statement of ``insert_rows``, at most (fewer when the connection
#: allows fewer parameters).  A statement that fires triggers runs with a statement journal,
#: into which SQLite copies every page the statement changes before changing it; one order's
#: triggers change about 80 pages (its grams lie all over ``order_gram``), so a statement per
#: order copied 80 pages per order — 163 ``pwrite`` calls an order into a temp file, most of
#: an import's time (100,000 orders: 92 s).  A statement of ``ROWS`` orders copies each page
#: it changes once.  (A history row likewise: ``status_history``'s BEFORE INSERT trigger.)
ROWS = 100


def insert_rows(db: pw.Database, cursor, model, fields, rows: list) -> None:
    """``rows`` (tuples of ``fields``) inserted into ``model``'s table: on SQLite ``ROWS`` a
    statement (see ``ROWS``) and the rest in one more; elsewhere a statement a row
    (``executemany``)."""
    if not is_sqlite(db):
        executemany(db, cursor, insert_sql(db, model, fields), rows)
        return
    import sqlite3

    per = max(1, min(ROWS, db.connection().getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(fields)))
    whole = len(rows) - len(rows) % per
    for start, stop, n in ((0, whole, per), (whole, len(rows), len(rows) - whole)):
        if start < stop:
            executemany(db, cursor, insert_sql(db, model, fields, n),
                        [[v for row in rows[i:i + n] for v in row] for i in range(start, stop, n)])


def update_sql(db: pw.Database, model, fields, where=("id", "status", "version")) -> str:
    """The conditional UPDATE of a step: SET ``fields``, WHERE each of ``where`` equals its
    parameter (the parameters in that order)."""
    p = db.param
    sets = ", ".join(f"{c} = {p}" for c in _columns(db, model, fields))
    cond = " AND ".join(f"{c} = {p}" for c in _columns(db, model, where))
    return f"UPDATE {quote(db, model._meta.table_name)} SET {sets} WHERE {cond}"


#: COPY's text format: a backslash, tab, newline or carriage return inside a value is escaped.
COPY_ESCAPED = re.compile(r"[\\\t\n\r]")
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value) -> str:
    """One value in COPY's text format (NULL is ``\\N``)."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    if isinstance(value, (int, date, datetime)):
        return str(value)
    return str(value).translate(_COPY_ESCAPES)


class Inserter:
    """The rows of ``fields`` (tuples, in that order) into ``model``'s table: on PostgreSQL by
    ``COPY … FROM STDIN`` (one round trip a batch, where ``executemany`` makes one a row:
    the 1M-order demo took 27 minutes so), elsewhere by ``executemany`` of ``insert_sql``
    (sqlite3 runs it in C; PyMySQL sends it as one multi-row INSERT)."""

    def __init__(self, db: pw.Database, model, fields):
        self.copy = isinstance(db, pw.PostgresqlDatabase)
        if self.copy:
            cols = ", ".join(_columns(db, model, fields))
            self.sql = f"COPY {quote(db, model._meta.table_name)} ({cols}) FROM STDIN"
        else:
            self.sql = insert_sql(db, model, fields)

    def __call__(self, cursor, rows) -> None:
        if not rows:
            return
        if not self.copy:
            cursor.executemany(self.sql, rows)
            return
        cursor.copy_expert(self.sql, io.StringIO(copy_text(rows)))


def copy_text(rows) -> str:
    """``rows`` in COPY's text format.  Each value as ``str`` gives it, unescaped, then the
    whole checked: as many tabs, newlines and backslashes as the columns and NULLs make means
    no value held one (escaping each value cost twice as much as the rest of the text);
    otherwise each value escaped (``_copy_text``)."""
    text = "\n".join(["\t".join(["\\N" if v is None else "t" if v is True else "f" if v is False else str(v)
                                  for v in row]) for row in rows]) + "\n"
    nulls = sum(row.count(None) for row in rows)
    if (text.count("\t") == len(rows) * (len(rows[0]) - 1) and text.count("\n") == len(rows)
            and text.count("\\") == nulls and "\r" not in text):
        return text
    return "".join("\t".join(map(_copy_text, row)) + "\n" for row in rows)


#: What the demo build and an import write in bulk (and the counters their triggers keep).
BULK_TABLES = ("order", "order_item", "payment_notice", "cancellation_request", "status_history",
               "order_status_count", "cancel_status_count", "order_gram", "order_hour_count",
               "order_method_count", "order_day_count", "order_ship_day_count")


#: The tables whose keyset seeks and counts read index-only (PostgreSQL vacuums them after a
#: bulk write; the grams' index, 55 rows an order, is left to autovacuum).
SEEK_TABLES = ("order", "cancellation_request", "status_history")


def refresh_statistics() -> None:
    """After a bulk write: the planner's statistics of the tables written (issue 11 item 6),
    and on PostgreSQL the visibility of the rows the lists seek over (``stats.vacuum``)."""
    from app.models.proxy import database
    from app.models.stats import analyze, vacuum

    vacuum(database.obj, list(SEEK_TABLES))
    analyze(database.obj, list(BULK_TABLES))


def executemany(db: pw.Database, cursor, sql: str, rows: list) -> None:
    """``cursor.executemany(sql, rows)``; on PostgreSQL a page of statements per round trip
    (psycopg2's own ``executemany`` sends each row's statement alone: a round trip per order,
    which a server across a network makes slow).  The row count is not summed there: callers
    that check it do so on SQLite only.  The driver's errors are raised as peewee's, as
    ``execute_sql`` raises them: what stands behind a set-based write knows peewee's only — a
    deadlocked chunk run again (``is_conflict``), a chunk refused told per order, an order
    number a clerk took meanwhile left out of an import by row.  (They went through as
    ``sqlite3``'s, ``psycopg2``'s or PyMySQL's own: the bulk action lost the outcomes of the
    chunks already written, and an import stopped for good.)"""
    with pw.__exception_wrapper__:
        if isinstance(db, pw.PostgresqlDatabase):
            from psycopg2.extras import execute_batch

            execute_batch(cursor, sql, rows, page_size=PG_PAGE)
        else:
            cursor.executemany(sql, rows)


#: Statements per round trip of ``executemany`` on PostgreSQL.
PG_PAGE = 250


def select_in_sql(db: pw.Database, model, fields, key: str, n: int, *, lock: bool = False) -> str:
    """SELECT ``fields`` of ``model``'s rows whose ``key`` is one of ``n`` parameters (a bulk
    chunk's ids: one parameter each, without a peewee node per value); ``lock``: FOR UPDATE,
    the rows locked in ``key`` order (two bulk actions over the same orders wait for each
    other instead of deadlocking)."""
    cols = ", ".join(_columns(db, model, fields))
    where = _columns(db, model, (key,))[0]
    params = ", ".join([db.param] * n)
    table = quote(db, model._meta.table_name)
    if lock and key == "id" and isinstance(db, pw.MySQLDatabase):
        # On the primary key: MariaDB took the (id, status, store) index for this, and a
        # locking read on a secondary index whose entry another transaction changed (the
        # order's status) skips the row once the lock is granted — the order seemed gone.
        table += " FORCE INDEX (PRIMARY)"
    sql = f"SELECT {cols} FROM {table} WHERE {where} IN ({params})"
    return sql + f" ORDER BY {where} FOR UPDATE" if lock else sql
