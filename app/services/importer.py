"""Import new orders, payment notices and customer cancellation requests (issue 6).

Two steps, so that nothing is written before the clerk has seen what is wrong:

* ``check_file(path)`` reads a ``.xlsx`` workbook (every sheet, with python-calamine) or a
  ``.csv`` file (UTF-16 with BOM and tab-separated as Excel's "Unicode text", UTF-8 with or
  without BOM, or Big5 / cp950 as Taiwanese tools still write it, 造字 included), recognises each sheet by
  its headers (zh-TW, or the English aliases of ``COLUMNS``), checks every row against the
  database and against the rows before it, and returns an ``ImportPlan``: the good rows, the
  rows already imported (skipped, not an error), and the bad rows by sheet, row and reason.
  It only reads the database (once an import cut short before is finished).
* ``apply_import(plan, operator=...)`` writes the plan's good rows.  New orders are written in
  batches with raw ``executemany`` (``_bulk_orders``): the rows ``writes.placed`` builds, as
  ``place_order`` writes them — the order, its items and its PLACE history record; payment
  notices likewise (``_bulk_notices``: ``writes.order_step``, as ``record_payment_notice``
  writes it — the conditional move to PAID, the RECORD_PAYMENT record, the notice).  A test
  imports the same workbook both ways and compares the tables column for column.  Invoices
  and cancellation requests go through ``record_invoice`` and ``request_cancellation``.

The write does not stop the shop (issue 15, item 5).  One transaction for a whole import held
SQLite's write lock, and on a server the counter rows every order's triggers keep
(``order_status_count``, ``cancel_status_count``), for all of it: every clerk's action waited
(or failed) behind it.  So:

1. **Staged.**  Every checked record goes, as JSON, into the import's journal
   (``import_journal``: an ``import_batch`` row, ``import_chunk`` rows), in short
   transactions that touch none of the shop's tables.  Just before, the plan is checked
   against the database once more (``_still_as_checked``): an order number taken, a notice's
   order no longer unpaid, a month closed since the check fails the import, nothing written.
2. **Written in slices.**  Each transaction writes records for about ``SLICE_SECONDS``
   (``SUB`` at a time) and moves its chunk's ``done`` mark in the same transaction; then the
   importer pauses (``SQLITE_GAP``: longer than SQLite's busy handler sleeps, so a waiting
   clerk gets the lock; ``SERVER_GAP`` on a server, which queues the waiters).  A clerk's
   action waits behind the import for one slice at most, well under 2 s.  A slice rolled back
   by a deadlock or a serialization failure is run again (``survives_server``, then
   ``CONFLICT_ROUNDS``); the mark says exactly where to go on from.
3. **All or nothing, as the shop sees it in the end.**  Until the first slice commits, any
   failure or a Cancel leaves nothing (``ImportFailed``, ``ImportCancelled``), as the one
   transaction did; a small file is one slice.  Once a slice has committed, the import is
   finished, never taken back (history is append-only, and clerks may already be working on
   its orders): a failure the retries do not get past stops it with ``ImportInterrupted``,
   and the rest is written by the next import (``check_file`` and ``apply_import`` start by
   ``finish_interrupted``) or the next open of the database (``main.open_database``).  An
   importer that was killed is taken over after ``import_journal.LEASE``; two desks finishing
   one batch take turns on the chunk's row and never write a record twice.  Which way a
   stopped import goes is the journal's state, turned "applying" by the first slice's own
   transaction — right even when that COMMIT's answer was lost.
4. **A clerk first.**  After the first slice, a record whose order a clerk changed meanwhile
   — a payment notice for an order a clerk already marked paid, a request refused by the
   order's status now, an order number a clerk used — fails the same status and version
   checks as before, but is left out and reported by sheet and row
   (``ImportResult.conflicts``) instead of failing what is left; the records of an order left
   out are left out too.  Once started, Cancel is no longer honoured: the import finishes.

Importing the same file twice adds nothing the second time: an order number already in the
database is "already imported"; a payment notice already recorded on its order (same
transfer date, amount and account digits) is skipped; a request for an order already
CANCELLING (or one that this customer request already cancelled) is skipped.

No Qt here: reasons are zh-TW templates marked with ``QT_TRANSLATE_NOOP``; ``message(translate)``
fills them (the GUI passes ``QCoreApplication.translate``, the command line the identity).
"""

from __future__ import annotations

import csv
import io
import operator as operator_
import re
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import peewee as pw

from app.domain import invoice as inv
from app.domain.bounds import MAX_QUANTITY, check_amount, check_quantity, check_text, storable
from app.domain.errors import DomainError, ServerUnavailableError, TransitionError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import CancellationInput, Remittance
from app.domain.inputs import PaymentNotice as NoticeInput
from app.domain.invoice import InvoiceInput
from app.domain.machines import money_in, next_order_status
from app.domain.money import parse_amount, shipping_fee_for
from app.domain.pickup import PICKUP_FIELDS, PickupStore
from app.domain.statuses import OrderAction, OrderStatus, RefundChannel
from app.models.db import (
    database,
    is_sqlite,
    own_connection,
    server_error,
    survives_server,
    write_transaction,
)
from app.models.tables import (
    CancellationRequest,
    Order,
    OrderItem,
    PaymentMethod,
    PaymentNotice,
    ShippingMethod,
    StatusHistory,
    Store,
)

from . import cancellations as cancel_svc
from . import import_journal as journal
from . import invoices as invoice_svc
from . import orders as order_svc
from . import shop_clock, writes, xlsx_guard, xlsx_stream
from .bulk import executemany, insert_sql, quote, refresh_statistics, update_sql
from .closing import CLOSED_MESSAGE, all_closed, closed_months, month_of, refuse_closed
from .common import check_operator, local_date, now_or
from .export import Progress, Translate

CTX = "Importer"
ORDERS, NOTICES, CANCELLATIONS, INVOICES = "orders", "notices", "cancellations", "invoices"
#: Orders per ``executemany`` batch (fixed: docs/PERFORMANCE.md, sqlite3's statement cache).
BATCH = 2000
#: How many order numbers one ``IN (...)`` look-up asks about.
LOOKUP = 500
#: Rows between progress reports and cancel checks while reading.
STEP = 2000
#: Rows of a notices, requests or invoices sheet checked at a time (then dropped).
CHUNK = 2000
#: How many rows left out a result's summary names.
SHOWN_CONFLICTS = 20

#: Each kind's columns: key -> (zh-TW header, English aliases).  The first header is the one
#: the samples and docs/IMPORT.md use.
COLUMNS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    ORDERS: {
        "order_no": ("訂單編號", ("order_no", "order no", "order number", "order")),
        "order_date": ("訂單日期", ("order_date", "order date", "date")),
        "store": ("商店名稱", ("store", "store name", "商店", "shop")),
        "payment_method": ("付款方式", ("payment_method", "payment method", "payment")),
        "shipping_method": ("送貨方式", ("shipping_method", "shipping method", "shipping")),
        "buyer_name": ("訂購人", ("buyer", "buyer_name", "buyer name", "name", "customer")),
        "phone": ("電話", ("phone", "buyer_phone", "tel")),
        "email": ("電子郵件", ("email", "e-mail", "buyer_email")),
        "address": ("送貨地址", ("address", "delivery_address", "delivery address")),
        "product": ("商品", ("product", "item", "商品名稱")),
        "options": ("規格", ("options", "option", "spec", "variant")),
        "quantity": ("數量", ("quantity", "qty")),
        "unit_price": ("單價", ("unit_price", "unit price", "price")),
        # A convenience-store pickup method's store (optional columns; required for its orders).
        "pickup_store_code": ("取貨門市代碼", ("pickup_store_code", "pickup store code", "store code")),
        "pickup_store_name": ("取貨門市名稱", ("pickup_store_name", "pickup store name", "pickup store")),
        "pickup_store_address": ("取貨門市地址", ("pickup_store_address", "pickup store address")),
    },
    NOTICES: {
        "order_no": ("訂單編號", ("order_no", "order no", "order number", "order")),
        "transfer_date": ("轉帳日期", ("transfer_date", "transfer date", "paid on")),
        "amount": ("金額", ("amount",)),
        "account_last5": ("帳號末五碼", ("account_last5", "last5", "last 5 digits", "account last 5")),
        "note": ("備註", ("note", "notes", "remark")),
    },
    CANCELLATIONS: {
        "order_no": ("訂單編號", ("order_no", "order no", "order number", "order")),
        "request_date": ("申請日期", ("request_date", "request date", "requested on", "date")),
        "reason": ("取消原因", ("reason", "cancel reason", "cancellation reason")),
        "bank_code": ("銀行代碼", ("bank_code", "bank code", "bank")),
        "branch": ("分行", ("branch",)),
        "account_number": ("帳號", ("account_number", "account number", "account")),
        "account_name": ("戶名", ("account_name", "account name", "account holder")),
    },
    # The e-invoice provider's issued-invoice file (its usual headers among the aliases:
    # 自訂編號 is the shop's order number).
    INVOICES: {
        "order_no": ("訂單編號", ("order_no", "order no", "order number", "order", "自訂編號")),
        "invoice_no": ("發票號碼", ("invoice_no", "invoice no", "invoice number")),
        "invoice_date": ("發票日期", ("invoice_date", "invoice date", "開立日期")),
        "kind": ("發票類型", ("kind", "type", "invoice type", "類型")),
        "total": ("發票金額", ("total", "amount", "總計", "金額")),
        "buyer_ban": ("買方統編", ("buyer_ban", "buyer ban", "統一編號")),
        "buyer_title": ("買方名稱", ("buyer_title", "buyer title", "公司抬頭")),
        "carrier_type": ("載具類別", ("carrier_type", "carrier type", "carrier")),
        "carrier_id": ("載具號碼", ("carrier_id", "carrier id", "載具編號")),
        "donation": ("愛心碼", ("donation", "donation_code", "donation code", "捐贈碼")),
    },
}
REQUIRED = {
    ORDERS: ("order_no", "order_date", "store", "payment_method", "shipping_method", "buyer_name",
             "product", "quantity", "unit_price"),
    NOTICES: ("order_no", "transfer_date", "amount", "account_last5"),
    CANCELLATIONS: ("order_no", "reason"),
    INVOICES: ("order_no", "invoice_no", "invoice_date"),
}
#: The columns that say what a sheet holds (checked in this order: an orders or a
#: cancellations workbook the program exported carries the invoice number too).
SIGNATURE = ((ORDERS, "product"), (NOTICES, "account_last5"), (NOTICES, "transfer_date"),
             (CANCELLATIONS, "reason"), (INVOICES, "invoice_no"))
#: The order-level columns: every row of one order must agree on them.
ORDER_LEVEL = ("order_date", "store", "payment_method", "shipping_method", "buyer_name", "phone",
               "email", "address", "pickup_store_code", "pickup_store_name", "pickup_store_address")


def identity(_context: str, text: str) -> str:
    return text


def _norm(header) -> str:
    return " ".join(str(header or "").replace("_", " ").replace("-", " ").split()).lower()


#: normalised header -> key, per kind.
_ALIASES = {
    kind: {_norm(a): key for key, (zh, aliases) in cols.items() for a in (zh, key, *aliases)}
    for kind, cols in COLUMNS.items()
}


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class RowIssue:
    """One row's problem (bad) or why it is skipped.  ``column`` is the header as the file has
    it ("" for the row as a whole); the reason is a template in ``context``."""

    sheet: str
    row: int
    column: str
    template: str
    params: dict = field(default_factory=dict)
    context: str = CTX

    def message(self, translate: Translate | None = None) -> str:
        text = (translate or identity)(self.context, self.template)
        return text.format(**self.params)

    def line(self, translate: Translate | None = None) -> str:
        where = f"{self.sheet}:{self.row}"
        col = f" [{self.column}]" if self.column else ""
        return f"{where}{col} {self.message(translate)}"


