"""The services on a shared PostgreSQL or MariaDB server (issue 7): the essential scenarios of
``tests/test_services_orders.py`` and ``tests/test_services_cancellations.py``, the schema's
migrations and its database-level rules, each run on both servers in a fresh database.
"""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import peewee
import pytest
from server_db import fresh_database

from app.domain.errors import StaleError, TransitionError, ValidationError
from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.machines import next_order_status
from app.domain.statuses import CancelStatus, OrderAction, OrderStatus
from app.models import migrations
from app.models.db import connect, database, write_transaction
from app.models.migrations import LATEST, MIGRATIONS, current_version
from app.models.tables import (
    ALL_TABLES,
    CancellationRequest,
    MethodHistory,
    Order,
    OrderItem,
    PaymentMethod,
    PaymentNotice,
    StatusHistory,
)
from app.services import cancellations as cs
from app.services import orders as svc
from app.services import shop_clock
from app.services.common import move_order

S = OrderStatus
A = OrderAction
C = CancelStatus

ORDER_AT = datetime(2024, 5, 1, 2, 0, 0)
TOTAL = 820  # 2 x 350 + 120 shipping
NOTICE = Notice(date(2024, 5, 1), TOTAL, "12345", "晚上轉帳")
SHIPMENT = ShipInput(date(2024, 5, 3), "黑貓宅急便", "TW-0001")
REMIT = Remittance("812", "台北分行", "1234-5678-9012", "王小明")


def T(hours: float) -> datetime:  # noqa: N802 - a clock, read as "time + n hours"
    return ORDER_AT + timedelta(hours=hours)


@pytest.fixture(autouse=True)
def desktop_in_utc(monkeypatch):
    """The dates here are chosen for a desktop and a shop on UTC."""
    monkeypatch.setattr(shop_clock, "shop_zone", lambda: ZoneInfo("UTC"))
    if hasattr(time, "tzset"):
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
    yield
    monkeypatch.undo()
    if hasattr(time, "tzset"):
        time.tzset()


def snapshot() -> dict:
    """Every row of every table, to prove that a refused action wrote nothing."""
    return {m.__name__: list(m.select().order_by(m.id).dicts())
            for m in [*ALL_TABLES, MethodHistory]}


def history(order_id: int, machine: str | None = None) -> list[StatusHistory]:
    q = StatusHistory.select().where(StatusHistory.order == order_id)
    if machine:
        q = q.where(StatusHistory.machine == machine)
    return list(q.order_by(StatusHistory.id))


def order_row(order_id: int) -> Order:
    return Order.get_by_id(order_id)


def req_row(request_id: int) -> CancellationRequest:
    return CancellationRequest.get_by_id(request_id)


def replay(order_id: int) -> OrderStatus:
    """The order's history run through the state machine; must end at the order's status."""
    rows = history(order_id, "order")
    assert (rows[0].action, rows[0].from_status) == (A.PLACE, None)
    status = OrderStatus(rows[0].to_status)
    before_request = None
    for row in rows[1:]:
        assert row.from_status == status
        if row.action in (A.REQUEST_CANCEL_CLERK, A.REQUEST_CANCEL_CUSTOMER):
            before_request = status
        status = next_order_status(status, OrderAction(row.action), restore_to=before_request)
        assert status == row.to_status
    return status


STEPS = {
    S.UNPAID: [],
    S.PAID: ["pay"],
    S.AWAITING_SHIPMENT: ["pay", "confirm"],
    S.OUT_OF_STOCK: ["pay", "confirm", "oos"],
    S.COMPLETED: ["pay", "confirm", "ship"],
}


def drive(order_id: int, target: OrderStatus, operator: str = "店員甲") -> int:
    for i, step in enumerate(STEPS[target], start=1):
        now = T(24 * i)
        if step == "pay":
            svc.record_payment_notice(order_id, NOTICE, operator=operator, now=now)
        elif step == "confirm":
            svc.confirm_payment(order_id, operator=operator, now=now)
        elif step == "oos":
            svc.mark_out_of_stock(order_id, "缺貨中", operator=operator, now=now)
        elif step == "ship":
            svc.ship(order_id, SHIPMENT, operator=operator, now=now)
    assert order_row(order_id).status == target
    return order_id


def file(order_id: int, *, by=cs.CUSTOMER, operator="顧客", now=None):
    paid = order_row(order_id).status != S.UNPAID
    return cs.request_cancellation(order_id, CancellationInput("不想要了", REMIT if paid else None),
                                   operator=operator, by=by, now=now or T(100))


@pytest.fixture
def order_in(place):
    def _make(status: OrderStatus) -> int:
        return drive(place(order_date=ORDER_AT), status)

    return _make


