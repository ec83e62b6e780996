"""The order actions of docs/PRODUCT.md §3, plus placing a new order.

Every function: one write transaction; the transition checked by ``app.domain.machines``;
a conditional update on the order's id, status and version; one history record with the
operator, the UTC time and the action's input; returns a ``Change``.

``expected_version`` is the version the caller's screen showed.  When given and the order
has moved on since, ``StaleError`` says who changed it and when, and nothing is written.
``now`` is for imports and the demo data (history at the time things happened); the clerk's
actions leave it to the clock.
"""

from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import peewee as pw

from app.domain.bounds import check_amount, check_items, check_quantity, check_text
from app.domain.errors import DomainError, ServerUnavailableError, StaleError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import PaymentNotice as PaymentNoticeInput
from app.domain.inputs import ShipInput, checked_pickup_date, required_text
from app.domain.machines import next_order_status
from app.domain.phone import phone_digits
from app.domain.statuses import OrderAction, OrderStatus
from app.models.db import database, is_sqlite, own_connection, survives_server, write_transaction
from app.models.tables import (
    ActionKey,
    Order,
    OrderItem,
    OrderNoCounter,
    PaymentMethod,
    PaymentNotice,
    ShippingMethod,
    StatusHistory,
    Store,
    utcnow,
)

from . import writes
from .bulk import executemany, insert_rows, insert_sql, quote, select_in_sql, update_sql
from .closing import closed_check, refuse_closed
from .common import (
    Change,
    check_columns,
    check_operator,
    check_step,
    idempotent,
    insert_history,
    load_order,
    local_date,
    now_or,
    order_not_found,
    order_stale,
    order_state,
    stale_of,
    write_step,
)
from .keys import KEYED_ATTEMPTS, NOT_FOUND, after_uncertain, answer_of_text, answer_text, check_op_key
from .writes import Buyer, Item


def _begin(order_id: int, expected_version: int | None) -> Order:
    order = load_order(order_id)
    if expected_version is not None and order.version != expected_version:
        raise order_stale(order)
    return order


@survives_server
def _act(
    order_id: int,
    action: OrderAction,
    value=None,
    *,
    operator: str,
    expected_version: int | None,
    now: datetime | None,
    today: date | None = None,
    check=None,
) -> Change:
    """The shape of every plain order action: the input's shape checked before any lock, then
    in one write transaction the order read, checked (``_step``) and written.  ``check``
    replaces the action's own check of ``_RULES``."""
    shape, rule = _RULES[action]
    if shape is not None:
        value = shape(value)
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        order = _begin(order_id, expected_version)
        notice = _latest_notice(order.id) if action is OrderAction.CONFIRM_PAYMENT else None
        step = _step(order, action, value, check or rule, operator=operator, now=now,
                     today=today or local_date(now), notice=notice, refuse=refuse_closed)
        hids = write_step(step, order)
    return Change(order.id, order.order_no, order.status, OrderStatus(step.order_to),
                  step.order_set["version"], history_ids=hids)


def _step(order, action: OrderAction, value, check, *, operator: str, now: datetime, today: date,
          notice: int | None, refuse) -> writes.Step:
    """One order's plain action, from the order as read (an ``Order``, or a row of its
    columns: ``bulk_action``) to the rows it writes (``writes.order_step``), with every
    refusal the single and the bulk service share: the status allows the action
    (``TransitionError``), ``check(order, value, today=, refuse=)`` validates the input that
    needs the order and returns the action's input, and the day is in an open month
    (``refuse``: ``refuse_closed``).  ``notice``: the amount of the order's latest payment
    notice (CONFIRM_PAYMENT)."""
    next_order_status(OrderStatus(order.status), action, cod=bool(order.collect_on_delivery))
    state = order_state(order)
    state.notice_amount = notice
    if check is not None:
        value = check(order, value, today=today, refuse=refuse)
    if action is OrderAction.CONFIRM_PAYMENT:  # the money is booked the day it is confirmed
        refuse(local_date(now), "date")
    return writes.order_step(state, action, value, operator=operator, at=now)


def _latest_notice(order_id: int) -> int | None:
    return (PaymentNotice.select(PaymentNotice.amount).where(PaymentNotice.order == order_id)
            .order_by(PaymentNotice.id.desc()).scalar())


def _checked_shipment(shipment: ShipInput) -> ShipInput:
    shipment.validated()
    return shipment


