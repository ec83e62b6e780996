"""The services on a shared PostgreSQL or MariaDB server (issue 7): what only a server can get
wrong — its migrations, its database-level rules, its transactions seen from other
connections, the booleans it stores — each run on both servers.

The scenarios of ``tests/test_services_orders.py`` and ``tests/test_services_cancellations.py``
run on both servers as they are, through ``tests/server_actions/``.
"""

from __future__ import annotations

import threading

import peewee
import pytest
from db_rows import history, order_row, req_row, snapshot
from server_db import fresh_database
from test_services_cancellations import NOTICE, ORDER_AT, T, drive, file

from app.domain.errors import StaleError
from app.domain.statuses import OrderAction, OrderStatus
from app.models import migrations
from app.models.db import connect, database, write_transaction
from app.models.migrations import LATEST, MIGRATIONS, current_version
from app.models.tables import ALL_TABLES, MethodHistory, Order, PaymentMethod, StatusHistory
from app.services import cancellations as cs
from app.services import orders as svc
from app.services import writes
from app.services.common import order_state, write_step

S = OrderStatus

#: The dates here are chosen for a desktop on UTC.
pytestmark = pytest.mark.usefixtures("desktop_in_utc")


# --- migrations --------------------------------------------------------------------------


def test_a_fresh_database_reaches_latest_and_a_second_connect_runs_no_step(server_kind, spied_steps):
    with fresh_database(server_kind) as url:
        db = connect(url)
        try:
            assert spied_steps == sorted(MIGRATIONS)
            assert current_version(db) == LATEST
            for model in [*ALL_TABLES, MethodHistory]:
                assert model.table_exists(), model.__name__
            spied_steps.clear()
            db = connect(url)
            assert spied_steps == []
            assert current_version(db) == LATEST
            assert list(db.execute_sql("SELECT version FROM schema_version").fetchall()) == [(LATEST,)]
        finally:
            db.close()


def test_every_step_may_run_again(server_db):
    """MariaDB commits each DDL statement at once, so a step cut short cannot be rolled
    back: it must be able to run again over what it already did."""
    for n in sorted(MIGRATIONS):
        with server_db.atomic():
            MIGRATIONS[n](server_db)
    assert current_version(server_db) == LATEST
    assert migrations.migrate_to_latest(server_db) == []


# --- database-level rules ----------------------------------------------------------------


@pytest.mark.parametrize("table", ["status_history", "method_history"])
@pytest.mark.parametrize("verb", ["UPDATE", "DELETE"])
def test_history_is_append_only(server_db, place, table, verb):
    oid = place(order_date=ORDER_AT)
    MethodHistory.insert(kind="payment", method_id=1, action="add", operator="店員甲",
                         at=ORDER_AT).execute()
    before = snapshot()
    sql = {"UPDATE": f"UPDATE {table} SET operator = 'x'", "DELETE": f"DELETE FROM {table}"}[verb]
    with pytest.raises(peewee.DatabaseError, match="append-only"):
        with server_db.atomic():
            server_db.execute_sql(sql)
    assert snapshot() == before
    assert history(oid)[0].operator == "店員甲"


def test_a_referenced_payment_method_cannot_be_deleted(shop, place):
    place(order_date=ORDER_AT)  # pays by ATM
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            PaymentMethod.delete().where(PaymentMethod.id == shop["atm"].id).execute()
    assert PaymentMethod.get_or_none(PaymentMethod.id == shop["atm"].id) is not None
    # One no order refers to goes.
    assert PaymentMethod.delete().where(PaymentMethod.id == shop["card"].id).execute() == 1


def test_active_method_titles_are_unique_but_archived_ones_may_repeat(shop):
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            PaymentMethod.create(title="ATM 轉帳", position=9)
    PaymentMethod.update(archived=True).where(PaymentMethod.id == shop["atm"].id).execute()
    again = PaymentMethod.create(title="ATM 轉帳", position=9)
    assert PaymentMethod.select().where(PaymentMethod.title == "ATM 轉帳").count() == 2
    with pytest.raises(peewee.IntegrityError):
        with database.atomic():
            PaymentMethod.update(archived=False).where(PaymentMethod.id == shop["atm"].id).execute()
    assert not PaymentMethod.get_by_id(again.id).archived


# --- transactions seen from other connections ---------------------------------------


@pytest.fixture
def placed_order(place):
    return place(order_date=ORDER_AT)


