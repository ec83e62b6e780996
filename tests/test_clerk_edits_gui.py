"""Issue 17 driven like a clerk: 【新增備註】 and 【修改收件資訊】 from the order's detail, the
cancellation's detail and the lists' context menu, and the buyer's other orders in the detail
— the real buttons pressed, then the database rows, the history records and what the screens
show."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QMenu, QTableWidget
from test_cancellations_gui import when_up
from test_order_actions_gui import Dialogs, cancel, click, error_of, history, ok
from test_order_actions_gui import order_at as _order_at  # noqa: F401 - the fixture, by its own name

from app.domain.clerk_edits import ClerkAction
from app.domain.inputs import CancellationInput
from app.domain.tabs import CancelTab, OrderTab
from app.models.tables import CancellationRequest, Order, OrderNote
from app.services import cancellations as cs
from app.services import clerk_edits as svc
from app.services import queries
from app.views.cancellation_detail import CancellationDetailDialog
from app.views.cancellations_page import CancellationsPage
from app.views.order_detail import OrderDetailDialog
from app.views.orders_page import OrdersPage


@pytest.fixture
def order_at(_order_at):  # noqa: F811 - the imported fixture, asked by its name
    """tests/test_order_actions_gui.py's: an order moved to a status by clerk 乙."""
    return _order_at


@pytest.fixture
def messages(prompts):
    return prompts.messages


@pytest.fixture
def detail_of(shown, session, messages):
    """The order's detail window as 【查詢】 opens it from a page (with the clerk's session)."""

    def _open(oid: int) -> OrderDetailDialog:
        return shown(OrderDetailDialog(queries.order_detail(oid), session=session), (980, 700))

    return _open


def texts(table: QTableWidget) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def press(dialog, name: str, *steps) -> None:
    """Click the detail window's 【button】 ``name`` and work the dialogs it opens with ``steps``."""
    driver = Dialogs(*steps)
    click(dialog, name)
    driver.check()


def selected(page, tab, oid: int):
    """``page``'s ``tab`` with the order ``oid`` selected: its ListTab."""
    page.set_tab(tab)
    lt = page.current_list()
    lt.select_ids([oid])
    return lt


def write_note(text: str):
    def step(d):
        assert d.windowTitle().startswith("新增備註")
        assert d.focusWidget() is d.note  # the dialog opens in the note
        d.note.insertPlainText(text)
        ok(d)

    return step


# ---------------------------------------------------------------- notes


def test_a_note_from_the_detail_is_saved_and_shown_in_the_timeline(qtbot, detail_of, order_at, messages):
    oid = order_at("AWAITING_SHIPMENT")
    dialog = detail_of(oid)
    version = Order.get_by_id(oid).version
    press(dialog, "add_note", write_note("顧客要求下午送達"))
    note = OrderNote.get(OrderNote.order == oid)
    assert (note.body, note.operator, note.cancellation_id) == ("顧客要求下午送達", "店員甲", None)
    o = Order.get_by_id(oid)
    assert (o.note_count, o.version, o.status) == (1, version, "AWAITING_SHIPMENT")
    h = history(oid)[-1]
    assert (h.machine, h.action, h.from_status, h.to_status, h.operator) == (
        "note", ClerkAction.NOTE, "AWAITING_SHIPMENT", "AWAITING_SHIPMENT", "店員甲")
    # The detail reloaded: the note is the last line of 訂單歷程.
    last = texts(dialog.view.history_table)[-1]
    assert last[1:] == ["新增備註", "等待出貨", "等待出貨", "店員甲", "備註：顧客要求下午送達"]
    assert messages == []


def test_an_empty_note_is_refused_under_its_field_and_nothing_is_saved(qtbot, detail_of, order_at):
    oid = order_at("UNPAID")
    dialog = detail_of(oid)

    def empty(d):
        ok(d)
        assert d.isVisible() and error_of(d, "note") == "請輸入備註內容。"
        cancel(d)

    press(dialog, "add_note", empty)
    assert OrderNote.select().count() == 0 and Order.get_by_id(oid).note_count == 0


