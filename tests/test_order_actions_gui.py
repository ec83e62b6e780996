"""The order actions driven like a clerk: click the real 【button】, fill the real dialog, then
look at the database row, the history record and the tab the order moved to.

A dialog runs its own event loop (``exec``), so each test hands ``Dialogs`` the steps to take
in the dialogs as they open; a step that fails closes its dialog so the test cannot hang.
QTest cannot type non-ASCII: Chinese goes in with ``insert()``/``setText`` (what an IME does).
"""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta

import pytest
from PySide6.QtCore import QDate, QPoint, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QGroupBox, QLabel, QLineEdit, QPushButton
from test_cancellations_gui import when_up

from app.domain.inputs import PaymentNotice, ShipInput
from app.domain.tabs import CancelTab, OrderTab
from app.models.tables import CancellationRequest, Order, StatusHistory
from app.models.tables import PaymentNotice as NoticeRow
from app.services import orders as svc
from app.services import shop_clock
from app.views.orders_page import OrdersPage
from app.views.session import Session
from app.views.settings_keys import OPERATOR

TODAY = date.today()


# ---------------------------------------------------------------- fixtures and helpers


@pytest.fixture
def messages(prompts):
    """Every message the actions show, as (kind, title, text), instead of a QMessageBox."""
    return prompts.messages


@pytest.fixture
def page(shown, session, messages, shop):
    return shown(OrdersPage(session), (1200, 700))


@pytest.fixture
def order_at(place):
    """An order placed two days ago and moved to ``status`` by clerk 乙 through the services."""

    def _at(status: str, **kw) -> int:
        when = kw.pop("order_date", datetime.now().replace(microsecond=0) - timedelta(days=2))
        oid = place(order_date=shop_clock.to_utc(when), **kw)  # the desk's local time, as UTC
        if status == "UNPAID":
            return oid
        svc.record_payment_notice(oid, PaymentNotice(when.date(), 820, "54321", "網路轉帳"), operator="乙")
        if status == "PAID":
            return oid
        svc.confirm_payment(oid, operator="乙")
        if status == "AWAITING_SHIPMENT":
            return oid
        if status == "COMPLETED":
            svc.ship(oid, ShipInput(TODAY, "黑貓", "T0"), operator="乙")
            return oid
        svc.mark_out_of_stock(oid, "廠商延後到貨", operator="乙")
        assert status == "OUT_OF_STOCK"
        return oid

    return _at


class Dialogs:
    """Run ``steps`` (each ``step(dialog)``) on the modal dialogs as they open, in order."""

    def __init__(self, *steps):
        self.steps = list(steps)
        self.seen: list[QDialog] = []
        self.errors: list[BaseException] = []
        self._last = None
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        if not self.steps:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog is self._last or not dialog.isVisible():
            QTimer.singleShot(5, self._poll)
            return
        self._last = dialog
        self.seen.append(dialog)
        step = self.steps.pop(0)
        try:
            step(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by check()
            self.errors.append(exc)
            self.steps.clear()
            dialog.reject()
            return
        QTimer.singleShot(0, self._poll)

    def check(self) -> None:
        if self.errors:
            raise self.errors[0]
        assert not self.steps, f"{len(self.steps)} dialog step(s) never ran"


def click(widget, name: str) -> None:
    from PySide6.QtTest import QTest

    button = widget.findChild(QPushButton, name)
    assert button is not None, name
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def ok(dialog) -> None:
    click(dialog, "ok")


def cancel(dialog) -> None:
    click(dialog, "cancel")


def error_of(dialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"{field}_error")
    return label.text() if label is not None and label.isVisible() else ""


def select(page, tab: OrderTab, *order_ids: int):
    page.set_tab(tab)
    lt = page.tab_of[tab]
    lt.select_ids(list(order_ids))
    assert sorted(r.id for r in lt.selected_rows()) == sorted(order_ids)
    return lt


def press(qtbot, lt, name: str, *steps) -> Dialogs:
    """Click the tab's 【button】 ``name`` and run ``steps`` in the dialogs it opens."""
    button = lt.findChild(QPushButton, f"button_{name}")
    assert button is not None and button.isEnabled(), name
    driver = Dialogs(*steps)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_for_steps(qtbot, driver)
    driver.check()
    return driver


def wait_for_steps(qtbot, driver: Dialogs, timeout: int = 20000) -> None:
    """A bulk action runs in a background job and shows its outcomes when it ends: wait for
    the dialogs' steps (none left: returns at once), then for the last dialog to close."""
    try:
        qtbot.waitUntil(lambda: not driver.steps or bool(driver.errors), timeout=timeout)
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=timeout)
    except qtbot.TimeoutError:
        pass  # check() says which step never ran


def ids_in(page, tab: OrderTab) -> set[int]:
    page.set_tab(tab)
    return {r.id for r in page.tab_of[tab].model.loaded_rows()}


def history(oid: int) -> list[StatusHistory]:
    return list(StatusHistory.select().where(StatusHistory.order == oid).order_by(StatusHistory.id))


def snapshot(oid: int) -> tuple:
    o = Order.get_by_id(oid)
    return (o.status, o.version, o.updated_by, o.ship_date, o.carrier, o.tracking_no,
            o.out_of_stock_reason, len(history(oid)), NoticeRow.select().where(NoticeRow.order == oid).count(),
            CancellationRequest.select().where(CancellationRequest.order == oid).count())


def set_date(edit, d: date) -> None:
    edit.setDate(QDate(d.year, d.month, d.day))


# ---------------------------------------------------------------- 登錄付款通知


def fill_notice(d, *, amount="820", last5="12345", note="顧客來電"):
    d.amount.clear()
    d.amount.insert(amount)
    d.account_last5.clear()
    d.account_last5.insert(last5)
    d.note.clear()
    d.note.insert(note)


