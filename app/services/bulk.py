"""Raw SQL for the bulk paths (the import, the demo data): ``executemany`` over the rows that
``writes`` builds, without a peewee object per row."""

from __future__ import annotations

import peewee as pw


def quote(db: pw.Database, name: str) -> str:
    return db.quote[0] + name + db.quote[-1]


def _columns(db: pw.Database, model, fields) -> list[str]:
    return [quote(db, model._meta.fields[f].column_name) for f in fields]


def insert_sql(db: pw.Database, model, fields) -> str:
    """INSERT of one row of ``fields`` (field names) into ``model``'s table."""
    cols = ", ".join(_columns(db, model, fields))
    params = ", ".join([db.param] * len(fields))
    return f"INSERT INTO {quote(db, model._meta.table_name)} ({cols}) VALUES ({params})"


def update_sql(db: pw.Database, model, fields, where=("id", "status", "version")) -> str:
    """The conditional UPDATE of a step: SET ``fields``, WHERE each of ``where`` equals its
    parameter (the parameters in that order)."""
    p = db.param
    sets = ", ".join(f"{c} = {p}" for c in _columns(db, model, fields))
    cond = " AND ".join(f"{c} = {p}" for c in _columns(db, model, where))
    return f"UPDATE {quote(db, model._meta.table_name)} SET {sets} WHERE {cond}"


#: What the demo build and an import write in bulk (and the counters their triggers keep).
BULK_TABLES = ("order", "order_item", "payment_notice", "cancellation_request", "status_history",
               "order_status_count", "cancel_status_count", "order_gram")


def refresh_statistics() -> None:
    """After a bulk write: the planner's statistics of the tables written (issue 11 item 6)."""
    from app.models.proxy import database
    from app.models.stats import analyze

    analyze(database.obj, list(BULK_TABLES))
