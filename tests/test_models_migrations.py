"""The schema: numbered migrations, the append-only history, foreign keys, SQLite pragmas."""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import date, datetime

import peewee
import pytest
from db_rows import database_at_version

from app.models import migrations
from app.models.db import connect, database, sqlite_url
from app.models.migrations import LATEST, MIGRATIONS, current_version, migrate_to_latest
from app.models.tables import (
    ALL_TABLES,
    Order,
    PaymentMethod,
    ShippingMethod,
    StatusHistory,
    Store,
)

ORDER_AT = datetime(2024, 5, 1, 2, 0)


def schema_rows(db) -> list[tuple]:
    return db.execute_sql("SELECT id, version, migrated_at FROM schema_version").fetchall()


# --- versions ----------------------------------------------------------------------------


def test_migrations_are_numbered_one_to_latest():
    """No gap: a step numbered below one a database already ran would never run there."""
    assert sorted(MIGRATIONS) == list(range(1, LATEST + 1))


def test_a_fresh_database_is_at_latest(db):
    assert current_version(db) == LATEST
    rows = schema_rows(db)
    assert len(rows) == 1 and rows[0][1] == LATEST
    for model in ALL_TABLES:
        assert model.table_exists(), model.__name__


def test_a_fresh_file_runs_every_step_once(tmp_path, spied_steps):
    db = connect(sqlite_url(str(tmp_path / "fresh.db")))
    try:
        assert spied_steps == sorted(MIGRATIONS)
        assert not any(p.name.endswith(".bak") for p in tmp_path.iterdir())
    finally:
        db.close()


def test_connecting_again_runs_no_step(db, spied_steps):
    path = db.database
    (row_before,) = schema_rows(db)
    db2 = connect(sqlite_url(path))
    try:
        assert spied_steps == []
        assert schema_rows(db2) == [row_before]
        assert migrate_to_latest(db2) == []
        assert spied_steps == []
        assert not os.path.exists(f"{path}.v{LATEST}.bak")
    finally:
        db2.close()


def test_an_older_schema_is_migrated_after_a_backup(tmp_path, spied_steps):
    if LATEST < 2:
        pytest.skip("only one schema version so far")
    path = str(tmp_path / "old.db")
    old = sorted(MIGRATIONS)[-2]
    db = database_at_version(path, old, ORDER_AT)
    db.close()
    spied_steps.clear()

    db = connect(sqlite_url(path))
    try:
        assert spied_steps == [LATEST]
        assert current_version(db) == LATEST
        backup = f"{path}.v{old}.bak"
        assert os.path.exists(backup)
        with sqlite3.connect(backup) as b:
            assert b.execute("SELECT version FROM schema_version").fetchall() == [(old,)]
    finally:
        db.close()


def test_a_newer_schema_is_refused(db):
    db.execute_sql("UPDATE schema_version SET version = ?", (LATEST + 1,))
    with pytest.raises(RuntimeError, match="Update OrderDesk"):
        migrate_to_latest(db)


def test_a_failing_step_leaves_the_version_and_the_schema_as_they_were(db, monkeypatch):
    def broken(d):
        d.execute_sql("CREATE TABLE half_done (x INTEGER)")
        raise RuntimeError("step failed")

    monkeypatch.setitem(MIGRATIONS, LATEST + 1, broken)
    monkeypatch.setattr(migrations, "LATEST", LATEST + 1)
    with pytest.raises(RuntimeError, match="step failed"):
        migrate_to_latest(db)
    assert current_version(db) == LATEST
    assert "half_done" not in db.get_tables()


# --- the append-only history -------------------------------------------------------------


@pytest.fixture
def one_order(place):
    return place(order_date=ORDER_AT)


def test_history_rows_cannot_be_updated(one_order):
    (h,) = StatusHistory.select().where(StatusHistory.order == one_order)
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        StatusHistory.update(operator="竄改者").where(StatusHistory.id == h.id).execute()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        database.execute_sql("UPDATE status_history SET to_status = 'CANCELLED'")
    h.operator = "竄改者"
    with pytest.raises(peewee.IntegrityError):
        h.save()
    fresh = StatusHistory.get_by_id(h.id)
    assert (fresh.operator, fresh.to_status) == ("店員甲", "UNPAID")