def test_record_payment_notice_moves_order_to_paid(qtbot, page, order_at, messages):
    oid = order_at("UNPAID")
    lt = select(page, OrderTab.UNPAID, oid)

    def step(d):
        assert d.windowTitle().startswith("登錄付款通知")
        assert d.transfer_date.date().toPython() == TODAY
        set_date(d.transfer_date, TODAY - timedelta(days=1))
        fill_notice(d)
        ok(d)

    press(qtbot, lt, "record_payment", step)
    o = Order.get_by_id(oid)
    assert (o.status, o.version, o.updated_by) == ("PAID", 2, "店員甲")
    notice = NoticeRow.get(NoticeRow.order == oid)
    assert (notice.transfer_date, notice.amount, notice.account_last5, notice.note, notice.recorded_by) == (
        TODAY - timedelta(days=1), 820, "12345", "顧客來電", "店員甲")
    h = history(oid)[-1]
    assert (h.action, h.from_status, h.to_status, h.operator) == ("RECORD_PAYMENT", "UNPAID", "PAID", "店員甲")
    assert h.input_data == {"transfer_date": (TODAY - timedelta(days=1)).isoformat(), "amount": 820,
                            "account_last5": "12345", "note": "顧客來電"}
    assert oid not in ids_in(page, OrderTab.UNPAID)
    assert oid in ids_in(page, OrderTab.PAID)
    assert page.tabs.tabText(2) == "已付款清單 (1)"
    assert messages == []


# ---------------------------------------------------------------- 確認付款


def test_confirm_payment_shows_notice_then_success_message(qtbot, page, order_at, messages):
    oid = order_at("PAID")
    no = Order.get_by_id(oid).order_no
    lt = select(page, OrderTab.PAID, oid)

    def step(d):
        texts = [w.text() for w in d.findChildren(QLabel)]
        assert no in texts and "NT$820" in texts  # order number, total, notice amount
        assert "54321" in texts and "網路轉帳" in texts  # the payment notice
        assert d.findChild(QPushButton, "ok").text() == "確認付款"
        ok(d)

    press(qtbot, lt, "confirm_payment", step)
    o = Order.get_by_id(oid)
    assert (o.status, o.version, o.updated_by) == ("AWAITING_SHIPMENT", 3, "店員甲")
    h = history(oid)[-1]
    assert (h.action, h.operator, h.input_data) == (
        "CONFIRM_PAYMENT", "店員甲", {"total": 820, "notice_amount": 820, "confirmed_amount": 820})
    assert messages == [("info", "付款成功", f"訂單 {no} 已付款成功，已移到「等待出貨」。")]
    assert oid in ids_in(page, OrderTab.AWAITING_SHIPMENT)
    assert oid not in ids_in(page, OrderTab.PAID)


def test_confirm_payment_cancelled_changes_nothing(qtbot, page, order_at, messages):
    oid = order_at("PAID")
    before = snapshot(oid)
    press(qtbot, select(page, OrderTab.PAID, oid), "confirm_payment", cancel)
    assert snapshot(oid) == before and messages == []


# ---------------------------------------------------------------- 出貨


def test_ship_moves_order_to_completed_with_ship_date(qtbot, page, order_at):
    oid = order_at("AWAITING_SHIPMENT")
    lt = select(page, OrderTab.AWAITING_SHIPMENT, oid)
    day = TODAY - timedelta(days=1)

    def step(d):
        assert d.ship_date.date().toPython() == TODAY  # today by default
        set_date(d.ship_date, day)
        d.carrier.insert("黑貓宅急便")
        d.tracking_no.insert("9012-3456")
        ok(d)

    press(qtbot, lt, "ship", step)
    o = Order.get_by_id(oid)
    assert (o.status, o.ship_date, o.carrier, o.tracking_no, o.updated_by) == (
        "COMPLETED", day, "黑貓宅急便", "9012-3456", "店員甲")
    h = history(oid)[-1]
    assert (h.action, h.to_status, h.operator) == ("SHIP", "COMPLETED", "店員甲")
    assert h.input_data == {"ship_date": day.isoformat(), "carrier": "黑貓宅急便", "tracking_no": "9012-3456"}
    page.set_tab(OrderTab.COMPLETED)
    done = page.tab_of[OrderTab.COMPLETED]
    r = done.model.row_of_id(oid)
    assert r >= 0
    assert done.model.data(done.model.index(r, 3)) == day.isoformat()  # 出貨日期 column
    assert oid not in ids_in(page, OrderTab.AWAITING_SHIPMENT)


@pytest.mark.parametrize("field, carrier, tracking, day, message", [
    ("carrier", "", "T1", 0, "此欄位必填。"),
    ("carrier", "   ", "T1", 0, "此欄位必填。"),
    ("tracking_no", "黑貓", "", 0, "此欄位必填。"),
    ("ship_date", "黑貓", "T1", -3, "出貨日期不能早於訂單日期。"),
    ("ship_date", "黑貓", "T1", +1, "出貨日期不能晚於今天。"),
])
def test_ship_refuses_missing_information(qtbot, page, order_at, field, carrier, tracking, day, message):
    oid = order_at("AWAITING_SHIPMENT")
    before = snapshot(oid)
    lt = select(page, OrderTab.AWAITING_SHIPMENT, oid)

    def step(d):
        set_date(d.ship_date, TODAY + timedelta(days=day))
        d.carrier.insert(carrier)
        d.tracking_no.insert(tracking)
        ok(d)
        assert d.isVisible() and error_of(d, field) == message
        cancel(d)

    press(qtbot, lt, "ship", step)
    assert snapshot(oid) == before


# ---------------------------------------------------------------- 缺貨 and 等待出貨


