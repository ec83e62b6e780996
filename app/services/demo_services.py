"""The demo's services path (``app.services.demo``): each plan's steps through the action
services the clerks' clicks call, at the past time each happened (``_run_services``).

No Qt here.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as NoticeInput

from . import cancellations as cancel_svc
from . import invoices as invoice_svc
from . import orders as order_svc
from .demo_catalog import _REQUESTS, CA, STOREFRONT, A
from .demo_invoices import _invoice_events, _InvoiceNumbers
from .demo_plan import _Plan, _Shop

# ---------------------------------------------------------------- the services path


def _run_services(shop: _Shop, plan: _Plan, start: datetime,
                  numbers: _InvoiceNumbers | None = None) -> None:
    """Every step through the action service the clerk's (or the storefront's) click calls,
    and the invoice's records through the invoice services (``numbers``: the demo's invoice
    numbers so far, read from the database when not given)."""
    numbers = numbers or _InvoiceNumbers()

    def at(t):
        return start + timedelta(seconds=t)

    change = order_svc.place_order(
        store_id=shop.store_ids[plan.store],
        buyer=order_svc.Buyer(*plan.buyer),
        items=[order_svc.Item(p, q, u, o) for p, o, q, u in plan.items],
        payment_method_id=shop.payment[plan.pm][0],
        shipping_method_id=shop.shipping[plan.sm][0],
        operator=STOREFRONT,
        order_date=at(plan.t0),
    )
    oid = change.order_id
    rid = None
    invoice_events = _invoice_events(plan, start, numbers)
    for index, (action, t, op, payload, _of, o_to, _cf, c_to) in enumerate(plan.steps):
        now = at(t)
        event = invoice_events.get(index)
        # A void or an allowance with the return or the refund: recorded by that step's call.
        settlement = None
        if event is not None and event[0] != "issue" and action in (CA.RETURN_DONE, CA.REFUND_DONE):
            settlement, event = event[1], None
        if action is A.RECORD_PAYMENT:
            day, amount, last5, note = payload
            change = order_svc.record_payment_notice(oid, NoticeInput(day, amount, last5, note),
                                                     operator=op, now=now)
        elif action is A.CONFIRM_PAYMENT:
            change = order_svc.confirm_payment(oid, operator=op, now=now)
        elif action is A.SHIP:
            change = order_svc.ship(oid, ShipInput(*payload), operator=op, now=now)
        elif action is A.OUT_OF_STOCK:
            change = order_svc.mark_out_of_stock(oid, payload, operator=op, now=now)
        elif action is A.BACK_TO_AWAITING:
            change = order_svc.back_to_awaiting_shipment(oid, operator=op, now=now)
        elif action is A.ACCEPT:
            change = order_svc.accept_order(oid, operator=op, now=now)
        elif action is A.PICKED_UP:
            change = order_svc.picked_up(oid, payload, operator=op, now=now)
        elif action is A.NOT_COLLECTED:
            change = order_svc.not_collected(oid, payload, operator=op, now=now)
        elif action in _REQUESTS:
            by, reason, rem = payload
            change = cancel_svc.request_cancellation(
                oid, CancellationInput(reason, Remittance(*rem) if rem else None),
                operator=op, by=by, now=now)
            rid = change.cancellation_id
        elif action is CA.APPROVE:
            cs_number, arrived = payload
            change = cancel_svc.approve_cancellation(rid, cs_number, money_arrived=arrived,
                                                     operator=op, now=now)
        elif action is CA.REJECT:
            change = cancel_svc.reject_cancellation(rid, *payload, operator=op, now=now)
        elif action is CA.RETURN_DONE:
            inv, intact = payload
            change = cancel_svc.return_done(rid, invoice_returned=inv, goods_intact=intact,
                                            invoice=settlement, operator=op, now=now)
        elif action is CA.RETURN_FAILED:
            inv, intact, reason = payload
            change = cancel_svc.return_failed(rid, invoice_returned=inv, goods_intact=intact,
                                              reason=reason, operator=op, now=now)
        elif action is CA.REFUND_DONE:
            day, ref = payload
            change = cancel_svc.refund_done(rid, refund_date=day, amount=None, reference=ref,
                                            invoice=settlement, operator=op, now=now)
        elif action is CA.REFUND_FAILED:
            day, ref, reason = payload
            change = cancel_svc.refund_failed(rid, refund_date=day, amount=None, reference=ref,
                                              reason=reason, operator=op, now=now)
        elif action is CA.REFUND_PARTIAL:
            day, ref, amount, reason = payload
            change = cancel_svc.refund_done(rid, refund_date=day, amount=amount, reference=ref,
                                            partial_reason=reason, operator=op, now=now)
        elif action is CA.WRITE_OFF:
            change = cancel_svc.write_off(rid, payload, operator=op, now=now)
        elif action in (CA.CLOSE_TO_REFUND, CA.CLOSE_NO_REFUND):
            change = cancel_svc.close_request(rid, refund=action is CA.CLOSE_TO_REFUND,
                                              reason=payload, operator=op, now=now)
        elif action is CA.CORRECT_ACCOUNT:
            change = cancel_svc.correct_account(rid, Remittance(*payload), operator=op, now=now)
        else:  # pragma: no cover
            raise AssertionError(action)
        if o_to is not None and change.order_to != o_to or c_to is not None and change.cancel_to != c_to:
            raise AssertionError(f"demo order {change.order_no}: {action} went to "
                                 f"{change.order_to}/{change.cancel_to}, planned {o_to}/{c_to}")
        if event is not None:
            kind, value = event
            if kind == "issue":
                invoice_svc.record_invoice(oid, value, operator=op, source="demo", now=now)
            else:
                invoice_id = invoice_svc.active_invoice(oid).id
                record = invoice_svc.void_invoice if kind == "void" else invoice_svc.issue_allowance
                record(invoice_id, value, operator=op, cancellation_id=rid, now=now)
