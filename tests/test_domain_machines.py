"""The two state machines of docs/PRODUCT.md §3 and §4, walked exhaustively.

The expected tables are written out here by hand from the spec, not built from the module's
own dicts, so a wrong entry in ``app.domain.machines`` shows up as a failure.
"""

from __future__ import annotations

import itertools

import pytest

from app.domain.errors import TransitionError
from app.domain.machines import (
    next_cancel_status,
    next_order_status,
    order_status_for_request,
)
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus

S = OrderStatus
A = OrderAction
C = CancelStatus
CA = CancelAction

# --- §3, written out by hand -------------------------------------------------------------

OPEN_ORDER_STATUSES = [S.UNPAID, S.PAID, S.AWAITING_SHIPMENT, S.OUT_OF_STOCK, S.COMPLETED]

EXPECTED_ORDER = {
    (S.UNPAID, A.RECORD_PAYMENT): S.PAID,
    (S.PAID, A.CONFIRM_PAYMENT): S.AWAITING_SHIPMENT,
    (S.AWAITING_SHIPMENT, A.SHIP): S.COMPLETED,
    (S.AWAITING_SHIPMENT, A.OUT_OF_STOCK): S.OUT_OF_STOCK,
    (S.OUT_OF_STOCK, A.BACK_TO_AWAITING): S.AWAITING_SHIPMENT,
    # The clerk's 退訂申請 is offered on the out-of-stock tab only.
    (S.OUT_OF_STOCK, A.REQUEST_CANCEL_CLERK): S.CANCELLING,
    # The customer may ask from any open status, a shipped (completed) order included.
    (S.UNPAID, A.REQUEST_CANCEL_CUSTOMER): S.CANCELLING,
    (S.PAID, A.REQUEST_CANCEL_CUSTOMER): S.CANCELLING,
    (S.AWAITING_SHIPMENT, A.REQUEST_CANCEL_CUSTOMER): S.CANCELLING,
    (S.OUT_OF_STOCK, A.REQUEST_CANCEL_CUSTOMER): S.CANCELLING,
    (S.COMPLETED, A.REQUEST_CANCEL_CUSTOMER): S.CANCELLING,
    (S.CANCELLING, A.CANCEL_COMPLETED): S.CANCELLED,
}

#: Cash on delivery (issue 12): accepted unpaid, shipped into IN_DELIVERY, then picked up
#: (paid to the carrier) or brought back uncollected; never a payment notice or confirmation.
EXPECTED_COD = {
    **{pair: to for pair, to in EXPECTED_ORDER.items()
       if pair[1] not in (A.RECORD_PAYMENT, A.CONFIRM_PAYMENT)},
    (S.UNPAID, A.ACCEPT): S.AWAITING_SHIPMENT,
    (S.AWAITING_SHIPMENT, A.SHIP): S.IN_DELIVERY,
    (S.IN_DELIVERY, A.PICKED_UP): S.COMPLETED,
    (S.IN_DELIVERY, A.NOT_COLLECTED): S.CANCELLED,
}

ORDER_ACTIONS = [a for a in OrderAction if a is not A.PLACE]
#: Back to the status before the request: a rejected request, a request closed without refund.
RESTORING = (A.CANCEL_REJECTED, A.CANCEL_CLOSED)
ORDER_PAIRS = list(itertools.product(list(OrderStatus), ORDER_ACTIONS))


def test_the_enums_are_the_ones_the_tables_were_written_for():
    # If a status or an action is added, this file's tables must be revisited.
    assert {s.value for s in OrderStatus} == {
        "UNPAID", "PAID", "AWAITING_SHIPMENT", "OUT_OF_STOCK", "COMPLETED", "CANCELLING", "CANCELLED",
        "IN_DELIVERY",
    }
    assert {a.value for a in OrderAction} == {
        "RECORD_PAYMENT", "CONFIRM_PAYMENT", "SHIP", "OUT_OF_STOCK", "BACK_TO_AWAITING",
        "REQUEST_CANCEL_CLERK", "REQUEST_CANCEL_CUSTOMER", "CANCEL_REJECTED", "CANCEL_COMPLETED",
        "CANCEL_CLOSED", "PLACE", "ACCEPT", "PICKED_UP", "NOT_COLLECTED",
    }
    assert {s.value for s in CancelStatus} == {
        "PENDING_REVIEW", "AWAITING_RETURN", "RETURN_FAILED", "REFUND_PENDING", "REFUND_FAILED",
        "COMPLETED", "REJECTED", "CLOSED",
    }
    assert {a.value for a in CancelAction} == {
        "APPROVE", "REJECT", "RETURN_DONE", "RETURN_FAILED", "REFUND_DONE", "REFUND_FAILED", "FILE",
        "REFUND_PARTIAL", "WRITE_OFF", "CORRECT_ACCOUNT", "CLOSE_TO_REFUND", "CLOSE_NO_REFUND",
    }


