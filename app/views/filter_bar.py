"""Search box, date range and store filter shared by the order and cancellation pages; the
order page adds its payment and shipping method filters."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.services import shop_clock
from app.widgets.dates import localised
from app.widgets.hints import hint


class FilterBar(QWidget):
    """Emits ``changed`` when the clerk changes a filter; typing is debounced."""

    changed = Signal()

    def __init__(self, stores: list[tuple[int, str]], *, date_label: str, placeholder: str,
                 methods: tuple[list[tuple[int, str]], list[tuple[int, str]]] | None = None, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        hint(self.search, placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._now)

        self.use_dates = QCheckBox(date_label, self)
        self.use_dates.setObjectName("use_dates")
        today = QDate(shop_clock.today())
        self.date_from = localised(QDateEdit(today.addMonths(-1), self, calendarPopup=True, displayFormat="yyyy-MM-dd"))
        self.date_to = localised(QDateEdit(today, self, calendarPopup=True, displayFormat="yyyy-MM-dd"))
        self.date_from.setObjectName("date_from")
        self.date_to.setObjectName("date_to")
        for w in (self.date_from, self.date_to):
            w.setEnabled(False)
            w.dateChanged.connect(lambda _d: self.use_dates.isChecked() and self.changed.emit())
        self.use_dates.toggled.connect(self._dates_toggled)

        self.store = self._choice("store", self.tr("全部商店"), stores)
        #: The method filters (the order page only): None where the page has none.
        self.payment = self.shipping = None
        if methods is not None:
            self.payment = self._choice("payment_method", self.tr("全部付款方式"), methods[0])
            self.shipping = self._choice("shipping_method", self.tr("全部送貨方式"), methods[1])

        lay = QHBoxLayout()
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(QLabel(self.tr("搜尋"), self))
        lay.addWidget(self.search, 2)
        lay.addSpacing(12)
        lay.addWidget(self.use_dates)
        lay.addWidget(self.date_from)
        lay.addWidget(QLabel("～", self))
        lay.addWidget(self.date_to)
        lay.addSpacing(12)
        lay.addWidget(QLabel(self.tr("商店"), self))
        lay.addWidget(self.store, 1)
        #: The second row: the method filters, and what the page adds (its saved views).
        self.second_row = QHBoxLayout()
        self.second_row.setContentsMargins(0, 0, 0, 0)
        if self.payment is not None:  # their first item (全部付款方式…) names them
            self.payment.setToolTip(self.tr("付款方式"))
            self.shipping.setToolTip(self.tr("送貨方式"))
            self.second_row.addWidget(self.payment)
            self.second_row.addWidget(self.shipping)
            self.second_row.addSpacing(12)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.addLayout(lay)
        rows.addLayout(self.second_row)

    def _choice(self, name: str, everything: str, choices: list[tuple[int, str]]) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName(name)
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(max(10, len(everything)))  # 全部… whole, in English too
        box.addItem(everything, None)
        self._fill(box, choices)
        box.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return box

    @staticmethod
    def _fill(box: QComboBox, choices: list[tuple[int, str]]) -> None:
        """Put ``choices`` after the box's first item (全部…), keeping the one chosen."""
        chosen = box.currentData()
        box.blockSignals(True)
        while box.count() > 1:
            box.removeItem(1)
        for cid, title in choices:
            box.addItem(title, cid)
        box.setCurrentIndex(max(box.findData(chosen), 0))
        box.blockSignals(False)

    def set_methods(self, payments: list[tuple[int, str]], shippings: list[tuple[int, str]]) -> None:
        """The method lists again (a method was added, renamed or archived)."""
        if self.payment is not None:
            self._fill(self.payment, payments)
            self._fill(self.shipping, shippings)

    def _now(self) -> None:
        self._debounce.stop()
        self.changed.emit()

    def set_date_label(self, text: str) -> None:
        """Name the date the range filters (each cancellation tab filters its own step's)."""
        self.use_dates.setText(text)

    def _dates_toggled(self, on: bool) -> None:
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        self.changed.emit()

    def values(self) -> dict:
        dates: tuple[date | None, date | None] = (None, None)
        if self.use_dates.isChecked():
            dates = (self.date_from.date().toPython(), self.date_to.date().toPython())
        values = {
            "search": self.search.text().strip(),
            "date_from": dates[0],
            "date_to": dates[1],
            "store_id": self.store.currentData(),
        }
        if self.payment is not None:
            values["payment_method_id"] = self.payment.currentData()
            values["shipping_method_id"] = self.shipping.currentData()
        return values

    def set_values(self, values: dict) -> None:
        """Show ``values`` (as ``values()`` gives them; what is missing is cleared), then emit
        ``changed`` once."""
        widgets = [self.search, self.use_dates, self.date_from, self.date_to, self.store,
                   self.payment, self.shipping]
        for w in widgets:
            if w is not None:
                w.blockSignals(True)
        self._debounce.stop()
        self.search.setText(values.get("search") or "")
        on = values.get("date_from") is not None
        self.use_dates.setChecked(on)
        self.date_from.setEnabled(on)
        self.date_to.setEnabled(on)
        if on:
            self.date_from.setDate(QDate(values["date_from"]))
            self.date_to.setDate(QDate(values.get("date_to") or values["date_from"]))
        for box, key in ((self.store, "store_id"), (self.payment, "payment_method_id"),
                         (self.shipping, "shipping_method_id")):
            if box is not None:
                box.setCurrentIndex(max(box.findData(values.get(key)), 0))
        for w in widgets:
            if w is not None:
                w.blockSignals(False)
        self.changed.emit()

    def describe(self) -> str:
        """The filters in words (for exports and the status bar)."""
        parts = []
        v = self.values()
        if v["search"]:
            parts.append(self.tr("搜尋：{0}").format(v["search"]))
        if v["date_from"]:
            parts.append(self.tr("{0}：{1} ～ {2}").format(self.use_dates.text(), v["date_from"], v["date_to"]))
        if v["store_id"] is not None:
            parts.append(self.tr("商店：{0}").format(self.store.currentText()))
        if v.get("payment_method_id") is not None:
            parts.append(self.tr("付款方式：{0}").format(self.payment.currentText()))
        if v.get("shipping_method_id") is not None:
            parts.append(self.tr("送貨方式：{0}").format(self.shipping.currentText()))
        return "；".join(parts) or self.tr("無")
