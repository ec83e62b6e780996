"""The 取消訂單 page driven like a person: the manual's four paths clicked end to end, each
dialog's required inputs, another clerk being first, the detail's three blocks, the tour.

Dialogs open modally (``exec``); ``on_dialog`` schedules the clerk's hands on the next modal
window before the button that opens it is clicked.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QGroupBox, QLabel, QPushButton

from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.statuses import CancelAction, CancelStatus, OrderStatus
from app.domain.tabs import CancelTab, OrderTab
from app.models.tables import CancellationRequest, Order, StatusHistory
from app.services import cancellations as cs
from app.services import orders as svc
from app.views import cancellation_actions
from app.views.cancellations_page import CancellationsPage
from app.views.prompts import Kind

S = OrderStatus
C = CancelStatus
T = CancelTab
REMIT = Remittance("812", "台北分行", "1234-5678-9012", "王小明")
TOTAL = 820  # 2 x 350 + 120 shipping


# ---------------------------------------------------------------- data


def drive(order_id: int, target: OrderStatus) -> int:
    """Take a new order to ``target`` through the services (today's dates)."""
    today = date.today()
    steps = {
        S.UNPAID: [], S.PAID: ["pay"], S.AWAITING_SHIPMENT: ["pay", "confirm"],
        S.OUT_OF_STOCK: ["pay", "confirm", "oos"], S.COMPLETED: ["pay", "confirm", "ship"],
    }[target]
    for step in steps:
        if step == "pay":
            svc.record_payment_notice(order_id, Notice(today, TOTAL, "12345"), operator="顧客")
        elif step == "confirm":
            svc.confirm_payment(order_id, operator="店員乙")
        elif step == "oos":
            svc.mark_out_of_stock(order_id, "廠商缺貨，補貨日未定", operator="店員乙")
        elif step == "ship":
            svc.ship(order_id, ShipInput(today, "黑貓宅急便", "TW-0001"), operator="店員乙")
    assert Order.get_by_id(order_id).status == target
    return order_id


def file(order_id: int, reason: str = "不想要了", *, by: str = cs.CUSTOMER) -> int:
    paid = Order.get_by_id(order_id).status != S.UNPAID
    ch = cs.request_cancellation(
        order_id, CancellationInput(reason, REMIT if paid else None),
        operator="顧客" if by == cs.CUSTOMER else "店員乙", by=by,
    )
    return ch.cancellation_id


@pytest.fixture
def request_for(place):
    """A new order driven to ``status`` with a cancellation request; (order_id, request_id)."""

    def _make(status: OrderStatus, reason: str = "不想要了", *, by: str = cs.CUSTOMER, **kw):
        oid = drive(place(**kw), status)
        return oid, file(oid, reason, by=by)

    return _make


@pytest.fixture
def every_status(request_for):
    """Requests in every status, from customers and from a clerk; {status: request_id}."""
    out = {}
    _, out[C.PENDING_REVIEW] = request_for(S.PAID, "買錯尺寸", name="陳怡君")
    _, rid = request_for(S.COMPLETED, "商品與描述不符", name="林志豪")
    cs.approve_cancellation(rid, "CS-0101", operator="店員乙")
    out[C.AWAITING_RETURN] = rid
    _, rid = request_for(S.COMPLETED, "收到商品有瑕疵", name="黃淑芬")
    cs.approve_cancellation(rid, "CS-0102", operator="店員乙")
    cs.return_failed(rid, invoice_returned=False, goods_intact=True, reason="顧客未寄回商品",
                     operator="店員乙")
    out[C.RETURN_FAILED] = rid
    _, rid = request_for(S.OUT_OF_STOCK, "缺貨太久，不等了", by=cs.CLERK, name="張家豪")
    cs.approve_cancellation(rid, "CS-0103", operator="店員乙")
    out[C.REFUND_PENDING] = rid
    _, rid = request_for(S.AWAITING_SHIPMENT, "重複下單", name="李美玲")
    cs.approve_cancellation(rid, "CS-0104", operator="店員乙")
    cs.refund_failed(rid, refund_date=date.today(), amount=None, reference="TX-9001",
                     reason="帳號與戶名不符", operator="店員乙")
    out[C.REFUND_FAILED] = rid
    _, rid = request_for(S.COMPLETED, "不喜歡顏色", name="吳建宏")
    cs.approve_cancellation(rid, "CS-0105", operator="店員乙")
    cs.return_done(rid, invoice_returned=True, goods_intact=True, operator="店員乙")
    cs.refund_done(rid, refund_date=date.today(), amount=None, reference="TX-9002", operator="店員乙")
    out[C.COMPLETED] = rid
    _, rid = request_for(S.AWAITING_SHIPMENT, "想改地址", name="蔡宗翰")
    cs.reject_cancellation(rid, "CS-0106", "可直接修改送貨地址，不需取消", operator="店員乙")
    out[C.REJECTED] = rid
    for status, rid in out.items():
        assert CancellationRequest.get_by_id(rid).status == status
    return out


# ---------------------------------------------------------------- the clerk's hands


@pytest.fixture
def page(shown, session):
    def _make():
        return shown(CancellationsPage(session), (1200, 600))

    return _make


@pytest.fixture
def warnings(prompts):
    shown = []
    prompts.answers[Kind.WARNING] = lambda parent, prompt: shown.append((prompt.title, prompt.text))
    return shown


class OnDialog:
    """Runs ``steps(dialog)`` on the next modal window; a failed step closes it and is raised
    by ``check()`` (so a broken test never leaves a modal window waiting)."""

    def __init__(self, steps):
        self.steps = steps
        self.error: BaseException | None = None
        self.ran = False
        self.tries = 0
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            self.tries += 1
            if self.tries < 300:
                QTimer.singleShot(10, self._poll)
            return
        self.ran = True
        try:
            self.steps(dialog)
            if dialog.isVisible():
                raise AssertionError("the steps left the dialog open")
        except BaseException as err:  # noqa: BLE001 - re-raised by check()
            self.error = err
            dialog.reject()

    def check(self) -> None:
        if self.error is not None:
            raise self.error
        assert self.ran, "no dialog opened"


def on_dialog(steps) -> OnDialog:
    return OnDialog(steps)


def when_up(find, kind, act, ms: int = 10) -> None:
    """Polls ``find()`` (the active modal or popup widget) until it gives a ``kind``, then runs
    ``act`` on it: for what opens in its own event loop (a dialog's ``exec``, a menu)."""

    def poll():
        widget = find()
        if not isinstance(widget, kind):
            QTimer.singleShot(ms, poll)
            return
        act(widget)

    QTimer.singleShot(0, poll)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def select(qtbot, page, tab: CancelTab, request_id: int):
    """Open ``tab`` and click the request's row; returns the ListTab."""
    page.tabs.setCurrentIndex(list(CancelTab).index(tab))
    lt = page.current_list()
    r = lt.model.row_of_id(request_id)
    assert r >= 0, f"request {request_id} not in {tab}"
    rect = lt.view.visualRect(lt.model.index(r, 0))
    qtbot.mouseClick(lt.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert [row.id for row in lt.selected_rows()] == [request_id]
    return lt


def act(qtbot, page, tab: CancelTab, request_id: int, name: str, steps) -> None:
    """Select the request in ``tab``, click 【name】 and let ``steps`` work the dialog."""
    lt = select(qtbot, page, tab, request_id)
    button = lt.findChild(QPushButton, f"button_{name}")
    assert button is not None and button.isEnabled()
    driver = on_dialog(steps)
    click(qtbot, button)
    driver.check()


def tabs_holding(page, request_id: int) -> list[CancelTab]:
    """The status tabs whose table shows the request (全部申請 always does)."""
    found = []
    for tab in CancelTab:
        page.tabs.setCurrentIndex(list(CancelTab).index(tab))
        if page.current_list().model.row_of_id(request_id) >= 0:
            found.append(tab)
    assert found[-1] is T.ALL
    return found[:-1]


def tab_titles(page) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def snapshot(request_id: int) -> tuple:
    r = CancellationRequest.get_by_id(request_id)
    o = Order.get_by_id(r.order_id)
    n = StatusHistory.select().where(StatusHistory.order == o.id).count()
    return (r.status, r.version, o.status, o.version, n)


def steps_of(request_id: int, machine: str = "cancellation") -> list[tuple]:
    q = (StatusHistory.select()
         .where((StatusHistory.cancellation == request_id) & (StatusHistory.machine == machine))
         .order_by(StatusHistory.id))
    return [(h.action, h.from_status, h.to_status, h.operator, h.input_data) for h in q]


def error_of(dialog, field: str) -> str:
    label = dialog.errors[field]
    return label.text() if label.isVisible() else ""


def ok_keeps_open(dialog, field: str, request_id: int, before: tuple) -> str:
    """Press 【確定】: the dialog stays, the error is under ``field``, nothing was saved."""
    dialog.ok_button.click()
    assert dialog.isVisible()
    text = error_of(dialog, field)
    assert text, f"no error under {field}"
    assert snapshot(request_id) == before
    return text


def keeps_refusing(dialog, edit, field: str, request_id: int, before: tuple, *texts: str) -> list[str]:
    """Each of ``texts`` typed into ``edit``: 【確定】 keeps the dialog open with an error under
    ``field`` and saves nothing (``ok_keeps_open``); the errors, in order."""
    errors = []
    for text in texts:
        edit.setText(text)
        errors.append(ok_keeps_open(dialog, field, request_id, before))
    return errors


def ok_refused_then(qtbot, dialog, field: str, error: str, mend) -> None:
    """【確定】 is refused with ``error`` under ``field``; ``mend()`` corrects the input and
    【確定】 is pressed again."""
    click(qtbot, dialog.ok_button)
    assert error_of(dialog, field) == error
    mend()
    click(qtbot, dialog.ok_button)


# ---------------------------------------------------------------- the page


def test_tabs_counts_columns_and_actions(page, every_status):
    p = page()
    assert tab_titles(p) == ["取消訂單審核 (1)", "等待退貨 (1)", "退貨失敗 (1)", "尚未退款 (1)",
                             "退款失敗 (1)", "取消完成訂單 (1)", "全部申請 (7)"]
    p.set_tab(T.ALL)  # a hidden tab loads when it is shown
    lt = p.tab_of[T.ALL]
    m = lt.model
    headers = [m.headerData(i, Qt.Orientation.Horizontal) for i in range(m.columnCount())]
    assert headers[:6] == ["訂單編號", "申請日期", "取消原因", "付款狀態", "出貨狀態", "付款方式"]
    assert {"申請人", "應退金額"} <= set(headers)
    rows = {m.row_at(r).id: [m.data(m.index(r, c)) for c in range(m.columnCount())]
            for r in range(m.rowCount())}
    clerk = rows[every_status[C.REFUND_PENDING]]
    assert clerk[2:6] == ["缺貨太久，不等了", "已付款", "未出貨", "ATM 轉帳"]
    assert "管理人員" in clerk and "NT$820" in clerk
    shipped = rows[every_status[C.AWAITING_RETURN]]
    assert shipped[3:5] == ["已付款", "已出貨"] and "顧客" in shipped
    assert "不通過" in rows[every_status[C.REJECTED]]
    # each tab offers the manual's actions, and only those
    mine = {"button_view"} | {f"button_{spec.name}" for spec in cancellation_actions.ACTIONS}
    offered = {tab: [b.text() for b in p.tab_of[tab].findChildren(QPushButton) if b.objectName() in mine]
               for tab in CancelTab}
    assert offered == {
        T.PENDING_REVIEW: ["【查詢】", "【通過】", "【不通過】"],
        T.AWAITING_RETURN: ["【查詢】", "【退貨完成】", "【退貨失敗】", "【結案（主管）】"],
        T.RETURN_FAILED: ["【查詢】", "【退貨完成】", "【結案（主管）】"],
        T.REFUND_PENDING: ["【查詢】", "【退款成功】", "【退款失敗】", "【更正退款帳戶】", "【註銷未退餘額】"],
        T.REFUND_FAILED: ["【查詢】", "【退款成功】", "【更正退款帳戶】", "【註銷未退餘額】"],
        T.COMPLETED: ["【查詢】"],
        T.ALL: ["【查詢】"],
    }
    # nothing selected: the actions are off
    pending = p.tab_of[T.PENDING_REVIEW]
    assert not pending.findChild(QPushButton, "button_approve").isEnabled()


def test_search_and_date_filter(qtbot, page, every_status):
    p = page()
    all_tab = p.tab_of[T.ALL]
    p.set_tab(T.ALL)
    p.filter_bar.search.insert("瑕疵")  # the cancellation reason
    qtbot.waitUntil(lambda: all_tab.model.rowCount() == 1, timeout=2000)
    assert all_tab.model.row_at(0).id == every_status[C.RETURN_FAILED]
    assert tab_titles(p)[2] == "退貨失敗 (1)" and tab_titles(p)[0] == "取消訂單審核 (0)"
    p.filter_bar.search.clear()
    qtbot.waitUntil(lambda: all_tab.model.rowCount() == 7, timeout=2000)
    p.filter_bar.date_from.setDate(QDate.currentDate().addDays(-10))
    p.filter_bar.date_to.setDate(QDate.currentDate().addDays(-1))
    p.filter_bar.use_dates.setChecked(True)
    assert all_tab.model.rowCount() == 0 and p.counts[T.ALL] == 0
    p.filter_bar.date_to.setDate(QDate.currentDate())
    assert all_tab.model.rowCount() == 7


def test_the_date_filter_names_and_filters_each_tabs_own_date(qtbot, page, every_status):
    """申請日期 on 取消訂單審核, 審核日期 after a review, 退款日期 on the refund tabs and
    取消完成訂單, 退款失敗日期 on 退款失敗; the range applies to that date."""
    p = page()
    labels = {}
    for tab in T:
        p.set_tab(tab)
        labels[tab] = p.filter_bar.use_dates.text()
    assert labels == {T.PENDING_REVIEW: "申請日期", T.AWAITING_RETURN: "審核日期", T.RETURN_FAILED: "審核日期",
                      T.REFUND_PENDING: "退款日期", T.REFUND_FAILED: "退款失敗日期", T.COMPLETED: "退款日期",
                      T.ALL: "申請日期"}
    p.set_tab(T.COMPLETED)
    done = p.tab_of[T.COMPLETED]
    rows = done.model.rowCount()
    assert rows >= 1
    # Refunded today: a range ending yesterday leaves the refunded ones out, today brings them back.
    p.filter_bar.date_from.setDate(QDate.currentDate().addDays(-10))
    p.filter_bar.date_to.setDate(QDate.currentDate().addDays(-1))
    p.filter_bar.use_dates.setChecked(True)
    refunded = CancellationRequest.select().where(CancellationRequest.status == C.COMPLETED,
                                                  CancellationRequest.refund_date.is_null(False)).count()
    assert refunded >= 1
    assert done.model.rowCount() == 0 and p.counts[T.COMPLETED] == 0
    p.filter_bar.date_to.setDate(QDate.currentDate())
    assert done.model.rowCount() == refunded and p.counts[T.COMPLETED] == refunded
    assert "退款日期：" in p.filter_bar.describe()


# ---------------------------------------------------------------- the manual's four paths


def test_path_shipped_paid_order_review_return_refund(qtbot, page, request_for, warnings):
    """A shipped, paid order: 通過 → 等待退貨 → 退貨完成 → 尚未退款 → 退款成功 → 取消完成訂單."""
    oid, rid = request_for(S.COMPLETED, "尺寸不合")
    p = page()
    assert tabs_holding(p, rid) == [T.PENDING_REVIEW]
    assert Order.get_by_id(oid).status == S.CANCELLING

    def approve(d):
        before = snapshot(rid)
        assert d.windowTitle().startswith("審核通過")
        assert "等待退貨" in d.findChild(QLabel, "outcome").text()
        assert ok_keeps_open(d, "cs_number", rid, before) == "此欄位必填。"
        keeps_refusing(d, d.cs_number, "cs_number", rid, before, "   ")
        d.cs_number.setText("CS-2001")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.PENDING_REVIEW, rid, "approve", approve)
    assert tabs_holding(p, rid) == [T.AWAITING_RETURN]
    assert Order.get_by_id(oid).status == S.CANCELLING
    assert "等待退貨" in p.message.text()

    def returned(d):
        before = snapshot(rid)
        assert "尚未退款" in d.findChild(QLabel, "outcome").text()
        assert d.invoice.value() is None and d.intact.value() is None  # nothing preselected
        assert ok_keeps_open(d, "invoice_returned", rid, before) == "請選擇是或否。"
        click(qtbot, d.invoice.yes)
        ok_keeps_open(d, "goods_intact", rid, before)
        click(qtbot, d.intact.no)
        click(qtbot, d.ok_button)

    act(qtbot, p, T.AWAITING_RETURN, rid, "return_done", returned)
    assert tabs_holding(p, rid) == [T.REFUND_PENDING]

    def refunded(d):
        before = snapshot(rid)
        assert d.amount.text() == str(TOTAL)  # what was paid
        assert d.refund_date.date() == QDate.currentDate()
        assert "812 台北分行" in " ".join(lbl.text() for lbl in d.findChildren(QLabel))
        assert ok_keeps_open(d, "reference", rid, before) == "此欄位必填。"
        d.reference.setText("TX-3001")
        too_much, _, _ = keeps_refusing(d, d.amount, "amount", rid, before, str(TOTAL + 1), "", "0")
        assert "不能超過尚未退還的已收金額 NT$820" in too_much
        d.amount.setText("820")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.REFUND_PENDING, rid, "refund_done", refunded)
    assert tabs_holding(p, rid) == [T.COMPLETED]
    assert Order.get_by_id(oid).status == S.CANCELLED
    assert "取消完成訂單" in p.message.text() and "已取消" in p.message.text()
    assert warnings == []

    today = date.today().isoformat()
    assert steps_of(rid) == [
        ("FILE", None, "PENDING_REVIEW", "顧客",
         {"by": "customer", "reason": "尺寸不合", "bank_code": "812", "branch": "台北分行",
          "account_number": "123456789012", "account_name": "王小明"}),
        ("APPROVE", "PENDING_REVIEW", "AWAITING_RETURN", "店員甲", {"cs_number": "CS-2001"}),
        ("RETURN_DONE", "AWAITING_RETURN", "REFUND_PENDING", "店員甲",
         {"invoice_returned": True, "goods_intact": False}),
        ("REFUND_DONE", "REFUND_PENDING", "COMPLETED", "店員甲",
         {"refund_date": today, "amount": TOTAL, "reference": "TX-3001"}),
    ]
    assert [h[:3] for h in steps_of(rid, "order")] == [
        ("REQUEST_CANCEL_CUSTOMER", "COMPLETED", "CANCELLING"),
        ("CANCEL_COMPLETED", "CANCELLING", "CANCELLED"),
    ]
    r = CancellationRequest.get_by_id(rid)
    assert (r.cs_number, r.invoice_returned, r.goods_intact, r.refunded_amount, r.refund_reference) == (
        "CS-2001", True, False, TOTAL, "TX-3001")


