"""What the 概況 (overview) page of 報表 charts: money received and refunded per day, the
payment-method mix of a period, and how long orders and refunds have waited in their queues.

Received money is a payment confirmation's confirmed amount, on the shop's day it was
confirmed, or a cash-on-delivery order's total on the day it was recorded picked up; refunded money is a refund's amount (partial refunds included) on the refund date
the clerk typed.  Both come from the history, so a later step (a cancellation, a second
confirmation after a reversal) never moves an earlier day's figure.  Days are the shop's
(``shop_clock``), whatever the desk's zone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import peewee as pw

from app.domain.deadlines import REFUND_DEADLINE_DAYS
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus
from app.models.tables import CancellationRequest, Order, StatusHistory

from . import shop_clock


@dataclass(frozen=True)
class DayMoney:
    day: date
    received: int  # NT$ confirmed that day
    refunded: int  # NT$ refunded with that refund date


@dataclass(frozen=True)
class MethodShare:
    method: str  # the payment method's name as the orders carry it
    orders: int
    amount: int  # NT$, the orders' totals


#: The waiting-time buckets of the queue chart: (first day, last day or None = and more).
AGE_BUCKETS: tuple[tuple[int, int | None], ...] = (
    (0, 1), (2, 3), (4, 7), (8, REFUND_DEADLINE_DAYS), (REFUND_DEADLINE_DAYS + 1, None))

#: The queues whose waiting is charted, in the order the chart shows them.
PAID, AWAITING, OUT_OF_STOCK, REFUND = "paid", "awaiting", "out-of-stock", "refund"
QUEUES = (PAID, AWAITING, OUT_OF_STOCK, REFUND)
_ORDER_QUEUES = {PAID: OrderStatus.PAID, AWAITING: OrderStatus.AWAITING_SHIPMENT,
                 OUT_OF_STOCK: OrderStatus.OUT_OF_STOCK}
_REFUND_STATUSES = (CancelStatus.REFUND_PENDING, CancelStatus.REFUND_FAILED)
_REFUNDS = (CancelAction.REFUND_DONE.value, CancelAction.REFUND_PARTIAL.value)
#: Money in: a confirmed payment, or a cash-on-delivery parcel picked up (due from the carrier).
_RECEIVED = (OrderAction.CONFIRM_PAYMENT.value, OrderAction.PICKED_UP.value)


@dataclass(frozen=True)
class QueueAges:
    queue: str  # PAID, AWAITING, OUT_OF_STOCK or REFUND
    counts: tuple[int, ...]  # how many in each of AGE_BUCKETS
    oldest: int | None  # days the longest waiter has waited (None: the queue is empty)

    @property
    def total(self) -> int:
        return sum(self.counts)


def bucket_of(days: int) -> int:
    """The index in AGE_BUCKETS holding ``days`` (the last: past the 15-day refund deadline)."""
    for i, (low, high) in enumerate(AGE_BUCKETS):
        if days >= low and (high is None or days <= high):
            return i
    return len(AGE_BUCKETS) - 1


def _days(date_from: date, date_to: date) -> list[date]:
    return [date_from + timedelta(days=i) for i in range((date_to - date_from).days + 1)]


def _store(query, store_id: int | None):
    return query if store_id is None else query.where(Order.store == store_id)


def money_per_day(date_from: date, date_to: date, *, store_id: int | None = None) -> list[DayMoney]:
    """Every shop day from ``date_from`` to ``date_to`` (both included), with the money
    confirmed and refunded on it (NT$; days without any are 0)."""
    start, end = shop_clock.day_start_utc(date_from), shop_clock.day_start_utc(date_to + timedelta(days=1))
    received = dict.fromkeys(_days(date_from, date_to), 0)
    refunded = dict.fromkeys(received, 0)
    h = StatusHistory
    confirmations = _store(
        h.select(h.at, h.input).join(Order, on=(h.order == Order.id))
        .where((h.machine == "order") & h.action.in_(_RECEIVED)
               & (h.at >= start) & (h.at < end)), store_id)
    for at, text in confirmations.tuples().iterator():
        day = shop_clock.local_date(at)
        data = json.loads(text or "{}")
        received[day] += int(data.get("confirmed_amount") or data.get("amount") or 0)
    # A refund is recorded on or after its date: look from the first day on, keep its date's.
    refunds = _store(
        h.select(h.input).join(Order, on=(h.order == Order.id))
        .where((h.machine == "cancellation") & h.action.in_(_REFUNDS) & (h.at >= start)), store_id)
    for (text,) in refunds.tuples().iterator():
        data = json.loads(text or "{}")
        day = date.fromisoformat(data["refund_date"])
        if day in refunded:
            refunded[day] += int(data.get("amount") or 0)
    return [DayMoney(d, received[d], refunded[d]) for d in received]


def payment_mix(date_from: date, date_to: date, *, store_id: int | None = None) -> list[MethodShare]:
    """The orders placed in the period, by payment method: how many and their totals (most
    money first)."""
    start, end = shop_clock.day_start_utc(date_from), shop_clock.day_start_utc(date_to + timedelta(days=1))
    amount = pw.fn.SUM(Order.total)
    q = _store(
        Order.select(Order.payment_method_name, pw.fn.COUNT(Order.id), amount)
        .where((Order.order_date >= start) & (Order.order_date < end)), store_id)
    rows = q.group_by(Order.payment_method_name).tuples()
    shares = [MethodShare(name, int(n), int(total or 0)) for name, n, total in rows]
    return sorted(shares, key=lambda s: (-s.amount, s.method))


def queue_ages(*, store_id: int | None = None, today: date | None = None) -> list[QueueAges]:
    """For each queue of QUEUES, how long its orders have waited today: an order since it
    entered its status (its latest history record into it), a refund since it became due (the
    goods came back, a supervisor closed the return, else the approval)."""
    today = today or shop_clock.today()
    waits: dict[str, list[int]] = {q: [] for q in QUEUES}
    by_status = {status.value: queue for queue, status in _ORDER_QUEUES.items()}
    h = StatusHistory
    entered = pw.fn.MAX(h.at)
    q = _store(
        Order.select(Order.status, entered)
        .join(h, on=((h.order == Order.id) & (h.machine == "order") & (h.to_status == Order.status)))
        .where(Order.status.in_(list(by_status))), store_id)
    for status, at in q.group_by(Order.id, Order.status).tuples().iterator():
        waits[by_status[status]].append((today - shop_clock.local_date(_utc(at))).days)
    cr = CancellationRequest
    since = pw.fn.COALESCE(cr.returned_at, cr.closed_at, cr.reviewed_at)
    q = _store(cr.select(since).join(Order).where(cr.status.in_([s.value for s in _REFUND_STATUSES])), store_id)
    for (at,) in q.tuples().iterator():
        if at is not None:
            waits[REFUND].append((today - shop_clock.local_date(_utc(at))).days)
    result = []
    for queue in QUEUES:
        counts = [0] * len(AGE_BUCKETS)
        for days in waits[queue]:
            counts[bucket_of(max(days, 0))] += 1
        result.append(QueueAges(queue, tuple(counts), max(waits[queue]) if waits[queue] else None))
    return result


def _utc(value):
    """A time as the driver gives it from an aggregate (SQLite: text)."""
    return datetime.fromisoformat(value) if isinstance(value, str) else value
