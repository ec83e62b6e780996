"""The bulk forms of 【確認付款】, 【等待出貨】 and 【出貨】 on several selected orders.

A preview lists the orders before anything happens (``BulkPreviewDialog``; for shipping,
``BulkShipDialog`` is the preview and the form: one ship date, a carrier and a tracking number
per order); afterwards ``BulkResultDialog`` lists each order's outcome.  They never save.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import ShipInput
from app.domain.money import format_ntd
from app.domain.statuses import ORDER_STATUS_LABELS
from app.services import shop_clock
from app.services.queries import OrderRow, utc_to_local
from app.widgets.dates import date_picker, order_day, picked_date
from app.widgets.hints import hint, suggest

from .confirm_dialogs import ConfirmPaymentInput
from .form import FormDialog
from .ship_dialog import carrier_names

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
#: The most orders a read-only preview lists (each is a row of items): a bulk action on a
#: whole large tab (100,000 orders selected) opens at once, its count in the title.
PREVIEW_ROWS = 1000
FAILED_COLOR = QColor("#c62828")


@dataclass(frozen=True)
class Outcome:
    """What happened to one order of a bulk action."""

    order_id: int
    order_no: str
    ok: bool
    text: str  # the new status, or why it did not move


def _item(text: str, *, editable: bool = False, align=None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if editable:
        flags |= Qt.ItemFlag.ItemIsEditable
    item.setFlags(flags)
    if align is not None:
        item.setTextAlignment(align)
    return item


def _table(headers: list[str], parent) -> QTableWidget:
    t = QTableWidget(0, len(headers), parent)
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setStretchLastSection(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.setMinimumHeight(160)
    t.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return t


def _orders_table(dialog: FormDialog, question: str, headers: list[str], n: int) -> QTableWidget:
    """The question above a read-only table of ``n`` orders (the bulk previews)."""
    intro = QLabel(question, dialog)
    intro.setWordWrap(True)
    dialog.top.addWidget(intro)
    table = _table(headers, dialog)
    table.setObjectName("orders")
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setRowCount(min(n, PREVIEW_ROWS))
    if n > PREVIEW_ROWS:  # a select-all of a large tab: the first ones listed, all counted
        more = QLabel(QCoreApplication.translate("BulkPreviewDialog", "表中列出前 {0} 筆，另有 {1} 筆未列出。").format(
            PREVIEW_ROWS, n - PREVIEW_ROWS), dialog)
        more.setObjectName("preview_more")
        dialog.top.addWidget(more)
    return table


def _fit(table: QTableWidget, rows: int) -> None:
    table.resizeColumnsToContents()
    header = table.horizontalHeader().sizeHint().height()
    row_h = table.verticalHeader().defaultSectionSize()
    table.setMinimumHeight(min(max(header + row_h * rows + 6, 120), 420))


class BulkPreviewDialog(FormDialog):
    """The orders a bulk action is about to move, with the action's button."""

    def __init__(self, title: str, action: str, question: str, rows: list[OrderRow], parent=None):
        super().__init__(title, QCoreApplication.translate("BulkPreviewDialog", "{action}（{n} 筆）").format(
            action=action, n=len(rows)), parent)
        self.setMinimumWidth(640)
        self.rows = rows
        self.table = _orders_table(self, question, [
            self.tr("訂單編號"), self.tr("訂單日期"), self.tr("訂購人"), self.tr("目前狀態"),
            self.tr("訂單金額")], len(rows))
        for r, row in enumerate(rows[:PREVIEW_ROWS]):
            when = utc_to_local(row.order_date)
            self.table.setItem(r, 0, _item(row.order_no))
            self.table.setItem(r, 1, _item(when.strftime("%Y-%m-%d %H:%M")))
            self.table.setItem(r, 2, _item(row.buyer_name))
            self.table.setItem(r, 3, _item(QCoreApplication.translate(
                "Status", ORDER_STATUS_LABELS[row.status])))
            self.table.setItem(r, 4, _item(format_ntd(row.total), align=RIGHT))
        _fit(self.table, min(len(rows), PREVIEW_ROWS))
        self.top.addWidget(self.table)

    def collect(self) -> bool:
        return True

    @classmethod
    def ask(cls, parent, title: str, action: str, question: str, rows: list[OrderRow]) -> bool:
        """True when the clerk goes ahead with ``action`` on ``rows``."""
        dialog = cls(title, action, question, rows, parent)
        try:
            return dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            dialog.deleteLater()