def test_out_of_stock_records_reason_visible_in_detail(qtbot, page, order_at, monkeypatch):
    oid = order_at("AWAITING_SHIPMENT")
    lt = select(page, OrderTab.AWAITING_SHIPMENT, oid)

    def step(d):
        assert d.findChild(QPushButton, "ok").text() == "確定缺貨"
        d.reason.insertPlainText("顏色缺貨，兩週後補")
        ok(d)

    press(qtbot, lt, "out_of_stock", step)
    o = Order.get_by_id(oid)
    assert (o.status, o.out_of_stock_reason, o.updated_by) == ("OUT_OF_STOCK", "顏色缺貨，兩週後補", "店員甲")
    h = history(oid)[-1]
    assert (h.action, h.input_data, h.operator) == ("OUT_OF_STOCK", {"reason": "顏色缺貨，兩週後補"}, "店員甲")
    assert oid in ids_in(page, OrderTab.OUT_OF_STOCK)
    # the reason in the order's detail (訂單明細 and the history's input)
    from app.views import order_detail

    opened = []
    monkeypatch.setattr(order_detail.OrderDetailDialog, "exec", lambda self: opened.append(self) or 0)
    out = select(page, OrderTab.OUT_OF_STOCK, oid)
    qtbot.mouseClick(out.findChild(QPushButton, "button_view"), Qt.MouseButton.LeftButton)
    labels = [w.text() for w in opened[-1].findChildren(QLabel)]
    assert "顏色缺貨，兩週後補" in labels
    hist = opened[-1].view.history_table
    assert "原因：顏色缺貨，兩週後補" in hist.item(hist.rowCount() - 1, 5).text()


def test_out_of_stock_reason_is_required(qtbot, page, order_at):
    oid = order_at("AWAITING_SHIPMENT")
    before = snapshot(oid)

    def step(d):
        d.reason.insertPlainText("  \n ")
        ok(d)
        assert d.isVisible() and error_of(d, "reason") == "此欄位必填。"
        cancel(d)

    press(qtbot, select(page, OrderTab.AWAITING_SHIPMENT, oid), "out_of_stock", step)
    assert snapshot(oid) == before


def test_back_to_awaiting_after_confirmation(qtbot, page, order_at):
    oid = order_at("OUT_OF_STOCK")
    lt = select(page, OrderTab.OUT_OF_STOCK, oid)

    def step(d):
        assert "廠商延後到貨" in [w.text() for w in d.findChildren(QLabel)]
        ok(d)

    press(qtbot, lt, "back_to_awaiting", step)
    o = Order.get_by_id(oid)
    assert (o.status, o.updated_by) == ("AWAITING_SHIPMENT", "店員甲")
    assert history(oid)[-1].action == "BACK_TO_AWAITING"
    assert oid in ids_in(page, OrderTab.AWAITING_SHIPMENT)
    assert oid not in ids_in(page, OrderTab.OUT_OF_STOCK)


# ---------------------------------------------------------------- 退訂申請


def fill_request(d, **kw):
    values = dict(reason="缺貨太久，顧客不等了", bank_code="812", branch="台北分行",
                  account_number="0001-2345-6789", account_name="王小明") | kw
    d.reason.insertPlainText(values["reason"])
    for name in ("bank_code", "branch", "account_number", "account_name"):
        getattr(d, name).insert(values[name])


def test_request_cancellation_waits_for_review(qtbot, session, page, order_at, messages):
    from app.views.cancellations_page import CancellationsPage

    cancellations = CancellationsPage(session)
    qtbot.addWidget(cancellations)
    oid = order_at("OUT_OF_STOCK")
    no = Order.get_by_id(oid).order_no
    lt = select(page, OrderTab.OUT_OF_STOCK, oid)

    def step(d):
        toggle = d.findChild(QPushButton, "toggle_details")
        assert toggle.text() == "打開明細" and not d.details_shown()
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        assert toggle.text() == "關閉明細" and d.details_shown()
        blocks = {g.title() for g in d.details.widget().findChildren(QGroupBox)}
        assert blocks == {"購買物品內容", "訂單明細", "訂購人資訊"}
        top = QPoint(0, 0)
        assert d.details.mapTo(d, top).y() < d.fields["reason"].mapTo(d, top).y()  # above the form
        qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
        assert toggle.text() == "打開明細" and not d.details_shown()
        fill_request(d)
        assert d.findChild(QPushButton, "ok").text() == "退訂申請"
        ok(d)

    press(qtbot, lt, "request_cancellation", step)
    assert messages == [("info", "退訂申請", f"訂單 {no} 的退訂申請已送出，需等待管理者審核。")]
    o = Order.get_by_id(oid)
    assert (o.status, o.status_before_cancel, o.updated_by) == ("CANCELLING", "OUT_OF_STOCK", "店員甲")
    req = CancellationRequest.get(CancellationRequest.order == oid)
    assert (req.status, req.requested_by, req.requester, req.reason) == (
        "PENDING_REVIEW", "clerk", "店員甲", "缺貨太久，顧客不等了")
    assert (req.bank_code, req.branch, req.account_number, req.account_name) == (
        "812", "台北分行", "000123456789", "王小明")
    actions = [(h.machine, h.action, h.operator) for h in history(oid)[-2:]]
    assert actions == [("order", "REQUEST_CANCEL_CLERK", "店員甲"), ("cancellation", "FILE", "店員甲")]
    # 取消處理中 in 訂單清單
    page.set_tab(OrderTab.ALL)
    all_tab = page.tab_of[OrderTab.ALL]
    r = all_tab.model.row_of_id(oid)
    assert all_tab.model.data(all_tab.model.index(r, 2)) == "取消處理中"
    assert oid not in ids_in(page, OrderTab.OUT_OF_STOCK)
    # the request in 取消訂單 → 取消訂單審核
    cancellations.set_tab(CancelTab.PENDING_REVIEW)
    pending = cancellations.tab_of[CancelTab.PENDING_REVIEW].model.loaded_rows()
    assert [(c.order_id, c.reason) for c in pending] == [(oid, "缺貨太久，顧客不等了")]


def notice_form(day: int | None = None, **values):
    """Fill 登錄付款通知 with ``values`` (and the transfer date ``day`` days from today)."""

    def fill(d):
        fill_notice(d, **values)
        if day is not None:
            set_date(d.transfer_date, TODAY + timedelta(days=day))

    return fill


