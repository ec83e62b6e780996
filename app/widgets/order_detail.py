"""檢視商品訂單資訊: the manual's three blocks and the order's history, as a widget that the
order's detail dialog, the cancellation's detail and the request form show."""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from app.domain import invoice as inv
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.people import with_login
from app.domain.pickup import store_text
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
    "confirmed_amount": QT_TRANSLATE_NOOP("Input", "實收金額"),
    "shortfall_reason": QT_TRANSLATE_NOOP("Input", "短收原因"),
    "money_arrived": QT_TRANSLATE_NOOP("Input", "款項已入帳"),
    "before": QT_TRANSLATE_NOOP("Input", "原帳戶"),
    "after": QT_TRANSLATE_NOOP("Input", "新帳戶"),
    "invoice_no": QT_TRANSLATE_NOOP("Input", "發票號碼"),
    "invoice_date": QT_TRANSLATE_NOOP("Input", "發票日期"),
    "kind": QT_TRANSLATE_NOOP("Input", "發票類型"),
    "before_tax": QT_TRANSLATE_NOOP("Input", "銷售額"),
    "tax": QT_TRANSLATE_NOOP("Input", "稅額"),
    "buyer_ban": QT_TRANSLATE_NOOP("Input", "買方統一編號"),
    "buyer_title": QT_TRANSLATE_NOOP("Input", "買方名稱"),
    "carrier_type": QT_TRANSLATE_NOOP("Input", "載具"),
    "carrier_id": QT_TRANSLATE_NOOP("Input", "載具號碼"),
    "source": QT_TRANSLATE_NOOP("Input", "來源"),
    "void_date": QT_TRANSLATE_NOOP("Input", "作廢日期"),
    "allowance_no": QT_TRANSLATE_NOOP("Input", "折讓單號碼"),
    "allowance_date": QT_TRANSLATE_NOOP("Input", "折讓日期"),
    "buyer_name": QT_TRANSLATE_NOOP("Input", "收件人"),
    "buyer_phone": QT_TRANSLATE_NOOP("Input", "電話"),
    "delivery_address": QT_TRANSLATE_NOOP("Input", "送貨地址"),
    "pickup_store_code": QT_TRANSLATE_NOOP("Input", "取貨門市代碼"),
    "pickup_store_name": QT_TRANSLATE_NOOP("Input", "取貨門市名稱"),
    "pickup_store_address": QT_TRANSLATE_NOOP("Input", "取貨門市地址"),
}
MONEY_KEYS = {"amount", "total", "notice_amount", "subtotal", "shipping_fee", "confirmed_amount",
              "before_tax", "tax"}
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
        elif isinstance(value, dict) and set(value) == {"old", "new"}:  # 修改收件資訊
            value = QCoreApplication.translate("Input", "{old} → {new}").format(
                old=value["old"] or "—", new=value["new"] or "—")
        elif isinstance(value, dict):  # an account: 「812 台北分行 123456789012 王小明」
            keys = ("bank_code", "branch", "account_number", "account_name")
            value = " ".join(str(value[k]) for k in (*keys, *sorted(set(value) - set(keys)))
                             if value.get(k))
        if value in (None, ""):
            continue
        parts.append(QCoreApplication.translate("Input", "{label}：{value}").format(label=label, value=value))
    return QCoreApplication.translate("Input", "；").join(parts)


def history_cells(h, content: str) -> list[str]:
    """A history record's row: time, action, from, to, operator, and ``content``."""
    return [fmt.local_dt(h.at), fmt.action_label(h.action), fmt.status_any(h.machine, h.from_status),
            fmt.status_any(h.machine, h.to_status), with_login(h.operator_name, h.operator), content]


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


def group(title: str, name: str, parent: QWidget, layout=None):
    """A group box titled ``title``, named ``name``, on ``parent``, and its layout (a form,
    unless ``layout`` names another class)."""
    box = QGroupBox(title, parent)
    box.setObjectName(name)
    return box, (layout or QFormLayout)(box)


def history_group(title: str, name: str, headers: list[str], rows: list[list[str]],
                  parent: QWidget) -> tuple[QGroupBox, FullTable]:
    """The history's group box and its table: every record at its full height, 內容 wrapped
    to the width there is (the detail scrolls, never the history)."""
    box, lay = group(title, name, parent, QVBoxLayout)
    table = FullTable(headers, rows)
    lay.addWidget(table)
    return box, table


