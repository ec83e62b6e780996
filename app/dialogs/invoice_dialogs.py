"""The invoice dialogs (docs/PRODUCT.md §8, E-invoices): 【開立發票】 for one order and for
several, 【作廢發票】, 【開立折讓單】 and the register's period.  Each returns plain values
(``InvoiceInput``, ``VoidInput``, ``AllowanceInput``, a pair of dates) checked by the domain;
none saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)

from app.domain import invoice as inv
from app.domain.errors import DomainError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.invoice import AllowanceInput, InvoiceInput, VoidInput
from app.domain.money import parse_amount
from app.services import shop_clock
from app.widgets import format as fmt
from app.widgets.dates import date_picker, picked_date
from app.widgets.hints import hint
from app.widgets.tables import fill_read_only

from .form import FormDialog


@dataclass(frozen=True)
class InvoiceTarget:
    """The order an invoice is recorded for, as the dialog shows it."""

    order_no: str
    order_day: date
    buyer_name: str
    total: int


def _intro(dialog: FormDialog, text: str) -> QLabel:
    label = QLabel(text, dialog)
    label.setWordWrap(True)
    dialog.top.addWidget(label)
    return label


class InvoiceDialog(FormDialog):
    """【開立發票】: the number the provider issued, its date, B2C or B2B (統一編號 and title),
    the carrier or donation code; the amounts follow the order's total."""

    def __init__(self, target: InvoiceTarget, *, today: date | None = None, initial=None,
                 error: DomainError | None = None, parent=None):
        super().__init__(self.tr("開立發票 — {0}").format(target.order_no), self.tr("開立發票"), parent)
        self.target = target
        self.today = today or shop_clock.today()
        _intro(self, self.tr("登錄服務商為訂單 {no}（{buyer}）開立的發票：").format(
            no=target.order_no, buyer=target.buyer_name))
        self.invoice_no = self.add_field("invoice_no", self.tr("發票號碼"), QLineEdit(self))
        hint(self.invoice_no, self.tr("例如：AB12345678"))
        self.invoice_no.setMaxLength(12)
        self.invoice_date = self.add_field("invoice_date", self.tr("發票日期"),
                                           date_picker(self.today, self))
        self.kind = self.add_field("kind", self.tr("發票類型"), QComboBox(self))
        for k in inv.KINDS:
            self.kind.addItem(QCoreApplication.translate("Invoice", inv.KIND_LABELS[k]), k)
        self.buyer_ban = self.add_field("buyer_ban", self.tr("買方統一編號"), QLineEdit(self))
        self.buyer_ban.setMaxLength(8)
        self.buyer_title = self.add_field("buyer_title", self.tr("買方名稱（公司抬頭）"), QLineEdit(self))
        self.buyer_title.setMaxLength(100)
        self.carrier_type = self.add_field("carrier_type", self.tr("載具"), QComboBox(self))
        for c in inv.CARRIERS:
            self.carrier_type.addItem(QCoreApplication.translate("Invoice", inv.CARRIER_LABELS[c]), c)
        self.carrier_type.setCurrentIndex(self.carrier_type.findData(inv.PRINTED))
        self.carrier_id = self.add_field("carrier_id", self.tr("載具號碼／捐贈碼"), QLineEdit(self))
        self.carrier_id.setMaxLength(20)
        self.amounts = self.add_field("total", self.tr("金額"), QLabel(self))
        self.kind.currentIndexChanged.connect(self._follow_kind)
        self.carrier_type.currentIndexChanged.connect(self._follow_carrier)
        self._follow_kind()
        self._follow_carrier()
        if initial is not None:
            self._fill(initial)
        if error is not None:
            self.show_error(error)

    def _fill(self, v: InvoiceInput) -> None:
        self.invoice_no.setText(v.invoice_no)
        self.kind.setCurrentIndex(max(self.kind.findData(v.kind), 0))
        self.buyer_ban.setText(v.buyer_ban)
        self.buyer_title.setText(v.buyer_title)
        self.carrier_type.setCurrentIndex(max(self.carrier_type.findData(v.carrier_type), 0))
        self.carrier_id.setText(v.carrier_id)
        if isinstance(v.invoice_date, date):
            self.invoice_date.setDate(v.invoice_date)

    def _follow_kind(self) -> None:
        b2b = self.kind.currentData() == inv.B2B
        self.buyer_ban.setEnabled(b2b)
        self.buyer_title.setEnabled(b2b)
        before, tax = inv.tax_split(self.target.total)
        if b2b:
            self.amounts.setText(self.tr("銷售額 {before} ＋ 稅額 {tax} ＝ 總計 {total}").format(
                before=fmt.money(before), tax=fmt.money(tax), total=fmt.money(self.target.total)))
        else:
            self.amounts.setText(self.tr("總計 {total}（含稅）").format(total=fmt.money(self.target.total)))

    def _follow_carrier(self) -> None:
        kind = self.carrier_type.currentData()
        self.carrier_id.setEnabled(kind != inv.PRINTED)
        hints = {inv.MOBILE: self.tr("/ 加 7 個字元，例如 /ABC+123"),
                 inv.CERTIFICATE: self.tr("2 個英文字母加 14 位數字"),
                 inv.DONATION: self.tr("3 到 7 位數字"), inv.PRINTED: ""}
        hint(self.carrier_id, hints[kind])

    def collect(self) -> InvoiceInput:
        b2b = self.kind.currentData() == inv.B2B
        value = InvoiceInput(self.invoice_no.text(), picked_date(self.invoice_date),
                             self.kind.currentData(), self.target.total,
                             self.carrier_type.currentData(), self.carrier_id.text(),
                             self.buyer_ban.text() if b2b else "",
                             self.buyer_title.text() if b2b else "")
        return value.validated(order_date=self.target.order_day, today=self.today)

    @classmethod
    def ask(cls, parent, target: InvoiceTarget, *, initial=None, error=None,
            today: date | None = None) -> InvoiceInput | None:
        return cls(target, today=today, initial=initial, error=error, parent=parent).answer()