def test_a_note_from_the_context_menu_marks_the_row(qtbot, shown, session, messages, order_at):
    oid = order_at("COMPLETED")
    lt = selected(shown(OrdersPage(session), (1300, 700)), OrderTab.COMPLETED, oid)
    column = [c.key for c in lt.model.columns].index("note_count")
    assert lt.model.index(0, column).data() == ""

    def pick(menu: QMenu):
        names = {a.objectName(): a for a in menu.actions()}
        # 修改收件資訊 is offered until the order ships: not for a completed one.
        assert not names["action_edit_delivery"].isEnabled()
        action = names["action_add_note"]
        assert action.isEnabled()
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    said = []
    session.said.connect(said.append)
    driver = Dialogs(write_note("已出貨，顧客說外箱破損"))
    when_up(QApplication.activePopupWidget, QMenu, pick)
    lt._context_menu(lt.view.visualRect(lt.model.index(0, 0)).center())
    driver.check()
    assert Order.get_by_id(oid).note_count == 1
    row = lt.model.row_of_id(oid)
    assert lt.model.index(row, column).data() == "✎ 1"
    assert said == [f"已完成「新增備註」：訂單 {Order.get_by_id(oid).order_no}"]


def test_a_note_on_a_request_from_its_detail(qtbot, shown, session, messages, order_at):
    oid = order_at("UNPAID")
    cs.request_cancellation(oid, CancellationInput("不要了"), by=cs.CUSTOMER, operator="網站")
    req = CancellationRequest.get(CancellationRequest.order == oid)
    from app.services.cancellation_queries import cancellation_detail

    dialog = shown(CancellationDetailDialog(cancellation_detail(req.id), session=session, block=2),
                   (1000, 700))
    press(dialog, "add_note", write_note("已致電顧客確認帳戶"))
    note = OrderNote.get(OrderNote.order == oid)
    assert note.cancellation_id == req.id
    h = history(oid)[-1]
    assert (h.machine, h.cancellation_id, h.action) == ("note", req.id, ClerkAction.NOTE)
    assert dialog.view.blocks.currentIndex() == 2
    assert texts(dialog.view.history_table)[-1][-1] == "備註：已致電顧客確認帳戶"
    # The list of requests marks it too.
    page = shown(CancellationsPage(session), (1300, 700))
    page.set_tab(CancelTab.PENDING_REVIEW)
    lt = page.current_list()
    column = [c.key for c in lt.model.columns].index("note_count")
    assert lt.model.index(lt.model.row_of_id(req.id), column).data() == "✎ 1"


# ---------------------------------------------------------------- 修改收件資訊


def test_delivery_is_corrected_from_the_detail_with_old_and_new_in_the_history(
        qtbot, detail_of, order_at, messages):
    oid = order_at("PAID")
    dialog = detail_of(oid)
    assert dialog.edit_button.isEnabled()

    def bad_then_good(d):
        assert d.windowTitle().startswith("修改收件資訊")
        assert d.buyer_name.text() == "王小明" and d.delivery_address.text() == "台北市"
        assert d.focusWidget() is d.buyer_name
        d.buyer_phone.setText("09 電話")
        d.delivery_address.clear()
        ok(d)
        assert d.isVisible() and error_of(d, "delivery_address") == "請填寫送貨地址。"
        d.delivery_address.setText("台中市西屯區台灣大道三段 99 號")
        ok(d)
        assert d.isVisible() and "電話只能有數字" in error_of(d, "buyer_phone")
        d.buyer_phone.setText("0922-333-444")
        ok(d)

    press(dialog, "edit_delivery", bad_then_good)
    o = Order.get_by_id(oid)
    assert (o.buyer_phone, o.delivery_address, o.status, o.updated_by) == (
        "0922333444", "台中市西屯區台灣大道三段 99 號", "PAID", "店員甲")
    h = history(oid)[-1]
    assert (h.action, h.from_status, h.to_status) == (ClerkAction.EDIT_DELIVERY, "PAID", "PAID")
    assert json.loads(h.input) == {
        "buyer_phone": {"old": "0912345678", "new": "0922333444"},
        "delivery_address": {"old": "台北市", "new": "台中市西屯區台灣大道三段 99 號"}}
    assert texts(dialog.view.history_table)[-1][-1] == (
        "電話：0912345678 → 0922333444；送貨地址：台北市 → 台中市西屯區台灣大道三段 99 號")
    buyer = dialog.view.findChild(QGroupBox, "block_buyer")
    assert "台中市西屯區台灣大道三段 99 號" in [label.text() for label in buyer.findChildren(QLabel)]
    assert messages == []


