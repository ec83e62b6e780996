"""退貨確認: the 退貨完成 window (是否退回發票, 退回商品是否完好) and the 退貨失敗 window (the
same two questions and 退貨失敗原因).

Each question is two radio buttons, 是 and 否, neither chosen at first: an unanswered question
is refused like an empty field.  Returns plain values; never saves.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QRadioButton, QWidget

from app.domain.inputs import required_text, yes_no
from app.domain.invoice import AllowanceInput, VoidInput
from app.domain.statuses import CancelAction
from app.services.cancellation_queries import CancellationDetail

from .review_dialogs import CancellationForm, add_settle_section, reason_edit


class YesNo(QWidget):
    """是 / 否 as two radio buttons, neither checked until the clerk picks one."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.yes = QRadioButton(self.tr("是"), self)
        self.yes.setObjectName("yes")
        self.no = QRadioButton(self.tr("否"), self)
        self.no.setObjectName("no")
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.yes)
        lay.addSpacing(24)
        lay.addWidget(self.no)
        lay.addStretch(1)
        self.setFocusProxy(self.yes)

    def value(self) -> bool | None:
        if self.yes.isChecked():
            return True
        if self.no.isChecked():
            return False
        return None

    def set_value(self, value: bool | None) -> None:
        if value is None:
            self.group.setExclusive(False)
            self.yes.setChecked(False)
            self.no.setChecked(False)
            self.group.setExclusive(True)
        else:
            (self.yes if value else self.no).setChecked(True)


def _answer(widget: YesNo, field: str) -> bool:
    return yes_no(widget.value(), field)


@dataclass(frozen=True)
class ReturnAnswers:
    """The two questions both return windows ask."""

    invoice_returned: bool
    goods_intact: bool


@dataclass(frozen=True)
class ReturnInput(ReturnAnswers):
    #: The void or allowance of the order's invoice recorded with the step (None: later).
    invoice: VoidInput | AllowanceInput | None = None


@dataclass(frozen=True)
class ReturnFailedInput(ReturnAnswers):
    reason: str


class _ReturnForm(CancellationForm):
    """是否退回發票 and 退回商品是否完好, which both return windows ask first (their labels are
    the window's own)."""

    def __init__(self, detail: CancellationDetail, parent, title: str, invoice_label: str,
                 intact_label: str):
        super().__init__(detail, parent, title)
        self.invoice = self.add_field("invoice_returned", invoice_label, YesNo())
        self.intact = self.add_field("goods_intact", intact_label, YesNo())

    def _fill_answers(self, value: ReturnAnswers) -> None:
        self.invoice.set_value(value.invoice_returned)
        self.intact.set_value(value.goods_intact)

    def _answers(self) -> tuple[bool, bool]:
        return _answer(self.invoice, "invoice_returned"), _answer(self.intact, "goods_intact")


class ReturnDoneDialog(_ReturnForm):
    """退貨完成: 是否退回發票, 退回商品是否完好, and when the order's invoice still needs it, its
    void or allowance (``SettleSection``), then 【確定】."""

    ACTION = CancelAction.RETURN_DONE

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("退貨完成 — {0}"), self.tr("是否退回發票"),
                         self.tr("退回商品是否完好"))
        self.settle = add_settle_section(self, detail)

    def fill(self, value: ReturnInput) -> None:
        self._fill_answers(value)
        if self.settle is not None:
            self.settle.fill(value.invoice)

    def collect(self) -> ReturnInput:
        return ReturnInput(*self._answers(), self.settle.collect() if self.settle else None)


class ReturnFailedDialog(_ReturnForm):
    """退貨失敗: 是否退回發票, 退回商品是否完好, 退貨失敗原因, then 【確定】."""

    ACTION = CancelAction.RETURN_FAILED

    def __init__(self, detail: CancellationDetail, parent=None):
        super().__init__(detail, parent, self.tr("退貨失敗 — {0}"), self.tr("是否退回發票"),
                         self.tr("退回商品是否完好"))
        self.reason = self.add_field(
            "reason", self.tr("退貨失敗原因"), reason_edit(self.tr("例如：顧客未在約定時間交回商品"))
        )

    def fill(self, value: ReturnFailedInput) -> None:
        self._fill_answers(value)
        self.reason.setPlainText(value.reason)

    def collect(self) -> ReturnFailedInput:
        answers = self._answers()
        return ReturnFailedInput(*answers, required_text(self.reason.toPlainText(), "reason"))