def _next_number(no: str, step: int) -> str:
    return f"{no[:2]}{int(no[2:]) + step:08d}"


class BulkInvoiceDialog(FormDialog):
    """【開立發票】 for several orders: B2C invoices numbered on from the first number (the
    track the provider gave), one date and one kind of carrier for all; a table shows which
    number goes to which order before anything is saved.  Returns {order_no: InvoiceInput}."""

    def __init__(self, targets: list[InvoiceTarget], *, today: date | None = None, parent=None):
        super().__init__(self.tr("開立發票 — {0} 筆訂單").format(len(targets)), self.tr("開立發票"), parent)
        self.setMinimumWidth(620)
        self.targets = targets
        self.today = today or shop_clock.today()
        _intro(self, self.tr("為以下 {0} 筆訂單登錄二聯式發票，號碼從第一個號碼起連續編列：").format(len(targets)))
        self.first_no = self.add_field("invoice_no", self.tr("第一個發票號碼"), QLineEdit(self))
        hint(self.first_no, self.tr("例如：AB12345678"))
        self.invoice_date = self.add_field("invoice_date", self.tr("發票日期"), date_picker(self.today, self))
        self.carrier_type = self.add_field("carrier_type", self.tr("載具"), QComboBox(self))
        for c in (inv.PRINTED, inv.DONATION):
            self.carrier_type.addItem(QCoreApplication.translate("Invoice", inv.CARRIER_LABELS[c]), c)
        self.carrier_id = self.add_field("carrier_id", self.tr("捐贈碼"), QLineEdit(self))
        self.carrier_id.setEnabled(False)
        self.carrier_type.currentIndexChanged.connect(
            lambda _i: self.carrier_id.setEnabled(self.carrier_type.currentData() == inv.DONATION))
        self.preview = QTableWidget(self)
        self.preview.setObjectName("preview")
        self.form.addRow(self.preview)
        self.first_no.textChanged.connect(self._show_preview)
        self._show_preview()

    def _numbers(self) -> list[str] | None:
        try:
            first = inv.invoice_number(self.first_no.text())
        except ValidationError:
            return None
        if int(first[2:]) + len(self.targets) - 1 > 99_999_999:
            return None
        return [_next_number(first, i) for i in range(len(self.targets))]

    def _show_preview(self) -> None:
        numbers = self._numbers() or [""] * len(self.targets)
        fill_read_only(self.preview, [self.tr("訂單編號"), self.tr("訂購人"), self.tr("金額"), self.tr("發票號碼")],
                       [[t.order_no, t.buyer_name, fmt.money(t.total), n]
                        for t, n in zip(self.targets, numbers, strict=True)], right={2})
        self.preview.resizeColumnsToContents()

    def collect(self) -> dict[str, InvoiceInput]:
        inv.invoice_number(self.first_no.text())  # its own message when it is no number at all
        numbers = self._numbers()
        if numbers is None:
            raise ValidationError("invoice_no", QT_TRANSLATE_NOOP("Errors", "發票號碼不夠連續編列這些訂單。"))
        day = picked_date(self.invoice_date)
        carrier = self.carrier_type.currentData()
        out = {}
        for target, no in zip(self.targets, numbers, strict=True):
            value = InvoiceInput(no, day, inv.B2C, target.total, carrier, self.carrier_id.text())
            out[target.order_no] = value.validated(today=self.today)
        return out

    @classmethod
    def ask(cls, parent, targets: list[InvoiceTarget], *, today: date | None = None):
        return cls(targets, today=today, parent=parent).answer()


