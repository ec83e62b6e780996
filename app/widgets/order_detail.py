"""檢視商品訂單資訊: the manual's three blocks and the order's history, as a widget that the
order's detail dialog, the cancellation's detail and the request form show."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import queries

from . import format as fmt
from .tables import FullTable, fill_read_only

#: How the inputs recorded in the history are labelled.
INPUT_LABELS = {
    "transfer_date": QT_TRANSLATE_NOOP("Input", "轉帳日期"),
    "amount": QT_TRANSLATE_NOOP("Input", "金額"),
    "account_last5": QT_TRANSLATE_NOOP("Input", "帳號末五碼"),
    "note": QT_TRANSLATE_NOOP("Input", "備註"),
    "ship_date": QT_TRANSLATE_NOOP("Input", "出貨日期"),
    "carrier": QT_TRANSLATE_NOOP("Input", "物流業者"),
    "tracking_no": QT_TRANSLATE_NOOP("Input", "貨運單號"),
    "reason": QT_TRANSLATE_NOOP("Input", "原因"),
    "by": QT_TRANSLATE_NOOP("Input", "申請人"),
    "bank_code": QT_TRANSLATE_NOOP("Input", "銀行代碼"),
    "branch": QT_TRANSLATE_NOOP("Input", "分行"),
    "account_number": QT_TRANSLATE_NOOP("Input", "帳號"),
    "account_name": QT_TRANSLATE_NOOP("Input", "戶名"),
    "cs_number": QT_TRANSLATE_NOOP("Input", "客服編號"),
    "invoice_returned": QT_TRANSLATE_NOOP("Input", "發票已退回"),
    "goods_intact": QT_TRANSLATE_NOOP("Input", "商品完好"),
    "refund_date": QT_TRANSLATE_NOOP("Input", "匯款日期"),
    "reference": QT_TRANSLATE_NOOP("Input", "匯款編號"),
    "total": QT_TRANSLATE_NOOP("Input", "訂單金額"),
    "notice_amount": QT_TRANSLATE_NOOP("Input", "通知金額"),
    "subtotal": QT_TRANSLATE_NOOP("Input", "商品小計"),
    "shipping_fee": QT_TRANSLATE_NOOP("Input", "運費"),
}
MONEY_KEYS = {"amount", "total", "notice_amount", "subtotal", "shipping_fee"}
WHO = {
    "customer": QT_TRANSLATE_NOOP("Input", "顧客"),
    "clerk": QT_TRANSLATE_NOOP("Input", "管理人員"),
}


def describe_input(data: dict) -> str:
    """A history record's input in words: 「出貨日期：2026-11-20；物流業者：黑貓」."""
    parts = []
    order = list(INPUT_LABELS)
    for key, value in sorted(data.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else len(order))):
        label = QCoreApplication.translate("Input", INPUT_LABELS.get(key, key))
        if isinstance(value, bool):
            value = fmt.yes_no(value)
        elif key in MONEY_KEYS and isinstance(value, int):
            value = fmt.money(value)
        elif key == "by":
            value = QCoreApplication.translate("Input", WHO.get(value, value))
        if value in (None, ""):
            continue
        parts.append(QCoreApplication.translate("Input", "{label}：{value}").format(label=label, value=value))
    return QCoreApplication.translate("Input", "；").join(parts)


def history_cells(h, content: str) -> list[str]:
    """A history record's row: time, action, from, to, operator, and ``content``."""
    return [fmt.local_dt(h.at), fmt.action_label(h.action), fmt.status_any(h.machine, h.from_status),
            fmt.status_any(h.machine, h.to_status), h.operator, content]


def _table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset(),
           stretch: int | None = None) -> QTableWidget:
    t = fill_read_only(QTableWidget(), headers, rows, right)
    t.resizeColumnsToContents()
    t.resizeRowsToContents()
    header = t.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    height = header.sizeHint().height() + sum(t.rowHeight(i) for i in range(len(rows))) + 4
    t.setFixedHeight(min(max(height, 60), 320))
    return t


