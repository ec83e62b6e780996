"""What each action writes, built in one place.

For every action one function here turns plain state (``OrderState``, ``RequestState``) and
input that is already validated into the rows the action writes: the order's column updates,
the request's (or a new request), the payment notice, and the history records with their input
as JSON (``history_input``, the only place that writes that JSON).  Nothing here reads or
writes the database.

* The single-order services (``orders``, ``cancellations``) load the order, build its step
  and apply it (``common.write_step``: conditional updates on id, status and version).
* The bulk paths (the import, the demo data) build the same steps on state they hold in
  memory, ``Step.advance`` it, and write the rows with ``executemany`` (``bulk``).  A set-based
  action over many orders does the same with one step per order: every step of one action
  updates the same columns (``Step.order_set``), so one UPDATE statement serves them all.

Values are written as given: the services pass ``datetime``/``date`` objects, the bulk paths
may pass the time as the text the drivers take (``str(datetime)``); statuses and actions are
plain strings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from app.domain import machines
from app.domain.clerk_edits import (
    NOTE_MACHINE,
    ClerkAction,
    DeliveryInput,
    check_editable,
)
from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import CancellationInput, ShipInput
from app.domain.inputs import PaymentNotice as NoticeInput
from app.domain.invoice import InvoiceAction
from app.domain.machines import SHIPPED_STATUSES, money_in
from app.domain.money import shipping_fee_for
from app.domain.phone import phone_digits
from app.domain.pickup import PICKUP_FIELDS, PickupStore
from app.domain.remittance import REMITTANCE_MACHINE, RemittanceAction
from app.domain.remittance import difference as remittance_difference
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus, RefundChannel

# The state machines' answers as plain strings, remembered: the machines are pure, take a
# handful of values, and the bulk paths ask them millions of times.  A refusal
# (``TransitionError``) is raised every time.


@lru_cache(maxsize=1024)
def _order_to(status: str, action: str, restore_to: str | None = None, cod: bool = False) -> str:
    return machines.next_order_status(status, action, restore_to=restore_to, cod=cod)._value_


@lru_cache(maxsize=1024)
def _cancel_to(status: str, action: str, shipped: bool, paid: bool) -> str:
    return machines.next_cancel_status(status, action, shipped=shipped, paid=paid)._value_


#: Who files a cancellation request: the customer (storefront, import) or a clerk (退訂申請).
CUSTOMER = "customer"
CLERK = "clerk"

_UNPAID = OrderStatus.UNPAID.value
_PAID_UNCONFIRMED = OrderStatus.PAID.value
_PENDING = CancelStatus.PENDING_REVIEW.value
_COMPLETED = CancelStatus.COMPLETED.value
_REJECTED = CancelStatus.REJECTED.value
_CLOSED = CancelStatus.CLOSED.value
_REMITTANCE = RefundChannel.REMITTANCE.value
_COD = RefundChannel.COD.value
_PLACE = OrderAction.PLACE.value
_FILE = CancelAction.FILE.value

#: The columns of a history record after its order and request ids (``Step.history``).
HISTORY_COLUMNS = ("machine", "from_status", "to_status", "action", "operator", "at", "input")
#: An order item's columns after its order id (``Placed.items``).
ITEM_COLUMNS = ("product", "options", "quantity", "unit_price")
#: A payment notice's columns after its order id (``Step.notice``).
NOTICE_COLUMNS = ("transfer_date", "amount", "account_last5", "note", "recorded_at", "recorded_by")


def _json_default(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


_encode = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_json_default).encode


def _c_encoder():
    """The C encoder that ``_encode`` builds on each call, built once (the bulk paths encode
    millions of inputs); None where the interpreter has none.  The same text: a test
    compares them."""
    make = getattr(json.encoder, "c_make_encoder", None)
    try:
        return make and make(None, _json_default, json.encoder.encode_basestring, None, ": ", ", ",
                             True, False, True)
    except TypeError:  # another interpreter's signature
        return None


_c_encode = _c_encoder()


def history_input(data: dict | None) -> str:
    """An action's input as its history record holds it: JSON, keys sorted, non-ASCII kept,
    dates in ISO form."""
    if _c_encode:
        return "".join(_c_encode(data or {}, 0))
    return _encode(data or {})


@dataclass(frozen=True)
class Buyer:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""
    #: The pickup store of a convenience-store pickup method (``app.domain.pickup``).
    pickup: PickupStore | None = None


@dataclass(frozen=True)
class Item:
    """One item line of an order: what ``place_order`` is given, and what an order's detail
    and packing slip read back (``queries.ItemLine``)."""

    product: str
    quantity: int
    unit_price: int
    options: str = ""

    @property
    def line_total(self) -> int:
        return self.quantity * self.unit_price


def normalise_phone(phone: str | None) -> str:
    """The phone as the orders keep it (``phone.phone_digits``, its callers having checked
    it): '0912-345-678', '0912 345 678' and full-width '０９１２３４５６７８' are one
    number, found by one search."""
    phone = (phone or "").strip()
    if phone.isascii() and phone.isdigit():  # already digits only
        return phone
    return phone_digits(phone)


@dataclass(slots=True)
class RowState:
    """A row an action moves: its id (None until inserted), its status and the version its
    conditional update names."""

    id: int | None
    status: str
    version: int


@dataclass(slots=True)
class OrderState(RowState):
    """What the actions need to know of an order."""

    total: int
    status_before_cancel: str | None = None
    #: The amount of the order's latest payment notice (CONFIRM_PAYMENT records it).
    notice_amount: int | None = None
    #: The money received: the amount a clerk confirmed (None until confirmed).
    confirmed_amount: int | None = None
    #: How the order's payment method refunds (``RefundChannel``).
    refund_channel: str = _REMITTANCE
    #: Cash on delivery: the carrier collects the money (the order's ``collect_on_delivery``).
    cod: bool = False


@dataclass(slots=True)
class RequestState(RowState):
    """What the review, return and refund steps need to know of a cancellation request."""

    paid: bool
    shipped: bool
    refund_due: int
    order_status_before: str
    #: What was refunded so far (partial refunds included).
    refunded: int = 0
    refund_channel: str = _REMITTANCE

    @property
    def outstanding(self) -> int:
        return self.refund_due - self.refunded

    @property
    def money_unconfirmed(self) -> bool:
        """The order had a payment notice no clerk confirmed: the money may not have arrived."""
        return self.paid and self.order_status_before == _PAID_UNCONFIRMED


@dataclass(slots=True)
class Step:
    """The rows one action writes.

    ``order_set`` is the order's conditional update (``WHERE id = order.id AND status =
    order_from AND version = order_version``), empty when the order does not move.  Likewise
    ``request_set`` for the request; when ``filed``, it is instead every column of the new
    request, and ``request`` the new request's state (its id set by whoever inserts it).
    ``history`` holds the records in the order they are written (``history_rows``).
    """

    order: OrderState
    order_from: str
    order_version: int
    order_to: str | None = None
    order_set: dict | None = None
    request: RequestState | None = None
    request_from: str | None = None
    request_version: int | None = None
    request_to: str | None = None
    request_set: dict | None = None
    filed: bool = False
    notice: dict | None = None
    history: list | None = None

    def history_rows(self) -> list[tuple]:
        """The history records as the table's columns ``order, cancellation,
        *HISTORY_COLUMNS`` (a filed request's id as set after the step was built)."""
        if self.filed:
            rid = self.request.id
            return [(h[0], rid, *h[2:]) for h in self.history]
        return self.history

    def advance(self) -> None:
        """Carry the step into its states, so that the next step of the same order builds on
        them (the bulk paths)."""
        o = self.order
        if self.order_to is not None:
            o.status = self.order_to
            o.version = self.order_set["version"]
            if "status_before_cancel" in self.order_set:
                o.status_before_cancel = self.order_set["status_before_cancel"]
            if "confirmed_amount" in self.order_set:
                o.confirmed_amount = self.order_set["confirmed_amount"]
        if self.notice is not None:
            o.notice_amount = self.notice["amount"]
        r = self.request
        if r is not None and self.request_to is not None and not self.filed:
            r.status = self.request_to
            r.version = self.request_set["version"]
            for name, attr in (("refund_due", "refund_due"), ("refunded_amount", "refunded"),
                               ("paid", "paid")):
                if name in self.request_set:
                    setattr(r, attr, self.request_set[name])


@dataclass(slots=True)
class Placed:
    """The rows of a new order: the order's columns (``order_no`` as given, None for the
    service to number), its items (``ITEM_COLUMNS``), its PLACE history record (``history_rows``
    adds the order's id, known once it is inserted: set ``state.id``), and its state for the
    steps that follow."""

    order: dict
    items: list
    history: list
    state: OrderState

    def history_rows(self) -> list[tuple]:
        return [(self.state.id, None, *h) for h in self.history]


def placed(*, order_no: str | None, store_id: int, buyer: Buyer, items: list[Item],
           payment: tuple, shipping: tuple, operator: str, at, pickup_chain: str = "") -> Placed:
    """A new UNPAID order.  ``payment`` is (id, title[, refund_channel]), ``shipping`` (id,
    title, fee, free_threshold); their names and fee are copied onto the order, and the
    shipping fee follows the shop's one rule (``shipping_fee_for``) on the goods subtotal.
    A pickup method (``pickup_chain``) needs the buyer's pickup store (``ValidationError`` on
    ``pickup_store_code`` / ``pickup_store_name``); another method keeps none."""
    pm_id, pm_title = payment[0], payment[1]
    channel = payment[2] if len(payment) > 2 else _REMITTANCE
    cod = channel == _COD
    sm_id, sm_title, sm_fee, sm_free = shipping[:4]
    subtotal = sum(it.quantity * it.unit_price for it in items)
    fee = shipping_fee_for(subtotal, sm_fee, sm_free)
    total = subtotal + fee
    unpaid = _UNPAID
    order = {
        "order_no": order_no, "store": store_id, "order_date": at, "status": unpaid,
        "buyer_name": buyer.name.strip(), "buyer_phone": normalise_phone(buyer.phone),
        "buyer_email": (buyer.email or "").strip(), "delivery_address": (buyer.address or "").strip(),
        "payment_method": pm_id, "payment_method_name": pm_title, "shipping_method": sm_id,
        "shipping_method_name": sm_title, "shipping_method_fee": sm_fee, "subtotal": subtotal,
        "shipping_fee": fee, "total": total, "collect_on_delivery": cod, "status_since": at, "version": 1,
        "updated_at": at, "updated_by": operator,
    }
    order.update(pickup_columns(pickup_chain, buyer.pickup, shipping[1]))
    rows = [(it.product.strip(), it.options or "", it.quantity, it.unit_price) for it in items]
    history = [("order", None, unpaid, _PLACE, operator, at,
                history_input({"subtotal": subtotal, "shipping_fee": fee, "total": total}))]
    return Placed(order, rows, history, OrderState(None, unpaid, 1, total, refund_channel=channel, cod=cod))


def pickup_columns(chain: str, store: PickupStore | None, method: str) -> dict:
    """The order's pickup store columns: the validated store for a pickup method (refused
    without one), nulls for another method."""
    if not chain:
        return dict.fromkeys(PICKUP_FIELDS)
    if store is None or store.is_empty():
        raise ValidationError("pickup_store_code", QT_TRANSLATE_NOOP(
            "Errors", "送貨方式「{method}」是超商取貨，請填寫取貨門市。"), method=method)
    return store.validated().columns()


def order_step(order: OrderState, action: OrderAction, value=None, *, operator: str, at) -> Step:
    """One of the plain order actions.  ``value`` is the action's validated input: a
    ``PaymentNotice`` (RECORD_PAYMENT), a ``ShipInput`` (SHIP), the reason (OUT_OF_STOCK), the
    shortfall reason or None (CONFIRM_PAYMENT), None (BACK_TO_AWAITING, ACCEPT), the pickup
    date (PICKED_UP), the reason (NOT_COLLECTED).  ``TransitionError``
    when the order's status does not allow the action; confirming a notice below the total
    without a reason is a ``ValidationError`` (``shortfall_reason``)."""
    if action.__class__ is not OrderAction:
        action = OrderAction(action)
    name = action._value_
    to = _order_to(order.status, name, None, order.cod)
    sets = _moved(order, to, operator, at)
    notice = None
    if action is OrderAction.RECORD_PAYMENT:
        n: NoticeInput = value
        notice = {"transfer_date": n.transfer_date, "amount": n.amount,
                  "account_last5": n.account_last5, "note": n.note, "recorded_at": at,
                  "recorded_by": operator}
        data = n.as_record()
    elif action is OrderAction.CONFIRM_PAYMENT:
        received = order.total if order.notice_amount is None else order.notice_amount
        reason = (value or "").strip() or None
        if received < order.total and reason is None:
            raise ValidationError(
                "shortfall_reason",
                QT_TRANSLATE_NOOP("Errors", "付款通知金額 NT${amount:,} 少於訂單金額 NT${total:,}，"
                                            "確認前請填寫短收原因。"),
                amount=received, total=order.total)
        sets["confirmed_amount"] = received
        sets["payment_shortfall_reason"] = reason if received < order.total else None
        data = {"total": order.total, "notice_amount": order.notice_amount,
                "confirmed_amount": received}
        if received < order.total:
            data["shortfall_reason"] = reason
    elif action is OrderAction.SHIP:
        s: ShipInput = value
        sets["ship_date"] = s.ship_date
        sets["carrier"] = s.carrier
        sets["tracking_no"] = s.tracking_no
        data = s.as_record()
    elif action is OrderAction.OUT_OF_STOCK:
        sets["out_of_stock_reason"] = value
        data = {"reason": value}
    elif action in (OrderAction.BACK_TO_AWAITING, OrderAction.ACCEPT):
        data = {}
    elif action is OrderAction.PICKED_UP:
        # The carrier collected the order's total: money received, due from the carrier.
        sets["confirmed_amount"] = order.total
        data = {"picked_up_date": value, "amount": order.total}
    elif action is OrderAction.NOT_COLLECTED:
        data = {"reason": value}
    else:
        raise ValueError(f"{action} is not a plain order action")
    return Step(order, order.status, order.version, to, sets, None, None, None, None, None, False,
                notice, [(order.id, None, "order", order.status, to, name, operator, at,
                          history_input(data))])


def _moved(order: OrderState, to: str, operator: str, at) -> dict:
    """The columns every move of an order sets: the status, since when (the lists' 等待天數),
    the version, who and when."""
    return {"status": to, "status_since": at, "version": order.version + 1, "updated_at": at,
            "updated_by": operator}


def file_request(order: OrderState, request: CancellationInput, *, by: str, operator: str,
                 at) -> Step:
    """A cancellation request filed by the customer or a clerk (``by``): the order goes to
    CANCELLING remembering its status, the request starts PENDING_REVIEW.  ``request`` is
    validated for the order (``refund_due_on_request``).  The refund due is the money received
    (``refund_due_on_request``); ``paid`` says there is some to give back."""
    action = OrderAction.REQUEST_CANCEL_CLERK if by == CLERK else OrderAction.REQUEST_CANCEL_CUSTOMER
    before = OrderStatus(order.status)
    to = _order_to(before.value, action.value, None, order.cod)
    refund_due = refund_due_on_request(order)
    paid = refund_due > 0
    shipped = before in SHIPPED_STATUSES
    pending = _PENDING
    rem = request.remittance
    row = {
        "order": order.id, "status": pending, "requested_by": by, "requested_at": at,
        "requester": operator, "reason": request.reason,
        "bank_code": rem.bank_code if rem else None, "branch": rem.branch if rem else None,
        "account_number": rem.account_number if rem else None,
        "account_name": rem.account_name if rem else None,
        "order_status_before": before.value, "paid": paid, "shipped": shipped,
        "refund_due": refund_due, "refund_channel": order.refund_channel, "version": 1,
        "updated_at": at, "updated_by": operator,
    }
    sets = _moved(order, to, operator, at)
    sets["status_before_cancel"] = before.value
    data = history_input({"by": by, **request.as_record()})
    history = [(order.id, None, "order", before.value, to, action.value, operator, at, data),
               (order.id, None, "cancellation", None, pending, _FILE, operator, at, data)]
    req = RequestState(None, pending, 1, paid, shipped, refund_due, before.value,
                       refund_channel=order.refund_channel)
    return Step(order, before.value, order.version, to, sets, req, None, None, pending, row,
                filed=True, history=history)


def refund_due_on_request(order: OrderState) -> int:
    """What a cancellation of ``order`` would owe back: the money received, which is the
    amount a clerk confirmed; for a notice no clerk confirmed yet (PAID), the notice's amount
    until the approval asks whether it arrived; nothing for an unpaid order."""
    status = order.status
    if not money_in(status, cod=order.cod):
        return 0
    if status == _PAID_UNCONFIRMED:
        return order.notice_amount or 0
    return order.total if order.confirmed_amount is None else order.confirmed_amount


def needs_account(order: OrderState) -> bool:
    """Whether a cancellation of ``order`` asks for the buyer's bank account: money to give
    back, by remittance."""
    return refund_due_on_request(order) > 0 and RefundChannel(order.refund_channel).needs_account


def cancel_step(order: OrderState, request: RequestState, action: CancelAction, data: dict, *,
                operator: str, at) -> Step:
    """A review, return or refund step of an open request, with the order's move when the
    request ends (COMPLETED: the order is CANCELLED; REJECTED: back to its status before).

    ``data`` is the action's validated input, recorded as the history's input:
    APPROVE ``cs_number`` (and ``money_arrived`` when the order's payment was never
    confirmed: False means nothing is owed); REJECT ``cs_number, reason``; RETURN_DONE
    ``invoice_returned, goods_intact``; RETURN_FAILED those and ``reason``; REFUND_DONE
    ``refund_date, reference, amount``; REFUND_PARTIAL those and ``reason``; REFUND_FAILED
    those and ``reason``; WRITE_OFF ``reason``; CORRECT_ACCOUNT ``before, after`` (the account
    fields); CLOSE_TO_REFUND / CLOSE_NO_REFUND ``reason``.  A refund ``amount`` of None is
    what the request still owes."""
    if action.__class__ is not CancelAction:
        action = CancelAction(action)
    cfrom = request.status
    paid = request.paid
    if action is CancelAction.APPROVE and data.get("money_arrived") is False:
        paid = False
    to = _cancel_to(cfrom, action.value, request.shipped, paid)
    sets = {"status": to, "version": request.version + 1, "updated_at": at, "updated_by": operator}
    if action is CancelAction.APPROVE:
        sets.update(decision="approved", cs_number=data["cs_number"], reviewed_at=at,
                    reviewed_by=operator)
        if not paid and request.paid:  # the notice's money never arrived
            sets.update(paid=False, refund_due=0)
    elif action is CancelAction.REJECT:
        sets.update(decision="rejected", cs_number=data["cs_number"], reject_reason=data["reason"],
                    refund_due=0,  # a rejected request owes nothing
                    reviewed_at=at, reviewed_by=operator)
    elif action is CancelAction.RETURN_DONE:
        sets.update(invoice_returned=data["invoice_returned"], goods_intact=data["goods_intact"],
                    returned_at=at, return_fail_reason=None)
    elif action is CancelAction.RETURN_FAILED:
        sets.update(invoice_returned=data["invoice_returned"], goods_intact=data["goods_intact"],
                    return_fail_reason=data["reason"])
    elif action in (CancelAction.REFUND_DONE, CancelAction.REFUND_PARTIAL,
                    CancelAction.REFUND_FAILED):
        if data.get("amount") is None:
            data = {**data, "amount": request.outstanding}
        if action is CancelAction.REFUND_FAILED:
            sets["refund_fail_reason"] = data["reason"]
        else:
            sets.update(refund_date=data["refund_date"], refund_reference=data["reference"],
                        refund_fail_reason=None, refunded_amount=request.refunded + data["amount"])
    elif action is CancelAction.WRITE_OFF:
        data = {**data, "amount": request.outstanding}
        sets.update(written_off=request.outstanding, write_off_reason=data["reason"])
    elif action is CancelAction.CORRECT_ACCOUNT:
        sets.update(data["after"])
    elif action in (CancelAction.CLOSE_TO_REFUND, CancelAction.CLOSE_NO_REFUND):
        sets.update(close_reason=data["reason"], closed_at=at)
        if action is CancelAction.CLOSE_NO_REFUND:
            sets["refund_due"] = 0  # closed without a refund: nothing is owed
    else:
        raise ValueError(f"{action} is not a step of an open request")
    if to in (_COMPLETED, _CLOSED):
        sets["completed_at"] = at
    text = history_input(data)
    history = [(order.id, request.id, "cancellation", cfrom, to, action.value, operator, at, text)]
    step = Step(order, order.status, order.version, None, {}, request=request, request_from=cfrom,
                request_version=request.version, request_to=to, request_set=sets, history=history)
    if to == _COMPLETED:
        order_action, restore = OrderAction.CANCEL_COMPLETED, None
    elif to == _REJECTED:
        order_action, restore = OrderAction.CANCEL_REJECTED, request.order_status_before
    elif to == _CLOSED:
        order_action, restore = OrderAction.CANCEL_CLOSED, request.order_status_before
    else:
        return step
    step.order_to = _order_to(order.status, order_action.value, restore, order.cod)
    step.order_set = _moved(order, step.order_to, operator, at)
    step.order_set["status_before_cancel"] = None if restore else order.status_before_cancel
    history.append((order.id, request.id, "order", order.status, step.order_to, order_action.value,
                    operator, at, text))
    return step


# ---------------------------------------------------------------- invoices (統一發票)

#: An invoice's columns after its order id (``InvoiceRows.row``).
INVOICE_COLUMNS = ("invoice_no", "invoice_date", "kind", "total", "before_tax", "tax",
                   "carrier_type", "carrier_id", "buyer_ban", "buyer_title", "source",
                   "recorded_at", "recorded_by")


@dataclass(slots=True)
class InvoiceRows:
    """The rows an invoice action writes: one row of ``table`` (``invoice``,
    ``invoice_void`` or ``invoice_allowance``; the invoice id set by whoever inserts the
    invoice) and its history record on the order (machine "invoice"; the order's status
    does not move, so from and to are both its status)."""

    table: str
    row: dict
    history: list

    def history_rows(self) -> list[tuple]:
        return self.history


def _invoice_history(order: OrderState, cancellation_id, action: str, data: dict, operator: str,
                     at) -> list:
    return [(order.id, cancellation_id, "invoice", order.status, order.status, action, operator,
             at, history_input(data))]


def invoice_issued(order: OrderState, invoice, *, source: str, operator: str, at) -> InvoiceRows:
    """An issued invoice (【開立發票】, the provider's file, the demo): ``invoice`` is a
    validated ``app.domain.invoice.InvoiceInput``."""
    rec = invoice.as_record()
    row = {"order": order.id, "invoice_no": invoice.invoice_no, "invoice_date": invoice.invoice_date,
           "kind": invoice.kind, "total": invoice.total, "before_tax": rec["before_tax"],
           "tax": rec["tax"], "carrier_type": invoice.carrier_type, "carrier_id": invoice.carrier_id,
           "buyer_ban": invoice.buyer_ban, "buyer_title": invoice.buyer_title, "source": source,
           "recorded_at": at, "recorded_by": operator}
    return InvoiceRows("invoice", row, _invoice_history(
        order, None, InvoiceAction.ISSUE.value, {**rec, "source": source}, operator, at))


def invoice_voided(order: OrderState, invoice_id: int, invoice_no: str, void, *,
                   cancellation_id: int | None, operator: str, at) -> InvoiceRows:
    """作廢 of invoice ``invoice_id``: ``void`` is a validated ``VoidInput``."""
    row = {"invoice": invoice_id, "void_date": void.void_date, "reason": void.reason,
           "cancellation": cancellation_id, "recorded_at": at, "recorded_by": operator}
    data = {"invoice_no": invoice_no, **void.as_record()}
    return InvoiceRows("invoice_void", row, _invoice_history(
        order, cancellation_id, InvoiceAction.VOID.value, data, operator, at))


def allowance_issued(order: OrderState, invoice_id: int, invoice_no: str, allowance, *,
                     cancellation_id: int | None, operator: str, at) -> InvoiceRows:
    """折讓單 against invoice ``invoice_id``: ``allowance`` is a validated ``AllowanceInput``."""
    rec = allowance.as_record()
    row = {"invoice": invoice_id, "allowance_no": allowance.allowance_no,
           "allowance_date": allowance.allowance_date, "total": allowance.total,
           "before_tax": rec["before_tax"], "tax": rec["tax"], "cancellation": cancellation_id,
           "recorded_at": at, "recorded_by": operator}
    data = {"invoice_no": invoice_no, **rec}
    return InvoiceRows("invoice_allowance", row, _invoice_history(
        order, cancellation_id, InvoiceAction.ALLOWANCE.value, data, operator, at))


# ---------------------------------------------------------------- notes and corrections (issue 17)


@dataclass(slots=True)
class NoteRows:
    """A clerk's note: its ``order_note`` row, and its history record on the order (machine
    "note"; the order's status on both sides; the request's id when it is a request's).  The
    order's ``note_count`` goes up by one; its version does not move (a note changes nothing
    another clerk is acting on)."""

    row: dict
    history: list

    def history_rows(self) -> list[tuple]:
        return self.history


def note_added(order: OrderState, text: str, *, cancellation_id: int | None, operator: str,
               at) -> NoteRows:
    """A note on ``order`` (or its request ``cancellation_id``): ``text`` is validated
    (``clerk_edits.note_text``)."""
    row = {"order": order.id, "cancellation": cancellation_id, "body": text, "operator": operator,
           "at": at}
    return NoteRows(row, [(order.id, cancellation_id, NOTE_MACHINE, order.status, order.status,
                           ClerkAction.NOTE.value, operator, at, history_input({"note": text}))])


def delivery_edited(order: OrderState, before: dict, after: DeliveryInput, *, operator: str,
                    at) -> Step:
    """修改收件資訊: the order's conditional update (its status stays, its version moves on)
    with the fields that changed, and a history record with each one's old and new value.
    ``before`` holds the order's ``DELIVERY_FIELDS``; ``after`` is validated.  ``TransitionError``
    once the order has shipped or is (being) cancelled; ``ValidationError`` when nothing
    changed."""
    new = {"buyer_name": after.buyer_name, "buyer_phone": normalise_phone(after.buyer_phone),
           "delivery_address": after.delivery_address}
    return _corrected(order, before, new, ClerkAction.EDIT_DELIVERY, "delivery",
                      QT_TRANSLATE_NOOP("Errors", "收件資訊沒有變更。"), operator=operator, at=at)


def _corrected(order: OrderState, before: dict, new: dict, action, field: str, unchanged: str, *,
               operator: str, at) -> Step:
    """A correction's step: the fields of ``new`` that differ from ``before`` set, the version
    moved on, the status kept, and the history's old and new value of each."""
    check_editable(order.status)
    changed = {f: {"old": before[f], "new": v} for f, v in new.items() if before[f] != v}
    if not changed:
        raise ValidationError(field, unchanged)
    sets = {"version": order.version + 1, "updated_at": at, "updated_by": operator,
            **{f: new[f] for f in changed}}
    status = order.status
    return Step(order, status, order.version, status, sets,
                history=[(order.id, None, "order", status, status, action.value,
                          operator, at, history_input(changed))])


def pickup_store_edited(order: OrderState, before: dict, after: PickupStore, *, operator: str,
                        at) -> Step:
    """修改取貨門市: like ``delivery_edited`` for the order's pickup store (``before`` holds its
    ``PICKUP_FIELDS``; ``after`` is validated), each changed field's old and new value in the
    history.  ``TransitionError`` once the order has shipped or is (being) cancelled;
    ``ValidationError`` when nothing changed."""
    return _corrected(order, before, after.columns(), ClerkAction.EDIT_PICKUP_STORE, "pickup_store",
                      QT_TRANSLATE_NOOP("Errors", "取貨門市沒有變更。"), operator=operator, at=at)


# ---------------------------------------------------------------- carriers' remittances (issue 12)


@dataclass(slots=True)
class RemittanceRows:
    """A carrier's remittance: its ``carrier_remittance`` row, its lines (``order``,
    ``collected``, ``fee_share``; the remittance id set by whoever inserts it) and a history
    record on each order (machine "remittance"; the order's status on both sides, its version
    unmoved)."""

    row: dict
    lines: list[dict]
    history: list

    def history_rows(self, remittance_id: int) -> list[tuple]:
        """The history records, each input naming the inserted remittance (``history`` holds
        each record's columns before its input, and the input as a dict)."""
        return [(*h[:-1], history_input({**h[-1], "remittance_id": remittance_id})) for h in self.history]


def remittance_recorded(orders: list[tuple[OrderState, int, int | None]], value, *, source: str,
                        operator: str, at) -> RemittanceRows:
    """【登錄撥款】 or a confirmed statement: ``orders`` holds each covered order's state, what
    the carrier collected for it and its fee share (None when not given); ``value`` is a
    validated ``app.domain.remittance.RemittanceInput``.  The difference is short (below 0)
    or over (above 0)."""
    collected = sum(c for _o, c, _f in orders)
    diff = remittance_difference(value.amount, value.fee, collected)
    row = {"carrier": value.carrier, "remitted_on": value.remitted_on, "amount": value.amount,
           "fee": value.fee, "collected": collected, "difference": diff,
           "reference": value.reference, "source": source, "recorded_at": at,
           "recorded_by": operator}
    lines = [{"order": o.id, "collected": c, "fee_share": f} for o, c, f in orders]
    head = value.as_record()
    history = [(o.id, None, REMITTANCE_MACHINE, o.status, o.status, RemittanceAction.REMIT.value,
                operator, at, {**head, "collected": c, "fee_share": f})
               for o, c, f in orders]
    return RemittanceRows(row, lines, history)
