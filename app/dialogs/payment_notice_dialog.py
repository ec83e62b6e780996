"""登錄付款通知: the clerk records what the customer says they paid — transfer date (轉帳日期),
amount (金額), the last five digits of the paying account (帳號末五碼, digits only) and a note.
Returns a ``PaymentNotice``; it never saves."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import PaymentNotice
from app.domain.money import format_ntd, parse_amount
from app.services.queries import OrderRow
from app.widgets.dates import date_picker
from app.widgets.format import money_edit
from app.widgets.hints import hint

from .order_day_form import OrderDayDialog


class PaymentNoticeDialog(OrderDayDialog):
    def __init__(self, row: OrderRow, *, today: date | None = None, parent=None):
        super().__init__(
            row, self.tr("登錄付款通知 — {0}").format(row.order_no), self.tr("登錄付款通知"),
            self.tr("訂單 {no}（{buyer}），訂單金額 {total}，付款方式：{method}").format(
                no=row.order_no, buyer=row.buyer_name, total=format_ntd(row.total),
                method=row.payment_method),
            today=today, parent=parent)
        self.transfer_date = self.add_field("transfer_date", self.tr("轉帳日期"),
                                            date_picker(self.today, self))
        self.amount = self.add_field("amount", self.tr("金額"), money_edit(QLineEdit(self)))
        hint(self.amount, self.tr("例如：{0}").format(row.total))
        # A notice below the total is warned as it is typed (it is still recorded: the money
        # received is what the clerk confirms later, with a reason for the shortfall).
        self.shortfall = QLabel(self)
        self.shortfall.setObjectName("shortfall_warning")
        self.shortfall.setStyleSheet("color: #e65100;")
        self.shortfall.setWordWrap(True)
        self.shortfall.hide()
        self.form.addRow("", self.shortfall)
        self.amount.textChanged.connect(self._check_shortfall)
        self.account_last5 = self.add_field("account_last5", self.tr("帳號末五碼"), QLineEdit(self))
        self.account_last5.setMaxLength(5)
        hint(self.account_last5, self.tr("付款帳號的最後五位數字"))
        self.note = self.add_field("note", self.tr("備註"), QLineEdit(self))
        hint(self.note, self.tr("選填"))

    def _check_shortfall(self, text: str) -> None:
        try:
            amount = parse_amount(text, "amount")
        except ValidationError:
            amount = None
        short = amount is not None and 0 < amount < self.row.total
        if short:
            self.shortfall.setText(self.tr("金額少於訂單金額 {total}（短少 {gap}）；確認付款時需填寫短收原因，"
                                           "退款以實收金額為上限。").format(
                total=format_ntd(self.row.total), gap=format_ntd(self.row.total - amount)))
        self.shortfall.setVisible(short)

    def collect(self) -> PaymentNotice:
        day = self.picked_day(self.transfer_date, "transfer_date",
                              QT_TRANSLATE_NOOP("Errors", "轉帳日期不能早於訂單日期。"),
                              QT_TRANSLATE_NOOP("Errors", "轉帳日期不能晚於今天。"))
        amount = parse_amount(self.amount.text(), "amount")
        return PaymentNotice(day, amount, self.account_last5.text(), self.note.text()).validated(
            order_date=self.order_day)

    @classmethod
    def ask(cls, parent, row: OrderRow, *, today: date | None = None) -> PaymentNotice | None:
        """The payment notice the clerk typed, or None if cancelled."""
        return super().ask(parent, row, today=today)