def test_history_rows_cannot_be_deleted(one_order):
    n = StatusHistory.select().count()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        StatusHistory.delete().execute()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        StatusHistory.get(StatusHistory.order == one_order).delete_instance()
    assert StatusHistory.select().count() == n == 1


def test_history_rows_can_be_appended(one_order):
    StatusHistory.create(order=one_order, machine="order", from_status="UNPAID",
                         to_status="PAID", action="RECORD_PAYMENT", operator="x", at=ORDER_AT)
    assert StatusHistory.select().count() == 2


@pytest.mark.parametrize("verb", ["INSERT OR REPLACE INTO", "REPLACE INTO"])
def test_history_rows_cannot_be_replaced(one_order, verb):
    """SQLite's REPLACE deletes the old row without firing the DELETE trigger (recursive
    triggers are off): migration 6 refuses an insert of an id that is there."""
    (h,) = StatusHistory.select().where(StatusHistory.order == one_order)
    before = database.execute_sql("SELECT * FROM status_history WHERE id = ?", (h.id,)).fetchall()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        database.execute_sql(
            f"{verb} status_history (id, order_id, machine, from_status, to_status, action, "
            "operator, at, input) VALUES (?, ?, 'order', NULL, 'CANCELLED', 'X', '竄改者', ?, '{}')",
            (h.id, one_order, ORDER_AT))
    assert database.execute_sql("SELECT * FROM status_history WHERE id = ?", (h.id,)).fetchall() == before
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        StatusHistory.insert(id=h.id, order=one_order, machine="order", to_status="CANCELLED",
                             action="X", operator="竄改者", at=ORDER_AT).on_conflict_replace().execute()
    assert StatusHistory.get_by_id(h.id).operator == "店員甲"
    StatusHistory.insert(order=one_order, machine="order", to_status="PAID", action="X",
                         operator="x", at=ORDER_AT).on_conflict_replace().execute()  # a new id: fine
    assert StatusHistory.select().count() == 2


def test_method_history_rows_cannot_be_replaced(shop):
    from app.models.tables import MethodHistory

    MethodHistory.insert(kind="payment", method_id=shop["atm"].id, action="add", operator="店員甲",
                         at=ORDER_AT).execute()
    (h,) = MethodHistory.select()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        database.execute_sql(
            "REPLACE INTO method_history (id, kind, method_id, action, operator, at) "
            "VALUES (?, 'payment', ?, 'delete', '竄改者', ?)", (h.id, shop["atm"].id, ORDER_AT))
    fresh = MethodHistory.get_by_id(h.id)
    assert (fresh.action, fresh.operator) == ("add", "店員甲")


# --- foreign keys ------------------------------------------------------------------------


@pytest.mark.parametrize("model, key", [(PaymentMethod, "atm"), (ShippingMethod, "home")])
def test_a_method_an_order_refers_to_cannot_be_deleted(shop, one_order, model, key):
    method = shop[key]
    with pytest.raises(peewee.IntegrityError):
        model.delete().where(model.id == method.id).execute()
    with pytest.raises(peewee.IntegrityError):
        database.execute_sql(f"DELETE FROM {model._meta.table_name} WHERE id = ?", (method.id,))
    assert model.get_or_none(model.id == method.id) is not None
    assert Order.get_by_id(one_order).payment_method_name == "ATM 轉帳"


@pytest.mark.parametrize("model, key", [(PaymentMethod, "card"), (ShippingMethod, "post")])
def test_a_method_no_order_refers_to_can_be_deleted(shop, one_order, model, key):
    assert model.delete().where(model.id == shop[key].id).execute() == 1


def test_the_foreign_key_itself_refuses_the_delete(shop, one_order):
    # Whatever triggers a later migration adds, the foreign key alone refuses it too.
    for (name,) in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'payment_method'"
    ).fetchall():
        database.execute_sql(f'DROP TRIGGER "{name}"')
    with pytest.raises(peewee.IntegrityError, match="FOREIGN KEY"):
        PaymentMethod.delete().where(PaymentMethod.id == shop["atm"].id).execute()


