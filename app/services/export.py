"""Excel workbooks for accounting (issue 6): exactly the rows a tab shows, in its order.

One pass over the tab's query (``order_query`` / ``cancel_query``: its search, filters and
sort), streamed through openpyxl's write-only mode so memory stays flat however many rows
(docs/PERFORMANCE.md).  The file appears whole or not at all: the workbook is saved to a temporary
file beside the target and moved into place with ``os.replace``; a cancelled or failed export
removes the temporary file and leaves the target as it was.  Every temporary file — each sheet's
stream and the workbook being saved — lives beside the target, never in the system's temp
folder, named ``.orderdesk-export-*.tmp``; each is listed in this process's journal
(``keep_journal``), so an export killed half-way has its files removed on the next start.

Customer-typed text is data, never a formula: a cell whose text starts with ``= + - @``, a tab
or a carriage return, or reads like an error value (``#N/A``), is written as an explicit
string cell with Excel's quote prefix; characters XML cannot carry are removed.

No Qt here: visible words go through ``translate(context, text)``, which the GUI gives as
``QCoreApplication.translate`` and the command line as the identity (zh-TW source text).

This module is the entry point (the orders and cancellation requests, the words, ``_about``);
the code it writes with is in two modules beside it, neither of which imports this one:

* ``export_book``: the workbook writer: safe cell values (``clean_text``, ``sheet_title``),
  ``_Sheet`` with its formats and totals, ``_Workbook`` saved beside the target and moved into
  place, and the errors (``ExportError``, ``ExportCancelled``, ``TargetLocked``);
* ``export_files``: the temporary files and this process's journal of them (``scratch_file``,
  ``keep_journal``, ``sweep_journals``); the journal itself, ``_journal``, is kept there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app import __version__
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.statuses import (
    CANCEL_STATUS_LABELS,
    ORDER_STATUS_LABELS,
    CancelAction,
    CancelStatus,
    OrderAction,
    OrderStatus,
    RefundChannel,
)
from app.domain.tabs import date_label
from app.models.db import database, drop_connection, server_errors
from app.models.tables import CancellationRequest, Invoice, Order, OrderItem, PaymentNotice, StatusHistory

from . import shop_clock
from .cancel_list import CancelFilter, cancel_query

# The names other code uses (with an underscore: the other exports' and the tests'), each
# re-exported as itself.
from .export_book import DATE_FORMAT as DATE_FORMAT
from .export_book import DATETIME_FORMAT as DATETIME_FORMAT
from .export_book import MONEY_FORMAT as MONEY_FORMAT
from .export_book import ExportCancelled as ExportCancelled
from .export_book import ExportError as ExportError
from .export_book import TargetLocked as TargetLocked
from .export_book import Translate as Translate
from .export_book import _Sheet as _Sheet
from .export_book import _Workbook as _Workbook
from .export_book import sheet_title as sheet_title
from .export_files import is_scratch_name as is_scratch_name
from .export_files import keep_journal as keep_journal
from .export_files import scratch_file as scratch_file
from .export_files import sweep_journals as sweep_journals
from .queries import OrderFilter, list_stores, order_query

Progress = Callable[[int, int], None]

#: How often (rows) progress is reported and cancellation checked; also the item batch size.
STEP = 500


def identity(_context: str, text: str) -> str:
    """The untranslated (zh-TW source) text: the command line's ``translate``."""
    return text


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int
    items: int = 0


class _Reading:
    """A read transaction on this thread's own connection (the GUI runs exports in a worker
    thread, which peewee gives its own connection): the rows are one consistent snapshot."""

    def __enter__(self):
        with server_errors():
            self.opened = database.is_closed()
            if self.opened:
                database.connect()
            self.txn = database.atomic()
            self.txn.__enter__()
        return self

    def __exit__(self, exc_type, exc, tb):
        """A connection that dropped while the rows were read: ``ServerUnavailableError``
        (the workbook is then discarded), never the driver's error."""
        with server_errors():
            try:
                self.txn.__exit__(exc_type, exc, tb)
            finally:
                if self.opened:
                    drop_connection(database.obj)
            if exc is not None:
                raise exc
        return False