# --- migrations --------------------------------------------------------------------------


@pytest.fixture
def spied_steps(monkeypatch):
    ran: list[int] = []
    for n, step in list(MIGRATIONS.items()):
        def spy(db, _n=n, _step=step):
            ran.append(_n)
            return _step(db)

        monkeypatch.setitem(MIGRATIONS, n, spy)
    return ran


def test_a_fresh_database_reaches_latest_and_a_second_connect_runs_no_step(server_kind, spied_steps):
    with fresh_database(server_kind) as url:
        db = connect(url)
        try:
            assert spied_steps == list(range(1, LATEST + 1))
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
    for n in range(1, LATEST + 1):
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


# --- placing an order --------------------------------------------------------------------


def test_place_order(shop):
    ch = svc.place_order(
        store_id=shop["store"].id,
        buyer=svc.Buyer(" 王小明 ", "0912345678", "a@example.com", "台北市信義區"),
        items=[svc.Item("藍牙耳機", 2, 350, "黑色"), svc.Item("充電線", 1, 99)],
        payment_method_id=shop["atm"].id,
        shipping_method_id=shop["post"].id,
        operator="店員甲",
        order_date=ORDER_AT,
    )
    o = order_row(ch.order_id)
    assert (o.order_no, o.status, o.order_date, o.buyer_name, o.delivery_address) == (
        "O2024050100001", "UNPAID", ORDER_AT, "王小明", "台北市信義區")
    assert (o.payment_method_name, o.shipping_method_name, o.shipping_method_fee) == ("ATM 轉帳", "郵寄", 65)
    assert (o.subtotal, o.shipping_fee, o.total, o.version) == (799, 65, 864, 1)
    assert (o.updated_at, o.updated_by, o.ship_date, o.status_before_cancel) == (ORDER_AT, "店員甲", None, None)
    items = list(OrderItem.select().where(OrderItem.order == o.id).order_by(OrderItem.id))
    assert [(i.product, i.options, i.quantity, i.unit_price) for i in items] == [
        ("藍牙耳機", "黑色", 2, 350), ("充電線", "", 1, 99)]
    (h,) = history(o.id)
    assert (h.machine, h.from_status, h.to_status, h.action, h.operator, h.at, h.cancellation_id) == (
        "order", None, "UNPAID", "PLACE", "店員甲", ORDER_AT, None)
    assert h.input_data == {"subtotal": 799, "shipping_fee": 65, "total": 864}
    assert (ch.order_from, ch.order_to, ch.order_version, ch.history_ids) == (None, "UNPAID", 1, (h.id,))


def test_order_numbers_run_on_within_the_day_and_restart_the_next(place):
    a, b = place(order_date=T(0)), place(order_date=T(1))
    c = place(order_date=T(24))
    assert [order_row(x).order_no for x in (a, b, c)] == [
        "O2024050100001", "O2024050100002", "O2024050200001"]


# --- the order actions -------------------------------------------------------------------


def test_every_order_action_on_the_way_to_completed(placed_order):
    oid = placed_order
    ch = svc.record_payment_notice(oid, NOTICE, operator=" 店員乙 ", expected_version=1, now=T(1))
    o = order_row(oid)
    assert (o.status, o.version, o.updated_by, o.updated_at) == ("PAID", 2, "店員乙", T(1))
    n = PaymentNotice.get(PaymentNotice.order == oid)
    assert (n.transfer_date, n.amount, n.account_last5, n.note, n.recorded_at, n.recorded_by) == (
        date(2024, 5, 1), TOTAL, "12345", "晚上轉帳", T(1), "店員乙")
    assert (ch.order_from, ch.order_to, ch.order_version) == ("UNPAID", "PAID", 2)

    svc.confirm_payment(oid, operator="店員乙", expected_version=2, now=T(2))
    h = history(oid)[-1]
    assert (h.action, h.from_status, h.to_status, h.at) == ("CONFIRM_PAYMENT", "PAID", "AWAITING_SHIPMENT", T(2))
    assert h.input_data == {"total": TOTAL, "notice_amount": TOTAL}

    svc.mark_out_of_stock(oid, " 缺貨 ", operator="店員乙", expected_version=3, now=T(3))
    assert (order_row(oid).status, order_row(oid).out_of_stock_reason) == ("OUT_OF_STOCK", "缺貨")
    svc.back_to_awaiting_shipment(oid, operator="店員乙", expected_version=4, now=T(4))
    assert order_row(oid).status == "AWAITING_SHIPMENT"

    ch = svc.ship(oid, SHIPMENT, operator="店員丙", expected_version=5, now=T(50))
    o = order_row(oid)
    assert (o.status, o.ship_date, o.carrier, o.tracking_no, o.version, o.updated_by, o.updated_at) == (
        "COMPLETED", date(2024, 5, 3), "黑貓宅急便", "TW-0001", 6, "店員丙", T(50))
    assert ch.order_version == 6
    assert [h.action for h in history(oid)] == [
        "PLACE", "RECORD_PAYMENT", "CONFIRM_PAYMENT", "OUT_OF_STOCK", "BACK_TO_AWAITING", "SHIP"]
    assert [h.at for h in history(oid)] == [ORDER_AT, T(1), T(2), T(3), T(4), T(50)]
    assert replay(oid) == S.COMPLETED