def _check_ship(order, shipment: ShipInput, *, today: date, refuse) -> ShipInput:
    valid = shipment.validated(order_date=local_date(order.order_date), today=today)
    refuse(valid.ship_date, "ship_date")
    return valid


def _checked_pickup(day: date) -> date:
    checked_pickup_date(day)
    return day


def _check_picked_up(order, day: date, *, today: date, refuse) -> date:
    valid = checked_pickup_date(day, shipped_on=_day(order.ship_date), today=today)
    refuse(valid, "picked_up_date")  # the ledger books a COD parcel's money on this day
    return valid


def _reason(value: str) -> str:
    return required_text(value, "reason")


#: Each plain action's checks: ``shape(value)`` before any lock (the input alone), and
#: ``check(order, value, today=, refuse=)`` against the order (``_step``); None for none.
_RULES: dict[OrderAction, tuple] = {
    OrderAction.RECORD_PAYMENT: (None, None),  # record_payment_notice passes its own check
    OrderAction.CONFIRM_PAYMENT: (None, None),
    OrderAction.SHIP: (_checked_shipment, _check_ship),
    OrderAction.OUT_OF_STOCK: (_reason, None),
    OrderAction.BACK_TO_AWAITING: (None, None),
    OrderAction.ACCEPT: (None, None),
    OrderAction.PICKED_UP: (_checked_pickup, _check_picked_up),
    OrderAction.NOT_COLLECTED: (_reason, None),
}


def place_order(
    *,
    store_id: int,
    buyer: Buyer,
    items: list[Item],
    payment_method_id: int,
    shipping_method_id: int,
    operator: str,
    order_no: str | None = None,
    order_date: datetime | None = None,
    client_ref: str | None = None,
    today: date | None = None,
) -> Change:
    """Place a new order (storefront, import, demo data).  Status UNPAID.

    The shipping fee follows the shop's one rule (``shipping_fee_for``) on the goods subtotal;
    the payment and shipping methods' names and fee are copied onto the order.

    ``order_date``: not after ``today`` (the shop's day; by default the clock's a few minutes
    on, ``CLOCK_AHEAD``: an order from the future could never be paid or shipped).

    ``client_ref``: the storefront's own reference of the order, its idempotency key (at most
    64 characters, unique, kept on the order).  A call with a reference already placed
    returns that order's ``Change`` and writes nothing; when the connection dropped while
    the order was being committed (``ServerUnavailableError``, ``UNCERTAIN``), the reference
    is looked up on a new connection: the saved order's ``Change``, or the order is placed
    now — never twice.
    """
    operator = check_operator(operator)
    if client_ref is not None:
        client_ref = check_text(client_ref.strip(), "client_ref", Order.client_ref.max_length)
        if not client_ref:
            raise ValidationError("client_ref", QT_TRANSLATE_NOOP("Errors", "訂單參考編號不能是空白。"))
    args = dict(store_id=store_id, buyer=buyer, items=items, payment_method_id=payment_method_id,
                shipping_method_id=shipping_method_id, operator=operator, order_no=order_no,
                order_date=order_date, client_ref=client_ref, today=today)
    try:
        return _place(**args)
    except _PlacedMeanwhile:  # a call with the same reference was first
        return _already_placed(client_ref)
    except ServerUnavailableError as err:
        if client_ref is None or err.reason != ServerUnavailableError.UNCERTAIN:
            raise
    return _place(**args)  # the reference says whether it was saved: placed once either way


class _PlacedMeanwhile(Exception):  # noqa: N818 - a signal to place_order, not an error
    """Another call placed the order under the same ``client_ref`` at the same moment."""


def _already_placed(client_ref: str | None) -> Change | None:
    """The ``Change`` ``place_order`` returned for the order placed under ``client_ref``
    (its PLACE history records), or None when there is none."""
    if client_ref is None:
        return None
    order = Order.get_or_none(Order.client_ref == client_ref)
    if order is None:
        return None
    hids = tuple(h.id for h in StatusHistory.select(StatusHistory.id).where(
        (StatusHistory.order == order.id) & (StatusHistory.action == OrderAction.PLACE.value)
    ).order_by(StatusHistory.id))
    return Change(order.id, order.order_no, None, OrderStatus.UNPAID, 1, history_ids=hids)


