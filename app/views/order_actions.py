"""The order actions of docs/PRODUCT.md §3 on the 訂單管理 tabs (docs/STYLE.md: Anki's operations).

One table, ``ACTIONS``: each action's name, label, tab, shortcut, the rule that enables it,
its dialog, its service call and — for 確認付款, 等待出貨 and 出貨 — its bulk form.  The page
gets a 【button】, a context-menu entry and a keyboard shortcut for each, enabled only for rows
whose status allows it, and every click goes through the views' one ``Runner``: the clerk's
name (once), the dialog, the service with the version of the row on screen, the change
announced so the touched tabs reload.  When another clerk was first (``StaleError``) or the
status no longer allows the action (``TransitionError``), the clerk is told, nothing is saved
and the tables refresh.

Several selected rows get the bulk form: a preview, then the orders through the set-based
``orders.bulk_action`` in a background job with a progress dialog (``Runner.run_bulk``), then
the list of outcomes; one order that cannot move does not stop the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QKeySequence

from app.domain.errors import TransitionError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.machines import next_order_status
from app.domain.statuses import ORDER_STATUS_LABELS, OrderAction, OrderStatus
from app.domain.tabs import OrderTab
from app.services import queries
from app.widgets.format import error_text

from . import prompts
from .action_calls import versioned
from .runner import Runner, Vanished

S = OrderStatus
A = OrderAction
T = OrderTab


def _orders():
    """``app.services.orders``: imported when an action first runs, with the write path behind
    it, not while the window starts (issue 11, item 8)."""
    from app.services import orders

    return orders


def _service(name: str) -> Callable[..., Any]:
    """The orders service's function ``name``, looked up when the action runs."""

    def call(*args, **kwargs):
        return getattr(_orders(), name)(*args, **kwargs)

    return call


def _request_cancellation(order_id: int, value, **kwargs):
    from app.services import cancellations

    return cancellations.request_cancellation(order_id, value, by=cancellations.CLERK, **kwargs)


def _status_label(status: str) -> str:
    return QCoreApplication.translate("Status", ORDER_STATUS_LABELS[OrderStatus(status)])


def _tr(text: str) -> str:
    return QCoreApplication.translate("OrderActions", text)


# ---------------------------------------------------------------- the dialogs (one order)
# Each dialog's module is imported when the dialog is first asked for, not while the window
# starts (issue 11, item 8).


def _detail(row) -> queries.OrderDetail:
    detail = queries.order_detail(row.id)
    if detail is None:
        raise Vanished
    return detail


def _ask_notice(page, row):
    from app.dialogs.payment_notice_dialog import PaymentNoticeDialog

    return PaymentNoticeDialog.ask(page, row)


def _ask_confirm_payment(page, row):
    from app.dialogs.confirm_dialogs import ConfirmPaymentDialog

    return ConfirmPaymentDialog.ask(page, _detail(row))


def _ask_ship(page, row):
    from app.dialogs.ship_dialog import ShipDialog

    return ShipDialog.ask(page, row)


def _ask_out_of_stock(page, row):
    from app.dialogs.out_of_stock_dialog import OutOfStockDialog

    return OutOfStockDialog.ask(page, row)


def _ask_back_to_awaiting(page, row):
    from app.dialogs.confirm_dialogs import BackToAwaitingDialog

    detail = queries.order_detail(row.id)
    reason = detail.out_of_stock_reason if detail else None
    return True if BackToAwaitingDialog.ask(page, row, reason) else None


def _ask_cancellation(page, row):
    from app.dialogs.cancellation_request_dialog import CancellationRequestDialog

    return CancellationRequestDialog.ask(page, _detail(row))