@dataclass
class NewOrder:
    """A checked new order: what ``place_order`` gets, plus what it would compute."""

    sheet: str
    row: int
    order_no: str
    order_date: datetime  # naive UTC, as the columns hold
    store_id: int
    payment: tuple  # (id, title)
    shipping: tuple  # (id, title, fee, free_threshold)
    buyer: order_svc.Buyer
    items: list[order_svc.Item]

    @property
    def subtotal(self) -> int:
        return sum(it.quantity * it.unit_price for it in self.items)


@dataclass
class NewNotice:
    sheet: str
    row: int
    order_no: str
    notice: NoticeInput


@dataclass
class NewRequest:
    sheet: str
    row: int
    order_no: str
    request: CancellationInput
    at: datetime | None  # naive UTC, or None for the import's clock


@dataclass
class NewInvoice:
    """An invoice of the provider's file, checked as 【開立發票】 checks it."""

    sheet: str
    row: int
    order_no: str
    invoice: InvoiceInput


@dataclass
class SheetInfo:
    name: str
    kind: str | None
    rows: int


class _Spool:
    """The checked records of one kind, one JSON line each in their journal form (``_encode``),
    in an unnamed temporary file: a plan of a million rows holds none of them in memory
    (issue 11, item 10).  ``apply_import`` stages them from here; ``ImportPlan.orders`` and
    its kin read them back when asked (the tests and small files)."""

    def __init__(self, kind: str):
        self.kind = kind
        self.file = None
        self.count = 0
        self.items = 0  # an order's items, for ``ImportPlan.items``

    def add(self, record) -> None:
        if self.file is None:
            self.file = tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n")
        self.file.write(journal.record_line(_encode(self.kind, record)))
        self.file.write("\n")
        self.count += 1
        if self.kind == ORDERS:
            self.items += len(record.items)

    def encoded(self) -> Iterator[list]:
        """The records as ``_encode`` made them, in the order added."""
        if self.file is None:
            return
        self.file.flush()
        self.file.seek(0)
        for line in self.file:
            yield journal.record_of(line)
        self.file.seek(0, io.SEEK_END)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file, self.count, self.items = None, 0, 0


#: The record kinds in the order an import writes them.
KINDS = (ORDERS, NOTICES, INVOICES, CANCELLATIONS)


@dataclass
class ImportPlan:
    """What ``check_file`` found.  The good records wait in ``_Spool``s (not in memory) until
    ``apply_import`` stages them; ``orders``, ``notices``, ``requests`` and ``invoices`` read
    them back as lists when asked, and those lists are the plan's from then on."""

    path: str
    #: The shop's day the rows were checked against (no transfer date after it).
    today: date | None = None
    sheets: list[SheetInfo] = field(default_factory=list)
    skipped: list[RowIssue] = field(default_factory=list)
    bad: list[RowIssue] = field(default_factory=list)
    #: Rows imported but worth a look: a user-defined character (造字) in a cell.
    warnings: list[RowIssue] = field(default_factory=list)
    _spools: dict = field(default_factory=lambda: {k: _Spool(k) for k in KINDS}, repr=False)
    _lists: dict = field(default_factory=dict, repr=False)

    def add(self, kind: str, record) -> None:
        if kind in self._lists:
            self._lists[kind].append(record)
        else:
            self._spools[kind].add(record)

    def records(self, kind: str) -> list:
        """The records of ``kind``, as a list the plan keeps (read back from its spool once)."""
        if kind not in self._lists:
            spool = self._spools[kind]
            self._lists[kind] = [_decode(r)[1] for r in spool.encoded()]
            spool.close()
        return self._lists[kind]

    def encoded(self, kind: str) -> Iterator[list]:
        """The records of ``kind`` in their journal form, one at a time."""
        if kind in self._lists:
            return (_encode(kind, r) for r in self._lists[kind])
        return self._spools[kind].encoded()

    def count(self, kind: str) -> int:
        return len(self._lists[kind]) if kind in self._lists else self._spools[kind].count

    def clear(self, kind: str) -> None:
        self._lists.pop(kind, None)
        self._spools[kind].close()

    def _set(self, kind: str, records: list) -> None:
        self._spools[kind].close()
        self._lists[kind] = records

    orders = property(lambda self: self.records(ORDERS), lambda self, v: self._set(ORDERS, v))
    notices = property(lambda self: self.records(NOTICES), lambda self, v: self._set(NOTICES, v))
    requests = property(lambda self: self.records(CANCELLATIONS),
                        lambda self, v: self._set(CANCELLATIONS, v))
    invoices = property(lambda self: self.records(INVOICES), lambda self, v: self._set(INVOICES, v))

    @property
    def items(self) -> int:
        if ORDERS in self._lists:
            return sum(len(o.items) for o in self._lists[ORDERS])
        return self._spools[ORDERS].items

    @property
    def good(self) -> int:
        """How many records the import would write (orders, notices, requests, invoices)."""
        return sum(self.count(k) for k in KINDS)

    def summary(self, translate: Translate | None = None) -> str:
        t = translate or identity
        text = t(CTX, QT_TRANSLATE_NOOP(
            "Importer", "新訂單 {orders:,} 筆（{items:,} 項商品）、付款通知 {notices:,} 筆、"
                        "取消申請 {requests:,} 筆；已匯入過而略過 {skipped:,} 列；有錯誤 {bad:,} 列。")).format(
            orders=self.count(ORDERS), items=self.items, notices=self.count(NOTICES),
            requests=self.count(CANCELLATIONS), skipped=len(self.skipped), bad=len(self.bad))
        return text + _invoices_note(t, self.count(INVOICES), any(s.kind == INVOICES for s in self.sheets))


@dataclass(frozen=True)
class ImportResult:
    orders: int
    items: int
    notices: int
    requests: int
    skipped: int
    seconds: float
    invoices: int = 0
    #: Rows left out because a clerk changed their order while the import was being written
    #: (the figures above are the plan's, these rows included).
    conflicts: tuple[RowIssue, ...] = ()

    def summary(self, translate: Translate | None = None) -> str:
        t = translate or identity
        text = t(CTX, QT_TRANSLATE_NOOP(
            "Importer", "已匯入新訂單 {orders:,} 筆（{items:,} 項商品）、付款通知 {notices:,} 筆、"
                        "取消申請 {requests:,} 筆。")).format(
            orders=self.orders, items=self.items, notices=self.notices, requests=self.requests)
        text += _invoices_note(t, self.invoices, bool(self.invoices))
        if self.conflicts:
            text += t(CTX, QT_TRANSLATE_NOOP(
                "Importer", "其中 {n:,} 列在匯入時，其他店員已先變更了它的訂單，所以沒有匯入：")).format(
                n=len(self.conflicts))
            shown = [c.line(translate) for c in self.conflicts[:SHOWN_CONFLICTS]]
            if len(self.conflicts) > SHOWN_CONFLICTS:
                shown.append("…")
            text += "\n" + "\n".join(shown)
        return text


def _invoices_note(t: Translate, n: int, any_sheet: bool) -> str:
    """「發票 3 張。」 after a summary, when the file has invoices."""
    if not any_sheet:
        return ""
    return t(CTX, QT_TRANSLATE_NOOP("Importer", "發票 {invoices:,} 張。")).format(invoices=n)


class ImportError_(Exception):  # noqa: N801 - not the builtin ImportError
    """The file could not be read, or the write failed; nothing was written."""


class ImportCancelled(ImportError_):
    """The clerk pressed Cancel; nothing was written."""


class UnreadableFile(ImportError_, DomainError):
    def __init__(self, template: str, **params):
        DomainError.__init__(self, template, **params)

    context = CTX


# ---------------------------------------------------------------- reading


@dataclass
class Sheet:
    name: str
    header: list
    rows: Iterator[tuple[int, list]]  # (row number as the file shows it, values)
    total: int  # rows, for progress (an estimate for xlsx)
    #: (row number, column header, the cell's text) of each cell holding a user-defined
    #: character (造字), filled while ``rows`` is read.
    private: list[tuple[int, str, str]] = field(default_factory=list)
    #: The rows read again from the start (after the header), unflagged: an orders sheet is
    #: read twice (``_Checker.orders``) rather than held.
    reopen: Callable[[], Iterator[tuple[int, list]]] | None = None


#: Unicode's private-use area: where Windows puts Big5's user-defined characters (造字).
_PRIVATE = re.compile("[\ue000-\uf8ff]+")
#: One Big5 character of Windows cp950's user-defined (EUDC) ranges: FA40–FEFE, 8E40–A0FE,
#: 8140–8DFE and C6A1–C8FE (Python's cp950 refuses the first three and reads most of the last
#: as the ETen extension's kana; Windows reads all four as private-use code points).
_EUDC_PAIR = rb"(?:[\x81-\xa0\xfa-\xfe][\x40-\x7e\xa1-\xfe]|\xc6[\xa1-\xfe]|[\xc7\xc8][\x40-\x7e\xa1-\xfe])"
#: Everything before the next EUDC character, taken one whole character at a time so that a
#: trail byte is never read as a lead byte.
_EUDC_SPLIT = re.compile(rb"((?:[\x00-\x80]|(?!" + _EUDC_PAIR + rb")[\x81-\xfe][\x40-\x7e\xa1-\xfe]"
                         rb"|[\x81-\xfe](?![\x40-\x7e\xa1-\xfe])|\xff)*?)(" + _EUDC_PAIR + rb")")
#: Each EUDC range: (first lead byte, last lead byte, the code point of its first lead's trail
#: byte 40).  157 characters per lead byte (trail 40–7E, A1–FE); C6's start at trail A1.
_EUDC_RANGES = ((0xFA, 0xFE, 0xE000), (0x8E, 0xA0, 0xE311), (0x81, 0x8D, 0xEEB8),
                (0xC6, 0xC8, 0xF6B1 - 63))


def _eudc(pair: bytes) -> str:
    """The private-use code point Windows cp950 gives a user-defined Big5 character."""
    lead, trail = pair
    index = trail - 0x40 if trail <= 0x7E else trail - 0xA1 + 63
    first, base = next((first, base) for first, last, base in _EUDC_RANGES if first <= lead <= last)
    return chr(base + (lead - first) * 157 + index)


def _eten(pair: bytes) -> str:
    try:
        return pair.decode("cp950")
    except UnicodeDecodeError:
        return ""


#: What Python's cp950 reads in C6A1–C8FE (ETen's kana, circled numbers…): a line holding
#: one of them is decoded again the slow way, in case it came from those bytes.
_ETEN = re.compile("[" + re.escape("".join(
    _eten(bytes((lead, trail))) for lead in (0xC6, 0xC7, 0xC8) for trail in range(0x40, 0xFF)
    if (lead, trail) >= (0xC6, 0xA1) and (trail <= 0x7E or trail >= 0xA1))) + "]")


def _decode_cp950(data: bytes) -> str:
    """Big5 as Windows reads it: cp950, with the user-defined characters as private-use code
    points (U+E000…U+F848) instead of an error.  Line by line (a line feed is never part of a
    Big5 character): most lines take the codec's fast path."""
    try:
        text = data.decode("cp950")
        if not _ETEN.search(text):
            return text
    except UnicodeDecodeError:
        pass
    lines = []
    for line in data.split(b"\n"):
        try:
            text = line.decode("cp950")
            if not _ETEN.search(text):
                lines.append(text)
                continue
        except UnicodeDecodeError:
            pass
        parts, end = [], 0
        while m := _EUDC_SPLIT.match(line, end):  # anchored: never inside a character
            parts.append(m.group(1).decode("cp950"))
            parts.append(_eudc(m.group(2)))
            end = m.end()
        parts.append(line[end:].decode("cp950"))
        lines.append("".join(parts))
    return "\n".join(lines)