def value_label(text: str) -> QLabel:
    label = QLabel(text or "—")
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class OrderDetailView(QWidget):
    """The blocks as a widget, so the cancellation page and the request form can show them.
    With the history comes the buyer's other orders (``with_others``); a double-click on
    one emits ``open_order(id)``."""

    open_order = Signal(int)

    def __init__(self, detail: queries.OrderDetail, *, with_history: bool = True,
                 with_others: bool | None = None, parent=None):
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
        if d.confirmed_amount is not None:  # the money received, as a clerk confirmed it
            received = fmt.money(d.confirmed_amount)
            if d.payment_shortfall_reason:
                received += self.tr("（短收：{0}）").format(d.payment_shortfall_reason)
            f.addRow(self.tr("實收金額"), value_label(received))
        f.addRow(self.tr("出貨日期"), value_label(fmt.day(d.ship_date)))
        f.addRow(self.tr("出貨資訊"), self._shipping(d))
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
        if d.pickup_store_code:
            pickup = value_label(store_text(d.pickup_store_code, d.pickup_store_name,
                                            d.pickup_store_address))
            pickup.setObjectName("pickup_store")
            b.addRow(self.tr("取貨門市"), pickup)
        row.addWidget(buyer, 2)
        lay.addLayout(row)

        if with_history if with_others is None else with_others:
            lay.addWidget(self._other_orders(d.other_orders))

        if d.invoices:
            lay.addWidget(InvoiceBlock(d.invoices, self))

        if with_history:
            # (It showed four rows and scrolled sideways before the table took full height.)
            hist, self.history_table = history_group(
                self.tr("訂單歷程"), "block_history",
                [self.tr("時間"), self.tr("動作"), self.tr("原狀態"), self.tr("新狀態"),
                 self.tr("操作人員"), self.tr("內容")],
                [history_cells(h, describe_input(h.input)) for h in d.history], self)
            lay.addWidget(hist)

    def _shipping(self, d: queries.OrderDetail) -> QWidget:
        """出貨資訊: the carrier and the tracking number, the number a link to the carrier's
        tracking page (when the carrier has one) and a 【複製】 button beside it."""
        if not d.tracking_no:
            return value_label(d.carrier or "")
        box = QWidget(self)
        h = QHBoxLayout(box)
        h.setContentsMargins(0, 0, 0, 0)
        number = d.tracking_no
        if d.tracking_url:
            number = f'<a href="{html.escape(d.tracking_url, quote=True)}">{html.escape(number)}</a>'
        else:
            number = html.escape(number)
        self.tracking_label = QLabel(f"{html.escape(d.carrier or '')} {number}".strip(), box)
        self.tracking_label.setObjectName("tracking_no")
        self.tracking_label.setTextFormat(Qt.TextFormat.RichText)
        self.tracking_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.tracking_label.linkActivated.connect(lambda url: QDesktopServices.openUrl(QUrl(url)))
        if d.tracking_url:
            self.tracking_label.setToolTip(self.tr("開啟物流業者的查件網頁"))
        h.addWidget(self.tracking_label)
        self.copy_tracking = QPushButton(self.tr("複製"), box)
        self.copy_tracking.setObjectName("copy_tracking_no")
        self.copy_tracking.setToolTip(self.tr("複製貨運單號"))
        self.copy_tracking.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(d.tracking_no))
        h.addWidget(self.copy_tracking)
        h.addStretch(1)
        return box

    def _other_orders(self, others: list) -> QGroupBox:
        """此訂購人的其他訂單: the orders of the same phone or e-mail, newest first."""
        box = QGroupBox(self.tr("此訂購人的其他訂單（同電話或電子郵件）"), self)
        box.setObjectName("block_other_orders")
        bl = QVBoxLayout(box)
        if not others:
            bl.addWidget(QLabel(self.tr("沒有其他訂單。"), box))
            self.other_orders_table = None
            return box
        t = _table([self.tr("訂單編號"), self.tr("訂單日期"), self.tr("目前狀態"), self.tr("訂單金額")],
                   [[o.order_no, fmt.local_dt(o.order_date), fmt.order_status(o.status), fmt.money(o.total)]
                    for o in others], right={3}, stretch=0)
        t.setObjectName("other_orders")
        t.setToolTip(self.tr("按兩下開啟該筆訂單"))
        t.setFixedHeight(min(t.maximumHeight(), 180))
        ids = [o.id for o in others]
        t.cellDoubleClicked.connect(lambda r, _c: self.open_order.emit(ids[r]))
        self.other_orders_table = t
        bl.addWidget(t)
        return box