def value_label(text: str) -> QLabel:
    label = QLabel(text or "—")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class OrderDetailView(QWidget):
    """The blocks as a widget, so the cancellation page and the request form can show them."""

    def __init__(self, detail: queries.OrderDetail, *, with_history: bool = True, parent=None):
        super().__init__(parent)
        d = detail
        lay = QVBoxLayout(self)

        items = QGroupBox(self.tr("購買物品內容"), self)
        items.setObjectName("block_items")
        il = QVBoxLayout(items)
        il.addWidget(_table(
            [self.tr("商品"), self.tr("規格"), self.tr("數量"), self.tr("單價"), self.tr("小計")],
            [[i.product, i.options, str(i.quantity), fmt.money(i.unit_price), fmt.money(i.line_total)]
             for i in d.items],
            right={2, 3, 4},
            stretch=0,
        ))
        lay.addWidget(items)

        row = QHBoxLayout()
        info = QGroupBox(self.tr("訂單明細"), self)
        info.setObjectName("block_order")
        f = QFormLayout(info)
        f.addRow(self.tr("訂單編號"), value_label(d.order_no))
        f.addRow(self.tr("訂單日期"), value_label(fmt.local_dt(d.order_date)))
        f.addRow(self.tr("商店名稱"), value_label(d.store))
        f.addRow(self.tr("目前狀態"), value_label(fmt.order_status(d.status)))
        f.addRow(self.tr("付款方式"), value_label(d.payment_method))
        f.addRow(self.tr("送貨方式"), value_label(d.shipping_method))
        f.addRow(self.tr("商品小計"), value_label(fmt.money(d.subtotal)))
        f.addRow(self.tr("運費"), value_label(fmt.money(d.shipping_fee)))
        f.addRow(self.tr("訂單金額"), value_label(fmt.money(d.total)))
        f.addRow(self.tr("出貨日期"), value_label(fmt.day(d.ship_date)))
        shipping = " ".join(x for x in (d.carrier, d.tracking_no) if x)
        f.addRow(self.tr("出貨資訊"), value_label(shipping))
        f.addRow(self.tr("缺貨原因"), value_label(d.out_of_stock_reason or ""))
        if d.notices:
            n = d.notices[-1]
            f.addRow(self.tr("付款通知"), value_label(
                self.tr("{date} 轉帳 {amount}，帳號末五碼 {last5}").format(
                    date=fmt.day(n.transfer_date), amount=fmt.money(n.amount), last5=n.account_last5)
                + (f"（{n.note}）" if n.note else "")
            ))
        row.addWidget(info, 3)

        buyer = QGroupBox(self.tr("訂購人資訊"), self)
        buyer.setObjectName("block_buyer")
        b = QFormLayout(buyer)
        b.addRow(self.tr("姓名"), value_label(d.buyer_name))
        b.addRow(self.tr("電話"), value_label(d.buyer_phone))
        b.addRow(self.tr("電子郵件"), value_label(d.buyer_email))
        b.addRow(self.tr("送貨地址"), value_label(d.delivery_address))
        row.addWidget(buyer, 2)
        lay.addLayout(row)

        if with_history:
            hist = QGroupBox(self.tr("訂單歷程"), self)
            hist.setObjectName("block_history")
            hl = QVBoxLayout(hist)
            # Every record at its full height, 內容 wrapped to the width there is: the detail
            # scrolls, never the history (it showed four rows and scrolled sideways).
            self.history_table = FullTable(
                [self.tr("時間"), self.tr("動作"), self.tr("原狀態"), self.tr("新狀態"),
                 self.tr("操作人員"), self.tr("內容")],
                [history_cells(h, describe_input(h.input)) for h in d.history],
            )
            hl.addWidget(self.history_table)
            lay.addWidget(hist)