def test_path_unshipped_paid_order_refund_failed_then_done(qtbot, page, request_for, warnings):
    """The manual's own order: out of stock, the clerk's 退訂申請, 通過 → 尚未退款 → 退款失敗 →
    退款成功 → 取消完成訂單."""
    oid, rid = request_for(S.OUT_OF_STOCK, "缺貨太久", by=cs.CLERK)
    p = page()
    assert tabs_holding(p, rid) == [T.PENDING_REVIEW]

    def approve(d):
        assert "尚未退款" in d.findChild(QLabel, "outcome").text()
        d.cs_number.insert("客服-77")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.PENDING_REVIEW, rid, "approve", approve)
    assert tabs_holding(p, rid) == [T.REFUND_PENDING]
    assert Order.get_by_id(oid).status == S.CANCELLING

    def failed(d):
        before = snapshot(rid)
        assert d.windowTitle().startswith("退款失敗")
        d.reference.setText("TX-1")
        assert ok_keeps_open(d, "reason", rid, before) == "此欄位必填。"
        d.reason.setPlainText("帳號與戶名不符，款項遭退回")
        d.refund_date.setDate(QDate.currentDate().addDays(-30))  # before the request
        ok_keeps_open(d, "refund_date", rid, before)
        d.refund_date.setDate(QDate.currentDate())
        click(qtbot, d.ok_button)

    act(qtbot, p, T.REFUND_PENDING, rid, "refund_failed", failed)
    assert tabs_holding(p, rid) == [T.REFUND_FAILED]
    assert Order.get_by_id(oid).status == S.CANCELLING

    def done(d):
        assert d.amount.text() == str(TOTAL)
        d.reference.setText("TX-2")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.REFUND_FAILED, rid, "refund_done", done)
    assert tabs_holding(p, rid) == [T.COMPLETED]
    assert Order.get_by_id(oid).status == S.CANCELLED
    today = date.today().isoformat()
    assert steps_of(rid)[1:] == [
        ("APPROVE", "PENDING_REVIEW", "REFUND_PENDING", "店員甲", {"cs_number": "客服-77"}),
        ("REFUND_FAILED", "REFUND_PENDING", "REFUND_FAILED", "店員甲",
         {"refund_date": today, "amount": TOTAL, "reference": "TX-1", "reason": "帳號與戶名不符，款項遭退回"}),
        ("REFUND_DONE", "REFUND_FAILED", "COMPLETED", "店員甲",
         {"refund_date": today, "amount": TOTAL, "reference": "TX-2"}),
    ]
    assert [h[:3] for h in steps_of(rid, "order")] == [
        ("REQUEST_CANCEL_CLERK", "OUT_OF_STOCK", "CANCELLING"),
        ("CANCEL_COMPLETED", "CANCELLING", "CANCELLED"),
    ]
    assert warnings == []


