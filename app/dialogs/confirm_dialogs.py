"""Confirmations that need no input: 【確認付款】 (showing the order number, the total and the
customer's payment notice) and 【等待出貨】 (an out-of-stock order's goods are back).  Each
``ask`` returns True when the clerk confirms; they never save."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit

from app.domain.inputs import required_text
from app.domain.money import format_ntd
from app.services.order_details import OrderDetail
from app.services.queries import OrderRow
from app.widgets.hints import hint

from .form import ERROR_STYLE, FormDialog


def _value(text: str, parent) -> QLabel:
    label = QLabel(text or "—", parent)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class _Confirm(FormDialog):
    def collect(self) -> bool:
        return True

    @classmethod
    def _run(cls, dialog: _Confirm) -> bool:
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


@dataclass(frozen=True)
class ConfirmPaymentInput:
    """確認付款's input: why less than the total was received (None when it was not)."""

    shortfall_reason: str | None = None


class ConfirmPaymentDialog(_Confirm):
    """確認付款: the clerk checks the notice against the order before the order moves on.  A
    notice below the total is what is received: 短收原因 is then required."""

    shortfall_reason: QLineEdit | None = None

    def __init__(self, detail: OrderDetail, parent=None):
        super().__init__(self.tr("確認付款 — {0}").format(detail.order_no), self.tr("確認付款"), parent)
        self.detail = detail
        question = QLabel(self.tr("確認已收到這筆訂單的貨款？確認後訂單會移到「等待出貨」。"), self)
        question.setWordWrap(True)
        self.top.addWidget(question)
        f = self.form
        f.addRow(self.tr("訂單編號"), _value(detail.order_no, self))
        f.addRow(self.tr("訂購人"), _value(detail.buyer_name, self))
        f.addRow(self.tr("付款方式"), _value(detail.payment_method, self))
        total = _value(format_ntd(detail.total), self)
        total.setObjectName("total")
        f.addRow(self.tr("訂單金額"), total)
        f.addRow(QLabel(self.tr("<b>付款通知</b>"), self))
        notice = detail.notices[-1] if detail.notices else None
        if notice is None:
            missing = QLabel(self.tr("這筆訂單沒有付款通知。"), self)
            missing.setObjectName("no_notice")
            missing.setStyleSheet(ERROR_STYLE)
            f.addRow(missing)
            return
        f.addRow(self.tr("轉帳日期"), _value(notice.transfer_date.isoformat(), self))
        amount = _value(format_ntd(notice.amount), self)
        amount.setObjectName("notice_amount")
        f.addRow(self.tr("金額"), amount)
        f.addRow(self.tr("帳號末五碼"), _value(notice.account_last5, self))
        f.addRow(self.tr("備註"), _value(notice.note, self))
        f.addRow(self.tr("登錄人員"), _value(notice.recorded_by, self))
        if notice.amount != detail.total:
            warn = QLabel(self.tr("注意：通知金額 {paid} 與訂單金額 {total} 不符。").format(
                paid=format_ntd(notice.amount), total=format_ntd(detail.total)), self)
            warn.setObjectName("amount_mismatch")
            warn.setStyleSheet(ERROR_STYLE)
            warn.setWordWrap(True)
            f.addRow(warn)
        if notice.amount < detail.total:
            note = QLabel(self.tr("確認後，實收金額記為 {paid}（日後退款以此為上限）。").format(
                paid=format_ntd(notice.amount)), self)
            note.setWordWrap(True)
            f.addRow(note)
            self.shortfall_reason = self.add_field("shortfall_reason", self.tr("短收原因"), QLineEdit())
            hint(self.shortfall_reason, self.tr("例如：顧客少匯，已聯絡補款"))

    def collect(self) -> ConfirmPaymentInput:
        if self.shortfall_reason is None:
            return ConfirmPaymentInput()
        return ConfirmPaymentInput(required_text(self.shortfall_reason.text(), "shortfall_reason"))

    @classmethod
    def ask(cls, parent, detail: OrderDetail) -> ConfirmPaymentInput | None:
        """The input when the clerk confirms the payment; None if cancelled."""
        return cls(detail, parent).answer()


class BackToAwaitingDialog(_Confirm):
    """等待出貨: the goods of an out-of-stock order are back in stock."""

    def __init__(self, row: OrderRow, reason: str | None = None, parent=None):
        super().__init__(self.tr("等待出貨 — {0}").format(row.order_no), self.tr("等待出貨"), parent)
        self.row = row
        question = QLabel(self.tr("這筆訂單的商品已有存貨？確認後訂單會回到「等待出貨」。"), self)
        question.setWordWrap(True)
        self.top.addWidget(question)
        self.form.addRow(self.tr("訂單編號"), _value(row.order_no, self))
        self.form.addRow(self.tr("訂購人"), _value(row.buyer_name, self))
        self.form.addRow(self.tr("訂單金額"), _value(format_ntd(row.total), self))
        self.form.addRow(self.tr("缺貨原因"), _value(reason or "", self))

    @classmethod
    def ask(cls, parent, row: OrderRow, reason: str | None = None) -> bool:
        """True when the clerk confirms the order goes back to awaiting shipment.  ``reason``:
        the out-of-stock reason, shown as a reminder."""
        return cls._run(cls(row, reason, parent))