@dataclass(frozen=True)
class InvoiceShown:
    """The invoice a void or an allowance is about, as the dialog shows it."""

    invoice_no: str
    invoice_date: date
    order_no: str
    total: int
    remaining: int
    advice: str  # inv.VOID or inv.ALLOWANCE (today)
    #: The return of the invoice's VAT period was filed (no void then).
    filed: bool = False


def _advice_text(shown: InvoiceShown) -> str:
    period = inv.vat_period_label(shown.invoice_date)
    params = dict(no=shown.invoice_no, date=fmt.day(shown.invoice_date), period=period)
    if shown.advice == inv.VOID:
        return QCoreApplication.translate(
            "InvoiceDialogs", "發票 {no}（{date}，{period} 期）仍在同一申報期內：請作廢。").format(**params)
    if shown.filed:
        return QCoreApplication.translate(
            "InvoiceDialogs", "發票 {no}（{date}，{period} 期）的申報期已申報：請開立折讓單。").format(**params)
    return QCoreApplication.translate(
        "InvoiceDialogs", "發票 {no}（{date}，{period} 期）的申報期已過：請開立折讓單。").format(**params)


class VoidFields:
    """作廢's fields in a form: the day (default today) and the reason."""

    def __init__(self, dialog: FormDialog, today: date):
        self.void_date = dialog.add_field("void_date", QCoreApplication.translate("InvoiceDialogs", "作廢日期"), date_picker(today, dialog))
        self.reason = dialog.add_field("reason", QCoreApplication.translate("InvoiceDialogs", "作廢原因"), QLineEdit(dialog))
        self.reason.setText(QCoreApplication.translate("InvoiceDialogs", "訂單取消"))
        self.rows = (self.void_date.parentWidget(), self.reason.parentWidget())

    def fill(self, initial: VoidInput) -> None:
        self.void_date.setDate(initial.void_date)
        self.reason.setText(initial.reason)

    def collect(self, shown: InvoiceShown, today: date) -> VoidInput:
        return VoidInput(picked_date(self.void_date), self.reason.text()).validated(
            invoice_date=shown.invoice_date, today=today, filed=shown.filed)


