"""The order actions of PRODUCT.md §3 on the 訂單管理 tabs (STYLE.md: Anki's operations).

``install_order_actions(page)`` adds each action to the tab that offers it — a 【button】, an
entry in the row's context menu and a keyboard shortcut — enabled only for rows whose status
allows it.  A slot asks the clerk's name (once), runs the action's dialog, calls the service
with the version of the row on screen, and announces the change so the touched tabs reload.
When another clerk was first (``StaleError``) or the status no longer allows the action
(``TransitionError``), the clerk is told, nothing is saved and the tables refresh.

Several selected rows get the bulk form of 確認付款, 等待出貨 and 出貨: a preview, then each
order in its own transaction, then the list of outcomes; one order that cannot move does not
stop the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.dialogs.bulk_dialogs import BulkPreviewDialog, BulkResultDialog, BulkShipDialog, Outcome
from app.dialogs.cancellation_request_dialog import CancellationRequestDialog
from app.dialogs.confirm_dialogs import BackToAwaitingDialog, ConfirmPaymentDialog
from app.dialogs.form import error_text
from app.dialogs.out_of_stock_dialog import OutOfStockDialog
from app.dialogs.payment_notice_dialog import PaymentNoticeDialog
from app.dialogs.ship_dialog import ShipDialog
from app.domain.errors import DomainError, TransitionError, ValidationError
from app.domain.machines import next_order_status
from app.domain.statuses import ORDER_STATUS_LABELS, OrderAction, OrderStatus
from app.domain.tabs import OrderTab
from app.services import cancellations as cancel_svc
from app.services import orders as svc
from app.services import queries

INFO = "info"
WARNING = "warning"

S = OrderStatus
A = OrderAction


def show_message(parent: QWidget | None, kind: str, title: str, text: str) -> None:
    """The one door for the actions' messages (tests patch it)."""
    if kind == WARNING:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def describe(err: DomainError) -> str:
    """The message for ``err`` (``error_text``: a stale order's time in local time)."""
    return error_text(err)


def _status_label(status: str) -> str:
    return QCoreApplication.translate("Status", ORDER_STATUS_LABELS[OrderStatus(status)])


@dataclass(frozen=True)
class Changes:
    """Several changes announced as one, so each touched tab reloads once."""

    order_statuses: frozenset[str] = field(default_factory=frozenset)
    cancel_statuses: frozenset[str] = field(default_factory=frozenset)

    def add(self, change) -> Changes:
        return Changes(self.order_statuses | change.order_statuses,
                       self.cancel_statuses | change.cancel_statuses)


def _one(status: OrderStatus) -> Callable[[list], bool]:
    return lambda rows: len(rows) == 1 and rows[0].status == status


def _some(status: OrderStatus) -> Callable[[list], bool]:
    return lambda rows: bool(rows) and all(r.status == status for r in rows)


