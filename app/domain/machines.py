"""The two state machines as pure functions (docs/PRODUCT.md §3 and §4).

Every service asks these before it writes; a refused pair raises ``TransitionError``
naming the status and the action.
"""

from __future__ import annotations

from .errors import TransitionError
from .statuses import CancelAction, CancelStatus, OrderAction, OrderStatus

S = OrderStatus
A = OrderAction

# Plain moves: (from, action) -> to.
_ORDER_MOVES: dict[tuple[OrderStatus, OrderAction], OrderStatus] = {
    (S.UNPAID, A.RECORD_PAYMENT): S.PAID,
    (S.PAID, A.CONFIRM_PAYMENT): S.AWAITING_SHIPMENT,
    (S.AWAITING_SHIPMENT, A.SHIP): S.COMPLETED,
    (S.AWAITING_SHIPMENT, A.OUT_OF_STOCK): S.OUT_OF_STOCK,
    (S.OUT_OF_STOCK, A.BACK_TO_AWAITING): S.AWAITING_SHIPMENT,
    # The manual lets a clerk request cancellation only of an out-of-stock order.
    (S.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK): S.CANCELLING,
    (S.CANCELLING, A.CANCEL_COMPLETED): S.CANCELLED,
}

#: Cash on delivery: the carrier collects the money when the buyer takes the parcel, so the
#: order is accepted unpaid (【接單】), ships, and waits in IN_DELIVERY until the carrier says
#: it was picked up (paid: COMPLETED) or brought back (CANCELLED, nothing to refund).  These
#: moves are a COD order's only; a COD order takes no payment notice.
_COD_MOVES: dict[tuple[OrderStatus, OrderAction], OrderStatus] = {
    (S.UNPAID, A.ACCEPT): S.AWAITING_SHIPMENT,
    (S.AWAITING_SHIPMENT, A.SHIP): S.IN_DELIVERY,
    (S.IN_DELIVERY, A.PICKED_UP): S.COMPLETED,
    (S.IN_DELIVERY, A.NOT_COLLECTED): S.CANCELLED,
}
#: What a COD order never does: the money is not the buyer's to notify or the clerk's to confirm.
_NOT_COD = frozenset({A.RECORD_PAYMENT, A.CONFIRM_PAYMENT})

#: Statuses from which a customer may ask to cancel: every order not already being or
#: having been cancelled.  A shipped (completed) order is included: its cancellation is
#: the one that needs the goods back.
CUSTOMER_CANCELLABLE = frozenset(
    {S.UNPAID, S.PAID, S.AWAITING_SHIPMENT, S.OUT_OF_STOCK, S.COMPLETED}
)
for _s in CUSTOMER_CANCELLABLE:
    _ORDER_MOVES[(_s, A.REQUEST_CANCEL_CUSTOMER)] = S.CANCELLING

#: Statuses a rejected request can send an order back to.
RESTORABLE = CUSTOMER_CANCELLABLE

#: The order actions that end a request and send the order back to its status before.
RESTORING_ACTIONS = frozenset({A.CANCEL_REJECTED, A.CANCEL_CLOSED})

#: Statuses that count as "money was paid" (the customer notified payment, or later).
PAID_STATUSES = frozenset({S.PAID, S.AWAITING_SHIPMENT, S.OUT_OF_STOCK, S.COMPLETED})
#: "Goods were shipped": the order had reached COMPLETED.
SHIPPED_STATUSES = frozenset({S.COMPLETED})


def money_in(status: OrderStatus, *, cod: bool = False) -> bool:
    """Whether money came in for an order in ``status``: a payment notice or later; for a
    cash-on-delivery order only once the carrier collected it (COMPLETED)."""
    status = OrderStatus(status)
    return status is S.COMPLETED if cod else status in PAID_STATUSES


def next_order_status(
    status: OrderStatus, action: OrderAction, *, restore_to: OrderStatus | None = None,
    cod: bool = False,
) -> OrderStatus:
    """The status ``action`` takes an order in ``status`` to, or ``TransitionError``.

    ``CANCEL_REJECTED`` and ``CANCEL_CLOSED`` send a CANCELLING order back to ``restore_to``,
    the status it had before the request.  ``cod``: the order's payment method is collected
    on delivery (``_COD_MOVES``).
    """
    status, action = OrderStatus(status), OrderAction(action)
    if action in RESTORING_ACTIONS and status is S.CANCELLING:
        if restore_to is None or OrderStatus(restore_to) not in RESTORABLE:
            raise _order_refused(status, action)
        return OrderStatus(restore_to)
    if cod:
        if (status, action) in _COD_MOVES:
            return _COD_MOVES[(status, action)]
        if action in _NOT_COD:
            raise _order_refused(status, action)
    try:
        return _ORDER_MOVES[(status, action)]
    except KeyError:
        raise _order_refused(status, action) from None



