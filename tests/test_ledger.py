"""The accountant's ledger and month close (issue 14) through app/services/ledger.py: every
money event dated when it happened, its sums equal to sums over the history computed here
apart, filters, and a closed month that no later action changes.  Run again on PostgreSQL and
MariaDB by tests/server_actions."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from db_rows import snapshot

from app.domain import invoice as inv
from app.domain.errors import ValidationError
from app.domain.inputs import CancellationInput, PaymentNotice, Remittance, ShipInput
from app.domain.invoice import AllowanceInput, InvoiceInput
from app.models.tables import (
    CancellationRequest,
    ClosedMonth,
    Invoice,
    Order,
    ShopHistory,
    StatusHistory,
)
from app.models.tables import (
    PaymentNotice as NoticeRow,
)
from app.services import cancellations as cs
from app.services import importer, ledger, shop_clock
from app.services import invoices as inv_svc
from app.services import orders as svc

OCT = ledger.LedgerFilter(date(2026, 10, 1), date(2026, 10, 31))
NOV = ledger.LedgerFilter(date(2026, 11, 1), date(2026, 11, 30))
ACCOUNT = Remittance("812", "台北分行", "00012345678901", "王小明")


def T(month, day, hour=2):  # noqa: N802 - naive UTC; 02:00 UTC is 10:00 in Taipei
    return datetime(2026, month, day, hour, 0, 0)


@pytest.fixture
def books(place, shop, desk_in_taipei):
    """Two orders of October with every kind of money event, some of them in November, in a
    shop on Taiwan time (a fixture, not a module mark: tests/server_actions imports the tests).

    o1 (ATM, NT$820): notice 10-02, confirmed 10-03, shipped 10-04, cancelled, partial refund
    NT$300 on 10-20, a failed attempt of NT$520 on 10-21, the rest refunded 11-02; an invoice
    of 10-04 and an allowance of 11-03.  o2 (card, NT$820): notice 10-05, confirmed at 16:30
    UTC on 10-31, which is 11-01 in the shop (Taipei); shipped 11-02."""
    o1 = place(order_date=T(10, 1))
    svc.record_payment_notice(o1, PaymentNotice(date(2026, 10, 2), 820, "12345"), operator="店員甲",
                              now=T(10, 2))
    svc.confirm_payment(o1, operator="會計乙", now=T(10, 3))
    svc.ship(o1, ShipInput(date(2026, 10, 4), "黑貓宅急便", "TW-1"), operator="店員甲", now=T(10, 4))
    inv_svc.record_invoice(o1, InvoiceInput("AB00000001", date(2026, 10, 4), inv.B2C, 0, inv.MOBILE,
                                            "/ABC+123"), operator="店員甲", now=T(10, 4, 3))
    rid = cs.request_cancellation(o1, CancellationInput("不要了", ACCOUNT), by=cs.CUSTOMER,
                                  operator="顧客", now=T(10, 10)).cancellation_id
    cs.approve_cancellation(rid, "CS-1", operator="主管", now=T(10, 11))
    cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="倉管", now=T(10, 15))
    cs.refund_done(rid, refund_date=date(2026, 10, 20), amount=300, reference="R-1",
                   partial_reason="先退一部分", operator="會計乙", now=T(10, 20))
    cs.refund_failed(rid, refund_date=date(2026, 10, 21), amount=None, reference="R-2",
                     reason="帳號錯誤", operator="會計乙", now=T(10, 21))
    cs.refund_done(rid, refund_date=date(2026, 11, 2), amount=None, reference="R-3",
                   operator="會計乙", now=T(11, 2))
    inv_svc.issue_allowance(Invoice.get(Invoice.order == o1).id,
                            AllowanceInput("AL-1", date(2026, 11, 3), 820), operator="會計乙",
                            cancellation_id=rid, now=T(11, 3))
    o2 = place(order_date=T(10, 5), payment=shop["card"])
    svc.record_payment_notice(o2, PaymentNotice(date(2026, 10, 5), 820, "54321"), operator="店員甲",
                              now=T(10, 5))
    svc.confirm_payment(o2, operator="會計乙", now=datetime(2026, 10, 31, 16, 30))
    svc.ship(o2, ShipInput(date(2026, 11, 2), "郵局", "P-2"), operator="店員甲", now=T(11, 2))
    return dict(o1=o1, o2=o2, rid=rid)


def _history_sums(date_from: date, date_to: date) -> dict:
    """Received and refunded in the period, from the history and notices read here apart
    (the ledger's own SQL not used): confirmations by the shop's day of the record, refunds
    by their refund date."""
    received = refunded = 0
    for h in StatusHistory.select():
        data = json.loads(h.input)
        if h.action == "CONFIRM_PAYMENT":
            day = shop_clock.local_date(h.at)
            amount = data.get("confirmed_amount")
            if date_from <= day <= date_to:
                received += amount
        elif h.action == "PICKED_UP":  # cash on delivery: collected by the carrier on that day
            if date_from <= date.fromisoformat(data["picked_up_date"]) <= date_to:
                received += data["amount"]
        elif h.action in ("REFUND_DONE", "REFUND_PARTIAL"):
            if date_from <= date.fromisoformat(data["refund_date"]) <= date_to:
                refunded += data["amount"]
    return {"received": received, "refunded": refunded}


def test_every_kind_of_event_dated_when_it_happened(books):
    rows = [(e.day, e.kind, e.amount, e.noted, e.reference) for e in ledger.events(OCT)]
    assert rows == [
        (date(2026, 10, 2), "NOTICE", 0, 820, "12345"),
        (date(2026, 10, 3), "CONFIRM", 820, None, None),
        (date(2026, 10, 4), "SHIP", 0, 820, "TW-1"),
        (date(2026, 10, 4), "INVOICE", 0, 820, "AB00000001"),
        (date(2026, 10, 5), "NOTICE", 0, 820, "54321"),
        (date(2026, 10, 20), "REFUND", -300, None, "R-1"),
        (date(2026, 10, 21), "REFUND_FAILED", 0, 520, "R-2"),
    ]
    refund = ledger.events(ledger.LedgerFilter(date(2026, 10, 20), date(2026, 10, 20)))[0]
    assert refund.account == "812 台北分行 00012345678901 王小明"
    assert refund.operator == "會計乙" and refund.details == "先退一部分"
    assert refund.store == "測試商店" and refund.payment_method == "ATM 轉帳"
    nov = [(e.day, e.kind, e.amount, e.noted) for e in ledger.events(NOV)]
    assert nov == [
        (date(2026, 11, 1), "CONFIRM", 820, None),  # 16:30 UTC on 10-31 is 00:30 on 11-01 in Taipei
        (date(2026, 11, 2), "REFUND", -520, None),
        (date(2026, 11, 2), "SHIP", 0, 820),
        (date(2026, 11, 3), "ALLOWANCE", 0, -820),
    ]


def test_sums_equal_sums_over_the_history(books):
    for flt in (OCT, NOV, ledger.LedgerFilter(date(2026, 10, 1), date(2026, 11, 30))):
        (whole,) = ledger.totals(flt)
        expected = _history_sums(flt.date_from, flt.date_to)
        assert (whole.received, whole.refunded) == (expected["received"], expected["refunded"])
        assert whole.net == whole.received - whole.refunded
        assert whole.events == len(ledger.events(flt))
    (october,) = ledger.totals(OCT)
    assert (october.received, october.refunded, october.net, october.invoiced) == (820, 300, 520, 820)
    (november,) = ledger.totals(NOV)
    assert (november.received, november.refunded, november.allowances) == (820, 520, 820)
    notices = sum(n.amount for n in NoticeRow.select() if n.transfer_date.month == 10)
    assert sum(e.noted for e in ledger.events(OCT) if e.kind == "NOTICE") == notices


def test_totals_by_payment_method_store_and_day(books):
    by_method = {t.key: (t.received, t.refunded, t.net) for t in ledger.totals(OCT, "payment_method")}
    assert by_method == {"ATM 轉帳": (820, 300, 520), "信用卡": (0, 0, 0)}
    assert [(t.key, t.net) for t in ledger.totals(OCT, "store")] == [("測試商店", 520)]
    by_day = {t.key: t.net for t in ledger.totals(OCT, "day")}
    assert by_day[date(2026, 10, 3)] == 820 and by_day[date(2026, 10, 20)] == -300
    assert sum(by_day.values()) == 520
    nothing = ledger.totals(ledger.LedgerFilter(date(2026, 1, 1), date(2026, 1, 31)))
    assert [(t.received, t.refunded, t.net, t.events) for t in nothing] == [(0, 0, 0, 0)]


def test_filters(books, shop):
    card = ledger.LedgerFilter(OCT.date_from, NOV.date_to, payment_method_id=shop["card"].id)
    assert {e.order_id for e in ledger.events(card)} == {books["o2"]}
    refunds = ledger.LedgerFilter(OCT.date_from, NOV.date_to, kinds=("REFUND", "REFUND_FAILED"))
    assert [(e.kind, e.amount) for e in ledger.events(refunds)] == [
        ("REFUND", -300), ("REFUND_FAILED", 0), ("REFUND", -520)]
    other = ledger.LedgerFilter(OCT.date_from, NOV.date_to, store_id=shop["store"].id + 100)
    assert ledger.events(other) == []
    with pytest.raises(ValidationError) as err:
        ledger.events(ledger.LedgerFilter(date(2026, 10, 31), date(2026, 10, 1)))
    assert err.value.field == "date_to"


# ---------------------------------------------------------------- month close


def _cells(flt):
    return [tuple(e.__dict__.values()) for e in ledger.events(flt)], ledger.totals(flt, "day")


def test_closing_a_month_freezes_it_and_records_who(books):
    before = _cells(OCT)
    closed = ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    assert closed.events == 7 and closed.totals.net == 520
    row = ClosedMonth.get(ClosedMonth.month == "2026-10")
    assert row.closed_by == "會計乙"
    (record,) = ShopHistory.select()
    assert (record.action, record.subject, record.operator) == ("CLOSE_MONTH", "2026-10", "會計乙")
    assert record.input_data == {"events": 7, "net": 520, "received": 820, "refunded": 300}
    assert _cells(OCT) == before
    assert [s.closed for s in ledger.month_states(OCT.date_from, NOV.date_to)] == [True, False]
    assert ledger.period_closed(OCT) is True and ledger.period_closed(NOV) is False
    with pytest.raises(ValidationError, match="已經結帳"):
        ledger.close_month("2026-10", operator="會計乙")


def test_a_month_not_ended_cannot_be_closed(db, desk_in_taipei):
    this_month = shop_clock.today().strftime("%Y-%m")
    with pytest.raises(ValidationError) as err:
        ledger.close_month(this_month, operator="會計乙")
    assert err.value.field == "month"
    with pytest.raises(ValidationError) as err:
        ledger.close_month("2026-13", operator="會計乙")
    assert err.value.field == "month"


def test_events_dated_in_a_closed_month_are_refused(books, place):
    ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    frozen = _cells(OCT)
    before = snapshot()
    o3 = place(order_date=T(10, 25))  # placing an order is no money event
    before = snapshot()
    with pytest.raises(ValidationError) as err:
        svc.record_payment_notice(o3, PaymentNotice(date(2026, 10, 26), 820, "11111"), operator="店員甲")
    assert err.value.field == "transfer_date" and snapshot() == before
    assert "2026-10" in err.value.message() and "已結帳" in err.value.message()
    # A notice dated today is taken; confirming it, and shipping with a back date, are not.
    svc.record_payment_notice(o3, PaymentNotice(shop_clock.today(), 820, "11111"), operator="店員甲")
    with pytest.raises(ValidationError) as err:
        svc.confirm_payment(o3, operator="會計乙", now=T(10, 28))
    assert err.value.field == "date"
    svc.confirm_payment(o3, operator="會計乙")
    before = snapshot()
    with pytest.raises(ValidationError) as err:
        inv_svc.record_invoice(o3, InvoiceInput("AB00000003", date(2026, 10, 30), inv.B2C, 0,
                                                inv.MOBILE, "/ABC+123"), operator="店員甲")
    assert err.value.field == "invoice_date" and snapshot() == before
    with pytest.raises(ValidationError) as err:
        svc.ship(o3, ShipInput(date(2026, 10, 28), "郵局", "P-3"), operator="店員甲")
    assert err.value.field == "ship_date"
    assert _cells(OCT) == frozen


def test_refunds_into_a_closed_month_are_refused_and_the_month_stays(books, place):
    o3 = place(order_date=T(10, 6))
    svc.record_payment_notice(o3, PaymentNotice(date(2026, 10, 6), 820, "22222"), operator="店員甲",
                              now=T(10, 6))
    svc.confirm_payment(o3, operator="會計乙", now=T(10, 7))
    rid = cs.request_cancellation(o3, CancellationInput("不要了", ACCOUNT), by=cs.CUSTOMER,
                                  operator="顧客", now=T(10, 8)).cancellation_id
    ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    frozen = _cells(OCT)
    cs.approve_cancellation(rid, "CS-3", operator="主管")  # acting today on an October order
    before = snapshot()
    with pytest.raises(ValidationError) as err:
        cs.refund_done(rid, refund_date=date(2026, 10, 30), amount=None, reference="R-9",
                       operator="會計乙")
    assert err.value.field == "refund_date" and snapshot() == before
    with pytest.raises(ValidationError) as err:
        cs.refund_failed(rid, refund_date=date(2026, 10, 30), amount=None, reference="R-9",
                         reason="x", operator="會計乙")
    assert err.value.field == "refund_date" and snapshot() == before
    cs.refund_done(rid, refund_date=shop_clock.today(), amount=None, reference="R-9", operator="會計乙")
    assert CancellationRequest.get_by_id(rid).status == "COMPLETED"
    assert Order.get_by_id(o3).status == "CANCELLED"
    assert _cells(OCT) == frozen  # the refund is today's, not October's


def test_reopening_records_the_reason_and_reads_the_history_again(books, place):
    ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    with pytest.raises(ValidationError) as err:
        ledger.reopen_month("2026-10", "  ", operator="會計乙")
    assert err.value.field == "reason"
    ledger.reopen_month("2026-10", "補登一筆付款", operator="主管", now=T(11, 6))
    assert not ClosedMonth.select().exists()
    assert [(h.action, h.operator) for h in ledger.books_history("2026-10")] == [
        ("CLOSE_MONTH", "會計乙"), ("REOPEN_MONTH", "主管")]
    assert ledger.books_history("2026-10")[1].input_data["reason"] == "補登一筆付款"
    o3 = place(order_date=T(10, 25))
    svc.record_payment_notice(o3, PaymentNotice(date(2026, 10, 26), 820, "11111"), operator="店員甲")
    assert len(ledger.events(OCT)) == 8
    with pytest.raises(ValidationError, match="沒有結帳"):
        ledger.reopen_month("2026-10", "again", operator="主管")
    with pytest.raises(Exception):  # noqa: B017 - the history is append-only
        ShopHistory.delete().execute()


def test_a_period_across_a_closed_and_an_open_month(books):
    both = ledger.LedgerFilter(OCT.date_from, NOV.date_to)
    before = _cells(both)
    ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    assert _cells(both) == before
    assert ledger.period_closed(both) is None


def test_days_follow_the_shops_zone_across_a_clock_change(place, monkeypatch):
    """A shop in New York: clocks go back on 2026-11-01 at 06:00 UTC.  Confirmations on
    either side are dated on the shop's day, as ``shop_clock.local_date`` says (the SQL's
    CASE over the two offsets)."""
    from zoneinfo import ZoneInfo

    monkeypatch.setattr(shop_clock, "shop_zone", lambda: ZoneInfo("America/New_York"))
    times = [datetime(2026, 11, 1, 3, 30), datetime(2026, 11, 1, 4, 30),
             datetime(2026, 11, 2, 4, 30), datetime(2026, 11, 2, 5, 30)]
    for i, at in enumerate(times):
        oid = place(order_date=datetime(2026, 10, 20, 12, 0), name=f"n{i}")
        svc.record_payment_notice(oid, PaymentNotice(date(2026, 10, 25), 820, "12345"),
                                  operator="店員甲", now=datetime(2026, 10, 25, 12, 0))
        svc.confirm_payment(oid, operator="會計乙", now=at)
    flt = ledger.LedgerFilter(date(2026, 10, 15), date(2026, 11, 15), kinds=("CONFIRM",))
    assert [e.day for e in ledger.events(flt)] == [shop_clock.local_date(t) for t in times] == [
        date(2026, 10, 31), date(2026, 11, 1), date(2026, 11, 1), date(2026, 11, 2)]
    assert {t.key: t.received for t in ledger.totals(flt, "day")} == {
        date(2026, 10, 31): 820, date(2026, 11, 1): 1640, date(2026, 11, 2): 820}


def test_an_invoice_file_row_dated_in_a_closed_month_is_bad(books, place, tmp_path):
    o3 = place(order_date=T(10, 25))
    svc.record_payment_notice(o3, PaymentNotice(shop_clock.today(), 820, "11111"), operator="店員甲")
    svc.confirm_payment(o3, operator="會計乙")
    ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    sheet = tmp_path / "issued.csv"
    sheet.write_text("訂單編號,發票號碼,發票日期\n"
                     f"{Order.get_by_id(o3).order_no},AB00000009,2026-10-30\n", encoding="utf-8")
    plan = importer.check_file(sheet)
    assert not plan.invoices and len(plan.bad) == 1
    assert "2026-10" in plan.bad[0].message() and "已結帳" in plan.bad[0].message()


def test_a_pickup_or_a_remittance_dated_in_a_closed_month_is_refused(place, shop, desk_in_taipei):
    """已取貨 books a COD parcel's money on its pickup date, 登錄撥款 notes the carrier's payment
    on its own: neither may be dated in a closed month (it was taken, and October's money
    then showed in no month: October read from its close, November without it)."""
    from app.domain.remittance import RemittanceInput
    from app.models.tables import PaymentMethod
    from app.services import remittances

    cod = PaymentMethod.create(title="貨到付款", position=5, refund_channel="cod")
    oid = place(order_date=T(10, 1), payment=cod)
    svc.accept_order(oid, operator="店員甲", now=T(10, 1, 4))
    svc.ship(oid, ShipInput(date(2026, 10, 30), "7-ELEVEN 交貨便", "E-1"), operator="店員甲", now=T(10, 30),
             today=date(2026, 10, 30))
    ledger.close_month("2026-10", operator="會計乙", now=T(11, 5))
    frozen = _cells(OCT)
    before = snapshot()
    with pytest.raises(ValidationError) as err:
        svc.picked_up(oid, date(2026, 10, 31), operator="店員甲", now=T(11, 6), today=date(2026, 11, 6))
    assert err.value.field == "picked_up_date" and "已結帳" in err.value.message()
    assert snapshot() == before and Order.get_by_id(oid).status == "IN_DELIVERY"
    svc.picked_up(oid, date(2026, 11, 2), operator="店員甲", now=T(11, 6), today=date(2026, 11, 6))
    before = snapshot()
    with pytest.raises(ValidationError) as err:
        remittances.record_remittance(RemittanceInput("7-ELEVEN 交貨便", date(2026, 10, 31), 800, 20, "RM-1"),
                                      [oid], operator="會計乙", now=T(11, 7), today=date(2026, 11, 7))
    assert err.value.field == "remitted_on" and snapshot() == before
    remittances.record_remittance(RemittanceInput("7-ELEVEN 交貨便", date(2026, 11, 7), 800, 20, "RM-1"),
                                  [oid], operator="會計乙", now=T(11, 7), today=date(2026, 11, 7))
    assert _cells(OCT) == frozen
    assert [(e.day, e.kind) for e in ledger.events(NOV) if e.kind in ("COD", "REMITTED")] == [
        (date(2026, 11, 2), "COD"), (date(2026, 11, 7), "REMITTED")]


def test_cash_on_delivery_is_received_at_pickup_and_noted_when_the_carrier_pays(place, shop, desk_in_taipei):
    """A COD parcel's total is money received on the day the buyer picked it up (the carrier
    holds it for the shop); the carrier's remittance is noted on its own day, not counted again."""
    from app.domain.remittance import RemittanceInput
    from app.models.tables import PaymentMethod
    from app.services import remittances

    cod = PaymentMethod.create(title="貨到付款", position=5, refund_channel="cod")
    oid = place(order_date=T(10, 1), payment=cod)
    svc.accept_order(oid, operator="店員甲", now=T(10, 1, 4))
    svc.ship(oid, ShipInput(date(2026, 10, 2), "7-ELEVEN 交貨便", "E-1"), operator="店員甲", now=T(10, 2),
             today=date(2026, 10, 2))
    svc.picked_up(oid, date(2026, 10, 4), operator="店員甲", now=T(10, 5), today=date(2026, 10, 5))
    remittances.record_remittance(RemittanceInput("7-ELEVEN 交貨便", date(2026, 10, 12), 800, 20, "RM-1"),
                                  [oid], operator="會計乙", now=T(10, 12), today=date(2026, 10, 12))
    rows = [(e.day, e.kind, e.amount, e.noted, e.reference) for e in ledger.events(OCT)
            if e.kind in ("COD", "REMITTED")]
    assert rows == [(date(2026, 10, 4), "COD", 820, None, "E-1"),
                    (date(2026, 10, 12), "REMITTED", 0, 820, "RM-1")]
    (october,) = ledger.totals(OCT)
    assert october.received == 820 == _history_sums(OCT.date_from, OCT.date_to)["received"]
    assert october.net == 820
    by_kind = {t.key: t.received for t in ledger.totals(OCT, "kind")}
    assert by_kind["COD"] == 820 and by_kind["REMITTED"] == 0