def _assert_refused(excinfo, status, action):
    err = excinfo.value
    text = str(err)
    assert status.label in text, text
    assert action.label in text, text
    assert err.status == status.value
    assert err.action == action.value


@pytest.mark.parametrize("cod", [False, True], ids=["paid-first", "cod"])
@pytest.mark.parametrize(("status", "action"), ORDER_PAIRS, ids=lambda v: v.value)
def test_every_order_pair(status, action, cod):
    expected = EXPECTED_COD if cod else EXPECTED_ORDER
    if action in RESTORING:
        # Back to restore_to, the status before the request; only from CANCELLING.
        for restore_to in OPEN_ORDER_STATUSES:
            if status is S.CANCELLING:
                assert next_order_status(status, action, restore_to=restore_to, cod=cod) is restore_to
            else:
                with pytest.raises(TransitionError) as excinfo:
                    next_order_status(status, action, restore_to=restore_to, cod=cod)
                _assert_refused(excinfo, status, action)
    elif (status, action) in expected:
        assert next_order_status(status, action, cod=cod) is expected[(status, action)]
    else:
        with pytest.raises(TransitionError) as excinfo:
            next_order_status(status, action, cod=cod)
        _assert_refused(excinfo, status, action)


def test_order_pair_count_sanity():
    # 8 statuses x 13 actions; 12 allowed plain moves (13 for a COD order: no notice or
    # confirmation, but accept, picked up and not collected) plus the restoring actions' 5 each.
    assert len(ORDER_PAIRS) == 104
    assert sum(1 for p in ORDER_PAIRS if p in EXPECTED_ORDER) == 12
    assert sum(1 for p in ORDER_PAIRS if p in EXPECTED_COD) == 13


@pytest.mark.parametrize("action", RESTORING, ids=str)
@pytest.mark.parametrize("restore_to", OPEN_ORDER_STATUSES, ids=lambda v: v.value)
def test_cancel_rejected_returns_to_exactly_the_status_before(restore_to, action):
    assert next_order_status(S.CANCELLING, action, restore_to=restore_to) is restore_to


@pytest.mark.parametrize("action", RESTORING, ids=str)
@pytest.mark.parametrize("restore_to", [S.CANCELLING, S.CANCELLED, None], ids=str)
def test_cancel_rejected_refuses_a_restore_that_is_not_an_open_status(restore_to, action):
    with pytest.raises(TransitionError) as excinfo:
        next_order_status(S.CANCELLING, action, restore_to=restore_to)
    _assert_refused(excinfo, S.CANCELLING, action)


@pytest.mark.parametrize("action", RESTORING, ids=str)
@pytest.mark.parametrize("status", [s for s in OrderStatus if s is not S.CANCELLING], ids=str)
@pytest.mark.parametrize("restore_to", OPEN_ORDER_STATUSES + [None], ids=str)
def test_cancel_rejected_only_from_cancelling(status, restore_to, action):
    with pytest.raises(TransitionError) as excinfo:
        next_order_status(status, action, restore_to=restore_to)
    _assert_refused(excinfo, status, action)


def test_restore_to_is_ignored_by_other_actions():
    assert next_order_status(S.UNPAID, A.RECORD_PAYMENT, restore_to=S.COMPLETED) is S.PAID


def test_plain_strings_are_accepted():
    assert next_order_status("UNPAID", "RECORD_PAYMENT") == "PAID"
    assert next_order_status("CANCELLING", "CANCEL_REJECTED", restore_to="OUT_OF_STOCK") == (
        "OUT_OF_STOCK"
    )


def test_clerk_request_only_from_out_of_stock():
    for status in OrderStatus:
        if status is S.OUT_OF_STOCK:
            assert next_order_status(status, A.REQUEST_CANCEL_CLERK) is S.CANCELLING
        else:
            with pytest.raises(TransitionError):
                next_order_status(status, A.REQUEST_CANCEL_CLERK)


def test_nothing_leaves_cancelled():
    for action in OrderAction:
        with pytest.raises(TransitionError):
            next_order_status(S.CANCELLED, action, restore_to=S.UNPAID)


def test_place_is_never_a_move():
    for status in OrderStatus:
        with pytest.raises(TransitionError):
            next_order_status(status, A.PLACE)


# --- §4, written out by hand -------------------------------------------------------------