def _order_refused(status, action) -> TransitionError:
    return TransitionError(status.label, action.label, status.value, action.value)


C = CancelStatus
CA = CancelAction

#: (from, action) -> the set of statuses it may reach; which one depends on the order.
CANCEL_MOVES: dict[tuple[CancelStatus, CancelAction], frozenset[CancelStatus]] = {
    (C.PENDING_REVIEW, CA.APPROVE): frozenset({C.AWAITING_RETURN, C.REFUND_PENDING, C.COMPLETED}),
    (C.PENDING_REVIEW, CA.REJECT): frozenset({C.REJECTED}),
    (C.AWAITING_RETURN, CA.RETURN_DONE): frozenset({C.REFUND_PENDING, C.COMPLETED}),
    (C.RETURN_FAILED, CA.RETURN_DONE): frozenset({C.REFUND_PENDING, C.COMPLETED}),
    (C.AWAITING_RETURN, CA.RETURN_FAILED): frozenset({C.RETURN_FAILED}),
    (C.REFUND_PENDING, CA.REFUND_DONE): frozenset({C.COMPLETED}),
    (C.REFUND_FAILED, CA.REFUND_DONE): frozenset({C.COMPLETED}),
    (C.REFUND_PENDING, CA.REFUND_FAILED): frozenset({C.REFUND_FAILED}),
    # A partial refund leaves the rest due; the rest is refunded later or written off.
    (C.REFUND_PENDING, CA.REFUND_PARTIAL): frozenset({C.REFUND_PENDING}),
    (C.REFUND_FAILED, CA.REFUND_PARTIAL): frozenset({C.REFUND_PENDING}),
    (C.REFUND_PENDING, CA.WRITE_OFF): frozenset({C.COMPLETED}),
    (C.REFUND_FAILED, CA.WRITE_OFF): frozenset({C.COMPLETED}),
    # The payee account corrected before a (new) try; the status stays.
    (C.REFUND_PENDING, CA.CORRECT_ACCOUNT): frozenset({C.REFUND_PENDING}),
    (C.REFUND_FAILED, CA.CORRECT_ACCOUNT): frozenset({C.REFUND_FAILED}),
    # 【結案】 of a return that is stuck: on to the refund, or closed without one.
    (C.AWAITING_RETURN, CA.CLOSE_TO_REFUND): frozenset({C.REFUND_PENDING, C.COMPLETED}),
    (C.RETURN_FAILED, CA.CLOSE_TO_REFUND): frozenset({C.REFUND_PENDING, C.COMPLETED}),
    (C.AWAITING_RETURN, CA.CLOSE_NO_REFUND): frozenset({C.CLOSED}),
    (C.RETURN_FAILED, CA.CLOSE_NO_REFUND): frozenset({C.CLOSED}),
}


def next_cancel_status(
    status: CancelStatus, action: CancelAction, *, shipped: bool, paid: bool
) -> CancelStatus:
    """Where ``action`` takes a request in ``status``.

    ``shipped``: the order had reached COMPLETED before the request; ``paid``: money was
    received and is owed back (NT$0 orders are not ``paid``).  Approval goes to the first
    needed step: return, else refund, else completed.
    """
    status, action = CancelStatus(status), CancelAction(action)
    if (status, action) not in CANCEL_MOVES:
        raise TransitionError(status.label, action.label, status.value, action.value)
    if action is CA.APPROVE:
        if shipped:
            return C.AWAITING_RETURN
        return C.REFUND_PENDING if paid else C.COMPLETED
    if action in (CA.RETURN_DONE, CA.CLOSE_TO_REFUND):
        return C.REFUND_PENDING if paid else C.COMPLETED
    (only,) = CANCEL_MOVES[(status, action)]
    return only


def cancel_actions_allowed(status: CancelStatus) -> list[CancelAction]:
    return [a for (s, a) in CANCEL_MOVES if s is status]


#: Open request statuses (the order is CANCELLING while its request is in one of these).
OPEN_CANCEL_STATUSES = frozenset(
    {C.PENDING_REVIEW, C.AWAITING_RETURN, C.RETURN_FAILED, C.REFUND_PENDING, C.REFUND_FAILED}
)


def order_status_for_request(request_status: CancelStatus, before: OrderStatus) -> OrderStatus:
    """What the order's status must be while its request is in ``request_status``."""
    request_status = CancelStatus(request_status)
    if request_status in OPEN_CANCEL_STATUSES:
        return S.CANCELLING
    if request_status is C.COMPLETED:
        return S.CANCELLED
    # REJECTED and CLOSED: the order is back where it was.
    return OrderStatus(before)