def test_an_order_must_refer_to_an_existing_store(shop):
    with pytest.raises(peewee.IntegrityError):
        Order.insert(
            order_no="X1", store=9999, order_date=ORDER_AT, status="UNPAID", buyer_name="b",
            payment_method=shop["atm"].id, payment_method_name="a", shipping_method=shop["home"].id,
            shipping_method_name="s", shipping_method_fee=0, subtotal=0, shipping_fee=0, total=0,
            updated_at=ORDER_AT, updated_by="x",
        ).execute()
    assert Order.select().count() == 0


def test_a_store_with_orders_cannot_be_deleted(shop, one_order):
    with pytest.raises(peewee.IntegrityError):
        Store.delete().where(Store.id == shop["store"].id).execute()


def test_order_numbers_are_unique(shop, one_order):
    o = Order.get_by_id(one_order)
    data = {k: v for k, v in Order.select().where(Order.id == o.id).dicts().get().items() if k != "id"}
    with pytest.raises(peewee.IntegrityError):
        Order.insert(**data).execute()


# --- SQLite pragmas ----------------------------------------------------------------------


def _pragmas(db) -> tuple:
    return (
        db.execute_sql("PRAGMA journal_mode").fetchone()[0],
        db.execute_sql("PRAGMA foreign_keys").fetchone()[0],
        db.execute_sql("PRAGMA busy_timeout").fetchone()[0],
    )


def test_sqlite_pragmas(db):
    journal, fks, busy = _pragmas(db)
    assert journal == "wal"
    assert fks == 1
    assert busy > 0


def test_sqlite_pragmas_on_every_connection(db):
    """peewee opens one connection per thread; each must have the same pragmas."""
    seen = {}

    def worker():
        try:
            seen["pragmas"] = _pragmas(database)
        finally:
            database.close()

    t = threading.Thread(target=worker)
    t.start()
    t.join(10)
    journal, fks, busy = seen["pragmas"]
    assert (journal, fks) == ("wal", 1) and busy > 0


def test_the_file_is_in_wal_mode_for_other_processes(db):
    # WAL is a property of the file: a plain sqlite3 connection sees it too.
    with sqlite3.connect(db.database) as other:
        assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_step_7_adds_the_refund_columns_and_fills_them_from_what_was_there(tmp_path):
    """A schema-6 database (the columns dropped again after step 1 made them) with a card
    method, a COD method and a confirmed NT$1 notice on a NT$1,000 order: the methods get their
    channel, the order the amount received, its request its channel."""
    from app.models.migrations import _REFUND_COLUMNS

    path = str(tmp_path / "six.db")
    db = database_at_version(path, 6, ORDER_AT)
    for table, column, _type in _REFUND_COLUMNS:
        db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN {column}')
    x = db.execute_sql
    x("INSERT INTO store (name) VALUES ('s')")
    for title in ("ATM 轉帳", "信用卡", "貨到付款", "Credit Card"):
        x("INSERT INTO payment_method (title, description, position, archived) VALUES (?, '', 0, 0)",
          (title,))
    x("INSERT INTO shipping_method (title, fee, description, position, archived) VALUES ('宅配', 0, '', 0, 0)")
    order = ("INSERT INTO \"order\" (order_no, store_id, order_date, status, buyer_name, buyer_phone, "
             "buyer_email, delivery_address, payment_method_id, payment_method_name, shipping_method_id, "
             "shipping_method_name, shipping_method_fee, subtotal, shipping_fee, total, "
             "status_before_cancel, version, updated_at, updated_by) VALUES "
             "(?, 1, ?, ?, 'b', '', '', '', ?, 'm', 1, '宅配', 0, 1000, 0, 1000, ?, 1, ?, 'x')")
    x(order, ("O1", ORDER_AT, "CANCELLING", 2, "AWAITING_SHIPMENT", ORDER_AT))  # card, notice NT$1
    x(order, ("O2", ORDER_AT, "COMPLETED", 1, None, ORDER_AT))  # no notice: its total
    x(order, ("O3", ORDER_AT, "PAID", 1, None, ORDER_AT))  # not confirmed: nothing yet
    x("INSERT INTO payment_notice (order_id, transfer_date, amount, account_last5, note, "
      "recorded_at, recorded_by) VALUES (1, '2024-05-01', 1, '12345', '', ?, 'x')", (ORDER_AT,))
    x("INSERT INTO cancellation_request (order_id, status, requested_by, requested_at, requester, "
      "reason, order_status_before, paid, shipped, refund_due, version, updated_at, updated_by) "
      "VALUES (1, 'PENDING_REVIEW', 'customer', ?, 'c', 'r', 'AWAITING_SHIPMENT', 1, 0, 1000, 1, ?, 'x')",
      (ORDER_AT, ORDER_AT))
    db.close()

    db = connect(sqlite_url(path))
    try:
        assert current_version(db) == LATEST
        channels = db.execute_sql("SELECT title, refund_channel FROM payment_method ORDER BY id").fetchall()
        assert channels == [("ATM 轉帳", "remittance"), ("信用卡", "reversal"), ("貨到付款", "cod"),
                            ("Credit Card", "reversal")]
        received = db.execute_sql('SELECT order_no, confirmed_amount FROM "order" ORDER BY id').fetchall()
        assert received == [("O1", 1), ("O2", 1000), ("O3", None)]
        # The open request owed the order total; it owes what was received.
        assert db.execute_sql("SELECT refund_channel, refund_due, written_off, close_reason FROM "
                              "cancellation_request").fetchall() == [("reversal", 1, None, None)]
    finally:
        db.close()


