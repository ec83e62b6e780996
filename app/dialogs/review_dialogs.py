"""取消訂單審核: the 審核通過 (客服編號) and 審核不通過 (客服編號, 不通過原因) windows.

Each returns a plain value from ``ask(parent, detail, ...)`` and never saves; the page hands
the value to ``app.services.cancellations``.  The summary at the top of every cancellation
dialog (which request, and where 【確定】 takes it) lives here too.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QFrame, QLabel, QLineEdit, QPlainTextEdit

from app.domain.errors import DomainError, TransitionError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import required_text
from app.domain.machines import next_cancel_status
from app.domain.statuses import CancelAction, CancelStatus, OrderStatus
from app.domain.tabs import CancelTab
from app.services import shop_clock
from app.services.cancellation_queries import CancellationDetail
from app.widgets import format as fmt
from app.widgets.hints import hint
from app.widgets.order_detail import invoice_state
from app.widgets.order_detail import value_label as _value

from .form import FormDialog
from .invoice_dialogs import SettleSection, open_invoice_shown


def tab_name(status: CancelStatus) -> str:
    """The tab a request in ``status`` sits in (全部申請 for a rejected one)."""
    status = CancelStatus(status)
    ended_elsewhere = (CancelStatus.REJECTED, CancelStatus.CLOSED)
    tab = CancelTab.ALL if status in ended_elsewhere else CancelTab[status.name]
    return QCoreApplication.translate("Tabs", tab.label)


def next_step(detail: CancellationDetail, action: CancelAction) -> CancelStatus | None:
    """Where ``action`` takes the request, or None if its status no longer allows it."""
    try:
        return next_cancel_status(detail.status, action, shipped=detail.shipped, paid=detail.paid)
    except TransitionError:
        return None


def outcome_text(detail: CancellationDetail, action: CancelAction) -> str:
    """「按【確定】後，這筆申請移至「等待退貨」。」 and the like, for the dialog's summary (none
    for a form whose choice decides, ``action`` None)."""
    if action is None:
        return ""
    to = next_step(detail, action)
    if to is None:
        return ""
    if to is detail.status:  # e.g. the payee account corrected, or a partial refund
        return QCoreApplication.translate("CancellationDialogs", "按【確定】後，這筆申請仍在「{tab}」。").format(tab=tab_name(to))
    if to is CancelStatus.REJECTED:
        before = fmt.order_status(OrderStatus(detail.order_status_before))
        return QCoreApplication.translate("CancellationDialogs", "按【確定】後，這筆申請不通過，訂單回到「{status}」。").format(status=before)
    if to is CancelStatus.CLOSED:
        before = fmt.order_status(OrderStatus(detail.order_status_before))
        return QCoreApplication.translate("CancellationDialogs", "按【確定】後，這筆申請結案不退款，訂單回到「{status}」。").format(status=before)
    if to is CancelStatus.COMPLETED:
        return QCoreApplication.translate("CancellationDialogs", "按【確定】後，這筆申請移至「{tab}」，訂單狀態改為「已取消」。").format(tab=tab_name(to))
    return QCoreApplication.translate("CancellationDialogs", "按【確定】後，這筆申請移至「{tab}」。").format(tab=tab_name(to))


def add_summary(dialog: FormDialog, detail: CancellationDetail, action: CancelAction, *,
                remittance: bool = False) -> None:
    """The request the dialog acts on, above the form: order number, buyer, reason, money."""
    form = QFormLayout()
    form.addRow(QCoreApplication.translate("CancellationDialogs", "訂單編號"), _value(detail.order_no))
    if detail.order is not None:
        form.addRow(QCoreApplication.translate("CancellationDialogs", "訂購人"), _value(detail.order.buyer_name))
    form.addRow(QCoreApplication.translate("CancellationDialogs", "取消原因"), _value(detail.reason))
    paid = QCoreApplication.translate("CancellationDialogs", "已付款") if detail.paid else QCoreApplication.translate("CancellationDialogs", "未付款")
    shipped = QCoreApplication.translate("CancellationDialogs", "已出貨") if detail.shipped else QCoreApplication.translate("CancellationDialogs", "未出貨")
    form.addRow(QCoreApplication.translate("CancellationDialogs", "付款／出貨"), _value(f"{paid}／{shipped}"))
    if detail.paid:
        form.addRow(QCoreApplication.translate("CancellationDialogs", "應退金額"), _value(fmt.money(detail.refund_due)))
        if detail.refunded_amount or detail.written_off:
            form.addRow(QCoreApplication.translate("CancellationDialogs", "已退／未退"), _value(
                f"{fmt.money(detail.refunded_amount or 0)}／{fmt.money(detail.outstanding)}"))
    if detail.paid:
        form.addRow(QCoreApplication.translate("CancellationDialogs", "退款方式"),
                    _value(fmt.refund_channel(detail.refund_channel)))
    if remittance and not detail.by_reversal:
        r = detail.remittance
        text = (QCoreApplication.translate("CancellationDialogs", "{bank} {branch}，帳號 {account}，戶名 {name}").format(
            bank=r.bank_code, branch=r.branch, account=r.account_number, name=r.account_name)
            if r else "")
        form.addRow(QCoreApplication.translate("CancellationDialogs", "匯款帳戶"), _value(text))
    dialog.top.addLayout(form)
    outcome = outcome_text(detail, action)
    if outcome:
        note = QLabel(outcome)
        note.setObjectName("outcome")
        note.setWordWrap(True)
        note.setStyleSheet("color: #1565c0;")
        dialog.top.addWidget(note)
    add_invoice_note(dialog, detail)
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    dialog.top.addWidget(line)


def add_invoice_note(dialog: FormDialog, detail: CancellationDetail) -> None:
    """The order's invoice and whether it needs a void (same VAT period) or an allowance
    (a later one), or what was done (docs/PRODUCT.md §8, E-invoices)."""
    records = detail.order.invoices if detail.order is not None else []
    if not records:
        return
    note = QLabel(invoice_state(records, shop_clock.today()))
    note.setObjectName("invoice_note")
    note.setWordWrap(True)
    dialog.top.addWidget(note)


def add_settle_section(dialog: FormDialog, detail: CancellationDetail) -> SettleSection | None:
    """When the order's invoice still needs a void or an allowance: its fields in the step's
    form, to record it with the step (【退貨完成】, 【退款成功】); else None."""
    records = detail.order.invoices if detail.order is not None else []
    shown = open_invoice_shown(records, detail.order_no, shop_clock.today())
    if shown is None:
        return None
    return SettleSection(dialog, shown, amount=detail.outstanding if detail.paid else shown.remaining)


def reason_edit(placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    hint(edit, placeholder)
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(80)
    return edit


class CancellationForm(FormDialog):
    """A cancellation action's form: the request's summary on top (``add_summary``; with the
    refund account when ``REMITTANCE``), the subclass's fields, 【確定】.  Subclasses set
    ``ACTION``, give the window title (``{0}``: the order number), and define ``fill(value)``
    and ``collect()``."""

    ACTION: CancelAction
    REMITTANCE = False

    def __init__(self, detail: CancellationDetail, parent=None, title: str = ""):
        super().__init__(title.format(detail.order_no),
                         QCoreApplication.translate("CancellationDialogs", "確定"), parent)
        self.detail = detail
        add_summary(self, detail, self.ACTION, remittance=self.REMITTANCE)

    @classmethod
    def ask(cls, parent, detail: CancellationDetail, *, initial=None, error: DomainError | None = None):
        """Show the form, prefilled with ``initial`` and showing ``error`` (a service's refusal
        of the previous try); the value, or None if cancelled."""
        return cls(detail, parent).answer(initial, error)


@dataclass(frozen=True)
class ReviewInput:
    """What both review windows ask: the customer-service case number."""

    cs_number: str


@dataclass(frozen=True)
class ApproveInput(ReviewInput):
    #: Asked only when the order's payment notice was never confirmed.
    money_arrived: bool | None = None


@dataclass(frozen=True)
class RejectInput(ReviewInput):
    reason: str


class _ReviewForm(CancellationForm):
    """客服編號, which both review windows ask first (its label and hint are the window's own)."""

    def __init__(self, detail: CancellationDetail, parent, title: str, cs_label: str,
                 cs_hint: str):
        super().__init__(detail, parent, title)
        self.cs_number = self.add_field("cs_number", cs_label, QLineEdit())
        self.cs_number.setMaxLength(50)
        hint(self.cs_number, cs_hint)

    def fill(self, value: ReviewInput) -> None:
        self.cs_number.setText(value.cs_number)

    def _cs_number(self) -> str:
        return required_text(self.cs_number.text(), "cs_number")


class ApproveDialog(_ReviewForm):
    """審核通過: 客服編號, then 【確定】."""

    ACTION = CancelAction.APPROVE

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("審核通過 — {0}"), self.tr("客服編號"),
                         self.tr("例如：CS-0001"))
        self.money_arrived = None
        if detail.money_unconfirmed:
            # An unconfirmed notice is not money received: was it?
            self.money_arrived = self.add_field(
                "money_arrived", self.tr("款項是否已入帳"), QComboBox())
            self.money_arrived.addItem(self.tr("請選擇"), None)
            self.money_arrived.addItem(self.tr("已入帳：通過後退款"), True)
            self.money_arrived.addItem(self.tr("未入帳：不需退款"), False)

    def fill(self, value: ApproveInput) -> None:
        super().fill(value)
        if self.money_arrived is not None:
            self.money_arrived.setCurrentIndex(self.money_arrived.findData(value.money_arrived))

    def collect(self) -> ApproveInput:
        cs = self._cs_number()
        if self.money_arrived is None:
            return ApproveInput(cs)
        arrived = self.money_arrived.currentData()
        if arrived is None:
            raise ValidationError("money_arrived", QT_TRANSLATE_NOOP(
                "Errors", "付款通知尚未確認，請先查明款項是否已入帳。"))
        return ApproveInput(cs, arrived)


class RejectDialog(_ReviewForm):
    """審核不通過: 客服編號 and 不通過原因, then 【確定】."""

    ACTION = CancelAction.REJECT

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("審核不通過 — {0}"), self.tr("客服編號"),
                         self.tr("例如：CS-0001"))
        self.reason = self.add_field(
            "reject_reason", self.tr("不通過原因"), reason_edit(self.tr("會記錄在審核狀況與訂單歷程"))
        )

    def fill(self, value: RejectInput) -> None:
        super().fill(value)
        self.reason.setPlainText(value.reason)

    def collect(self) -> RejectInput:
        cs = self._cs_number()
        reason = required_text(self.reason.toPlainText(), "reject_reason")
        return RejectInput(cs, reason)