@survives_server
def _place(*, store_id: int, buyer: Buyer, items: list[Item], payment_method_id: int,
           shipping_method_id: int, operator: str, order_no: str | None,
           order_date: datetime | None, client_ref: str | None, today: date | None) -> Change:
    """``place_order``'s work, in one write transaction: the order placed under
    ``client_ref`` before, else the new order."""
    now = now_or(order_date)
    if order_date is not None and local_date(now) > (today or local_date(utcnow() + CLOCK_AHEAD)):
        # An order from the future could never be paid or shipped (their dates may not be
        # before it, nor after today), as the import refuses one.
        raise ValidationError("order_date", QT_TRANSLATE_NOOP("Errors", "訂單日期不能晚於今天。"))
    if order_no is not None:  # before it is looked up: a driver refuses a NUL in a query
        check_text(order_no, "order_no", Order.order_no.max_length)
    required_text(buyer.name, "buyer_name")
    phone_digits(buyer.phone)  # a phone with a word in it is refused, not kept as its digits
    check_items(len(items))
    for it in items:
        required_text(it.product, "product")
        check_quantity(it.quantity, "quantity")
        if not isinstance(it.unit_price, int) or isinstance(it.unit_price, bool):
            raise ValidationError("unit_price", QT_TRANSLATE_NOOP("Errors", "單價必須是整數元。"))
        if it.unit_price < 0:
            raise ValidationError("unit_price", QT_TRANSLATE_NOOP("Errors", "單價不能是負數。"))
        check_amount(it.unit_price, "unit_price")
        check_amount(it.quantity * it.unit_price, "unit_price")  # the line's total
    with write_transaction():
        placed = _already_placed(client_ref)
        if placed is not None:
            return placed
        store = Store.get_or_none(Store.id == store_id)
        if store is None:
            raise ValidationError("store", QT_TRANSLATE_NOOP("Errors", "找不到商店。"))
        pm = PaymentMethod.get_or_none((PaymentMethod.id == payment_method_id) & ~PaymentMethod.archived)
        if pm is None:
            raise ValidationError("payment_method", QT_TRANSLATE_NOOP("Errors", "付款方式不存在或已封存。"))
        sm = ShippingMethod.get_or_none(
            (ShippingMethod.id == shipping_method_id) & ~ShippingMethod.archived
        )
        if sm is None:
            raise ValidationError("shipping_method", QT_TRANSLATE_NOOP("Errors", "送貨方式不存在或已封存。"))
        if order_no is not None and Order.select().where(Order.order_no == order_no).exists():
            raise _duplicate_order_no(order_no)
        new = writes.placed(order_no=order_no, store_id=store.id, buyer=buyer, items=items,
                            payment=(pm.id, pm.title, pm.refund_channel),
                            shipping=(sm.id, sm.title, sm.fee, sm.free_threshold),
                            operator=operator, at=now, pickup_chain=sm.pickup_chain)
        if client_ref is not None:
            new.order["client_ref"] = client_ref
        check_placed(new)
        order = _create_order(new.order, order_no)
        new.state.id = order.id
        OrderItem.insert_many(
            [dict(zip(("order", *writes.ITEM_COLUMNS), (order.id, *it), strict=True)) for it in new.items]
        ).execute()
        hids = insert_history(new.history_rows())
    return Change(order.id, order.order_no, None, OrderStatus.UNPAID, 1, history_ids=hids)


def check_placed(new: writes.Placed) -> None:
    """What ``writes.placed`` built fits the columns: each text its column's length (named in
    the message), no NUL or lone surrogate, and the order's total at most ``MAX_AMOUNT``.
    ``place_order`` calls it before writing (the import checks the same bounds row by row)."""
    check_columns(Order, new.order)
    for row in new.items:
        check_columns(OrderItem, dict(zip(writes.ITEM_COLUMNS, row, strict=True)))
    check_amount(new.order["total"], "total")


#: How far ahead of this desk's clock a storefront's may run: an order it dates just after
#: the shop's midnight is taken a few minutes before it.
CLOCK_AHEAD = timedelta(minutes=10)

#: How often ``place_order`` takes another number when the one it took is already used (an
#: order imported or placed under its own number in the day's range): bounded, then
#: ``OrderNumberError``.
ORDER_NO_ATTEMPTS = 5


class OrderNumberError(DomainError):
    """No free order number could be taken (should not happen: the counter moves past numbers
    already used); nothing was saved."""


def _duplicate_order_no(order_no: str) -> ValidationError:
    return ValidationError("order_no", QT_TRANSLATE_NOOP("Errors", "訂單編號 {no} 已存在。"), no=order_no)


