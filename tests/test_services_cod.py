"""Cash on delivery (issue 12): a COD order is accepted unpaid (【接單】), ships into
配送中／待取貨, and ends picked up (paid to the carrier: completed, money received) or back
uncollected (cancelled, nothing to refund).  It never takes a payment notice.  Its
cancellation asks for an account only once money was collected."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from db_rows import history, order_row, replay, req_row, snapshot

from app.domain.errors import StaleError, TransitionError, ValidationError
from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.statuses import CancelStatus, OrderStatus
from app.models.tables import CancellationRequest
from app.services import cancellations as cs
from app.services import orders as svc

S = OrderStatus
C = CancelStatus
AT = datetime(2026, 11, 2, 2, 0)  # UTC: 10:00 in Taipei
SHIPMENT = ShipInput(date(2026, 11, 3), "7-ELEVEN 交貨便", "E0001")
REMIT = Remittance("812", "台北分行", "123456789012", "王小明")

pytestmark = pytest.mark.usefixtures("desk_in_taipei")


def T(hours: float) -> datetime:  # noqa: N802 - a clock
    return AT + timedelta(hours=hours)


@pytest.fixture
def cod(place, cod_method):
    """A COD order placed at AT (2 x 350 + 120 = 820)."""
    return place(order_date=AT, payment=cod_method)


def to_delivery(oid):
    svc.accept_order(oid, operator="店員", now=T(1))
    svc.ship(oid, SHIPMENT, operator="店員", now=T(25), today=date(2026, 11, 3))
    return oid


def test_a_cod_order_is_accepted_shipped_and_picked_up(cod):
    o = order_row(cod)
    assert o.collect_on_delivery and o.status == S.UNPAID
    ch = svc.accept_order(cod, operator="店員", expected_version=1, now=T(1))
    assert ch.order_to == S.AWAITING_SHIPMENT == order_row(cod).status
    ch = svc.ship(cod, SHIPMENT, operator="店員", now=T(25), today=date(2026, 11, 3))
    assert ch.order_to == S.IN_DELIVERY == order_row(cod).status
    assert order_row(cod).confirmed_amount is None  # nothing received yet
    ch = svc.picked_up(cod, date(2026, 11, 5), operator="店員", now=T(80), today=date(2026, 11, 5))
    o = order_row(cod)
    assert ch.order_to == S.COMPLETED == o.status
    assert o.confirmed_amount == o.total == 820  # collected by the carrier, due from it
    rows = history(cod, "order")
    assert [(r.from_status, r.to_status, r.action) for r in rows] == [
        (None, "UNPAID", "PLACE"), ("UNPAID", "AWAITING_SHIPMENT", "ACCEPT"),
        ("AWAITING_SHIPMENT", "IN_DELIVERY", "SHIP"), ("IN_DELIVERY", "COMPLETED", "PICKED_UP")]
    assert rows[-1].input_data == {"picked_up_date": "2026-11-05", "amount": 820}
    assert [r.operator for r in rows[1:]] == ["店員"] * 3
    assert replay(cod) == S.COMPLETED


def test_a_parcel_back_uncollected_cancels_the_order_with_its_reason_and_no_refund(cod):
    to_delivery(cod)
    ch = svc.not_collected(cod, "逾期未取，退回門市", operator="店員", now=T(200))
    assert ch.order_to == S.CANCELLED == order_row(cod).status
    last = history(cod, "order")[-1]
    assert (last.action, last.input_data) == ("NOT_COLLECTED", {"reason": "逾期未取，退回門市"})
    assert CancellationRequest.select().count() == 0  # no request, no refund step
    assert order_row(cod).confirmed_amount is None
    assert replay(cod) == S.CANCELLED


def test_a_cod_order_takes_no_payment_notice_and_a_paid_first_order_is_not_accepted(cod, place):
    before = snapshot()
    with pytest.raises(TransitionError) as err:
        svc.record_payment_notice(cod, Notice(date(2026, 11, 2), 820, "12345"), operator="顧客", now=T(1))
    assert "登錄付款通知" in str(err.value)
    assert snapshot() == before
    transfer = place(order_date=AT)
    with pytest.raises(TransitionError) as err:
        svc.accept_order(transfer, operator="店員", now=T(1))
    assert "接單" in str(err.value) and "未付款" in str(err.value)
    for refused in (lambda: svc.picked_up(transfer, date(2026, 11, 2), operator="店員", now=T(2)),
                    lambda: svc.not_collected(transfer, "x", operator="店員", now=T(2))):
        with pytest.raises(TransitionError):
            refused()
    assert snapshot() == before or order_row(transfer).status == S.UNPAID


def test_pickup_and_return_inputs_are_checked_and_nothing_is_written(cod):
    to_delivery(cod)
    before = snapshot()
    for day, today, words in ((date(2026, 11, 2), date(2026, 11, 5), "早於出貨日期"),
                              (date(2026, 11, 9), date(2026, 11, 5), "晚於今天")):
        with pytest.raises(ValidationError) as err:
            svc.picked_up(cod, day, operator="店員", now=T(80), today=today)
        assert err.value.field == "picked_up_date" and words in str(err.value)
    with pytest.raises(ValidationError) as err:
        svc.picked_up(cod, None, operator="店員", now=T(80))
    assert err.value.field == "picked_up_date"
    with pytest.raises(ValidationError) as err:
        svc.not_collected(cod, "  ", operator="店員", now=T(80))
    assert err.value.field == "reason"
    with pytest.raises(StaleError):
        svc.not_collected(cod, "未取", operator="店員", expected_version=1, now=T(80))
    assert snapshot() == before


def test_cancelling_a_cod_order_before_shipping_asks_for_no_account_and_refunds_nothing(cod):
    svc.accept_order(cod, operator="店員", now=T(1))
    rid = cs.request_cancellation(cod, CancellationInput("不想要了"), operator="顧客", by=cs.CUSTOMER,
                                  now=T(2)).cancellation_id
    req = req_row(rid)
    assert (req.paid, req.refund_due, req.account_number) == (False, 0, None)
    cs.approve_cancellation(rid, "CS-1", operator="主管", now=T(3))
    assert req_row(rid).status == C.COMPLETED and order_row(cod).status == S.CANCELLED


def test_a_collected_cod_order_returned_goes_the_return_path_with_a_refund(cod):
    to_delivery(cod)
    svc.picked_up(cod, date(2026, 11, 5), operator="店員", now=T(80), today=date(2026, 11, 5))
    with pytest.raises(ValidationError):  # money was collected: the refund needs an account
        cs.request_cancellation(cod, CancellationInput("尺寸不合"), operator="顧客", by=cs.CUSTOMER, now=T(90))
    rid = cs.request_cancellation(cod, CancellationInput("尺寸不合", REMIT), operator="顧客",
                                  by=cs.CUSTOMER, now=T(90)).cancellation_id
    req = req_row(rid)
    assert (req.paid, req.shipped, req.refund_due, req.refund_channel) == (True, True, 820, "cod")
    cs.approve_cancellation(rid, "CS-2", operator="主管", now=T(91))
    assert req_row(rid).status == C.AWAITING_RETURN
    cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員", now=T(100))
    assert req_row(rid).status == C.REFUND_PENDING