def test_path_unpaid_order_completes_at_once(qtbot, page, session, request_for, warnings):
    """An unpaid order: 通過 → 取消完成訂單 at once; the order is 已取消 and leaves the open
    order tabs."""
    from app.views.orders_page import OrdersPage

    oid, rid = request_for(S.UNPAID, "不想買了")
    orders = OrdersPage(session)
    qtbot.addWidget(orders)
    assert orders.counts[OrderTab.UNPAID] == 0  # CANCELLING while under review
    p = page()

    def approve(d):
        assert "取消完成訂單" in d.findChild(QLabel, "outcome").text()
        assert d.findChild(QLabel, "outcome").text().endswith("訂單狀態改為「已取消」。")
        d.cs_number.setText("CS-9")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.PENDING_REVIEW, rid, "approve", approve)
    assert tabs_holding(p, rid) == [T.COMPLETED]
    assert Order.get_by_id(oid).status == S.CANCELLED
    assert [orders.counts[t] for t in OrderTab if t is not OrderTab.ALL] == [0, 0, 0, 0, 0, 0]
    assert orders.counts[OrderTab.ALL] == 1
    assert steps_of(rid)[1] == ("APPROVE", "PENDING_REVIEW", "COMPLETED", "店員甲", {"cs_number": "CS-9"})
    assert [h[:3] for h in steps_of(rid, "order")] == [
        ("REQUEST_CANCEL_CUSTOMER", "UNPAID", "CANCELLING"),
        ("CANCEL_COMPLETED", "CANCELLING", "CANCELLED"),
    ]
    assert warnings == []