def test_a_correction_another_clerk_beat_is_refused_and_nothing_saved(qtbot, detail_of, order_at, messages):
    oid = order_at("AWAITING_SHIPMENT")
    dialog = detail_of(oid)

    def other_clerk_first(d):
        from app.domain.clerk_edits import DeliveryInput

        svc.edit_delivery(oid, DeliveryInput("王小明", "0911111111", "台北市"), operator="店員乙")
        d.delivery_address.setText("高雄市")
        ok(d)

    press(dialog, "edit_delivery", other_clerk_first)
    o = Order.get_by_id(oid)
    assert (o.delivery_address, o.buyer_phone, o.updated_by) == ("台北市", "0911111111", "店員乙")
    assert len(messages) == 1 and "店員乙" in messages[0][2]
    assert dialog.detail.buyer_phone == "0911111111"  # the detail shows the order as it is now


def test_a_shipped_order_offers_no_correction(detail_of, order_at):
    dialog = detail_of(order_at("COMPLETED"))
    assert not dialog.edit_button.isEnabled()
    assert dialog.note_button.isEnabled()


def test_correction_from_the_context_menu(qtbot, shown, session, messages, order_at):
    oid = order_at("UNPAID")
    lt = selected(shown(OrdersPage(session), (1300, 700)), OrderTab.UNPAID, oid)

    def pick(menu: QMenu):
        action = next(a for a in menu.actions() if a.objectName() == "action_edit_delivery")
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    def rename(d):
        d.buyer_name.setText("王大明")
        ok(d)

    driver = Dialogs(rename)
    when_up(QApplication.activePopupWidget, QMenu, pick)
    lt._context_menu(lt.view.visualRect(lt.model.index(0, 0)).center())
    driver.check()
    assert Order.get_by_id(oid).buyer_name == "王大明"
    name_col = [c.key for c in lt.model.columns].index("buyer_name")
    assert lt.model.index(lt.model.row_of_id(oid), name_col).data() == "王大明"


# ---------------------------------------------------------------- the buyer's other orders


def test_the_buyers_other_orders_open_with_a_double_click(qtbot, detail_of, order_at, place):
    first = order_at("COMPLETED")
    second = order_at("UNPAID")
    place(phone="0900000000")  # another buyer's (the fixture's e-mail is shared: change it)
    Order.update(buyer_email="someone@example.com").where(Order.buyer_phone == "0900000000").execute()
    dialog = detail_of(second)
    table = dialog.view.other_orders_table
    rows = texts(table)
    assert [r[0] for r in rows] == [Order.get_by_id(first).order_no]
    assert rows[0][2:] == ["已完成", "NT$820"]
    opened = []

    def look(d):
        opened.append(d.windowTitle())
        d.reject()

    driver = Dialogs(look)
    rect = table.visualItemRect(table.item(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    driver.check()
    assert opened == [f"檢視商品訂單資訊 — {Order.get_by_id(first).order_no}"]


def test_the_keys_open_both_dialogs_from_the_table(qtbot, shown, session, messages, order_at):
    oid = order_at("OUT_OF_STOCK")
    page = shown(OrdersPage(session), (1300, 700))
    lt = selected(page, OrderTab.OUT_OF_STOCK, oid)
    seen = []

    def close(d):
        seen.append(type(d).__name__)
        cancel(d)

    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    for key in (Qt.Key.Key_B, Qt.Key.Key_D):
        qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=3000)
        page.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=2000)
        lt.view.setFocus()
        driver = Dialogs(close)
        qtbot.keyClick(lt.view, key, ctrl_shift)
        driver.check()
    assert seen == ["NoteDialog", "DeliveryDialog"]


def test_a_note_on_a_request_from_the_cancellation_lists_menu(qtbot, shown, session, messages, order_at):
    oid = order_at("UNPAID")
    cs.request_cancellation(oid, CancellationInput("買錯了"), by=cs.CUSTOMER, operator="網站")
    req = CancellationRequest.get(CancellationRequest.order == oid)
    page = shown(CancellationsPage(session), (1300, 700))
    lt = selected(page, CancelTab.PENDING_REVIEW, req.id)

    def pick(menu: QMenu):
        names = {a.objectName(): a for a in menu.actions()}
        assert "action_edit_delivery" not in names  # corrections are made on the order
        action = names["action_add_note"]
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())

    driver = Dialogs(write_note("顧客改要退回信用卡"))
    when_up(QApplication.activePopupWidget, QMenu, pick)
    lt._context_menu(lt.view.visualRect(lt.model.index(0, 0)).center())
    driver.check()
    note = OrderNote.get(OrderNote.order == oid)
    assert (note.cancellation_id, note.body) == (req.id, "顧客改要退回信用卡")
    column = [c.key for c in lt.model.columns].index("note_count")
    assert lt.model.index(lt.model.row_of_id(req.id), column).data() == "✎ 1"
