"""Search box, date range and store filter shared by the order and cancellation pages."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit, QWidget

from app.services import shop_clock


class FilterBar(QWidget):
    """Emits ``changed`` when the clerk changes a filter; typing is debounced."""

    changed = Signal()

    def __init__(self, stores: list[tuple[int, str]], *, date_label: str, placeholder: str, parent=None):
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self._debounce = QTimer(self, singleShot=True, interval=300)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self._now)

        self.use_dates = QCheckBox(date_label, self)
        self.use_dates.setObjectName("use_dates")
        today = QDate(shop_clock.today())
        self.date_from = QDateEdit(today.addMonths(-1), self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_to = QDateEdit(today, self, calendarPopup=True, displayFormat="yyyy-MM-dd")
        self.date_from.setObjectName("date_from")
        self.date_to.setObjectName("date_to")
        for w in (self.date_from, self.date_to):
            w.setEnabled(False)
            w.dateChanged.connect(lambda _d: self.use_dates.isChecked() and self.changed.emit())
        self.use_dates.toggled.connect(self._dates_toggled)

        self.store = QComboBox(self)
        self.store.setObjectName("store")
        self.store.addItem(self.tr("全部商店"), None)
        for sid, name in stores:
            self.store.addItem(name, sid)
        self.store.currentIndexChanged.connect(lambda _i: self.changed.emit())

        lay = QHBoxLayout(self)
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
        return {
            "search": self.search.text().strip(),
            "date_from": dates[0],
            "date_to": dates[1],
            "store_id": self.store.currentData(),
        }

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
        return "；".join(parts) or self.tr("無")
