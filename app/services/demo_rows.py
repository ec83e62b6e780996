"""The demo's bulk path rows (``app.services.demo``): the fields of each table the bulk path
writes, and ``_BulkWriter``, which turns plans into the rows the action services would write,
column for column (each step built by ``writes``, carried in memory), numbering the orders,
invoices and allowances as the services do.

No Qt here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as NoticeInput
from app.models import tables

from . import orders as order_svc
from . import writes
from .demo_catalog import _EPOCH, _QUARTER, CA, STOREFRONT, A
from .demo_invoices import _invoice_events, _InvoiceNumbers
from .demo_plan import _LocalDays, _Plan, _Shop
from .writes import Buyer, Item

# ---------------------------------------------------------------- the bulk path

_ORDER_FIELDS = (
    "id", "order_no", "store", "order_date", "status", "buyer_name", "buyer_phone", "buyer_email",
    "delivery_address", "payment_method", "payment_method_name", "shipping_method",
    "shipping_method_name", "shipping_method_fee", "subtotal", "shipping_fee", "total", "ship_date",
    "carrier", "tracking_no", "out_of_stock_reason", "status_before_cancel", "confirmed_amount",
    "payment_shortfall_reason", "collect_on_delivery", "status_since", "version", "updated_at",
    "updated_by", "pickup_store_code", "pickup_store_name", "pickup_store_address",
)
_ITEM_FIELDS = ("order", *writes.ITEM_COLUMNS)
_NOTICE_FIELDS = ("order", *writes.NOTICE_COLUMNS)
_REQUEST_FIELDS = (
    "id", "order", "status", "requested_by", "requested_at", "requester", "reason", "bank_code",
    "branch", "account_number", "account_name", "order_status_before", "paid", "shipped", "refund_due",
    "decision", "cs_number", "reject_reason", "reviewed_at", "reviewed_by", "invoice_returned",
    "goods_intact", "return_fail_reason", "returned_at", "refund_date", "refunded_amount",
    "refund_reference", "refund_fail_reason", "refund_channel", "written_off", "write_off_reason",
    "close_reason", "closed_at", "completed_at", "version", "updated_at", "updated_by",
)
_HISTORY_FIELDS = ("order", "cancellation", *writes.HISTORY_COLUMNS)
_INVOICE_FIELDS = ("id", "order", *writes.INVOICE_COLUMNS)
_VOID_FIELDS = ("invoice", "void_date", "reason", "cancellation", "recorded_at", "recorded_by")
_ALLOWANCE_FIELDS = ("invoice", "allowance_no", "allowance_date", "total", "before_tax", "tax",
                     "cancellation", "recorded_at", "recorded_by")


#: The bulk path's tables and the fields of their rows, in the order ``_BulkWriter.rows``
#: gives them.
_BULK_WRITES = ((tables.Order, _ORDER_FIELDS), (tables.OrderItem, _ITEM_FIELDS),
                (tables.PaymentNotice, _NOTICE_FIELDS), (tables.CancellationRequest, _REQUEST_FIELDS),
                (tables.StatusHistory, _HISTORY_FIELDS), (tables.Invoice, _INVOICE_FIELDS),
                (tables.InvoiceVoid, _VOID_FIELDS), (tables.InvoiceAllowance, _ALLOWANCE_FIELDS))


class _BulkWriter:
    """Turns plans into the rows the action services would write, column for column."""

    def __init__(self, shop: _Shop, start: datetime, *, fresh: bool = False):
        self.shop = shop
        self.start = start
        #: A shop without orders: every day's numbers start at 1, without asking the database
        #: (``_load_at_once``: its own transaction holds the order table).
        self.fresh = fresh
        self.day_seq: dict[str, int] = {}
        self.prefixes: dict[int, str] = {}
        self.numbers = _InvoiceNumbers()
        self.day_at = _LocalDays(start)

    def skip(self, plans: list[_Plan]) -> tuple[int, int]:
        """Number past ``plans`` as ``rows`` would (their order, invoice and allowance numbers),
        without making their rows; the requests and invoices they have."""
        start = self.start
        td = timedelta
        requests = invoices = 0
        for plan in plans:
            self.next_order_no(start + td(seconds=plan.t0))
            requests += len(plan.requests)
            for kind, _value in _invoice_events(plan, start, self.numbers, self.day_at, values=False).values():
                invoices += kind == "issue"
        return requests, invoices

    def next_order_no(self, when: datetime) -> str:
        """As ``orders.next_order_no`` numbers them: it gives the day's first number here,
        the rest of the day's orders follow it."""
        # The shop's local day, as the service reckons it; looked up once per quarter hour
        # (every UTC offset is a multiple of 15 minutes, as ``_Generator._date`` has it).
        key = (when - _EPOCH) // _QUARTER
        prefix = self.prefixes.get(key)
        if prefix is None:
            day = order_svc.local_date(_EPOCH + key * _QUARTER)
            prefix = self.prefixes[key] = f"O{day:%Y%m%d}"
        seq = self.day_seq.get(prefix)
        if seq is None and self.fresh:
            seq = 0
        elif seq is None:
            first = order_svc.next_order_no(when)
            seq = int(first[len(prefix):]) - 1
        seq += 1
        self.day_seq[prefix] = seq
        return f"{prefix}{seq:05d}"

    def rows(self, plans: list[_Plan], oid: int, rid: int, iid: int):
        """The rows of ``plans``: each step built by ``writes`` as the services build it, carried
        in memory, each order and request written once as it ends up."""
        shop = self.shop
        start = self.start
        td = timedelta
        orders, items, notices, requests, history = [], [], [], [], []
        invoices, voids, allowances = [], [], []
        add_h = history.extend
        new_order, order_step, file_request, cancel_step = (
            writes.placed, writes.order_step, writes.file_request, writes.cancel_step)
        order_input, cancel_input = _order_input, _cancel_input
        empty_order = dict.fromkeys(_ORDER_FIELDS)
        empty_request = dict.fromkeys(_REQUEST_FIELDS)
        for plan in plans:
            odt = start + td(seconds=plan.t0)
            ostr = str(odt)
            placed = new_order(
                order_no=self.next_order_no(odt), store_id=shop.store_ids[plan.store],
                buyer=Buyer(*plan.buyer), items=[Item(p, q, u, o) for p, o, q, u in plan.items],
                payment=shop.payment[plan.pm], shipping=shop.shipping[plan.sm], operator=STOREFRONT,
                at=ostr, pickup_chain=shop.shipping[plan.sm][5])
            state = placed.state
            state.id = oid
            row = {**empty_order, **placed.order, "id": oid}
            items.extend((oid, *it) for it in placed.items)
            add_h(placed.history_rows())
            req = req_row = None
            invoice_events = _invoice_events(plan, start, self.numbers, self.day_at)
            invoice_id = invoice_no = None
            for index, (action, t, op, payload, _of, _ot, c_from, c_to) in enumerate(plan.steps):
                at = str(start + td(seconds=t))
                if c_to is None:  # a plain order action
                    step = order_step(state, action, order_input(action, payload), operator=op, at=at)
                    if step.notice is not None:
                        n = step.notice
                        notices.append((oid, n["transfer_date"], n["amount"], n["account_last5"],
                                        n["note"], n["recorded_at"], n["recorded_by"]))
                elif c_from is None:  # a cancellation request is filed
                    by, reason, rem = payload
                    step = file_request(state, CancellationInput(reason, Remittance(*rem) if rem else None),
                                        by=by, operator=op, at=at)
                    req = step.request
                    req.id = rid
                    req_row = {**empty_request, **step.request_set, "id": rid}
                    requests.append(req_row)
                    rid += 1
                else:  # a step of the open request
                    data = cancel_input(action, payload)
                    if action is CA.CORRECT_ACCOUNT:
                        data["before"] = {k: req_row[k] for k in data["after"]}
                    step = cancel_step(state, req, action, data, operator=op, at=at)
                    req_row.update(step.request_set)
                if step.order_to is not None:
                    row.update(step.order_set)
                add_h(step.history_rows())
                step.advance()
                event = invoice_events.get(index)
                if event is not None:
                    kind, value = event
                    rid_now = req.id if req is not None else None
                    if kind == "issue":
                        made = writes.invoice_issued(state, value, source="demo", operator=op, at=at)
                        invoice_id, invoice_no = iid, value.invoice_no
                        invoices.append((iid, *made.row.values()))
                        iid += 1
                    elif kind == "void":
                        made = writes.invoice_voided(state, invoice_id, invoice_no, value,
                                                     cancellation_id=rid_now, operator=op, at=at)
                        voids.append(tuple(made.row[f] for f in _VOID_FIELDS))
                    else:
                        made = writes.allowance_issued(state, invoice_id, invoice_no, value,
                                                       cancellation_id=rid_now, operator=op, at=at)
                        allowances.append(tuple(made.row[f] for f in _ALLOWANCE_FIELDS))
                    add_h(made.history_rows())
            orders.append(tuple(row.values()))
            oid += 1
        requests = [tuple(r.values()) for r in requests]
        return orders, items, notices, requests, history, invoices, voids, allowances


