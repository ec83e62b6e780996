"""Issue 19: every cancellation can end, and every refund adds up.

The seven cases the issue found, as regression tests, and the rules that answer them: a
supervisor's 【結案】, the payee account corrected, the refund channel of the payment method,
the money received being the confirmed amount, explicit partial refunds and their write-off,
NT$0 orders.  Checked on the rows and the history records; tests/server_actions runs them on
PostgreSQL and MariaDB too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from db_rows import history, order_row, replay, req_row, snapshot

from app.domain.errors import TransitionError, ValidationError
from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus
from app.models.tables import CancellationRequest, Order, ShippingMethod
from app.services import cancellations as cs
from app.services import orders as svc

S = OrderStatus
C = CancelStatus
CA = CancelAction

ORDER_AT = datetime(2024, 5, 1, 2, 0, 0)
TOTAL = 820  # 2 x 350 + 120 shipping
REMIT = Remittance("812", "台北分行", "1234-5678-9012", "王小明")
NEW_REMIT = Remittance("700", "中和郵局", "0001-2345-6789", "王小明")

pytestmark = pytest.mark.usefixtures("desktop_in_utc")


def T(hours: float) -> datetime:  # noqa: N802 - a clock
    return ORDER_AT + timedelta(hours=hours)


def pay(oid: int, amount: int = TOTAL, *, confirm=True, reason=None) -> None:
    svc.record_payment_notice(oid, Notice(date(2024, 5, 1), amount, "12345"), operator="顧客",
                              now=T(1))
    if confirm:
        svc.confirm_payment(oid, shortfall_reason=reason, operator="店員甲", now=T(2))


def ship(oid: int) -> None:
    svc.ship(oid, ShipInput(date(2024, 5, 1), "黑貓宅急便", "TW-1"), operator="店員甲", now=T(3))


def file(oid: int, remittance=REMIT) -> int:
    return cs.request_cancellation(oid, CancellationInput("不想要了", remittance), operator="顧客",
                                   by=cs.CUSTOMER, now=T(10)).cancellation_id


def approve(rid: int, **kw) -> None:
    cs.approve_cancellation(rid, "CS-1", operator="店員乙", now=T(11), **kw)


def return_failed(rid: int) -> None:
    cs.return_failed(rid, invoice_returned=False, goods_intact=False, reason="顧客未寄回",
                     operator="店員乙", now=T(12))


def refund(rid: int, amount=None, *, reason=None, hours=20):
    return cs.refund_done(rid, refund_date=date(2024, 5, 6), amount=amount, reference="RF-1",
                          partial_reason=reason, operator="會計", now=T(hours))


def approved_request(place, *, shipped: bool) -> tuple[int, int]:
    """A paid order's request, approved: awaiting the goods when shipped, else the refund."""
    oid = place(order_date=ORDER_AT)
    pay(oid)
    if shipped:
        ship(oid)
    rid = file(oid)
    approve(rid)
    return oid, rid


@pytest.fixture
def shipped_request(place):
    """A paid, shipped order whose goods did not come back (退貨失敗)."""
    oid, rid = approved_request(place, shipped=True)
    return_failed(rid)
    return oid, rid


# --- 1. 【結案】: a request stuck in 退貨失敗 can end --------------------------------------------


def test_close_without_refund_ends_the_request_and_the_sale_stands(shipped_request):
    oid, rid = shipped_request
    ch = cs.close_request(rid, refund=False, reason="顧客逾期未寄回，主管核定", operator="主管",
                          now=T(30))
    r, o = req_row(rid), order_row(oid)
    assert (ch.cancel_from, ch.cancel_to) == (C.RETURN_FAILED, C.CLOSED)
    assert r.status == C.CLOSED and r.close_reason == "顧客逾期未寄回，主管核定"
    assert r.closed_at == T(30) and r.completed_at == T(30) and r.refund_due == 0
    assert o.status == S.COMPLETED and o.status_before_cancel is None  # back where it was
    req_h, order_h = history(oid)[-2:]
    assert (req_h.action, req_h.operator, req_h.input_data) == (
        CA.CLOSE_NO_REFUND, "主管", {"reason": "顧客逾期未寄回，主管核定"})
    assert (order_h.from_status, order_h.to_status, order_h.action) == (
        S.CANCELLING, S.COMPLETED, OrderAction.CANCEL_CLOSED)
    assert replay(oid) == S.COMPLETED


