"""Writing a checked import (``importer.apply_import``, ``finish_interrupted``).

The plan checked once more and staged in the import's journal, then written a short
transaction (a slice) at a time, each moving its chunk's ``done`` mark; a slice rolled back by
a deadlock run again; a record a clerk got to first left out and reported by row; an import
cut short finished later (``importer``'s module docstring tells the whole of it).  The orders
and the payment notices are written in bulk by ``import_bulk``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import peewee as pw

from app.domain.errors import DomainError, ServerUnavailableError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.statuses import OrderStatus
from app.models.db import (
    database,
    is_sqlite,
    own_connection,
    server_error,
    survives_server,
    write_transaction,
)
from app.models.tables import Order

from . import cancellations as cancel_svc
from . import import_journal as journal
from . import invoices as invoice_svc
from . import orders as order_svc
from .bulk import refresh_statistics
from .closing import refuse_closed
from .common import check_operator, now_or
from .export import Progress
from .import_bulk import _bulk_notices, _bulk_orders, _lookup_ids
from .import_records import (
    CANCELLATIONS,
    INVOICES,
    KINDS,
    LOOKUP,
    NOTICES,
    ORDERS,
    ChangedSinceCheck,
    ImportCancelled,
    ImportError_,
    ImportFailed,
    ImportInterrupted,
    ImportPlan,
    ImportResult,
    NewOrder,
    _changed_since_check,
    _chunks,
    _decode,
    _issue,
    _issue_of,
)

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
        batch = journal.stage(meta, records, cancelled)
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
            operator=w.operator, order_no=o.order_no, order_date=o.order_date, today=w.today)


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