@pytest.fixture
def placed_order(place):
    return place(order_date=ORDER_AT)


REFUSED = [
    (lambda oid: svc.confirm_payment(oid, operator="店員甲", now=T(9)), S.UNPAID),
    (lambda oid: svc.ship(oid, SHIPMENT, operator="店員甲", now=T(99)), S.PAID),
    (lambda oid: svc.record_payment_notice(oid, NOTICE, operator="店員甲", now=T(99)), S.COMPLETED),
    (lambda oid: svc.back_to_awaiting_shipment(oid, operator="店員甲", now=T(99)), S.AWAITING_SHIPMENT),
]


@pytest.mark.parametrize(("call", "status"), REFUSED, ids=["confirm", "ship", "pay", "back"])
def test_a_refused_transition_writes_nothing(order_in, call, status):
    oid = order_in(status)
    before = snapshot()
    with pytest.raises(TransitionError):
        call(oid)
    assert snapshot() == before


def test_bad_input_writes_nothing(order_in):
    oid = order_in(S.AWAITING_SHIPMENT)
    before = snapshot()
    with pytest.raises(ValidationError):
        svc.ship(oid, ShipInput(date(2024, 4, 1), "黑貓", "X"), operator="店員甲", now=T(99))
    with pytest.raises(ValidationError):
        svc.mark_out_of_stock(oid, "  ", operator="店員甲", now=T(99))
    assert snapshot() == before


def test_a_stale_expected_version_is_refused_naming_who_and_when(order_in):
    oid = order_in(S.PAID)
    seen = order_row(oid).version
    svc.confirm_payment(oid, operator="店員乙", expected_version=seen, now=T(100))
    before = snapshot()
    with pytest.raises(StaleError) as excinfo:
        svc.confirm_payment(oid, operator="店員甲", expected_version=seen, now=T(101))
    assert (excinfo.value.changed_by, excinfo.value.changed_at) == ("店員乙", T(100))
    assert "店員乙" in str(excinfo.value)
    assert snapshot() == before


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
            move_order(seen, S.PAID, operator="店員甲", now=T(2))
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


def test_two_clerks_at_once_exactly_one_succeeds(order_in):
    oid = order_in(S.PAID)
    seen = order_row(oid).version
    barrier = threading.Barrier(2)
    results: dict[str, object] = {}

    def clerk(name):
        try:
            barrier.wait()
            results[name] = svc.confirm_payment(oid, operator=name, expected_version=seen)
        except Exception as e:  # noqa: BLE001 - recorded for the assertions below
            results[name] = e
        finally:
            if not database.is_closed():
                database.close()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in ("店員甲", "店員乙")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    wins = [n for n, r in results.items() if not isinstance(r, Exception)]
    losses = [r for r in results.values() if isinstance(r, Exception)]
    assert len(wins) == 1 and len(losses) == 1, results
    assert isinstance(losses[0], StaleError), results
    assert losses[0].changed_by == wins[0]
    o = order_row(oid)
    assert (o.status, o.version, o.updated_by) == ("AWAITING_SHIPMENT", seen + 1, wins[0])
    assert [h.action for h in history(oid)].count("CONFIRM_PAYMENT") == 1


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


# --- the four cancellation paths ---------------------------------------------------------