def test_close_to_refund_goes_on_to_the_refund_without_the_goods(shipped_request):
    oid, rid = shipped_request
    ch = cs.close_request(rid, refund=True, reason="物流遺失，先退款", operator="主管", now=T(30))
    assert ch.cancel_to == C.REFUND_PENDING and order_row(oid).status == S.CANCELLING
    assert history(oid)[-1].action == CA.CLOSE_TO_REFUND
    refund(rid)
    assert req_row(rid).status == C.COMPLETED and order_row(oid).status == S.CANCELLED


def test_close_from_awaiting_return_and_its_reason_is_required(place):
    oid, rid = approved_request(place, shipped=True)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        cs.close_request(rid, refund=False, reason="  ", operator="主管", now=T(30))
    assert excinfo.value.field == "close_reason"
    assert snapshot() == before
    assert cs.close_request(rid, refund=False, reason="r", operator="主管").cancel_to == C.CLOSED


def test_close_is_refused_outside_the_return(place):
    oid, rid = approved_request(place, shipped=False)  # not shipped: REFUND_PENDING
    with pytest.raises(TransitionError):
        cs.close_request(rid, refund=False, reason="r", operator="主管")


# --- 2. the payee account can be corrected after a failed refund ----------------------------


def test_correcting_the_account_after_a_failed_refund_keeps_old_and_new(place):
    oid, rid = approved_request(place, shipped=False)
    cs.refund_failed(rid, refund_date=date(2024, 5, 6), amount=None, reference="RF-0",
                     reason="帳號錯誤，退匯", operator="會計", now=T(15))
    order_version = order_row(oid).version
    ch = cs.correct_account(rid, NEW_REMIT, operator="店員乙", now=T(16))
    r = req_row(rid)
    assert (ch.cancel_from, ch.cancel_to) == (C.REFUND_FAILED, C.REFUND_FAILED)
    assert (r.bank_code, r.branch, r.account_number) == ("700", "中和郵局", "000123456789")
    assert r.refund_fail_reason == "帳號錯誤，退匯"  # the retry still shows why it failed
    h = history(oid)[-1]
    assert h.action == CA.CORRECT_ACCOUNT and h.operator == "店員乙"
    assert h.input_data["before"]["account_number"] == "123456789012"
    assert h.input_data["after"]["account_number"] == "000123456789"
    assert order_row(oid).version == order_version  # the order does not move
    refund(rid)
    assert req_row(rid).status == C.COMPLETED and req_row(rid).refund_fail_reason is None


def test_a_bad_corrected_account_writes_nothing(place):
    oid, rid = approved_request(place, shipped=False)
    before = snapshot()
    with pytest.raises(ValidationError):
        cs.correct_account(rid, Remittance("8", "", "12", ""), operator="店員乙")
    assert snapshot() == before


# --- 3. the refund channel follows how the money came -----------------------------------------


def test_a_card_order_is_reversed_without_a_bank_account(place, shop):
    oid = place(order_date=ORDER_AT, payment=shop["card"])
    pay(oid)
    rid = file(oid, remittance=None)  # no account asked for a card payment
    r = req_row(rid)
    assert r.refund_channel == "reversal" and r.bank_code is None and r.refund_due == TOTAL
    approve(rid)
    with pytest.raises(ValidationError):  # nothing to correct on a reversal
        cs.correct_account(rid, NEW_REMIT, operator="店員乙")
    cs.refund_done(rid, refund_date=date(2024, 5, 6), amount=None, reference="AUTH-778899",
                   operator="會計", now=T(20))
    r = req_row(rid)
    assert (r.status, r.refund_reference, r.refunded_amount) == (C.COMPLETED, "AUTH-778899", TOTAL)


