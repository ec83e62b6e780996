"""The windows that let every cancellation end and every refund add up (issue 19):

* 【結案】 (a supervisor's action) of a return that is stuck (等待退貨, 退貨失敗): on to the
  refund without the goods, or closed without a refund; the reason is required.
* 更正退款帳戶: the payee account after a failed refund (the failure shown, old account beside
  the new one).
* 註銷未退餘額: the rest of a partly refunded request written off, with the reason.

Each returns a plain value and never saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import Remittance, required_text
from app.domain.statuses import CancelAction
from app.services.cancellation_queries import CancellationDetail
from app.widgets import format as fmt

from .form import ERROR_STYLE
from .review_dialogs import CancellationForm, reason_edit, tab_name


@dataclass(frozen=True)
class CloseInput:
    refund: bool
    reason: str


class CloseDialog(CancellationForm):
    """【結案】: 結案方式 (轉退款 / 不退款) and 結案原因, then 【確定】.  A supervisor's action."""

    ACTION = None  # where it goes is the clerk's choice, shown in the choice itself

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("結案（主管）— {0}"))
        note = QLabel(self.tr("商品未能退回時由主管結案：轉入退款（不等商品退回），或結案不退款（訂單回到原狀態）。"), self)
        note.setWordWrap(True)
        self.top.addWidget(note)
        self.way = self.add_field("refund", self.tr("結案方式"), QComboBox())
        if detail.paid:
            self.way.addItem(self.tr("轉入退款（移至「{0}」）").format(tab_name("REFUND_PENDING")), True)
        else:
            self.way.addItem(self.tr("取消完成（未付款，不需退款）"), True)
        self.way.addItem(self.tr("結案不退款"), False)
        self.way.setCurrentIndex(-1)
        self.reason = self.add_field("close_reason", self.tr("結案原因"),
                                     reason_edit(self.tr("例如：顧客逾期未寄回商品，經主管核定")))

    def fill(self, value: CloseInput) -> None:
        self.way.setCurrentIndex(self.way.findData(value.refund))
        self.reason.setPlainText(value.reason)

    def collect(self) -> CloseInput:
        refund = self.way.currentData()
        if refund is None:
            raise ValidationError("refund", QT_TRANSLATE_NOOP("Errors", "請選擇結案方式。"))
        return CloseInput(refund, required_text(self.reason.toPlainText(), "close_reason"))


class CorrectAccountDialog(CancellationForm):
    """更正退款帳戶: the account now on the request and the failure, the new account below."""

    ACTION = CancelAction.CORRECT_ACCOUNT
    REMITTANCE = True

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("更正退款帳戶 — {0}"))
        if detail.refund_fail_reason:
            failed = QLabel(self.tr("上次退款失敗原因：{0}").format(detail.refund_fail_reason), self)
            failed.setObjectName("last_failure")
            failed.setWordWrap(True)
            failed.setStyleSheet(ERROR_STYLE)
            self.top.addWidget(failed)
        r = detail.remittance or Remittance("", "", "", "")
        self.bank_code = self.add_field("bank_code", self.tr("銀行代碼"), QLineEdit(r.bank_code))
        self.bank_code.setMaxLength(3)
        self.branch = self.add_field("branch", self.tr("分行"), QLineEdit(r.branch))
        self.account_number = self.add_field("account_number", self.tr("帳號"),
                                             QLineEdit(r.account_number))
        self.account_name = self.add_field("account_name", self.tr("戶名"), QLineEdit(r.account_name))

    def fill(self, value: Remittance) -> None:
        self.bank_code.setText(value.bank_code)
        self.branch.setText(value.branch)
        self.account_number.setText(value.account_number)
        self.account_name.setText(value.account_name)

    def collect(self) -> Remittance:
        return Remittance(self.bank_code.text(), self.branch.text(), self.account_number.text(),
                          self.account_name.text()).validated()


class WriteOffDialog(CancellationForm):
    """註銷未退餘額: what is written off, and 註銷原因."""

    ACTION = CancelAction.WRITE_OFF

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("註銷未退餘額 — {0}"))
        note = QLabel(self.tr("已退 {refunded}，尚未退還的 {rest} 將註銷不退，申請隨即完成。").format(
            refunded=fmt.money(detail.refunded_amount or 0), rest=fmt.money(detail.outstanding)), self)
        note.setObjectName("write_off_amount")
        note.setWordWrap(True)
        self.top.addWidget(note)
        self.reason = self.add_field("reason", self.tr("註銷原因"),
                                     reason_edit(self.tr("例如：顧客同意扣除運費")))

    def fill(self, value: str) -> None:
        self.reason.setPlainText(value)

    def collect(self) -> str:
        return required_text(self.reason.toPlainText(), "reason")