class OrderActions(QObject):
    """The actions of one 訂單管理 page; ``page.order_actions`` after installing."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.session = page.session
        tab = page.tab_of
        self.actions = {
            "record_payment": tab[OrderTab.UNPAID].add_action(
                self.tr("登錄付款通知"), self.record_payment_notice, enabled=_one(S.UNPAID),
                shortcut=QKeySequence("Ctrl+P"), name="record_payment"),
            "confirm_payment": tab[OrderTab.PAID].add_action(
                self.tr("確認付款"), self.confirm_payment, enabled=_some(S.PAID),
                shortcut=QKeySequence("Ctrl+Shift+C"), name="confirm_payment"),
            "ship": tab[OrderTab.AWAITING_SHIPMENT].add_action(
                self.tr("出貨"), self.ship, enabled=_some(S.AWAITING_SHIPMENT),
                shortcut=QKeySequence("Ctrl+Shift+S"), name="ship"),
            "out_of_stock": tab[OrderTab.AWAITING_SHIPMENT].add_action(
                self.tr("缺貨"), self.out_of_stock, enabled=_one(S.AWAITING_SHIPMENT),
                shortcut=QKeySequence("Ctrl+Shift+O"), name="out_of_stock"),
            "back_to_awaiting": tab[OrderTab.OUT_OF_STOCK].add_action(
                self.tr("等待出貨"), self.back_to_awaiting, enabled=_some(S.OUT_OF_STOCK),
                shortcut=QKeySequence("Ctrl+Shift+W"), name="back_to_awaiting"),
            "request_cancellation": tab[OrderTab.OUT_OF_STOCK].add_action(
                self.tr("退訂申請"), self.request_cancellation, enabled=_one(S.OUT_OF_STOCK),
                shortcut=QKeySequence("Ctrl+Shift+R"), name="request_cancellation"),
        }
        for lt in tab.values():
            lt.update_buttons()

    # ---- shared steps

    def _operator(self) -> str | None:
        return self.session.operator(self.page)

    def _refused(self, row, action: OrderAction) -> bool:
        """Refuse (with the reason) an action the row's status does not allow, before any
        dialog: the slot may be reached from a stale screen or called directly."""
        try:
            next_order_status(row.status, action)
        except TransitionError as err:
            show_message(self.page, WARNING, QCoreApplication.translate("OrderActions", "無法執行"),
                         QCoreApplication.translate("OrderActions", "訂單 {no}：{reason}").format(no=row.order_no, reason=error_text(err)))
            self.session.announce(None)
            return True
        return False

    def _run(self, title: str, call: Callable[[], object]):
        """Call the service; announce its change, or tell the clerk why nothing was saved."""
        try:
            change = call()
        except ValidationError as err:  # the dialog checked the same rules: rare (midnight)
            show_message(self.page, WARNING, title, describe(err))
            return None
        except DomainError as err:  # another desk was first, the status moved on, or it is gone
            show_message(self.page, WARNING, title, describe(err))
            self.session.announce(None)
            return None
        self.session.announce(change)
        return change

    def _bulk(self, title: str, rows: list, call: Callable[[object], object]) -> list[Outcome]:
        """``call(row)`` for each row, each in its own transaction; one that fails does not stop
        the others.  One announcement at the end; the outcomes are shown and returned."""
        outcomes = []
        changes = Changes()
        refresh_all = False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            for i, row in enumerate(rows):
                try:
                    change = call(row)
                except DomainError as err:
                    refresh_all = refresh_all or not isinstance(err, ValidationError)
                    outcomes.append(Outcome(row.id, row.order_no, False, describe(err)))
                    continue
                except Exception as exc:  # noqa: BLE001 - e.g. the server went away: stop here
                    refresh_all = True
                    why = QCoreApplication.translate("OrderActions", "沒有完成（{0}）").format(str(exc).strip().splitlines()[0] if str(exc).strip()
                                                        else type(exc).__name__)
                    outcomes += [Outcome(r.id, r.order_no, False, why) for r in rows[i:]]
                    break
                changes = changes.add(change)
                outcomes.append(Outcome(row.id, row.order_no, True,
                                        QCoreApplication.translate("OrderActions", "已移到「{0}」").format(_status_label(change.order_to))))
        finally:
            QApplication.restoreOverrideCursor()
        self.session.announce(None if refresh_all else changes)
        BulkResultDialog.report(self.page, title, outcomes)
        return outcomes

    # ---- the actions

    def record_payment_notice(self, rows: list) -> None:
        """未付款清單 → 已付款清單."""
        row = rows[0]
        if self._refused(row, A.RECORD_PAYMENT) or not (operator := self._operator()):
            return
        notice = PaymentNoticeDialog.ask(self.page, row)
        if notice is None:
            return
        self._run(QCoreApplication.translate("OrderActions", "登錄付款通知"), lambda: svc.record_payment_notice(
            row.id, notice, operator=operator, expected_version=row.version))

    def confirm_payment(self, rows: list) -> None:
        """已付款清單 → 等待出貨, with the 付款成功 message; several rows: the bulk form."""
        if len(rows) == 1 and self._refused(rows[0], A.CONFIRM_PAYMENT):
            return
        if not (operator := self._operator()):
            return
        title = QCoreApplication.translate("OrderActions", "確認付款")
        if len(rows) > 1:
            if BulkPreviewDialog.ask(self.page, title, title, QCoreApplication.translate("OrderActions",
                    "確認已收到以下 {0} 筆訂單的貨款？確認後訂單會移到「等待出貨」。").format(len(rows)), rows):
                self._bulk(title, rows, lambda r: svc.confirm_payment(
                    r.id, operator=operator, expected_version=r.version))
            return
        row = rows[0]
        detail = queries.order_detail(row.id)
        if detail is None:
            self.session.announce(None)
            return
        if not ConfirmPaymentDialog.ask(self.page, detail):
            return
        change = self._run(title, lambda: svc.confirm_payment(
            row.id, operator=operator, expected_version=row.version))
        if change is not None:
            show_message(self.page, INFO, QCoreApplication.translate("OrderActions", "付款成功"),
                         QCoreApplication.translate("OrderActions", "訂單 {0} 已付款成功，已移到「等待出貨」。").format(row.order_no))

    def ship(self, rows: list) -> None:
        """等待出貨 → 已完成訂單; several rows: one ship date, a tracking number for each."""
        if len(rows) == 1 and self._refused(rows[0], A.SHIP):
            return
        if not (operator := self._operator()):
            return
        title = QCoreApplication.translate("OrderActions", "出貨")
        if len(rows) > 1:
            shipments = BulkShipDialog.ask(self.page, rows)
            if shipments is not None:
                self._bulk(title, rows, lambda r: svc.ship(
                    r.id, shipments[r.id], operator=operator, expected_version=r.version))
            return
        row = rows[0]
        shipment = ShipDialog.ask(self.page, row)
        if shipment is None:
            return
        self._run(title, lambda: svc.ship(row.id, shipment, operator=operator, expected_version=row.version))

    def out_of_stock(self, rows: list) -> None:
        """等待出貨 → 缺貨訂單, with the reason."""
        row = rows[0]
        if self._refused(row, A.OUT_OF_STOCK) or not (operator := self._operator()):
            return
        reason = OutOfStockDialog.ask(self.page, row)
        if reason is None:
            return
        self._run(QCoreApplication.translate("OrderActions", "缺貨"), lambda: svc.mark_out_of_stock(
            row.id, reason, operator=operator, expected_version=row.version))

    def back_to_awaiting(self, rows: list) -> None:
        """缺貨訂單 → 等待出貨; several rows: the bulk form."""
        if len(rows) == 1 and self._refused(rows[0], A.BACK_TO_AWAITING):
            return
        if not (operator := self._operator()):
            return
        title = QCoreApplication.translate("OrderActions", "等待出貨")
        if len(rows) > 1:
            if BulkPreviewDialog.ask(self.page, title, title, QCoreApplication.translate("OrderActions",
                    "以下 {0} 筆訂單的商品已有存貨？確認後訂單會回到「等待出貨」。").format(len(rows)), rows):
                self._bulk(title, rows, lambda r: svc.back_to_awaiting_shipment(
                    r.id, operator=operator, expected_version=r.version))
            return
        row = rows[0]
        detail = queries.order_detail(row.id)
        if not BackToAwaitingDialog.ask(self.page, row, detail.out_of_stock_reason if detail else None):
            return
        self._run(title, lambda: svc.back_to_awaiting_shipment(
            row.id, operator=operator, expected_version=row.version))

    def request_cancellation(self, rows: list) -> None:
        """缺貨訂單 → 取消處理中, the request waiting in 取消訂單審核."""
        row = rows[0]
        if self._refused(row, A.REQUEST_CANCEL_CLERK) or not (operator := self._operator()):
            return
        detail = queries.order_detail(row.id)
        if detail is None:
            self.session.announce(None)
            return
        request = CancellationRequestDialog.ask(self.page, detail)
        if request is None:
            return
        title = QCoreApplication.translate("OrderActions", "退訂申請")
        change = self._run(title, lambda: cancel_svc.request_cancellation(
            row.id, request, operator=operator, by=cancel_svc.CLERK, expected_version=row.version))
        if change is not None:
            show_message(self.page, INFO, title,
                         QCoreApplication.translate("OrderActions", "訂單 {0} 的退訂申請已送出，需等待管理者審核。").format(row.order_no))


def install_order_actions(page) -> OrderActions:
    """Add the order actions to ``page``'s tabs (called at the end of ``OrdersPage.__init__``)."""
    actions = OrderActions(page)
    page.order_actions = actions
    return actions

