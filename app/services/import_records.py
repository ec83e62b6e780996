"""What an import is made of (``importer``'s plan, records, results and errors).

The kinds of record; the checked records (``NewOrder``, ``NewNotice``, ``NewRequest``,
``NewInvoice``) and a row's problem (``RowIssue``); the ``ImportPlan`` ``check_file`` returns,
its records waiting in ``_Spool``s, and the ``ImportResult`` ``apply_import`` returns; the
errors an import raises; the journal's form of a record (``_encode`` / ``_decode``) and of a row
left out (``_issue``).  Nothing here reads a file or the database."""

from __future__ import annotations

import io
import tempfile
from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.errors import DomainError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import CancellationInput, Remittance
from app.domain.inputs import PaymentNotice as NoticeInput
from app.domain.invoice import InvoiceInput
from app.domain.pickup import PickupStore

from . import import_journal as journal
from . import orders as order_svc
from . import shop_clock, writes
from .export import Translate

CTX = "Importer"
ORDERS, NOTICES, CANCELLATIONS, INVOICES = "orders", "notices", "cancellations", "invoices"


#: How many order numbers one ``IN (...)`` look-up asks about.
LOOKUP = 500


#: How many rows left out a result's summary names.
SHOWN_CONFLICTS = 20


def identity(_context: str, text: str) -> str:
    return text


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


class IssueLog(Sequence):
    """The rows a check left out (``RowIssue`` each), held compactly: a million rows skipped as
    already imported or refused must not hold a million objects (issue 11 item 10: an import
    of 1,000,000 rows peaks ≤ 300 MB; a ``RowIssue`` with its parameters was ~500 bytes).  Each
    issue is its sheet, column, template and context as small numbers into the few distinct
    ones, its row, and its parameters' values (one value alone, as it was given: an order's
    rows share its number); a ``RowIssue`` is made when one is read.  A list of the same issues
    compares equal."""

    def __init__(self, issues=()):
        self._names: list = []  # the sheets, columns, templates, contexts and parameter names
        self._index: dict = {}
        self._what = array("H")  # per issue: sheet, column, template, context, parameters' names
        self._rows = array("I")
        self._values: list = []
        for issue in issues:
            self.append(issue)

    def _code(self, value) -> int:
        code = self._index.get(value)
        if code is None:
            code = self._index[value] = len(self._names)
            self._names.append(value)
        return code

    def add(self, sheet: str, row: int, column: str, template: str, params: dict, context: str = CTX) -> None:
        keys = tuple(params)
        self._what.extend((self._code(sheet), self._code(column), self._code(template),
                           self._code(context), self._code(keys)))
        self._rows.append(row)
        self._values.append(params[keys[0]] if len(keys) == 1 else tuple(params.values()))

    def append(self, issue: RowIssue) -> None:
        self.add(issue.sheet, issue.row, issue.column, issue.template, issue.params, issue.context)

    def __len__(self) -> int:
        return len(self._rows)

    def _issue(self, i: int) -> RowIssue:
        names = self._names
        sheet, column, template, context, keys = (names[c] for c in self._what[i * 5:i * 5 + 5])
        value = self._values[i]
        params = {keys[0]: value} if len(keys) == 1 else dict(zip(keys, value, strict=True))
        return RowIssue(sheet, self._rows[i], column, template, params, context)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self._issue(j) for j in range(*i.indices(len(self)))]
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        return self._issue(i)

    def rows(self, start: int = 0) -> set[int]:
        """The rows of the issues from ``start`` on (no ``RowIssue`` made)."""
        return set(self._rows[start:])

    def __eq__(self, other) -> bool:
        if isinstance(other, IssueLog | list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return f"IssueLog({list(self)!r})"


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
    skipped: IssueLog = field(default_factory=IssueLog)
    bad: IssueLog = field(default_factory=IssueLog)
    #: Rows imported but worth a look: a user-defined character (造字) in a cell.
    warnings: IssueLog = field(default_factory=IssueLog)
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


class ChangedSinceCheck(DomainError):
    """An order the plan writes to was changed by another clerk after the check."""

    context = CTX


def _changed_since_check(order_no: str) -> DomainError:
    return ChangedSinceCheck(QT_TRANSLATE_NOOP(
        "Importer", "訂單 {no} 在檢查之後已被其他店員變更，這次匯入沒有寫入任何資料，請重新匯入。"),
        no=order_no)


def _chunks(items, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