def invoice_lines(records) -> list[list[str]]:
    """One row per invoice, void and allowance: what, number, date, amounts, details."""
    rows = []
    for rec in records:
        i = rec.invoice
        parts = [QCoreApplication.translate("Invoice", inv.KIND_LABELS.get(i.kind, i.kind)),
                 QCoreApplication.translate("Invoice", inv.CARRIER_LABELS.get(i.carrier_type, i.carrier_type))
                 + (f" {i.carrier_id}" if i.carrier_id else "")]
        if i.buyer_ban:
            parts.append(f"{i.buyer_ban} {i.buyer_title}")
        rows.append([QCoreApplication.translate("OrderDetailView", "發票"), i.invoice_no, fmt.day(i.invoice_date),
                     fmt.money(i.before_tax), fmt.money(i.tax), fmt.money(i.total), "；".join(parts)])
        if rec.void is not None:
            rows.append([QCoreApplication.translate("OrderDetailView", "作廢"), i.invoice_no, fmt.day(rec.void.void_date), "", "", "",
                         rec.void.reason])
        for a in rec.allowances:
            rows.append([QCoreApplication.translate("OrderDetailView", "折讓單"), a.allowance_no,
                         fmt.day(a.allowance_date),
                         fmt.money(a.before_tax), fmt.money(a.tax), fmt.money(a.total),
                         QCoreApplication.translate("OrderDetailView", "發票 {0}").format(i.invoice_no)])
    return rows


class InvoiceBlock(QGroupBox):
    """發票: the order's invoices, voids and allowances."""

    def __init__(self, records, parent=None):
        super().__init__(QCoreApplication.translate("OrderDetailView", "發票"), parent)
        self.setObjectName("block_invoice")
        lay = QVBoxLayout(self)
        heads = [QCoreApplication.translate("OrderDetailView", "類別"),
                 QCoreApplication.translate("OrderDetailView", "號碼"),
                 QCoreApplication.translate("OrderDetailView", "日期"),
                 QCoreApplication.translate("OrderDetailView", "銷售額"),
                 QCoreApplication.translate("OrderDetailView", "稅額"),
                 QCoreApplication.translate("OrderDetailView", "總計"),
                 QCoreApplication.translate("OrderDetailView", "內容")]
        self.table = _table(heads, invoice_lines(records), right={3, 4, 5})
        lay.addWidget(self.table)


def invoice_state(records, today) -> str:
    """What a cancelled sale's invoice needs or got, in words: 「發票 AB12345678（2026-02-22，
    2026-01/02 期）：需作廢」, 「…：已作廢（2026-02-24，原因）」, 「…：已開立折讓單 AL-1
    NT$300，尚餘 NT$520」, or 「沒有發票」."""
    if not records:
        return QCoreApplication.translate("OrderDetailView", "沒有發票")
    rec = records[-1]
    i = rec.invoice
    head = QCoreApplication.translate("OrderDetailView", "發票 {no}（{date}，{period} 期）").format(
        no=i.invoice_no, date=fmt.day(i.invoice_date), period=inv.vat_period_label(i.invoice_date))
    if rec.void is not None:
        state = QCoreApplication.translate("OrderDetailView", "已作廢（{date}，{reason}）").format(
            date=fmt.day(rec.void.void_date), reason=rec.void.reason)
    elif rec.allowances:
        state = QCoreApplication.translate(
            "OrderDetailView", "已開立折讓單 {nos}，共 {total}，尚餘 {left}").format(
            nos="、".join(a.allowance_no for a in rec.allowances),
            total=fmt.money(sum(a.total for a in rec.allowances)), left=fmt.money(rec.remaining))
    elif inv.void_or_allowance(i.invoice_date, today, filed=rec.filed) == inv.VOID:
        state = QCoreApplication.translate("OrderDetailView", "需作廢（仍在同一申報期）")
    elif rec.filed:
        state = QCoreApplication.translate("OrderDetailView", "需開立折讓單（申報期已申報）")
    else:
        state = QCoreApplication.translate("OrderDetailView", "需開立折讓單（申報期已過）")
    return QCoreApplication.translate("OrderDetailView", "{head}：{state}").format(head=head, state=state)