def test_path_rejection_puts_the_order_back(qtbot, page, session, request_for, warnings):
    """不通過: the request is kept (全部申請, 不通過) and the order is back where it was."""
    from app.views.orders_page import OrdersPage

    oid, rid = request_for(S.AWAITING_SHIPMENT, "想改地址")
    orders = OrdersPage(session)
    qtbot.addWidget(orders)
    assert orders.counts[OrderTab.AWAITING_SHIPMENT] == 0
    p = page()

    def reject(d):
        before = snapshot(rid)
        assert "訂單回到「等待出貨」" in d.findChild(QLabel, "outcome").text()
        assert ok_keeps_open(d, "cs_number", rid, before) == "此欄位必填。"
        d.cs_number.setText("CS-5")
        assert ok_keeps_open(d, "reject_reason", rid, before) == "此欄位必填。"
        assert error_of(d, "cs_number") == ""
        d.reason.insertPlainText("可直接修改送貨地址")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.PENDING_REVIEW, rid, "reject", reject)
    assert tabs_holding(p, rid) == []  # in 全部申請 only
    all_tab = p.tab_of[T.ALL]
    r = all_tab.model.row_of_id(rid)
    assert all_tab.model.row_at(r).status == C.REJECTED
    assert tab_titles(p)[0] == "取消訂單審核 (0)" and tab_titles(p)[6] == "全部申請 (1)"
    assert Order.get_by_id(oid).status == S.AWAITING_SHIPMENT
    assert orders.counts[OrderTab.AWAITING_SHIPMENT] == 1
    assert "訂單回到「等待出貨」" in p.message.text()
    assert steps_of(rid)[1] == ("REJECT", "PENDING_REVIEW", "REJECTED", "店員甲",
                                {"cs_number": "CS-5", "reason": "可直接修改送貨地址"})
    assert [h[:3] for h in steps_of(rid, "order")] == [
        ("REQUEST_CANCEL_CUSTOMER", "AWAITING_SHIPMENT", "CANCELLING"),
        ("CANCEL_REJECTED", "CANCELLING", "AWAITING_SHIPMENT"),
    ]
    assert CancellationRequest.get_by_id(rid).reject_reason == "可直接修改送貨地址"
    assert warnings == []


