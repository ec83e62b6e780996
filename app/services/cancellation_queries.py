"""Read-side query for one cancellation request: everything 檢視取消訂單資訊 shows.

The three blocks of the manual — 購物資訊 (the order), 取消申請 (the request as filed) and
審核狀況 (the review and what came of the return and the refund) — plus the request's own
history.  Views get plain dataclasses, never peewee rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from app.domain.inputs import Remittance
from app.domain.statuses import CancelAction, CancelStatus, OrderStatus, RefundChannel
from app.models.tables import CancellationRequest

from .order_details import HistoryEntry, OrderDetail, order_detail, order_history


@dataclass(frozen=True)
class CancellationDetail:
    id: int
    order_id: int
    order_no: str
    status: CancelStatus
    version: int
    # 取消申請: the request as filed.
    requested_by: str  # "customer" or "clerk"
    requester: str
    requested_at: datetime  # UTC
    reason: str
    remittance: Remittance | None
    order_status_before: OrderStatus
    paid: bool
    shipped: bool
    refund_due: int
    # 審核狀況: the review.
    decision: str | None  # "approved" / "rejected" / None while pending
    cs_number: str | None
    reject_reason: str | None
    reviewed_at: datetime | None
    reviewed_by: str | None
    # The return (the latest outcome; earlier attempts are in ``history``).
    invoice_returned: bool | None
    goods_intact: bool | None
    return_fail_reason: str | None
    returned_at: datetime | None
    # The refund.
    refund_date: date | None
    refunded_amount: int | None
    refund_reference: str | None
    refund_fail_reason: str | None
    completed_at: datetime | None
    updated_at: datetime
    updated_by: str
    order: OrderDetail | None = None
    #: How the refund goes (``RefundChannel``: remittance, card reversal, COD by remittance).
    refund_channel: str = "remittance"
    written_off: int | None = None
    write_off_reason: str | None = None
    #: A supervisor's 【結案】: why, and when.
    close_reason: str | None = None
    closed_at: datetime | None = None
    #: This request's own records (both machines), oldest first.
    history: list[HistoryEntry] = field(default_factory=list)

    @property
    def needs_return(self) -> bool:
        """The goods were shipped: an approved request waits for them to come back."""
        return self.shipped

    @property
    def needs_refund(self) -> bool:
        """Money was paid: an approved request refunds it."""
        return self.paid

    @property
    def outstanding(self) -> int:
        """What is still to be refunded: the money received, less what was refunded or
        written off."""
        return max(self.refund_due - (self.refunded_amount or 0) - (self.written_off or 0), 0)

    @property
    def by_reversal(self) -> bool:
        """A card payment: refunded by the gateway's reversal, no bank account."""
        return not RefundChannel(self.refund_channel).needs_account

    @property
    def money_unconfirmed(self) -> bool:
        """The order's payment notice was never confirmed: the approval asks whether the
        money arrived."""
        return self.paid and self.order_status_before is OrderStatus.PAID and self.decision is None

    def last_input(self, action: CancelAction) -> dict | None:
        """The input of the latest ``action`` on this request (e.g. the refund that failed)."""
        for h in reversed(self.history):
            if h.machine == "cancellation" and h.action == action:
                return h.input
        return None


def _dt(value):
    if isinstance(value, str):
        return datetime.fromisoformat(value)
    return value


def _day(value):
    if isinstance(value, str):
        return date.fromisoformat(value)
    return value


def cancellation_detail(request_id: int) -> CancellationDetail | None:
    """The request, its order's detail and its history; None if there is no such request."""
    r = CancellationRequest.get_or_none(CancellationRequest.id == request_id)
    if r is None:
        return None
    order = order_detail(r.order_id)
    remittance = None
    if any((r.bank_code, r.branch, r.account_number, r.account_name)):
        remittance = Remittance(r.bank_code or "", r.branch or "", r.account_number or "",
                                r.account_name or "")
    history = [h for h in order_history(r.order_id) if h.cancellation_id == r.id]
    return CancellationDetail(
        id=r.id, order_id=r.order_id, order_no=order.order_no if order else "",
        status=CancelStatus(r.status), version=r.version,
        requested_by=r.requested_by, requester=r.requester, requested_at=_dt(r.requested_at),
        reason=r.reason, remittance=remittance,
        order_status_before=OrderStatus(r.order_status_before), paid=bool(r.paid),
        shipped=bool(r.shipped), refund_due=r.refund_due,
        decision=r.decision, cs_number=r.cs_number, reject_reason=r.reject_reason,
        reviewed_at=_dt(r.reviewed_at), reviewed_by=r.reviewed_by,
        invoice_returned=r.invoice_returned, goods_intact=r.goods_intact,
        return_fail_reason=r.return_fail_reason, returned_at=_dt(r.returned_at),
        refund_date=_day(r.refund_date), refunded_amount=r.refunded_amount,
        refund_reference=r.refund_reference, refund_fail_reason=r.refund_fail_reason,
        completed_at=_dt(r.completed_at), updated_at=_dt(r.updated_at), updated_by=r.updated_by,
        order=order, history=history, refund_channel=r.refund_channel,
        written_off=r.written_off, write_off_reason=r.write_off_reason,
        close_reason=r.close_reason, closed_at=_dt(r.closed_at),
    )
