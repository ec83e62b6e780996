"""The bulk path of an import's write (``_bulk_orders``, ``_bulk_notices``).

The rows ``place_order`` and ``record_payment_notice`` write, built by the same ``writes``
builders and inserted with raw ``executemany`` in fixed batches (``BATCH``), inside the
caller's transaction; and the order ids looked up by order number (``_lookup_ids``)."""

from __future__ import annotations

import operator as operator_
from datetime import datetime

import peewee as pw

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.statuses import OrderAction, OrderStatus
from app.models.db import database, is_sqlite
from app.models.tables import Order, OrderItem, PaymentNotice, StatusHistory

from . import writes
from .bulk import executemany, insert_rows, insert_sql, update_sql
from .closing import CLOSED_MESSAGE, closed_months, month_of
from .import_records import LOOKUP, NewNotice, NewOrder, _changed_since_check, _issue

#: Orders per ``executemany`` batch (fixed: docs/PERFORMANCE.md, sqlite3's statement cache).
BATCH = 2000


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
    sql_item = insert_sql(db, OrderItem, _ITEM_FIELDS)
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
        insert_rows(db, cursor, Order, fields, rows_o)  # (many a statement on SQLite: bulk.ROWS)
        if not explicit:
            _lookup_ids(ids, [o.order_no for o in batch])
        rows_i, rows_h = [], []
        for o, new in zip(batch, built, strict=True):
            oid = new.state.id = ids[o.order_no]
            rows_i.extend((oid, *it) for it in new.items)
            rows_h.extend(new.history_rows())
        executemany(db, cursor, sql_item, rows_i)
        insert_rows(db, cursor, StatusHistory, _HISTORY_FIELDS, rows_h)
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