def test_a_screen_loaded_before_another_clerks_commit_is_stale(placed_order):
    """The conditional UPDATE sees the other clerk's committed row even though this
    transaction read the order before it (and the error names that clerk)."""
    oid = placed_order
    other: list = []
    with pytest.raises(StaleError) as excinfo:
        with write_transaction():
            seen = order_row(oid)  # this transaction's first read
            t = threading.Thread(target=_pay_in_another_connection, args=(oid, other))
            t.start()
            t.join(30)
            assert other == ["ok"]
            write_step(writes.order_step(order_state(seen), OrderAction.RECORD_PAYMENT, NOTICE,
                                         operator="店員甲", at=T(2)), seen)
    assert (excinfo.value.changed_by, excinfo.value.changed_at) == ("店員乙", T(1))
    o = order_row(oid)
    assert (o.status, o.version, o.updated_by) == ("PAID", 2, "店員乙")
    assert [h.action for h in history(oid)] == ["PLACE", "RECORD_PAYMENT"]


def _pay_in_another_connection(oid, out):
    try:
        svc.record_payment_notice(oid, NOTICE, operator="店員乙", now=T(1))
        out.append("ok")
    except Exception as e:  # noqa: BLE001 - asserted by the caller
        out.append(e)
    finally:
        if not database.is_closed():
            database.close()


def test_clerks_placing_orders_at_once_get_distinct_numbers(shop):
    """Order numbers come from the day's last one: two clerks placing at once compute the
    same next number; the loser takes the following one instead of failing."""
    n_threads, per_thread = 4, 5
    barrier = threading.Barrier(n_threads)
    errors: list = []

    def clerk(i):
        try:
            barrier.wait()
            for _ in range(per_thread):
                svc.place_order(store_id=shop["store"].id, buyer=svc.Buyer(f"買家{i}"),
                                items=[svc.Item("藍牙耳機", 1, 350)],
                                payment_method_id=shop["atm"].id,
                                shipping_method_id=shop["home"].id,
                                operator=f"店員{i}", order_date=ORDER_AT)
        except Exception as e:  # noqa: BLE001 - asserted below
            errors.append(e)
        finally:
            if not database.is_closed():
                database.close()

    threads = [threading.Thread(target=clerk, args=(i,)) for i in range(n_threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    numbers = sorted(o.order_no for o in Order.select(Order.order_no))
    assert numbers == [f"O20240501{n:05d}" for n in range(1, n_threads * per_thread + 1)]
    assert StatusHistory.select().count() == n_threads * per_thread


# --- what the server stores ------------------------------------------------------------


def test_the_request_flags_read_back_as_booleans(place):
    """MariaDB stores booleans as TINYINT: the request's flags must read back as ``True`` /
    ``False``, not 1 / 0 (the service tests compare with ``==``, which 1 passes too)."""
    oid = drive(place(order_date=ORDER_AT), S.COMPLETED)
    rid = file(oid).cancellation_id
    r = req_row(rid)
    assert r.paid is True and r.shipped is True  # booleans, not 1 / 0
    cs.approve_cancellation(rid, "CS-1", operator="店員乙", expected_version=1, now=T(101))
    cs.return_failed(rid, invoice_returned=False, goods_intact=True, reason="未收到",
                     operator="店員乙", expected_version=2, now=T(102))
    r = req_row(rid)
    assert r.invoice_returned is False and r.goods_intact is True
    unpaid = file(place(order_date=ORDER_AT)).cancellation_id
    assert req_row(unpaid).paid is False


# --- the lists' search -------------------------------------------------------------------


def test_search_by_order_number_and_phone_prefix(place):
    from app.domain.tabs import OrderTab
    from app.services.queries import OrderFilter, count_orders, fetch_orders

    a = place(order_date=T(0), phone="0912345678")
    b = place(order_date=T(1), phone="0987654321")
    c = place(order_date=T(24), phone="0912000000")

    def found(text):
        rows, _ = fetch_orders(OrderFilter(search=text))
        return sorted(r.id for r in rows)

    assert found("O20240501") == [a, b]
    assert found("o2024050100002") == [b]
    assert found("O202405") == [a, b, c]
    assert found("0912") == [a, c]
    assert found("0912-345") == [a]
    assert found("王小") == [a, b, c]
    assert count_orders(OrderFilter(search="O20240501"))[OrderTab.ALL] == 2