def decode_csv(data: bytes) -> str:
    """UTF-16 with its BOM (Excel's 「Unicode 文字」), UTF-8 (with or without BOM), else Big5 as
    Windows writes it (cp950, a superset, with its user-defined characters)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    else:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            return _decode_cp950(data)
        except UnicodeDecodeError:
            pass
    raise UnreadableFile(QT_TRANSLATE_NOOP(
        "Importer", "無法辨識檔案的文字編碼：請存成 UTF-8、Big5 或 Unicode（UTF-16）的 CSV。")) from None


def _delimiter(text: str) -> str:
    """A tab when the header line has more tabs than commas (Excel's 「Unicode 文字」 and
    「文字檔（Tab 字元分隔）」 are tab-separated), else a comma."""
    line = text.split("\n", 1)[0]
    return "\t" if line.count("\t") > line.count(",") else ","


def read_sheets(path: str | Path) -> list[Sheet]:
    """The file's sheets: a CSV is one sheet named after the file."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return [_read_csv(path)]
        if suffix in (".xlsx", ".xlsm"):
            return _read_xlsx(path)
    except UnreadableFile:
        raise
    except (OSError, ValueError, KeyError, csv.Error) as exc:
        raise UnreadableFile(QT_TRANSLATE_NOOP("Importer", "無法讀取檔案：{error}"),
                             error=str(exc)) from exc
    except Exception as exc:  # noqa: BLE001 - a damaged workbook raises many kinds
        raise UnreadableFile(QT_TRANSLATE_NOOP("Importer", "無法讀取檔案：{error}"),
                             error=f"{type(exc).__name__}: {exc}") from exc
    raise UnreadableFile(QT_TRANSLATE_NOOP("Importer", "只能匯入 .xlsx 或 .csv 檔案。"))


def _read_csv(path: Path) -> Sheet:
    """The CSV file as a sheet whose rows are read from the file as they are checked (never
    the whole text in memory): a first reading finds its encoding (``decode_csv``'s choice,
    by decoding all of it), its lines, its delimiter and whether it has 造字."""
    codec, lines, first, private = _scan_csv(path)
    delimiter = _delimiter(first)

    def reopen(header: list | None = None) -> Iterator[tuple[int, list]]:
        reader = csv.reader(_csv_lines(path, codec), delimiter=delimiter)
        found = next(reader, [])
        if header is not None:
            header.extend(found)
        return _csv_rows(reader, path.name)

    header: list = []
    sheet = Sheet(path.name, header, reopen(header), max(lines - 1, 0), reopen=reopen)
    if private:
        _flag_private(sheet)
    return sheet


def _scan_csv(path: Path) -> tuple[str, int, str, bool]:
    """(codec, line feeds, first line, whether a cell may hold 造字) of a CSV file, decoded a
    piece at a time as ``decode_csv`` decodes it whole: UTF-16 with its BOM, UTF-8 with its
    BOM, else UTF-8, else Windows' Big5 (``_CP950``); ``UnreadableFile`` when none reads it."""
    with open(path, "rb") as f:
        head = f.read(3)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codecs_ = ("utf-16",)
    elif head.startswith(b"\xef\xbb\xbf"):
        codecs_ = ("utf-8-sig",)
    else:
        codecs_ = ("utf-8", _CP950)
    for codec in codecs_:
        lines, first, private = 0, "", False
        try:
            for piece in _decoded(path, codec):
                if not lines:  # the header line: until the first line feed
                    first += piece
                lines += piece.count("\n")
                private = private or bool(_PRIVATE.search(piece))
            return codec, lines, first.split("\n", 1)[0], private
        except UnicodeDecodeError:
            if codec == "utf-8-sig":  # as decode_csv: the codec's own error
                path.read_bytes()[3:].decode("utf-8")
    raise UnreadableFile(QT_TRANSLATE_NOOP(
        "Importer", "無法辨識檔案的文字編碼：請存成 UTF-8、Big5 或 Unicode（UTF-16）的 CSV。")) from None


#: Windows' Big5 with its user-defined characters (``_decode_cp950``), read line by line.
_CP950 = "cp950+eudc"


def _decoded(path: Path, codec: str) -> Iterator[str]:
    """The file's text a piece at a time (``UnicodeDecodeError`` where ``codec`` fails)."""
    with open(path, "rb") as f:
        if codec == _CP950:
            for line in f:
                yield _decode_cp950(line)  # a line feed is never part of a Big5 character
            return
        import codecs

        decoder = codecs.getincrementaldecoder(codec)()
        while piece := f.read(1 << 20):
            yield decoder.decode(piece)
        yield decoder.decode(b"", final=True)


def _csv_lines(path: Path, codec: str) -> Iterator[str]:
    """The file's lines for the ``csv`` module (line ends as they are)."""
    if codec == _CP950:
        yield from _decoded(path, codec)
        return
    with open(path, encoding=codec, newline="") as f:
        yield from f


def _csv_rows(reader, name: str) -> Iterator[tuple[int, list]]:
    """The rows numbered as the file's lines; a line the csv module refuses (a cell of more
    than 131,072 characters, a NUL) refuses the file, naming the line."""
    try:
        yield from enumerate(reader, start=2)
    except csv.Error as exc:
        raise UnreadableFile(QT_TRANSLATE_NOOP(
            "Importer", "「{sheet}」第 {row} 列無法讀取（{error}），檔案可能已損壞，無法匯入。"),
            sheet=name, row=reader.line_num, error=str(exc)) from None


def _flag_private(sheet: Sheet) -> Sheet:
    """The sheet, its rows noting in ``sheet.private`` each cell with a user-defined character.
    Those rows are imported as they are (the character is kept, and shows right on a desk
    with the same 造字 font), with a warning: elsewhere it may show as a box or blank."""
    header = sheet.header
    rows = sheet.rows

    def flagged():
        for number, values in rows:
            for i, v in enumerate(values):
                if type(v) is str and _PRIVATE.search(v):
                    column = _text(header[i]) if i < len(header) else ""
                    sheet.private.append((number, column, v.strip()[:60]))
            yield number, values

    sheet.rows = flagged()
    return sheet


def _read_xlsx(path: Path) -> list[Sheet]:
    """The workbook's sheets through python-calamine (Rust; about 4× faster than the
    ``iterparse`` reader it replaced, tests/old_xlsx_reader.py), with that reader's values:
    text stays text (a phone number typed as text keeps its leading zero), numbers are ``int``
    when whole else ``float``, date cells are ``datetime`` (a time-only cell a ``time``), empty
    cells ``None``, and each row carries the spreadsheet's own row number.  Calamine reads an
    error cell as empty: its text (#DIV/0!, #N/A…) is put back from the sheet's XML, so that
    the row is refused naming it rather than read as blank."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    try:
        xlsx_guard.check_workbook(path)  # nothing calamine would hold in gigabytes
    except xlsx_guard.MalformedSheet as err:
        raise UnreadableFile(err.template, **err.params) from None
    if xlsx_stream.worksheet_bytes(path) > xlsx_stream.STREAM_ABOVE:
        return _stream_xlsx(path)
    book = CalamineWorkbook.from_path(str(path))
    errors = _error_cells(path)
    sheets = []
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:  # a chart sheet has no rows
            continue
        name = meta.name
        try:
            sheet = book.get_sheet_by_name(name)
        except Exception as exc:  # noqa: BLE001 - calamine's own error: say which cell
            why = xlsx_guard.explain(path, name)
            if why is None:
                raise
            raise UnreadableFile(why.template, **why.params) from exc
        rows = _calamine_rows(sheet, errors.get(name, {}))
        first = next(rows, None)
        header = first[1] if first else []
        sheets.append(_flag_private(Sheet(name, header, rows, max(sheet.height - 1, 0),
                                          reopen=_reopen(sheet, errors.get(name, {})))))
    return sheets


def _stream_xlsx(path: Path) -> list[Sheet]:
    """The workbook's sheets read one row at a time (``xlsx_stream``: a workbook too large for
    calamine's copy), the same values as ``_read_xlsx`` gives.  A cell that does not fit its
    type stops the reading with ``xlsx_guard.explain``'s message naming it."""
    import zipfile

    with zipfile.ZipFile(path) as zf:
        shared = xlsx_stream.SharedStrings(zf)
        dates = xlsx_stream.date_styles(zf)
        mac = xlsx_stream.epoch_1904(zf)
        targets = xlsx_guard.sheet_targets(zf)
        worksheets = xlsx_stream.worksheets(zf)
        totals = [xlsx_stream.dimension_rows(zf, target) or zf.getinfo(target).file_size // 800
                  for _name, target in targets]

    def opener(name: str, target: str) -> Callable[[], Iterator[tuple[int, list]]]:
        def rows() -> Iterator[tuple[int, list]]:
            number = 0
            try:
                for number, values in xlsx_stream.rows(path, target, shared, dates, mac):
                    yield number, values
            except xlsx_stream.READ_ERRORS as exc:
                why = xlsx_guard.explain(path, name)
                if why is None:  # the XML itself is damaged, or a cell (named in the error)
                    raise UnreadableFile(QT_TRANSLATE_NOOP(
                        "Importer", "「{sheet}」第 {row} 列無法讀取（{error}），檔案可能已損壞，無法匯入。"),
                        sheet=name, row=getattr(exc, "row", number + 1), error=str(exc)) from None
                raise UnreadableFile(why.template, **why.params) from None

        def after_header() -> Iterator[tuple[int, list]]:
            rows_ = rows()
            next(rows_, None)
            return rows_

        return rows, after_header

    sheets = []
    for (name, target), total in zip(targets, totals, strict=True):
        if target not in worksheets:  # a chart sheet has no rows
            continue
        rows, after_header = opener(name, target)
        read = rows()
        first = next(read, None)
        sheets.append(_flag_private(Sheet(name, first[1] if first else [], read,
                                          max(total - 1, 0), reopen=after_header)))
    return sheets


def _reopen(sheet, errors: dict[int, list]) -> Callable[[], Iterator[tuple[int, list]]]:
    """The sheet's rows after its header, read again from calamine's copy (calamine holds
    the whole sheet anyway: python-calamine has no reader that streams a sheet)."""

    def rows():
        rows = _calamine_rows(sheet, errors)
        next(rows, None)
        return rows

    return rows


def _calamine_rows(sheet, errors: dict[int, list]) -> Iterator[tuple[int, list]]:
    """(row number, values) of the rows that have a value, as the old reader gave them.
    ``iter_rows`` starts at the sheet's first row and at its first used column."""
    left = [None] * (sheet.start[1] if sheet.start else 0)
    for index, raw in enumerate(sheet.iter_rows()):
        values = left + [_cell(v) for v in raw]
        number = index + 1
        for col, text in errors.get(number, ()):
            values.extend([None] * (col + 1 - len(values)))
            values[col] = text
        while values and values[-1] is None:
            values.pop()
        if values:
            yield number, values


def _cell(value):
    if value == "":
        return None
    cls = type(value)
    if cls is float:
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if cls is date:
        return datetime(value.year, value.month, value.day)
    return value


#: An error cell in a sheet's XML: <c r="D5" ... t="e" ...><f>…</f><v>#DIV/0!</v></c>.
_ERROR_CELL = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*\bt="e")[^>]*\br="([A-Z]+)(\d+)"[^>]*(?<!/)>'
                         rb'(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>', re.S)


def _error_cells(path: Path) -> dict[str, dict[int, list]]:
    """What calamine does not tell (it reads an error cell as empty): sheet name -> {row
    number: [(column index, error text)]} of the workbook's error cells.  Each sheet's XML is
    streamed and searched for ``t="e"`` (1 s for 175 MB of XML); only a sheet that has one is
    parsed for them."""
    import zipfile

    marker = b't="e"'
    found: dict[str, dict[int, list]] = {}
    with zipfile.ZipFile(path) as zf:
        for name, target in xlsx_guard.sheet_targets(zf):
            with zf.open(target) as f:
                tail = b""
                while chunk := f.read(1 << 20):
                    if marker in tail + chunk[:len(marker)] or marker in chunk:
                        break
                    tail = chunk[-len(marker):]
                else:
                    continue
            cells = found.setdefault(name, {})
            for m in _ERROR_CELL.finditer(zf.read(target)):
                col = 0
                for ch in m.group(1):
                    col = col * 26 + ch - 64
                cells.setdefault(int(m.group(2)), []).append(
                    (col - 1, m.group(3).decode("utf-8", "replace")))
    return found