def test_return_failed_then_done_from_the_failed_tab(qtbot, page, request_for):
    oid, rid = request_for(S.COMPLETED)
    cs.approve_cancellation(rid, "CS-1", operator="店員乙")
    p = page()
    assert tabs_holding(p, rid) == [T.AWAITING_RETURN]

    def failed(d):
        before = snapshot(rid)
        click(qtbot, d.invoice.no)
        click(qtbot, d.intact.yes)
        assert ok_keeps_open(d, "reason", rid, before) == "此欄位必填。"
        d.reason.setPlainText("顧客未寄回商品")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.AWAITING_RETURN, rid, "return_failed", failed)
    assert tabs_holding(p, rid) == [T.RETURN_FAILED]

    def done(d):
        click(qtbot, d.invoice.yes)
        click(qtbot, d.intact.yes)
        click(qtbot, d.ok_button)

    act(qtbot, p, T.RETURN_FAILED, rid, "return_done", done)
    assert tabs_holding(p, rid) == [T.REFUND_PENDING]
    assert [s[0] for s in steps_of(rid)] == ["FILE", "APPROVE", "RETURN_FAILED", "RETURN_DONE"]
    assert steps_of(rid)[2][4] == {"invoice_returned": False, "goods_intact": True, "reason": "顧客未寄回商品"}
    assert Order.get_by_id(oid).status == S.CANCELLING


# ---------------------------------------------------------------- refusals


def test_cancel_changes_nothing(qtbot, page, request_for):
    _, rid = request_for(S.PAID)
    p = page()
    before = snapshot(rid)

    def cancel(d):
        d.cs_number.setText("CS-1")
        click(qtbot, d.cancel_button)

    act(qtbot, p, T.PENDING_REVIEW, rid, "approve", cancel)
    assert snapshot(rid) == before
    assert tabs_holding(p, rid) == [T.PENDING_REVIEW]


def test_another_clerk_first_before_the_dialog(qtbot, page, request_for, warnings):
    _, rid = request_for(S.AWAITING_SHIPMENT)  # payment confirmed
    p = page()
    select(qtbot, p, T.PENDING_REVIEW, rid)
    cs.approve_cancellation(rid, "CS-X", operator="店員乙")  # on another desk
    before = snapshot(rid)
    click(qtbot, p.current_list().findChild(QPushButton, "button_reject"))  # no dialog opens
    assert snapshot(rid) == before
    ((title, text),) = warnings
    assert title == "不通過" and "已被 店員乙 於" in text and "沒有儲存" in text
    assert tabs_holding(p, rid) == [T.REFUND_PENDING]  # refreshed


def test_another_clerk_first_while_the_dialog_is_open(qtbot, page, request_for, warnings):
    _, rid = request_for(S.COMPLETED)
    p = page()

    def approve(d):
        d.cs_number.setText("CS-mine")
        cs.reject_cancellation(rid, "CS-theirs", "不符規定", operator="店員乙")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.PENDING_REVIEW, rid, "approve", approve)
    ((title, text),) = warnings
    assert "店員乙" in text
    r = CancellationRequest.get_by_id(rid)
    assert (r.status, r.cs_number) == (C.REJECTED, "CS-theirs")
    assert tabs_holding(p, rid) == []
    assert p.message.isHidden()


def test_a_service_refusal_reopens_the_dialog_with_the_input(qtbot, page, request_for, monkeypatch):
    from app.domain.errors import ValidationError

    _, rid = request_for(S.AWAITING_SHIPMENT)  # payment confirmed
    real = cs.approve_cancellation
    calls = []

    def once_refused(*args, **kw):
        calls.append(args)
        if len(calls) == 1:
            raise ValidationError("cs_number", "客服編號不存在。")
        return real(*args, **kw)

    monkeypatch.setattr(cs, "approve_cancellation", once_refused)
    p = page()
    second = []

    def first(d):
        d.cs_number.setText("CS-404")
        second.append(on_dialog(again))
        click(qtbot, d.ok_button)

    def again(d):
        assert d.cs_number.text() == "CS-404"
        assert error_of(d, "cs_number") == "客服編號不存在。"
        d.cs_number.setText("CS-200")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.PENDING_REVIEW, rid, "approve", first)
    second[0].check()
    assert [c[1] for c in calls] == ["CS-404", "CS-200"]
    assert CancellationRequest.get_by_id(rid).cs_number == "CS-200"


