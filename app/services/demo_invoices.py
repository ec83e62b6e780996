"""The demo's invoices (``app.services.demo``): the invoice and allowance numbers
(``_InvoiceNumbers``) and what the shop's accountant does with each plan's invoice
(``_invoice_events``), decided from the plan alone so that the services path and the bulk path
decide the same.

No Qt here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta

import peewee as pw

from app.domain import invoice as inv
from app.domain.statuses import CancelStatus
from app.models import tables

from . import invoices as invoice_svc
from .common import local_date
from .demo_catalog import CA, A
from .demo_plan import _Plan

# ---------------------------------------------------------------- invoices

#: B2B buyers (統一編號 valid under the 2023 checksum; the first two only under it).
COMPANIES = (("83045210", "好日子設計有限公司"), ("72979298", "青田實業股份有限公司"),
             ("22099131", "光點科技股份有限公司"), ("53212539", "小樹屋文創有限公司"))
DONATION_CODES = ("919", "8585", "25885", "5380")
_CODE_CHARS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ+-."


class _InvoiceNumbers:
    """The demo's invoice and allowance numbers, on from the highest already stored, and the
    VAT periods already filed (their invoices are allowed, never voided)."""

    def __init__(self):
        self.filed = invoice_svc.filed_periods()
        last = tables.Invoice.select(pw.fn.MAX(tables.Invoice.invoice_no)).where(tables.Invoice.invoice_no.startswith("DM")).scalar()
        self.invoice = int(last[2:]) if last else 0
        last = (tables.InvoiceAllowance.select(pw.fn.MAX(tables.InvoiceAllowance.allowance_no))
                .where(tables.InvoiceAllowance.allowance_no.startswith("DA")).scalar())
        self.allowance = int(last[2:]) if last else 0

    def next_invoice(self) -> str:
        self.invoice += 1
        return f"DM{self.invoice:08d}"

    def next_allowance(self) -> str:
        self.allowance += 1
        return f"DA{self.allowance:08d}"


def _invoice_events(plan: _Plan, start: datetime, numbers: _InvoiceNumbers,
                    day_at: Callable[[int], date] | None = None, *, values: bool = True) -> dict:
    """What the shop's accountant does with the plan's invoice, decided from the plan alone (so
    the services path and the bulk path decide the same): {step index: ("issue",
    InvoiceInput) | ("void", VoidInput) | ("allowance", AllowanceInput)}, each done right after
    that step at its time.  About one in ten confirmed orders still waits for its invoice and
    one in four cancelled sales for its void or allowance, so the queues show some.
    ``day_at(t)``: the shop's day ``t`` seconds after ``start`` (``_LocalDays``).  ``values``
    False: the same decisions and numbers, each event's value None (``_BulkWriter.skip``)."""
    if day_at is None:
        def day_at(t):
            return local_date(start + timedelta(seconds=t))
    key = (plan.t0 * 2654435761) % 1000
    steps = plan.steps
    # Companies are among the sales later cancelled too; one scripted return is a company's
    # that keeps its invoice (``COMPANY_RETURN``), so every demo has a B2B allowance whatever
    # day it is built on (a void's period, and so the others, depend on the day).
    company = plan.company
    cancelled = any(step[0] is CA.APPROVE for step in steps)
    events: dict = {}
    issued = None  # the kind and day of the invoice not yet voided or allowed
    settle = False  # the request was approved: the void or allowance comes with the next step
    for i, step in enumerate(steps):
        action = step[0]
        if (action is A.CONFIRM_PAYMENT or action is A.PICKED_UP) and issued is None and (key % 10 or company):
            day = day_at(step[1])
            b2b = company or key % 7 == 0 or (cancelled and key % 3 == 0)
            number = numbers.next_invoice()
            value = None
            if values and b2b:
                ban, title = COMPANIES[key % len(COMPANIES)]
                value = inv.InvoiceInput(number, day, inv.B2B, plan.total, inv.PRINTED, "", ban, title).validated()
            elif values:
                carrier = (inv.MOBILE, inv.MOBILE, inv.DONATION, inv.PRINTED, inv.CERTIFICATE)[key % 5]
                code = {inv.MOBILE: _MOBILE_CODES[key], inv.DONATION: DONATION_CODES[key % len(DONATION_CODES)],
                        inv.CERTIFICATE: f"TP{key:04d}{plan.t0 % 10**10:010d}", inv.PRINTED: ""}[carrier]
                value = inv.InvoiceInput(number, day, inv.B2C, plan.total, carrier, code).validated()
            issued = (inv.B2B if b2b else inv.B2C, day)
            events[i] = ("issue", value)
        elif action is CA.APPROVE and issued is not None and ((key // 10) % 4 or company):
            # Recorded with the return (【退貨完成】) or the refund (【退款成功】) that follows, as
            # the clerk does; with the approval itself when the request needs neither.
            settle = True
        if settle and (action is CA.RETURN_DONE or action is CA.REFUND_DONE
                       or step[7] == CancelStatus.COMPLETED.value):
            day = day_at(step[1])
            kind, invoiced = issued
            # A company that already booked its B2B invoice often keeps it: an allowance then.
            keeps = kind == inv.B2B and (key % 2 or company)
            filed = inv.vat_period(invoiced)[0] in numbers.filed
            if inv.void_or_allowance(invoiced, day, filed=filed) == inv.VOID and not keeps:
                events[i] = ("void", inv.VoidInput(day, "訂單取消").validated(invoice_date=invoiced)
                             if values else None)
            else:
                number = numbers.next_allowance()
                events[i] = ("allowance", inv.AllowanceInput(number, day, plan.total)
                             .validated(invoice_date=invoiced, remaining=plan.total) if values else None)
            issued, settle = None, False
    return events


#: A B2C invoice's mobile barcode, by the plan's key (``_invoice_events``).
_MOBILE_CODES = ["/" + "".join(_CODE_CHARS[(key * 7 + j * 13) % len(_CODE_CHARS)] for j in range(7))
                 for key in range(1000)]
