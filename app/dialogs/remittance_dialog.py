"""【登錄撥款】: a carrier's payment of the cash-on-delivery money it collected — carrier, date,
amount received, fee, reference — and the orders it covers, checked in a list that sums what
they collected and shows the short or over amount.  From a statement (【匯入對帳單…】) the
orders are the statement's matched lines, and its unknown lines and orders already remitted
are listed.  Returns ``(RemittanceInput, order ids)``; it never saves (the page's runner does)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.money import format_ntd, parse_amount
from app.domain.remittance import RemittanceInput, difference
from app.widgets.dates import date_picker, picked_date
from app.widgets.hints import hint

from .form import FormDialog, error_text


class RemittanceDialog(FormDialog):
    def __init__(self, parent, orders: list, *, today: date, match=None, initial=None):
        super().__init__(self.tr("登錄撥款"), self.tr("登錄"), parent)
        self.match = match
        self.carrier = QComboBox(self)
        self.carrier.setEditable(True)
        for name in dict.fromkeys(c for o in orders if (c := getattr(o, "carrier", ""))):
            self.carrier.addItem(name)
        self.day = date_picker(today, self)
        self.amount = QLineEdit(self)
        self.fee = QLineEdit(self)
        self.reference = QLineEdit(self)
        hint(self.reference, self.tr("例如 撥款單號、匯款帳號末五碼"))
        self.orders = QListWidget(self)
        self.orders.setMinimumHeight(160)
        for o in orders:
            item = QListWidgetItem(self.tr("{no}　{who}　{amount}").format(
                no=o.order_no, who=getattr(o, "buyer_name", ""), amount=format_ntd(o.collected)), self.orders)
            item.setData(Qt.ItemDataRole.UserRole, (o.order_id, o.collected))
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if match is not None else Qt.CheckState.Unchecked)
        self.summary = QLabel(self)
        self.summary.setObjectName("remittance_summary")
        self.add_field("carrier", self.tr("物流業者"), self.carrier)
        self.add_field("remitted_on", self.tr("撥款日期"), self.day)
        self.add_field("amount", self.tr("實收金額"), self.amount)
        self.add_field("fee", self.tr("手續費"), self.fee)
        self.add_field("reference", self.tr("撥款參考號碼"), self.reference)
        self.add_field("orders", self.tr("包含的訂單"), self.orders)
        self.form.addRow("", self.summary)
        if match is not None:
            self.orders.setEnabled(False)
            self.amount.setText(str(match.amount - match.fee))
            self.fee.setText(str(match.fee))
            notes = [self.tr("對帳單：{0}").format(match.file)]
            notes += [self.tr("第 {row} 列 {key}：找不到這筆貨到付款訂單").format(row=u.row, key=u.key)
                      for u in match.unknown]
            notes += [self.tr("第 {row} 列 {no}：已對帳，不重複對帳").format(row=x.row, no=x.order_no)
                      for x in match.already]
            notes += [self.tr("第 {row} 列：{error}").format(row=row, error=error_text(err))
                      for row, _col, err in match.problems]
            notes += [self.tr("第 {row} 列 {no}：對帳單 {amount}，訂單代收 {collected}").format(
                row=m.row, no=m.order_no, amount=format_ntd(m.amount), collected=format_ntd(m.collected))
                for m in match.short_over]
            lines = QLabel("\n".join(notes), self)
            lines.setObjectName("statement_notes")
            lines.setWordWrap(True)
            self.top.addWidget(lines)
        if initial is not None:
            value, ids = initial  # reopened after a refusal, or the orders selected on the page
            if value is not None:
                self.carrier.setEditText(value.carrier)
                self.day.setDate(value.remitted_on)
                self.amount.setText(str(value.amount))
                self.fee.setText(str(value.fee))
                self.reference.setText(value.reference)
            for i in range(self.orders.count()):
                item = self.orders.item(i)
                checked = item.data(Qt.ItemDataRole.UserRole)[0] in ids
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.orders.itemChanged.connect(self._sum)
        self.amount.textChanged.connect(self._sum)
        self.fee.textChanged.connect(self._sum)
        self._sum()

    def checked(self) -> list[tuple[int, int]]:
        out = []
        for i in range(self.orders.count()):
            item = self.orders.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def _sum(self, *_args) -> None:
        collected = sum(c for _i, c in self.checked())
        try:
            amount = parse_amount(self.amount.text(), "amount", allow_empty=True) or 0
            fee = parse_amount(self.fee.text(), "fee", allow_empty=True) or 0
        except ValidationError:
            amount = fee = 0
        diff = difference(amount, fee, collected)
        state = (self.tr("短少 {0}").format(format_ntd(-diff)) if diff < 0 else
                 self.tr("溢收 {0}").format(format_ntd(diff)) if diff > 0 else self.tr("相符"))
        self.summary.setText(self.tr("訂單代收合計 {collected}；實收＋手續費 {paid}：{state}").format(
            collected=format_ntd(collected), paid=format_ntd(amount + fee), state=state))

    def collect(self) -> tuple[RemittanceInput, list[int]]:
        amount = parse_amount(self.amount.text(), "amount")
        fee = parse_amount(self.fee.text(), "fee", allow_empty=True) or 0
        value = RemittanceInput(self.carrier.currentText(), picked_date(self.day), amount, fee,
                                self.reference.text()).validated()
        ids = [i for i, _c in self.checked()]
        if not ids:
            raise ValidationError("orders", QT_TRANSLATE_NOOP("Errors", "請選擇這筆撥款包含的訂單。"))
        return value, ids

    @classmethod
    def ask(cls, parent, orders, *, today: date, match=None, initial=None, error=None):
        return cls(parent, orders, today=today, match=match, initial=initial).answer(error=error)