def test_no_operator_no_dialog(qtbot, page, request_for, session, monkeypatch):
    _, rid = request_for(S.PAID)
    monkeypatch.setattr(session, "operator", lambda parent=None: None)
    p = page()
    opened = []
    monkeypatch.setattr(cancellation_actions.ApproveDialog, "ask", classmethod(
        lambda cls, *a, **k: opened.append(1)))
    lt = select(qtbot, p, T.PENDING_REVIEW, rid)
    click(qtbot, lt.findChild(QPushButton, "button_approve"))
    assert opened == []


def test_shortcuts_open_the_dialogs(qtbot, page, every_status):
    p = page()
    seen = []

    def look(d):
        seen.append(d.windowTitle().split(" — ")[0])
        click(qtbot, d.cancel_button)

    for tab, key, status in (
        (T.PENDING_REVIEW, "Ctrl+Shift+A", C.PENDING_REVIEW),
        (T.PENDING_REVIEW, "Ctrl+Shift+J", C.PENDING_REVIEW),
        (T.AWAITING_RETURN, "Ctrl+Shift+R", C.AWAITING_RETURN),
        (T.AWAITING_RETURN, "Ctrl+Shift+T", C.AWAITING_RETURN),
        (T.RETURN_FAILED, "Ctrl+Shift+R", C.RETURN_FAILED),
        (T.REFUND_PENDING, "Ctrl+Shift+M", C.REFUND_PENDING),
        (T.REFUND_PENDING, "Ctrl+Shift+N", C.REFUND_PENDING),
        (T.REFUND_FAILED, "Ctrl+Shift+M", C.REFUND_FAILED),
    ):
        lt = select(qtbot, p, tab, every_status[status])
        p.activateWindow()  # back from the last dialog
        qtbot.waitUntil(p.isActiveWindow, timeout=2000)
        lt.view.setFocus()
        driver = on_dialog(look)
        seq = QKeySequence(key)[0]
        qtbot.keyClick(lt.view, seq.key(), seq.keyboardModifiers())
        driver.check()
    assert seen == ["審核通過", "審核不通過", "退貨完成", "退貨失敗", "退貨完成", "退款成功", "退款失敗",
                    "退款成功"]


# ---------------------------------------------------------------- the detail


