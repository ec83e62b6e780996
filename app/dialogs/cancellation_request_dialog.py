"""【退訂申請】: the clerk files a cancellation request for an out-of-stock order.

The manual's page: 「打開明細」 shows the order's details above the form, 「關閉明細」 hides
them; the form asks the reason (退訂原因, required) and where the refund goes (退款匯款資料: bank
code, branch, account number, account name — required when money was paid).  Returns a
``CancellationInput``; it never saves.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
)

from app.domain.inputs import CancellationInput, Remittance
from app.domain.machines import money_in
from app.domain.money import format_ntd
from app.services.order_details import OrderDetail
from app.widgets.hints import example, hint
from app.widgets.order_detail import OrderDetailView

from .form import FormDialog


class CancellationRequestDialog(FormDialog):
    def __init__(self, detail: OrderDetail, parent=None):
        super().__init__(self.tr("退訂申請 — {0}").format(detail.order_no), self.tr("退訂申請"), parent)
        self.setMinimumWidth(560)
        self.detail = detail
        self.paid = money_in(detail.status, cod=detail.cod)

        bar = QHBoxLayout()
        summary = QLabel(self.tr("訂單 {no}（{buyer}），訂單金額 {total}").format(
            no=detail.order_no, buyer=detail.buyer_name, total=format_ntd(detail.total)), self)
        summary.setWordWrap(True)
        bar.addWidget(summary, 1)
        self.toggle_button = QPushButton(self.tr("打開明細"), self)
        self.toggle_button.setObjectName("toggle_details")
        self.toggle_button.setAutoDefault(False)
        self.toggle_button.clicked.connect(self.toggle_details)
        bar.addWidget(self.toggle_button)
        self.top.addLayout(bar)
        self.details = QScrollArea(self)
        self.details.setObjectName("details")
        self.details.setWidgetResizable(True)
        view = OrderDetailView(detail, with_history=False)
        # Its natural height, not more: spare height stays below the blocks.
        view.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.details.setWidget(view)
        self.details.setMinimumHeight(min(view.sizeHint().height() + 4, 240))  # scrolls on a small screen
        self.details.hide()
        self.top.addWidget(self.details, 1)
        self.body_layout.setStretchFactor(self.top, 1)  # the details take the height they are given

        self.reason = self.add_field("reason", self.tr("退訂原因"), QPlainTextEdit(self))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(80)
        if detail.out_of_stock_reason:
            hint(self.reason, self.tr("缺貨原因：{0}").format(detail.out_of_stock_reason))
        if self.paid:
            heading = self.tr("<b>退款匯款資料</b>（已付款，必填）")
        else:
            heading = self.tr("<b>退款匯款資料</b>（未付款，免填）")
        self.form.addRow(QLabel(heading, self))
        self.bank_code = self.add_field("bank_code", self.tr("銀行代碼"), QLineEdit(self))
        self.bank_code.setMaxLength(3)
        hint(self.bank_code, self.tr("三位數字，例如：812"))
        self.branch = self.add_field("branch", self.tr("分行"), QLineEdit(self))
        self.branch.setMaxLength(100)
        self.account_number = self.add_field("account_number", self.tr("帳號"), QLineEdit(self))
        self.account_number.setMaxLength(30)
        hint(self.account_number, self.tr("6 到 16 位數字"))
        self.account_name = self.add_field("account_name", self.tr("戶名"), QLineEdit(self))
        self.account_name.setMaxLength(100)
        hint(self.account_name, example(detail.buyer_name))

    def details_shown(self) -> bool:
        return not self.details.isHidden()

    def toggle_details(self) -> None:
        """打開明細 / 關閉明細: show or hide the order's details above the form."""
        show = not self.details_shown()
        self.details.setVisible(show)
        self.toggle_button.setText(self.tr("關閉明細") if show else self.tr("打開明細"))
        width = max(self.width(), 940) if show else self.width()
        self.body.refit()
        self.resize(width, self.sizeHint().height())

    def collect(self) -> CancellationInput:
        remittance = Remittance(self.bank_code.text(), self.branch.text(), self.account_number.text(),
                                self.account_name.text())
        return CancellationInput(self.reason.toPlainText(), remittance).validated(paid=self.paid)

    @classmethod
    def ask(cls, parent, detail: OrderDetail) -> CancellationInput | None:
        """The request the clerk filled in, or None if cancelled."""
        return cls(detail, parent).answer()
