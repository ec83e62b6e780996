"""Cash on delivery's two endings on 配送中／待取貨: 【已取貨】 (the buyer took the parcel and
paid the carrier: the day, today by default, for one order or several) and 【未取件退回】 (the
parcel came back uncollected: the reason, required).  They return the input; they never save."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel

from app.domain.inputs import checked_pickup_date
from app.services import shop_clock
from app.services.queries import OrderRow
from app.widgets.dates import date_picker, picked_date

from .form import FormDialog
from .out_of_stock_dialog import OrderReasonDialog


class PickedUpDialog(FormDialog):
    def __init__(self, rows: list[OrderRow], *, today: date | None = None, parent=None):
        numbers = "、".join(r.order_no for r in rows[:5]) + ("…" if len(rows) > 5 else "")
        title = (self.tr("已取貨 — {0}").format(rows[0].order_no) if len(rows) == 1
                 else self.tr("已取貨（{0} 筆）").format(len(rows)))
        super().__init__(title, self.tr("確定已取貨"), parent)
        self.rows = rows
        self.today = today or shop_clock.today()
        shipped = [r.ship_date for r in rows if r.ship_date is not None]
        self.shipped_on = max(shipped) if shipped else None
        intro = QLabel(self.tr("訂單 {0} 的買家已取貨並付款給物流，貨款由物流代收後撥付。請填寫取貨日期：")
                       .format(numbers), self)
        intro.setWordWrap(True)
        self.top.addWidget(intro)
        self.day = self.add_field("picked_up_date", self.tr("取貨日期"), date_picker(self.today, self))
        if self.shipped_on:
            self.day.setToolTip(self.tr("不能早於出貨日期 {0}，也不能晚於今天。").format(self.shipped_on))

    def collect(self) -> date:
        return checked_pickup_date(picked_date(self.day), shipped_on=self.shipped_on, today=self.today)

    @classmethod
    def ask(cls, parent, rows: list[OrderRow], *, today: date | None = None) -> date | None:
        """The day the clerk gave, or None if cancelled."""
        return cls(rows, today=today, parent=parent).answer()


class NotCollectedDialog(OrderReasonDialog):
    def __init__(self, row: OrderRow, parent=None):
        super().__init__(row, parent, self.tr("未取件退回 — {0}"), self.tr("確定退回"),
                         self.tr("訂單 {no}（{buyer}）的包裹未取件退回，訂單會取消，不需退款。請填寫退回原因："),
                         self.tr("退回原因"), self.tr("例：超過 7 天未取件"))
