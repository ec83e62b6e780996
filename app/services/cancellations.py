"""The cancellation actions of docs/PRODUCT.md §3 (the request) and §4 (review, return, refund).

Same guarantees as the order actions: one write transaction, the transition checked by the
domain, conditional updates on status and version, history records with operator, time and
input.  Both the request and its order move together; their history says so on both machines.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import CancellationInput, required_text
from app.domain.machines import (
    PAID_STATUSES,
    SHIPPED_STATUSES,
    next_cancel_status,
    next_order_status,
)
from app.domain.money import parse_amount
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus
from app.models.db import write_transaction
from app.models.tables import CancellationRequest

from .common import (
    Change,
    check_operator,
    load_order,
    load_request,
    move_order,
    move_request,
    now_or,
    order_stale,
    record_history,
    request_stale,
)

CUSTOMER = "customer"
CLERK = "clerk"


def request_cancellation(
    order_id: int,
    request: CancellationInput,
    *,
    operator: str,
    by: str = CLERK,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """Any → CANCELLING, filing a request for review (取消訂單審核).

    ``by=CLERK`` (退訂申請) is allowed from OUT_OF_STOCK only, as the manual has it;
    ``by=CUSTOMER`` (storefront, import) from any open status.  Remittance details are
    required when money was paid.
    """
    if by not in (CLERK, CUSTOMER):
        raise ValueError(f"by must be {CLERK!r} or {CUSTOMER!r}")
    operator = check_operator(operator)
    now = now_or(now)
    action = OrderAction.REQUEST_CANCEL_CLERK if by == CLERK else OrderAction.REQUEST_CANCEL_CUSTOMER
    with write_transaction():
        order = load_order(order_id)
        if expected_version is not None and order.version != expected_version:
            raise order_stale(order)
        before = OrderStatus(order.status)
        to = next_order_status(before, action)
        paid = before in PAID_STATUSES
        shipped = before in SHIPPED_STATUSES
        checked = request.validated(paid=paid)
        rem = checked.remittance
        req = CancellationRequest.create(
            order=order.id,
            status=CancelStatus.PENDING_REVIEW,
            requested_by=by,
            requested_at=now,
            requester=operator,
            reason=checked.reason,
            bank_code=rem.bank_code if rem else None,
            branch=rem.branch if rem else None,
            account_number=rem.account_number if rem else None,
            account_name=rem.account_name if rem else None,
            order_status_before=before,
            paid=paid,
            shipped=shipped,
            refund_due=order.total if paid else 0,
            updated_at=now,
            updated_by=operator,
        )
        version = move_order(order, to, operator=operator, now=now, status_before_cancel=before)
        data = {"by": by, **checked.as_record()}
        h1 = record_history(order.id, machine="order", from_status=before, to_status=to,
                            action=action, operator=operator, at=now, data=data,
                            cancellation_id=req.id)
        h2 = record_history(order.id, machine="cancellation", from_status=None,
                            to_status=CancelStatus.PENDING_REVIEW, action=CancelAction.FILE,
                            operator=operator, at=now, data=data, cancellation_id=req.id)
    return Change(order.id, order.order_no, before, to, version, req.id, None,
                  CancelStatus.PENDING_REVIEW, (h1, h2))


def _cancel_act(
    request_id: int,
    action: CancelAction,
    *,
    operator: str,
    expected_version: int | None,
    now: datetime | None,
    data: dict,
    fields: dict | None = None,
    check=None,
) -> Change:
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        req = load_request(request_id)
        order = load_order(req.order_id)
        if expected_version is not None and req.version != expected_version:
            raise request_stale(req, order.order_no)
        cfrom = CancelStatus(req.status)
        to = next_cancel_status(cfrom, action, shipped=req.shipped, paid=req.paid)
        if check:
            check(req)
        move_request(req, to, operator=operator, now=now, order_no=order.order_no,
                     **(fields or {}), **({"completed_at": now} if to is CancelStatus.COMPLETED else {}))
        hids = [record_history(order.id, machine="cancellation", from_status=cfrom, to_status=to,
                               action=action, operator=operator, at=now, data=data,
                               cancellation_id=req.id)]
        order_from = order_to = OrderStatus(order.status)
        version = order.version
        order_action = None
        restore = None
        if to is CancelStatus.COMPLETED:
            order_action = OrderAction.CANCEL_COMPLETED
        elif to is CancelStatus.REJECTED:
            order_action = OrderAction.CANCEL_REJECTED
            restore = OrderStatus(req.order_status_before)
        if order_action:
            order_to = next_order_status(order_from, order_action, restore_to=restore)
            version = move_order(order, order_to, operator=operator, now=now,
                                 status_before_cancel=None if restore else order.status_before_cancel)
            hids.append(record_history(order.id, machine="order", from_status=order_from,
                                       to_status=order_to, action=order_action, operator=operator,
                                       at=now, data=data, cancellation_id=req.id))
    return Change(order.id, order.order_no, order_from if order_action else None, order_to, version,
                  req.id, cfrom, to, tuple(hids))


def _yes_no(value, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "請選擇是或否。"))
    return value


def approve_cancellation(
    request_id: int, cs_number: str, *, operator: str, expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """通過: to the first needed step — return, else refund, else completed."""
    cs = required_text(cs_number, "cs_number")
    when = now_or(now)
    return _cancel_act(request_id, CancelAction.APPROVE, operator=operator,
                       expected_version=expected_version, now=when, data={"cs_number": cs},
                       fields={"decision": "approved", "cs_number": cs, "reviewed_at": when,
                               "reviewed_by": (operator or "").strip()})


def reject_cancellation(
    request_id: int, cs_number: str, reason: str, *, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """不通過: the request is kept as REJECTED; the order returns to its status before."""
    cs = required_text(cs_number, "cs_number")
    reason = required_text(reason, "reject_reason")
    when = now_or(now)
    return _cancel_act(request_id, CancelAction.REJECT, operator=operator,
                       expected_version=expected_version, now=when,
                       data={"cs_number": cs, "reason": reason},
                       fields={"decision": "rejected", "cs_number": cs, "reject_reason": reason,
                               "refund_due": 0,  # a rejected request owes nothing
                               "reviewed_at": when, "reviewed_by": (operator or "").strip()})


def return_done(
    request_id: int, *, invoice_returned: bool, goods_intact: bool, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退貨完成: to refund pending when money was paid, else completed."""
    inv = _yes_no(invoice_returned, "invoice_returned")
    intact = _yes_no(goods_intact, "goods_intact")
    when = now_or(now)
    return _cancel_act(request_id, CancelAction.RETURN_DONE, operator=operator,
                       expected_version=expected_version, now=when,
                       data={"invoice_returned": inv, "goods_intact": intact},
                       fields={"invoice_returned": inv, "goods_intact": intact, "returned_at": when,
                               "return_fail_reason": None})


