"""Cash on delivery clicked like a clerk (issue 12): 【接單】 one order and several, 【出貨】
into 配送中／待取貨, 【已取貨】 and 【未取件退回】 — the tab each order lands on, the counts, the
history; a COD order offers no 【登錄付款通知】 and a paid-first one no 【接單】."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QPushButton
from test_order_actions_gui import click, error_of, history, ids_in, ok, press, select, set_date

from app.domain.tabs import OrderTab
from app.models.tables import CancellationRequest, Order
from app.views.orders_page import OrdersPage

TODAY = date.today()


@pytest.fixture
def page(shown, session, prompts, shop):
    return shown(OrdersPage(session), (1200, 700))


@pytest.fixture
def in_delivery(page, cod_order):
    """A COD order on 配送中／待取貨, selected there: its id and the list's tab."""
    oid = cod_order("IN_DELIVERY")
    return oid, select(page, OrderTab.IN_DELIVERY, oid)


def tab_text(page, tab: OrderTab) -> str:
    return page.tabs.tabText(list(OrderTab).index(tab))


def test_the_new_tab_sits_after_awaiting_shipment(page):
    titles = [page.tabs.tabText(i).split(" (")[0] for i in range(page.tabs.count())]
    assert titles == ["訂單清單", "未付款清單", "已付款清單", "等待出貨", "配送中／待取貨", "缺貨訂單", "已完成訂單"]


def test_accept_one_then_several_then_ship_into_in_delivery(qtbot, page, cod_order, prompts):
    one, two, three = cod_order(), cod_order(), cod_order()
    lt = select(page, OrderTab.UNPAID, one)
    assert not lt.findChild(QPushButton, "button_record_payment").isEnabled()  # no notice for COD
    press(qtbot, lt, "accept", ok)
    h = history(one)[-1]
    assert (h.action, h.from_status, h.to_status, h.operator) == ("ACCEPT", "UNPAID", "AWAITING_SHIPMENT", "店員甲")
    assert prompts.messages[-1][1:] == ("接單", f"貨到付款訂單 {Order.get_by_id(one).order_no} 已接單，已移到「等待出貨」。")
    lt = select(page, OrderTab.UNPAID, two, three)
    press(qtbot, lt, "accept", ok, lambda d: click(d, "close"))  # the preview, then the outcomes
    assert {Order.get_by_id(i).status for i in (two, three)} == {"AWAITING_SHIPMENT"}
    assert {one, two, three} <= ids_in(page, OrderTab.AWAITING_SHIPMENT)
    assert tab_text(page, OrderTab.UNPAID) == "未付款清單 (0)"

    lt = select(page, OrderTab.AWAITING_SHIPMENT, one)

    def ship(d):
        d.carrier.setText("7-ELEVEN 交貨便")
        d.tracking_no.setText("E0000001")
        ok(d)

    press(qtbot, lt, "ship", ship)
    o = Order.get_by_id(one)
    assert (o.status, o.carrier, o.tracking_no, o.confirmed_amount) == ("IN_DELIVERY", "7-ELEVEN 交貨便", "E0000001", None)
    assert one in ids_in(page, OrderTab.IN_DELIVERY) and one not in ids_in(page, OrderTab.COMPLETED)
    assert tab_text(page, OrderTab.IN_DELIVERY) == "配送中／待取貨 (1)"


def test_picked_up_completes_and_records_the_money_the_carrier_owes(qtbot, page, in_delivery):
    oid, lt = in_delivery

    def too_early(d):
        set_date(d.day, TODAY - timedelta(days=2))  # before the ship date
        ok(d)
        assert d.isVisible() and error_of(d, "picked_up_date") == "取貨日期不能早於出貨日期。"
        set_date(d.day, TODAY)
        ok(d)

    press(qtbot, lt, "picked_up", too_early)
    o = Order.get_by_id(oid)
    assert (o.status, o.confirmed_amount) == ("COMPLETED", o.total)
    h = history(oid)[-1]
    assert (h.action, h.input_data) == ("PICKED_UP", {"picked_up_date": TODAY.isoformat(), "amount": o.total})
    assert oid in ids_in(page, OrderTab.COMPLETED) and oid not in ids_in(page, OrderTab.IN_DELIVERY)
    assert tab_text(page, OrderTab.IN_DELIVERY) == "配送中／待取貨 (0)"


def test_not_collected_cancels_with_the_reason_and_no_request(qtbot, page, in_delivery):
    oid, lt = in_delivery

    def no_reason_then_reason(d):
        ok(d)
        assert d.isVisible() and error_of(d, "reason")
        d.reason.insertPlainText("超過 7 天未取件")
        ok(d)

    press(qtbot, lt, "not_collected", no_reason_then_reason)
    assert Order.get_by_id(oid).status == "CANCELLED"
    assert history(oid)[-1].input_data == {"reason": "超過 7 天未取件"}
    assert CancellationRequest.select().count() == 0
    assert oid not in ids_in(page, OrderTab.IN_DELIVERY)


def test_a_paid_first_order_offers_no_accept(qtbot, page, place):
    oid = place()
    lt = select(page, OrderTab.UNPAID, oid)
    assert not lt.findChild(QPushButton, "button_accept").isEnabled()
    assert lt.findChild(QPushButton, "button_record_payment").isEnabled()
