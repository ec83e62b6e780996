"""退款確認: the 退款成功 window (匯款相關資訊: 匯款日期, 匯款金額, 匯款編號) and the 退款失敗 window
(匯款資訊以及失敗原因).

The amount starts at what is due (``refund_due``, what was paid); more than that, zero, or not
a whole number of dollars is refused.  Returns plain values; never saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QLineEdit

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import checked_refund_date, required_text
from app.domain.money import parse_amount
from app.domain.statuses import CancelAction
from app.services import shop_clock
from app.services.cancellation_queries import CancellationDetail

from .review_dialogs import CancellationForm, reason_edit


@dataclass(frozen=True)
class RefundInput:
    refund_date: date
    amount: int
    reference: str


@dataclass(frozen=True)
class RefundFailedInput:
    refund_date: date
    amount: int
    reference: str
    reason: str


class _RemittanceForm(CancellationForm):
    """The remittance fields both refund windows share."""

    REMITTANCE = True

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent)
        today = QDate(shop_clock.today())
        date_edit = QDateEdit(today, calendarPopup=True, displayFormat="yyyy-MM-dd")
        date_edit.setMaximumDate(today)
        self.refund_date = self.add_field(
            "refund_date", QCoreApplication.translate("CancellationDialogs", "匯款日期"), date_edit
        )
        self.amount = self.add_field(
            "amount", QCoreApplication.translate("CancellationDialogs", "匯款金額"),
            QLineEdit(str(detail.refund_due)),
        )
        self.amount.setPlaceholderText(
            QCoreApplication.translate("CancellationDialogs", "最多 {0}").format(f"NT${detail.refund_due:,}")
        )
        self.reference = self.add_field(
            "reference", QCoreApplication.translate("CancellationDialogs", "匯款編號"), QLineEdit()
        )
        self.reference.setMaxLength(100)
        self.reference.setPlaceholderText(
            QCoreApplication.translate("CancellationDialogs", "銀行交易序號或匯款單號")
        )

    def _fill_remittance(self, value) -> None:
        d = value.refund_date
        self.refund_date.setDate(QDate(d.year, d.month, d.day))
        self.amount.setText(str(value.amount))
        self.reference.setText(value.reference)

    def _remittance(self) -> tuple[date, int, str]:
        d = self.refund_date.date()
        when = checked_refund_date(date(d.year(), d.month(), d.day()),
                                   requested_on=shop_clock.local_date(self.detail.requested_at),
                                   today=shop_clock.today())
        amount = parse_amount(self.amount.text(), "amount")
        if amount <= 0:
            raise ValidationError("amount", QT_TRANSLATE_NOOP("Errors", "金額必須大於零。"))
        if amount > self.detail.refund_due:
            raise ValidationError(
                "amount", QT_TRANSLATE_NOOP("Errors", "退款金額不能超過已付金額 NT${paid:,}。"),
                paid=self.detail.refund_due,
            )
        reference = required_text(self.reference.text(), "reference")
        return when, amount, reference


class RefundDoneDialog(_RemittanceForm):
    """退款成功: 匯款日期, 匯款金額, 匯款編號, then 【確定】."""

    ACTION = CancelAction.REFUND_DONE

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent)
        self.setWindowTitle(self.tr("退款成功 — {0}").format(detail.order_no))

    def fill(self, value: RefundInput) -> None:
        self._fill_remittance(value)

    def collect(self) -> RefundInput:
        return RefundInput(*self._remittance())


class RefundFailedDialog(_RemittanceForm):
    """退款失敗: the remittance that was tried and 退款失敗原因, then 【確定】."""

    ACTION = CancelAction.REFUND_FAILED

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent)
        self.setWindowTitle(self.tr("退款失敗 — {0}").format(detail.order_no))
        self.reason = self.add_field(
            "reason", self.tr("退款失敗原因"), reason_edit(self.tr("例如：帳號與戶名不符，款項遭退回"))
        )

    def fill(self, value: RefundFailedInput) -> None:
        self._fill_remittance(value)
        self.reason.setPlainText(value.reason)

    def collect(self) -> RefundFailedInput:
        when, amount, reference = self._remittance()
        reason = required_text(self.reason.toPlainText(), "reason")
        return RefundFailedInput(when, amount, reference, reason)
