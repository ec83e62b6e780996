"""Issue 11 item 9: the change poll reads the history's primary key, never the whole history,
even on a database that was never analysed (PostgreSQL guesses a third of the table for a
one-sided range and scanned all of it)."""

import pytest
from server_db import connected

from app.services import changes


def plan(db, sql: str) -> list[str]:
    return [row[0] for row in db.execute_sql("EXPLAIN " + sql).fetchall()]


def test_the_poll_reads_the_index_on_a_never_analysed_history():
    pytest.importorskip("psycopg2")
    with connected("pg") as db:
        from db_rows import make_shop

        from app.services.orders import Buyer, Item, place_order

        shop = make_shop()
        db.execute_sql("ALTER TABLE status_history SET (autovacuum_enabled = false)")
        oid = place_order(store_id=shop["store"].id, buyer=Buyer("王", "0912345678", "a@b.c", "台北"),
                          items=[Item("x", 1, 100)], payment_method_id=shop["atm"].id,
                          shipping_method_id=shop["home"].id, operator="x").order_id
        db.execute_sql(
            "INSERT INTO status_history (order_id, machine, from_status, to_status, action, operator, at, input) "
            f"SELECT {oid}, 'order', 'UNPAID', 'UNPAID', 'NOTE', 'x', now(), '{{}}' FROM generate_series(1, 300000)")
        (analysed,) = db.execute_sql(
            "SELECT last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL FROM pg_stat_user_tables "
            "WHERE relname = 'status_history'").fetchone()
        assert not analysed
        old = ("SELECT (SELECT COUNT(*) FROM status_history WHERE id > "
               f"(SELECT COALESCE(MAX(id), 0) - {changes.LATE_WINDOW} FROM status_history))")
        assert any("Seq Scan on status_history" in line for line in plan(db, old))  # what it was
        lines = plan(db, changes.TOKEN_SQL)
        assert not any("Seq Scan" in line for line in lines), lines
        assert any("status_history_pkey" in line for line in lines), lines
        token = changes.change_token()
        assert token[0] > 300000 and token[1] == changes.LATE_WINDOW


def test_a_bulk_chunks_locking_read_is_on_the_primary_key(server_db):
    """A bulk action locks its chunk's orders by id on the primary key.  MariaDB picked the
    (id, status, store) index for it, and a locking read there skips a row whose status
    another desk's bulk changed while it waited (the order came back "not found")."""
    import peewee

    from app.models.tables import Order
    from app.services.bulk import select_in_sql

    sql = select_in_sql(server_db, Order, ("id", "status", "version"), "id", 3, lock=True)
    plan = server_db.execute_sql("EXPLAIN " + sql, [1, 2, 3]).fetchall()
    if isinstance(server_db, peewee.MySQLDatabase):
        assert [row[5] for row in plan] == ["PRIMARY"], plan  # the key used
    else:
        text = " ".join(str(r[0]) for r in plan)
        assert "order_pkey" in text or "Seq Scan" in text, text
