"""Random sequences of order and cancellation actions against a small model.

Each Hypothesis example gets its own SQLite file (function-scoped fixtures are not reset
between examples).  Actions include stale ones (an old ``expected_version``) and ones the
status does not allow; a refused action must change nothing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from app.domain.errors import StaleError, TransitionError, ValidationError
from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.machines import next_order_status, order_status_for_request
from app.domain.statuses import CancelStatus, OrderAction, OrderStatus
from app.models.db import connect, sqlite_url
from app.models.tables import Order, PaymentMethod, ShippingMethod, Store
from app.services import cancellations as cs
from app.services import orders as svc

S = OrderStatus
C = CancelStatus

ORDER_AT = datetime(2024, 5, 1, 2, 0)
#: A memory-backed temp dir when there is one: each example writes a few hundred small
#: transactions, and on a disk their fsyncs are most of the run time.
FAST_TMP = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
TODAY = date(2024, 6, 30)
#: The customer's notice is for the whole total, or (a shortfall) for NT$100 of it.
SHORT = 100
SHIPMENT = ShipInput(date(2024, 5, 3), "黑貓", "TW-1")
REMIT = Remittance("812", "台北分行", "123456789012", "王小明")

# --- the model's own tables (docs/PRODUCT.md §3 and §4, written out again) --------------------

ORDER_NEXT = {
    ("pay", S.UNPAID): S.PAID,
    ("confirm", S.PAID): S.AWAITING_SHIPMENT,
    ("ship", S.AWAITING_SHIPMENT): S.COMPLETED,
    ("oos", S.AWAITING_SHIPMENT): S.OUT_OF_STOCK,
    ("back", S.OUT_OF_STOCK): S.AWAITING_SHIPMENT,
}
CUSTOMER_FROM = {S.UNPAID, S.PAID, S.AWAITING_SHIPMENT, S.OUT_OF_STOCK, S.COMPLETED}
CLERK_FROM = {S.OUT_OF_STOCK}
PAID_FROM = {S.PAID, S.AWAITING_SHIPMENT, S.OUT_OF_STOCK, S.COMPLETED}


def outcome(call, *, stale: bool, to, refused: str | None = None):
    """Make the call and check the order every action refuses in: a stale version first, then
    a move its status does not allow (``to`` is None), then the input ``refused`` names.  The
    change when it was made, else None."""
    try:
        ch = call()
    except StaleError:
        assert stale
        return None
    except TransitionError:
        assert not stale and to is None
        return None
    except ValidationError as e:
        assert not stale and to is not None and refused is not None
        assert e.field == refused
        return None
    assert not stale and to is not None and refused is None
    return ch


def cancel_next(status: CancelStatus, action: str, shipped: bool, paid: bool) -> CancelStatus | None:
    if status is C.PENDING_REVIEW and action == "approve":
        return C.AWAITING_RETURN if shipped else C.REFUND_PENDING if paid else C.COMPLETED
    if status is C.PENDING_REVIEW and action == "reject":
        return C.REJECTED
    if status in (C.AWAITING_RETURN, C.RETURN_FAILED) and action == "return_done":
        return C.REFUND_PENDING if paid else C.COMPLETED
    if status is C.AWAITING_RETURN and action == "return_failed":
        return C.RETURN_FAILED
    if status in (C.REFUND_PENDING, C.REFUND_FAILED) and action in ("refund_done", "refund_too_much"):
        return C.COMPLETED
    if status is C.REFUND_PENDING and action == "refund_failed":
        return C.REFUND_FAILED
    # Issue 19: 【結案】, partial refunds and their write-off, the payee account corrected.
    if status in (C.AWAITING_RETURN, C.RETURN_FAILED) and action == "close_refund":
        return C.REFUND_PENDING if paid else C.COMPLETED
    if status in (C.AWAITING_RETURN, C.RETURN_FAILED) and action == "close_no_refund":
        return C.CLOSED
    if status in (C.REFUND_PENDING, C.REFUND_FAILED) and action == "refund_partial":
        return C.REFUND_PENDING
    if status in (C.REFUND_PENDING, C.REFUND_FAILED) and action == "write_off":
        return C.COMPLETED
    if status in (C.REFUND_PENDING, C.REFUND_FAILED) and action == "correct_account":
        return status
    return None


@dataclass
class ModelRequest:
    id: int
    status: CancelStatus
    before: OrderStatus
    paid: bool
    shipped: bool
    due: int = 0
    unconfirmed: bool = False
    refunded: int = 0
    version: int = 1

    @property
    def outstanding(self) -> int:
        return self.due - self.refunded


@dataclass
class ModelOrder:
    id: int
    total: int
    status: OrderStatus = S.UNPAID
    version: int = 1
    history: int = 1
    requests: list[ModelRequest] = field(default_factory=list)
    notice: int | None = None
    confirmed: int | None = None


def order_call(action: str, order_id: int, *, amount: int, reason: str | None, **kw):
    if action == "pay":
        return svc.record_payment_notice(order_id, Notice(date(2024, 5, 1), amount, "12345"), **kw)
    if action == "confirm":
        return svc.confirm_payment(order_id, shortfall_reason=reason, **kw)
    if action == "ship":
        return svc.ship(order_id, SHIPMENT, today=TODAY, **kw)
    if action == "oos":
        return svc.mark_out_of_stock(order_id, "缺貨", **kw)
    return svc.back_to_awaiting_shipment(order_id, **kw)


def cancel_call(action: str, request_id: int, refund_due: int, arrived: bool | None, **kw):
    if action == "approve":
        return cs.approve_cancellation(request_id, "CS-1", money_arrived=arrived, **kw)
    if action == "close_refund":
        return cs.close_request(request_id, refund=True, reason="逾期未寄回", **kw)
    if action == "close_no_refund":
        return cs.close_request(request_id, refund=False, reason="逾期未寄回", **kw)
    if action == "refund_partial":
        return cs.refund_done(request_id, refund_date=date(2024, 6, 1), amount=1, reference="TX",
                              partial_reason="先退一元", **kw)
    if action == "write_off":
        return cs.write_off(request_id, "折損", **kw)
    if action == "correct_account":
        return cs.correct_account(request_id, REMIT, **kw)
    if action == "reject":
        return cs.reject_cancellation(request_id, "CS-1", "不符規定", **kw)
    if action == "return_done":
        return cs.return_done(request_id, invoice_returned=True, goods_intact=True, **kw)
    if action == "return_failed":
        return cs.return_failed(request_id, invoice_returned=False, goods_intact=True,
                                reason="未寄回", **kw)
    if action == "refund_done":
        return cs.refund_done(request_id, refund_date=date(2024, 6, 1), amount=None,
                              reference="TX", **kw)
    if action == "refund_too_much":
        return cs.refund_done(request_id, refund_date=date(2024, 6, 1), amount=refund_due + 1,
                              reference="TX", **kw)
    return cs.refund_failed(request_id, refund_date=date(2024, 6, 1), amount=None, reference="TX",
                            reason="帳號錯誤", **kw)


def stale_version(current: int, data) -> int:
    """An old version the caller's screen could have shown (0 when there is none older)."""
    return data.draw(st.integers(0, current - 1), label="stale expected_version")


