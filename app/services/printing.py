"""What the packing slips and the pick list print (issue 17 item 5): plain data for the widget
that lays them out (``app/widgets/slips.py``) and for ``orderdesk print-slips`` /
``orderdesk print-pick-list``.

Read-only; a few queries for all the selected orders at once, in chunks of 500 ids (a clerk
prints the day's 50–200 orders).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from app.domain.pickup import store_text
from app.models.tables import Order, OrderItem, Store

from . import shop_clock
from .writes import Item as ItemLine

CHUNK = 500


@dataclass(frozen=True)
class Slip:
    """One order's packing slip.  The recipient is the buyer: an order has one name, phone
    and delivery address."""

    order_no: str
    order_date: datetime  # the shop's local time
    store: str
    buyer_name: str
    buyer_phone: str
    recipient: str
    recipient_phone: str
    delivery_address: str
    shipping_method: str
    payment_method: str
    items: tuple[ItemLine, ...]
    subtotal: int
    shipping_fee: int
    total: int

    @property
    def quantity(self) -> int:
        return sum(i.quantity for i in self.items)


@dataclass(frozen=True)
class PickLine:
    """One product and spec over the selected orders: the quantity to take from the shelf,
    and each order's share (``(order_no, quantity)`` in order-number order)."""

    product: str
    options: str
    quantity: int
    orders: tuple[tuple[str, int], ...]


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i:i + CHUNK]


def _items_of(order_ids: list[int]) -> dict[int, list[ItemLine]]:
    items: dict[int, list[ItemLine]] = {oid: [] for oid in order_ids}
    for chunk in _chunks(order_ids):
        q = (OrderItem.select(OrderItem.order, OrderItem.product, OrderItem.options,
                              OrderItem.quantity, OrderItem.unit_price)
             .where(OrderItem.order.in_(chunk)).order_by(OrderItem.id).tuples())
        for oid, product, options, quantity, unit_price in q:
            items[oid].append(ItemLine(product, quantity, unit_price, options or ""))
    return items


def packing_slips(order_ids: list[int]) -> list[Slip]:
    """The slips of ``order_ids``, in that order; ids that no longer exist are left out."""
    ids = list(dict.fromkeys(order_ids))
    rows = {}
    for chunk in _chunks(ids):
        q = (Order.select(Order, Store.name.alias("store_name")).join(Store)
             .where(Order.id.in_(chunk)).objects())
        rows.update({o.id: o for o in q})
    items = _items_of([i for i in ids if i in rows])
    slips = []
    for oid in ids:
        o = rows.get(oid)
        if o is None:
            continue
        order_date = o.order_date
        if isinstance(order_date, str):  # SQLite hands back text for some drivers
            order_date = datetime.fromisoformat(order_date)
        slips.append(Slip(
            order_no=o.order_no, order_date=shop_clock.to_local(order_date), store=o.store_name,
            buyer_name=o.buyer_name, buyer_phone=o.buyer_phone, recipient=o.buyer_name,
            recipient_phone=o.buyer_phone,
            # A pickup order goes to its store: the slip's address is the store's.
            delivery_address=(store_text(o.pickup_store_code, o.pickup_store_name,
                                         o.pickup_store_address) or o.delivery_address),
            shipping_method=o.shipping_method_name, payment_method=o.payment_method_name,
            items=tuple(items[oid]), subtotal=o.subtotal, shipping_fee=o.shipping_fee, total=o.total))
    return slips


def sum_pick_lines(lines: Iterable[tuple[str, str, str, int]]) -> list[PickLine]:
    """``(order_no, product, options, quantity)`` summed by product and spec, sorted by them."""
    summed: dict[tuple[str, str], dict[str, int]] = {}
    for order_no, product, options, quantity in lines:
        per_order = summed.setdefault((product, options or ""), {})
        per_order[order_no] = per_order.get(order_no, 0) + quantity
    return [PickLine(product, options, sum(per_order.values()), tuple(sorted(per_order.items())))
            for (product, options), per_order in sorted(summed.items())]


def pick_list(order_ids: list[int]) -> list[PickLine]:
    """The items of ``order_ids`` summed by product and spec (規格)."""
    ids = list(dict.fromkeys(order_ids))
    lines: list[tuple[str, str, str, int]] = []
    for chunk in _chunks(ids):
        q = (OrderItem.select(Order.order_no, OrderItem.product, OrderItem.options, OrderItem.quantity)
             .join(Order).where(OrderItem.order.in_(chunk)).tuples())
        lines.extend(q)
    return sum_pick_lines(lines)


def order_ids_by_number(numbers: list[str]) -> tuple[list[int], list[str]]:
    """The ids of the orders numbered ``numbers`` (in their order; ``o2026…`` finds
    ``O2026…`` as the search box does), and the numbers no order has."""
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n.strip()))
    keys = sorted({k for n in wanted for k in (n, n.upper())})
    found: dict[str, int] = {}
    for i in range(0, len(keys), CHUNK):
        q = Order.select(Order.order_no, Order.id).where(Order.order_no.in_(keys[i:i + CHUNK]))
        found.update(dict(q.tuples()))
    ids = {n: found.get(n, found.get(n.upper())) for n in wanted}
    return [i for i in dict.fromkeys(ids.values()) if i is not None], [n for n, i in ids.items() if i is None]
