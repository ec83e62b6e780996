"""Working the queue (issue 17): after an action the next order of the tab is selected, the
focus stays in the table and the status bar says what was done — single and bulk."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton

from app.domain.inputs import PaymentNotice
from app.domain.tabs import OrderTab
from app.models.tables import Order
from app.services import orders as svc
from app.services import shop_clock

TODAY = date.today()


@pytest.fixture
def paid_orders(place):
    """``paid_orders(n)``: n PAID orders, the newest first in the tab (order date descending)."""

    def _make(n: int) -> list[int]:
        ids = []
        for i in range(n):
            when = datetime.now().replace(microsecond=0) - timedelta(days=2, hours=i)
            oid = place(order_date=shop_clock.to_utc(when))
            paid = Order.get_by_id(oid).total  # the whole amount: a shortfall would need a reason
            svc.record_payment_notice(oid, PaymentNotice(shop_clock.today(), paid, "54321", ""), operator="乙")
            ids.append(oid)
        return ids

    return _make


@pytest.fixture
def paid_tab(clerk_window, paid_orders):
    """``paid_tab(n)``: n PAID orders and a clerk's window on 已付款清單: (ids, window, list)."""

    def _open(n: int):
        ids = paid_orders(n)
        w = clerk_window("店員甲")
        w.orders_page.set_tab(OrderTab.PAID)
        return ids, w, w.orders_page.current_list()

    return _open


def click_confirm_payment(qtbot, lt) -> None:
    qtbot.mouseClick(lt.findChild(QPushButton, "button_confirm_payment"), Qt.MouseButton.LeftButton)


def on_modal(*steps) -> None:
    """Run each ``step(dialog)`` on the modal dialogs as they open, in order."""
    todo = list(steps)
    last = []

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or (last and dialog is last[-1]):
            QTimer.singleShot(5, poll)
            return
        last.append(dialog)
        todo.pop(0)(dialog)
        if todo:
            QTimer.singleShot(0, poll)

    QTimer.singleShot(0, poll)


def click_ok(dialog) -> None:
    dialog.findChild(QPushButton, "ok").click()


def test_after_an_action_the_next_order_is_selected_and_the_status_bar_says_it(
        qtbot, paid_tab, prompts):
    ids, w, lt = paid_tab(6)
    assert [r.id for r in lt.model.loaded_rows()] == ids
    lt.select_ids([ids[2]])  # row 3
    on_modal(click_ok)
    click_confirm_payment(qtbot, lt)

    assert Order.get_by_id(ids[2]).status == "AWAITING_SHIPMENT"
    assert [r.id for r in lt.model.loaded_rows()] == ids[:2] + ids[3:]
    assert [r.id for r in lt.selected_rows()] == [ids[3]]  # the row that took its place
    assert lt.view.currentIndex().row() == 2
    assert w.focusWidget() is lt.view  # the window's focus, when the dialog hands it back
    no = Order.get_by_id(ids[2]).order_no
    assert w.statusBar().currentMessage() == f"已完成「確認付款」：訂單 {no}"


def test_after_the_last_row_the_new_last_row_is_selected(qtbot, paid_tab, prompts):
    ids, w, lt = paid_tab(3)
    lt.select_ids([ids[2]])
    on_modal(click_ok)
    click_confirm_payment(qtbot, lt)
    assert [r.id for r in lt.selected_rows()] == [ids[1]]
    assert w.focusWidget() is lt.view  # the window's focus, when the dialog hands it back


def test_bulk_action_goes_on_too(qtbot, paid_tab, prompts):
    ids, w, lt = paid_tab(6)
    lt.select_ids([ids[2], ids[3]])
    results = []

    def close_result(d):
        results.append(d.windowTitle())
        d.accept()

    on_modal(click_ok, close_result)  # the preview, then the outcomes
    click_confirm_payment(qtbot, lt)
    # The bulk form runs in a background job: wait for its outcomes to be shown and closed.
    qtbot.waitUntil(lambda: bool(results) and QApplication.activeModalWidget() is None, timeout=20000)

    assert {Order.get_by_id(i).status for i in ids[2:4]} == {"AWAITING_SHIPMENT"}
    assert [r.id for r in lt.selected_rows()] == [ids[4]]
    assert w.focusWidget() is lt.view  # the window's focus, when the dialog hands it back
    assert w.statusBar().currentMessage() == "已完成「確認付款」：2 筆訂單"
    assert results