# ---------------------------------------------------------------- cell values


class _Bad(Exception):
    def __init__(self, key: str, template: str, context: str = CTX, **params):
        self.key = key
        self.template = template
        self.context = context
        self.params = params


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


#: 2026-03-01, 2026/3/1, 2026.03.01 or 20260301, then optionally a time 14:30 or 14:30:05.
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|(\d{2})(\d{2}))"
                   r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


#: A Republic-of-China (民國) date as Taiwanese forms and government files write it:
#: 115/11/01, 115-11-01 or 115.11.01 (a three-digit year), then optionally a time.
_ROC_DATE = re.compile(r"^(?:民國\s*)?(\d{3})[-/.](\d{1,2})[-/.](\d{1,2})"
                       r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
#: 民國115年11月1日 (or 115年11月1日), and 2026年11月1日; optionally a time.
_CJK_DATE = re.compile(r"^(民國\s*)?(\d{1,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                       r"(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


#: The earliest day a date in a file may name (0001-01-01, or an empty date cell read as
#: 1899-12-30, is a mistake; and a time before it cannot be turned into UTC everywhere).
EARLIEST = datetime(1970, 1, 1)


def _datetime(value, key: str, *, required: bool = True) -> datetime | None:
    """A local date or date-time, not before ``EARLIEST``: a spreadsheet date cell, or text
    such as 2026-03-01, 2026/3/1, 2026-03-01 14:30, or a 民國 date (115/11/01, 115-11-01,
    民國115年11月1日; year + 1911).  None when empty and not required."""
    when = _any_datetime(value, key, required)
    if when is not None and when < EARLIEST:
        raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "日期「{value}」太早：不能早於 {earliest}。"),
                   value=when.date().isoformat(), earliest=EARLIEST.date().isoformat())
    return when


def _not_after(day: date, today: date | None, key: str) -> None:
    """``_Bad`` on ``key`` (an order's or a request's date) when ``day`` is after the shop's
    ``today`` (9999-12-31 included)."""
    if today is not None and day > today:
        raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "日期 {value} 晚於今天（{today}）。"),
                   value=day.isoformat(), today=today.isoformat())


def _any_datetime(value, key: str, required: bool) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = _text(value)
    if not text:
        if not required:
            return None
        raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "日期必填。"))
    m = _DATE.match(text)
    if m:
        y, mo, d, mo2, d2, hh, mm, ss = m.groups()
        try:
            return datetime(int(y), int(mo or mo2), int(d or d2), int(hh or 0), int(mm or 0),
                            int(ss or 0))
        except ValueError:
            pass
    m = _ROC_DATE.match(text) or _CJK_DATE.match(text)
    if m:
        y, mo, d, hh, mm, ss = m.groups()[-6:]
        year = int(y) + 1911 if len(y) <= 3 else int(y)  # 民國 1 年 is 1912
        try:
            return datetime(year, int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError:
            pass
    raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "日期「{value}」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。"),
               value=text)


def _blank(values) -> bool:
    for v in values:
        if v is not None and (not isinstance(v, str) or v.strip()):
            return False
    return True


def _local_to_utc(local: datetime) -> datetime:
    """A naive local (the shop's) time as the naive UTC the columns hold.  The zone's offset
    is looked up once per local hour (``astimezone`` costs ~4 µs; 100,000 orders share a few
    thousand hours)."""
    local = local.replace(microsecond=0)
    return local - _utc_offset(local.replace(minute=0, second=0))


def _utc_offset(hour: datetime) -> timedelta:
    return shop_clock.utc_offset(hour)  # cached by (zone, hour)


def _checked(check, *args):
    """``check(*args)`` (a domain check), its ``ValidationError`` as the row's ``_Bad``."""
    try:
        return check(*args)
    except ValidationError as err:
        raise _Bad(err.field, err.template, err.context, **err.params) from None


def _amount(value, key: str) -> int:
    return _checked(parse_amount, value, key)


def _storable(rec: _Rec, limits: dict[str, int]) -> None:
    """Every text cell of the row can be stored (``bounds.check_text``): no NUL or lone
    surrogate in any column, and each column of ``limits`` (key → its database column's
    length) within its length, the limit named in the message."""
    for key, i in rec.index.items():
        value = rec.values[i] if i < len(rec.values) else None
        if isinstance(value, str):
            _checked(check_text, value.strip(), key, limits.get(key))


def _quantity(value, key: str) -> int:
    """A whole number from 1 to ``MAX_QUANTITY``.  Never an ``int()`` of what the cell says
    before its size is known: ``1e999999999`` is refused by its exponent (not turned into a
    billion-digit number), NaN and Infinity as not whole numbers."""
    n = None
    if isinstance(value, int) and not isinstance(value, bool):
        n = Decimal(value)
    elif isinstance(value, (float, Decimal)):
        n = Decimal(str(value))
    elif not isinstance(value, bool):
        try:
            n = Decimal(_text(value).replace(",", ""))
        except ArithmeticError:
            n = None
    if n is None or not n.is_finite() or n <= 0:
        raise _Bad(key, QT_TRANSLATE_NOOP("Errors", "數量必須是正整數。"), "Errors")
    if n.adjusted() >= len(str(MAX_QUANTITY)) or n > MAX_QUANTITY:
        raise _Bad(key, QT_TRANSLATE_NOOP("Errors", "數量不能超過 {max}。"), "Errors",
                   max=f"{MAX_QUANTITY:,}")
    if n != n.to_integral_value():
        raise _Bad(key, QT_TRANSLATE_NOOP("Errors", "數量必須是正整數。"), "Errors")
    return _checked(check_quantity, int(n), key)


def _required(value, key: str) -> str:
    text = _text(value)
    if not text:
        raise _Bad(key, QT_TRANSLATE_NOOP("Errors", "此欄位必填。"), "Errors")
    return text


def _digits(value, width: int | None = None) -> str:
    """Digits typed as text, or a number cell: a spreadsheet drops the leading zeros of a
    number (00123 → 123), so a number cell is padded back to ``width`` digits."""
    if width and isinstance(value, (int, float)) and not isinstance(value, bool) \
            and float(value).is_integer() and value >= 0:
        return str(int(value)).zfill(width)
    return _text(value)


# ---------------------------------------------------------------- checking


class _Rec:
    """One row's values by column key (a dict per row would double the check's memory)."""

    __slots__ = ("values", "index")

    def __init__(self, values: list, index: dict[str, int]):
        self.values = values
        self.index = index

    def get(self, key: str):
        i = self.index.get(key)
        return self.values[i] if i is not None and i < len(self.values) else None


#: Each sheet's text columns and the length of the database column each goes to.
#: (The order number and the buyer's columns have their own checks in ``orders``.)
_ORDER_LIMITS = {"product": OrderItem.product.max_length, "options": OrderItem.options.max_length}
_NOTICE_LIMITS = {"account_last5": PaymentNotice.account_last5.max_length}
_REQUEST_LIMITS = {"bank_code": CancellationRequest.bank_code.max_length,
                   "branch": CancellationRequest.branch.max_length,
                   "account_number": CancellationRequest.account_number.max_length,
                   "account_name": CancellationRequest.account_name.max_length}


