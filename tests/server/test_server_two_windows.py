"""Two OrderDesk windows on one server database, in one test, clicking real buttons: a click
in one shows in the other within two seconds, and a stale action in the second is refused
with the message and changes nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtWidgets import QPushButton
from test_order_actions_gui import Dialogs, ok

from app.domain.inputs import PaymentNotice
from app.domain.tabs import OrderTab
from app.models.tables import Order, StatusHistory
from app.services import orders as svc
from app.services import shop_clock
from app.views.prompts import Kind


def test_two_windows_click_shows_and_stale_action_is_refused(qtbot, clerk_window, server_kind, shop, place,
                                                              prompts):
    shown = []
    prompts.answers[Kind.WARNING] = prompts.answers[Kind.INFO] = (
        lambda parent, prompt: shown.append((parent.window(), prompt.kind, prompt.title, prompt.text)))
    when = datetime.now().replace(microsecond=0) - timedelta(days=2)
    oid = place(order_date=shop_clock.to_utc(when))  # the desk's local time, as UTC
    svc.record_payment_notice(oid, PaymentNotice(when.date(), 820, "54321"), operator="storefront")
    a = clerk_window("甲", size=(1200, 700))
    b = clerk_window("乙", size=(1200, 700))
    b.orders_page.set_tab(OrderTab.AWAITING_SHIPMENT)
    assert b.orders_page.current_list().model.rowCount() == 0

    # 甲 clicks 【確認付款】 in window A
    a.orders_page.set_tab(OrderTab.PAID)
    lt_a = a.orders_page.current_list()
    lt_a.select_ids([oid])
    driver = Dialogs(ok)
    lt_a.findChild(QPushButton, "button_confirm_payment").click()
    driver.check()
    assert Order.get_by_id(oid).status == "AWAITING_SHIPMENT"

    # within two seconds window B shows it in 等待出貨
    lt_b = b.orders_page.current_list()
    qtbot.waitUntil(lambda: lt_b.model.row_of_id(oid) >= 0, timeout=2000)
    assert b.orders_page.tabs.tabText(3) == "等待出貨 (1)"

    # 乙 opens 【出貨】 in window B and fills it; meanwhile 甲 clicks 【缺貨】 in window A
    a.orders_page.set_tab(OrderTab.AWAITING_SHIPMENT)
    lt_a = a.orders_page.current_list()
    lt_a.select_ids([oid])
    lt_b.select_ids([oid])
    history_before = []

    def a_marks_out_of_stock():
        def fill(d):
            d.reason.insertPlainText("倉庫找不到")
            ok(d)

        inner = Dialogs(fill)
        lt_a.findChild(QPushButton, "button_out_of_stock").click()
        inner.check()

    def b_ships(d):
        d.carrier.insert("黑貓")
        d.tracking_no.insert("T9")
        a_marks_out_of_stock()  # 甲 is first, while 乙's dialog is open
        history_before.append(StatusHistory.select().where(StatusHistory.order == oid).count())
        ok(d)

    driver = Dialogs(b_ships)
    lt_b.findChild(QPushButton, "button_ship").click()
    driver.check()

    o = Order.get_by_id(oid)
    assert (o.status, o.updated_by, o.tracking_no) == ("OUT_OF_STOCK", "甲", None)  # nothing of 乙's
    assert StatusHistory.select().where(StatusHistory.order == oid).count() == history_before[0]
    stale = [m for m in shown if m[0] is b]
    assert len(stale) == 1 and stale[0][1] == "warning"
    assert f"訂單 {o.order_no} 已被 甲 於 " in stale[0][3] and "這次操作沒有儲存" in stale[0][3]
    assert lt_b.model.row_of_id(oid) < 0  # B's table refreshed: the order left 等待出貨
