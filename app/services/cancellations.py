"""The cancellation actions of docs/PRODUCT.md §3 (the request) and §4 (review, return, refund).

Same guarantees as the order actions: one write transaction, the transition checked by the
domain, conditional updates on status and version, history records with operator, time and
input.  Both the request and its order move together; their history says so on both machines.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import CancellationInput, checked_refund_date, required_text
from app.domain.machines import PAID_STATUSES, next_cancel_status, next_order_status
from app.domain.money import parse_amount
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus
from app.models.db import write_transaction
from app.models.tables import CancellationRequest

from . import writes
from .common import (
    Change,
    check_operator,
    load_order,
    load_request,
    local_date,
    now_or,
    order_stale,
    order_state,
    request_stale,
    request_state,
    write_step,
)
from .writes import CLERK, CUSTOMER


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
        checked = request.validated(paid=before in PAID_STATUSES)
        step = writes.file_request(order_state(order), checked, by=by, operator=operator, at=now)
        hids = write_step(step, order)
    return Change(order.id, order.order_no, before, to, step.order_set["version"], step.request.id,
                  None, CancelStatus.PENDING_REVIEW, hids)


def _cancel_act(
    request_id: int,
    action: CancelAction,
    *,
    operator: str,
    expected_version: int | None,
    now: datetime | None,
    data: dict,
    check=None,
) -> Change:
    """The shape of every review, return and refund step.  ``check(req)`` validates input that
    needs the request, after the transition is known to be allowed, and may add to ``data``."""
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        req = load_request(request_id)
        order = load_order(req.order_id)
        if expected_version is not None and req.version != expected_version:
            raise request_stale(req, order.order_no)
        cfrom = CancelStatus(req.status)
        next_cancel_status(cfrom, action, shipped=req.shipped, paid=req.paid)
        if check:
            check(req)
        step = writes.cancel_step(order_state(order), request_state(req), action, data,
                                  operator=operator, at=now)
        hids = write_step(step, order, req)
    moved = step.order_to is not None
    return Change(order.id, order.order_no, OrderStatus(order.status) if moved else None,
                  OrderStatus(step.order_to if moved else order.status),
                  step.order_set["version"] if moved else order.version,
                  req.id, cfrom, CancelStatus(step.request_to), hids)


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
    return _cancel_act(request_id, CancelAction.APPROVE, operator=operator,
                       expected_version=expected_version, now=now, data={"cs_number": cs})


def reject_cancellation(
    request_id: int, cs_number: str, reason: str, *, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """不通過: the request is kept as REJECTED; the order returns to its status before."""
    cs = required_text(cs_number, "cs_number")
    reason = required_text(reason, "reject_reason")
    return _cancel_act(request_id, CancelAction.REJECT, operator=operator,
                       expected_version=expected_version, now=now,
                       data={"cs_number": cs, "reason": reason})


def return_done(
    request_id: int, *, invoice_returned: bool, goods_intact: bool, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退貨完成: to refund pending when money was paid, else completed."""
    inv = _yes_no(invoice_returned, "invoice_returned")
    intact = _yes_no(goods_intact, "goods_intact")
    return _cancel_act(request_id, CancelAction.RETURN_DONE, operator=operator,
                       expected_version=expected_version, now=now,
                       data={"invoice_returned": inv, "goods_intact": intact})


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
                       data={"invoice_returned": inv, "goods_intact": intact, "reason": reason})


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


def _check_refund_date(refund_date: date, req) -> date:
    """Not after the shop's today, not before the request's day (the dialog's rule, here so
    that every caller keeps it)."""
    return checked_refund_date(refund_date, requested_on=local_date(req.requested_at),
                               today=local_date(now_or(None)))


def refund_done(
    request_id: int, *, refund_date: date, amount: int | None, reference: str, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退款成功: remittance date, amount (at most what was paid; None = all of it), reference."""
    refund_date = _check_date(refund_date, "refund_date")
    reference = required_text(reference, "reference")
    data = {"refund_date": refund_date, "reference": reference}

    def check(req):
        _check_refund_date(refund_date, req)
        data["amount"] = _refund_amount(amount, req)

    return _cancel_act(request_id, CancelAction.REFUND_DONE, operator=operator,
                       expected_version=expected_version, now=now, data=data, check=check)


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
        _check_refund_date(refund_date, req)
        data["amount"] = _refund_amount(amount, req)

    return _cancel_act(request_id, CancelAction.REFUND_FAILED, operator=operator,
                       expected_version=expected_version, now=now, data=data, check=check)