class _Checker:
    def __init__(self, plan: ImportPlan, progress: Progress | None, cancelled):
        self.plan = plan
        self.progress = progress
        self.cancelled = cancelled or (lambda: False)
        self.stores = {s.name.strip(): s.id for s in Store.select()}
        self.payments: dict[str, tuple] = {}
        for m in PaymentMethod.select().where(~PaymentMethod.archived).order_by(
                PaymentMethod.position, PaymentMethod.id):
            self.payments.setdefault(m.title.strip(), (m.id, m.title, m.refund_channel))
        self.shippings: dict[str, tuple] = {}
        for m in ShippingMethod.select().where(~ShippingMethod.archived).order_by(
                ShippingMethod.position, ShippingMethod.id):
            self.shippings.setdefault(m.title.strip(),
                                      (m.id, m.title, m.fee, m.free_threshold, m.pickup_chain))
        # order_no -> (status, local order date, id or None) for orders the file touches.
        # (One tuple per order of the database; the file's new orders share one per day: a
        # million rows' orders are held in their numbers, not their rows.)
        self.known: dict[str, tuple] = {}
        self._states: dict[tuple, tuple] = {}
        # order_no -> how its payment method refunds (a request asks for an account or not).
        # order_no -> where its new order is in the file: its row << 16 + its sheet (``order_sheets``).
        self.new_orders: dict[str, int] = {}
        self.order_sheets: list[str] = []
        self.bad_orders: set[str] = set()
        self.closed: set[str] | None = None  # the closed months, read at the first notice
        # The provider's invoices: number -> (sheet, row), order number -> row, rows refused.
        self.invoice_numbers: dict[str, tuple[str, int]] = {}
        self.invoiced: dict[str, int] = {}
        self.bad_invoices = 0
        self.done = 0
        self.total = 1

    def bad(self, sheet: str, row: int, column: str, template: str, context: str = CTX, /,
            **params):
        self.plan.bad.append(RowIssue(sheet, row, column, template, params, context))

    def skip(self, sheet: str, row: int, template: str, /, **params):
        self.plan.skipped.append(RowIssue(sheet, row, "", template, params))

    def tick(self) -> None:
        self.done += 1
        if self.done % STEP == 0:
            if self.cancelled():
                raise ImportCancelled()
            if self.progress:
                self.progress(min(self.done, self.total - 1), self.total)

    # -- the database, in chunks

    def load_orders(self, numbers) -> None:
        # A number no column holds (a NUL) is not looked up: its row says why it is refused.
        wanted = [n for n in set(numbers) if n and n not in self.known and n == storable(n)]
        db = database.obj
        table = quote(db, Order._meta.table_name)
        for i in range(0, len(wanted), LOOKUP):
            chunk = wanted[i:i + LOOKUP]
            # Raw SQL: peewee spends ~8 ms building each 500-value IN list.
            methods = quote(db, PaymentMethod._meta.table_name)
            sql = (f"SELECT o.id, o.order_no, o.status, o.order_date, m.refund_channel, "
                   f"o.collect_on_delivery FROM {table} o "
                   f"JOIN {methods} m ON m.id = o.payment_method_id "
                   f"WHERE o.order_no IN ({', '.join([db.param] * len(chunk))})")
            for oid, no, status, odate, channel, cod in db.execute_sql(sql, chunk).fetchall():
                odate = odate if isinstance(odate, datetime) else datetime.fromisoformat(str(odate))
                self.known[no] = self.state(OrderStatus(status), local_date(odate), oid, channel, bool(cod))

    # -- one sheet

    def sheet(self, sheet: Sheet, kind: str, columns: dict[int, str]) -> None:
        """Check the sheet's rows a chunk at a time (``CHUNK`` rows, or an order's rows): the
        rows, once checked, are dropped — what is kept grows with the orders (their numbers),
        not with the rows (issue 11, item 10)."""
        names = {key: _text(sheet.header[i]) for i, key in columns.items()}
        index = {key: i for i, key in columns.items()}
        if kind == ORDERS:
            self.orders(sheet, index, names)
            return
        check = {NOTICES: self.notices, INVOICES: self.invoices}.get(kind, self.requests)
        count = 0
        seen: set = set()  # the sheet's notices or requests so far, and those of their orders
        for chunk in _chunks(self._records(sheet.rows, index), CHUNK):
            count += len(chunk)
            self.load_orders(_text(r.get("order_no")) for _n, r in chunk)
            check(sheet.name, chunk, names, seen)
        self.plan.sheets[-1].rows = count

    def _records(self, rows, index) -> Iterator[tuple[int, _Rec]]:
        for number, values in rows:
            if _blank(values):
                continue
            self.tick()
            yield number, _Rec(values, index)

    def orders(self, sheet: Sheet, index, names) -> None:
        """The rows of one order are checked together, wherever they are in the sheet.  A
        first reading (of the order numbers only: ``_scattered``) finds the orders whose rows
        are not next to each other; the second keeps an order's rows until its last one,
        and the orders after it until it is checked, so that the orders are checked in the
        order of their first rows, as when the whole sheet was held."""
        name = sheet.name
        column = index.get("order_no")
        last = self._scattered(sheet, column, names)
        pending: deque = deque()  # [order number, rows, complete], by their first rows
        open_: dict[str, list] = {}
        ready: list = []
        current = None

        def close(group) -> None:
            group[2] = True
            open_.pop(group[0], None)

        for number, values in sheet.rows:
            if _blank(values):
                continue
            no = _text(values[column]) if column < len(values) else ""
            if not no or len(no) > 32:  # refused by ``_scattered``
                continue
            group = open_.get(no)
            if group is None:
                group = open_[no] = [no, [], False]
                pending.append(group)
            group[1].append((number, _Rec(values, index)))
            if current is not None and current is not group and current[0] not in last:
                close(current)
            current = group
            if last.get(no) == number:
                close(group)
            while pending and pending[0][2]:
                ready.append(pending.popleft())
            if len(ready) >= LOOKUP:
                self._order_groups(name, ready, names)
                ready = []
        ready.extend(pending)
        self._order_groups(name, ready, names)

    def _scattered(self, sheet: Sheet, column: int, names) -> dict[str, int]:
        """The first reading of an orders sheet: the rows without an order number (or with
        one too long) are refused, the sheet's rows counted; and the orders whose rows are
        not all next to each other, each with its last row's number."""
        seen: set[str] = set()
        last: dict[str, int] = {}
        prev = None
        count = 0
        for number, values in sheet.reopen():
            if _blank(values):
                continue
            count += 1
            self.tick()
            no = _text(values[column]) if column < len(values) else ""
            if not no:
                self.bad(sheet.name, number, names["order_no"],
                         QT_TRANSLATE_NOOP("Importer", "缺少訂單編號。"))
                continue
            if len(no) > 32:
                self.bad(sheet.name, number, names["order_no"],
                         QT_TRANSLATE_NOOP("Importer", "訂單編號不能超過 32 個字元。"))
                continue
            if no in last:
                last[no] = number
            elif no != prev and no in seen:
                last[no] = number
            seen.add(no)
            prev = no
        self.plan.sheets[-1].rows = count
        return last

    def _order_groups(self, name: str, groups: list, names) -> None:
        """Check orders (``[order number, rows, complete]``), their numbers looked up at once."""
        self.load_orders(g[0] for g in groups)
        for no, group, _complete in groups:
            self.tick()
            first = group[0][0]
            if no in self.new_orders:
                row, sheet = divmod(self.new_orders[no], 1 << 16)
                sheet = self.order_sheets[sheet]
                for number, _rec in group:
                    self.bad(name, number, names["order_no"], QT_TRANSLATE_NOOP(
                        "Importer", "訂單編號 {no} 重複：已在「{sheet}」第 {row} 列。"),
                        no=no, sheet=sheet, row=row)
                continue
            if no in self.known:
                for number, _rec in group:
                    self.skip(name, number, QT_TRANSLATE_NOOP(
                        "Importer", "訂單 {no} 已在資料庫中（已匯入過），略過。"), no=no)
                continue
            errors_before = len(self.plan.bad)
            head = group[0][1]
            order = None
            try:
                order = self.order_head(name, first, no, head, names)
            except _Bad as bad:
                self.bad(name, first, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            items = []
            for number, rec in group:
                if number != first:
                    for key in ORDER_LEVEL:
                        if key in names and _text(rec.get(key)) and _text(rec.get(key)) != _text(head.get(key)):
                            self.bad(name, number, names[key], QT_TRANSLATE_NOOP(
                                "Importer", "訂單編號 {no} 重複：這一列的「{header}」與第 {row} 列不同。"),
                                no=no, header=names[key], row=first)
                            break
                try:
                    _storable(rec, _ORDER_LIMITS)
                    product = _required(rec.get("product"), "product")
                    options = _text(rec.get("options"))
                    qty = _quantity(rec.get("quantity"), "quantity")
                    price = _amount(rec.get("unit_price"), "unit_price")
                    _checked(check_amount, qty * price, "unit_price")  # the line's total
                    items.append(order_svc.Item(product, qty, price, options))
                except _Bad as bad:
                    self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            if order is not None and items and len(self.plan.bad) == errors_before:
                subtotal = sum(it.quantity * it.unit_price for it in items)
                try:
                    _checked(check_amount, subtotal + shipping_fee_for(subtotal, *order.shipping[2:4]),
                             "unit_price")  # the order's total
                except _Bad as bad:
                    self.bad(name, first, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            if len(self.plan.bad) > errors_before or order is None:
                self.bad_orders.add(no)
                rows_with_errors = {b.row for b in self.plan.bad[errors_before:]}
                for number, _rec in group:
                    if number not in rows_with_errors:
                        self.bad(name, number, "", QT_TRANSLATE_NOOP(
                            "Importer", "訂單 {no} 的其他列有錯誤，整筆訂單不匯入。"), no=no)
                continue
            order.items = items
            if name not in self.order_sheets:
                self.order_sheets.append(name)
            self.new_orders[no] = (order.row << 16) + self.order_sheets.index(name)
            self.plan.add(ORDERS, order)
            channel = order.payment[2]
            self.known[no] = self.state(OrderStatus.UNPAID, local_date(order.order_date), None, channel,
                                        channel == RefundChannel.COD.value)

    def order_head(self, name: str, number: int, no: str, rec: _Rec, names) -> NewOrder:
        when = _datetime(rec.get("order_date"), "order_date")
        _not_after(when.date(), self.plan.today, "order_date")
        store = _required(rec.get("store"), "store")
        if store not in self.stores:
            raise _Bad("store", QT_TRANSLATE_NOOP("Importer", "找不到商店「{value}」。"), value=store)
        pm = _required(rec.get("payment_method"), "payment_method")
        if pm not in self.payments:
            raise _Bad("payment_method", QT_TRANSLATE_NOOP(
                "Importer", "付款方式「{value}」不存在或已封存。"), value=pm)
        sm = _required(rec.get("shipping_method"), "shipping_method")
        if sm not in self.shippings:
            raise _Bad("shipping_method", QT_TRANSLATE_NOOP(
                "Importer", "送貨方式「{value}」不存在或已封存。"), value=sm)
        buyer = _required(rec.get("buyer_name"), "buyer_name")
        # The phone as place_order stores it (digits only): a search finds it either way.
        fields = {"buyer_name": (buyer, 100), "phone": (writes.normalise_phone(_text(rec.get("phone"))), 30),
                  "email": (_text(rec.get("email")), 200), "address": (_text(rec.get("address")), 300)}
        for key, (value, limit) in fields.items():
            if len(value) > limit:
                raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "不能超過 {limit} 個字元。"), limit=limit)
        shipping = self.shippings[sm]
        pickup = PickupStore(*(_text(rec.get(k)) for k in PICKUP_FIELDS)) if shipping[4] else None
        _checked(writes.pickup_columns, shipping[4], pickup, sm)  # a pickup method needs its store
        return NewOrder(
            sheet=name, row=number, order_no=no, order_date=_local_to_utc(when),
            store_id=self.stores[store], payment=self.payments[pm], shipping=shipping,
            buyer=order_svc.Buyer(buyer, fields["phone"][0], fields["email"][0], fields["address"][0],
                                  pickup),
            items=[])

    def _order_rows(self, name: str, rows, names):
        """(row number, record, order number) for each row whose order is known; a row without
        an order number, or with an order that is neither in the database nor in the file, is
        listed as bad."""
        for number, rec in rows:
            self.tick()
            no = _text(rec.get("order_no"))
            try:
                if not no:
                    raise _Bad("order_no", QT_TRANSLATE_NOOP("Importer", "缺少訂單編號。"))
                self.known_order(no)
            except _Bad as bad:
                self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
                continue
            yield number, rec, no

    def _existing(self, numbers, rows_of) -> set:
        """What ``rows_of(order ids)`` yields for the known orders among ``numbers``, as tuples
        whose first item is the order number (the ids looked up LOOKUP at a time)."""
        ids = {self.known[n][2]: n for n in numbers if n in self.known and self.known[n][2]}
        keys = list(ids)
        found = set()
        for i in range(0, len(keys), LOOKUP):
            for oid, *rest in rows_of(keys[i:i + LOOKUP]):
                found.add((ids[oid], *rest))
        return found

    def notices(self, name: str, rows, names, existing: set) -> None:
        """A chunk of a notices sheet; ``existing``: the notices of its orders so far (the
        database's, then the sheet's)."""
        existing |= self._existing_notices([_text(r.get("order_no")) for _n, r in rows])
        for number, rec, no in self._order_rows(name, rows, names):
            try:
                _storable(rec, _NOTICE_LIMITS)
                day = _datetime(rec.get("transfer_date"), "transfer_date").date()
                amount = _amount(rec.get("amount"), "amount")
                last5 = _digits(rec.get("account_last5"), 5)
                notice = NoticeInput(day, amount, last5, _text(rec.get("note")))
                status, order_day, oid, *_how = self.known[no]
                try:
                    notice = notice.validated(order_date=order_day, today=self.plan.today)
                except ValidationError as err:
                    raise _Bad(err.field, err.template, err.context, **err.params) from None
                if self.closed is None:
                    self.closed = all_closed()
                if month_of(day) in self.closed:
                    raise _Bad("transfer_date", CLOSED_MESSAGE, "Errors", day=day.isoformat(),
                               month=month_of(day))
                if (no, day, amount, notice.account_last5) in existing:
                    self.skip(name, number, QT_TRANSLATE_NOOP(
                        "Importer", "訂單 {no} 已有這筆付款通知（已匯入過），略過。"), no=no)
                    continue
                self.transition(status, OrderAction.RECORD_PAYMENT, cod=self.cod(no))
            except _Bad as bad:
                self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
                continue
            existing.add((no, day, amount, notice.account_last5))
            self.moved(no, OrderStatus.PAID)
            self.plan.add(NOTICES, NewNotice(name, number, no, notice))

    def _existing_notices(self, numbers) -> set:
        def rows_of(ids):
            q = (PaymentNotice.select(PaymentNotice.order, PaymentNotice.transfer_date,
                                      PaymentNotice.amount, PaymentNotice.account_last5)
                 .where(PaymentNotice.order.in_(ids)).tuples())
            for oid, day, amount, last5 in q:
                yield oid, day if isinstance(day, date) else date.fromisoformat(str(day)), amount, last5

        return self._existing(numbers, rows_of)

    def requests(self, name: str, rows, names, asked: set) -> None:
        """A chunk of a requests sheet; ``asked``: the requests of its orders so far."""
        asked |= self._existing_requests([_text(r.get("order_no")) for _n, r in rows])
        for number, rec, no in self._order_rows(name, rows, names):
            try:
                _storable(rec, _REQUEST_LIMITS)
                when = _datetime(rec.get("request_date"), "request_date", required=False)
                status, order_day, oid, *_how = self.known[no]
                if when is not None and when.date() < order_day:
                    raise _Bad("request_date", QT_TRANSLATE_NOOP("Importer", "申請日期不能早於訂單日期。"))
                if when is not None:
                    _not_after(when.date(), self.plan.today, "request_date")
                reason = _required(rec.get("reason"), "reason")
                rem = Remittance(_digits(rec.get("bank_code"), 3), _text(rec.get("branch")),
                                 _digits(rec.get("account_number")), _text(rec.get("account_name")))
                if not any((rem.bank_code, rem.branch, rem.account_number, rem.account_name)):
                    rem = None
                if status is OrderStatus.CANCELLING or (
                        status is OrderStatus.CANCELLED and (no, reason) in asked):
                    self.skip(name, number, QT_TRANSLATE_NOOP(
                        "Importer", "訂單 {no} 已在取消處理中（已匯入過），略過。"), no=no)
                    continue
                self.transition(status, OrderAction.REQUEST_CANCEL_CUSTOMER, cod=self.cod(no))
                try:
                    # The buyer's account is asked for when the money goes back by remittance
                    # (a card payment is reversed instead).
                    by_account = RefundChannel(self.known[no][3]).needs_account
                    request = CancellationInput(reason, rem).validated(
                        paid=money_in(status, cod=self.cod(no)) and by_account)
                except ValidationError as err:
                    raise _Bad(err.field, err.template, err.context, **err.params) from None
            except _Bad as bad:
                self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
                continue
            self.moved(no, OrderStatus.CANCELLING)
            at = _local_to_utc(when) if when is not None else None
            self.plan.add(CANCELLATIONS, NewRequest(name, number, no, request, at))

    def invoices(self, name: str, rows, names, _seen=None) -> None:
        """The provider's issued invoices, matched by order number: each checked as
        【開立發票】 checks it (a sale, no open invoice, the order's total, a number never used),
        a number or an order twice in the file refused; an invoice already recorded on its
        order is skipped."""
        before = len(self.plan.bad)
        for number, rec, no in self._order_rows(name, rows, names):
            self._invoice(name, number, rec, no, names)
        self.bad_invoices += len(self.plan.bad) - before

    def _invoice(self, name: str, number: int, rec: _Rec, no: str, names) -> None:
        status, _order_day, oid, *_how = self.known[no]
        try:
            if oid is None:
                raise _Bad("order_no", QT_TRANSLATE_NOOP(
                    "Importer", "訂單 {no} 在這個檔案中才新增：請先匯入訂單，再匯入它的發票。"), no=no)
            day = _datetime(rec.get("invoice_date"), "invoice_date").date()
            try:
                given = invoice_svc.invoice_from_cells({key: rec.get(key) for key in COLUMNS[INVOICES]}, day)
                invoice_no = inv.invoice_number(given.invoice_no)
                if invoice_svc.recorded_on(invoice_no, oid):
                    self.skip(name, number, QT_TRANSLATE_NOOP(
                        "Importer", "發票 {invoice} 已登錄在訂單 {no}（已匯入過），略過。"), invoice=invoice_no, no=no)
                    return
                if invoice_no in self.invoice_numbers:
                    sheet, row = self.invoice_numbers[invoice_no]
                    raise _Bad("invoice_no", QT_TRANSLATE_NOOP(
                        "Importer", "發票號碼 {invoice} 重複：已在「{sheet}」第 {row} 列。"),
                        invoice=invoice_no, sheet=sheet, row=row)
                if no in self.invoiced:
                    raise _Bad("order_no", QT_TRANSLATE_NOOP(
                        "Importer", "訂單 {no} 在檔案中有兩張發票（另一張在第 {row} 列）。"),
                        no=no, row=self.invoiced[no])
                checked = invoice_svc.check_new_invoice(oid, given, status=status.value)
            except ValidationError as err:
                key = "order_no" if err.field == "order" else err.field
                raise _Bad(key, err.template, err.context, **err.params) from None
        except _Bad as bad:
            self.bad(name, number, names.get(bad.key, ""), bad.template, bad.context, **bad.params)
            return
        self.invoice_numbers[checked.invoice_no] = (name, number)
        self.invoiced[no] = number
        self.plan.add(INVOICES, NewInvoice(name, number, no, checked))

    def all_invoices_or_none(self) -> None:
        """The provider's file is taken whole: one bad invoice row leaves every invoice out."""
        if not self.bad_invoices:
            return
        for _kind, sheet, row, *_fields in self.plan.encoded(INVOICES):
            self.bad(sheet, row, "", QT_TRANSLATE_NOOP(
                "Importer", "檔案中的發票有 {n:,} 列錯誤：發票全部不匯入，改正後再匯入整個檔案。"),
                n=self.bad_invoices)
        self.plan.clear(INVOICES)

    def _existing_requests(self, numbers) -> set:
        return self._existing(numbers, lambda ids: (
            CancellationRequest.select(CancellationRequest.order, CancellationRequest.reason)
            .where(CancellationRequest.order.in_(ids)
                   & (CancellationRequest.requested_by == cancel_svc.CUSTOMER)).tuples()))

    def known_order(self, no: str) -> None:
        if no in self.known:
            return
        if no in self.bad_orders:
            raise _Bad("order_no", QT_TRANSLATE_NOOP(
                "Importer", "訂單 {no} 的列有錯誤而不匯入，所以這一列也不匯入。"), no=no)
        raise _Bad("order_no", QT_TRANSLATE_NOOP("Importer", "找不到訂單 {no}。"), no=no)

    def cod(self, no: str) -> bool:
        """Whether order ``no`` is collected on delivery."""
        return self.known[no][4]

    def state(self, status: OrderStatus, day: date, oid: int | None, channel: str, cod: bool) -> tuple:
        """What ``known`` holds of an order: (status, local order day, id or None, refund
        channel, collected on delivery); the same tuple for the file's orders alike."""
        state = (status, day, oid, channel, cod)
        return self._states.setdefault(state, state) if oid is None else state

    def moved(self, no: str, status: OrderStatus) -> None:
        self.known[no] = self.state(status, *self.known[no][1:])

    @staticmethod
    def transition(status: OrderStatus, action: OrderAction, *, cod: bool = False) -> None:
        try:
            next_order_status(status, action, cod=cod)
        except TransitionError as err:
            raise _Bad("order_no", err.template, err.context, **err.params) from None


