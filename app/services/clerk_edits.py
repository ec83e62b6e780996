"""A clerk's notes and corrections of an order (issue 17; the domain's ``clerk_edits``).

* ``add_note``: an internal note on an order or on one of its cancellation requests, kept in
  ``order_note`` (append-only) and in the order's history, in one transaction; the order's
  ``note_count`` marks it in the lists.  Any clerk may add one, in any status.
* ``edit_delivery``: 修改收件資訊 — recipient, phone and delivery address, until the order
  ships; the history keeps each changed field's old and new value.  Checked against the
  version the clerk's screen showed, like every action.

Both return a ``Change`` whose statuses are the order's (and the request's) own, so the tabs
showing it reload.
"""

from __future__ import annotations

from datetime import datetime

from app.domain.clerk_edits import DELIVERY_FIELDS, DeliveryInput, check_editable, note_text
from app.domain.errors import NotFoundError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.pickup import PICKUP_FIELDS, PickupStore
from app.domain.statuses import OrderStatus
from app.models.db import survives_server, write_transaction
from app.models.tables import CancellationRequest, Order, OrderNote

from . import writes
from .common import (
    Change,
    check_operator,
    idempotent,
    insert_history,
    load_order,
    now_or,
    order_stale,
    order_state,
    write_step,
)


@idempotent
@survives_server
def add_note(order_id: int, text: str, *, operator: str, cancellation_id: int | None = None,
             now: datetime | None = None) -> Change:
    """Append the note ``text`` to the order (or to its request ``cancellation_id``)."""
    operator = check_operator(operator)
    text = note_text(text)
    now = now_or(now)
    with write_transaction():
        order = load_order(order_id)
        request = None
        if cancellation_id is not None:
            request = CancellationRequest.get_or_none(
                (CancellationRequest.id == cancellation_id) & (CancellationRequest.order == order.id))
            if request is None:
                raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到取消申請 {id}。"),
                                    id=cancellation_id)
        rows = writes.note_added(order_state(order), text, cancellation_id=cancellation_id,
                                 operator=operator, at=now)
        OrderNote.insert(**rows.row).execute()
        Order.update(note_count=Order.note_count + 1).where(Order.id == order.id).execute()
        hids = insert_history(rows.history_rows())
    status = request.status if request is not None else None
    return Change(order.id, order.order_no, order.status, OrderStatus(order.status), order.version,
                  cancellation_id=cancellation_id, cancel_from=status, cancel_to=status,
                  history_ids=hids)


@idempotent
@survives_server
def edit_delivery(order_id: int, delivery: DeliveryInput, *, operator: str,
                  expected_version: int | None = None, now: datetime | None = None) -> Change:
    """修改收件資訊 of an order that has not shipped (未付款, 已付款, 等待出貨, 缺貨).  The phone
    is kept as ``place_order`` keeps it (digits, a leading + kept)."""
    delivery.validated(address_required=False)  # the fields before the order is read

    def build(order):
        value = delivery.validated(address_required=not order.pickup_store_code)
        before = {f: getattr(order, f) for f in DELIVERY_FIELDS}
        return writes.delivery_edited(order_state(order), before, value, operator=operator, at=now)

    operator = check_operator(operator)
    now = now_or(now)
    return _correct(order_id, expected_version, build)


def _correct(order_id: int, expected_version: int | None, build) -> Change:
    """A correction of an order that has not shipped: ``build(order)`` returns its step."""
    with write_transaction():
        order = load_order(order_id)
        if expected_version is not None and order.version != expected_version:
            raise order_stale(order)
        check_editable(order.status)
        step = build(order)
        hids = write_step(step, order)
    return Change(order.id, order.order_no, order.status, OrderStatus(order.status),
                  step.order_set["version"], history_ids=hids)


@idempotent
@survives_server
def edit_pickup_store(order_id: int, store: PickupStore, *, operator: str,
                      expected_version: int | None = None, now: datetime | None = None) -> Change:
    """修改取貨門市 of a convenience-store pickup order that has not shipped (the statuses of
    ``edit_delivery``); the history keeps each changed field's old and new value.  An order
    of a delivery method has no pickup store (``ValidationError``)."""
    store = store.validated()

    def build(order):
        if not order.pickup_store_code:
            raise ValidationError("pickup_store_code", QT_TRANSLATE_NOOP(
                "Errors", "訂單 {no} 不是超商取貨，沒有取貨門市。"), no=order.order_no)
        before = {f: getattr(order, f) for f in PICKUP_FIELDS}
        return writes.pickup_store_edited(order_state(order), before, store, operator=operator,
                                          at=now)

    operator = check_operator(operator)
    now = now_or(now)
    return _correct(order_id, expected_version, build)