def _order_input(action, payload):
    """A plain order action's input from the plan's payload (``writes.order_step``)."""
    if action is A.RECORD_PAYMENT:
        return NoticeInput(*payload)
    if action is A.SHIP:
        return ShipInput(*payload)
    return payload  # OUT_OF_STOCK, NOT_COLLECTED: the reason; PICKED_UP: the day; else None


def _cancel_input(action, payload) -> dict:
    """A request step's input from the plan's payload (``writes.cancel_step``)."""
    if action is CA.APPROVE:
        cs_number, arrived = payload
        return {"cs_number": cs_number} if arrived is None else {"cs_number": cs_number,
                                                                  "money_arrived": arrived}
    if action is CA.REJECT:
        return dict(zip(("cs_number", "reason"), payload, strict=True))
    if action is CA.RETURN_DONE:
        return dict(zip(("invoice_returned", "goods_intact"), payload, strict=True))
    if action is CA.RETURN_FAILED:
        return dict(zip(("invoice_returned", "goods_intact", "reason"), payload, strict=True))
    if action is CA.REFUND_DONE:
        return {"refund_date": payload[0], "reference": payload[1], "amount": None}
    if action is CA.REFUND_FAILED:
        return {"refund_date": payload[0], "reference": payload[1], "reason": payload[2],
                "amount": None}
    if action is CA.REFUND_PARTIAL:
        return dict(zip(("refund_date", "reference", "amount", "reason"), payload, strict=True))
    if action in (CA.WRITE_OFF, CA.CLOSE_TO_REFUND, CA.CLOSE_NO_REFUND):
        return {"reason": payload}
    if action is CA.CORRECT_ACCOUNT:  # ``_BulkWriter.rows`` adds the account it replaces
        new = Remittance(*payload).validated()
        return {"after": {"bank_code": new.bank_code, "branch": new.branch,
                          "account_number": new.account_number, "account_name": new.account_name}}
    raise AssertionError(action)