class BulkConfirmPaymentDialog(FormDialog):
    """【確認付款】 on several orders: each order's total beside its latest notice's amount,
    every mismatch marked; when some notice is below its total, 短收原因 (for those orders) is
    required.  Returns {order id: ConfirmPaymentInput}."""

    def __init__(self, rows: list[OrderRow], notices: dict[int, int], parent=None):
        title = QCoreApplication.translate("OrderActions", "確認付款")
        super().__init__(title, QCoreApplication.translate("BulkPreviewDialog", "{action}（{n} 筆）").format(
            action=title, n=len(rows)), parent)
        self.setMinimumWidth(720)
        self.rows = rows
        self.notices = notices
        question = self.tr("確認已收到以下 {0} 筆訂單的貨款？確認後訂單會移到「等待出貨」，"
                           "實收金額記為付款通知的金額。").format(len(rows))
        self.table = _orders_table(self, question, [
            self.tr("訂單編號"), self.tr("訂購人"), self.tr("訂單金額"), self.tr("通知金額"),
            self.tr("核對")], len(rows))
        self.short: list[OrderRow] = []
        for r, row in enumerate(rows):
            amount = notices.get(row.id)
            if r >= PREVIEW_ROWS:  # not listed, still checked
                if amount is not None and amount < row.total:
                    self.short.append(row)
                continue
            self.table.setItem(r, 0, _item(row.order_no))
            self.table.setItem(r, 1, _item(row.buyer_name))
            self.table.setItem(r, 2, _item(format_ntd(row.total), align=RIGHT))
            self.table.setItem(r, 3, _item(format_ntd(amount) if amount is not None else "—",
                                           align=RIGHT))
            if amount is None:
                check = self.tr("沒有付款通知")
            elif amount < row.total:
                check = self.tr("短收 {0}").format(format_ntd(row.total - amount))
                self.short.append(row)
            elif amount > row.total:
                check = self.tr("溢收 {0}").format(format_ntd(amount - row.total))
            else:
                check = self.tr("相符")
            mark = _item(check)
            if amount != row.total:  # every mismatch marked, in the amount and the check
                mark.setForeground(QBrush(FAILED_COLOR))
                self.table.item(r, 3).setForeground(QBrush(FAILED_COLOR))
            self.table.setItem(r, 4, mark)
        _fit(self.table, min(len(rows), PREVIEW_ROWS))
        self.top.addWidget(self.table)
        self.shortfall_reason = None
        if self.short:
            warn = QLabel(self.tr("{0} 筆訂單的通知金額少於訂單金額，請填寫短收原因（套用於這些訂單）。")
                          .format(len(self.short)), self)
            warn.setObjectName("shortfall_warning")
            warn.setWordWrap(True)
            warn.setStyleSheet("color: #c62828;")
            self.top.addWidget(warn)
            self.shortfall_reason = self.add_field("shortfall_reason", self.tr("短收原因"), QLineEdit())

    def collect(self) -> dict:
        reason = None
        if self.shortfall_reason is not None:
            text = self.shortfall_reason.text().strip()
            if not text:
                raise ValidationError("shortfall_reason", QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
            reason = text
        short = {r.id for r in self.short}
        return {r.id: ConfirmPaymentInput(reason if r.id in short else None) for r in self.rows}

    @classmethod
    def ask(cls, parent, rows: list[OrderRow], notices: dict[int, int]) -> dict | None:
        return cls(rows, notices, parent).answer()


class BulkShipDialog(FormDialog):
    """出貨 for several orders: one ship date, and per order its carrier and tracking number.

    The carrier typed above fills every order's carrier that still follows it; a carrier
    changed in the table stays as the clerk typed it.
    """

    COL_NO, COL_BUYER, COL_METHOD, COL_CARRIER, COL_TRACKING = range(5)

    def __init__(self, rows: list[OrderRow], *, today: date | None = None, parent=None):
        super().__init__(self.tr("出貨 — {0} 筆訂單").format(len(rows)),
                         self.tr("出貨（{0} 筆）").format(len(rows)), parent)
        self.setMinimumWidth(720)
        self.rows = rows
        self.today = today or shop_clock.today()
        intro = QLabel(self.tr("以下 {0} 筆訂單將以同一個出貨日期出貨；請填寫每筆訂單的貨運單號。").format(
            len(rows)), self)
        intro.setWordWrap(True)
        self.top.addWidget(intro)
        self.ship_date = self.add_field("ship_date", self.tr("出貨日期"), date_picker(self.today, self))
        self.carrier = self.add_field("carrier", self.tr("物流業者（全部）"), QLineEdit(self))
        names = carrier_names()
        hint(self.carrier, self.tr("例如：{0}").format(names[0] if names else "黑貓宅急便"))
        suggest(self.carrier, names)
        self.carrier.setMaxLength(100)
        self._shared_carrier = ""
        self.carrier.textChanged.connect(self._carrier_changed)
        self.table = _table([self.tr("訂單編號"), self.tr("訂購人"), self.tr("送貨方式"),
                             self.tr("物流業者"), self.tr("貨運單號")], self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            self.table.setItem(r, self.COL_NO, _item(row.order_no))
            self.table.setItem(r, self.COL_BUYER, _item(row.buyer_name))
            self.table.setItem(r, self.COL_METHOD, _item(row.shipping_method))
            self.table.setItem(r, self.COL_CARRIER, _item("", editable=True))
            self.table.setItem(r, self.COL_TRACKING, _item("", editable=True))
        _fit(self.table, len(rows))
        self.table.setColumnWidth(self.COL_CARRIER, 130)
        self.table.setColumnWidth(self.COL_TRACKING, 160)
        self.add_field("orders", self.tr("出貨資訊"), self.table)

    def _carrier_changed(self, text: str) -> None:
        for r in range(self.table.rowCount()):
            item = self.table.item(r, self.COL_CARRIER)
            if item.text() == self._shared_carrier:
                item.setText(text)
        self._shared_carrier = text

    def set_tracking(self, row: int, text: str) -> None:
        self.table.item(row, self.COL_TRACKING).setText(text)

    def collect(self) -> dict[int, ShipInput]:
        day = picked_date(self.ship_date)
        if day > self.today:
            raise ValidationError("ship_date", QT_TRANSLATE_NOOP("Errors", "出貨日期不能晚於今天。"))
        for row in self.rows:
            if day < order_day(row):
                raise ValidationError(
                    "ship_date", QT_TRANSLATE_NOOP("Errors", "出貨日期不能早於訂單 {no} 的訂單日期 {day}。"),
                    no=row.order_no, day=order_day(row).isoformat())
        result = {}
        for r, row in enumerate(self.rows):
            carrier = self.table.item(r, self.COL_CARRIER).text()
            tracking = self.table.item(r, self.COL_TRACKING).text()
            for col, value, template in (
                (self.COL_CARRIER, carrier, QT_TRANSLATE_NOOP("Errors", "訂單 {no}：請填寫物流業者。")),
                (self.COL_TRACKING, tracking, QT_TRANSLATE_NOOP("Errors", "訂單 {no}：請填寫貨運單號。")),
            ):
                if not value.strip():
                    self.table.setCurrentCell(r, col)
                    raise ValidationError("orders", template, no=row.order_no)
            result[row.id] = ShipInput(day, carrier, tracking).validated(
                order_date=order_day(row), today=self.today)
        return result

    @classmethod
    def ask(cls, parent, rows: list[OrderRow], *, today: date | None = None) -> dict[int, ShipInput] | None:
        """Each order's shipment (by order id), or None if cancelled."""
        return cls(rows, today=today, parent=parent).answer()


class BulkResultDialog(QDialog):
    """Each order's outcome: moved (and to where), or why not."""

    def __init__(self, title: str, outcomes: list[Outcome], parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(760)
        self.outcomes = outcomes
        ok = sum(1 for o in outcomes if o.ok)
        self.summary = QLabel(self.tr("成功 {ok} 筆，未完成 {failed} 筆。").format(
            ok=ok, failed=len(outcomes) - ok), self)
        self.summary.setObjectName("summary")
        self.table = _table([self.tr("訂單編號"), self.tr("結果"), self.tr("說明")], self)
        self.table.setObjectName("outcomes")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.setRowCount(len(outcomes))
        for r, o in enumerate(outcomes):
            result = _item(self.tr("成功") if o.ok else self.tr("未完成"))
            if not o.ok:
                result.setForeground(QBrush(FAILED_COLOR))
            self.table.setItem(r, 0, _item(o.order_no))
            self.table.setItem(r, 1, result)
            text = _item(o.text)
            text.setToolTip(o.text)
            self.table.setItem(r, 2, text)
        _fit(self.table, len(outcomes))
        self.table.setColumnWidth(2, 420)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.resizeRowsToContents()
        buttons = QDialogButtonBox(self)
        close = QPushButton(self.tr("關閉"), self)
        close.setObjectName("close")
        close.setDefault(True)
        buttons.addButton(close, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.table)
        lay.addWidget(buttons)

    @classmethod
    def report(cls, parent, title: str, outcomes: list[Outcome]) -> None:
        """Show the outcomes until the clerk closes the list."""
        dialog = cls(title, outcomes, parent)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()