def _insert(fields: dict, number: str) -> Order | None:
    """The order under ``number``, in a savepoint; None when the number is taken (the unique
    index refused it: the failed insert undoes only itself).  Any other refusal goes through."""
    try:
        with database.atomic():
            return Order.create(**{**fields, "order_no": number})
    except pw.IntegrityError:
        ref = fields.get("client_ref")
        if ref is not None and Order.select().where(Order.client_ref == ref).exists():
            raise _PlacedMeanwhile() from None
        if not Order.select().where(Order.order_no == number).exists():
            raise  # not the number: let the real error through
        return None


def _create_order(fields: dict, order_no: str | None) -> Order:
    """Insert the order under ``order_no``, or under the day's next number when None.

    The next number comes from the day's counter row (``_take_order_no``), updated in this
    transaction: on a server a second clerk placing an order waits for the first's row lock
    and takes the number after, so concurrent calls never compute the same number."""
    if order_no is not None:
        order = _insert(fields, order_no)
        if order is None:  # another call took the same number at the same moment
            raise _duplicate_order_no(order_no)
        return order
    for _attempt in range(ORDER_NO_ATTEMPTS):
        order = _insert(fields, _take_order_no(fields["order_date"]))
        if order is not None:
            return order
    raise OrderNumberError(QT_TRANSLATE_NOOP(
        "Errors", "無法取得新的訂單編號（試了 {n} 次都已被使用），這筆訂單沒有儲存。請再試一次。"),
        n=ORDER_NO_ATTEMPTS)


def _take_order_no(when: datetime) -> str:
    """The next number of the shop's day of ``when``, taken from its ``order_no_counter`` row
    by one upsert (the day's first call creates the row, the others add one; the row is held
    until the transaction ends, so a second caller waits and takes the number after), then a
    read of the value written.  The counter never gives a number at or below the day's
    highest order number (orders placed before migration 12, imported, or placed under their
    own number in the day's range)."""
    day = local_date(when)
    key = f"{day:%Y%m%d}"
    seen = _last_seq(day)
    last = OrderNoCounter.last
    (OrderNoCounter.insert(day=key, last=seen + 1)
     .on_conflict(conflict_target=None if isinstance(database.obj, pw.MySQLDatabase)
                  else [OrderNoCounter.day],
                  update={last: pw.Case(None, [(last < seen, seen)], last) + 1})
     .execute())
    return _order_no(day, OrderNoCounter.select(last).where(OrderNoCounter.day == key).scalar())


def _order_no(day: date, seq: int) -> str:
    return f"O{day:%Y%m%d}{seq:05d}"


def _last_seq(day: date) -> int:
    """The highest sequence among the orders numbered in ``day``'s range, 0 for none.

    The range ends at the next day's prefix, not at ``prefix + "~"``: in a MariaDB
    ``utf8mb4_unicode_ci`` column "~" sorts before the digits, so that range was empty there.
    """
    prefix = f"O{day:%Y%m%d}"
    next_prefix = f"O{day + timedelta(days=1):%Y%m%d}"
    last = (
        Order.select(Order.order_no)
        .where((Order.order_no >= prefix) & (Order.order_no < next_prefix))
        .order_by(Order.order_no.desc())
        .scalar()
    )
    return int(last[len(prefix):]) if last and last[len(prefix):].isdigit() else 0


def next_order_no(when: datetime) -> str:
    """'O' + yyyymmdd + a five-digit sequence within the day, the shop's local day of ``when``
    (a naive UTC time, as the columns hold): the number after the day's highest, without
    taking it (the demo data numbers its own orders from there)."""
    day = local_date(when)
    return _order_no(day, _last_seq(day) + 1)


@idempotent
def record_payment_notice(
    order_id: int,
    notice: PaymentNoticeInput,
    *,
    operator: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    today: date | None = None,
) -> Change:
    """UNPAID → PAID: the customer says they paid (storefront), or the clerk records it.  The
    transfer date is neither before the order date nor after ``today`` (default: the shop's
    day by the clock — not ``now``, which dates the history of imports and demo data)."""
    checked = notice.validated()  # shape errors before any lock is taken
    day = today or local_date(now_or(None))

    def check(order, value, *, today, refuse):
        valid = value.validated(order_date=local_date(order.order_date), today=day)
        refuse(valid.transfer_date, "transfer_date")
        return valid

    return _act(order_id, OrderAction.RECORD_PAYMENT, checked, operator=operator,
                expected_version=expected_version, now=now, check=check)


