"""結帳／重新開啟: the accountant picks a month; an open month is closed, a closed one reopened
(with the reason).  Returns plain values; never saves."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit

from app.domain.inputs import required_text

from .form import FormDialog


class MonthChoice(NamedTuple):
    """A month the dialog offers: "YYYY-MM", and who closed it when (None: open)."""

    month: str
    closed: str | None = None


@dataclass(frozen=True)
class CloseMonthInput:
    month: str
    reopen: bool
    reason: str = ""


class CloseMonthDialog(FormDialog):
    def __init__(self, months: list[MonthChoice], parent=None):
        super().__init__(self.tr("結帳／重新開啟月份"), self.tr("結帳"), parent)
        self.setObjectName("dialog_close_month")
        self.months = months
        note = QLabel(self.tr(
            "結帳後，這個月份的帳務明細固定不變，再匯出也是同樣的內容；日期落在這個月份的付款通知、"
            "確認收款、出貨、退款、發票、作廢與折讓都會被拒絕。要補登，請先重新開啟（會記錄原因）。"), self)
        note.setWordWrap(True)
        self.top.addWidget(note)
        self.month = self.add_field("month", self.tr("月份"), QComboBox(self))
        for choice in months:
            state = (self.tr("已結帳：{0}").format(choice.closed) if choice.closed
                     else self.tr("未結帳"))
            self.month.addItem(f"{choice.month}（{state}）", choice.month)
        self.reason = self.add_field("reason", self.tr("重新開啟原因"), QLineEdit(self))
        self.month.currentIndexChanged.connect(self._follow)
        self._follow()

    def _chosen(self) -> MonthChoice | None:
        i = self.month.currentIndex()
        return self.months[i] if 0 <= i < len(self.months) else None

    def _follow(self, *_args) -> None:
        choice = self._chosen()
        reopen = bool(choice and choice.closed)
        self.reason.setEnabled(reopen)
        self.ok_button.setText(self.tr("重新開啟") if reopen else self.tr("結帳"))

    def collect(self) -> CloseMonthInput:
        choice = self._chosen()
        if choice is None:
            return None
        if choice.closed:
            return CloseMonthInput(choice.month, True, required_text(self.reason.text(), "reason"))
        return CloseMonthInput(choice.month, False)

    def fill(self, value: CloseMonthInput) -> None:
        index = self.month.findData(value.month)
        if index >= 0:
            self.month.setCurrentIndex(index)
        self.reason.setText(value.reason)

    @classmethod
    def ask(cls, parent, months: list[MonthChoice], initial: CloseMonthInput | None = None,
            error=None) -> CloseMonthInput | None:
        return cls(months, parent).answer(initial, error)