def expected_cancel(status, action, *, shipped, paid):
    """The cancellation table of docs/PRODUCT.md §4; None when the pair is refused."""
    if (status, action) == (C.PENDING_REVIEW, CA.APPROVE):
        if shipped:
            return C.AWAITING_RETURN
        return C.REFUND_PENDING if paid else C.COMPLETED
    if (status, action) == (C.PENDING_REVIEW, CA.REJECT):
        return C.REJECTED
    if action is CA.RETURN_DONE and status in (C.AWAITING_RETURN, C.RETURN_FAILED):
        return C.REFUND_PENDING if paid else C.COMPLETED
    # 【結案】 of a stuck return (issue 19): on to the refund, or closed without one.
    if action is CA.CLOSE_TO_REFUND and status in (C.AWAITING_RETURN, C.RETURN_FAILED):
        return C.REFUND_PENDING if paid else C.COMPLETED
    if action is CA.CLOSE_NO_REFUND and status in (C.AWAITING_RETURN, C.RETURN_FAILED):
        return C.CLOSED
    # A partial refund keeps the rest due; the rest can be written off.
    if action is CA.REFUND_PARTIAL and status in (C.REFUND_PENDING, C.REFUND_FAILED):
        return C.REFUND_PENDING
    if action is CA.WRITE_OFF and status in (C.REFUND_PENDING, C.REFUND_FAILED):
        return C.COMPLETED
    # Correcting the payee account changes no status.
    if action is CA.CORRECT_ACCOUNT and status in (C.REFUND_PENDING, C.REFUND_FAILED):
        return status
    if (status, action) == (C.AWAITING_RETURN, CA.RETURN_FAILED):
        return C.RETURN_FAILED
    if action is CA.REFUND_DONE and status in (C.REFUND_PENDING, C.REFUND_FAILED):
        return C.COMPLETED
    if (status, action) == (C.REFUND_PENDING, CA.REFUND_FAILED):
        return C.REFUND_FAILED
    return None


CANCEL_ACTIONS = [a for a in CancelAction if a is not CA.FILE]
FLAGS = [(False, False), (False, True), (True, False), (True, True)]
CANCEL_CASES = [
    (s, a, shipped, paid)
    for s in CancelStatus
    for a in CANCEL_ACTIONS
    for (shipped, paid) in FLAGS
]


@pytest.mark.parametrize(
    ("status", "action", "shipped", "paid"),
    CANCEL_CASES,
    ids=lambda v: v.value if hasattr(v, "value") else str(v),
)
def test_every_cancel_pair(status, action, shipped, paid):
    expected = expected_cancel(status, action, shipped=shipped, paid=paid)
    if expected is not None:
        assert next_cancel_status(status, action, shipped=shipped, paid=paid) is expected
    else:
        with pytest.raises(TransitionError) as excinfo:
            next_cancel_status(status, action, shipped=shipped, paid=paid)
        _assert_refused(excinfo, status, action)


def test_cancel_case_count_sanity():
    assert len(CANCEL_CASES) == 8 * 11 * 4
    allowed = {(s, a) for (s, a, sh, pd) in CANCEL_CASES if expected_cancel(s, a, shipped=sh, paid=pd)}
    assert len(allowed) == 18


def test_approve_examples_from_the_manual():
    # Shipped and paid: goods first.
    assert next_cancel_status(C.PENDING_REVIEW, CA.APPROVE, shipped=True, paid=True) is C.AWAITING_RETURN
    # Paid, not shipped: straight to the refund.
    assert next_cancel_status(C.PENDING_REVIEW, CA.APPROVE, shipped=False, paid=True) is C.REFUND_PENDING
    # Neither: done at once.
    assert next_cancel_status(C.PENDING_REVIEW, CA.APPROVE, shipped=False, paid=False) is C.COMPLETED


def test_file_is_never_a_move():
    for status in CancelStatus:
        for shipped, paid in FLAGS:
            with pytest.raises(TransitionError):
                next_cancel_status(status, CA.FILE, shipped=shipped, paid=paid)


def test_terminal_request_statuses_allow_nothing():
    for status in (C.COMPLETED, C.REJECTED, C.CLOSED):
        for action in CancelAction:
            for shipped, paid in FLAGS:
                with pytest.raises(TransitionError):
                    next_cancel_status(status, action, shipped=shipped, paid=paid)


# --- the order's status while its request is in each status ------------------------------


@pytest.mark.parametrize("before", OPEN_ORDER_STATUSES, ids=str)
def test_order_status_for_request(before):
    for status in (C.PENDING_REVIEW, C.AWAITING_RETURN, C.RETURN_FAILED, C.REFUND_PENDING,
                   C.REFUND_FAILED):
        assert order_status_for_request(status, before) is S.CANCELLING
    assert order_status_for_request(C.COMPLETED, before) is S.CANCELLED
    assert order_status_for_request(C.REJECTED, before) is before
    assert order_status_for_request(C.CLOSED, before) is before


def test_labels_exist_for_everything():
    for member in [*OrderStatus, *CancelStatus, *OrderAction, *CancelAction]:
        assert member.label and isinstance(member.label, str)