def request_form(**values):
    """Fill 退訂申請 with ``values``."""
    return lambda d: fill_request(d, **values)


@pytest.mark.parametrize("status, action, fill, field, message", [
    ("UNPAID", "record_payment", notice_form(amount=""), "amount", "請填寫金額。"),
    ("UNPAID", "record_payment", notice_form(amount="0"), "amount", "金額必須大於零。"),
    ("UNPAID", "record_payment", notice_form(amount="12.5"), "amount", "金額必須是整數元，不能有小數。"),
    ("UNPAID", "record_payment", notice_form(last5=""), "account_last5", "帳號末五碼必須是五位數字。"),
    ("UNPAID", "record_payment", notice_form(last5="12a45"), "account_last5", "帳號末五碼必須是五位數字。"),
    ("UNPAID", "record_payment", notice_form(last5="123"), "account_last5", "帳號末五碼必須是五位數字。"),
    ("UNPAID", "record_payment", notice_form(day=-3), "transfer_date", "轉帳日期不能早於訂單日期。"),
    ("UNPAID", "record_payment", notice_form(day=+1), "transfer_date", "轉帳日期不能晚於今天。"),
    ("OUT_OF_STOCK", "request_cancellation", request_form(reason=""), "reason", "此欄位必填。"),
    ("OUT_OF_STOCK", "request_cancellation", request_form(bank_code=""), "bank_code", "此欄位必填。"),
    ("OUT_OF_STOCK", "request_cancellation", request_form(bank_code="81"), "bank_code", "銀行代碼必須是三位數字。"),
    ("OUT_OF_STOCK", "request_cancellation", request_form(branch=""), "branch", "此欄位必填。"),
    ("OUT_OF_STOCK", "request_cancellation", request_form(account_number=""), "account_number", "此欄位必填。"),
    ("OUT_OF_STOCK", "request_cancellation", request_form(account_number="12ab5678"), "account_number",
     "帳號必須是 6 到 16 位數字。"),
    ("OUT_OF_STOCK", "request_cancellation", request_form(account_number="12345"), "account_number",
     "帳號必須是 6 到 16 位數字。"),
    ("OUT_OF_STOCK", "request_cancellation", request_form(account_name=""), "account_name", "此欄位必填。"),
])
def test_a_dialog_refuses_bad_input_stays_open_and_writes_nothing(qtbot, page, order_at, status, action,
                                                                 fill, field, message):
    """登錄付款通知 and 退訂申請: the dialog names the field, and the order stays where it was."""
    oid = order_at(status)
    before = snapshot(oid)
    tab = OrderTab[status]

    def step(d):
        fill(d)
        ok(d)
        assert d.isVisible() and error_of(d, field) == message
        cancel(d)

    press(qtbot, select(page, tab, oid), action, step)
    assert snapshot(oid) == before
    assert oid in ids_in(page, tab)


# ---------------------------------------------------------------- offered only where the status fits


ACTIONS = {"record_payment", "confirm_payment", "ship", "out_of_stock", "back_to_awaiting",
           "request_cancellation"}


def test_actions_are_offered_on_their_tabs_for_fitting_rows(qtbot, page, order_at):
    a, b = order_at("AWAITING_SHIPMENT"), order_at("AWAITING_SHIPMENT")

    def buttons(tab, only_enabled=False):
        lt = page.tab_of[tab]
        return {btn.objectName()[len("button_"):] for btn in lt.findChildren(QPushButton)
                if btn.isEnabled() or not only_enabled} & (ACTIONS | {"view"})

    assert buttons(OrderTab.ALL) == {"view"} and buttons(OrderTab.COMPLETED) == {"view"}
    assert buttons(OrderTab.UNPAID) == {"view", "record_payment"}
    assert buttons(OrderTab.PAID) == {"view", "confirm_payment"}
    assert buttons(OrderTab.AWAITING_SHIPMENT) == {"view", "ship", "out_of_stock"}
    assert buttons(OrderTab.OUT_OF_STOCK) == {"view", "back_to_awaiting", "request_cancellation"}
    select(page, OrderTab.AWAITING_SHIPMENT)
    assert buttons(OrderTab.AWAITING_SHIPMENT, True) == set()
    select(page, OrderTab.AWAITING_SHIPMENT, a)
    assert buttons(OrderTab.AWAITING_SHIPMENT, True) == {"view", "ship", "out_of_stock"}
    select(page, OrderTab.AWAITING_SHIPMENT, a, b)  # several rows: the bulk form only
    assert buttons(OrderTab.AWAITING_SHIPMENT, True) == {"ship"}
    # each has its keyboard shortcut, on its tab
    shortcuts = {act.objectName(): act.shortcut().toString()
                 for lt in page.tab_of.values() for act in lt.actions()
                 if act.objectName()[len("action_"):] in ACTIONS}
    assert shortcuts == {"action_record_payment": "Ctrl+Shift+P", "action_confirm_payment": "Ctrl+Shift+C",
                         "action_ship": "Ctrl+Shift+S", "action_out_of_stock": "Ctrl+Shift+O",
                         "action_back_to_awaiting": "Ctrl+Shift+W",
                         "action_request_cancellation": "Ctrl+Shift+R"}


def test_context_menu_offers_the_actions(qtbot, page, order_at):
    from PySide6.QtWidgets import QMenu

    oid = order_at("OUT_OF_STOCK")
    lt = select(page, OrderTab.OUT_OF_STOCK, oid)
    seen = []

    def in_menu(menu):
        seen.extend((a.text(), a.isEnabled()) for a in menu.actions())
        menu.close()

    when_up(QApplication.activePopupWidget, QMenu, in_menu, ms=5)
    rect = lt.view.visualRect(lt.model.index(lt.model.row_of_id(oid), 0))
    lt.view.customContextMenuRequested.emit(rect.center())
    mine = [item for item in seen if item[0] in ("查詢", "等待出貨", "退訂申請")]
    assert mine == [("查詢", True), ("等待出貨", True), ("退訂申請", True)]


