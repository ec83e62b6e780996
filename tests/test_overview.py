"""報表's 概況 page: the money per day, the payment-method mix and the queues' waiting times
equal what SQL and the orders say; the page draws them and its period chooser and store
filter change them (issue 14, item 6)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import peewee as pw
import pytest

from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.models.tables import CancellationRequest, Order, Store
from app.services import cancellations as cs
from app.services import orders as svc
from app.services import overview

REMIT = Remittance("812", "台北分行", "123456789012", "王小明")
DAY = datetime(2026, 11, 2, 2, 0)  # UTC: 10:00 on 11/2 in Taipei
TODAY = date(2026, 11, 20)

pytestmark = pytest.mark.usefixtures("desk_in_taipei")


@pytest.fixture
def shop_month(place, shop):
    """November: orders confirmed on 11/2, 11/3 (two) and 11/5 (one by card), a refund dated
    11/6 and a partial one dated 11/8 (recorded on 11/9), an order confirmed on 10/31 at 23:30
    in Taipei (15:30 UTC: still October), one waiting since 11/18 and one unpaid."""
    made = {}

    def confirmed(name, at, *, payment=None, ship=False):
        kw = {"payment": payment} if payment else {}
        oid = place(order_date=at - timedelta(hours=3), **kw)
        total = Order.get_by_id(oid).total
        svc.record_payment_notice(oid, Notice((at - timedelta(hours=2)).date(), total, "12345"),
                                  operator="顧客", now=at - timedelta(hours=2))
        svc.confirm_payment(oid, operator="店員", now=at)
        if ship:
            svc.ship(oid, ShipInput(at.date(), "黑貓", "T1"), operator="店員", now=at + timedelta(hours=1))
        made[name] = oid
        return oid

    confirmed("a", DAY)
    confirmed("b", DAY + timedelta(days=1))
    confirmed("c", DAY + timedelta(days=1, hours=3))
    confirmed("card", DAY + timedelta(days=3), payment=shop["card"])
    confirmed("october", datetime(2026, 10, 31, 15, 30))
    confirmed("waiting", datetime(2026, 11, 18, 2))
    made["unpaid"] = place(order_date=DAY)
    for name, refund_day, amount, recorded in (("a", date(2026, 11, 6), None, datetime(2026, 11, 6, 3)),
                                               ("b", date(2026, 11, 8), 300, datetime(2026, 11, 9, 3))):
        rid = cs.request_cancellation(made[name], CancellationInput("不想要了", REMIT), operator="顧客",
                                      by=cs.CUSTOMER, now=DAY + timedelta(days=2)).cancellation_id
        cs.approve_cancellation(rid, "CS", operator="主管", now=DAY + timedelta(days=2, hours=1))
        cs.refund_done(rid, refund_date=refund_day, amount=amount, reference="R", operator="會計", now=recorded,
                       partial_reason="先退一部分" if amount else None)
        made[f"refund_{name}"] = rid
    return made


def test_money_per_day_is_what_was_confirmed_and_refunded_on_each_shop_day(shop_month):
    days = overview.money_per_day(date(2026, 11, 1), date(2026, 11, 30))
    assert [d.day for d in days][:3] == [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
    assert len(days) == 30
    by_day = {d.day: d for d in days}
    total = {name: Order.get_by_id(oid).total for name, oid in shop_month.items() if name in "abc card"}
    assert by_day[date(2026, 11, 2)].received == total["a"]
    assert by_day[date(2026, 11, 3)].received == total["b"] + total["c"]
    assert by_day[date(2026, 11, 1)].received == 0  # 10/31 23:30 in Taipei is October's
    assert by_day[date(2026, 11, 6)].refunded == total["a"] and by_day[date(2026, 11, 8)].refunded == 300
    assert by_day[date(2026, 11, 9)].refunded == 0  # the day it was recorded is not the refund's
    # The month's sums are SQL's: confirmed amounts of the orders confirmed in November, refunds
    # dated in November.
    start, end = datetime(2026, 10, 31, 16), datetime(2026, 11, 30, 16)
    from app.models.tables import StatusHistory as H

    sql_received = (Order.select(pw.fn.SUM(Order.confirmed_amount)).join(H, on=(H.order == Order.id))
                    .where((H.action == "CONFIRM_PAYMENT") & (H.at >= start) & (H.at < end)).scalar())
    sql_refunded = (CancellationRequest.select(pw.fn.SUM(CancellationRequest.refunded_amount))
                    .where(CancellationRequest.refund_date.between(date(2026, 11, 1), date(2026, 11, 30))).scalar())
    assert sum(d.received for d in days) == sql_received
    assert sum(d.refunded for d in days) == sql_refunded
    october = overview.money_per_day(date(2026, 10, 31), date(2026, 10, 31))
    assert october[0].received == Order.get_by_id(shop_month["october"]).confirmed_amount


def test_payment_mix_counts_and_sums_the_periods_orders_by_method(shop_month):
    mix = overview.payment_mix(date(2026, 11, 1), date(2026, 11, 30))
    start, end = datetime(2026, 10, 31, 16), datetime(2026, 11, 30, 16)
    rows = (Order.select(Order.payment_method_name, pw.fn.COUNT(Order.id), pw.fn.SUM(Order.total))
            .where((Order.order_date >= start) & (Order.order_date < end))
            .group_by(Order.payment_method_name).tuples())
    assert {(m.method, m.orders, m.amount) for m in mix} == {(n, c, int(s)) for n, c, s in rows}
    assert [m.amount for m in mix] == sorted((m.amount for m in mix), reverse=True)
    assert overview.payment_mix(date(2026, 12, 1), date(2026, 12, 31)) == []


def test_queue_ages_count_each_queues_waiting_days(shop_month):
    queues = {q.queue: q for q in overview.queue_ages(today=TODAY)}
    # Awaiting shipment: card (since 11/5: 15 days), c (11/3: 17), october (10/31: 20), waiting (11/18: 2).
    awaiting = queues[overview.AWAITING]
    assert awaiting.total == 4 and awaiting.oldest == 20
    assert awaiting.counts == (0, 1, 0, 1, 2)
    assert queues[overview.PAID].total == 0 and queues[overview.PAID].oldest is None
    # The partial refund is still pending since its approval on 11/4 (16 days: past the deadline).
    refund = queues[overview.REFUND]
    assert refund.total == 1 and refund.oldest == 16 and refund.counts[-1] == 1
    assert overview.bucket_of(15) == 3 and overview.bucket_of(16) == 4 and overview.bucket_of(0) == 0


def test_the_overview_page_draws_the_figures_and_follows_its_filters(qtbot, shop_month, shop, monkeypatch):
    from app.services import shop_clock
    from app.views import overview_page as page_mod

    monkeypatch.setattr(shop_clock, "today", lambda now=None: TODAY)
    other_store = Store.create(name="第二店").id
    page = page_mod.OverviewPage()
    qtbot.addWidget(page)
    page.resize(1280, 660)
    page.show()
    assert page.period.currentData() == page_mod.THIS_MONTH
    assert page.days() == (date(2026, 11, 1), TODAY)
    received = page.money_chart.series["收款"]
    assert len(received) == 20 and received[1] == Order.get_by_id(shop_month["a"]).total
    assert page.money_chart.series["退款"][5] == Order.get_by_id(shop_month["a"]).total
    assert "收款 NT$" in page.money_text.text() and "淨額" in page.money_text.text()
    assert sum(page.mix_chart.series["訂單金額"]) == sum(
        o.total for o in Order.select() if o.order_date >= datetime(2026, 10, 31, 16))
    assert page.queue_chart.series["等待出貨"] == [0, 1, 0, 1, 2]
    assert "已逾退款期限：1 筆" in page.queue_text.text()

    page.period.setCurrentIndex(page.period.findData(page_mod.LAST_MONTH))
    assert page.days() == (date(2026, 10, 1), date(2026, 10, 31))
    assert len(page.money_chart.series["收款"]) == 31
    assert page.money_chart.series["收款"][-1] == Order.get_by_id(shop_month["october"]).confirmed_amount
    assert not page.date_from.isEnabled()

    page.period.setCurrentIndex(page.period.findData(page_mod.CUSTOM))
    assert page.date_from.isEnabled()
    page.date_from.setDate(date(2026, 11, 3))
    page.date_to.setDate(date(2026, 11, 3))
    assert page.money_chart.series["收款"] == [Order.get_by_id(shop_month["b"]).total
                                             + Order.get_by_id(shop_month["c"]).total]
    # A store with none of these orders shows nothing; all stores again, the day's money.
    page.store.setCurrentIndex(page.store.findData(other_store))
    assert page.money_chart.series["收款"] == [0] and page.mix_chart.series["訂單金額"] == []
    assert "這段期間沒有訂單。" in page.mix_text.text()
    page.store.setCurrentIndex(0)
    assert page.money_chart.series["收款"] != [0]