class OrderActions(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.dir = tempfile.mkdtemp(prefix="orderdesk-prop-", dir=FAST_TMP)
        self.db = connect(sqlite_url(str(Path(self.dir) / "prop.db")))
        store = Store.create(name="商店")
        pm = PaymentMethod.create(title="ATM")
        sm = ShippingMethod.create(title="宅配", fee=120, free_threshold=1000)
        self.orders: list[ModelOrder] = []
        for price in (350, 1200):
            ch = svc.place_order(store_id=store.id, buyer=svc.Buyer("王小明"),
                                 items=[svc.Item("商品", 1, price)], payment_method_id=pm.id,
                                 shipping_method_id=sm.id, operator="店員甲", order_date=ORDER_AT)
            self.orders.append(ModelOrder(ch.order_id, Order.get_by_id(ch.order_id).total))
        self.clock = ORDER_AT

    def teardown(self):
        self.db.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def tick(self) -> datetime:
        self.clock += timedelta(minutes=7)
        return self.clock

    # --- rules ---------------------------------------------------------------------------

    @rule(which=st.integers(0, 1), action=st.sampled_from(["pay", "confirm", "ship", "oos", "back"]),
          stale=st.booleans(), short=st.booleans(), reason=st.sampled_from([None, "顧客少匯"]),
          data=st.data())
    def order_action(self, which, action, stale, short, reason, data):
        m = self.orders[which]
        expected = stale_version(m.version, data) if stale else data.draw(
            st.sampled_from([None, m.version]), label="expected_version")
        to = ORDER_NEXT.get((action, m.status))
        amount = SHORT if short else m.total
        # Confirming a notice below the total needs the shortfall's reason.
        short_unexplained = (to is not None and action == "confirm" and m.notice < m.total
                             and reason is None)
        refused = "shortfall_reason" if short_unexplained else None
        ch = outcome(lambda: order_call(action, m.id, amount=amount, reason=reason, operator="店員乙",
                                        expected_version=expected, now=self.tick()),
                     stale=stale, to=to, refused=refused)
        if ch is not None:
            assert (ch.order_from, ch.order_to) == (m.status, to)
            if action == "pay":
                m.notice = amount
            elif action == "confirm":
                assert reason or m.notice >= m.total
                m.confirmed = m.notice
            m.status, m.version, m.history = to, m.version + 1, m.history + 1
            assert ch.order_version == m.version

    @rule(which=st.integers(0, 1), by=st.sampled_from([cs.CUSTOMER, cs.CLERK]), stale=st.booleans(),
          data=st.data())
    def request(self, which, by, stale, data):
        m = self.orders[which]
        expected = stale_version(m.version, data) if stale else m.version
        allowed = m.status in (CUSTOMER_FROM if by == cs.CUSTOMER else CLERK_FROM)
        ch = outcome(lambda: cs.request_cancellation(m.id, CancellationInput("不要了", REMIT),
                                                     operator="顧客", by=by,
                                                     expected_version=expected, now=self.tick()),
                     stale=stale, to=S.CANCELLING if allowed else None)
        if ch is not None:
            # The refund due is the money received: the confirmed amount, or an unconfirmed
            # notice's until the approval says whether it arrived.
            unconfirmed = m.status is S.PAID
            due = (m.notice if unconfirmed else m.confirmed) if m.status in PAID_FROM else 0
            m.requests.append(ModelRequest(ch.cancellation_id, C.PENDING_REVIEW, m.status, due > 0,
                                           m.status is S.COMPLETED, due, unconfirmed))
            ((db_due,),) = self.rows("SELECT refund_due FROM cancellation_request WHERE id = ?",
                                     ch.cancellation_id)
            assert db_due == due
            m.status, m.version, m.history = S.CANCELLING, m.version + 1, m.history + 2
            assert ch.order_to == S.CANCELLING

    @rule(which=st.integers(0, 1),
          action=st.sampled_from(["approve", "reject", "return_done", "return_failed",
                                  "refund_done", "refund_failed", "refund_too_much",
                                  "close_refund", "close_no_refund", "refund_partial", "write_off",
                                  "correct_account"]),
          arrived=st.sampled_from([None, True, False]), stale=st.booleans(), data=st.data())
    def review(self, which, action, arrived, stale, data):
        m = self.orders[which]
        if not m.requests:
            return
        r = data.draw(st.sampled_from(m.requests), label="request")
        expected = stale_version(r.version, data) if stale else data.draw(
            st.sampled_from([None, r.version]), label="expected_version")
        paid = r.paid
        if action == "approve" and r.unconfirmed and r.paid and arrived is False:
            paid = False  # the notice's money never came: nothing to refund
        if action == "refund_partial" and r.outstanding <= 1:
            action_to = "refund_done"  # a "part" that is all of it is the whole refund
        else:
            action_to = action
        to = cancel_next(r.status, action_to, r.shipped, paid)
        # Which input the service refuses once the transition is allowed.
        refused = {
            "refund_too_much": "amount",
            "approve": "money_arrived" if r.unconfirmed and r.paid and arrived is None else None,
            "write_off": "reason" if r.refunded == 0 else None,
        }.get(action)
        ch = outcome(lambda: cancel_call(action, r.id, r.due, arrived, operator="店員丙",
                                         expected_version=expected, now=self.tick()),
                     stale=stale, to=to, refused=refused)
        if ch is not None:
            assert (ch.cancel_from, ch.cancel_to) == (r.status, to)
            r.status, r.version = to, r.version + 1
            r.paid = paid
            if not paid:
                r.due = 0
            if action_to == "refund_done":
                r.refunded = r.due
            elif action_to == "refund_partial":
                r.refunded += 1
            elif action_to == "close_no_refund":
                r.due = 0
            m.history += 1
            if to is C.COMPLETED:
                m.status, m.version, m.history = S.CANCELLED, m.version + 1, m.history + 1
            elif to in (C.REJECTED, C.CLOSED):
                m.status, m.version, m.history = r.before, m.version + 1, m.history + 1
            ((refunded,),) = self.rows(
                "SELECT COALESCE(refunded_amount, 0) FROM cancellation_request WHERE id = ?", r.id)
            assert refunded == r.refunded

    # --- invariants (plain SQL: they run after every step) -----------------------------

    def rows(self, sql: str, *params) -> list[tuple]:
        return self.db.execute_sql(sql, params).fetchall()

    @invariant()
    def rows_match_the_model(self):
        orders = {i: (st_, v) for i, st_, v in self.rows('SELECT id, status, version FROM "order"')}
        counts = dict(self.rows("SELECT order_id, COUNT(*) FROM status_history GROUP BY order_id"))
        reqs = {i: (st_, v, b) for i, st_, v, b in self.rows(
            "SELECT id, status, version, order_status_before FROM cancellation_request")}
        for m in self.orders:
            assert orders[m.id] == (m.status, m.version)
            # A refused action appends nothing; an accepted one exactly what it should.
            assert counts[m.id] == m.history
            for r in m.requests:
                assert reqs[r.id] == (r.status, r.version, r.before)
        assert len(reqs) == sum(len(m.requests) for m in self.orders)

    @invariant()
    def order_and_request_never_contradict(self):
        for m in self.orders:
            ((status, before_cancel),) = self.rows(
                'SELECT status, status_before_cancel FROM "order" WHERE id = ?', m.id)
            reqs = self.rows("SELECT status, order_status_before FROM cancellation_request "
                             "WHERE order_id = ? ORDER BY id", m.id)
            open_ = [r for r in reqs if r[0] not in (C.COMPLETED, C.REJECTED, C.CLOSED)]
            assert len(open_) <= 1
            if reqs and reqs[-1][0] not in (C.REJECTED, C.CLOSED):
                assert status == order_status_for_request(*reqs[-1])
            if status in (S.CANCELLING, S.CANCELLED):
                assert reqs and reqs[-1][0] not in (C.REJECTED, C.CLOSED)
            if status == S.CANCELLING:
                assert before_cancel == reqs[-1][1]

    @invariant()
    def replaying_the_history_gives_the_status(self):
        for m in self.orders:
            rows = self.rows("SELECT from_status, to_status, action FROM status_history "
                             "WHERE order_id = ? AND machine = 'order' ORDER BY id", m.id)
            assert rows[0][2] == OrderAction.PLACE
            status, before = OrderStatus(rows[0][1]), None
            for from_status, to_status, action in rows[1:]:
                assert from_status == status
                if action in (OrderAction.REQUEST_CANCEL_CLERK, OrderAction.REQUEST_CANCEL_CUSTOMER):
                    before = status
                status = next_order_status(status, OrderAction(action), restore_to=before)
                assert status == to_status
            ((current,),) = self.rows('SELECT status FROM "order" WHERE id = ?', m.id)
            assert status == current == m.status


TestOrderActions = OrderActions.TestCase
TestOrderActions.settings = settings(
    max_examples=50,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