class AllowanceFields:
    """折讓's fields in a form: the allowance's number, day and amount (tax included; the
    split shown beside what the invoice still holds)."""

    def __init__(self, dialog: FormDialog, shown: InvoiceShown, today: date, amount: int):
        self.shown = shown
        self.allowance_no = dialog.add_field("allowance_no", QCoreApplication.translate("InvoiceDialogs", "折讓單號碼"), QLineEdit(dialog))
        self.allowance_no.setMaxLength(40)
        self.allowance_date = dialog.add_field("allowance_date", QCoreApplication.translate("InvoiceDialogs", "折讓日期"), date_picker(today, dialog))
        self.total = dialog.add_field("allowance_total", QCoreApplication.translate("InvoiceDialogs", "折讓金額（含稅）"), QSpinBox(dialog))
        self.total.setRange(0, 99_999_999)
        self.total.setValue(amount)
        self.split = QLabel(dialog)
        self.split.setObjectName("split")
        dialog.form.addRow(QCoreApplication.translate("InvoiceDialogs", "銷售額／稅額"), self.split)
        self.total.valueChanged.connect(self._show_split)
        self._show_split()
        self.rows = (self.allowance_no.parentWidget(), self.allowance_date.parentWidget(),
                     self.total.parentWidget(), self.split)

    def fill(self, initial: AllowanceInput) -> None:
        self.allowance_no.setText(initial.allowance_no)
        self.allowance_date.setDate(initial.allowance_date)
        self.total.setValue(initial.total)

    def _show_split(self) -> None:
        before, tax = inv.tax_split(self.total.value())
        self.split.setText(QCoreApplication.translate("InvoiceDialogs", "{before} ＋ 稅額 {tax}（發票尚餘 {left}）").format(
            before=fmt.money(before), tax=fmt.money(tax), left=fmt.money(self.shown.remaining)))

    def collect(self, today: date) -> AllowanceInput:
        amount = parse_amount(self.total.value(), "allowance_total")
        return AllowanceInput(self.allowance_no.text(), picked_date(self.allowance_date), amount).validated(
            invoice_date=self.shown.invoice_date, remaining=self.shown.remaining, today=today)


class _InvoiceFormDialog(FormDialog):
    """What 作廢 and 折讓 share: the invoice and its advice at the top, a day defaulting to
    today, the fields filled again from ``initial`` when the clerk is asked again."""

    def _show_invoice(self, shown: InvoiceShown, today: date | None) -> None:
        self.shown = shown
        self.today = today or shop_clock.today()
        self.advice = _intro(self, _advice_text(shown))
        self.advice.setObjectName("advice")

    def _fill_or_show(self, initial, error: DomainError | None) -> None:
        if initial is not None:
            self.part.fill(initial)
        if error is not None:
            self.show_error(error)

    @classmethod
    def ask(cls, parent, shown: InvoiceShown, *, initial=None, error=None, today=None):
        return cls(shown, today=today, initial=initial, error=error, parent=parent).answer()


class VoidDialog(_InvoiceFormDialog):
    """【作廢發票】: the day and the reason."""

    def __init__(self, shown: InvoiceShown, *, today: date | None = None, initial=None,
                 error: DomainError | None = None, parent=None):
        super().__init__(self.tr("作廢發票 — {0}").format(shown.invoice_no), self.tr("作廢發票"), parent)
        self._show_invoice(shown, today)
        self.part = VoidFields(self, self.today)
        self._fill_or_show(initial, error)

    def collect(self) -> VoidInput:
        return self.part.collect(self.shown, self.today)