def _check_target(path: Path) -> Path:
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"no such folder: {path.parent}")
    return path


# ---------------------------------------------------------------- words


def _local(dt):
    """A stored UTC time (a datetime, or SQLite's text) as the shop's naive local datetime."""
    if dt is None:
        return None
    if isinstance(dt, str):
        dt = datetime.fromisoformat(dt)
    return shop_clock.to_local(dt)


def _day(d):
    if isinstance(d, str):
        d = date.fromisoformat(d[:10])
    elif isinstance(d, datetime):
        d = d.date()
    return d


ORDER_COLUMNS = [
    # (header, kind, width in characters)
    (QT_TRANSLATE_NOOP("Export", "訂單編號"), "text", 18),
    (QT_TRANSLATE_NOOP("Export", "訂單日期"), "datetime", 17),
    (QT_TRANSLATE_NOOP("Export", "目前狀態"), "text", 12),
    (QT_TRANSLATE_NOOP("Export", "出貨日期"), "date", 12),
    (QT_TRANSLATE_NOOP("Export", "商店名稱"), "text", 20),
    (QT_TRANSLATE_NOOP("Export", "付款方式"), "text", 16),
    (QT_TRANSLATE_NOOP("Export", "運送方式"), "text", 16),
    (QT_TRANSLATE_NOOP("Export", "訂購人"), "text", 16),
    (QT_TRANSLATE_NOOP("Export", "電話"), "text", 15),
    (QT_TRANSLATE_NOOP("Export", "商品小計"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "運費"), "money", 11),
    (QT_TRANSLATE_NOOP("Export", "訂單金額"), "money", 13),
    # The money received: the amount a clerk confirmed (empty until confirmed).
    (QT_TRANSLATE_NOOP("Export", "實收金額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "發票號碼"), "text", 13),
    # What reconciliation needs: the latest payment notice, who confirmed it and when, and
    # how the parcel went.
    (QT_TRANSLATE_NOOP("Export", "轉帳日期"), "date", 12),
    (QT_TRANSLATE_NOOP("Export", "通知金額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "帳號末五碼"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "確認付款人員"), "text", 14),
    (QT_TRANSLATE_NOOP("Export", "確認付款時間"), "datetime", 17),
    (QT_TRANSLATE_NOOP("Export", "物流業者"), "text", 16),
    (QT_TRANSLATE_NOOP("Export", "貨運單號"), "text", 18),
    # A convenience-store pickup's store (issue 12; empty for a delivery).
    (QT_TRANSLATE_NOOP("Export", "取貨門市代碼"), "text", 12),
    (QT_TRANSLATE_NOOP("Export", "取貨門市名稱"), "text", 18),
    (QT_TRANSLATE_NOOP("Export", "取貨門市地址"), "text", 30),
]
ORDER_MONEY = [9, 10, 11, 12]

ITEM_COLUMNS = [
    (QT_TRANSLATE_NOOP("Export", "訂單編號"), "text", 18),
    (QT_TRANSLATE_NOOP("Export", "商品"), "text", 30),
    (QT_TRANSLATE_NOOP("Export", "規格"), "text", 20),
    (QT_TRANSLATE_NOOP("Export", "數量"), "number", 8),
    (QT_TRANSLATE_NOOP("Export", "單價"), "money", 12),
    (QT_TRANSLATE_NOOP("Export", "小計"), "money", 13),
]
ITEM_MONEY = [5]

CANCEL_COLUMNS = [
    (QT_TRANSLATE_NOOP("Export", "訂單編號"), "text", 18),
    (QT_TRANSLATE_NOOP("Export", "申請日期"), "datetime", 17),
    (QT_TRANSLATE_NOOP("Export", "處理狀態"), "text", 12),
    (QT_TRANSLATE_NOOP("Export", "商店名稱"), "text", 20),
    (QT_TRANSLATE_NOOP("Export", "付款方式"), "text", 16),
    (QT_TRANSLATE_NOOP("Export", "訂購人"), "text", 16),
    (QT_TRANSLATE_NOOP("Export", "申請人"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "取消原因"), "text", 30),
    (QT_TRANSLATE_NOOP("Export", "付款狀態"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "出貨狀態"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "審核結果"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "客服單號"), "text", 14),
    (QT_TRANSLATE_NOOP("Export", "不通過原因"), "text", 24),
    (QT_TRANSLATE_NOOP("Export", "退貨結果"), "text", 24),
    (QT_TRANSLATE_NOOP("Export", "退貨完成日期"), "datetime", 17),
    (QT_TRANSLATE_NOOP("Export", "應退金額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "退款結果"), "text", 24),
    (QT_TRANSLATE_NOOP("Export", "退款金額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "退款日期"), "date", 12),
    # Issue 19: how the money goes back, what is still owed, written off, or closed.
    (QT_TRANSLATE_NOOP("Export", "退款方式"), "text", 14),
    (QT_TRANSLATE_NOOP("Export", "未退金額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "註銷金額"), "money", 13),
    (QT_TRANSLATE_NOOP("Export", "註銷原因"), "text", 24),
    (QT_TRANSLATE_NOOP("Export", "結案原因（主管）"), "text", 24),
    (QT_TRANSLATE_NOOP("Export", "發票號碼"), "text", 13),
    # What reconciliation needs: who reviewed and when, the return's answers, the refund's
    # reference and payee, and every earlier failed attempt (a retry does not hide it).
    (QT_TRANSLATE_NOOP("Export", "審核人員"), "text", 14),
    (QT_TRANSLATE_NOOP("Export", "審核時間"), "datetime", 17),
    (QT_TRANSLATE_NOOP("Export", "發票已退回"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "商品完好"), "text", 10),
    (QT_TRANSLATE_NOOP("Export", "匯款編號"), "text", 18),
    (QT_TRANSLATE_NOOP("Export", "退款帳戶"), "text", 36),
    (QT_TRANSLATE_NOOP("Export", "失敗紀錄"), "text", 40),
]
CANCEL_MONEY = [15, 17, 20, 21]

SHEET_ORDERS = QT_TRANSLATE_NOOP("Export", "訂單")
SHEET_ITEMS = QT_TRANSLATE_NOOP("Export", "商品明細")
SHEET_CANCELS = QT_TRANSLATE_NOOP("Export", "取消申請")
SHEET_ABOUT = QT_TRANSLATE_NOOP("Export", "說明")
TOTAL = QT_TRANSLATE_NOOP("Export", "合計")

WHO = {"customer": QT_TRANSLATE_NOOP("Export", "顧客"), "clerk": QT_TRANSLATE_NOOP("Export", "管理人員")}
DECISION = {"approved": QT_TRANSLATE_NOOP("Export", "通過"), "rejected": QT_TRANSLATE_NOOP("Export", "不通過")}
PAID = (QT_TRANSLATE_NOOP("Export", "未付款"), QT_TRANSLATE_NOOP("Export", "已付款"))
SHIPPED = (QT_TRANSLATE_NOOP("Export", "未出貨"), QT_TRANSLATE_NOOP("Export", "已出貨"))
RETURN_DONE = QT_TRANSLATE_NOOP("Export", "退貨完成")
RETURN_FAILED = QT_TRANSLATE_NOOP("Export", "退貨失敗：{0}")
REFUND_DONE = QT_TRANSLATE_NOOP("Export", "退款成功")
REFUND_FAILED = QT_TRANSLATE_NOOP("Export", "退款失敗：{0}")
REFUND_PARTIAL = QT_TRANSLATE_NOOP("Export", "部分退款")
REFUND_WRITTEN_OFF = QT_TRANSLATE_NOOP("Export", "部分退款，餘額註銷")
CLOSED_NO_REFUND = QT_TRANSLATE_NOOP("Export", "主管結案，不退款")
YES = QT_TRANSLATE_NOOP("Export", "是")
NO = QT_TRANSLATE_NOOP("Export", "否")

ORDER_SORT_HEADS = {
    "order_no": ORDER_COLUMNS[0][0], "order_date": ORDER_COLUMNS[1][0],
    "status": ORDER_COLUMNS[2][0], "ship_date": ORDER_COLUMNS[3][0], "store": ORDER_COLUMNS[4][0],
    "payment_method": ORDER_COLUMNS[5][0], "shipping_method": ORDER_COLUMNS[6][0],
    "buyer_name": ORDER_COLUMNS[7][0], "buyer_phone": ORDER_COLUMNS[8][0],
    "total": ORDER_COLUMNS[11][0],
}
CANCEL_SORT_HEADS = {
    "order_no": CANCEL_COLUMNS[0][0], "requested_at": CANCEL_COLUMNS[1][0],
    "reason": CANCEL_COLUMNS[7][0], "paid": CANCEL_COLUMNS[8][0], "shipped": CANCEL_COLUMNS[9][0],
    "payment_method": CANCEL_COLUMNS[4][0], "requested_by": CANCEL_COLUMNS[6][0],
    "refund_due": CANCEL_COLUMNS[15][0], "status": CANCEL_COLUMNS[2][0],
    "buyer_name": CANCEL_COLUMNS[5][0],
}


def describe_filters(flt: OrderFilter | CancelFilter, *, store_name: str | None = None,
                     translate: Translate = identity) -> str:
    """The filters in words, as the filter bar says them (for the command line)."""
    parts = []
    if flt.search:
        parts.append(translate("FilterBar", "搜尋：{0}").format(flt.search))
    if flt.date_from or flt.date_to:
        parts.append(translate("FilterBar", "{0}：{1} ～ {2}").format(
            translate("FilterBar", date_label(flt.tab)), flt.date_from or "", flt.date_to or ""))
    if flt.store_id is not None:
        parts.append(translate("FilterBar", "商店：{0}").format(store_name or flt.store_id))
    return "；".join(parts) or translate("FilterBar", "無")


def _sort_words(flt, heads: dict, translate: Translate) -> str:
    head = translate("Export", heads.get(flt.sort, next(iter(heads.values()))))
    if flt.descending:
        return translate("Export", "{0}（遞減）").format(head)
    return translate("Export", "{0}（遞增）").format(head)


def _about(wb, *, translate: Translate, list_label: str, filters_text: str, sort_text: str,
           rows: int, selected: bool, operator: str, when: datetime, extra: list) -> None:
    t = translate
    s = _Sheet(wb, t("Export", SHEET_ABOUT),
               [(QT_TRANSLATE_NOOP("Export", "項目"), "text", 16), (QT_TRANSLATE_NOOP("Export", "內容"), "text", 60)],
               translate, freeze=False)
    scope = translate("Export", "僅選取的列") if selected else translate("Export", "清單顯示的全部列")
    lines = [
        (translate("Export", "清單"), list_label),
        (translate("Export", "範圍"), scope),
        (translate("Export", "篩選條件"), filters_text),
        (translate("Export", "排序"), sort_text),
        (translate("Export", "筆數"), rows),
        *extra,
        (translate("Export", "匯出人員"), operator),
    ]
    for label, value in lines:
        s.ws.append([s.text(label), s.text(value) if isinstance(value, str) else value])
    from openpyxl.cell import WriteOnlyCell

    stamp = WriteOnlyCell(s.ws, when)
    stamp.number_format = "yyyy-mm-dd hh:mm:ss"
    s.ws.append([s.text(translate("Export", "匯出時間")), stamp])
    s.ws.append([s.text(translate("Export", "程式版本")), s.text(f"OrderDesk {__version__}")])


def invoice_no_of(order_id):
    """The number of the order's latest invoice (voided or not), as a column of a query."""
    return (Invoice.select(Invoice.invoice_no).where(Invoice.order == order_id)
            .order_by(Invoice.id.desc()).limit(1))


# ---------------------------------------------------------------- orders


def export_orders(
    flt: OrderFilter, path, *, operator: str, filters_text: str, translate: Translate = identity,
    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
    ids: list[int] | None = None, now: datetime | None = None,
) -> ExportResult:
    """The orders ``flt`` selects (only ``ids`` among them, if given), in its sort order, to
    ``path``: sheets 訂單, 商品明細 and 說明.  Raises ``ExportCancelled`` when ``cancelled()``
    turns true, ``TargetLocked`` when the target cannot be replaced; the target is then as it
    was and no temporary file is left.  Times are written in the shop's zone; ``now`` (the
    shop's local time, default its clock) is the export time on 說明."""
    t = translate
    path = _check_target(path)
    with _Workbook(path, operator=operator, title=t("Tabs", flt.tab.label)) as book:
        with _Reading():
            stores = dict(list_stores())
            query = order_query(flt).select_extend(Order.confirmed_amount, invoice_no_of(Order.id),
                                                   Order.pickup_store_address)
            rows, total = _selection(query, Order.id, ids)
            orders = _Sheet(book.wb, t("Export", SHEET_ORDERS), ORDER_COLUMNS, t)
            items = _Sheet(book.wb, t("Export", SHEET_ITEMS), ITEM_COLUMNS, t)
            labels = {s: t("Status", ORDER_STATUS_LABELS[s]) for s in OrderStatus}

            def entries():
                for (oid, no, odate, status, sdate, store, pm, sm, name, phone, sub, fee, tot,
                     _ver, _notes, _cod, _since, tracking_no, carrier, pickup_code, pickup_name,
                     received, invoice_no, pickup_address) in rows:
                    yield (oid, no, (
                        no, _local(odate), labels.get(OrderStatus(status), status), _day(sdate),
                        stores.get(store, ""), pm, sm, name, phone, sub, fee, tot, received,
                        invoice_no), (carrier, tracking_no, pickup_code, pickup_name, pickup_address))

            with closing(rows):  # a cancelled export's cursor closed now, its connection open
                done = _in_batches(entries(), lambda batch: _write_orders(orders, items, batch),
                                   total, progress, cancelled)
        orders.finish(ORDER_MONEY, t("Export", TOTAL))
        items.finish(ITEM_MONEY, t("Export", TOTAL))
        _about(book.wb, translate=t, list_label=t("Tabs", flt.tab.label), filters_text=filters_text,
               sort_text=_sort_words(flt, ORDER_SORT_HEADS, t), rows=orders.rows,
               selected=ids is not None, operator=operator, when=now or shop_clock.local_now(),
               extra=[(translate("Export", "商品明細筆數"), items.rows)])
    _report(progress, done, done)
    return ExportResult(path, orders.rows, items.rows)


def _write_orders(orders: _Sheet, items: _Sheet, batch: list) -> None:
    """A batch of order rows, each with its latest payment notice and its payment
    confirmation (looked up for the whole batch), then the batch's items."""
    if not batch:
        return
    ids = [oid for oid, *_rest in batch]
    notices: dict[int, tuple] = {}
    q = (PaymentNotice.select(PaymentNotice.order, PaymentNotice.transfer_date,
                              PaymentNotice.amount, PaymentNotice.account_last5)
         .where(PaymentNotice.order.in_(ids)).order_by(PaymentNotice.id))
    for oid, day, amount, last5 in _rows(q):
        notices[oid] = (_day(day), amount, last5)  # the latest wins
    confirmed: dict[int, tuple] = {}
    q = (StatusHistory.select(StatusHistory.order, StatusHistory.operator, StatusHistory.at)
         .where(StatusHistory.order.in_(ids) & (StatusHistory.machine == "order")
                & (StatusHistory.action == OrderAction.CONFIRM_PAYMENT.value))
         .order_by(StatusHistory.id))
    for oid, who, at in _rows(q):
        confirmed[oid] = (who, _local(at))
    for oid, _no, row, shipped in batch:
        orders.append((*row, *notices.get(oid, (None, None, None)),
                       *confirmed.get(oid, (None, None)), *shipped))
    _write_items(items, [(oid, no) for oid, no, *_rest in batch])


def _write_items(sheet: _Sheet, batch: list[tuple[int, str]]) -> None:
    if not batch:
        return
    by_order: dict[int, list] = {}
    q = (OrderItem.select(OrderItem.order, OrderItem.product, OrderItem.options,
                          OrderItem.quantity, OrderItem.unit_price)
         .where(OrderItem.order.in_([oid for oid, _no in batch]))
         .order_by(OrderItem.order, OrderItem.id))
    for oid, product, options, qty, price in _rows(q):
        by_order.setdefault(oid, []).append((product, options, qty, price))
    for oid, no in batch:
        for product, options, qty, price in by_order.get(oid, ()):
            sheet.append((no, product, options, qty, price, qty * price))


#: Up to this many selected ids go into the SQL (``IN``); more are picked out while reading
#: the tab's rows (SQLite allows 32,766 parameters, older versions 999 — a select-all of
#: many loaded pages must not fail).
MAX_SQL_IDS = 900


def _only(query, id_col, ids):
    """The query narrowed to ``ids`` (in SQL when few), and the set to check rows against."""
    if ids is None:
        return query, None
    ids = list(ids)
    if len(ids) <= MAX_SQL_IDS:
        return query.where(id_col.in_(ids)), None
    return query, frozenset(ids)


def _selection(query, id_col, ids):
    """The query's rows, only those of ``ids`` if given, and how many there will be."""
    query, keep = _only(query, id_col, ids)
    if keep is None:
        return _rows(query), query.order_by().count()
    return (row for row in _rows(query) if row[0] in keep), len(keep)


def _in_batches(entries, write: Callable[[list], None], total: int,
                progress: Progress | None, cancelled: Callable[[], bool] | None) -> int:
    """Hand ``entries`` to ``write`` STEP at a time (each batch's lookups are one query),
    checking ``cancelled`` and reporting ``progress`` after each batch; how many there were."""
    batch: list = []
    done = 0
    _report(progress, 0, total)
    for entry in entries:
        batch.append(entry)
        done += 1
        if len(batch) >= STEP:
            write(batch)
            batch = []
            _check(cancelled)
            _report(progress, done, max(total, done))
    write(batch)
    _check(cancelled)
    return done


def _rows(query):
    """The query's rows as the driver gives them, one at a time (peewee's SQL, without its
    per-value conversion: dates are parsed here, booleans and numbers need none)."""
    cursor = database.execute(query)
    try:
        while True:
            chunk = cursor.fetchmany(STEP)
            if not chunk:
                return
            yield from chunk
    finally:
        cursor.close()


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled()


# ---------------------------------------------------------------- cancellation requests


def export_cancellations(
    flt: CancelFilter, path, *, operator: str, filters_text: str, translate: Translate = identity,
    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
    ids: list[int] | None = None, now: datetime | None = None,
) -> ExportResult:
    """The cancellation requests ``flt`` selects (only ``ids`` among them, if given), in its
    sort order, to ``path``: sheets 取消申請 and 說明.  Same guarantees as ``export_orders``."""
    t = translate
    path = _check_target(path)
    cr = CancellationRequest
    with _Workbook(path, operator=operator, title=t("Tabs", flt.tab.label)) as book:
        with _Reading():
            stores = dict(list_stores())
            query = cancel_query(flt).select(
                cr.id, Order.order_no, cr.requested_at, cr.status, Order.store,
                Order.payment_method_name, Order.buyer_name, cr.requested_by, cr.reason, cr.paid,
                cr.shipped, cr.decision, cr.cs_number, cr.reject_reason, cr.returned_at,
                cr.return_fail_reason, cr.refund_due, cr.refunded_amount, cr.refund_date,
                cr.refund_fail_reason, cr.refund_channel, cr.written_off, cr.write_off_reason,
                cr.close_reason, invoice_no_of(Order.id), cr.reviewed_by, cr.reviewed_at,
                cr.invoice_returned, cr.goods_intact, cr.refund_reference, cr.bank_code,
                cr.branch, cr.account_number, cr.account_name,
            )
            rows, total = _selection(query, cr.id, ids)
            sheet = _Sheet(book.wb, t("Export", SHEET_CANCELS), CANCEL_COLUMNS, t)
            labels = {s: t("Status", CANCEL_STATUS_LABELS[s]) for s in CancelStatus}
            who = {k: t("Export", v) for k, v in WHO.items()}
            decision = {k: t("Export", v) for k, v in DECISION.items()}
            paid_words = [t("Export", w) for w in PAID]
            shipped_words = [t("Export", w) for w in SHIPPED]
            channels = {c.value: c.label for c in RefundChannel}
            yes_no = (t("Export", NO), t("Export", YES))

            def entries():
                for (rid, no, at, status, store, pm, buyer, by, reason, paid, shipped, dec, cs,
                     reject, returned_at, return_fail, due, refunded, refund_date,
                     refund_fail, channel, written_off, write_off_reason, close_reason, invoice_no,
                     reviewer, reviewed_at, invoice_back, intact, reference, *account) in rows:
                    if returned_at:
                        returned = t("Export", RETURN_DONE)
                    elif return_fail:
                        returned = t("Export", RETURN_FAILED).format(return_fail)
                    else:
                        returned = None
                    outstanding = max(due - (refunded or 0) - (written_off or 0), 0)
                    if status == CancelStatus.CLOSED:
                        refund = t("Export", CLOSED_NO_REFUND)
                    elif written_off:
                        refund = t("Export", REFUND_WRITTEN_OFF)
                    elif refunded is not None and outstanding:
                        refund = t("Export", REFUND_PARTIAL)
                    elif refunded is not None:
                        refund = t("Export", REFUND_DONE)
                    elif refund_fail:
                        refund = t("Export", REFUND_FAILED).format(refund_fail)
                    else:
                        refund = None
                    yield (rid, (
                        no, _local(at), labels.get(CancelStatus(status), status), stores.get(store, ""),
                        pm, buyer, who.get(by, by), reason, paid_words[bool(paid)],
                        shipped_words[bool(shipped)], decision.get(dec) if dec else None, cs, reject,
                        returned, _local(returned_at), due, refund, refunded, _day(refund_date),
                        t("Channel", channels[channel]) if paid and channel in channels else None,
                        outstanding, written_off, write_off_reason, close_reason, invoice_no,
                        reviewer, _local(reviewed_at),
                        None if invoice_back is None else yes_no[bool(invoice_back)],
                        None if intact is None else yes_no[bool(intact)],
                        reference, " ".join(part for part in account if part) or None,
                    ))

            with closing(rows):
                done = _in_batches(entries(), lambda batch: _write_requests(sheet, batch, t),
                                   total, progress, cancelled)
        sheet.finish(CANCEL_MONEY, t("Export", TOTAL))
        _about(book.wb, translate=t, list_label=t("Tabs", flt.tab.label), filters_text=filters_text,
               sort_text=_sort_words(flt, CANCEL_SORT_HEADS, t), rows=sheet.rows,
               selected=ids is not None, operator=operator, when=now or shop_clock.local_now(), extra=[])
    _report(progress, done, done)
    return ExportResult(path, sheet.rows)


#: The failed steps a request's row lists, with how each is worded.
FAILED_STEPS = {CancelAction.RETURN_FAILED.value: RETURN_FAILED, CancelAction.REFUND_FAILED.value: REFUND_FAILED}


def _write_requests(sheet: _Sheet, batch: list[tuple[int, tuple]], t: Translate) -> None:
    """A batch of request rows, each with every failed return or refund attempt it had
    (from the history, so a later success does not hide them): "date 退款失敗：reason"."""
    if not batch:
        return
    failures: dict[int, list[str]] = {}
    q = (StatusHistory.select(StatusHistory.cancellation, StatusHistory.action, StatusHistory.at,
                              StatusHistory.input)
         .where(StatusHistory.cancellation.in_([rid for rid, _row in batch])
                & StatusHistory.action.in_(list(FAILED_STEPS)))
         .order_by(StatusHistory.id))
    for rid, action, at, text in _rows(q):
        data = json.loads(text or "{}")
        day = data.get("refund_date") or _local(at).date().isoformat()
        failures.setdefault(rid, []).append(f"{day} " + t("Export", FAILED_STEPS[action]).format(data.get("reason", "")))
    for rid, row in batch:
        sheet.append((*row, "；".join(failures.get(rid, ())) or None))


def export_tab(flt, path, **kw) -> ExportResult:
    """``export_orders`` or ``export_cancellations``, by the filter's kind."""
    if isinstance(flt, CancelFilter):
        return export_cancellations(flt, path, **kw)
    return export_orders(flt, path, **kw)
