"""A keyboard-only session (issue 17): a clerk clears 20 orders from 已付款清單 through 等待出貨
to 已完成 with key presses only — tab keys, the actions' shortcuts, and the dialogs answered by
typing into the field that has the focus and pressing Enter.  Also: Ctrl+F and Enter on a single
hit, Tab leaving the table, the context-menu key, 說明 → 快速鍵, dialogs opening in their field."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from test_work_queue import paid_orders  # noqa: F401,F811 - the fixture: n PAID orders

from app.dialogs.confirm_dialogs import ConfirmPaymentDialog
from app.dialogs.ship_dialog import ShipDialog
from app.domain.tabs import OrderTab
from app.models.tables import Order
from app.services import shop_clock  # noqa: F401

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


class Keyboard:
    """Answers the modal dialogs as a clerk at the keyboard would: the confirmation and the
    message with Enter, the ship dialog by typing the carrier into the field that has the focus,
    Tab, the tracking number, Enter.  ``problems`` keeps what was not as expected."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.problems: list[str] = []
        self.answered: list[str] = []
        self.n = 0
        self.timer = QTimer()
        self.timer.timeout.connect(self.poll)
        self.timer.start(5)

    def poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible() or getattr(dialog, "_answered", False):
            return
        dialog._answered = True
        focus = dialog.focusWidget()
        if isinstance(dialog, ShipDialog):
            if focus is not dialog.carrier:
                self.problems.append(f"ship dialog opened on {focus}")
                dialog.reject()
                return
            self.n += 1
            self.qtbot.keyClicks(focus, "TCAT")
            self.qtbot.keyClick(focus, Qt.Key.Key_Tab)
            nxt = dialog.focusWidget()
            self.qtbot.keyClicks(nxt, f"T{self.n:04d}")
            self.qtbot.keyClick(nxt, Qt.Key.Key_Return)
        elif isinstance(dialog, (ConfirmPaymentDialog, QMessageBox)):
            self.qtbot.keyClick(focus or dialog, Qt.Key.Key_Return)
        else:
            self.problems.append(f"unexpected dialog {dialog.windowTitle()}")
            dialog.reject()
            return
        self.answered.append(type(dialog).__name__)

    def stop(self) -> None:
        self.timer.stop()


def focused(w):
    return QApplication.focusWidget() or w.focusWidget()


def back_to(qtbot, w) -> None:
    """A dialog closed: the window manager activates the main window again (the offscreen
    platform has none that does), and the window's focus widget gets the keys."""
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=2000)


def test_twenty_orders_cleared_with_the_keyboard_only(qtbot, clerk_window, paid_orders):  # noqa: F811
    ids = paid_orders(20)
    w = clerk_window("店員甲")
    back_to(qtbot, w)
    page = w.orders_page
    tabs = list(OrderTab)
    keyboard = Keyboard(qtbot)
    try:
        page.current_list().view.setFocus()
        # Ctrl+3: 已付款清單; the first order is selected, the focus in the table
        qtbot.keyClick(focused(w), Qt.Key(Qt.Key.Key_1.value + tabs.index(OrderTab.PAID)), CTRL)
        assert page.current_tab() is OrderTab.PAID
        for _ in range(20):
            assert focused(w) is page.current_list().view
            qtbot.keyClick(focused(w), Qt.Key.Key_C, CTRL_SHIFT)  # 確認付款, then 付款成功 → Enter
            back_to(qtbot, w)
        assert {Order.get_by_id(i).status for i in ids} == {"AWAITING_SHIPMENT"}
        assert page.current_list().model.rowCount() == 0
        # Ctrl+PgDn: on to 等待出貨
        qtbot.keyClick(focused(w), Qt.Key.Key_PageDown, CTRL)
        assert page.current_tab() is OrderTab.AWAITING_SHIPMENT
        assert page.current_list().model.rowCount() == 20
        for _ in range(20):
            assert focused(w) is page.current_list().view
            qtbot.keyClick(focused(w), Qt.Key.Key_S, CTRL_SHIFT)  # 出貨
            back_to(qtbot, w)
    finally:
        keyboard.stop()
    assert keyboard.problems == []
    assert keyboard.answered.count("ShipDialog") == 20
    orders = [Order.get_by_id(i) for i in ids]
    assert {o.status for o in orders} == {"COMPLETED"}
    assert {o.carrier for o in orders} == {"TCAT"}
    assert sorted(o.tracking_no for o in orders) == [f"T{n:04d}" for n in range(1, 21)]
    assert {o.updated_by for o in orders} == {"店員甲"}
    assert page.counts[OrderTab.PAID] == 0 and page.counts[OrderTab.AWAITING_SHIPMENT] == 0
    assert page.counts[OrderTab.COMPLETED] == 20
    assert page.current_list().model.rowCount() == 0


def test_ctrl_f_then_enter_on_a_single_hit_opens_it(qtbot, clerk_window, paid_orders, monkeypatch):  # noqa: F811
    ids = paid_orders(3)
    no = Order.get_by_id(ids[1]).order_no
    w = clerk_window("店員甲")
    back_to(qtbot, w)
    page = w.orders_page
    opened = []
    monkeypatch.setattr(page, "open_detail", lambda row: opened.append(row.id))
    page.current_list().view.setFocus()
    qtbot.keyClick(focused(w), Qt.Key.Key_F, CTRL)
    search = page.filter_bar.search
    assert focused(w) is search
    qtbot.keyClicks(search, no)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert opened == [ids[1]]
    assert page.current_tab() is OrderTab.PAID  # the tab the one hit is in


def test_tab_leaves_the_table_and_dialogs_open_in_their_field(qtbot, clerk_window, place):
    from app.dialogs.payment_notice_dialog import PaymentNoticeDialog

    place()
    w = clerk_window("店員甲")
    back_to(qtbot, w)
    lt = w.orders_page.current_list()
    assert not lt.view.tabKeyNavigation()
    lt.view.setFocus()
    qtbot.keyClick(lt.view, Qt.Key.Key_Tab)
    assert focused(w) is not lt.view
    row = lt.model.row_at(0)
    seen = []

    def look():
        d = QApplication.activeModalWidget()
        seen.append((d.focusWidget(), d))
        d.reject()

    QTimer.singleShot(50, look)
    PaymentNoticeDialog.ask(w, row)
    focus, dialog = seen[0]
    assert isinstance(focus, QLineEdit) or focus is dialog.fields["transfer_date"]
    assert focus is not dialog.ok_button


def test_help_lists_every_action_shortcut_and_ctrl_p_prints(qtbot, clerk_window, shop):
    w = clerk_window("店員甲")
    keys = dict((text, key) for text, key in w.shortcuts())
    names = {text for text, _ in w.shortcuts()}
    assert {"登錄付款通知", "確認付款", "出貨", "缺貨", "搜尋", "下一個分頁", "第 3 個分頁"} <= names
    assert keys["登錄付款通知"] == "Ctrl+Shift+P"
    assert [text for text, key in w.shortcuts() if key == "Ctrl+P"] == ["列印出貨單"]
    assert [m.title() for m in (a.menu() for a in w.menuBar().actions())] == ["檔案(&F)", "設定(&S)", "說明(&H)"]