@idempotent
def confirm_payment(
    order_id: int, *, operator: str, shortfall_reason: str | None = None,
    expected_version: int | None = None, now: datetime | None = None
) -> Change:
    """PAID → AWAITING_SHIPMENT: the clerk has seen the money.  The money received is the
    notice's amount (the order's ``confirmed_amount``); a notice below the total needs
    ``shortfall_reason``."""
    return _act(order_id, OrderAction.CONFIRM_PAYMENT, shortfall_reason, operator=operator,
                expected_version=expected_version, now=now)


@idempotent
def ship(
    order_id: int,
    shipment: ShipInput,
    *,
    operator: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    today: date | None = None,
) -> Change:
    """AWAITING_SHIPMENT → COMPLETED.  Ship date and shipping information are both required;
    the ship date is neither before the order date nor after today."""
    return _act(order_id, OrderAction.SHIP, shipment, operator=operator,
                expected_version=expected_version, now=now, today=today)


@idempotent
def mark_out_of_stock(
    order_id: int, reason: str, *, operator: str, expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """AWAITING_SHIPMENT → OUT_OF_STOCK, with the reason (required)."""
    return _act(order_id, OrderAction.OUT_OF_STOCK, reason, operator=operator,
                expected_version=expected_version, now=now)


@idempotent
def back_to_awaiting_shipment(
    order_id: int, *, operator: str, expected_version: int | None = None, now: datetime | None = None
) -> Change:
    """OUT_OF_STOCK → AWAITING_SHIPMENT: the goods are back in stock."""
    return _act(order_id, OrderAction.BACK_TO_AWAITING, operator=operator,
                expected_version=expected_version, now=now)


# ---------------------------------------------------------------- cash on delivery


@idempotent
def accept_order(
    order_id: int, *, operator: str, expected_version: int | None = None, now: datetime | None = None
) -> Change:
    """【接單】 UNPAID → AWAITING_SHIPMENT for an order its carrier collects on delivery: there
    is no payment to wait for."""
    return _act(order_id, OrderAction.ACCEPT, operator=operator, expected_version=expected_version, now=now)


@idempotent
def picked_up(
    order_id: int, picked_up_date: date, *, operator: str, expected_version: int | None = None,
    now: datetime | None = None, today: date | None = None,
) -> Change:
    """已取貨 IN_DELIVERY → COMPLETED: the buyer took the parcel and paid the carrier, so the
    order's total is received (its ``confirmed_amount``) and due from the carrier.  The day
    is neither before the ship date nor after today."""
    return _act(order_id, OrderAction.PICKED_UP, picked_up_date, operator=operator,
                expected_version=expected_version, now=now, today=today)


@idempotent
def not_collected(
    order_id: int, reason: str, *, operator: str, expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """未取件退回 IN_DELIVERY → CANCELLED: the parcel came back uncollected (the reason is
    required).  Nothing was paid, so nothing is refunded."""
    return _act(order_id, OrderAction.NOT_COLLECTED, reason, operator=operator,
                expected_version=expected_version, now=now)


def _day(value) -> date | None:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value


# ---------------------------------------------------------------- set-based bulk actions (issue 11)

#: Orders per write transaction of ``bulk_action``: each chunk is one short transaction.
BULK_CHUNK = 500
#: The actions ``bulk_action`` takes (the order actions with a bulk form, and 缺貨).
BULK_ACTIONS = frozenset({OrderAction.CONFIRM_PAYMENT, OrderAction.BACK_TO_AWAITING, OrderAction.SHIP,
                          OrderAction.OUT_OF_STOCK, OrderAction.ACCEPT, OrderAction.PICKED_UP})
#: What ``bulk_action`` reads of each order: what ``_step`` and a ``StaleError`` need.
_BULK_FIELDS = ("id", "order_no", "status", "version", "total", "status_before_cancel",
                "confirmed_amount", "collect_on_delivery", "order_date", "ship_date", "updated_by",
                "updated_at")
_BulkRow = namedtuple("_BulkRow", _BULK_FIELDS)
#: The columns read as the driver gives them that the checks need as dates and times.
_BULK_DATES = tuple((i, Order._meta.fields[f].python_value) for i, f in enumerate(_BULK_FIELDS)
                    if f in ("order_date", "ship_date", "updated_at"))
_HISTORY_FIELDS = ("order", "cancellation", *writes.HISTORY_COLUMNS, "op_key")
_NOTICE_FIELDS = ("order", *writes.NOTICE_COLUMNS)


class NotRun(DomainError):
    """A bulk action stopped (cancelled) before it came to this order: nothing was written."""


@dataclass(frozen=True)
class BulkOutcome:
    """One order of a bulk action: its ``Change``, or why it did not move (``error``: a
    ``DomainError``, or the database's own error that stopped the rest)."""

    order_id: int
    change: Change | None = None
    error: BaseException | None = None

    @property
    def ok(self) -> bool:
        return self.change is not None


def bulk_action(
    action: OrderAction,
    items: list[tuple],
    *,
    operator: str,
    now: datetime | None = None,
    today: date | None = None,
    progress=None,
    cancelled=None,
) -> list[BulkOutcome]:
    """One plain order action on many orders, set-based: ``items`` holds each order's id, the
    version the clerk's screen showed (None: any), the action's input (as the single
    service takes it: the shortfall reason or None for CONFIRM_PAYMENT, a ``ShipInput`` for
    SHIP, the reason for OUT_OF_STOCK, the day for PICKED_UP, None otherwise) and, optionally
    fourth, the order's idempotency key (``op_key`` of the single service; None: none).

    In chunks of ``BULK_CHUNK`` orders, each one short write transaction (run again whole on
    a deadlock or a dropped connection, ``survives_server``): the chunk's orders read and
    locked, each refused exactly as the single service refuses it (``StaleError`` naming who
    changed it and when, ``TransitionError``, ``ValidationError`` on its input, a closed
    month) and the others written with the single service's rows (``_step``,
    ``writes.order_step``): one ``executemany`` UPDATE on id, status and version, the
    history records (and the payment notices, where the action writes them) by
    ``bulk.insert_rows`` (on SQLite ``ROWS`` rows a statement).  Returns each item's
    ``BulkOutcome``, in order.  ``progress(done, total)`` after each chunk; ``cancelled()`` true stops before the next chunk (the rest ``NotRun``);
    a chunk the server refuses to the end stops there too, the rest told why.

    Keyed orders (issue 15 item 2) behave as the single service called with the key: an
    order whose key is already kept answers the kept answer and writes nothing; a written
    order's first history record carries its key and its answer (its ``Change``) is kept
    under the key in the chunk's transaction (one ``executemany``); an item repeating an
    earlier item's key answers that item's outcome — unless it was refused (stale, its status,
    its input), which keeps nothing under the key: then it runs, as the single service called
    again with the key does (``_after_refusals``).  After a chunk's COMMIT whose connection
    dropped, one of the keys it wrote is looked up on a new connection: kept, the chunk was
    saved and its outcomes stand; not kept, the chunk runs again (at most ``KEYED_ATTEMPTS``
    times); not askable, the rest is told ``UNCERTAIN`` and that a retry with the same keys
    is safe."""
    action = OrderAction(action)
    if action not in BULK_ACTIONS:
        raise ValueError(f"{action} has no bulk form")
    operator = check_operator(operator)
    now = now_or(now)
    today = today or local_date(now)
    shape = _RULES[action][0]
    outcomes: dict[int, BulkOutcome] = {}
    todo = []
    first_of: dict[str, int] = {}  # a key → its first item
    repeats: dict[int, tuple] = {}  # an item repeating a key → that first item, the item
    for i, (order_id, version, value, *keyed) in enumerate(items):
        key = keyed[0] if keyed else None
        try:
            if key is not None:
                key = check_op_key(key)
            if shape is not None:
                value = shape(value)
        except DomainError as err:
            outcomes[i] = BulkOutcome(order_id, error=err)
            continue
        if key is not None and key in first_of:
            repeats[i] = (first_of[key], (i, order_id, version, value, key))
            continue
        if key is not None:
            first_of[key] = i
        todo.append((i, order_id, version, value, key))
    with own_connection():  # a worker thread's own (the views run it off the UI thread)
        _bulk_chunks(action, todo, outcomes, len(items), operator=operator, now=now, today=today,
                     progress=progress, cancelled=cancelled)
        while again := _after_refusals(repeats, outcomes):
            _bulk_chunks(action, again, outcomes, len(again), operator=operator, now=now,
                         today=today, progress=None, cancelled=cancelled)
    outcomes.update((i, outcomes[first]) for i, (first, _item) in repeats.items())
    return [outcomes[i] for i in range(len(items))]


def _after_refusals(repeats: dict[int, tuple], outcomes: dict[int, BulkOutcome]) -> list:
    """The items to run now of those repeating a key whose item was refused: a refusal keeps
    nothing under its key, so the single service, called again with it, runs the call (the
    first such item of each key; the later ones repeat it).  Taken out of ``repeats``."""
    again: list = []
    ran: dict[int, int] = {}  # an item refused → the item run in its place
    for i, (first, item) in sorted(repeats.items()):
        if first in ran:
            repeats[i] = (ran[first], item)
        elif first in outcomes and _kept_nothing(outcomes[first]):
            again.append(item)
            ran[first] = i
    for item in again:
        del repeats[item[0]]
    return again


def _kept_nothing(outcome: BulkOutcome) -> bool:
    """The order was refused by a rule (stale, its status, its input), which keeps nothing
    under its key: not done, not stopped by a cancel or the server (its answer stands)."""
    return (not outcome.ok and isinstance(outcome.error, DomainError)
            and not isinstance(outcome.error, NotRun | ServerUnavailableError))


def _bulk_chunks(action: OrderAction, todo: list, outcomes: dict, total: int, *, operator: str,
                 now: datetime, today: date, progress, cancelled) -> None:
    """``bulk_action``'s chunks, their outcomes into ``outcomes`` (index → outcome)."""
    for start in range(0, len(todo), BULK_CHUNK):
        chunk = todo[start:start + BULK_CHUNK]
        stop: BaseException | None = None
        if cancelled is not None and cancelled():
            stop = NotRun(QT_TRANSLATE_NOOP("Errors", "已取消，這筆訂單沒有變更。"))
        else:
            try:
                outcomes.update(_keyed_chunk(action, chunk, operator=operator, now=now, today=today))
            except (DomainError, pw.PeeweeException) as err:  # the server refused to the end
                stop = err
        if stop is not None:
            outcomes.update((i, BulkOutcome(oid, error=stop)) for i, oid, *_rest in todo[start:])
            break
        if progress is not None:
            progress(min(start + len(chunk) + total - len(todo), total), total)


def _keyed_chunk(action: OrderAction, chunk: list, **kw) -> dict[int, BulkOutcome]:
    """``_bulk_chunk``, told truthfully after a COMMIT whose connection dropped when it wrote
    keyed orders (``bulk_action``); run again when a call with the same key kept it first."""
    for n in range(1, KEYED_ATTEMPTS + 1):
        attempt: dict = {}
        try:
            return _bulk_chunk(action, chunk, attempt=attempt, **kw)
        except ServerUnavailableError as err:
            written = attempt.get("keys")
            if err.reason != ServerUnavailableError.UNCERTAIN or not written:
                raise
            if after_uncertain(written[0]) is not NOT_FOUND:  # one transaction: all saved
                return attempt["out"]
        except pw.IntegrityError:  # another call with one of these keys kept it first
            if n == KEYED_ATTEMPTS or not any(key for *_r, key in chunk):
                raise
    raise ServerUnavailableError(ServerUnavailableError.GONE, retryable=True)


@survives_server
def _bulk_chunk(action: OrderAction, chunk: list, *, operator: str, now: datetime,
                today: date, attempt: dict) -> dict[int, BulkOutcome]:
    """``bulk_action``'s one transaction: ``chunk`` holds (index, order id, version, input,
    key).  ``attempt`` is given the outcomes and the keys written before the COMMIT."""
    db = database.obj
    out: dict[int, BulkOutcome] = {}
    steps: list[tuple[int, object, writes.Step, str | None]] = []
    with write_transaction():
        ids = list({oid for _i, oid, *_rest in chunk})
        # FOR UPDATE on a server (SQLite's BEGIN IMMEDIATE already keeps every other writer
        # out): nobody moves these orders between the checks and the updates.
        rows = {}
        for raw in db.execute_sql(select_in_sql(db, Order, _BULK_FIELDS, "id", len(ids),
                                                lock=not is_sqlite(db)), ids).fetchall():
            raw = list(raw)
            for c, value in _BULK_DATES:
                raw[c] = value(raw[c])
            rows[raw[0]] = _BulkRow(*raw)
        kept = _kept_answers(db, [key for *_r, key in chunk if key])  # after the lock: fresh
        notices = _latest_notices(db, ids) if action is OrderAction.CONFIRM_PAYMENT else {}
        refuse = closed_check()
        moved: dict[int, _BulkRow] = {}  # an order stepped in this chunk, as its step leaves it
        for i, oid, version, value, key in chunk:
            if key in kept:  # done before under this key: its answer, nothing written
                out[i] = BulkOutcome(oid, kept[key])
                continue
            row = rows.get(oid)
            try:
                if row is None:
                    raise order_not_found(oid)
                if oid in moved:  # twice in one selection: the second finds it moved on
                    if version is not None:  # from the version it was given: changed since
                        raise StaleError("order", row.order_no, operator, now)
                    # Without one, as the single service called again: refused by the status
                    # the first left (no bulk action steps an order from where it leads it).
                    _step(moved[oid], action, value, _RULES[action][1], operator=operator, now=now,
                          today=today, notice=notices.get(oid), refuse=refuse)
                    raise StaleError("order", row.order_no, operator, now)
                if version is not None and row.version != version:
                    raise stale_of(row)
                step = _step(row, action, value, _RULES[action][1], operator=operator, now=now,
                             today=today, notice=notices.get(oid), refuse=refuse)
                check_step(step)
            except DomainError as err:
                out[i] = BulkOutcome(oid, error=err)
                continue
            moved[oid] = row._replace(status=step.order_to, version=step.order_set["version"])
            steps.append((i, row, step, key))
        if steps:
            hids = _write_steps(db, [(s, key) for _i, _r, s, key in steps])
            answers = []
            for i, row, step, key in steps:
                change = Change(row.id, row.order_no, row.status, OrderStatus(step.order_to),
                                step.order_set["version"], history_ids=hids.get(row.id, ()))
                out[i] = BulkOutcome(row.id, change)
                if key:
                    answers.append((key, answer_text(change), utcnow()))
            if answers:
                executemany(db, db.cursor(), insert_sql(db, ActionKey, ("op_key", "answer", "at")),
                            answers)
            attempt["keys"] = [key for key, _a, _at in answers]
        attempt["out"] = out
    return out


def _kept_answers(db, keys: list[str]) -> dict:
    """The answers kept under any of ``keys`` (``action_key``), by key."""
    if not keys:
        return {}
    sql = select_in_sql(db, ActionKey, ("op_key", "answer"), "op_key", len(keys))
    return {key: answer_of_text(text) for key, text in db.execute_sql(sql, keys).fetchall()}


def _latest_notices(db, ids: list[int]) -> dict[int, int]:
    """The amount of each order's latest payment notice (``_latest_notice`` of many)."""
    sql = select_in_sql(db, PaymentNotice, ("order", "amount", "id"), "order", len(ids))
    rows = sorted(db.execute_sql(sql, ids).fetchall(), key=lambda r: r[2])
    return {oid: amount for oid, amount, _id in rows}  # the latest last


def _write_steps(db, keyed: list[tuple[writes.Step, str | None]]) -> dict[int, tuple[int, ...]]:
    """Write the steps of ``keyed`` (orders locked, checked; each with its key or None)
    set-based: the orders' conditional updates (one statement per set of columns: one per
    action), the payment notices, the history records (a step's first carrying its key).
    Returns each order's new history records' ids."""
    steps = [step for step, _key in keyed]
    cursor = db.cursor()
    updates: dict[tuple, list] = {}
    for step in steps:
        updates.setdefault(tuple(step.order_set), []).append(
            (*step.order_set.values(), step.order.id, step.order_from, step.order_version))
    for columns, params in updates.items():
        executemany(db, cursor, update_sql(db, Order, columns), params)
    notices = [(step.order.id, *(step.notice[c] for c in writes.NOTICE_COLUMNS))
               for step in steps if step.notice is not None]
    if notices:
        insert_rows(db, cursor, PaymentNotice, _NOTICE_FIELDS, notices)
    first = StatusHistory.select(pw.fn.MAX(StatusHistory.id)).scalar() or 0
    insert_rows(db, cursor, StatusHistory, _HISTORY_FIELDS,
                [(*h, key if n == 0 else None) for step, key in keyed
                 for n, h in enumerate(step.history_rows())])
    hids: dict[int, list[int]] = {}
    ids = [s.order.id for s in steps]
    sql = select_in_sql(db, StatusHistory, ("order", "id"), "order", len(ids))
    sql += f" AND {quote(db, 'id')} > {db.param}"
    for oid, hid in sorted(db.execute_sql(sql, [*ids, first]).fetchall(), key=lambda r: r[1]):
        hids.setdefault(oid, []).append(hid)
    return {oid: tuple(ids) for oid, ids in hids.items()}
