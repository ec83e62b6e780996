"""【出貨】: the ship date (出貨日期, a date picker, today by default) and the shipping
information (出貨資訊: carrier and tracking number), all required.  Returns a ``ShipInput``; it
never saves.  The carrier is picked from the shop's carriers (物流業者, kept on their own page;
the field's ▾ menu lists them, typing completes one) or typed: any other name is taken too.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLabel, QLineEdit

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import ShipInput
from app.services import methods
from app.services.queries import OrderRow
from app.widgets.dates import date_picker
from app.widgets.hints import hint, suggest

from .order_day_form import OrderDayDialog


def carrier_names() -> list[str]:
    """The shop's active carriers in their order (the order keeps the name as picked)."""
    return [c.title for c in methods.list_carriers()]


class ShipDialog(OrderDayDialog):
    def __init__(self, row: OrderRow, *, today: date | None = None, parent=None):
        super().__init__(
            row, self.tr("出貨 — {0}").format(row.order_no), self.tr("出貨"),
            self.tr("訂單 {no}（{buyer}，{method}）的出貨資訊：").format(
                no=row.order_no, buyer=row.buyer_name, method=row.shipping_method),
            today=today, parent=parent)
        self.ship_date = self.add_field("ship_date", self.tr("出貨日期"), date_picker(self.today, self))
        self.ship_date.setToolTip(self.tr("不能早於訂單日期 {0}，也不能晚於今天。").format(self.order_day))
        self.form.addRow(QLabel(self.tr("<b>出貨資訊</b>"), self))
        self.carrier = self.add_field("carrier", self.tr("物流業者"), QLineEdit(self))
        names = carrier_names()
        hint(self.carrier, self.tr("例如：{0}").format(names[0] if names else "黑貓宅急便"))
        suggest(self.carrier, names)
        self.tracking_no = self.add_field("tracking_no", self.tr("貨運單號"), QLineEdit(self))
        self.tracking_no.setMaxLength(100)
        self.carrier.setMaxLength(100)
        self.first_field = self.carrier  # the date is today's by default

    def collect(self) -> ShipInput:
        day = self.picked_day(self.ship_date, "ship_date",
                              QT_TRANSLATE_NOOP("Errors", "出貨日期不能早於訂單日期。"),
                              QT_TRANSLATE_NOOP("Errors", "出貨日期不能晚於今天。"))
        return ShipInput(day, self.carrier.text(), self.tracking_no.text()).validated(
            order_date=self.order_day, today=self.today)

    @classmethod
    def ask(cls, parent, row: OrderRow, *, today: date | None = None) -> ShipInput | None:
        """The clerk's ship date and shipping information, or None if cancelled."""
        return super().ask(parent, row, today=today)
