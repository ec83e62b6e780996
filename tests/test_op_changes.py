"""OpChanges: what one announcement says a user action touched."""

import pytest

from app.services.common import Change
from app.services.op_changes import PAYMENT, SHIPPING, OpChanges, merge


def test_of_a_change_takes_its_statuses_and_history():
    change = Change(7, "O1", "PAID", "AWAITING_SHIPMENT", 3, 11, "PENDING_REVIEW", "REFUND_PENDING",
                    history_ids=(40, 41))
    c = OpChanges.of(change)
    assert c.order_statuses == {"PAID", "AWAITING_SHIPMENT"}
    assert c.cancel_statuses == {"PENDING_REVIEW", "REFUND_PENDING"}
    assert c.history_ids == (40, 41)
    assert not (c.everything or c.imported or c.methods or c.reloads_lists)


def test_merge_unites_every_field():
    a = OpChanges(order_statuses=frozenset({"UNPAID", "PAID"}), history_ids=(1,))
    b = OpChanges(cancel_statuses=frozenset({"COMPLETED"}), history_ids=(2,))
    m = merge([a, b, OpChanges.of_methods(PAYMENT), OpChanges.of_import()])
    assert m == OpChanges(frozenset({"UNPAID", "PAID"}), frozenset({"COMPLETED"}), frozenset({PAYMENT}),
                          imported=True, history_ids=(1, 2))
    assert m.reloads_lists and not m.everything
    assert merge([]) == OpChanges()
    assert merge([a, OpChanges.all()]).everything


def test_everything_is_explicit_and_kinds_are_checked():
    assert OpChanges.all().reloads_lists and OpChanges.all() != OpChanges()
    assert OpChanges.of_methods(SHIPPING).methods == {SHIPPING}
    with pytest.raises(ValueError):
        OpChanges(methods=frozenset({"delivery"}))
