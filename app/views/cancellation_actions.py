"""The row actions of the 取消訂單 page (docs/PRODUCT.md §4): 通過, 不通過, 退貨完成, 退貨失敗,
退款成功, 退款失敗 — each a button, a context-menu entry and a shortcut on the tabs it fits.

One action, one path (the views' ``Runner``): ask the clerk's name, read the request afresh,
ask its dialog for the input, call the service with the version the row showed, announce the
change.  A service's ``ValidationError`` reopens the dialog with the clerk's input and the
error under its field; ``StaleError`` (another clerk was first), ``TransitionError`` and
``NotFoundError`` are shown and the page refreshes.  Nothing here writes to the database but the services.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QKeySequence

from app.dialogs.refund_dialogs import RefundDoneDialog, RefundFailedDialog
from app.dialogs.return_dialogs import ReturnDoneDialog, ReturnFailedDialog
from app.dialogs.review_dialogs import ApproveDialog, RejectDialog, tab_name
from app.dialogs.settle_dialogs import CloseDialog, CorrectAccountDialog, WriteOffDialog
from app.domain.errors import NotFoundError, StaleError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.machines import cancel_actions_allowed
from app.domain.statuses import CancelAction, CancelStatus, OrderStatus
from app.domain.tabs import CancelTab
from app.services import cancellations as svc
from app.services.cancellation_queries import CancellationDetail, cancellation_detail
from app.widgets import format as fmt

from .action_calls import versioned
from .runner import Runner

T = CancelTab

# ---------------------------------------------------------------- the actions


def _approve(row, value, operator):
    return svc.approve_cancellation(row.id, value.cs_number, money_arrived=value.money_arrived,
                                    operator=operator, expected_version=row.version)


def _reject(row, value, operator):
    return svc.reject_cancellation(row.id, value.cs_number, value.reason, operator=operator,
                                   expected_version=row.version)


def _return_done(row, value, operator):
    return svc.return_done(row.id, invoice_returned=value.invoice_returned,
                           goods_intact=value.goods_intact, invoice=value.invoice,
                           operator=operator, expected_version=row.version)


def _return_failed(row, value, operator):
    return svc.return_failed(row.id, invoice_returned=value.invoice_returned,
                             goods_intact=value.goods_intact, reason=value.reason,
                             operator=operator, expected_version=row.version)


def _refund_done(row, value, operator):
    return svc.refund_done(row.id, refund_date=value.refund_date, amount=value.amount,
                           reference=value.reference, partial_reason=value.partial_reason,
                           invoice=value.invoice, operator=operator, expected_version=row.version)


def _close(row, value, operator):
    return svc.close_request(row.id, refund=value.refund, reason=value.reason, operator=operator,
                             expected_version=row.version)


def _refund_failed(row, value, operator):
    return svc.refund_failed(row.id, refund_date=value.refund_date, amount=value.amount,
                             reference=value.reference, reason=value.reason, operator=operator,
                             expected_version=row.version)


@dataclass(frozen=True)
class ActionSpec:
    name: str
    action: CancelAction
    label: str  # untranslated, context "CancellationActions"
    tabs: tuple[CancelTab, ...]
    shortcut: str
    dialog: type
    call: Callable


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("approve", CancelAction.APPROVE, QT_TRANSLATE_NOOP("CancellationActions", "通過"),
               (T.PENDING_REVIEW,), "Ctrl+Shift+A", ApproveDialog, _approve),
    ActionSpec("reject", CancelAction.REJECT, QT_TRANSLATE_NOOP("CancellationActions", "不通過"),
               (T.PENDING_REVIEW,), "Ctrl+Shift+J", RejectDialog, _reject),
    ActionSpec("return_done", CancelAction.RETURN_DONE,
               QT_TRANSLATE_NOOP("CancellationActions", "退貨完成"),
               (T.AWAITING_RETURN, T.RETURN_FAILED), "Ctrl+Shift+R", ReturnDoneDialog, _return_done),
    ActionSpec("return_failed", CancelAction.RETURN_FAILED,
               QT_TRANSLATE_NOOP("CancellationActions", "退貨失敗"),
               (T.AWAITING_RETURN,), "Ctrl+Shift+T", ReturnFailedDialog, _return_failed),
    ActionSpec("refund_done", CancelAction.REFUND_DONE,
               QT_TRANSLATE_NOOP("CancellationActions", "退款成功"),
               (T.REFUND_PENDING, T.REFUND_FAILED), "Ctrl+Shift+M", RefundDoneDialog, _refund_done),
    ActionSpec("refund_failed", CancelAction.REFUND_FAILED,
               QT_TRANSLATE_NOOP("CancellationActions", "退款失敗"),
               (T.REFUND_PENDING,), "Ctrl+Shift+N", RefundFailedDialog, _refund_failed),
    # Issue 19.  【結案】 is a supervisor's action (no roles yet: the label says so).
    ActionSpec("close", CancelAction.CLOSE_TO_REFUND,
               QT_TRANSLATE_NOOP("CancellationActions", "結案（主管）"),
               (T.AWAITING_RETURN, T.RETURN_FAILED), "Ctrl+Shift+E", CloseDialog, _close),
    ActionSpec("correct_account", CancelAction.CORRECT_ACCOUNT,
               QT_TRANSLATE_NOOP("CancellationActions", "更正退款帳戶"),
               (T.REFUND_PENDING, T.REFUND_FAILED), "Ctrl+Shift+K", CorrectAccountDialog,
               versioned(svc.correct_account)),
    ActionSpec("write_off", CancelAction.WRITE_OFF,
               QT_TRANSLATE_NOOP("CancellationActions", "註銷未退餘額"),
               (T.REFUND_PENDING, T.REFUND_FAILED), "Ctrl+Shift+Y", WriteOffDialog,
               versioned(svc.write_off)),
)


def fits(spec: ActionSpec, row) -> bool:
    """Whether ``spec`` is offered for ``row`` (the tour picks its samples with it)."""
    return _fits(spec.action, [row])


def _fits(action: CancelAction, rows: list) -> bool:
    if len(rows) != 1 or action not in cancel_actions_allowed(CancelStatus(rows[0].status)):
        return False
    row = rows[0]
    if action is CancelAction.WRITE_OFF:  # the rest of a partial refund, or nothing owed
        return bool(getattr(row, "refunded_amount", 0)) or getattr(row, "outstanding", 1) == 0
    if action is CancelAction.CORRECT_ACCOUNT:  # a card reversal has no account
        return getattr(row, "refund_channel", "remittance") != "reversal"
    return True


class CancellationActions(QObject):
    """Installs the actions on the page's tabs and runs them through the views' ``Runner``."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.runner = Runner(page, page.session, refresh=page.refresh)
        self.installed: dict[tuple[str, CancelTab], object] = {}
        page.each_list(self._install)  # each tab's table as it is built

    def _install(self, tab, lt) -> None:
        for spec in ACTIONS:
            if tab in spec.tabs:
                self.installed[(spec.name, tab)] = lt.add_action(
                    QCoreApplication.translate("CancellationActions", spec.label),
                    partial(self.run, spec),
                    enabled=partial(_fits, spec.action),
                    shortcut=QKeySequence(spec.shortcut),
                    name=spec.name,
                )
        lt.update_buttons()

    def run(self, spec: ActionSpec, rows: list) -> None:
        if not _fits(spec.action, rows):
            return
        row = rows[0]
        page = self.page
        fetched: list[CancellationDetail] = []

        def ask(initial, error):
            if not fetched:
                fetched.append(_fresh_detail(row))
            return spec.dialog.ask(page, fetched[0], initial=initial, error=error)

        change = self.runner.run(QCoreApplication.translate("CancellationActions", spec.label),
                                 lambda value, operator: spec.call(row, value, operator),
                                 ask=ask, reopen=True)
        if change is not None:
            page.show_message(done_message(fetched[0], spec, change))