def test_keyboard_shortcut_opens_the_dialog(qtbot, page, order_at):
    oid = order_at("AWAITING_SHIPMENT")
    lt = select(page, OrderTab.AWAITING_SHIPMENT, oid)
    page.activateWindow()
    lt.view.setFocus()
    qtbot.waitUntil(lambda: lt.view.hasFocus(), timeout=2000)
    driver = Dialogs(lambda d: (seen.append(d.windowTitle()), cancel(d)))
    seen = []
    qtbot.keyClick(lt.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    driver.check()
    assert seen and seen[0].startswith("缺貨")


def test_action_called_for_a_status_it_does_not_fit_is_refused(qtbot, page, order_at, messages):
    oid = order_at("UNPAID")
    row = select(page, OrderTab.UNPAID, oid).selected_rows()[0]
    before = snapshot(oid)
    driver = Dialogs()
    page.order_actions.run("confirm_payment", [row])  # as if from a stale screen or a script
    page.order_actions.run("ship", [row])
    driver.check()
    assert snapshot(oid) == before
    assert [m[0] for m in messages] == ["warning", "warning"]
    assert "目前狀態為「未付款」，不能執行「確認付款」。" in messages[0][2]
    assert "不能執行「出貨」" in messages[1][2]


# ---------------------------------------------------------------- two clerks at once


def test_stale_screen_is_told_who_changed_it_and_refreshes(qtbot, page, order_at, messages):
    oid = order_at("AWAITING_SHIPMENT")
    lt = select(page, OrderTab.AWAITING_SHIPMENT, oid)

    def step(d):
        d.carrier.insert("黑貓")
        d.tracking_no.insert("T9")
        # meanwhile, at another desk, 乙 marks it out of stock
        svc.mark_out_of_stock(oid, "倉庫找不到", operator="乙")
        ok(d)

    press(qtbot, lt, "ship", step)
    o = Order.get_by_id(oid)
    assert (o.status, o.updated_by, o.tracking_no) == ("OUT_OF_STOCK", "乙", None)
    assert [h.action for h in history(oid)].count("SHIP") == 0
    ((kind, title, text),) = messages
    assert kind == "warning" and title == "出貨"
    assert f"訂單 {o.order_no} 已被 乙 於 " in text and "這次操作沒有儲存" in text
    assert oid not in {r.id for r in lt.model.loaded_rows()}  # the table refreshed
    assert page.tabs.tabText(5) == "缺貨訂單 (1)"


def test_the_operator_defaults_to_the_computer_account(qtbot, tmp_path, messages, shop, order_at,
                                                       monkeypatch):
    """Issue 16, a single desk: no name set — the computer account's name is recorded, nothing
    asked; a name set in 設定 → 操作人員 wins, as before."""
    from PySide6.QtWidgets import QInputDialog

    from app.views import session as session_module

    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    session = Session(settings)
    page = OrdersPage(session)
    qtbot.addWidget(page)
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: asked.append(a) or ("店員丙", True)))
    monkeypatch.setattr(session_module.getpass, "getuser", lambda: "amy")
    a, b = order_at("OUT_OF_STOCK"), order_at("OUT_OF_STOCK")
    press(qtbot, select(page, OrderTab.OUT_OF_STOCK, a), "back_to_awaiting", ok)
    assert asked == [] and history(a)[-1].operator == "amy"
    assert session.operator_shown() == "amy"
    assert session.ask_operator(page) == "店員丙"  # 設定 → 操作人員, prefilled with "amy"
    assert "amy" in asked[0]
    press(qtbot, select(page, OrderTab.OUT_OF_STOCK, b), "back_to_awaiting", ok)
    assert settings.value(OPERATOR.name) == "店員丙" and history(b)[-1].operator == "店員丙"


def test_operator_is_asked_once_without_a_computer_account(qtbot, tmp_path, messages, shop,
                                                           order_at, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from app.views import session as session_module

    def no_account():
        raise OSError("no login name")

    monkeypatch.setattr(session_module.getpass, "getuser", no_account)
    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    page = OrdersPage(Session(settings))
    qtbot.addWidget(page)
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: asked.append(a) or ("店員丙", True)))
    a, b = order_at("OUT_OF_STOCK"), order_at("OUT_OF_STOCK")
    for oid in (a, b):
        press(qtbot, select(page, OrderTab.OUT_OF_STOCK, oid), "back_to_awaiting", ok)
    assert len(asked) == 1 and settings.value(OPERATOR.name) == "店員丙"
    assert [history(o)[-1].operator for o in (a, b)] == ["店員丙", "店員丙"]