def test_detail_three_blocks(qtbot, page, every_status, monkeypatch):
    from app.views import cancellation_detail

    opened = []
    monkeypatch.setattr(cancellation_detail.CancellationDetailDialog, "exec",
                        lambda self: opened.append(self) or 0)
    p = page()
    lt = select(qtbot, p, T.COMPLETED, every_status[C.COMPLETED])
    click(qtbot, lt.findChild(QPushButton, "button_view"))
    dialog = opened[-1]
    blocks = dialog.view.blocks
    assert [blocks.tabText(i) for i in range(blocks.count())] == ["購物資訊", "取消申請", "審核狀況"]
    groups = {g.objectName(): g.title() for g in dialog.findChildren(QGroupBox)}
    assert {"block_items": "購買物品內容", "block_order": "訂單明細", "block_buyer": "訂購人資訊",
            "group_request": "取消申請", "group_remittance": "匯款資訊", "group_review": "審核",
            "group_return": "退貨", "group_refund": "退款",
            "group_history": "處理歷程"}.items() <= groups.items()
    assert "block_history" not in groups

    def texts(name):
        return " ".join(lbl.text() for lbl in dialog.findChild(QGroupBox, name).findChildren(QLabel))

    assert "吳建宏" in texts("block_buyer")
    assert "顧客（吳建宏）" in texts("group_request") and "不喜歡顏色" in texts("group_request")
    assert "123456789012" in texts("group_remittance")
    review = texts("group_review")
    assert "通過" in review and "CS-0105" in review and "店員乙" in review
    assert "退貨完成" in texts("group_return")
    refund = texts("group_refund")
    assert "退款成功" in refund and "TX-9002" in refund and "NT$820" in refund
    hist = dialog.view.history_table
    assert [hist.item(r, 1).text() for r in range(hist.rowCount())] == [
        "顧客申請取消", "提出取消申請", "通過", "退貨完成", "退款成功", "取消完成"]
    assert "匯款編號：TX-9002" in hist.item(4, 5).text()

    # a rejected one, from 全部申請, by double-click
    lt = select(qtbot, p, T.ALL, every_status[C.REJECTED])
    rect = lt.view.visualRect(lt.model.index(lt.model.row_of_id(every_status[C.REJECTED]), 0))
    qtbot.mouseDClick(lt.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = opened[-1]
    review = " ".join(lbl.text() for lbl in dialog.findChild(QGroupBox, "group_review").findChildren(QLabel))
    assert "不通過" in review and "可直接修改送貨地址，不需取消" in review and "CS-0106" in review

    # a failed refund shows the remittance that was tried and why it failed
    lt = select(qtbot, p, T.REFUND_FAILED, every_status[C.REFUND_FAILED])
    click(qtbot, lt.findChild(QPushButton, "button_view"))
    refund = " ".join(lbl.text() for lbl in opened[-1].findChild(QGroupBox, "group_refund").findChildren(QLabel))
    assert "退款失敗" in refund and "TX-9001" in refund and "帳號與戶名不符" in refund
    # an unpaid one needs no remittance
    assert len(opened) == 3


# ---------------------------------------------------------------- the tour


def test_render_cancellation_screens(tmp_path, qapp, every_status):
    import os

    from PySide6.QtGui import QImage

    from app.tour.cancellations import render_cancellation_screens

    # ORDERDESK_TOUR_DIR keeps the PNGs for a person to look at.
    out = os.environ.get("ORDERDESK_TOUR_DIR") or tmp_path / "tour"
    files = render_cancellation_screens(out)
    names = [f.name for f in files]
    assert names[:4] == ["cancellations_1_pending-review.png", "cancellations_2_awaiting-return.png",
                         "cancellations_3_refund-pending.png", "cancellations_4_all-requests.png"]
    for name in ("cancellation_detail_1_shopping.png", "cancellation_detail_2_request.png",
                 "cancellation_detail_3_review.png", "dialog_approve.png", "dialog_reject.png",
                 "dialog_reject_errors.png", "dialog_return_done.png", "dialog_return_failed.png",
                 "dialog_return_failed_errors.png", "dialog_refund_done.png",
                 "dialog_refund_done_errors.png", "dialog_refund_failed.png"):
        assert name in names
    for f in files:
        img = QImage(str(f))
        assert not img.isNull() and img.width() > 300 and img.height() > 150
    # nothing was written
    assert CancellationRequest.get_by_id(every_status[C.PENDING_REVIEW]).status == C.PENDING_REVIEW


def _fill_valid(d, name: str) -> None:
    """Every input of dialog ``name`` filled with something acceptable."""
    if name in ("approve", "reject"):
        d.cs_number.setText("CS-1")
    if name == "reject":
        d.reason.setPlainText("不符規定")
    if name in ("return_done", "return_failed"):
        d.invoice.set_value(True)
        d.intact.set_value(False)
    if name in ("refund_done", "refund_failed"):
        d.refund_date.setDate(QDate.currentDate())
        d.amount.setText(str(TOTAL))
        d.reference.setText("TX-1")
    if name in ("return_failed", "refund_failed"):
        d.reason.setPlainText("原因")


def _empty(d, field: str) -> None:
    widget = d.fields[field]
    if hasattr(widget, "set_value"):
        widget.set_value(None)
    elif hasattr(widget, "setPlainText"):
        widget.setPlainText("  \n ")
    else:
        widget.setText(" ")


REQUIRED = {
    "approve": (T.PENDING_REVIEW, C.PENDING_REVIEW, ["cs_number"]),
    "reject": (T.PENDING_REVIEW, C.PENDING_REVIEW, ["cs_number", "reject_reason"]),
    "return_done": (T.AWAITING_RETURN, C.AWAITING_RETURN, ["invoice_returned", "goods_intact"]),
    "return_failed": (T.AWAITING_RETURN, C.AWAITING_RETURN, ["invoice_returned", "goods_intact", "reason"]),
    "refund_done": (T.REFUND_PENDING, C.REFUND_PENDING, ["amount", "reference"]),
    "refund_failed": (T.REFUND_PENDING, C.REFUND_PENDING, ["amount", "reference", "reason"]),
}


@pytest.mark.parametrize("name", list(REQUIRED))
def test_each_required_input_left_empty_keeps_the_dialog_open(qtbot, page, every_status, name):
    tab, status, fields = REQUIRED[name]
    rid = every_status[status]
    p = page()

    def steps(d):
        before = snapshot(rid)
        for field in fields:
            _fill_valid(d, name)
            _empty(d, field)
            ok_keeps_open(d, field, rid, before)
            assert [f for f in d.errors if error_of(d, f)] == [field]
        _fill_valid(d, name)
        click(qtbot, d.cancel_button)

    act(qtbot, p, tab, rid, name, steps)
    assert tabs_holding(p, rid) == [tab]


def test_detail_of_an_unpaid_request_under_review(qtbot, page, request_for, monkeypatch):
    from app.views import cancellation_detail

    opened = []
    monkeypatch.setattr(cancellation_detail.CancellationDetailDialog, "exec",
                        lambda self: opened.append(self) or 0)
    _, rid = request_for(S.UNPAID, "不想買了")
    p = page()
    lt = select(qtbot, p, T.PENDING_REVIEW, rid)
    lt.view.setFocus()
    qtbot.keyClick(lt.view, Qt.Key.Key_Return)
    d = opened[-1]
    remit = " ".join(lbl.text() for lbl in d.findChild(QGroupBox, "group_remittance").findChildren(QLabel))
    assert "不需退款帳戶" in remit
    review = " ".join(lbl.text() for lbl in d.findChild(QGroupBox, "group_review").findChildren(QLabel))
    assert "等待審核" in review
    assert "不需退款（未付款）" in " ".join(
        lbl.text() for lbl in d.findChild(QGroupBox, "group_refund").findChildren(QLabel))
    assert "不需退貨（未出貨）" in " ".join(
        lbl.text() for lbl in d.findChild(QGroupBox, "group_return").findChildren(QLabel))


# ---------------------------------------------------------------- issue 19


def test_supervisor_closes_a_failed_return_without_refund(qtbot, page, every_status):
    rid = every_status[C.RETURN_FAILED]
    oid = CancellationRequest.get_by_id(rid).order_id
    p = page()

    def close(d):
        assert d.windowTitle().startswith("結案（主管）")
        click(qtbot, d.ok_button)  # nothing chosen: refused, the dialog stays
        assert error_of(d, "refund") == "請選擇結案方式。"
        d.way.setCurrentIndex(d.way.findData(False))
        ok_refused_then(qtbot, d, "close_reason", "此欄位必填。",
                        lambda: d.reason.setPlainText("顧客逾期未寄回，主管核定結案"))

    act(qtbot, p, T.RETURN_FAILED, rid, "close", close)
    r = CancellationRequest.get_by_id(rid)
    assert (r.status, r.close_reason) == (C.CLOSED, "顧客逾期未寄回，主管核定結案")
    assert Order.get_by_id(oid).status == S.COMPLETED  # the sale stands
    assert tabs_holding(p, rid) == []  # only in 全部申請
    assert "訂單回到「已完成」" in p.message.text()


def test_supervisor_closes_a_stuck_return_on_to_the_refund(qtbot, page, every_status):
    rid = every_status[C.AWAITING_RETURN]
    p = page()

    def close(d):
        d.way.setCurrentIndex(d.way.findData(True))
        d.reason.setPlainText("物流確認遺失，先行退款")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.AWAITING_RETURN, rid, "close", close)
    assert CancellationRequest.get_by_id(rid).status == C.REFUND_PENDING
    assert T.REFUND_PENDING in tabs_holding(p, rid)


