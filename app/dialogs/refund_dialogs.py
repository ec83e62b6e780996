"""退款確認: the 退款成功 window (匯款相關資訊: 匯款日期, 匯款金額, 匯款編號) and the 退款失敗 window
(匯款資訊以及失敗原因).

The amount starts at what is still owed (the money received less what was refunded or written
off); more than that, zero, or not a whole number of dollars is refused, and less than that is
a partial refund that needs its reason.  A card payment is refunded by reversal: the fields are
the reversal's (刷退日期, 刷退金額, the gateway's transaction or authorisation number).  A retry
after a failed refund shows that failure and its reason.  Returns plain values; never saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import checked_refund_date, required_text
from app.domain.invoice import AllowanceInput, VoidInput
from app.domain.money import parse_amount
from app.domain.statuses import CancelAction
from app.services import shop_clock
from app.services.cancellation_queries import CancellationDetail
from app.widgets import format as fmt
from app.widgets.dates import localised
from app.widgets.hints import hint

from .form import ERROR_STYLE
from .review_dialogs import CancellationForm, add_settle_section, reason_edit


@dataclass(frozen=True)
class RefundRemittance:
    """The refund's remittance (or card reversal) both refund windows record."""

    refund_date: date
    amount: int
    reference: str


@dataclass(frozen=True)
class RefundInput(RefundRemittance):
    #: Required when ``amount`` is less than what is owed (a partial refund).
    partial_reason: str | None = None
    #: The void or allowance of the order's invoice recorded with the step (None: later).
    invoice: VoidInput | AllowanceInput | None = None


@dataclass(frozen=True)
class RefundFailedInput(RefundRemittance):
    reason: str


class _RemittanceForm(CancellationForm):
    """The remittance fields both refund windows share."""

    REMITTANCE = True

    def __init__(self, detail: CancellationDetail, parent=None, title: str = ""):
        super().__init__(detail, parent, title)
        self._last_failure(detail)
        reversal = detail.by_reversal
        if reversal:  # a card payment: the gateway reverses it
            labels = (QCoreApplication.translate("CancellationDialogs", "刷退日期"),
                      QCoreApplication.translate("CancellationDialogs", "刷退金額"),
                      QCoreApplication.translate("CancellationDialogs", "授權碼／交易序號"),
                      QCoreApplication.translate("CancellationDialogs", "金流商的刷退交易序號或授權碼"))
        else:
            labels = (QCoreApplication.translate("CancellationDialogs", "匯款日期"),
                      QCoreApplication.translate("CancellationDialogs", "匯款金額"),
                      QCoreApplication.translate("CancellationDialogs", "匯款編號"),
                      QCoreApplication.translate("CancellationDialogs", "銀行交易序號或匯款單號"))
        today = QDate(shop_clock.today())
        date_edit = localised(QDateEdit(today, calendarPopup=True, displayFormat="yyyy-MM-dd"))
        date_edit.setMaximumDate(today)
        self.refund_date = self.add_field("refund_date", labels[0], date_edit)
        owed = detail.outstanding
        self.amount = self.add_field("amount", labels[1], fmt.money_edit(QLineEdit(str(owed))))
        hint(self.amount,
            QCoreApplication.translate("CancellationDialogs", "最多 {0}").format(f"NT${owed:,}"))
        self.reference = self.add_field("reference", labels[2], QLineEdit())
        self.reference.setMaxLength(100)
        hint(self.reference, labels[3])

    def _last_failure(self, detail: CancellationDetail) -> None:
        """On a retry: the refund that failed, and why."""
        if not detail.refund_fail_reason:
            return
        tried = detail.last_input(CancelAction.REFUND_FAILED) or {}
        text = QCoreApplication.translate(
            "CancellationDialogs", "上次退款失敗：{day} {amount}，編號 {reference}。原因：{reason}").format(
            day=tried.get("refund_date", ""), amount=fmt.money(tried.get("amount")),
            reference=tried.get("reference", ""), reason=detail.refund_fail_reason)
        label = QLabel(text, self)
        label.setObjectName("last_failure")
        label.setWordWrap(True)
        label.setStyleSheet(ERROR_STYLE)
        self.top.addWidget(label)

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
        if amount > self.detail.outstanding:
            raise ValidationError(
                "amount", QT_TRANSLATE_NOOP("Errors", "退款金額不能超過尚未退還的已收金額 NT${paid:,}。"),
                paid=self.detail.outstanding,
            )
        reference = required_text(self.reference.text(), "reference")
        return when, amount, reference


class RefundDoneDialog(_RemittanceForm):
    """退款成功: 匯款日期, 匯款金額, 匯款編號, then 【確定】."""

    ACTION = CancelAction.REFUND_DONE

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("退款成功 — {0}"))
        self.partial_reason = self.add_field(
            "partial_reason", self.tr("部分退款原因"),
            reason_edit(self.tr("金額少於應退金額時必填；其餘款項留待之後退還或註銷")))
        self.settle = add_settle_section(self, detail)

    def fill(self, value: RefundInput) -> None:
        self._fill_remittance(value)
        self.partial_reason.setPlainText(value.partial_reason or "")
        if self.settle is not None:
            self.settle.fill(value.invoice)

    def collect(self) -> RefundInput:
        when, amount, reference = self._remittance()
        reason = None
        if amount < self.detail.outstanding:
            reason = required_text(self.partial_reason.toPlainText(), "partial_reason")
        return RefundInput(when, amount, reference, reason, self.settle.collect() if self.settle else None)


class RefundFailedDialog(_RemittanceForm):
    """退款失敗: the remittance that was tried and 退款失敗原因, then 【確定】."""

    ACTION = CancelAction.REFUND_FAILED

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("退款失敗 — {0}"))
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