def test_no_operator_no_action(qtbot, tmp_path, messages, shop, order_at, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    from app.views import session as session_module

    monkeypatch.setattr(session_module.getpass, "getuser", lambda: "")
    page = OrdersPage(Session(QSettings(str(tmp_path / "none.ini"), QSettings.Format.IniFormat)))
    qtbot.addWidget(page)
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    oid = order_at("OUT_OF_STOCK")
    before = snapshot(oid)
    press(qtbot, select(page, OrderTab.OUT_OF_STOCK, oid), "back_to_awaiting")  # no dialog opens
    assert snapshot(oid) == before


# ---------------------------------------------------------------- many rows at once


def outcomes_of(d) -> list[tuple[str, str, str]]:
    t = d.table
    return [tuple(t.item(r, c).text() for c in range(3)) for r in range(t.rowCount())]


def test_bulk_confirm_payment_one_stale_does_not_stop_the_others(qtbot, page, order_at, messages):
    ids = [order_at("PAID") for _ in range(3)]
    nos = {i: Order.get_by_id(i).order_no for i in ids}
    lt = select(page, OrderTab.PAID, *ids)
    results = []

    def preview(d):
        shown = {d.table.item(r, 0).text() for r in range(d.table.rowCount())}
        assert shown == set(nos.values())
        assert d.findChild(QPushButton, "ok").text() == "確認付款（3 筆）"
        svc.confirm_payment(ids[1], operator="乙")  # another desk is first on one of them
        ok(d)

    def result(d):
        results.extend(outcomes_of(d))
        assert d.summary.text() == "成功 2 筆，未完成 1 筆。"
        click(d, "close")

    press(qtbot, lt, "confirm_payment", preview, result)
    by_no = {r[0]: r for r in results}
    assert by_no[nos[ids[0]]][1:] == ("成功", "已移到「等待出貨」")
    assert by_no[nos[ids[2]]][1:] == ("成功", "已移到「等待出貨」")
    assert by_no[nos[ids[1]]][1] == "未完成" and "已被 乙 於" in by_no[nos[ids[1]]][2]
    assert [Order.get_by_id(i).updated_by for i in ids] == ["店員甲", "乙", "店員甲"]
    assert all(Order.get_by_id(i).status == "AWAITING_SHIPMENT" for i in ids)
    assert [[h.action for h in history(i)].count("CONFIRM_PAYMENT") for i in ids] == [1, 1, 1]
    assert ids_in(page, OrderTab.PAID) == set()
    assert set(ids) <= ids_in(page, OrderTab.AWAITING_SHIPMENT)
    assert messages == []


def underpaid(place, amount: int) -> int:
    """A PAID order (NT$820) whose customer's notice says ``amount``."""
    when = datetime.now().replace(microsecond=0) - timedelta(days=2)
    oid = place(order_date=shop_clock.to_utc(when))
    svc.record_payment_notice(oid, PaymentNotice(when.date(), amount, "54321"), operator="乙")
    return oid


def test_bulk_confirm_preview_lists_notice_amounts_and_marks_the_underpaid_one(
        qtbot, page, order_at, place):
    ids = [order_at("PAID"), underpaid(place, 500), order_at("PAID")]
    nos = [Order.get_by_id(i).order_no for i in ids]
    lt = select(page, OrderTab.PAID, *ids)

    def preview(d):
        rows = {d.table.item(r, 0).text(): [d.table.item(r, c).text() for c in range(1, 5)]
                for r in range(d.table.rowCount())}
        assert rows[nos[0]][1:] == ["NT$820", "NT$820", "相符"]
        assert rows[nos[1]][1:] == ["NT$820", "NT$500", "短收 NT$320"]
        assert "1 筆訂單的通知金額少於訂單金額" in d.findChild(QLabel, "shortfall_warning").text()
        ok(d)  # no reason: refused, the dialog stays
        assert error_of(d, "shortfall_reason") == "此欄位必填。"
        d.findChild(QLineEdit, "shortfall_reason").setText("顧客少匯 320，已聯絡補款")
        ok(d)

    press(qtbot, lt, "confirm_payment", preview, lambda d: click(d, "close"))
    confirmed = [Order.get_by_id(i) for i in ids]
    assert [o.status for o in confirmed] == ["AWAITING_SHIPMENT"] * 3
    assert [o.confirmed_amount for o in confirmed] == [820, 500, 820]
    assert [o.payment_shortfall_reason for o in confirmed] == [None, "顧客少匯 320，已聯絡補款", None]
    assert history(ids[1])[-1].input_data["shortfall_reason"] == "顧客少匯 320，已聯絡補款"


def test_confirm_of_an_underpaid_notice_asks_the_shortfall_reason(qtbot, page, place, messages):
    oid = underpaid(place, 1)
    lt = select(page, OrderTab.PAID, oid)

    def step(d):
        assert d.findChild(QLabel, "amount_mismatch").text() == "注意：通知金額 NT$1 與訂單金額 NT$820 不符。"
        ok(d)
        assert error_of(d, "shortfall_reason") == "此欄位必填。"
        d.findChild(QLineEdit, "shortfall_reason").setText("只收到一元")
        ok(d)

    press(qtbot, lt, "confirm_payment", step)
    o = Order.get_by_id(oid)
    assert (o.status, o.confirmed_amount, o.payment_shortfall_reason) == (
        "AWAITING_SHIPMENT", 1, "只收到一元")
    from app.services.queries import order_detail
    from app.widgets.order_detail import OrderDetailView

    view = OrderDetailView(order_detail(oid))
    qtbot.addWidget(view)
    assert "NT$1（短收：只收到一元）" in [w.text() for w in view.findChildren(QLabel)]


def test_a_notice_below_the_total_is_warned_as_it_is_typed(qtbot, page, order_at):
    oid = order_at("UNPAID")
    lt = select(page, OrderTab.UNPAID, oid)

    def step(d):
        warning = d.findChild(QLabel, "shortfall_warning")
        fill_notice(d, amount="820")
        assert warning.isHidden()
        fill_notice(d, amount="500")
        assert not warning.isHidden() and "短少 NT$320" in warning.text()
        ok(d)  # warned, not refused: the notice is what the customer said

    press(qtbot, lt, "record_payment", step)
    assert Order.get_by_id(oid).status == "PAID"


def test_bulk_back_to_awaiting(qtbot, page, order_at):
    ids = [order_at("OUT_OF_STOCK") for _ in range(4)]
    lt = select(page, OrderTab.OUT_OF_STOCK, *ids)
    results = []
    press(qtbot, lt, "back_to_awaiting", ok, lambda d: (results.extend(outcomes_of(d)), click(d, "close")))
    assert [r[1] for r in results] == ["成功"] * 4
    assert {Order.get_by_id(i).status for i in ids} == {"AWAITING_SHIPMENT"}
    assert set(ids) <= ids_in(page, OrderTab.AWAITING_SHIPMENT)


def test_bulk_preview_cancel_changes_nothing(qtbot, page, order_at):
    ids = [order_at("PAID") for _ in range(2)]
    before = [snapshot(i) for i in ids]
    press(qtbot, select(page, OrderTab.PAID, *ids), "confirm_payment", cancel)
    assert [snapshot(i) for i in ids] == before


def test_bulk_ship_one_date_tracking_numbers_each(qtbot, page, order_at):
    ids = [order_at("AWAITING_SHIPMENT") for _ in range(3)]
    before = [snapshot(i) for i in ids]
    lt = select(page, OrderTab.AWAITING_SHIPMENT, *ids)
    day = TODAY - timedelta(days=1)
    results = []

    def form(d):
        rows = {d.table.item(r, 0).text(): r for r in range(d.table.rowCount())}
        assert len(rows) == 3
        set_date(d.ship_date, day)
        d.carrier.insert("新竹物流")
        assert {d.table.item(r, 3).text() for r in range(3)} == {"新竹物流"}
        d.table.item(2, 3).setText("黑貓")  # one order goes with another carrier
        d.set_tracking(0, "A1")
        d.set_tracking(2, "A3")
        ok(d)  # one tracking number missing
        no = d.table.item(1, 0).text()
        assert d.isVisible() and error_of(d, "orders") == f"訂單 {no}：請填寫貨運單號。"
        assert [snapshot(i) for i in ids] == before
        d.carrier.clear()
        d.carrier.insert("宅配通")  # the shared carrier follows into rows that followed it
        assert [d.table.item(r, 3).text() for r in range(3)] == ["宅配通", "宅配通", "黑貓"]
        d.set_tracking(1, "A2")
        ok(d)

    press(qtbot, lt, "ship", form, lambda d: (results.extend(outcomes_of(d)), click(d, "close")))
    assert [r[1] for r in results] == ["成功"] * 3
    shown = [lt.model.row_at(i) for i in range(3)]
    assert len(shown) == 3
    got = {(o.ship_date, o.carrier, o.tracking_no, o.status) for o in Order.select().where(Order.id.in_(ids))}
    assert got == {(day, "宅配通", "A1", "COMPLETED"), (day, "宅配通", "A2", "COMPLETED"),
                   (day, "黑貓", "A3", "COMPLETED")}
    assert set(ids) <= ids_in(page, OrderTab.COMPLETED)


def test_bulk_ship_date_before_an_order_date_is_refused(qtbot, page, order_at):
    old = order_at("AWAITING_SHIPMENT", order_date=datetime.now().replace(microsecond=0) - timedelta(days=9))
    new = order_at("AWAITING_SHIPMENT", order_date=datetime.now().replace(microsecond=0) - timedelta(days=1))
    before = [snapshot(old), snapshot(new)]
    no = Order.get_by_id(new).order_no

    def form(d):
        set_date(d.ship_date, TODAY - timedelta(days=5))
        d.carrier.insert("黑貓")
        d.set_tracking(0, "B1")
        d.set_tracking(1, "B2")
        ok(d)
        assert d.isVisible() and error_of(d, "ship_date").startswith(f"出貨日期不能早於訂單 {no} 的訂單日期")
        cancel(d)

    press(qtbot, select(page, OrderTab.AWAITING_SHIPMENT, old, new), "ship", form)
    assert [snapshot(old), snapshot(new)] == before


# ---------------------------------------------------------------- the history shows every input


def test_detail_history_shows_every_input(qtbot, page, order_at, monkeypatch):
    from app.views import order_detail

    shipped = order_at("AWAITING_SHIPMENT")
    press(qtbot, select(page, OrderTab.AWAITING_SHIPMENT, shipped), "ship",
          lambda d: (d.carrier.insert("黑貓"), d.tracking_no.insert("TRK-77"), ok(d)))
    cancelled = order_at("OUT_OF_STOCK")
    press(qtbot, select(page, OrderTab.OUT_OF_STOCK, cancelled), "request_cancellation",
          lambda d: (fill_request(d), ok(d)))
    opened = []
    monkeypatch.setattr(order_detail.OrderDetailDialog, "exec", lambda self: opened.append(self) or 0)

    def history_texts(oid):
        order_detail.OrderDetailDialog.show_for(page, oid)
        t = opened[-1].view.history_table
        return {t.item(r, 1).text(): t.item(r, 5).text() for r in range(t.rowCount())}

    h = history_texts(shipped)
    assert "轉帳日期：" in h["登錄付款通知"] and "帳號末五碼：54321" in h["登錄付款通知"]
    assert "備註：網路轉帳" in h["登錄付款通知"]
    assert f"出貨日期：{TODAY.isoformat()}" in h["出貨"] and "貨運單號：TRK-77" in h["出貨"]
    assert "物流業者：黑貓" in h["出貨"]
    h = history_texts(cancelled)
    assert "原因：廠商延後到貨" in h["缺貨"]
    request = h["退訂申請"]
    for part in ("原因：缺貨太久，顧客不等了", "銀行代碼：812", "分行：台北分行", "帳號：000123456789",
                 "戶名：王小明"):
        assert part in request


# ---------------------------------------------------------------- the screenshot tour


def test_render_order_action_dialogs(qapp, tmp_path, order_at):
    from PySide6.QtGui import QImage

    from app.tour.order_dialogs import render_order_action_dialogs

    for status in ("UNPAID", "PAID", "PAID", "AWAITING_SHIPMENT", "OUT_OF_STOCK"):
        order_at(status)
    files = render_order_action_dialogs(tmp_path / "tour")
    names = {f.name for f in files}
    assert {"action-payment-notice.png", "action-confirm-payment.png", "action-ship.png",
            "action-out-of-stock.png", "action-back-to-awaiting.png", "action-request-cancellation.png",
            "action-request-cancellation-details.png", "action-bulk-confirm-payment.png",
            "action-bulk-ship.png", "action-bulk-result.png"} <= names
    for f in files:
        image = QImage(str(f))
        assert not image.isNull() and image.width() >= 400 and image.height() >= 80, f
    assert QApplication.activeModalWidget() is None


def test_bulk_stops_when_the_database_goes_away_and_says_which_were_not_done(
        qtbot, page, order_at, messages, monkeypatch):
    import peewee

    ids = [order_at("PAID") for _ in range(3)]
    nos = [Order.get_by_id(i).order_no for i in ids]
    lt = select(page, OrderTab.PAID, *ids)
    real = svc._bulk_chunk  # the set-based bulk action's one transaction, one order each
    calls = []

    def flaky(action, chunk, **kw):
        calls.append(chunk)
        if len(calls) == 2:
            raise peewee.OperationalError("server closed the connection unexpectedly")
        return real(action, chunk, **kw)

    monkeypatch.setattr(svc, "BULK_CHUNK", 1)
    monkeypatch.setattr(svc, "_bulk_chunk", flaky)
    results = []

    def result(d):
        results.extend(outcomes_of(d))
        click(d, "close")

    press(qtbot, lt, "confirm_payment", ok, result)
    by_no = {r[0]: r for r in results}
    done, *not_done = [n for n in nos if by_no[n][1] == "成功"], [n for n in nos if by_no[n][1] == "未完成"]
    assert len(done) == 1 and len(not_done[0]) == 2
    assert all("沒有完成" in by_no[n][2] and "server closed" in by_no[n][2] for n in not_done[0])
    assert len(calls) == 2  # the third was not tried against a dead connection
    assert sorted(Order.get_by_id(i).status for i in ids) == ["AWAITING_SHIPMENT", "PAID", "PAID"]


def test_bulk_confirm_of_many_runs_in_the_background_with_a_progress_bar(qtbot, page, order_at, monkeypatch):
    """Issue 11 item 7: the selection goes through the set-based service in chunks, off the
    UI thread: the progress dialog shows and moves while the window keeps handling events;
    then the rows are in their new tab and each order's outcome is listed."""
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(svc, "BULK_CHUNK", 8)
    ids = [order_at("PAID") for _ in range(30)]
    nos = {i: Order.get_by_id(i).order_no for i in ids}
    lt = select(page, OrderTab.PAID, *ids)
    real = svc.bulk_action
    reported, ticks, marks = [], [], []

    def spy(action, items, **kw):  # in the worker: slow each chunk down, note the UI's ticks
        def progress(done, total):
            marks.append(len(ticks))
            reported.append((done, total))
            time.sleep(0.15)
            kw["progress"](done, total)

        return real(action, items, **{**kw, "progress": progress})

    monkeypatch.setattr(svc, "bulk_action", spy)

    def tick():
        dialog = page.findChild(QProgressDialog, "bulk_progress")
        ticks.append((dialog is not None and dialog.isVisible(), dialog.value() if dialog else None))

    timer = QTimer(page)
    timer.timeout.connect(tick)
    timer.start(20)

    def preview(d):
        assert d.findChild(QPushButton, "ok").text() == "確認付款（30 筆）"
        svc.confirm_payment(ids[7], operator="乙")  # another desk is first on one of them
        ok(d)

    results = []

    def result(d):
        results.extend(outcomes_of(d))
        assert d.summary.text() == "成功 29 筆，未完成 1 筆。"
        click(d, "close")

    press(qtbot, lt, "confirm_payment", preview, result)
    timer.stop()
    assert reported == [(8, 30), (16, 30), (24, 30), (30, 30)]
    assert marks[-1] > marks[0]  # the window went on handling events while the job ran
    assert any(visible for visible, _value in ticks)  # the progress dialog was shown...
    assert {v for _s, v in ticks if v} >= {8, 16}  # ...and moved
    assert page.findChild(QProgressDialog, "bulk_progress") is None or not page.findChild(
        QProgressDialog, "bulk_progress").isVisible()
    by_no = {r[0]: r for r in results}
    assert len(by_no) == 30
    assert by_no[nos[ids[7]]][1] == "未完成" and "已被 乙 於" in by_no[nos[ids[7]]][2]
    assert all(by_no[nos[i]][1:] == ("成功", "已移到「等待出貨」") for i in ids if i != ids[7])
    assert [Order.get_by_id(i).updated_by for i in ids].count("店員甲") == 29
    assert [[h.action for h in history(i)].count("CONFIRM_PAYMENT") for i in ids] == [1] * 30
    assert ids_in(page, OrderTab.PAID) == set()
    assert set(ids) <= ids_in(page, OrderTab.AWAITING_SHIPMENT)


def test_bulk_stop_in_the_progress_dialog_leaves_the_rest_unchanged(qtbot, page, order_at, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    monkeypatch.setattr(svc, "BULK_CHUNK", 4)
    ids = [order_at("OUT_OF_STOCK") for _ in range(12)]
    lt = select(page, OrderTab.OUT_OF_STOCK, *ids)
    real = svc.bulk_action

    def slow(action, items, **kw):
        def progress(done, total):
            kw["progress"](done, total)
            time.sleep(0.4)

        return real(action, items, **{**kw, "progress": progress})

    monkeypatch.setattr(svc, "bulk_action", slow)

    def stop():  # the clerk presses 【停止】 once the first orders are done
        dialog = page.findChild(QProgressDialog, "bulk_progress")
        if dialog is not None and dialog.isVisible() and dialog.value() >= 4:
            qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
            timer.stop()

    timer = QTimer(page)
    timer.timeout.connect(stop)
    timer.start(20)
    results = []
    press(qtbot, lt, "back_to_awaiting", ok, lambda d: (results.extend(outcomes_of(d)), click(d, "close")))
    moved = [r for r in results if r[1] == "成功"]
    stopped = [r for r in results if r[1] == "未完成"]
    assert len(results) == 12 and 4 <= len(moved) < 12 and len(moved) % 4 == 0
    assert {r[2] for r in stopped} == {"已取消，這筆訂單沒有變更。"}
    statuses = [Order.get_by_id(i).status for i in ids]
    assert statuses.count("AWAITING_SHIPMENT") == len(moved) and statuses.count("OUT_OF_STOCK") == len(stopped)