def test_correct_the_account_then_retry_shows_the_last_failure(qtbot, page, every_status):
    rid = every_status[C.REFUND_FAILED]
    p = page()

    def correct(d):
        assert "帳號與戶名不符" in d.findChild(QLabel, "last_failure").text()
        assert d.account_number.text() == "123456789012"  # the account now on the request
        d.account_number.setText("0001-2345-6789")
        d.account_name.setText("王大明")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.REFUND_FAILED, rid, "correct_account", correct)
    r = CancellationRequest.get_by_id(rid)
    assert (r.status, r.account_number, r.account_name) == (C.REFUND_FAILED, "000123456789", "王大明")
    h = StatusHistory.select().where(StatusHistory.cancellation == rid).order_by(
        StatusHistory.id.desc()).first()
    assert h.action == CancelAction.CORRECT_ACCOUNT
    assert (h.input_data["before"]["account_name"], h.input_data["after"]["account_name"]) == (
        "王小明", "王大明")

    def retry(d):
        failure = d.findChild(QLabel, "last_failure").text()
        assert "TX-9001" in failure and "帳號與戶名不符" in failure
        assert "000123456789" in " ".join(w.text() for w in d.findChildren(QLabel))
        d.reference.setText("TX-9003")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.REFUND_FAILED, rid, "refund_done", retry)
    r = CancellationRequest.get_by_id(rid)
    assert (r.status, r.refund_reference, r.refunded_amount) == (C.COMPLETED, "TX-9003", TOTAL)


def test_a_partial_refund_asks_its_reason_and_shows_what_is_outstanding(qtbot, page, every_status):
    rid = every_status[C.REFUND_PENDING]
    p = page()

    def partial_refund(d):
        d.amount.setText("500")
        d.reference.setText("TX-7001")
        ok_refused_then(qtbot, d, "partial_reason", "此欄位必填。",
                        lambda: d.partial_reason.setPlainText("部分商品已使用，先退 500"))

    act(qtbot, p, T.REFUND_PENDING, rid, "refund_done", partial_refund)
    r = CancellationRequest.get_by_id(rid)
    assert (r.status, r.refunded_amount) == (C.REFUND_PENDING, 500)
    lt = select(qtbot, p, T.REFUND_PENDING, rid)
    m = lt.model
    headers = [m.headerData(i, Qt.Orientation.Horizontal) for i in range(m.columnCount())]
    row = [m.data(m.index(m.row_of_id(rid), c)) for c in range(m.columnCount())]
    cells = dict(zip(headers, row, strict=True))
    assert (cells["應退金額"], cells["已退金額"], cells["未退金額"]) == ("NT$820", "NT$500", "NT$320")
    assert cells["待退天數"] == "0 天" and cells["退款期限"] == "剩 15 天"

    def write_off(d):
        assert "NT$320" in d.findChild(QLabel, "write_off_amount").text()
        d.reason.setPlainText("顧客同意扣除折損")
        click(qtbot, d.ok_button)

    act(qtbot, p, T.REFUND_PENDING, rid, "write_off", write_off)
    r = CancellationRequest.get_by_id(rid)
    assert (r.status, r.written_off, r.write_off_reason) == (C.COMPLETED, 320, "顧客同意扣除折損")


def test_refund_deadline_marks_near_and_past(qtbot, page, every_status):
    rid = every_status[C.REFUND_PENDING]
    approved = CancellationRequest.get_by_id(rid).reviewed_at
    p = page()
    CancellationRequest.update(reviewed_at=approved - timedelta(days=20)).where(
        CancellationRequest.id == rid).execute()
    p.refresh()
    lt = select(qtbot, p, T.REFUND_PENDING, rid)
    m = lt.model
    col = [m.headerData(i, Qt.Orientation.Horizontal) for i in range(m.columnCount())].index("退款期限")
    index = m.index(m.row_of_id(rid), col)
    assert m.data(index) == "已逾期 5 天"
    assert m.data(index, Qt.ItemDataRole.ForegroundRole).name() == "#c62828"


def test_approval_on_an_unconfirmed_notice_asks_whether_the_money_arrived(qtbot, page, every_status):
    rid = every_status[C.PENDING_REVIEW]  # its order's notice was never confirmed
    p = page()

    def approve(d):
        d.cs_number.setText("CS-0300")
        click(qtbot, d.ok_button)
        assert error_of(d, "money_arrived") == "付款通知尚未確認，請先查明款項是否已入帳。"
        d.money_arrived.setCurrentIndex(d.money_arrived.findData(False))
        click(qtbot, d.ok_button)

    act(qtbot, p, T.PENDING_REVIEW, rid, "approve", approve)
    r = CancellationRequest.get_by_id(rid)
    assert (r.status, r.paid, r.refund_due) == (C.COMPLETED, False, 0)


def test_detail_shows_the_closure_and_the_corrected_account(qtbot, page, every_status, monkeypatch):
    from app.views import cancellation_detail

    closed, failed = every_status[C.RETURN_FAILED], every_status[C.REFUND_FAILED]
    cs.close_request(closed, refund=False, reason="逾期未寄回，主管核定", operator="王店長")
    cs.correct_account(failed, Remittance("700", "中和郵局", "000123456789", "王大明"),
                       operator="店員乙")
    opened = []
    monkeypatch.setattr(cancellation_detail.CancellationDetailDialog, "exec",
                        lambda self: opened.append(self) or 0)
    cancellation_detail.CancellationDetailDialog.show_for(None, closed)
    review = " ".join(lbl.text() for lbl in opened[-1].findChild(QGroupBox, "group_review")
                      .findChildren(QLabel))
    assert "逾期未寄回，主管核定" in review
    assert "主管結案，不退款" in " ".join(
        lbl.text() for lbl in opened[-1].findChild(QGroupBox, "group_refund").findChildren(QLabel))
    cancellation_detail.CancellationDetailDialog.show_for(None, failed)
    hist = opened[-1].view.history_table
    last = hist.rowCount() - 1
    assert hist.item(last, 1).text() == "更正退款帳戶"
    content = hist.item(last, 5).text()
    assert "原帳戶：812 台北分行 123456789012 王小明" in content
    assert "新帳戶：700 中和郵局 000123456789 王大明" in content