class AllowanceDialog(_InvoiceFormDialog):
    """【開立折讓單】: the allowance's number, day and amount (tax included; the tax is shown)."""

    def __init__(self, shown: InvoiceShown, *, today: date | None = None, initial=None,
                 error: DomainError | None = None, parent=None):
        super().__init__(self.tr("開立折讓單 — {0}").format(shown.invoice_no), self.tr("開立折讓單"), parent)
        self._show_invoice(shown, today)
        self.part = AllowanceFields(self, shown, self.today, shown.remaining)
        self.allowance_no = self.part.allowance_no
        self._fill_or_show(initial, error)

    def collect(self) -> AllowanceInput:
        return self.part.collect(self.today)


#: What the clerk does with the invoice in a cancellation step: the void or allowance now, or
#: later on the 發票 page.
LATER = "later"
SETTLE_LABELS = {inv.VOID: QT_TRANSLATE_NOOP("InvoiceDialogs", "現在登錄作廢"),
                 inv.ALLOWANCE: QT_TRANSLATE_NOOP("InvoiceDialogs", "現在登錄折讓單"),
                 LATER: QT_TRANSLATE_NOOP("InvoiceDialogs", "稍後在「發票」頁登錄")}


class SettleSection:
    """The order's invoice inside a cancellation step's form (【退貨完成】, 【退款成功】,
    docs/PRODUCT.md §8): what it needs (the dialog's summary says it), and the void or the
    allowance recorded with the step — the advised one is chosen; a void is offered only while
    the invoice may still be voided.  ``collect()`` gives a ``VoidInput``, an
    ``AllowanceInput`` or None (later)."""

    def __init__(self, dialog: FormDialog, shown: InvoiceShown, *, amount: int,
                 today: date | None = None):
        self.dialog = dialog
        self.shown = shown
        self.today = today or shop_clock.today()
        self.choice = dialog.add_field("settle_invoice", QCoreApplication.translate("InvoiceDialogs", "發票 {0}").format(shown.invoice_no),
                                       QComboBox(dialog))
        for key in ((inv.VOID, inv.ALLOWANCE, LATER) if shown.advice == inv.VOID else (inv.ALLOWANCE, LATER)):
            self.choice.addItem(QCoreApplication.translate("InvoiceDialogs", SETTLE_LABELS[key]), key)
        self.void = VoidFields(dialog, self.today) if shown.advice == inv.VOID else None
        self.allowance = AllowanceFields(dialog, shown, self.today, min(amount, shown.remaining) or shown.remaining)
        self.choice.currentIndexChanged.connect(self._follow)
        self._follow()

    def chosen(self) -> str:
        return self.choice.currentData()

    def _follow(self) -> None:
        for key, part in ((inv.VOID, self.void), (inv.ALLOWANCE, self.allowance)):
            for row in part.rows if part else ():
                self.dialog.form.setRowVisible(row, self.chosen() == key)
        if self.dialog.isVisible():  # the rows hidden leave no gap
            self.dialog.adjustSize()

    def fill(self, value: VoidInput | AllowanceInput | None) -> None:
        key = inv.VOID if isinstance(value, VoidInput) else inv.ALLOWANCE if value else LATER
        self.choice.setCurrentIndex(max(self.choice.findData(key), 0))
        part = {inv.VOID: self.void, inv.ALLOWANCE: self.allowance}.get(key)
        if part is not None:
            part.fill(value)

    def collect(self) -> VoidInput | AllowanceInput | None:
        if self.chosen() == inv.VOID:
            return self.void.collect(self.shown, self.today)
        if self.chosen() == inv.ALLOWANCE:
            return self.allowance.collect(self.today)
        return None


def open_invoice_shown(records, order_no: str, today: date) -> InvoiceShown | None:
    """The order's invoice that still needs a void or an allowance, as the dialogs show it,
    from its ``InvoiceRecord``s (the order detail's); None when there is none."""
    rec = records[-1] if records else None
    if rec is None or rec.void is not None or rec.remaining <= 0:
        return None
    i = rec.invoice
    return InvoiceShown(i.invoice_no, i.invoice_date, order_no, i.total, rec.remaining,
                        inv.void_or_allowance(i.invoice_date, today, filed=rec.filed), rec.filed)


