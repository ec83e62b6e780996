"""Faults of the set-based bulk actions (issue 11 item 7) found by a sweep against the single
services (``sweep_bulk.py``: twin databases, the selection one by one through the single
service on one, through ``orders.bulk_action`` on the other, every row and outcome compared).

* The set-based writes go through the driver's cursor (``executemany``), so the database's own
  errors there reach ``bulk_action`` as the driver's exceptions, not peewee's: a chunk the
  database refuses is not "the server refused to the end, the rest told why" — the raw error
  escapes ``bulk_action`` and the outcomes of the chunks already committed are lost (the
  runner then tells every row 沒有完成, written or not); a deadlock there is not recognised
  (``is_conflict`` knows peewee's errors only) and is not run again as the single service's is.
* An item repeating the key of an earlier item that was refused answers that refusal, where
  the single service, which keeps nothing under a refused key, runs it.
* An order twice in one selection without a version: the second is refused as "changed by"
  the clerk himself (``StaleError``) where the single service says the status no longer
  allows it (``TransitionError``) — and a chunk boundary between the two gives the latter.
"""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import peewee as pw
import pytest
from db_rows import make_shop
from test_bulk_actions import NOW, A, S, T, _drive, _place, _single, _why, twins  # noqa: F401 - the fixture

from app.domain.errors import DomainError, TransitionError
from app.models.tables import Order, PaymentMethod, StatusHistory
from app.services import orders as svc


def _kind(db) -> str:
    if isinstance(db, pw.SqliteDatabase):
        return "sqlite"
    return "pg" if isinstance(db, pw.PostgresqlDatabase) else "mysql"


def _paid_orders(n: int) -> list[int]:
    shop = make_shop()
    shop["cod"] = PaymentMethod.create(title="貨到付款", position=3, refund_channel="cod")
    ids = []
    for _ in range(n):
        oid = _place(shop, False, T(0), 350)
        _drive(oid, S.PAID, False)
        ids.append(oid)
    return ids


def _refuse_updates_of(db, order_id: int) -> None:
    """The database itself refuses any UPDATE of order ``order_id`` (a trigger raising an
    error), as a constraint, a full disk or a server-side check would."""
    kind = _kind(db)
    if kind == "sqlite":
        db.execute_sql(f'CREATE TRIGGER refuse_one BEFORE UPDATE ON "order" WHEN NEW.id = {order_id} '
                       "BEGIN SELECT RAISE(ABORT, 'refused by the database'); END")
    elif kind == "pg":
        db.execute_sql("CREATE FUNCTION refuse_one() RETURNS trigger AS $$ BEGIN "
                       "RAISE EXCEPTION 'refused by the database'; END $$ LANGUAGE plpgsql")
        db.execute_sql(f'CREATE TRIGGER refuse_one BEFORE UPDATE ON "order" FOR EACH ROW '
                       f"WHEN (NEW.id = {order_id}) EXECUTE FUNCTION refuse_one()")
    else:
        db.execute_sql(f"CREATE TRIGGER refuse_one BEFORE UPDATE ON `order` FOR EACH ROW BEGIN "
                       f"IF NEW.id = {order_id} THEN SIGNAL SQLSTATE '45000' "
                       "SET MESSAGE_TEXT = 'refused by the database'; END IF; END")


def _confirms(oid: int) -> int:
    return StatusHistory.select().where((StatusHistory.order == oid)
                                        & (StatusHistory.action == "CONFIRM_PAYMENT")).count()


def test_a_chunk_the_database_refuses_stops_there_and_the_chunks_written_are_told_done(anydb, monkeypatch):
    """Six orders in chunks of two; the database refuses the fifth's UPDATE.  The first two
    chunks are committed: their orders are told done; the third chunk is rolled back whole
    (nothing half-written) and its orders are told why — ``bulk_action`` returns, it does not
    raise the driver's error (which lost the four outcomes: the clerk was told none was done)."""
    ids = _paid_orders(6)
    # The single service refuses the same order with peewee's error (not a DomainError).
    _refuse_updates_of(anydb, ids[4])
    with pytest.raises(pw.DatabaseError):
        svc.confirm_payment(ids[4], operator="店員甲", now=NOW)
    monkeypatch.setattr(svc, "BULK_CHUNK", 2)
    out = svc.bulk_action(A.CONFIRM_PAYMENT, [(i, None, None) for i in ids], operator="店員甲", now=NOW)
    assert [o.order_id for o in out] == ids
    assert [o.ok for o in out] == [True] * 4 + [False] * 2
    assert all(isinstance(o.error, pw.DatabaseError) for o in out[4:])
    assert [Order.get_by_id(i).status for i in ids] == ["AWAITING_SHIPMENT"] * 4 + ["PAID"] * 2
    assert [_confirms(i) for i in ids] == [1, 1, 1, 1, 0, 0]  # written once, or not at all