def return_failed(
    request_id: int, *, invoice_returned: bool, goods_intact: bool, reason: str, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退貨失敗, with the reason."""
    inv = _yes_no(invoice_returned, "invoice_returned")
    intact = _yes_no(goods_intact, "goods_intact")
    reason = required_text(reason, "reason")
    return _cancel_act(request_id, CancelAction.RETURN_FAILED, operator=operator,
                       expected_version=expected_version, now=now,
                       data={"invoice_returned": inv, "goods_intact": intact, "reason": reason},
                       fields={"invoice_returned": inv, "goods_intact": intact,
                               "return_fail_reason": reason})


def _refund_amount(amount, req: CancellationRequest) -> int:
    value = req.refund_due if amount is None else parse_amount(amount, "amount")
    if value <= 0:
        raise ValidationError("amount", QT_TRANSLATE_NOOP("Errors", "金額必須大於零。"))
    if value > req.refund_due:
        raise ValidationError(
            "amount", QT_TRANSLATE_NOOP("Errors", "退款金額不能超過已付金額 NT${paid:,}。"),
            paid=req.refund_due,
        )
    return value


def _check_date(value, field: str) -> date:
    if not isinstance(value, date):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
    return value


def refund_done(
    request_id: int, *, refund_date: date, amount: int | None, reference: str, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退款成功: remittance date, amount (at most what was paid; None = all of it), reference."""
    refund_date = _check_date(refund_date, "refund_date")
    reference = required_text(reference, "reference")
    data = {"refund_date": refund_date, "reference": reference}
    fields = {"refund_date": refund_date, "refund_reference": reference, "refund_fail_reason": None}

    def check(req):
        fields["refunded_amount"] = data["amount"] = _refund_amount(amount, req)

    return _cancel_act(request_id, CancelAction.REFUND_DONE, operator=operator,
                       expected_version=expected_version, now=now, data=data, fields=fields,
                       check=check)


def refund_failed(
    request_id: int, *, refund_date: date, amount: int | None, reference: str, reason: str,
    operator: str, expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退款失敗: the remittance that was tried (date, amount, reference) and why it failed."""
    refund_date = _check_date(refund_date, "refund_date")
    reference = required_text(reference, "reference")
    reason = required_text(reason, "reason")
    data = {"refund_date": refund_date, "reference": reference, "reason": reason}

    def check(req):
        data["amount"] = _refund_amount(amount, req)

    return _cancel_act(request_id, CancelAction.REFUND_FAILED, operator=operator,
                       expected_version=expected_version, now=now, data=data,
                       fields={"refund_fail_reason": reason}, check=check)