def test_a_transfer_order_still_needs_the_account(place):
    oid = place(order_date=ORDER_AT)
    pay(oid)
    with pytest.raises(ValidationError) as excinfo:
        file(oid, remittance=None)
    assert excinfo.value.field == "bank_code"
    assert req_row(file(oid)).refund_channel == "remittance"


def test_a_never_paid_order_has_no_refund_step(place, shop):
    oid = place(order_date=ORDER_AT, payment=shop["card"])
    rid = file(oid, remittance=None)
    approve(rid)
    assert req_row(rid).status == C.COMPLETED and req_row(rid).refund_due == 0


# --- 4. a partial refund is explicit and adds up ---------------------------------------------


def test_partial_refund_of_500_of_620_keeps_120_outstanding(place, shop):
    post = ShippingMethod.create(title="郵局", fee=0, position=3)
    oid = place(total_items=(("茶葉禮盒", 1, 620),), order_date=ORDER_AT, shipping=post)
    pay(oid, 620)
    rid = file(oid)
    approve(rid)
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:  # less than due, silently: refused
        refund(rid, 500)
    assert excinfo.value.field == "partial_reason"
    assert snapshot() == before
    ch = refund(rid, 500, reason="部分商品已使用，先退 500")
    r = req_row(rid)
    assert ch.cancel_to == C.REFUND_PENDING and order_row(oid).status == S.CANCELLING
    assert (r.refund_due, r.refunded_amount) == (620, 500)  # 120 still outstanding
    h = history(oid)[-1]
    assert h.action == CA.REFUND_PARTIAL and h.input_data["amount"] == 500
    assert h.input_data["reason"] == "部分商品已使用，先退 500"
    with pytest.raises(ValidationError) as excinfo:  # no more than what is outstanding
        refund(rid, 121)
    assert excinfo.value.field == "amount"
    ch = refund(rid, None, hours=30)  # the rest
    r = req_row(rid)
    assert ch.cancel_to == C.COMPLETED and r.refunded_amount == 620
    assert history(oid, "cancellation")[-1].input_data["amount"] == 120


def test_the_outstanding_part_can_be_written_off(place):
    oid, rid = approved_request(place, shipped=False)
    with pytest.raises(ValidationError):  # nothing refunded yet: nothing partial to write off
        cs.write_off(rid, "扣折損", operator="主管")
    refund(rid, 700, reason="扣除運費與折損")
    with pytest.raises(ValidationError) as excinfo:
        cs.write_off(rid, " ", operator="主管")
    assert excinfo.value.field == "reason"
    ch = cs.write_off(rid, "顧客同意扣除運費", operator="主管", now=T(40))
    r = req_row(rid)
    assert ch.cancel_to == C.COMPLETED and order_row(oid).status == S.CANCELLED
    assert (r.refunded_amount, r.written_off, r.write_off_reason) == (700, 120, "顧客同意扣除運費")
    h = history(oid, "cancellation")[-1]
    assert h.action == CA.WRITE_OFF and h.input_data == {"reason": "顧客同意扣除運費", "amount": 120}


# --- 5. the refund cap is what was received --------------------------------------------------


