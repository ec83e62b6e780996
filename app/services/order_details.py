"""An order's detail as the detail window shows it: the order, its items, notices, history,
invoices and the buyer's other orders.  ``queries.order_detail`` and the others are these,
imported when first asked for: the window's first paint needs none of them (issue 11, item 8).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from app.domain.carriers import tracking_link
from app.domain.statuses import OrderStatus
from app.models.tables import Carrier, Order, OrderItem, PaymentNotice, StatusHistory, Store

from . import people

if TYPE_CHECKING:
    from .writes import Item as ItemLine


@dataclass(frozen=True)
class NoticeInfo:
    transfer_date: date
    amount: int
    account_last5: str
    note: str
    recorded_at: datetime
    recorded_by: str


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: datetime  # UTC
    machine: str
    from_status: str | None
    to_status: str
    action: str
    operator: str
    input: dict
    cancellation_id: int | None
    #: The operator's display name when the operator is a person's login (on a server).
    operator_name: str = ""


@dataclass(frozen=True)
class OrderDetail:
    id: int
    order_no: str
    order_date: datetime
    status: OrderStatus
    store: str
    payment_method: str
    shipping_method: str
    shipping_method_fee: int
    subtotal: int
    shipping_fee: int
    total: int
    ship_date: date | None
    carrier: str | None
    tracking_no: str | None
    out_of_stock_reason: str | None
    buyer_name: str
    buyer_phone: str
    buyer_email: str
    delivery_address: str
    version: int
    updated_at: datetime
    updated_by: str
    items: list[ItemLine] = field(default_factory=list)
    notices: list[NoticeInfo] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    #: The money received (the amount a clerk confirmed; None until then) and why it fell short.
    confirmed_amount: int | None = None
    payment_shortfall_reason: str | None = None
    #: The order's invoices, each with its void and allowances (``invoices.InvoiceRecord``).
    invoices: list = field(default_factory=list)
    #: The buyer's other orders, by the same phone or e-mail (``buyer_orders``).
    other_orders: list = field(default_factory=list)
    note_count: int = 0
    #: Cash on delivery: the carrier collects (money in only once picked up).
    cod: bool = False
    #: A convenience-store pickup's store (None for a delivery).
    pickup_store_code: str | None = None
    pickup_store_name: str | None = None
    pickup_store_address: str | None = None
    #: The carrier's tracking page for the tracking number ("" when the carrier has none).
    tracking_url: str = ""


def order_detail(order_id: int) -> OrderDetail | None:
    from .invoices import order_invoices
    from .writes import Item as ItemLine

    o = Order.select(Order, Store.name).join(Store).where(Order.id == order_id).first()
    if o is None:
        return None
    items = [
        ItemLine(i.product, i.quantity, i.unit_price, i.options)
        for i in OrderItem.select().where(OrderItem.order == order_id).order_by(OrderItem.id)
    ]
    notices = [
        NoticeInfo(n.transfer_date, n.amount, n.account_last5, n.note, n.recorded_at, n.recorded_by)
        for n in PaymentNotice.select().where(PaymentNotice.order == order_id).order_by(PaymentNotice.id)
    ]
    return OrderDetail(
        id=o.id, order_no=o.order_no, order_date=o.order_date, status=OrderStatus(o.status),
        store=o.store.name, payment_method=o.payment_method_name,
        shipping_method=o.shipping_method_name, shipping_method_fee=o.shipping_method_fee,
        subtotal=o.subtotal, shipping_fee=o.shipping_fee, total=o.total, ship_date=o.ship_date,
        carrier=o.carrier, tracking_no=o.tracking_no, out_of_stock_reason=o.out_of_stock_reason,
        buyer_name=o.buyer_name, buyer_phone=o.buyer_phone, buyer_email=o.buyer_email,
        delivery_address=o.delivery_address, version=o.version, updated_at=o.updated_at,
        updated_by=o.updated_by, items=items, notices=notices, history=order_history(order_id),
        confirmed_amount=o.confirmed_amount, payment_shortfall_reason=o.payment_shortfall_reason,
        invoices=order_invoices(order_id), note_count=o.note_count or 0,
        other_orders=buyer_orders(o.id, o.buyer_phone, o.buyer_email),
        cod=bool(o.collect_on_delivery), pickup_store_code=o.pickup_store_code,
        pickup_store_name=o.pickup_store_name, pickup_store_address=o.pickup_store_address,
        tracking_url=_tracking_url(o.carrier, o.tracking_no),
    )


def _tracking_url(carrier: str | None, tracking_no: str | None) -> str:
    """The carrier's tracking page for the number, from the carriers' list (by name)."""
    if not carrier or not tracking_no:
        return ""
    pattern = Carrier.select(Carrier.tracking_url).where(Carrier.title == carrier).scalar()
    return tracking_link(pattern or "", tracking_no)


@dataclass(frozen=True)
class OtherOrder:
    """One of the buyer's other orders, as the detail lists them."""

    id: int
    order_no: str
    order_date: datetime  # UTC
    status: OrderStatus
    total: int


#: The most of a buyer's other orders the detail lists (the newest).
OTHER_ORDERS = 50


def buyer_orders(order_id: int, phone: str, email: str, limit: int = OTHER_ORDERS) -> list[OtherOrder]:
    """The orders, other than ``order_id``, of the same phone or the same e-mail, newest
    first.  One query per key, each an equality on its index (``buyer_phone``,
    ``buyer_email``: migration 11), so a buyer's few orders are found among a million; an
    empty phone or e-mail matches nothing."""
    found: dict[int, tuple] = {}
    for col, value in ((Order.buyer_phone, phone), (Order.buyer_email, email)):
        if not (value or "").strip():
            continue
        q = (Order.select(Order.id, Order.order_no, Order.order_date, Order.status, Order.total)
             .where((col == value) & (Order.id != order_id))
             .order_by(Order.order_date.desc(), Order.id.desc()).limit(limit))
        for t in q.tuples():
            found[t[0]] = t
    rows = sorted(found.values(), key=lambda t: (str(t[2]), t[0]), reverse=True)[:limit]
    return [OtherOrder(oid, no, datetime.fromisoformat(at) if isinstance(at, str) else at,
                       OrderStatus(status), total) for oid, no, at, status, total in rows]


def order_history(order_id: int) -> list[HistoryEntry]:
    q = StatusHistory.select().where(StatusHistory.order == order_id).order_by(StatusHistory.id)
    names = people.display_names()
    return [
        HistoryEntry(h.id, h.at, h.machine, h.from_status, h.to_status, h.action, h.operator,
                     json.loads(h.input or "{}"), h.cancellation_id, names.get(h.operator, ""))
        for h in q
    ]
