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

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import peewee as pw

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import PaymentNotice as PaymentNoticeInput
from app.domain.inputs import ShipInput, required_text
from app.domain.machines import next_order_status
from app.domain.money import shipping_fee_for
from app.domain.statuses import OrderAction, OrderStatus
from app.models.db import database, write_transaction
from app.models.tables import Order, OrderItem, PaymentMethod, PaymentNotice, ShippingMethod, Store

from .common import (
    Change,
    check_operator,
    load_order,
    local_date,
    move_order,
    now_or,
    order_stale,
    record_history,
)


@dataclass(frozen=True)
class Buyer:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class Item:
    product: str
    quantity: int
    unit_price: int
    options: str = ""


def _begin(order_id: int, expected_version: int | None) -> Order:
    order = load_order(order_id)
    if expected_version is not None and order.version != expected_version:
        raise order_stale(order)
    return order


def _act(
    order_id: int,
    action: OrderAction,
    *,
    operator: str,
    expected_version: int | None,
    now: datetime | None,
    data: dict | None = None,
    fields: dict | None = None,
    check=None,
    after=None,
) -> Change:
    """The shape of every plain order action.  ``check(order)`` validates input that needs the
    order (and may return the history's input); ``after(order, now)`` writes the action's own
    rows inside the same transaction."""
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        order = _begin(order_id, expected_version)
        to = next_order_status(OrderStatus(order.status), action)
        if check:
            data = check(order) or data
        version = move_order(order, to, operator=operator, now=now, **(fields or {}))
        hid = record_history(
            order.id,
            machine="order",
            from_status=order.status,
            to_status=to,
            action=action,
            operator=operator,
            at=now,
            data=data,
        )
        if after:
            after(order, now)
    return Change(order.id, order.order_no, order.status, to, version, history_ids=(hid,))


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
) -> Change:
    """Place a new order (storefront, import, demo data).  Status UNPAID.

    The shipping fee follows the shop's one rule (``shipping_fee_for``) on the goods subtotal;
    the payment and shipping methods' names and fee are copied onto the order.
    """
    operator = check_operator(operator)
    now = now_or(order_date)
    name = required_text(buyer.name, "buyer_name")
    if not items:
        raise ValidationError("items", QT_TRANSLATE_NOOP("Errors", "訂單至少要有一項商品。"))
    for it in items:
        required_text(it.product, "product")
        if not isinstance(it.quantity, int) or it.quantity <= 0:
            raise ValidationError("quantity", QT_TRANSLATE_NOOP("Errors", "數量必須是正整數。"))
        if not isinstance(it.unit_price, int) or it.unit_price < 0:
            raise ValidationError("unit_price", QT_TRANSLATE_NOOP("Errors", "單價不能是負數。"))
    subtotal = sum(it.quantity * it.unit_price for it in items)
    with write_transaction():
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
        fee = shipping_fee_for(subtotal, sm.fee, sm.free_threshold)
        if order_no is not None and Order.select().where(Order.order_no == order_no).exists():
            raise _duplicate_order_no(order_no)
        fields = dict(
            store=store,
            order_date=now,
            status=OrderStatus.UNPAID,
            buyer_name=name,
            buyer_phone=normalise_phone(buyer.phone),
            buyer_email=(buyer.email or "").strip(),
            delivery_address=(buyer.address or "").strip(),
            payment_method=pm,
            payment_method_name=pm.title,
            shipping_method=sm,
            shipping_method_name=sm.title,
            shipping_method_fee=sm.fee,
            subtotal=subtotal,
            shipping_fee=fee,
            total=subtotal + fee,
            updated_at=now,
            updated_by=operator,
        )
        order = _create_order(fields, order_no)
        OrderItem.insert_many(
            [
                dict(order=order.id, product=it.product.strip(), options=it.options or "",
                     quantity=it.quantity, unit_price=it.unit_price)
                for it in items
            ]
        ).execute()
        hid = record_history(
            order.id,
            machine="order",
            from_status=None,
            to_status=OrderStatus.UNPAID,
            action=OrderAction.PLACE,
            operator=operator,
            at=now,
            data={"subtotal": subtotal, "shipping_fee": fee, "total": subtotal + fee},
        )
    return Change(order.id, order.order_no, None, OrderStatus.UNPAID, 1, history_ids=(hid,))


#: How often a clerk placing an order takes the next number when another took this one first.
ORDER_NO_ATTEMPTS = 20


def _duplicate_order_no(order_no: str) -> ValidationError:
    return ValidationError("order_no", QT_TRANSLATE_NOOP("Errors", "訂單編號 {no} 已存在。"), no=order_no)