class RegisterDialog(FormDialog):
    """匯出發票明細帳: a two-month VAT period (default the one before today's) or any days."""

    def __init__(self, *, today: date | None = None, parent=None):
        super().__init__(self.tr("匯出發票明細帳"), self.tr("選擇檔案並匯出…"), parent)
        self.today = today or shop_clock.today()
        _intro(self, self.tr("發票、作廢與折讓的明細，以及營業稅申報需要的合計。"))
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.by_period = QRadioButton(self.tr("申報期別"), box)
        self.by_days = QRadioButton(self.tr("日期區間"), box)
        group = QButtonGroup(self)
        group.addButton(self.by_period)
        group.addButton(self.by_days)
        self.by_period.setChecked(True)
        row.addWidget(self.by_period)
        row.addWidget(self.by_days)
        self.form.addRow(box)
        self.period = self.add_field("period", self.tr("期別"), QComboBox(self))
        start = inv.vat_period(self.today)[0]
        for _ in range(12):
            self.period.addItem(inv.vat_period_label(start), start)
            start = inv.vat_period(date.fromordinal(start.toordinal() - 1))[0]
        self.period.setCurrentIndex(1)  # the period to file now is the last one that ended
        self.date_from = self.add_field("date_from", self.tr("從"), date_picker(self.today.replace(day=1), self))
        self.date_to = self.add_field("date_to", self.tr("到"), date_picker(self.today, self))
        self.by_period.toggled.connect(self._follow)
        self._follow()

    def _follow(self) -> None:
        period = self.by_period.isChecked()
        self.period.setEnabled(period)
        self.date_from.setEnabled(not period)
        self.date_to.setEnabled(not period)

    def collect(self) -> tuple[date, date]:
        if self.by_period.isChecked():
            return inv.vat_period(self.period.currentData())
        start, end = picked_date(self.date_from), picked_date(self.date_to)
        if start > end:
            raise ValidationError("date_to", QT_TRANSLATE_NOOP("Errors", "結束日期不能早於開始日期。"))
        return start, end

    @classmethod
    def ask(cls, parent, *, today: date | None = None) -> tuple[date, date] | None:
        return cls(today=today, parent=parent).answer()


class FilingDialog(FormDialog):
    """【申報完成】: the VAT period whose return was filed (the ended periods not yet recorded,
    the last ended one first) and the day it was filed.  Returns (a day of the period, the
    day filed)."""

    def __init__(self, filed: frozenset[date], *, today: date | None = None, parent=None):
        super().__init__(self.tr("申報完成"), self.tr("登錄申報完成"), parent)
        self.today = today or shop_clock.today()
        _intro(self, self.tr("登錄營業稅申報完成的期別：之後這一期的發票只能開立折讓單，不能再作廢。"))
        self.period = self.add_field("period", self.tr("申報期別"), QComboBox(self))
        start = inv.vat_period(self.today)[0]
        for _ in range(12):
            start = inv.vat_period(date.fromordinal(start.toordinal() - 1))[0]
            if start not in filed:
                self.period.addItem(inv.vat_period_label(start), start)
        self.filed_on = self.add_field("filed_on", self.tr("申報日期"), date_picker(self.today, self))

    def collect(self) -> tuple[date, date]:
        start = self.period.currentData()
        if start is None:
            raise ValidationError("period", QT_TRANSLATE_NOOP("Errors", "請選擇申報期別。"))
        return start, picked_date(self.filed_on)

    @classmethod
    def ask(cls, parent, filed: frozenset[date], *, initial=None, error=None,
            today: date | None = None) -> tuple[date, date] | None:
        dialog = cls(filed, today=today, parent=parent)
        if initial is not None:
            dialog.period.setCurrentIndex(max(dialog.period.findData(initial[0]), 0))
            dialog.filed_on.setDate(initial[1])
        return dialog.answer(error=error)