def test_a_deadlock_in_the_set_based_write_is_run_again_as_the_single_services_is(anydb):
    """Another transaction holds the tab counter's row the bulk's UPDATE (its trigger) needs,
    then asks for one of the orders the bulk locked: a deadlock, the bulk's transaction the
    one rolled back.  ``survives_server`` runs a deadlocked transaction again (BUSY); the
    bulk's chunk must be too — every order confirmed once — not fail with the driver's
    deadlock error."""
    kind = _kind(anydb)
    if kind == "sqlite":
        pytest.skip("one writer at a time: no deadlock on SQLite")
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).with_name("server")))
    from server_db import _admin_connection

    ids = _paid_orders(4)
    # one order already awaiting shipment: the counter row (store, AWAITING_SHIPMENT) exists
    svc.confirm_payment(ids[-1], operator="乙", now=NOW - timedelta(hours=1))
    ids = ids[:-1]
    store = Order.get_by_id(ids[0]).store_id
    other = _admin_connection(kind, anydb.server_url)
    try:
        cur = other.cursor()
        if kind == "mysql":
            other.autocommit(False)
            cur.execute("CREATE TABLE weight (x INT)")
            cur.execute("BEGIN")
            # the heavier transaction: InnoDB rolls back the lighter one (the bulk's)
            cur.execute("INSERT INTO weight SELECT seq FROM seq_1_to_5000")
        else:
            other.autocommit = False
        cur.execute(f"UPDATE order_status_count SET n = n WHERE store_id = {store} "
                    "AND status = 'AWAITING_SHIPMENT'")
        got = {}

        def desk():
            try:
                got["out"] = svc.bulk_action(A.CONFIRM_PAYMENT, [(i, None, None) for i in ids],
                                             operator="店員甲", now=NOW)
            except BaseException as exc:  # noqa: BLE001 - asserted below
                got["error"] = exc

        t = threading.Thread(target=desk)
        t.start()
        time.sleep(0.7)  # the bulk holds the orders and waits for the counter's row
        q = '"' if kind == "pg" else "`"
        cur.execute(f"SELECT id FROM {q}order{q} WHERE id = {ids[0]} FOR UPDATE")  # the cycle
        time.sleep(0.5)
        other.rollback()
    finally:
        other.close()
    t.join(60)
    assert "error" not in got, repr(got.get("error"))
    assert [o.ok for o in got["out"]] == [True] * len(ids)
    assert [Order.get_by_id(i).status for i in ids] == ["AWAITING_SHIPMENT"] * len(ids)
    assert [_confirms(i) for i in ids] == [1] * len(ids)


def test_an_item_repeating_a_refused_items_key_is_run_as_the_single_service_runs_it(twins):  # noqa: F811
    """The same order twice under one key: first with a stale version (refused: nothing is
    kept under the key), then with the current one.  The single service, called so, refuses
    the first and confirms the second; the bulk answered the second with the first's
    refusal and left the order unconfirmed."""
    pairs = twins([(S.PAID, False, False, None, 0, 4)])
    one, twin, _case = pairs[0]
    single = _single(A.CONFIRM_PAYMENT)
    v = Order.get_by_id(one).version
    expected = []
    for version in (v - 1, v):
        try:
            single(one, None, version, "k-same")
            expected.append(None)
        except DomainError as err:
            expected.append(_why(err, one))
    assert expected[1] is None and Order.get_by_id(one).status == "AWAITING_SHIPMENT"
    out = svc.bulk_action(A.CONFIRM_PAYMENT, [(twin, v - 1, None, "k-bulk"), (twin, v, None, "k-bulk")],
                          operator="店員甲", now=NOW)
    assert [None if o.ok else _why(o.error, twin) for o in out] == expected
    assert Order.get_by_id(twin).status == "AWAITING_SHIPMENT"


@pytest.mark.parametrize("chunk", [500, 1])
def test_an_order_twice_without_a_version_is_refused_as_the_single_service_refuses_it(
        twins, monkeypatch, chunk):  # noqa: F811
    """Without a version ("any"), the second of an order twice in one selection finds it moved
    on: the single service, called twice, says the status no longer allows the action; the
    bulk said another clerk — the clerk himself — had changed it (StaleError), and only when
    both fell in one chunk."""
    monkeypatch.setattr(svc, "BULK_CHUNK", chunk)
    pairs = twins([(S.PAID, False, False, None, 0, 4)])
    one, twin, _case = pairs[0]
    single = _single(A.CONFIRM_PAYMENT)
    single(one, None, None)
    with pytest.raises(TransitionError) as second:
        single(one, None, None)
    out = svc.bulk_action(A.CONFIRM_PAYMENT, [(twin, None, None), (twin, None, None)], operator="店員甲",
                          now=NOW)
    assert out[0].ok
    assert _why(out[1].error, twin) == _why(second.value, one)
