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

from datetime import date, datetime, timedelta

import peewee as pw

from app.domain.bounds import check_amount, check_quantity, check_text
from app.domain.errors import DomainError, ServerUnavailableError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import PaymentNotice as PaymentNoticeInput
from app.domain.inputs import ShipInput, checked_pickup_date, required_text
from app.domain.machines import next_order_status
from app.domain.statuses import OrderAction, OrderStatus
from app.models.db import database, survives_server, write_transaction
from app.models.tables import (
    Order,
    OrderItem,
    OrderNoCounter,
    PaymentMethod,
    PaymentNotice,
    ShippingMethod,
    StatusHistory,
    Store,
)

from . import writes
from .closing import refuse_closed
from .common import (
    Change,
    check_columns,
    check_operator,
    idempotent,
    insert_history,
    load_order,
    local_date,
    now_or,
    order_stale,
    order_state,
    write_step,
)
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
    *,
    operator: str,
    expected_version: int | None,
    now: datetime | None,
    value=None,
    check=None,
) -> Change:
    """The shape of every plain order action.  ``check(order, state)`` validates input that
    needs the order and returns the action's input (``writes.order_step``), after the
    transition is known to be allowed."""
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        order = _begin(order_id, expected_version)
        next_order_status(OrderStatus(order.status), action, cod=bool(order.collect_on_delivery))
        state = order_state(order)
        if check:
            value = check(order, state)
        if action is OrderAction.CONFIRM_PAYMENT:  # the money is booked the day it is confirmed
            refuse_closed(local_date(now), "date")
        step = writes.order_step(state, action, value, operator=operator, at=now)
        hids = write_step(step, order)
    return Change(order.id, order.order_no, order.status, OrderStatus(step.order_to),
                  step.order_set["version"], history_ids=hids)


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
) -> Change:
    """Place a new order (storefront, import, demo data).  Status UNPAID.

    The shipping fee follows the shop's one rule (``shipping_fee_for``) on the goods subtotal;
    the payment and shipping methods' names and fee are copied onto the order.

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
                order_date=order_date, client_ref=client_ref)
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
           order_date: datetime | None, client_ref: str | None) -> Change:
    """``place_order``'s work, in one write transaction: the order placed under
    ``client_ref`` before, else the new order."""
    now = now_or(order_date)
    if order_no is not None:  # before it is looked up: a driver refuses a NUL in a query
        check_text(order_no, "order_no", Order.order_no.max_length)
    required_text(buyer.name, "buyer_name")
    if not items:
        raise ValidationError("items", QT_TRANSLATE_NOOP("Errors", "訂單至少要有一項商品。"))
    for it in items:
        required_text(it.product, "product")
        check_quantity(it.quantity, "quantity")
        if not isinstance(it.unit_price, int) or isinstance(it.unit_price, bool) or it.unit_price < 0:
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

    def check(order, _state):
        valid = checked.validated(order_date=local_date(order.order_date),
                                  today=today or local_date(now_or(None)))
        refuse_closed(valid.transfer_date, "transfer_date")
        return valid

    return _act(order_id, OrderAction.RECORD_PAYMENT, operator=operator,
                expected_version=expected_version, now=now, check=check)


@idempotent
def confirm_payment(
    order_id: int, *, operator: str, shortfall_reason: str | None = None,
    expected_version: int | None = None, now: datetime | None = None
) -> Change:
    """PAID → AWAITING_SHIPMENT: the clerk has seen the money.  The money received is the
    notice's amount (the order's ``confirmed_amount``); a notice below the total needs
    ``shortfall_reason``."""

    def check(order, state):
        notice = order.payment_notices.order_by(PaymentNotice.id.desc()).first()
        state.notice_amount = notice.amount if notice else None
        return shortfall_reason

    return _act(order_id, OrderAction.CONFIRM_PAYMENT, operator=operator,
                expected_version=expected_version, now=now, check=check)


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

    def check(order, _state):
        valid = shipment.validated(
            order_date=local_date(order.order_date), today=today or local_date(now_or(now))
        )
        refuse_closed(valid.ship_date, "ship_date")
        return valid

    shipment.validated()
    return _act(order_id, OrderAction.SHIP, operator=operator, expected_version=expected_version,
                now=now, check=check)


@idempotent
def mark_out_of_stock(
    order_id: int, reason: str, *, operator: str, expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """AWAITING_SHIPMENT → OUT_OF_STOCK, with the reason (required)."""
    reason = required_text(reason, "reason")
    return _act(order_id, OrderAction.OUT_OF_STOCK, operator=operator,
                expected_version=expected_version, now=now, value=reason)


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

    def check(order, _state):
        return checked_pickup_date(picked_up_date, shipped_on=_day(order.ship_date),
                                   today=today or local_date(now_or(now)))

    checked_pickup_date(picked_up_date)
    return _act(order_id, OrderAction.PICKED_UP, operator=operator, expected_version=expected_version,
                now=now, check=check)


@idempotent
def not_collected(
    order_id: int, reason: str, *, operator: str, expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """未取件退回 IN_DELIVERY → CANCELLED: the parcel came back uncollected (the reason is
    required).  Nothing was paid, so nothing is refunded."""
    reason = required_text(reason, "reason")
    return _act(order_id, OrderAction.NOT_COLLECTED, operator=operator,
                expected_version=expected_version, now=now, value=reason)


def _day(value) -> date | None:
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value