def _fresh_detail(row) -> CancellationDetail:
    """The request as it is now; refused before the clerk fills in a form for nothing when it
    is gone or another clerk was first."""
    detail = cancellation_detail(row.id)
    if detail is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到取消申請 {id}。"), id=row.id)
    if detail.version != row.version:
        raise StaleError("request", detail.order_no, detail.updated_by, detail.updated_at)
    return detail


def done_message(detail: CancellationDetail, spec: ActionSpec, change) -> str:
    """「訂單 O…：退貨完成，申請已移至「尚未退款」。」"""
    action = QCoreApplication.translate("CancellationActions", spec.label)
    to = CancelStatus(change.cancel_to)
    if to in (CancelStatus.REJECTED, CancelStatus.CLOSED):
        return QCoreApplication.translate(
            "CancellationActions", "訂單 {no}：{action}，訂單回到「{status}」。"
        ).format(no=detail.order_no, action=action, status=fmt.order_status(OrderStatus(change.order_to)))
    if to is CancelStatus.COMPLETED:
        return QCoreApplication.translate(
            "CancellationActions", "訂單 {no}：{action}，申請已移至「{tab}」，訂單狀態為「{status}」。"
        ).format(no=detail.order_no, action=action, tab=tab_name(to),
                 status=fmt.order_status(OrderStatus(change.order_to)))
    return QCoreApplication.translate(
        "CancellationActions", "訂單 {no}：{action}，申請已移至「{tab}」。"
    ).format(no=detail.order_no, action=action, tab=tab_name(to))