def test_the_status_since_step_fills_each_order_from_its_history(db, place):
    """Orders from before the step get the time of their latest history record into their
    status (a paid order: its notice's record, not its order date)."""
    from app.domain.inputs import PaymentNotice as Notice
    from app.models.tables import Order, StatusHistory
    from app.services import orders as svc

    placed_at = datetime(2026, 11, 1, 2, 0)
    unpaid = place(order_date=placed_at)
    paid = place(order_date=placed_at)
    svc.record_payment_notice(paid, Notice(date(2026, 11, 3), 820, "12345"), operator="x",
                              now=datetime(2026, 11, 3, 5, 0), today=date(2026, 11, 3))
    db.execute_sql('UPDATE "order" SET status_since = NULL')
    step = 20  # not the latest since step 23 (the search index)
    assert MIGRATIONS[step].__name__ == "_status_since"
    with db.atomic():
        MIGRATIONS[step](db)
    assert Order.get_by_id(unpaid).status_since == placed_at
    entered = StatusHistory.get((StatusHistory.order == paid) & (StatusHistory.to_status == "PAID")).at
    assert Order.get_by_id(paid).status_since == entered == datetime(2026, 11, 3, 5, 0)


def test_step_16_adds_the_pickup_columns_and_seeds_the_carriers(tmp_path):
    """A schema-14 database (the columns and the carriers' table dropped again after step 1
    made them): step 16 adds them back, seeds the seven carriers once, and running it again
    changes nothing."""
    from app.models.migrations import SEED_CARRIERS, _carriers_and_store_pickup

    path = str(tmp_path / "fourteen.db")
    db = database_at_version(path, 14, ORDER_AT)
    db.execute_sql("DROP TABLE IF EXISTS carrier")
    for table, column in (("shipping_method", "pickup_chain"), ("order", "pickup_store_code"),
                          ("order", "pickup_store_name"), ("order", "pickup_store_address")):
        if column in {c.name for c in db.get_columns(table)}:
            db.execute_sql(f'ALTER TABLE "{table}" DROP COLUMN {column}')
    db.close()
    db = connect(sqlite_url(path))
    try:
        assert current_version(db) == LATEST
        rows = db.execute_sql("SELECT title, tracking_url FROM carrier ORDER BY position").fetchall()
        assert rows == list(SEED_CARRIERS)
        assert rows[0] == ("黑貓宅急便", "https://www.t-cat.com.tw/inquire/trace.aspx?no={tracking_no}")
        assert all("{tracking_no}" in url for _t, url in rows)
        assert "pickup_store_code" in {c.name for c in db.get_columns("order")}
        _carriers_and_store_pickup(db)  # again: nothing added twice
        assert db.execute_sql("SELECT COUNT(*) FROM carrier").fetchone()[0] == len(SEED_CARRIERS)
    finally:
        db.close()