def no_show_warning(rows) -> str:
    """Issue 12's no-shows: the orders among ``rows`` whose buyer (same phone) let earlier
    parcels come back uncollected, with the count; "" when none."""
    counts = queries.no_show_counts(r.buyer_phone for r in rows)
    flagged = [QCoreApplication.translate("OrderActions", "{no}（{buyer}，{n} 次）").format(
        no=r.order_no, buyer=r.buyer_name, n=counts[r.buyer_phone])
        for r in rows if counts.get(r.buyer_phone)]
    if not flagged:
        return ""
    return "\n\n" + QCoreApplication.translate(
        "OrderActions", "⚠ 注意：這些訂購人（同一電話）以前有包裹未取件退回：{0}").format("、".join(flagged))


def _ask_accept(page, row):
    from app.dialogs.bulk_dialogs import BulkPreviewDialog

    question = QCoreApplication.translate(
        "OrderActions", "接受貨到付款訂單 {0}？確認後訂單會移到「等待出貨」，由物流代收貨款。").format(row.order_no)
    question += no_show_warning([row])
    return True if BulkPreviewDialog.ask(page, _tr("接單"), _tr("接單"), question, [row]) else None


def _ask_bulk_accept(page, rows, title):
    from app.dialogs.bulk_dialogs import BulkPreviewDialog

    question = QCoreApplication.translate(
        "OrderActions", "接受以下 {0} 筆貨到付款訂單？確認後訂單會移到「等待出貨」，由物流代收貨款。").format(len(rows))
    if BulkPreviewDialog.ask(page, title, title, question + no_show_warning(rows), rows):
        return {r.id: True for r in rows}
    return None


def _ask_picked_up(page, row):
    from app.dialogs.cod_dialogs import PickedUpDialog

    return PickedUpDialog.ask(page, [row])


def _ask_bulk_picked_up(page, rows, _title):
    from app.dialogs.cod_dialogs import PickedUpDialog

    day = PickedUpDialog.ask(page, rows)
    return None if day is None else {r.id: day for r in rows}


def _ask_not_collected(page, row):
    from app.dialogs.cod_dialogs import NotCollectedDialog

    return NotCollectedDialog.ask(page, row)


# ---------------------------------------------------------------- the bulk forms (several orders)


def _preview(question: str) -> Callable:
    """A bulk form that shows the orders and asks ``question`` (its ``{0}``: how many)."""

    def ask(page, rows, title):
        from app.dialogs.bulk_dialogs import BulkPreviewDialog

        if BulkPreviewDialog.ask(page, title, title, _tr(question).format(len(rows)), rows):
            return {r.id: True for r in rows}
        return None

    return ask


def _ask_bulk_ship(page, rows, _title):
    from app.dialogs.bulk_dialogs import BulkShipDialog

    return BulkShipDialog.ask(page, rows)


def _ask_bulk_confirm(page, rows, _title):
    """The preview lists each order's notice amount and marks every mismatch; a shortfall's
    reason is asked once for the orders that have one."""
    from app.dialogs.bulk_dialogs import BulkConfirmPaymentDialog

    notices = queries.latest_notice_amounts([r.id for r in rows])
    return BulkConfirmPaymentDialog.ask(page, rows, notices)


# ---------------------------------------------------------------- the service calls


def _confirm_payment(row, value, operator):
    return _orders().confirm_payment(row.id, shortfall_reason=value.shortfall_reason, operator=operator,
                               expected_version=row.version)


def _back_to_awaiting(row, _value, operator):
    return _orders().back_to_awaiting_shipment(row.id, operator=operator, expected_version=row.version)


def _accept(row, _value, operator):
    return _orders().accept_order(row.id, operator=operator, expected_version=row.version)


#: What the set-based service takes of a bulk form's input (default: the input itself).
_BULK_INPUT = {A.CONFIRM_PAYMENT: lambda value: value.shortfall_reason,
               A.BACK_TO_AWAITING: lambda _value: None, A.ACCEPT: lambda _value: None}


def _bulk_work(action: OrderAction, rows: list, inputs: dict, operator: str, keys: list, **job) -> list:
    """A bulk form's orders through ``orders.bulk_action`` (in the background job), each with
    the version on screen and its key (``Runner.run_bulk``); ``job`` is the job's
    ``progress`` and ``cancelled``."""
    convert = _BULK_INPUT.get(action, lambda value: value)
    items = [(r.id, r.version, convert(inputs[r.id]), k) for r, k in zip(rows, keys, strict=True)]
    return _orders().bulk_action(action, items, operator=operator, **job)


