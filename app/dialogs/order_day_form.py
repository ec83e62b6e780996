"""The form of an action on one order that asks for a day: 登錄付款通知 (轉帳日期) and 出貨
(出貨日期).  The day is neither before the order's day nor after the shop's today."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from app.services import shop_clock
from app.services.queries import OrderRow
from app.widgets.dates import check_day_range, order_day, picked_date

from .form import FormDialog


class OrderDayDialog(FormDialog):
    def __init__(self, row: OrderRow, title: str, ok_text: str, intro: str, *,
                 today: date | None, parent):
        super().__init__(title, ok_text, parent)
        self.row = row
        self.today = today or shop_clock.today()
        self.order_day = order_day(row)
        label = QLabel(intro, self)
        label.setWordWrap(True)
        self.top.addWidget(label)

    def picked_day(self, picker, field: str, before_text: str, after_text: str) -> date:
        """The day in ``picker``, or ``ValidationError`` on ``field`` with ``before_text`` /
        ``after_text`` (untranslated, context "Errors")."""
        return check_day_range(picked_date(picker), field, not_before=self.order_day,
                               not_after=self.today, before_text=before_text,
                               after_text=after_text)

    @classmethod
    def ask(cls, parent, row: OrderRow, *, today: date | None = None):
        """What the clerk typed, or None if cancelled."""
        return cls(row, today=today, parent=parent).answer()