def test_step_21_keys_the_history_and_keeps_answers(tmp_path):
    """A schema-20 database (the key columns and ``action_key`` dropped again after the steps
    made them): step 21 adds each history table's ``op_key`` with a unique index — NULL any
    number of times, a key once — and ``action_key``, append-only; running it again changes
    nothing."""
    from app.models.migrations import _action_keys

    path = str(tmp_path / "twenty.db")
    db = database_at_version(path, 20, ORDER_AT)
    db.execute_sql("DROP TABLE IF EXISTS action_key")
    for table in ("status_history", "method_history", "shop_history"):
        db.execute_sql(f"DROP INDEX IF EXISTS {table}_op_key")
        db.execute_sql(f"ALTER TABLE {table} DROP COLUMN op_key")
    db.close()
    db = connect(sqlite_url(path))
    try:
        assert current_version(db) == LATEST
        with db.atomic():
            _action_keys(db)  # again: nothing changes
        for table in ("status_history", "method_history", "shop_history"):
            assert "op_key" in {c.name for c in db.get_columns(table)}
            unique = [i for i in db.get_indexes(table) if i.columns == ["op_key"]]
            assert len(unique) == 1 and unique[0].unique
        now = "2026-11-01 00:00:00"
        for k in (None, None, "k-1"):
            db.execute_sql("INSERT INTO shop_history (at, action, subject, operator, input, op_key) "
                           "VALUES (?, 'X', 's', 'o', '{}', ?)", (now, k))
        with pytest.raises(peewee.IntegrityError), db.atomic():
            db.execute_sql("INSERT INTO shop_history (at, action, subject, operator, input, op_key) "
                           "VALUES (?, 'X', 's', 'o', '{}', 'k-1')", (now,))
        db.execute_sql("INSERT INTO action_key (op_key, answer, at) VALUES ('k-1', '{}', ?)", (now,))
        with pytest.raises(peewee.IntegrityError), db.atomic():
            db.execute_sql("UPDATE action_key SET answer = 'x'")
    finally:
        db.close()


def phone_index_step_runs(db) -> None:
    """Migration 30 on a database of step 29's shape (the index on the phone alone): the
    index on (buyer_phone, id) in its place (on MariaDB beside it: a desk still on the
    release before names the old one), the same orders found by phone, and the step run a
    second time changes nothing (a MariaDB DDL commit may cut it short)."""
    from app.models.migrations import MIGRATIONS, migrate_to_latest
    from app.models.repair import missing_indexes
    from app.models.tables import Order

    mysql = isinstance(db, peewee.MySQLDatabase)
    order = "`order`" if mysql else '"order"'
    db.execute_sql(f"DROP INDEX order_buyer_phone_id ON {order}" if mysql else "DROP INDEX order_buyer_phone_id")
    db.execute_sql(f"CREATE INDEX order_buyer_phone ON {order} (buyer_phone)")
    db.execute_sql("UPDATE schema_version SET version = 29")
    assert migrate_to_latest(db) == [30, 31, 32]
    names = {i.name for i in db.get_indexes("order")}
    assert "order_buyer_phone_id" in names and ("order_buyer_phone" in names) == mysql
    assert [i.columns for i in db.get_indexes("order") if i.name == "order_buyer_phone_id"] == [["buyer_phone", "id"]]
    assert missing_indexes(db) == []
    MIGRATIONS[30](db)
    assert {i.name for i in db.get_indexes("order")} == names
    assert Order.select().where(Order.buyer_phone == "0912345678").count() == 2


def test_step_30_indexes_the_phone_with_the_id(db, place):
    place(phone="0912345678")
    place(phone="0912345678")
    place(phone="0922000111")
    phone_index_step_runs(db)