def _chunks(items, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _columns(kind: str, header: list) -> tuple[dict[int, str], list[str]]:
    """Column index -> key for the headers of ``kind``; and the headers not understood."""
    aliases = _ALIASES[kind]
    columns, unknown = {}, []
    for i, h in enumerate(header):
        key = aliases.get(_norm(h))
        if key and key not in columns.values():
            columns[i] = key
        elif _text(h):
            unknown.append(_text(h))
    return columns, unknown


def sheet_kind(header: list) -> str | None:
    for kind, key in SIGNATURE:
        if key in _ALIASES[kind].values() and any(_ALIASES[kind].get(_norm(h)) == key for h in header):
            return kind
    return None


def check_file(path: str | Path, *, progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None, today: date | None = None) -> ImportPlan:
    """Read and check every row; write nothing.  ``UnreadableFile`` when the file cannot be
    read at all.  Sheets are taken orders first, then notices, then requests, so a notice may
    name an order of the same workbook.  ``today`` (default: the shop's day by the clock) is
    the latest transfer date a payment notice may have.

    An import cut short before (``finish_interrupted``) is finished first, so the rows are
    checked against it whole; apart from that, nothing is written."""
    import zipfile
    from xml.etree.ElementTree import ParseError

    with own_connection():
        finish_interrupted()
        try:
            return _check_file(path, progress, cancelled, today or local_date(now_or(None)))
        except (OSError, KeyError, IndexError, csv.Error, zipfile.BadZipFile, ParseError) as exc:
            # The rows are read lazily: a damaged workbook shows up here.
            raise UnreadableFile(QT_TRANSLATE_NOOP("Importer", "無法讀取檔案：{error}"),
                                 error=f"{type(exc).__name__}: {exc}") from exc


def _check_file(path, progress, cancelled, today: date) -> ImportPlan:
    plan = ImportPlan(str(path), today)
    sheets = read_sheets(path)
    checker = _Checker(plan, progress, cancelled)
    checker.total = max(sum(s.total for s in sheets) * 2, 1)
    # Invoices after the payment notices that make a sale, before the requests that cancel it.
    order = {ORDERS: 0, NOTICES: 1, INVOICES: 2, CANCELLATIONS: 3}
    typed = []
    for s in sheets:
        kind = sheet_kind(s.header)
        if kind is None:
            if any(_text(h) for h in s.header):
                plan.sheets.append(SheetInfo(s.name, None, 0))
                plan.bad.append(RowIssue(s.name, 1, "", QT_TRANSLATE_NOOP(
                    "Importer", "看不出這個工作表是訂單、付款通知、取消申請還是發票：請用 docs/IMPORT.md 的欄位名稱。")))
            continue
        typed.append((order[kind], kind, s))
    for _o, kind, s in sorted(typed, key=lambda t: t[0]):
        columns, _unknown = _columns(kind, s.header)
        plan.sheets.append(SheetInfo(s.name, kind, 0))
        missing = [COLUMNS[kind][k][0] for k in REQUIRED[kind] if k not in columns.values()]
        if missing:
            plan.bad.append(RowIssue(s.name, 1, "", QT_TRANSLATE_NOOP(
                "Importer", "缺少欄位：{columns}，這個工作表不匯入。"), {"columns": "、".join(missing)}))
            continue
        checker.sheet(s, kind, columns)
    checker.all_invoices_or_none()
    for s in sheets:
        for row, column, value in s.private:
            plan.warnings.append(RowIssue(s.name, row, column, QT_TRANSLATE_NOOP(
                "Importer", "「{value}」含有造字（使用者自訂字）：照 Windows 的讀法匯入，但在沒有"
                            "同樣造字檔的電腦上可能顯示成方塊或空白，請核對。"), {"value": value}))
    if progress:
        progress(checker.total, checker.total)
    return plan


# ---------------------------------------------------------------- writing

#: A write transaction's time: a clerk's action waits behind the import for about this long
#: at most.  Shorter on a server, where a slice costs only its commit and a short pause.
SLICE_SECONDS = 0.4
SERVER_SLICE_SECONDS = 0.25
#: Records per sub-batch inside a transaction, at most: the time is looked at between them,
#: and the next sub-batch is as many as fit in what is left of the slice at the pace seen.
SUB = 250
#: The first sub-batch of a kind of record not yet timed.
PROBE = 10
#: The pause between two of the import's transactions.  SQLite: longer than the longest sleep
#: of the busy handler a waiting clerk is in (100 ms), so every clerk waiting for the write
#: lock takes it before the import's next transaction.  A server queues the waiters itself.
SQLITE_GAP = 0.11
SERVER_GAP = 0.01
#: How often a transaction rolled back by a deadlock or a serialization failure is run
#: again, over ``survives_server``'s own attempts, before the import stops (to be finished).
CONFLICT_ROUNDS = 3


def apply_import(plan: ImportPlan, *, operator: str, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, bulk: bool = True,
                 now: datetime | None = None) -> ImportResult:
    """Write the plan's good rows: staged in the import's journal, then written in short
    transactions (module docstring).  ``ImportCancelled`` or ``ImportFailed`` before the first
    transaction commits: nothing written.  ``ImportInterrupted`` after: the rest is written by
    the next import or the next open (``finish_interrupted``).  ``bulk=False`` places each
    order through ``place_order`` instead (the test that proves the bulk rows equal uses it)."""
    with own_connection():
        finish_interrupted()  # an import cut short before goes first
        return _apply(plan, operator, progress, cancelled, bulk, now)


def finish_interrupted() -> list[ImportResult]:
    """Finish every import an importer stopped writing (an error, a crash, a server gone):
    the rest of its records, as it would have written them.  ``ImportInterrupted`` when one
    still cannot be finished (it is tried again next time)."""
    with own_connection():
        return [_write_batch(batch) for batch in journal.claimable()]


def _apply(plan, operator, progress, cancelled, bulk, now) -> ImportResult:
    import time

    began = time.perf_counter()
    operator = check_operator(operator)
    cancelled = cancelled or (lambda: False)
    if cancelled():
        raise ImportCancelled()
    if not plan.good:  # nothing to write (all of the file was imported before)
        return ImportResult(0, 0, 0, 0, len(plan.skipped), 0.0)
    meta = dict(operator=operator, source=Path(plan.path).name[:255], stamp=now_or(now),
                  today=plan.today, bulk=bulk, orders=plan.count(ORDERS), items=plan.items,
                  notices=plan.count(NOTICES), requests=plan.count(CANCELLATIONS),
                  invoices=plan.count(INVOICES), skipped=len(plan.skipped))
    try:
        _still_as_checked(plan)
        # Staged as they are read back from the plan: never all of them in memory.
        records = (r for kind in KINDS for r in plan.encoded(kind))
        batch = journal.stage(meta, _chunks(records, journal.STAGE), cancelled)
    except journal.StageCancelled:
        raise ImportCancelled() from None
    except ImportError_:
        raise
    except Exception as exc:  # noqa: BLE001 - the driver's own errors too
        raise ImportFailed(_domain(exc)) from exc
    return _write_batch(batch, progress, cancelled, began)


def _domain(exc: Exception) -> Exception:
    """A server's dropped connection or deadlock as the clear domain error; else ``exc``."""
    db = database.obj
    return (None if db is None or is_sqlite(db) else server_error(exc)) or exc


def _still_as_checked(plan: ImportPlan) -> None:
    """Before anything is written: no new order's number taken, every payment notice's order
    still unpaid, no transfer date in a month closed since the check — else the whole import
    fails (the clerk checks the file again).  The plan's records are read back ``LOOKUP`` at
    a time."""
    taken: set[str] = set()
    for chunk in _chunks((r[3] for r in plan.encoded(ORDERS)), LOOKUP):
        taken |= _taken(chunk)
    if taken:
        raise _number_taken(min(taken))
    unpaid = OrderStatus.UNPAID.value
    days: set[date] = set()
    for chunk in _chunks(plan.encoded(NOTICES), LOOKUP):
        days.update(date.fromisoformat(r[4]) for r in chunk)
        # The notices' orders in the database (none of this import's orders is: see above).
        ids: dict[str, int] = {}
        _lookup_ids(ids, [r[3] for r in chunk])
        wanted = list(set(ids.values()))
        for no, status in (Order.select(Order.order_no, Order.status)
                           .where(Order.id.in_(wanted)).tuples()):
            if status != unpaid:
                raise _changed_since_check(no)
    refuse_closed(days, "transfer_date")


@dataclass
class _Writing:
    """A batch being written: what its records need, and whether anything is committed yet
    (``strict``: then any failure leaves nothing)."""

    batch: int
    operator: str
    stamp: datetime
    today: date | None
    bulk: bool
    strict: bool
    #: This import's order numbers left out (taken meanwhile): their notices, invoices and
    #: requests are left out too.
    lost: set[str]
    cancelled: Callable[[], bool] = lambda: False
    #: Records in the first sub-batch of the next slice, learnt from the last one, and the
    #: kind of record it was learnt on.
    pace: int = PROBE
    paced: str = ""
    #: This backend's ``SLICE_SECONDS``.
    seconds: float = SLICE_SECONDS

    def tick(self, _n: int = 0) -> None:
        """Between two batches: a cancel is honoured while nothing is committed (after, the
        import is finished: what is committed cannot be taken back)."""
        if self.strict and self.cancelled():
            raise ImportCancelled()


def _write_batch(batch: int, progress: Progress | None = None,
                 cancelled: Callable[[], bool] | None = None, began: float | None = None) -> ImportResult:
    """Write the batch's records not written yet, a short transaction at a time."""
    import time

    began = time.perf_counter() if began is None else began
    cancelled = cancelled or (lambda: False)
    row = journal.batch_row(batch)
    stamp = row.stamp if isinstance(row.stamp, datetime) else datetime.fromisoformat(str(row.stamp))
    today = row.today if isinstance(row.today, date) or row.today is None else date.fromisoformat(str(row.today))
    chunks = journal.chunks(batch)
    written = journal.reports(batch)
    w = _Writing(batch, row.operator, stamp, today, row.bulk, strict=row.state == journal.STAGING,
                 lost={i["params"]["no"] for i in written if i.get("lost")}, cancelled=cancelled,
                 seconds=SLICE_SECONDS if is_sqlite(database.obj) else SERVER_SLICE_SECONDS)
    total = max(sum(size for _c, size, _d in chunks), 1)
    gap = SQLITE_GAP if is_sqlite(database.obj) else SERVER_GAP
    done_before = 0
    for chunk, size, done in chunks:
        records = [_decode(r) for r in journal.payload(chunk)] if done < size else []
        while done < size:
            try:
                done = _slice_again(w, chunk, records, done)
            except BaseException as exc:
                _stopped(w, exc, done_before + done, total)
                raise
            w.strict = False
            if progress:
                progress(min(done_before + done, total - 1), total)
            time.sleep(gap)
        done_before += size
        records = []  # (dropped before the next chunk is read: one chunk in memory at a time)
    try:
        conflicts = tuple(_issue_of(i) for i in journal.finish(batch))
    except Exception as exc:  # noqa: BLE001 - all written; "done" is marked next time
        _stopped(w, exc, total, total)
        raise
    refresh_statistics()  # the plans after a bulk write (docs/PERFORMANCE.md)
    if progress:
        progress(total, total)
    return ImportResult(row.orders, row.items, row.notices, row.requests, row.skipped,
                        time.perf_counter() - began, row.invoices, conflicts)


def _stopped(w: _Writing, exc: BaseException, done: int, total: int) -> None:
    """The import stopped on ``exc``: raise what the clerk is told.  While its first slice has
    not committed, the batch is removed — nothing written: ``ImportFailed`` (or ``exc`` itself,
    a cancel); else it is left for any desk to finish: ``ImportInterrupted``."""
    if w.strict:
        gone = journal.discard(w.batch)
        if gone is not False:  # (None: a dead connection — unwritten, it is removed later)
            if isinstance(exc, ImportError_) or not isinstance(exc, Exception):
                return
            raise ImportFailed(_domain(exc)) from exc
    journal.release(w.batch)  # the first slice's COMMIT went through after all, or a later one
    if isinstance(exc, Exception):
        raise ImportInterrupted(_domain(exc), done, total) from exc


def _slice_again(w: _Writing, chunk: int, records: list, done: int) -> int:
    """``_slice``, run again when a deadlock or a serialization failure rolled it back more
    often than ``survives_server`` tries."""
    import time

    for attempt in range(1, CONFLICT_ROUNDS + 1):
        try:
            return _slice(w, chunk, records, done)
        except ServerUnavailableError as err:
            if err.reason != ServerUnavailableError.BUSY or attempt == CONFLICT_ROUNDS:
                raise
        time.sleep(0.2 * attempt)
    raise AssertionError("unreachable")


@survives_server
def _slice(w: _Writing, chunk: int, records: list, offset: int) -> int:
    """One write transaction: the chunk's records from ``offset`` for about ``SLICE_SECONDS``,
    and the chunk's ``done`` moved past them; the new ``done``."""
    import time

    began = time.perf_counter()
    size, each = min(SUB, w.pace), 1e-6
    with write_transaction():
        done, report = journal.lock_chunk(chunk)
        if done != offset:  # another desk finishing the same batch wrote these meanwhile
            return done
        while done < len(records):
            kind, end = records[done][0], done + 1
            if kind != w.paced:  # another kind, another pace: a few records first
                size, w.paced = min(size, PROBE), kind
            while end < len(records) and end - done < size and records[end][0] == kind:
                end += 1
            start = time.perf_counter()
            report.extend(_write(w, kind, [r for _k, r in records[done:end]]))
            w.tick()
            now = time.perf_counter()
            # As many records next as fit in what is left of the slice at the slowest pace
            # seen in it (a busy server's pace varies from one statement to the next).
            each = max(each, (now - start) / (end - done))
            done = end
            size = int((w.seconds - (now - began)) / each)
            if size < 1:
                break
            size = min(SUB, size)
        journal.advance(w.batch, chunk, done, report, first=w.strict)
    w.pace = max(1, min(SUB, int(w.seconds / 2 / each)))  # the next slice's first step
    return done


def _write(w: _Writing, kind: str, records: list) -> list[dict]:
    """Write ``records`` (of one kind); the rows left out because a clerk got there first
    (none while ``strict``: the error goes through)."""
    issues: list[dict] = []
    if kind == ORDERS:
        try:
            with database.atomic():  # a savepoint: an order number a clerk took meanwhile
                _write_orders(w, records)
            return issues
        except (pw.IntegrityError, ValidationError):  # bulk, or through place_order
            taken = _taken([o.order_no for o in records])
            if not taken:
                raise
        if w.strict:
            raise _number_taken(min(taken)) from None
        for o in records:
            if o.order_no in taken:
                w.lost.add(o.order_no)
                issues.append(_issue(o, QT_TRANSLATE_NOOP(
                    "Importer", "訂單編號 {no} 在匯入開始後已被另一筆訂單使用，這一列沒有匯入。"),
                    {"no": o.order_no}, lost=True))
        _write_orders(w, [o for o in records if o.order_no not in taken])
        return issues
    for r in records:
        if r.order_no in w.lost:
            issues.append(_issue(r, QT_TRANSLATE_NOOP(
                "Importer", "訂單 {no} 沒有匯入（編號已被另一筆訂單使用），這一列也沒有匯入。"),
                {"no": r.order_no}))
    records = [r for r in records if r.order_no not in w.lost]
    ids: dict[str, int] = {}
    _lookup_ids(ids, [r.order_no for r in records])
    if kind == NOTICES and w.bulk:
        return issues + _bulk_notices(records, ids, w.operator, w.stamp, strict=w.strict)
    for r in records:
        try:
            with database.atomic():  # a savepoint: a row refused undoes only itself
                _write_one(w, kind, r, ids[r.order_no])
        except DomainError as err:
            if w.strict:
                raise
            issues.append(_issue(r, err.template, err.params, context=err.context))
    return issues


def _write_orders(w: _Writing, orders: list[NewOrder]) -> None:
    if w.bulk:
        _bulk_orders(orders, w.operator, {}, w.tick)
        return
    for o in orders:
        order_svc.place_order(
            store_id=o.store_id, buyer=o.buyer, items=o.items,
            payment_method_id=o.payment[0], shipping_method_id=o.shipping[0],
            operator=w.operator, order_no=o.order_no, order_date=o.order_date)


def _write_one(w: _Writing, kind: str, r, oid: int) -> None:
    """A notice (not in bulk), an invoice or a request, through its service."""
    if kind == NOTICES:
        order_svc.record_payment_notice(oid, r.notice, operator=w.operator,
                                        now=_not_before(w.stamp, oid), today=w.today)
    elif kind == INVOICES:
        invoice_svc.record_invoice(oid, r.invoice, operator=w.operator, source="import", now=w.stamp)
    else:
        cancel_svc.request_cancellation(oid, r.request, by=cancel_svc.CUSTOMER, operator=w.operator,
                                        now=_not_before(r.at or w.stamp, oid))


def _issue(r, template: str, params: dict, *, context: str = CTX, lost: bool = False) -> dict:
    """A row left out, as the journal keeps it (JSON)."""
    issue = {"sheet": r.sheet, "row": r.row, "template": template, "context": context,
             "params": {k: v if isinstance(v, (int, str)) else str(v) for k, v in params.items()}}
    if lost:
        issue["lost"] = True
    return issue


def _issue_of(issue: dict) -> RowIssue:
    return RowIssue(issue["sheet"], issue["row"], "", issue["template"], issue["params"],
                    issue.get("context", CTX))


# -- the journal's form of a record (JSON), and back


def _encode(kind: str, r) -> list:
    """A record as the journal keeps it: ``[kind, sheet, row, order number, fields...]``."""
    head = [kind, r.sheet, r.row, r.order_no]
    if kind == ORDERS:
        b, p = r.buyer, r.buyer.pickup
        return [*head, r.order_date.isoformat(), r.store_id, list(r.payment), list(r.shipping),
                [b.name, b.phone, b.email, b.address, [p.code, p.name, p.address] if p else None],
                [[i.product, i.quantity, i.unit_price, i.options] for i in r.items]]
    if kind == NOTICES:
        n = r.notice
        return [*head, n.transfer_date.isoformat(), n.amount, n.account_last5, n.note]
    if kind == INVOICES:
        i = r.invoice
        return [*head, i.invoice_no, i.invoice_date.isoformat(), i.kind, i.total, i.carrier_type,
                i.carrier_id, i.buyer_ban, i.buyer_title]
    q, m = r.request, r.request.remittance
    return [*head, q.reason, [m.bank_code, m.branch, m.account_number, m.account_name] if m else None,
            r.at.isoformat() if r.at else None]


def _decode(item: list) -> tuple:
    """``(kind, record)`` back from ``_encode``'s list."""
    kind, sheet, row, no, *f = item
    if kind == ORDERS:
        name, phone, email, address, pickup = f[4]
        buyer = writes.Buyer(name, phone, email, address, PickupStore(*pickup) if pickup else None)
        return kind, NewOrder(sheet, row, no, datetime.fromisoformat(f[0]), f[1], tuple(f[2]),
                              tuple(f[3]), buyer, [writes.Item(*i) for i in f[5]])
    if kind == NOTICES:
        return kind, NewNotice(sheet, row, no, NoticeInput(date.fromisoformat(f[0]), *f[1:]))
    if kind == INVOICES:
        return kind, NewInvoice(sheet, row, no, InvoiceInput(f[0], date.fromisoformat(f[1]), *f[2:]))
    reason, m, at = f
    return kind, NewRequest(sheet, row, no, CancellationInput(reason, Remittance(*m) if m else None),
                            datetime.fromisoformat(at) if at else None)


class ImportFailed(ImportError_):
    """The write failed before any of it was committed (another clerk changed an order since
    the check, the server went away...): nothing was written."""

    def __init__(self, cause: BaseException):
        self.cause = cause
        super().__init__(str(cause))

    def message(self, translate: Translate | None = None) -> str:
        if isinstance(self.cause, DomainError):  # a StaleError's time in the shop's zone
            return shop_clock.error_message(self.cause, translate)
        return str(self.cause)


class ImportInterrupted(ImportFailed):
    """The write stopped after part of it was committed: the rest is in the import's journal
    and is written by the next import or the next open (``finish_interrupted``)."""

    def __init__(self, cause: BaseException, done: int, total: int):
        super().__init__(cause)
        self.done, self.total = done, total

    def message(self, translate: Translate | None = None) -> str:
        text = (translate or identity)(CTX, QT_TRANSLATE_NOOP(
            "Importer", "匯入在寫入 {done:,} / {total:,} 筆後中斷：{error}。其餘的資料留在匯入紀錄中，"
                        "下次開啟資料庫或再次匯入時會自動補完，不會只留下一半。"))
        return text.format(done=self.done, total=self.total, error=super().message(translate))


def _taken(numbers: list[str]) -> set[str]:
    """Which of ``numbers`` are order numbers in the database."""
    taken: set[str] = set()
    for i in range(0, len(numbers), LOOKUP):
        taken.update(no for (no,) in Order.select(Order.order_no).where(
            Order.order_no.in_(numbers[i:i + LOOKUP])).tuples())
    return taken


def _number_taken(order_no: str) -> DomainError:
    return ChangedSinceCheck(QT_TRANSLATE_NOOP(
        "Importer", "訂單編號 {no} 在檢查之後已被另一筆訂單使用，這次匯入沒有寫入任何資料，請重新匯入。"),
        no=order_no)


def _not_before(at: datetime, order_id: int) -> datetime:
    """History runs forward: an action is not recorded before the order's last change."""
    last = Order.select(Order.updated_at).where(Order.id == order_id).scalar()
    if last is not None and not isinstance(last, datetime):
        last = datetime.fromisoformat(str(last))
    return max(at, last) if last else at


def _lookup_ids(ids: dict[str, int], numbers: list[str]) -> None:
    wanted = list({n for n in numbers if n not in ids})
    for i in range(0, len(wanted), LOOKUP):
        for oid, no in (Order.select(Order.id, Order.order_no)
                        .where(Order.order_no.in_(wanted[i:i + LOOKUP])).tuples()):
            ids[no] = oid


# -- the bulk path: the rows the services write, built by the same ``writes`` builders

_ORDER_FIELDS = (
    "id", "order_no", "store", "order_date", "status", "buyer_name", "buyer_phone", "buyer_email",
    "delivery_address", "payment_method", "payment_method_name", "shipping_method",
    "shipping_method_name", "shipping_method_fee", "subtotal", "shipping_fee", "total",
    "collect_on_delivery", "status_since", "version", "updated_at", "updated_by",
    "pickup_store_code", "pickup_store_name", "pickup_store_address",
)
_ITEM_FIELDS = ("order", *writes.ITEM_COLUMNS)
_NOTICE_FIELDS = ("order", *writes.NOTICE_COLUMNS)
_HISTORY_FIELDS = ("order", "cancellation", *writes.HISTORY_COLUMNS)


def _bulk_orders(orders: list[NewOrder], operator: str, ids: dict[str, int], tick=None) -> None:
    """What ``place_order`` writes for each order (``writes.placed``), inside the caller's
    transaction, in fixed batches; ``tick(n)`` after each (it may raise ``ImportCancelled``).

    On SQLite (``BEGIN IMMEDIATE`` keeps every other writer out) ids are given explicitly
    after the largest.  On a server other desks and the storefront keep placing orders while
    the import runs, so the database gives the ids and they are read back by order number
    (unique): an explicit id could collide with one the sequence hands to someone else."""
    if not orders:
        return
    db = database.obj
    explicit = is_sqlite(db)
    fields = _ORDER_FIELDS if explicit else _ORDER_FIELDS[1:]
    sql_order = insert_sql(db, Order, fields)
    sql_item = insert_sql(db, OrderItem, _ITEM_FIELDS)
    sql_history = insert_sql(db, StatusHistory, _HISTORY_FIELDS)
    next_id = (Order.select(pw.fn.MAX(Order.id)).scalar() or 0) + 1 if explicit else None
    columns = operator_.itemgetter(*_ORDER_FIELDS[1:])
    cursor = db.cursor()
    for start in range(0, len(orders), BATCH):
        batch = orders[start:start + BATCH]
        rows_o, built = [], []
        for o in batch:
            # The time as sqlite3 and the server drivers take a datetime.
            new = writes.placed(order_no=o.order_no, store_id=o.store_id, buyer=o.buyer,
                                items=o.items, payment=o.payment, shipping=o.shipping,
                                operator=operator, at=str(o.order_date), pickup_chain=o.shipping[4])
            row = columns(new.order)
            if explicit:
                ids[o.order_no] = next_id
                row = (next_id, *row)
                next_id += 1
            rows_o.append(row)
            built.append(new)
        executemany(db, cursor, sql_order, rows_o)
        if not explicit:
            _lookup_ids(ids, [o.order_no for o in batch])
        rows_i, rows_h = [], []
        for o, new in zip(batch, built, strict=True):
            oid = new.state.id = ids[o.order_no]
            rows_i.extend((oid, *it) for it in new.items)
            rows_h.extend(new.history_rows())
        executemany(db, cursor, sql_item, rows_i)
        executemany(db, cursor, sql_history, rows_h)
        if tick:
            tick(len(rows_o))


def _bulk_notices(notices: list[NewNotice], ids: dict[str, int], operator: str, stamp: datetime,
                  *, strict: bool = True) -> list[dict]:
    """What ``record_payment_notice`` writes for each notice (``writes.order_step``) — the
    conditional move to PAID, the RECORD_PAYMENT record, the notice — in batches inside the
    caller's transaction.

    The time is ``stamp``, or the order's last change when that is later (as ``_not_before``).
    An order that another clerk moved since the check, or a transfer date in a month closed
    meanwhile: ``strict``, the error (nothing of the transaction is kept); else the notice is
    left out and returned (``_issue``)."""
    issues: list[dict] = []
    if not notices:
        return issues
    db = database.obj
    states: dict[int, writes.OrderState] = {}
    updated: dict[int, datetime] = {}
    oids = list({ids[n.order_no] for n in notices})
    locked = not is_sqlite(db)
    for i in range(0, len(oids), LOOKUP):
        # FOR UPDATE on a server (SQLite's BEGIN IMMEDIATE already keeps every other writer
        # out): the orders cannot move between this read and the updates below.
        query = (Order.select(Order.id, Order.status, Order.version, Order.total,
                              Order.status_before_cancel, Order.updated_at)
                 .where(Order.id.in_(oids[i:i + LOOKUP])))
        for oid, status, version, total, before, at in (
                query.for_update() if locked else query).tuples():
            states[oid] = writes.OrderState(oid, status, version, total, before)
            updated[oid] = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
    sql_notice = insert_sql(db, PaymentNotice, _NOTICE_FIELDS)
    sql_history = insert_sql(db, StatusHistory, _HISTORY_FIELDS)
    sql_update = None
    notice_values = operator_.itemgetter(*writes.NOTICE_COLUMNS)
    unpaid = OrderStatus.UNPAID.value
    closed = closed_months((month_of(n.notice.transfer_date) for n in notices), locking=True)
    cursor = db.cursor()
    for start in range(0, len(notices), BATCH):
        batch = notices[start:start + BATCH]
        updates, rows_n, rows_h = [], [], []
        for n in batch:
            state = states[ids[n.order_no]]
            day = n.notice.transfer_date
            if month_of(day) in closed:  # the months were read (and locked) above: no query again
                err = ValidationError("transfer_date", CLOSED_MESSAGE, day=day.isoformat(), month=month_of(day))
                if strict:
                    raise err
                issues.append(_issue(n, err.template, err.params, context="Errors"))
                continue
            if state.status != unpaid:
                if strict:
                    raise _changed_since_check(n.order_no)
                issues.append(_issue(n, QT_TRANSLATE_NOOP(
                    "Importer", "訂單 {no} 在匯入開始後已被其他店員變更，這筆付款通知沒有匯入。"),
                    {"no": n.order_no}))
                continue
            at = max(stamp, updated[state.id])
            updated[state.id] = at
            step = writes.order_step(state, OrderAction.RECORD_PAYMENT, n.notice,
                                     operator=operator, at=str(at))
            sql_update = sql_update or update_sql(db, Order, tuple(step.order_set))
            updates.append((*step.order_set.values(), state.id, step.order_from, step.order_version))
            rows_h.extend(step.history_rows())
            rows_n.append((state.id, *notice_values(step.notice)))
            step.advance()
        if not updates:
            continue
        executemany(db, cursor, sql_update, updates)
        # sqlite3 sums executemany's row counts (not every server driver does): a guard that
        # the conditional updates all matched.
        if is_sqlite(db) and cursor.rowcount != len(updates):
            raise _changed_since_check(batch[0].order_no)
        executemany(db, cursor, sql_history, rows_h)
        executemany(db, cursor, sql_notice, rows_n)
    return issues


class ChangedSinceCheck(DomainError):
    """An order the plan writes to was changed by another clerk after the check."""

    context = CTX


def _changed_since_check(order_no: str) -> DomainError:
    return ChangedSinceCheck(QT_TRANSLATE_NOOP(
        "Importer", "訂單 {no} 在檢查之後已被其他店員變更，這次匯入沒有寫入任何資料，請重新匯入。"),
        no=order_no)