# ---------------------------------------------------------------- what the clerk is told after


def _paid_message(row) -> tuple[str, str]:
    return (QCoreApplication.translate("OrderActions", "付款成功"),
            QCoreApplication.translate("OrderActions", "訂單 {0} 已付款成功，已移到「等待出貨」。")
            .format(row.order_no))


def _accepted_message(row) -> tuple[str, str]:
    return (QCoreApplication.translate("OrderActions", "接單"),
            QCoreApplication.translate("OrderActions", "貨到付款訂單 {0} 已接單，已移到「等待出貨」。")
            .format(row.order_no))


def _requested_message(row) -> tuple[str, str]:
    return (QCoreApplication.translate("OrderActions", "退訂申請"),
            QCoreApplication.translate("OrderActions", "訂單 {0} 的退訂申請已送出，需等待管理者審核。")
            .format(row.order_no))


def _moved_to(change) -> str:
    """A bulk outcome: where the order went."""
    return QCoreApplication.translate("OrderActions", "已移到「{0}」").format(_status_label(change.order_to))


# ---------------------------------------------------------------- the table


@dataclass(frozen=True)
class ActionSpec:
    name: str
    action: OrderAction
    label: str  # untranslated, context "OrderActions"; also the title of its messages
    tabs: tuple[OrderTab, ...]
    shortcut: str
    ask: Callable[[Any, Any], Any]  # (page, row) -> the input, None if cancelled
    call: Callable[[Any, Any, str], Any]  # (row, input, operator) -> the service's Change
    done: Callable[[Any], tuple[str, str]] | None = None  # (title, text) told after success
    bulk: Callable[[Any, list, str], dict | None] | None = None  # (page, rows, title) -> {id: input}
    #: Whose orders: a cash-on-delivery order's only (True), a paid-first one's (False), any (None).
    cod: bool | None = None

    def enabled(self, rows: list) -> bool:
        """One row in a status of its tabs; with a bulk form, any number of them."""
        if self.bulk is None and len(rows) != 1:
            return False
        statuses = frozenset().union(*(tab.statuses for tab in self.tabs))
        return bool(rows) and all(r.status in statuses and self.cod in (None, r.cod) for r in rows)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("record_payment", A.RECORD_PAYMENT, QT_TRANSLATE_NOOP("OrderActions", "登錄付款通知"),
               (T.UNPAID,), "Ctrl+Shift+P", _ask_notice,
               versioned(_service("record_payment_notice")), cod=False),
    ActionSpec("accept", A.ACCEPT, QT_TRANSLATE_NOOP("OrderActions", "接單"),
               (T.UNPAID,), "Ctrl+Shift+A", _ask_accept, _accept, done=_accepted_message,
               bulk=_ask_bulk_accept, cod=True),
    ActionSpec("confirm_payment", A.CONFIRM_PAYMENT, QT_TRANSLATE_NOOP("OrderActions", "確認付款"),
               (T.PAID,), "Ctrl+Shift+C", _ask_confirm_payment, _confirm_payment, done=_paid_message,
               bulk=_ask_bulk_confirm),
    ActionSpec("ship", A.SHIP, QT_TRANSLATE_NOOP("OrderActions", "出貨"),
               (T.AWAITING_SHIPMENT,), "Ctrl+Shift+S", _ask_ship, versioned(_service("ship")),
               bulk=_ask_bulk_ship),
    ActionSpec("out_of_stock", A.OUT_OF_STOCK, QT_TRANSLATE_NOOP("OrderActions", "缺貨"),
               (T.AWAITING_SHIPMENT,), "Ctrl+Shift+O", _ask_out_of_stock,
               versioned(_service("mark_out_of_stock"))),
    ActionSpec("back_to_awaiting", A.BACK_TO_AWAITING, QT_TRANSLATE_NOOP("OrderActions", "等待出貨"),
               (T.OUT_OF_STOCK,), "Ctrl+Shift+W", _ask_back_to_awaiting, _back_to_awaiting,
               bulk=_preview(QT_TRANSLATE_NOOP(
                   "OrderActions", "以下 {0} 筆訂單的商品已有存貨？確認後訂單會回到「等待出貨」。"))),
    ActionSpec("picked_up", A.PICKED_UP, QT_TRANSLATE_NOOP("OrderActions", "已取貨"),
               (T.IN_DELIVERY,), "Ctrl+Shift+K", _ask_picked_up, versioned(_service("picked_up")),
               bulk=_ask_bulk_picked_up, cod=True),
    ActionSpec("not_collected", A.NOT_COLLECTED, QT_TRANSLATE_NOOP("OrderActions", "未取件退回"),
               (T.IN_DELIVERY,), "Ctrl+Shift+N", _ask_not_collected, versioned(_service("not_collected")),
               cod=True),
    ActionSpec("request_cancellation", A.REQUEST_CANCEL_CLERK,
               QT_TRANSLATE_NOOP("OrderActions", "退訂申請"), (T.OUT_OF_STOCK,), "Ctrl+Shift+R",
               _ask_cancellation,
               versioned(_request_cancellation),
               done=_requested_message),
)
SPECS = {spec.name: spec for spec in ACTIONS}


