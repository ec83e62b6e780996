"""Cancellation requests (docs/PRODUCT.md §3's 退訂申請 and §4's review, return and refund).

The four paths of the manual, checked on the request row, the order row and both machines'
history records; every refusal writes nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from db_rows import drive_order, history, order_row, replay, req_row, snapshot

from app.domain.errors import NotFoundError, StaleError, TransitionError, ValidationError
from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.machines import next_cancel_status, order_status_for_request
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus
from app.models.tables import CancellationRequest, StatusHistory
from app.services import cancellations as cs
from app.services import orders as svc

S = OrderStatus
A = OrderAction
C = CancelStatus
CA = CancelAction

ORDER_AT = datetime(2024, 5, 1, 2, 0, 0)
TOTAL = 820  # 2 x 350 + 120 shipping


def T(hours: float) -> datetime:  # noqa: N802 - a clock, read as "time + n hours"
    return ORDER_AT + timedelta(hours=hours)


NOTICE = Notice(date(2024, 5, 1), TOTAL, "12345")
SHIPMENT = ShipInput(date(2024, 5, 3), "黑貓宅急便", "TW-0001")
REMIT = Remittance("812", "台北分行", "1234-5678-9012", "王小明")
REMIT_RECORD = {"bank_code": "812", "branch": "台北分行", "account_number": "123456789012",
                "account_name": "王小明"}

#: The dates here are chosen for a desktop on UTC.
pytestmark = pytest.mark.usefixtures("desktop_in_utc")


# --- helpers -----------------------------------------------------------------------------


def replay_request(request_id: int) -> CancelStatus:
    req = req_row(request_id)
    rows = list(StatusHistory.select().where(
        (StatusHistory.cancellation == request_id) & (StatusHistory.machine == "cancellation")
    ).order_by(StatusHistory.id))
    assert (rows[0].action, rows[0].from_status, rows[0].to_status) == ("FILE", None, "PENDING_REVIEW")
    status = C.PENDING_REVIEW
    for row in rows[1:]:
        assert row.from_status == status
        status = next_cancel_status(status, CancelAction(row.action), shipped=req.shipped, paid=req.paid)
        assert status == row.to_status
    return status


def consistent(order_id: int, request_id: int) -> None:
    """The order's status never contradicts its request's."""
    order, req = order_row(order_id), req_row(request_id)
    assert order.status == order_status_for_request(req.status, req.order_status_before)
    assert replay(order_id) == order.status
    assert replay_request(request_id) == req.status


def drive(order_id: int, target: OrderStatus) -> int:
    return drive_order(order_id, target, at=T, notice=NOTICE, shipment=SHIPMENT)


PAID = {S.PAID, S.AWAITING_SHIPMENT, S.OUT_OF_STOCK, S.COMPLETED}


def file(order_id: int, *, by=cs.CUSTOMER, operator="顧客", now=None):
    paid = order_row(order_id).status in PAID
    return cs.request_cancellation(
        order_id, CancellationInput("不想要了", REMIT if paid else None), operator=operator, by=by,
        now=now or T(100))


@pytest.fixture
def order_in(place):
    def _make(status: OrderStatus) -> int:
        return drive(place(order_date=ORDER_AT), status)

    return _make


@pytest.fixture
def request_in(order_in):
    """A request in the given status; returns (order_id, request_id)."""

    def _make(status: CancelStatus):
        base = {
            C.PENDING_REVIEW: S.PAID,
            C.AWAITING_RETURN: S.COMPLETED,
            C.RETURN_FAILED: S.COMPLETED,
            C.REFUND_PENDING: S.AWAITING_SHIPMENT,
            C.REFUND_FAILED: S.AWAITING_SHIPMENT,
            C.COMPLETED: S.UNPAID,
            C.REJECTED: S.PAID,
            C.CLOSED: S.COMPLETED,
        }[status]
        oid = order_in(base)
        rid = file(oid).cancellation_id
        if status is C.REJECTED:
            cs.reject_cancellation(rid, "CS-1", "不符規定", operator="店員乙", now=T(101))
        elif status is not C.PENDING_REVIEW:
            cs.approve_cancellation(rid, "CS-1", operator="店員乙", now=T(101))
        if status is C.CLOSED:
            cs.close_request(rid, refund=False, reason="顧客不寄回", operator="主管", now=T(102))
        if status is C.RETURN_FAILED:
            cs.return_failed(rid, invoice_returned=False, goods_intact=True, reason="未收到",
                             operator="店員乙", now=T(102))
        if status is C.REFUND_FAILED:
            cs.refund_failed(rid, refund_date=date(2024, 5, 6), amount=None, reference="R1",
                             reason="帳號錯誤", operator="店員乙", now=T(102))
        assert req_row(rid).status == status
        return oid, rid

    return _make


# --- filing a request --------------------------------------------------------------------


def test_customer_request_on_a_shipped_paid_order(order_in):
    oid = order_in(S.COMPLETED)
    version = order_row(oid).version
    ch = cs.request_cancellation(oid, CancellationInput(" 尺寸不合 ", REMIT), operator=" 顧客 ",
                                 by=cs.CUSTOMER, now=T(100))
    o = order_row(oid)
    assert (o.status, o.status_before_cancel, o.version, o.updated_by, o.updated_at) == (
        "CANCELLING", "COMPLETED", version + 1, "顧客", T(100))
    assert o.ship_date == date(2024, 5, 3)  # kept

    r = req_row(ch.cancellation_id)
    assert (r.order_id, r.status, r.requested_by, r.requester, r.requested_at, r.reason) == (
        oid, "PENDING_REVIEW", "customer", "顧客", T(100), "尺寸不合")
    assert (r.bank_code, r.branch, r.account_number, r.account_name) == (
        "812", "台北分行", "123456789012", "王小明")
    assert (r.order_status_before, r.paid, r.shipped, r.refund_due, r.version) == (
        "COMPLETED", True, True, TOTAL, 1)
    assert r.decision is None and r.completed_at is None

    h_order, h_req = history(oid)[-2:]
    expected_input = {"by": "customer", "reason": "尺寸不合", **REMIT_RECORD}
    assert (h_order.machine, h_order.from_status, h_order.to_status, h_order.action,
            h_order.operator, h_order.at, h_order.cancellation_id) == (
        "order", "COMPLETED", "CANCELLING", "REQUEST_CANCEL_CUSTOMER", "顧客", T(100), r.id)
    assert h_order.input_data == expected_input
    assert (h_req.machine, h_req.from_status, h_req.to_status, h_req.action, h_req.operator,
            h_req.cancellation_id) == (
        "cancellation", None, "PENDING_REVIEW", "FILE", "顧客", r.id)
    assert h_req.input_data == expected_input

    assert (ch.order_id, ch.order_from, ch.order_to, ch.order_version) == (
        oid, "COMPLETED", "CANCELLING", version + 1)
    assert (ch.cancellation_id, ch.cancel_from, ch.cancel_to) == (r.id, None, "PENDING_REVIEW")
    assert ch.history_ids == (h_order.id, h_req.id)
    assert ch.order_statuses == {"COMPLETED", "CANCELLING"}
    assert ch.cancel_statuses == {"PENDING_REVIEW"}
    consistent(oid, r.id)


@pytest.mark.parametrize(
    ("status", "paid", "shipped"),
    [(S.UNPAID, False, False), (S.PAID, True, False), (S.AWAITING_SHIPMENT, True, False),
     (S.OUT_OF_STOCK, True, False), (S.COMPLETED, True, True)],
    ids=str,
)
def test_customer_may_request_from_every_open_status(order_in, status, paid, shipped):
    oid = order_in(status)
    rid = file(oid).cancellation_id
    r = req_row(rid)
    assert (r.order_status_before, r.paid, r.shipped, r.refund_due) == (
        status, paid, shipped, TOTAL if paid else 0)
    assert order_row(oid).status == "CANCELLING"
    consistent(oid, rid)


def test_unpaid_request_needs_no_remittance(order_in):
    oid = order_in(S.UNPAID)
    rid = cs.request_cancellation(oid, CancellationInput("買錯了"), operator="顧客",
                                  by=cs.CUSTOMER, now=T(100)).cancellation_id
    r = req_row(rid)
    assert (r.bank_code, r.branch, r.account_number, r.account_name) == (None, None, None, None)
    assert history(oid)[-1].input_data == {"by": "customer", "reason": "買錯了"}


def test_clerk_request_from_out_of_stock(order_in):
    oid = order_in(S.OUT_OF_STOCK)
    ch = cs.request_cancellation(oid, CancellationInput("久候缺貨", REMIT), operator="店員乙",
                                 now=T(100))  # by defaults to the clerk
    r = req_row(ch.cancellation_id)
    assert (r.requested_by, r.requester, r.order_status_before, r.paid, r.shipped) == (
        "clerk", "店員乙", "OUT_OF_STOCK", True, False)
    h = history(oid, "order")[-1]
    assert (h.from_status, h.to_status, h.action, h.input_data["by"]) == (
        "OUT_OF_STOCK", "CANCELLING", "REQUEST_CANCEL_CLERK", "clerk")
    consistent(oid, r.id)


@pytest.mark.parametrize("status", [S.UNPAID, S.PAID, S.AWAITING_SHIPMENT, S.COMPLETED], ids=str)
def test_clerk_request_only_from_out_of_stock(order_in, status):
    oid = order_in(status)
    before = snapshot()
    with pytest.raises(TransitionError) as excinfo:
        cs.request_cancellation(oid, CancellationInput("x", REMIT), operator="店員乙", by=cs.CLERK)
    assert status.label in str(excinfo.value)
    assert A.REQUEST_CANCEL_CLERK.label in str(excinfo.value)
    assert snapshot() == before


@pytest.mark.parametrize("request_status", [C.PENDING_REVIEW, C.COMPLETED], ids=str)
@pytest.mark.parametrize("by", [cs.CUSTOMER, cs.CLERK])
def test_no_request_on_a_cancelling_or_cancelled_order(request_in, request_status, by):
    oid, _ = request_in(request_status)
    before = snapshot()
    with pytest.raises(TransitionError):
        cs.request_cancellation(oid, CancellationInput("再一次", REMIT), operator="顧客", by=by)
    assert snapshot() == before


@pytest.mark.parametrize(
    ("inp", "field"),
    [
        (CancellationInput("x"), "bank_code"),  # paid: remittance required
        (CancellationInput("  ", REMIT), "reason"),
        (CancellationInput("x", Remittance("81", "b", "123456789", "n")), "bank_code"),
        (CancellationInput("x", Remittance("812", "", "123456789", "n")), "branch"),
        (CancellationInput("x", Remittance("812", "b", "12345", "n")), "account_number"),
        (CancellationInput("x", Remittance("812", "b", "123456789", " ")), "account_name"),
    ],
)
def test_request_bad_input_writes_nothing(order_in, inp, field):
    oid = order_in(S.PAID)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        cs.request_cancellation(oid, inp, operator="顧客", by=cs.CUSTOMER)
    assert excinfo.value.field == field
    assert snapshot() == before


def test_request_empty_operator_and_bad_by(order_in):
    oid = order_in(S.UNPAID)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        cs.request_cancellation(oid, CancellationInput("x"), operator=" ", by=cs.CUSTOMER)
    assert excinfo.value.field == "operator"
    with pytest.raises(ValueError):
        cs.request_cancellation(oid, CancellationInput("x"), operator="a", by="robot")
    assert snapshot() == before


def test_request_stale_order_version(order_in):
    oid = order_in(S.PAID)
    o = order_row(oid)
    before = snapshot()
    with pytest.raises(StaleError) as excinfo:
        cs.request_cancellation(oid, CancellationInput("x", REMIT), operator="顧客",
                                by=cs.CUSTOMER, expected_version=o.version - 1)
    assert excinfo.value.changed_by == o.updated_by == "店員甲"
    assert excinfo.value.changed_at == o.updated_at
    assert snapshot() == before


def test_request_on_an_unknown_order(db):
    with pytest.raises(NotFoundError):
        cs.request_cancellation(999, CancellationInput("x"), operator="顧客", by=cs.CUSTOMER)


# --- the four paths of the manual --------------------------------------------------------


def test_path_shipped_and_paid(order_in):
    """COMPLETED → request → approve → AWAITING_RETURN → return done → REFUND_PENDING →
    refund done → COMPLETED; the order CANCELLED."""
    oid = order_in(S.COMPLETED)
    rid = file(oid).cancellation_id
    v_order = order_row(oid).version

    ch = cs.approve_cancellation(rid, " CS-001 ", operator="店員乙", expected_version=1, now=T(101))
    r = req_row(rid)
    assert (r.status, r.decision, r.cs_number, r.reviewed_at, r.reviewed_by, r.version) == (
        "AWAITING_RETURN", "approved", "CS-001", T(101), "店員乙", 2)
    assert (r.updated_by, r.updated_at) == ("店員乙", T(101))
    h = history(oid)[-1]
    assert (h.machine, h.from_status, h.to_status, h.action, h.operator, h.cancellation_id) == (
        "cancellation", "PENDING_REVIEW", "AWAITING_RETURN", "APPROVE", "店員乙", rid)
    assert h.input_data == {"cs_number": "CS-001"}
    # The order does not move while the request is open.
    assert (order_row(oid).status, order_row(oid).version) == ("CANCELLING", v_order)
    assert (ch.order_from, ch.order_to, ch.order_version) == (None, "CANCELLING", v_order)
    assert (ch.cancel_from, ch.cancel_to, ch.history_ids) == ("PENDING_REVIEW", "AWAITING_RETURN", (h.id,))
    consistent(oid, rid)

    ch = cs.return_done(rid, invoice_returned=True, goods_intact=False, operator="店員丙",
                        expected_version=2, now=T(102))
    r = req_row(rid)
    assert (r.status, r.invoice_returned, r.goods_intact, r.returned_at, r.version) == (
        "REFUND_PENDING", True, False, T(102), 3)
    h = history(oid)[-1]
    assert (h.machine, h.from_status, h.to_status, h.action, h.operator) == (
        "cancellation", "AWAITING_RETURN", "REFUND_PENDING", "RETURN_DONE", "店員丙")
    assert h.input_data == {"invoice_returned": True, "goods_intact": False}
    assert (ch.cancel_from, ch.cancel_to, ch.order_from) == ("AWAITING_RETURN", "REFUND_PENDING", None)
    consistent(oid, rid)

    ch = cs.refund_done(rid, refund_date=date(2024, 5, 6), amount=None, reference=" TX-99 ",
                        operator="店員丙", expected_version=3, now=T(103))
    r = req_row(rid)
    assert (r.status, r.refund_date, r.refunded_amount, r.refund_reference, r.completed_at,
            r.version) == ("COMPLETED", date(2024, 5, 6), TOTAL, "TX-99", T(103), 4)
    o = order_row(oid)
    assert (o.status, o.version, o.updated_by, o.updated_at) == ("CANCELLED", v_order + 1, "店員丙", T(103))
    assert o.status_before_cancel == "COMPLETED"
    h_req, h_order = history(oid)[-2:]
    assert (h_req.machine, h_req.from_status, h_req.to_status, h_req.action) == (
        "cancellation", "REFUND_PENDING", "COMPLETED", "REFUND_DONE")
    assert h_req.input_data == {"refund_date": "2024-05-06", "amount": TOTAL, "reference": "TX-99"}
    assert (h_order.machine, h_order.from_status, h_order.to_status, h_order.action,
            h_order.operator, h_order.cancellation_id) == (
        "order", "CANCELLING", "CANCELLED", "CANCEL_COMPLETED", "店員丙", rid)
    assert (ch.order_from, ch.order_to, ch.order_version) == ("CANCELLING", "CANCELLED", v_order + 1)
    assert (ch.cancel_from, ch.cancel_to) == ("REFUND_PENDING", "COMPLETED")
    assert ch.history_ids == (h_req.id, h_order.id)
    consistent(oid, rid)
    assert replay(oid) == S.CANCELLED


def test_path_unshipped_paid_with_a_failed_refund(order_in):
    """AWAITING_SHIPMENT → request → approve → REFUND_PENDING → refund failed → REFUND_FAILED →
    refund done → COMPLETED."""
    oid = order_in(S.AWAITING_SHIPMENT)
    rid = file(oid).cancellation_id

    cs.approve_cancellation(rid, "CS-2", operator="店員乙", now=T(101))
    assert req_row(rid).status == "REFUND_PENDING"
    consistent(oid, rid)

    ch = cs.refund_failed(rid, refund_date=date(2024, 5, 6), amount="NT$820", reference="TX-1",
                          reason="戶名不符", operator="店員乙", expected_version=2, now=T(102))
    r = req_row(rid)
    assert (r.status, r.refund_fail_reason, r.refunded_amount, r.version) == (
        "REFUND_FAILED", "戶名不符", None, 3)
    h = history(oid)[-1]
    assert (h.from_status, h.to_status, h.action) == ("REFUND_PENDING", "REFUND_FAILED", "REFUND_FAILED")
    assert h.input_data == {"refund_date": "2024-05-06", "amount": TOTAL, "reference": "TX-1",
                            "reason": "戶名不符"}
    assert (ch.cancel_from, ch.cancel_to, ch.order_from) == ("REFUND_PENDING", "REFUND_FAILED", None)
    assert order_row(oid).status == "CANCELLING"
    consistent(oid, rid)

    cs.refund_done(rid, refund_date=date(2024, 5, 7), amount=TOTAL, reference="TX-2",
                   operator="店員乙", expected_version=3, now=T(103))
    r = req_row(rid)
    assert (r.status, r.refunded_amount, r.refund_reference, r.refund_fail_reason) == (
        "COMPLETED", TOTAL, "TX-2", None)
    assert order_row(oid).status == "CANCELLED"
    h = history(oid, "cancellation")[-1]
    assert (h.from_status, h.to_status, h.action) == ("REFUND_FAILED", "COMPLETED", "REFUND_DONE")
    # The failure is kept in the history even though the row's reason is cleared.
    assert any(x.input_data.get("reason") == "戶名不符" for x in history(oid, "cancellation"))
    consistent(oid, rid)


def test_path_unpaid_completes_at_once(order_in):
    oid = order_in(S.UNPAID)
    rid = file(oid).cancellation_id
    v = order_row(oid).version
    ch = cs.approve_cancellation(rid, "CS-3", operator="店員乙", now=T(101))
    r = req_row(rid)
    assert (r.status, r.decision, r.completed_at, r.refund_due, r.refunded_amount) == (
        "COMPLETED", "approved", T(101), 0, None)
    o = order_row(oid)
    assert (o.status, o.version) == ("CANCELLED", v + 1)
    h_req, h_order = history(oid)[-2:]
    assert (h_req.machine, h_req.from_status, h_req.to_status, h_req.action) == (
        "cancellation", "PENDING_REVIEW", "COMPLETED", "APPROVE")
    assert (h_order.machine, h_order.from_status, h_order.to_status, h_order.action) == (
        "order", "CANCELLING", "CANCELLED", "CANCEL_COMPLETED")
    assert h_order.input_data == {"cs_number": "CS-3"}
    assert (ch.order_from, ch.order_to, ch.cancel_from, ch.cancel_to) == (
        "CANCELLING", "CANCELLED", "PENDING_REVIEW", "COMPLETED")
    consistent(oid, rid)


@pytest.mark.parametrize("before", [S.UNPAID, S.PAID, S.AWAITING_SHIPMENT, S.OUT_OF_STOCK, S.COMPLETED],
                         ids=str)
def test_path_reject_restores_exactly_the_status_before(order_in, before):
    oid = order_in(before)
    o0 = order_row(oid)
    rid = file(oid).cancellation_id
    v = order_row(oid).version
    ch = cs.reject_cancellation(rid, " CS-4 ", " 已超過鑑賞期 ", operator="店員乙",
                                expected_version=1, now=T(101))
    r = req_row(rid)
    assert (r.status, r.decision, r.cs_number, r.reject_reason, r.reviewed_by, r.reviewed_at) == (
        "REJECTED", "rejected", "CS-4", "已超過鑑賞期", "店員乙", T(101))
    assert r.completed_at is None
    o = order_row(oid)
    assert (o.status, o.status_before_cancel, o.version) == (before, None, v + 1)
    # Everything else the order held is as it was.
    assert (o.ship_date, o.carrier, o.tracking_no, o.out_of_stock_reason, o.total) == (
        o0.ship_date, o0.carrier, o0.tracking_no, o0.out_of_stock_reason, o0.total)
    h_req, h_order = history(oid)[-2:]
    assert (h_req.machine, h_req.from_status, h_req.to_status, h_req.action) == (
        "cancellation", "PENDING_REVIEW", "REJECTED", "REJECT")
    assert h_req.input_data == {"cs_number": "CS-4", "reason": "已超過鑑賞期"}
    assert (h_order.machine, h_order.from_status, h_order.to_status, h_order.action) == (
        "order", "CANCELLING", before, "CANCEL_REJECTED")
    assert (ch.order_from, ch.order_to, ch.order_version) == ("CANCELLING", before, v + 1)
    assert (ch.cancel_from, ch.cancel_to) == ("PENDING_REVIEW", "REJECTED")
    consistent(oid, rid)


def test_after_a_rejection_the_order_goes_on_and_may_be_requested_again(order_in):
    oid = order_in(S.AWAITING_SHIPMENT)
    first = file(oid).cancellation_id
    cs.reject_cancellation(first, "CS", "no", operator="店員乙", now=T(101))
    svc.ship(oid, SHIPMENT, operator="店員乙", now=T(102))
    second = file(oid, now=T(103)).cancellation_id
    assert second != first
    assert req_row(first).status == "REJECTED"  # kept
    r = req_row(second)
    assert (r.order_status_before, r.shipped, r.paid) == ("COMPLETED", True, True)
    cs.approve_cancellation(second, "CS", operator="店員乙", now=T(104))
    assert req_row(second).status == "AWAITING_RETURN"
    consistent(oid, second)
    assert CancellationRequest.select().where(CancellationRequest.order == oid).count() == 2


def test_return_failed_then_return_done(request_in):
    oid, rid = request_in(C.AWAITING_RETURN)
    ch = cs.return_failed(rid, invoice_returned=False, goods_intact=True, reason=" 客戶未寄回 ",
                          operator="店員乙", expected_version=2, now=T(110))
    r = req_row(rid)
    assert (r.status, r.invoice_returned, r.goods_intact, r.return_fail_reason, r.returned_at,
            r.version) == ("RETURN_FAILED", False, True, "客戶未寄回", None, 3)
    h = history(oid)[-1]
    assert (h.machine, h.from_status, h.to_status, h.action) == (
        "cancellation", "AWAITING_RETURN", "RETURN_FAILED", "RETURN_FAILED")
    assert h.input_data == {"invoice_returned": False, "goods_intact": True, "reason": "客戶未寄回"}
    assert (ch.cancel_from, ch.cancel_to, ch.order_from) == ("AWAITING_RETURN", "RETURN_FAILED", None)
    assert order_row(oid).status == "CANCELLING"
    consistent(oid, rid)

    cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙",
                   expected_version=3, now=T(111))
    r = req_row(rid)
    assert (r.status, r.invoice_returned, r.goods_intact, r.returned_at) == (
        "REFUND_PENDING", True, True, T(111))
    h = history(oid)[-1]
    assert (h.from_status, h.to_status, h.action) == ("RETURN_FAILED", "REFUND_PENDING", "RETURN_DONE")
    consistent(oid, rid)


# --- refunds -----------------------------------------------------------------------------


@pytest.mark.parametrize("status", [C.REFUND_PENDING, C.REFUND_FAILED], ids=str)
@pytest.mark.parametrize("amount", [TOTAL + 1, "NT$821", 10**9])
def test_refund_more_than_paid_is_refused(request_in, status, amount):
    oid, rid = request_in(status)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        cs.refund_done(rid, refund_date=date(2024, 5, 6), amount=amount, reference="TX",
                       operator="店員乙")
    assert excinfo.value.field == "amount"
    assert "820" in str(excinfo.value)
    assert snapshot() == before


@pytest.mark.parametrize("action", [cs.refund_done, cs.refund_failed], ids=["done", "failed"])
@pytest.mark.parametrize(("refund_date", "message"), [
    (None, "匯款日期不能晚於今天。"),  # 30 days after the shop's today (filled in below)
    (date(2024, 5, 4), "匯款日期不能早於申請日期。"),  # the request is of 2024-05-05 (T(100))
], ids=["future", "before-request"])
def test_the_refund_date_is_checked_by_the_service_not_only_the_dialog(
        request_in, action, refund_date, message):
    from app.services import shop_clock

    oid, rid = request_in(C.REFUND_PENDING)
    refund_date = refund_date or shop_clock.today() + timedelta(days=30)
    extra = {"reason": "帳號錯誤"} if action is cs.refund_failed else {}
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        action(rid, refund_date=refund_date, amount=None, reference="TX", operator="店員乙", **extra)
    assert (excinfo.value.field, excinfo.value.message()) == ("refund_date", message)
    assert snapshot() == before


@pytest.mark.parametrize("amount", [0, "0", -1, "-5", "12.5", 12.5, "abc"])
def test_refund_amount_must_be_a_positive_whole_amount(request_in, amount):
    oid, rid = request_in(C.REFUND_PENDING)
    before = snapshot()
    for call in (
        lambda: cs.refund_done(rid, refund_date=date(2024, 5, 6), amount=amount, reference="TX",
                               operator="店員乙"),
        lambda: cs.refund_failed(rid, refund_date=date(2024, 5, 6), amount=amount, reference="TX",
                                 reason="r", operator="店員乙"),
    ):
        with pytest.raises(ValidationError) as excinfo:
            call()
        assert excinfo.value.field == "amount"
    assert snapshot() == before


def test_refund_amount_none_is_the_refund_due_and_a_part_is_allowed(request_in):
    oid, rid = request_in(C.REFUND_PENDING)
    with pytest.raises(ValidationError) as excinfo:  # a partial refund needs its reason
        cs.refund_done(rid, refund_date=date(2024, 5, 6), amount="1,00", reference="TX",
                       operator="店員乙", now=T(110))
    assert excinfo.value.field == "partial_reason"
    ch = cs.refund_done(rid, refund_date=date(2024, 5, 6), amount="1,00", reference="TX",
                        partial_reason="先退部分", operator="店員乙", now=T(110))
    assert ch.cancel_to == C.REFUND_PENDING
    assert req_row(rid).refunded_amount == 100
    assert history(oid)[-1].action == CA.REFUND_PARTIAL
    oid2, rid2 = request_in(C.REFUND_PENDING)
    cs.refund_done(rid2, refund_date=date(2024, 5, 6), amount=None, reference="TX",
                   operator="店員乙", now=T(110))
    assert req_row(rid2).refunded_amount == req_row(rid2).refund_due == TOTAL


# --- refusals for every review action ----------------------------------------------------

CANCEL_CALLS = {
    CA.APPROVE: lambda rid, **kw: cs.approve_cancellation(rid, "CS", money_arrived=True, **kw),
    CA.REJECT: lambda rid, **kw: cs.reject_cancellation(rid, "CS", "理由", **kw),
    CA.RETURN_DONE: lambda rid, **kw: cs.return_done(rid, invoice_returned=True,
                                                     goods_intact=True, **kw),
    CA.RETURN_FAILED: lambda rid, **kw: cs.return_failed(rid, invoice_returned=True,
                                                         goods_intact=False, reason="r", **kw),
    CA.REFUND_DONE: lambda rid, **kw: cs.refund_done(rid, refund_date=date(2024, 5, 6),
                                                     amount=None, reference="TX", **kw),
    CA.REFUND_FAILED: lambda rid, **kw: cs.refund_failed(rid, refund_date=date(2024, 5, 6),
                                                         amount=None, reference="TX", reason="r",
                                                         **kw),
    CA.REFUND_PARTIAL: lambda rid, **kw: cs.refund_done(rid, refund_date=date(2024, 5, 6),
                                                        amount=100, reference="TX",
                                                        partial_reason="先退一部分", **kw),
    CA.CORRECT_ACCOUNT: lambda rid, **kw: cs.correct_account(rid, REMIT, **kw),
    CA.CLOSE_TO_REFUND: lambda rid, **kw: cs.close_request(rid, refund=True, reason="r", **kw),
    CA.CLOSE_NO_REFUND: lambda rid, **kw: cs.close_request(rid, refund=False, reason="r", **kw),
}
ALLOWED_FROM = {
    CA.APPROVE: {C.PENDING_REVIEW},
    CA.REJECT: {C.PENDING_REVIEW},
    CA.RETURN_DONE: {C.AWAITING_RETURN, C.RETURN_FAILED},
    CA.RETURN_FAILED: {C.AWAITING_RETURN},
    CA.REFUND_DONE: {C.REFUND_PENDING, C.REFUND_FAILED},
    CA.REFUND_FAILED: {C.REFUND_PENDING},
    CA.REFUND_PARTIAL: {C.REFUND_PENDING, C.REFUND_FAILED},
    CA.CORRECT_ACCOUNT: {C.REFUND_PENDING, C.REFUND_FAILED},
    CA.CLOSE_TO_REFUND: {C.AWAITING_RETURN, C.RETURN_FAILED},
    CA.CLOSE_NO_REFUND: {C.AWAITING_RETURN, C.RETURN_FAILED},
}


@pytest.mark.parametrize(
    ("action", "status"),
    [(a, s) for a in CANCEL_CALLS for s in CancelStatus if s not in ALLOWED_FROM[a]],
    ids=str,
)
def test_a_review_action_the_request_status_does_not_allow(request_in, action, status):
    oid, rid = request_in(status)
    before = snapshot()
    with pytest.raises(TransitionError) as excinfo:
        CANCEL_CALLS[action](rid, operator="店員乙", now=T(120))
    assert status.label in str(excinfo.value)
    # A request that owes nothing more cannot take a part of it: the refund is refused as such.
    labels = {action.label} | ({CA.REFUND_DONE.label} if action is CA.REFUND_PARTIAL else set())
    assert any(label in str(excinfo.value) for label in labels)
    assert snapshot() == before
    consistent(oid, rid)


#: Every review action with each status it is allowed from (sorted: a set's order changes with
#: each process's string hashes, and the test processes must collect the same list).
allowed_pairs = pytest.mark.parametrize(
    ("action", "status"),
    [(a, s) for a in CANCEL_CALLS for s in sorted(ALLOWED_FROM[a], key=str)],
    ids=str,
)


@allowed_pairs
def test_a_review_action_from_a_status_it_allows(request_in, action, status):
    oid, rid = request_in(status)
    v = req_row(rid).version
    n = len(history(oid))
    ch = CANCEL_CALLS[action](rid, operator="店員乙", expected_version=v, now=T(120))
    r = req_row(rid)
    assert r.status == ch.cancel_to and ch.cancel_from == status
    assert r.version == v + 1
    assert len(history(oid)) == n + (2 if ch.order_from else 1)
    consistent(oid, rid)


@allowed_pairs
def test_a_stale_review_action_names_who_and_when(request_in, action, status):
    oid, rid = request_in(status)
    r = req_row(rid)
    before = snapshot()
    with pytest.raises(StaleError) as excinfo:
        CANCEL_CALLS[action](rid, operator="店員丙", expected_version=r.version - 1, now=T(120))
    err = excinfo.value
    assert (err.kind, err.changed_by, err.changed_at) == ("request", r.updated_by, r.updated_at)
    assert r.updated_by in str(err)
    assert r.updated_at.strftime("%Y-%m-%d %H:%M:%S") in str(err)
    assert order_row(oid).order_no in str(err)
    assert snapshot() == before


def test_two_reviewers_on_the_same_screen(request_in):
    oid, rid = request_in(C.PENDING_REVIEW)
    cs.approve_cancellation(rid, "CS-A", money_arrived=True, operator="店員乙",
                            expected_version=1, now=T(120))
    before = snapshot()
    with pytest.raises(StaleError) as excinfo:
        cs.reject_cancellation(rid, "CS-B", "no", operator="店員丙", expected_version=1, now=T(121))
    assert excinfo.value.changed_by == "店員乙"
    assert excinfo.value.changed_at == T(120)
    assert snapshot() == before


@pytest.mark.parametrize("action", list(CANCEL_CALLS), ids=str)
def test_an_empty_operator_is_refused(request_in, action):
    status = next(iter(sorted(ALLOWED_FROM[action])))
    oid, rid = request_in(status)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        CANCEL_CALLS[action](rid, operator="  ", now=T(120))
    assert excinfo.value.field == "operator"
    assert snapshot() == before


@pytest.mark.parametrize(
    ("status", "call", "field"),
    [
        (C.PENDING_REVIEW, lambda rid: cs.approve_cancellation(rid, " ", operator="x"), "cs_number"),
        (C.PENDING_REVIEW, lambda rid: cs.reject_cancellation(rid, "", "r", operator="x"), "cs_number"),
        (C.PENDING_REVIEW, lambda rid: cs.reject_cancellation(rid, "CS", " ", operator="x"),
         "reject_reason"),
        (C.AWAITING_RETURN, lambda rid: cs.return_done(rid, invoice_returned=None, goods_intact=True,
                                                       operator="x"), "invoice_returned"),
        (C.AWAITING_RETURN, lambda rid: cs.return_done(rid, invoice_returned=True, goods_intact="yes",
                                                       operator="x"), "goods_intact"),
        (C.AWAITING_RETURN, lambda rid: cs.return_failed(rid, invoice_returned=True, goods_intact=True,
                                                         reason=" ", operator="x"), "reason"),
        (C.REFUND_PENDING, lambda rid: cs.refund_done(rid, refund_date=None, amount=None,
                                                      reference="TX", operator="x"), "refund_date"),
        (C.REFUND_PENDING, lambda rid: cs.refund_done(rid, refund_date=date(2024, 5, 6), amount=None,
                                                      reference=" ", operator="x"), "reference"),
        (C.REFUND_PENDING, lambda rid: cs.refund_failed(rid, refund_date=date(2024, 5, 6),
                                                        amount=None, reference="TX", reason="",
                                                        operator="x"), "reason"),
    ],
)
def test_review_bad_input_writes_nothing(request_in, status, call, field):
    oid, rid = request_in(status)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        call(rid)
    assert excinfo.value.field == field
    assert snapshot() == before


def test_unknown_request(db):
    with pytest.raises(NotFoundError):
        cs.approve_cancellation(12345, "CS", operator="x")


def test_many_orders_replay_after_mixed_cancellations(request_in):
    made = [request_in(s) for s in CancelStatus]
    for oid, rid in made:
        consistent(oid, rid)
    statuses = {order_row(oid).status for oid, _ in made}
    assert statuses == {"CANCELLING", "CANCELLED", "PAID", "COMPLETED"}
