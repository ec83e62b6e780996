"""The cancellation actions of docs/PRODUCT.md §3 (the request) and §4 (review, return, refund).

Same guarantees as the order actions: one write transaction, the transition checked by the
domain, conditional updates on status and version, history records with operator, time and
input.  Both the request and its order move together; their history says so on both machines.
"""

from __future__ import annotations

from datetime import date, datetime

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import (
    CancellationInput,
    Remittance,
    checked_refund_date,
    required_date,
    required_text,
    yes_no,
)
from app.domain.invoice import AllowanceInput, VoidInput
from app.domain.machines import next_cancel_status, next_order_status
from app.domain.money import parse_amount
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus, RefundChannel
from app.models.db import survives_server, write_transaction
from app.models.tables import CancellationRequest

from . import invoices, writes
from .closing import refuse_closed
from .common import (
    Change,
    check_operator,
    idempotent,
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


@idempotent
@survives_server
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
    required when money was received and goes back by remittance (not for a card reversal).
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
        state = order_state(order, with_money=True)
        checked = request.validated(paid=writes.needs_account(state))
        step = writes.file_request(state, checked, by=by, operator=operator, at=now)
        hids = write_step(step, order)
    return Change(order.id, order.order_no, before, to, step.order_set["version"], step.request.id,
                  None, CancelStatus.PENDING_REVIEW, hids)


@survives_server
def _cancel_act(
    request_id: int,
    action: CancelAction,
    *,
    operator: str,
    expected_version: int | None,
    now: datetime | None,
    data: dict,
    check=None,
    invoice: VoidInput | AllowanceInput | None = None,
) -> Change:
    """The shape of every review, return and refund step.  ``check(req)`` validates input that
    needs the request, after the transition is known to be allowed, and may add to ``data``.
    ``action`` may be a function of the request's state (a refund is partial or not).
    ``invoice``: the void or allowance of the order's open invoice recorded with the step, in
    its transaction (``invoices.settle_with_step``)."""
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        req = load_request(request_id)
        order = load_order(req.order_id)
        if expected_version is not None and req.version != expected_version:
            raise request_stale(req, order.order_no)
        if callable(action):
            action = action(request_state(req))
        cfrom = CancelStatus(req.status)
        next_cancel_status(cfrom, action, shipped=req.shipped, paid=req.paid)
        if check:
            check(req)
        step = writes.cancel_step(order_state(order), request_state(req), action, data,
                                  operator=operator, at=now)
        hids = write_step(step, order, req)
        if invoice is not None:
            step.advance()  # the invoice's record shows the order as the step left it
            hids += invoices.settle_with_step(order.id, step.order, req.id, invoice,
                                              operator=operator, now=now)
    moved = step.order_to is not None
    return Change(order.id, order.order_no, OrderStatus(order.status) if moved else None,
                  OrderStatus(step.order_to if moved else order.status),
                  step.order_set["version"] if moved else order.version,
                  req.id, cfrom, CancelStatus(step.request_to), hids)


def _return_answers(invoice_returned, goods_intact) -> dict:
    """The two questions of 退貨完成 and 退貨失敗, each answered yes or no."""
    return {"invoice_returned": yes_no(invoice_returned, "invoice_returned"),
            "goods_intact": yes_no(goods_intact, "goods_intact")}


@idempotent
def approve_cancellation(
    request_id: int, cs_number: str, *, money_arrived: bool | None = None, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """通過: to the first needed step — return, else refund, else completed.

    When the order's payment notice was never confirmed, ``money_arrived`` is required: an
    unconfirmed notice is not money received, so False means nothing is owed back."""
    cs = required_text(cs_number, "cs_number")
    data = {"cs_number": cs}

    def check(req):
        if request_state(req).money_unconfirmed:
            data["money_arrived"] = yes_no(money_arrived, "money_arrived")

    return _cancel_act(request_id, CancelAction.APPROVE, operator=operator,
                       expected_version=expected_version, now=now, data=data, check=check)


@idempotent
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


@idempotent
def return_done(
    request_id: int, *, invoice_returned: bool, goods_intact: bool, operator: str,
    invoice: VoidInput | AllowanceInput | None = None,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退貨完成: to refund pending when money was paid, else completed.  ``invoice``: the void
    or allowance of the order's invoice, recorded in the same transaction."""
    return _cancel_act(request_id, CancelAction.RETURN_DONE, operator=operator,
                       expected_version=expected_version, now=now,
                       data=_return_answers(invoice_returned, goods_intact), invoice=invoice)


@idempotent
def return_failed(
    request_id: int, *, invoice_returned: bool, goods_intact: bool, reason: str, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退貨失敗, with the reason."""
    data = _return_answers(invoice_returned, goods_intact)
    data["reason"] = required_text(reason, "reason")
    return _cancel_act(request_id, CancelAction.RETURN_FAILED, operator=operator,
                       expected_version=expected_version, now=now, data=data)


def _refund_amount(amount, req: CancellationRequest) -> int:
    """At most what is still owed: the money received less what was already refunded."""
    outstanding = request_state(req).outstanding
    value = outstanding if amount is None else parse_amount(amount, "amount")
    if value <= 0:
        raise ValidationError("amount", QT_TRANSLATE_NOOP("Errors", "金額必須大於零。"))
    if value > outstanding:
        raise ValidationError(
            "amount", QT_TRANSLATE_NOOP("Errors", "退款金額不能超過尚未退還的已收金額 NT${paid:,}。"),
            paid=outstanding,
        )
    return value


def _check_refund_date(refund_date: date, req) -> date:
    """Not after the shop's today, not before the request's day (the dialog's rule, here so
    that every caller keeps it), not in a closed month."""
    day = checked_refund_date(refund_date, requested_on=local_date(req.requested_at),
                              today=local_date(now_or(None)))
    refuse_closed(day, "refund_date")
    return day


@idempotent
def refund_done(
    request_id: int, *, refund_date: date, amount: int | None, reference: str,
    partial_reason: str | None = None, operator: str,
    invoice: VoidInput | AllowanceInput | None = None, expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """退款成功: date, amount (at most what is still owed; None = all of it), reference (the
    remittance's, or for a card reversal the gateway's transaction or authorisation number).

    Less than what is owed is a partial refund (部分退款): ``partial_reason`` is required, the
    request stays in REFUND_PENDING with the rest outstanding (refunded later, or written
    off: ``write_off``).  ``invoice``: the void or allowance of the order's invoice, recorded
    in the same transaction."""
    refund_date = required_date(refund_date, "refund_date")
    reference = required_text(reference, "reference")
    data = {"refund_date": refund_date, "reference": reference}

    def check(req):
        _check_refund_date(refund_date, req)
        data["amount"] = _refund_amount(amount, req)
        if data["amount"] < request_state(req).outstanding:
            data["reason"] = required_text(partial_reason, "partial_reason")

    def action(state):
        partial = amount is not None and parse_amount(amount, "amount") < state.outstanding
        return CancelAction.REFUND_PARTIAL if partial else CancelAction.REFUND_DONE

    return _cancel_act(request_id, action, operator=operator,
                       expected_version=expected_version, now=now, data=data, check=check,
                       invoice=invoice)


@idempotent
def write_off(
    request_id: int, reason: str, *, operator: str, expected_version: int | None = None,
    now: datetime | None = None,
) -> Change:
    """註銷未退餘額: after a partial refund, the rest is not refunded; the request completes
    with the amount written off and the reason.  A request that owes nothing (a NT$0 order's,
    filed before the refund due was the money received) is completed the same way."""
    reason = required_text(reason, "reason")

    def check(req):
        refuse_closed(local_date(now_or(now)), "reason")  # written off the day it is done
        if not req.refunded_amount and request_state(req).outstanding > 0:
            raise ValidationError("reason", QT_TRANSLATE_NOOP(
                "Errors", "只有部分退款之後才能註銷未退餘額；尚未退款的申請請先退款。"))

    return _cancel_act(request_id, CancelAction.WRITE_OFF, operator=operator,
                       expected_version=expected_version, now=now, data={"reason": reason},
                       check=check)


@idempotent
def correct_account(
    request_id: int, remittance: Remittance, *, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """更正退款帳戶: the payee account of a refund by remittance, corrected (typically after a
    refund failed because of it).  The history keeps the old and the new account."""
    new = remittance.validated()
    after = {"bank_code": new.bank_code, "branch": new.branch,
             "account_number": new.account_number, "account_name": new.account_name}
    data = {"after": after}

    def check(req):
        if not RefundChannel(req.refund_channel).needs_account:
            raise ValidationError("bank_code", QT_TRANSLATE_NOOP(
                "Errors", "信用卡刷退不需要退款帳戶。"))
        data["before"] = {k: getattr(req, k) for k in after}

    return _cancel_act(request_id, CancelAction.CORRECT_ACCOUNT, operator=operator,
                       expected_version=expected_version, now=now, data=data, check=check)


@idempotent
def close_request(
    request_id: int, *, refund: bool, reason: str, operator: str,
    expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """【結案】 (a supervisor's action) of a request whose goods are not coming back (等待退貨,
    退貨失敗): ``refund`` sends it on to the refund without the goods (or completes it when
    nothing was paid); otherwise it is closed without a refund (CLOSED) and the order goes back
    to its status before.  The reason is required."""
    refund = yes_no(refund, "refund")
    reason = required_text(reason, "close_reason")
    action = CancelAction.CLOSE_TO_REFUND if refund else CancelAction.CLOSE_NO_REFUND
    return _cancel_act(request_id, action, operator=operator, expected_version=expected_version,
                       now=now, data={"reason": reason})


@idempotent
def refund_failed(
    request_id: int, *, refund_date: date, amount: int | None, reference: str, reason: str,
    operator: str, expected_version: int | None = None, now: datetime | None = None,
) -> Change:
    """退款失敗: the remittance that was tried (date, amount, reference) and why it failed."""
    refund_date = required_date(refund_date, "refund_date")
    reference = required_text(reference, "reference")
    reason = required_text(reason, "reason")
    data = {"refund_date": refund_date, "reference": reference, "reason": reason}

    def check(req):
        _check_refund_date(refund_date, req)
        data["amount"] = _refund_amount(amount, req)

    return _cancel_act(request_id, CancelAction.REFUND_FAILED, operator=operator,
                       expected_version=expected_version, now=now, data=data, check=check)