class OrderActions(QObject):
    """The actions of one 訂單管理 page; ``page.order_actions`` after installing."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.runner = Runner(page, page.session)
        self.installed: dict = {}
        page.each_list(self._install)  # each tab's table as it is built

    def _install(self, tab, lt) -> None:
        for spec in ACTIONS:
            if tab in spec.tabs:
                self.installed[(spec.name, tab)] = lt.add_action(
                    _tr(spec.label), partial(self.run, spec.name), enabled=spec.enabled,
                    shortcut=QKeySequence(spec.shortcut), name=spec.name)
        lt.update_buttons()

    def run(self, name: str, rows: list) -> None:
        """Run action ``name`` on ``rows`` (its bulk form for several)."""
        spec = SPECS[name]
        title = _tr(spec.label)
        if len(rows) > 1 and spec.bulk is not None and spec.action in _orders().BULK_ACTIONS:
            self.runner.run_bulk(title, rows, partial(_bulk_work, spec.action),
                                 ask=lambda rows: spec.bulk(self.page, rows, title), done=_moved_to)
            return
        if len(rows) > 1 and spec.bulk is not None:
            self.runner.run_each(
                title, rows, lambda row, inputs, operator: spec.call(row, inputs[row.id], operator),
                ask=lambda rows: spec.bulk(self.page, rows, title),
                done=_moved_to)
            return
        row = rows[0]
        if self._refused(row, spec.action):
            return
        change = self.runner.run(title, lambda value, operator: spec.call(row, value, operator),
                                 ask=lambda _initial, _error: spec.ask(self.page, row))
        if change is not None and spec.done is not None:
            self.runner.tell(*spec.done(row), kind=prompts.INFO)

    def _refused(self, row, action: OrderAction) -> bool:
        """Refuse (with the reason) an action the row's status does not allow, before any
        dialog: the slot may be reached from a stale screen or called directly."""
        try:
            next_order_status(row.status, action, cod=row.cod)
        except TransitionError as err:
            reason = QCoreApplication.translate("OrderActions", "訂單 {no}：{reason}")
            self.runner.tell(QCoreApplication.translate("OrderActions", "無法執行"),
                             reason.format(no=row.order_no, reason=error_text(err)))
            self.runner.refresh()
            return True
        return False


def install_order_actions(page) -> OrderActions:
    """Add the order actions to ``page``'s tabs (called at the end of ``OrdersPage.__init__``)."""
    actions = OrderActions(page)
    page.order_actions = actions
    return actions

