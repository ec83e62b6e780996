"""【缺貨】: the out-of-stock reason (缺貨原因, required), confirmed with 【確定缺貨】.  Returns
the reason; it never saves."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from app.domain.inputs import required_text
from app.services.queries import OrderRow
from app.widgets.hints import hint

from .form import FormDialog


class OutOfStockDialog(FormDialog):
    def __init__(self, row: OrderRow, parent=None):
        super().__init__(self.tr("缺貨 — {0}").format(row.order_no), self.tr("確定缺貨"), parent)
        self.row = row
        intro = QLabel(self.tr("訂單 {no}（{buyer}）缺貨，請填寫缺貨原因：").format(
            no=row.order_no, buyer=row.buyer_name), self)
        intro.setWordWrap(True)
        self.top.addWidget(intro)
        self.reason = self.add_field("reason", self.tr("缺貨原因"), QPlainTextEdit(self))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        hint(self.reason, self.tr("例如：廠商延後到貨，預計兩週"))

    def collect(self) -> str:
        return required_text(self.reason.toPlainText(), "reason")

    @classmethod
    def ask(cls, parent, row: OrderRow) -> str | None:
        """The reason the clerk typed, or None if cancelled."""
        return cls(row, parent).answer()
