"""Migration 11 (issue 17) on a database an older OrderDesk left: the orders get a note count
of 0, the buyer's e-mail an index, and the notes' table refuses changes."""

from __future__ import annotations

from datetime import datetime

import peewee
import pytest
from db_rows import database_at_version

from app.models.db import connect, sqlite_url
from app.models.migrations import LATEST, current_version

AT = datetime(2024, 5, 1, 2, 0, 0)


def test_step_11_on_a_schema_9_database_with_orders(tmp_path):
    path = str(tmp_path / "nine.db")
    db = database_at_version(path, 9, AT)
    # Step 1 made the order table as the model is now: take back what step 11 adds to it.
    db.execute_sql("DROP INDEX order_buyer_email")
    db.execute_sql('ALTER TABLE "order" DROP COLUMN note_count')
    x = db.execute_sql
    x("INSERT INTO store (name) VALUES ('s')")
    x("INSERT INTO payment_method (title, description, position, archived, refund_channel) "
      "VALUES ('ATM', '', 0, 0, 'remittance')")
    x("INSERT INTO shipping_method (title, fee, description, position, archived) VALUES ('宅配', 0, '', 0, 0)")
    x('INSERT INTO "order" (order_no, store_id, order_date, status, buyer_name, buyer_phone, '
      "buyer_email, delivery_address, payment_method_id, payment_method_name, shipping_method_id, "
      "shipping_method_name, shipping_method_fee, subtotal, shipping_fee, total, version, "
      "updated_at, updated_by) VALUES ('O1', 1, ?, 'UNPAID', 'b', '0912', 'b@x', 'a', 1, 'ATM', 1, "
      "'宅配', 0, 100, 0, 100, 1, ?, 'x')", (AT, AT))
    db.close()

    db = connect(sqlite_url(path))
    try:
        assert current_version(db) == LATEST
        assert db.execute_sql('SELECT note_count FROM "order"').fetchall() == [(0,)]
        plan = " ".join(str(r[-1]) for r in db.execute_sql(
            'EXPLAIN QUERY PLAN SELECT id FROM "order" WHERE buyer_email = ?', ("b@x",)).fetchall())
        assert "order_buyer_email" in plan
        from app.services.clerk_edits import add_note

        add_note(1, "備註", operator="甲")
        assert db.execute_sql('SELECT note_count FROM "order"').fetchall() == [(1,)]
        with pytest.raises(peewee.IntegrityError, match="append-only"):
            db.execute_sql("DELETE FROM order_note")
        # An order inserted without naming the column (an older desk, a bulk path) has none.
        x = db.execute_sql
        x('INSERT INTO "order" (order_no, store_id, order_date, status, buyer_name, buyer_phone, '
          "buyer_email, delivery_address, payment_method_id, payment_method_name, shipping_method_id, "
          "shipping_method_name, shipping_method_fee, subtotal, shipping_fee, total, version, "
          "updated_at, updated_by) VALUES ('O2', 1, ?, 'UNPAID', 'b', '0912', 'b@x', 'a', 1, 'ATM', 1, "
          "'宅配', 0, 100, 0, 100, 1, ?, 'x')", (AT, AT))
        assert db.execute_sql("SELECT note_count FROM \"order\" WHERE order_no = 'O2'").fetchall() == [(0,)]
    finally:
        db.close()
