"""【缺貨】: the out-of-stock reason (缺貨原因, required), confirmed with 【確定缺貨】.  Returns
the reason; it never saves.  ``OrderReasonDialog``: the one-order, one-reason form it shares
with 【未取件退回】."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit

from app.domain.inputs import required_text
from app.services.queries import OrderRow
from app.widgets.hints import hint

from .form import FormDialog


class OrderReasonDialog(FormDialog):
    """One order and the reason the clerk must give (``reason``, required): an intro naming the
    order, the reason box, 【OK】.  ``ask`` returns the reason, or None if cancelled.  The
    subclass gives the texts: the title (``{0}``: the order number), the OK button, the intro
    (``{no}``, ``{buyer}``), the field's label and its hint."""

    def __init__(self, row: OrderRow, parent, title: str, ok_text: str, intro: str, label: str,
                 placeholder: str):
        super().__init__(title.format(row.order_no), ok_text, parent)
        self.row = row
        text = QLabel(intro.format(no=row.order_no, buyer=row.buyer_name), self)
        text.setWordWrap(True)
        self.top.addWidget(text)
        self.reason = self.add_field("reason", label, QPlainTextEdit(self))
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        hint(self.reason, placeholder)

    def collect(self) -> str:
        return required_text(self.reason.toPlainText(), "reason")

    @classmethod
    def ask(cls, parent, row: OrderRow) -> str | None:
        """The reason the clerk typed, or None if cancelled."""
        return cls(row, parent).answer()


class OutOfStockDialog(OrderReasonDialog):
    def __init__(self, row: OrderRow, parent=None):
        super().__init__(row, parent, self.tr("缺貨 — {0}"), self.tr("確定缺貨"),
                         self.tr("訂單 {no}（{buyer}）缺貨，請填寫缺貨原因："),
                         self.tr("缺貨原因"), self.tr("例如：廠商延後到貨，預計兩週"))