def test_path_shipped_and_paid(order_in):
    oid = order_in(S.COMPLETED)
    ch = file(oid)
    rid = ch.cancellation_id
    r = req_row(rid)
    assert (r.status, r.paid, r.shipped, r.refund_due, r.order_status_before) == (
        "PENDING_REVIEW", True, True, TOTAL, "COMPLETED")
    assert r.paid is True and r.shipped is True  # booleans, not 1 / 0
    assert (r.bank_code, r.account_number, r.account_name) == ("812", "123456789012", "王小明")
    assert order_row(oid).status == "CANCELLING"
    assert [h.machine for h in history(oid)][-2:] == ["order", "cancellation"]

    cs.approve_cancellation(rid, "CS-1", operator="店員乙", expected_version=1, now=T(101))
    assert req_row(rid).status == "AWAITING_RETURN"
    cs.return_failed(rid, invoice_returned=False, goods_intact=True, reason="未收到",
                     operator="店員乙", expected_version=2, now=T(102))
    r = req_row(rid)
    assert (r.status, r.invoice_returned, r.goods_intact) == ("RETURN_FAILED", False, True)
    assert r.invoice_returned is False and r.goods_intact is True
    cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙",
                   expected_version=3, now=T(103))
    assert req_row(rid).status == "REFUND_PENDING"
    ch = cs.refund_done(rid, refund_date=date(2024, 5, 6), amount=None, reference="TX-9",
                        operator="店員丙", expected_version=4, now=T(104))
    r, o = req_row(rid), order_row(oid)
    assert (r.status, r.refunded_amount, r.refund_date, r.completed_at) == (
        "COMPLETED", TOTAL, date(2024, 5, 6), T(104))
    assert (o.status, o.status_before_cancel, o.updated_by) == ("CANCELLED", "COMPLETED", "店員丙")
    assert (ch.order_from, ch.order_to, ch.cancel_from, ch.cancel_to) == (
        "CANCELLING", "CANCELLED", "REFUND_PENDING", "COMPLETED")
    assert [h.action for h in history(oid, "cancellation")] == [
        "FILE", "APPROVE", "RETURN_FAILED", "RETURN_DONE", "REFUND_DONE"]
    assert replay(oid) == S.CANCELLED


def test_path_unshipped_paid_with_a_failed_refund(order_in):
    oid = order_in(S.AWAITING_SHIPMENT)
    rid = file(oid).cancellation_id
    cs.approve_cancellation(rid, "CS-2", operator="店員乙", now=T(101))
    assert req_row(rid).status == "REFUND_PENDING"
    cs.refund_failed(rid, refund_date=date(2024, 5, 6), amount="NT$820", reference="TX-1",
                     reason="戶名不符", operator="店員乙", expected_version=2, now=T(102))
    assert (req_row(rid).status, req_row(rid).refund_fail_reason) == ("REFUND_FAILED", "戶名不符")
    cs.refund_done(rid, refund_date=date(2024, 5, 7), amount=500, reference="TX-2",
                   operator="店員乙", expected_version=3, now=T(103))
    r = req_row(rid)
    assert (r.status, r.refunded_amount, r.refund_fail_reason) == ("COMPLETED", 500, None)
    assert order_row(oid).status == "CANCELLED"
    assert replay(oid) == S.CANCELLED


def test_path_unpaid_completes_at_once(order_in):
    oid = order_in(S.UNPAID)
    rid = file(oid).cancellation_id
    assert req_row(rid).paid is False
    ch = cs.approve_cancellation(rid, "CS-3", operator="店員乙", now=T(101))
    r = req_row(rid)
    assert (r.status, r.decision, r.completed_at, r.refund_due) == ("COMPLETED", "approved", T(101), 0)
    assert order_row(oid).status == "CANCELLED"
    assert (ch.order_from, ch.order_to, ch.cancel_to) == ("CANCELLING", "CANCELLED", "COMPLETED")


@pytest.mark.parametrize("before", [S.PAID, S.OUT_OF_STOCK], ids=str)
def test_path_reject_restores_the_status_before(order_in, before):
    oid = order_in(before)
    by = cs.CLERK if before is S.OUT_OF_STOCK else cs.CUSTOMER
    rid = file(oid, by=by, operator="店員甲").cancellation_id
    assert req_row(rid).requested_by == by
    cs.reject_cancellation(rid, "CS-4", "已超過鑑賞期", operator="店員乙", expected_version=1, now=T(101))
    r, o = req_row(rid), order_row(oid)
    assert (r.status, r.decision, r.reject_reason, r.reviewed_by) == (
        "REJECTED", "rejected", "已超過鑑賞期", "店員乙")
    assert (o.status, o.status_before_cancel) == (before, None)
    assert replay(oid) == before


def test_a_stale_review_is_refused_and_writes_nothing(order_in):
    oid = order_in(S.PAID)
    rid = file(oid).cancellation_id
    cs.approve_cancellation(rid, "CS-A", operator="店員乙", expected_version=1, now=T(120))
    before = snapshot()
    with pytest.raises(StaleError) as excinfo:
        cs.reject_cancellation(rid, "CS-B", "no", operator="店員丙", expected_version=1, now=T(121))
    assert (excinfo.value.changed_by, excinfo.value.changed_at) == ("店員乙", T(120))
    with pytest.raises(TransitionError):
        cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員丙", now=T(122))
    with pytest.raises(TransitionError):
        file(oid)
    assert snapshot() == before


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