def _create_order(fields: dict, order_no: str | None) -> Order:
    """Insert the order under ``order_no``, or under the day's next number when None.

    On a server two clerks placing orders at once may compute the same next number; the
    unique index refuses the second, which then takes the number after (each try in a
    savepoint, so the failed insert undoes only itself)."""
    for attempt in range(1, ORDER_NO_ATTEMPTS + 1):
        number = order_no or next_order_no(fields["order_date"])
        try:
            with database.atomic():
                return Order.create(order_no=number, **fields)
        except pw.IntegrityError:
            if not Order.select().where(Order.order_no == number).exists():
                raise  # not the number: let the real error through
            if order_no is not None:
                raise _duplicate_order_no(order_no) from None
            if attempt == ORDER_NO_ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def normalise_phone(phone: str | None) -> str:
    """Digits only (a leading + kept): '0912-345-678' and '0912 345 678' are one number, found
    by one search."""
    phone = (phone or "").strip()
    return ("+" if phone.startswith("+") else "") + re.sub(r"\D", "", phone)


def next_order_no(when: datetime) -> str:
    """'O' + yyyymmdd + a five-digit sequence within the day, the shop's local day of ``when``
    (a naive UTC time, as the columns hold).

    The range ends at the next day's prefix, not at ``prefix + "~"``: in a MariaDB
    ``utf8mb4_unicode_ci`` column "~" sorts before the digits, so that range was empty there.
    """
    day = local_date(when)
    prefix = f"O{day:%Y%m%d}"
    next_prefix = f"O{day + timedelta(days=1):%Y%m%d}"
    last = (
        Order.select(Order.order_no)
        .where((Order.order_no >= prefix) & (Order.order_no < next_prefix))
        .order_by(Order.order_no.desc())
        .scalar()
    )
    seq = int(last[len(prefix):]) + 1 if last and last[len(prefix):].isdigit() else 1
    return f"{prefix}{seq:05d}"


def record_payment_notice(
    order_id: int,
    notice: PaymentNoticeInput,
    *,
    operator: str,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """UNPAID → PAID: the customer says they paid (storefront), or the clerk records it."""
    checked = notice.validated()  # shape errors before any lock is taken

    def check(order):
        nonlocal checked
        checked = checked.validated(order_date=local_date(order.order_date))
        return checked.as_record()

    def after(order, when):
        PaymentNotice.create(
            order=order.id,
            transfer_date=checked.transfer_date,
            amount=checked.amount,
            account_last5=checked.account_last5,
            note=checked.note,
            recorded_at=when,
            recorded_by=check_operator(operator),
        )

    return _act(order_id, OrderAction.RECORD_PAYMENT, operator=operator,
                expected_version=expected_version, now=now, check=check, after=after)


def confirm_payment(
    order_id: int, *, operator: str, expected_version: int | None = None, now: datetime | None = None
) -> Change:
    """PAID → AWAITING_SHIPMENT: the clerk has seen the money."""

    def check(order):
        notice = order.payment_notices.order_by(PaymentNotice.id.desc()).first()
        return {"total": order.total, "notice_amount": notice.amount if notice else None}

    return _act(order_id, OrderAction.CONFIRM_PAYMENT, operator=operator,
                expected_version=expected_version, now=now, check=check)


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
    fields = {}

    def check(order):
        checked = shipment.validated(
            order_date=local_date(order.order_date), today=today or local_date(now_or(now))
        )
        fields.update(ship_date=checked.ship_date, carrier=checked.carrier, tracking_no=checked.tracking_no)
        return checked.as_record()

    shipment.validated()
    return _act(order_id, OrderAction.SHIP, operator=operator, expected_version=expected_version,
                now=now, check=check, fields=fields)


def mark_out_of_stock(
    order_id: int, reason: str, *, operator: str, expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """AWAITING_SHIPMENT → OUT_OF_STOCK, with the reason (required)."""
    reason = required_text(reason, "reason")
    return _act(order_id, OrderAction.OUT_OF_STOCK, operator=operator,
                expected_version=expected_version, now=now, data={"reason": reason},
                fields={"out_of_stock_reason": reason})


def back_to_awaiting_shipment(
    order_id: int, *, operator: str, expected_version: int | None = None, now: datetime | None = None
) -> Change:
    """OUT_OF_STOCK → AWAITING_SHIPMENT: the goods are back in stock."""
    return _act(order_id, OrderAction.BACK_TO_AWAITING, operator=operator,
                expected_version=expected_version, now=now)