def test_a_nt1_notice_on_a_large_order_caps_the_refund_at_nt1(place):
    oid = place(total_items=(("相機", 1, 1000),), order_date=ORDER_AT)  # free shipping at 1000
    assert order_row(oid).total == 1000
    svc.record_payment_notice(oid, Notice(date(2024, 5, 1), 1, "12345"), operator="顧客", now=T(1))
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:  # a shortfall needs its reason
        svc.confirm_payment(oid, operator="店員甲", now=T(2))
    assert excinfo.value.field == "shortfall_reason"
    assert snapshot() == before
    svc.confirm_payment(oid, shortfall_reason="顧客少匯，已聯絡補款", operator="店員甲", now=T(2))
    o = order_row(oid)
    assert (o.confirmed_amount, o.payment_shortfall_reason) == (1, "顧客少匯，已聯絡補款")
    h = history(oid)[-1]
    assert h.input_data == {"total": 1000, "notice_amount": 1, "confirmed_amount": 1,
                            "shortfall_reason": "顧客少匯，已聯絡補款"}
    rid = file(oid)
    assert req_row(rid).refund_due == 1
    approve(rid)
    with pytest.raises(ValidationError) as excinfo:
        refund(rid, 1000)
    assert excinfo.value.field == "amount"
    refund(rid)
    assert req_row(rid).refunded_amount == 1


def test_a_full_notice_needs_no_reason(place):
    oid = place(order_date=ORDER_AT)
    pay(oid)
    assert order_row(oid).confirmed_amount == TOTAL
    assert order_row(oid).payment_shortfall_reason is None


# --- 6. NT$0 orders complete without a refund step --------------------------------------------


def test_a_nt0_order_completes_its_cancellation_without_a_refund_step(place):
    """A NT$0 order confirmed before the money received was recorded (migration 7 leaves it at
    its total, NT$0): nothing to give back, so no 尚未退款 step."""
    oid = place(order_date=ORDER_AT)
    pay(oid)
    Order.update(confirmed_amount=0).where(Order.id == oid).execute()
    rid = file(oid, remittance=None)
    r = req_row(rid)
    assert (r.paid, r.refund_due) == (False, 0)
    approve(rid)
    assert req_row(rid).status == C.COMPLETED and order_row(oid).status == S.CANCELLED


def test_a_request_stuck_owing_nothing_can_be_completed(place):
    """Filed before the refund due was the money received: paid, NT$0 due, in 尚未退款 for
    ever.  註銷未退餘額 (with its reason) completes it."""
    oid, rid = approved_request(place, shipped=False)
    CancellationRequest.update(refund_due=0).where(CancellationRequest.id == rid).execute()
    with pytest.raises(ValidationError):  # nothing to refund
        refund(rid)
    ch = cs.write_off(rid, "零元訂單，無款可退", operator="主管", now=T(40))
    r = req_row(rid)
    assert ch.cancel_to == C.COMPLETED and (r.written_off, r.refunded_amount) == (0, None)
    assert order_row(oid).status == S.CANCELLED


# --- 7. an unconfirmed notice is not money received -------------------------------------------


def test_approving_on_an_unconfirmed_notice_asks_whether_the_money_arrived(place):
    oid = place(order_date=ORDER_AT)
    pay(oid, 500, confirm=False)
    rid = file(oid)
    assert req_row(rid).refund_due == 500  # the notice's, not the order total
    before = snapshot()
    with pytest.raises(ValidationError) as excinfo:
        approve(rid)
    assert excinfo.value.field == "money_arrived"
    assert snapshot() == before
    approve(rid, money_arrived=False)
    r = req_row(rid)
    assert (r.status, r.paid, r.refund_due) == (C.COMPLETED, False, 0)
    assert history(oid, "cancellation")[-1].input_data == {"cs_number": "CS-1",
                                                           "money_arrived": False}
    assert order_row(oid).status == S.CANCELLED


def test_an_unconfirmed_notice_that_did_arrive_is_refunded(place):
    oid = place(order_date=ORDER_AT)
    pay(oid, 500, confirm=False)
    rid = file(oid)
    approve(rid, money_arrived=True)
    assert req_row(rid).status == C.REFUND_PENDING
    refund(rid)
    assert req_row(rid).refunded_amount == 500
