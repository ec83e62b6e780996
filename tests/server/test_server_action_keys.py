"""Issue 15 items 2 and 3 on both servers: an action called with an idempotency key whose
connection is terminated around its COMMIT answers truthfully — the answer it reports is what
the database holds, saved once — and a key repeated writes nothing.

The scenarios of ``tests/test_action_keys.py`` (every action repeated, two callers with one
key) run on both servers through ``tests/server_actions/``.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from server_db import backend_id, terminate_backend
from test_action_keys import AT, NOTICE, REMIT, SHIPMENT, WHO, T, awaiting, paid, requested
from test_server_idempotency import _drop_at_commit
from test_server_people import staff  # noqa: F401 - a fixture

from app.domain.errors import ServerUnavailableError
from app.domain.inputs import CancellationInput
from app.models.proxy import database
from app.models.tables import ActionKey, CancellationRequest, Order, StatusHistory
from app.services import cancellations as cs
from app.services import orders as svc

pytestmark = pytest.mark.usefixtures("desk_in_taipei")


def _records(order_id: int, action: str) -> list[int]:
    return [h.id for h in StatusHistory.select().where(
        (StatusHistory.order == order_id) & (StatusHistory.action == action))
        .order_by(StatusHistory.id)]


def _confirm(place):
    oid = paid(place)
    return oid, lambda k: svc.confirm_payment(oid, operator=WHO, now=T(2), op_key=k)


def _approve(place):
    rid = requested(place)
    oid = CancellationRequest.get_by_id(rid).order_id
    return oid, lambda k: cs.approve_cancellation(rid, "CS-1", operator=WHO, now=T(5), op_key=k)


#: (the action, how to reach it, the history action its first record is).
STEPS = {"confirm_payment": (_confirm, "CONFIRM_PAYMENT"), "approve_cancellation": (_approve, "APPROVE")}


@pytest.mark.parametrize("step", STEPS)
@pytest.mark.parametrize("saved", [True, False], ids=["saved", "not-saved"])
def test_an_uncertain_commit_with_a_key_is_answered_truthfully(server_kind, db, place,
                                                               monkeypatch, step, saved):
    """The connection drops at COMMIT — after the server committed (only the answer lost), or
    before the COMMIT reached it: the service reconnects, looks the key up and answers the
    saved action, or runs it again; either way it is saved once and the answer is the
    database's."""
    reach, action = STEPS[step]
    oid, call = reach(place)
    op_key = uuid.uuid4().hex
    commits = _drop_at_commit(monkeypatch, db, server_kind, saved=saved)
    change = call(op_key)
    monkeypatch.undo()
    assert len(commits) == (1 if saved else 2)  # not saved: run again on a new connection
    ids = _records(oid, action)
    assert len(ids) == 1  # saved once
    assert change.history_ids[0] == ids[0]
    assert StatusHistory.get_by_id(ids[0]).op_key == op_key
    order = Order.get_by_id(oid)
    assert (change.order_id, change.order_to, change.order_version) == (oid, order.status, order.version)
    assert call(op_key) == change  # and asked again: the same answer, nothing written
    assert len(_records(oid, action)) == 1


def test_an_uncertain_commit_that_cannot_be_looked_up_says_a_retry_is_safe(server_kind, db, place,
                                                                           monkeypatch):
    """The server stays away after the dropped COMMIT: the clerk is told it is not known
    whether it was saved and that trying again is safe; trying again once it is back answers
    the saved action."""
    from server_db import refuse_connections

    oid, call = _confirm(place)
    op_key = uuid.uuid4().hex
    real = type(db).commit

    def commit_then_away(self):
        real(self)  # saved …
        terminate_backend(server_kind, backend_id(server_kind))
        refuse_connections(monkeypatch, db, server_kind)  # … and the server is unreachable
        raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN)

    monkeypatch.setattr(type(db), "commit", commit_then_away)
    with pytest.raises(ServerUnavailableError) as err:
        call(op_key)
    monkeypatch.undo()
    assert err.value.reason == ServerUnavailableError.UNCERTAIN and err.value.retryable
    assert "不會重複儲存" in err.value.message()
    change = call(op_key)  # 重試, the server back
    assert len(_records(oid, "CONFIRM_PAYMENT")) == 1
    assert change.history_ids[0] == _records(oid, "CONFIRM_PAYMENT")[0]


@pytest.mark.parametrize("saved", [True, False], ids=["saved", "not-saved"])
def test_a_keyed_bulk_chunk_whose_commit_drops_is_answered_truthfully(server_kind, db, place,
                                                                     monkeypatch, saved):
    """``bulk_action`` with a key per order, the chunk's connection dropping at its COMMIT
    (after the server committed, or before): the chunk's keys are looked up on a new
    connection — saved, its outcomes stand; not saved, it runs again — so every order is
    confirmed once, its first record carrying its key, and each outcome is what the database
    holds; the same selection again answers the same and writes nothing."""
    from app.domain.statuses import OrderAction

    ids = [paid(place) for _ in range(3)]
    items = [(oid, None, None, uuid.uuid4().hex) for oid in ids]
    commits = _drop_at_commit(monkeypatch, db, server_kind, saved=saved)
    out = svc.bulk_action(OrderAction.CONFIRM_PAYMENT, items, operator=WHO, now=T(2))
    monkeypatch.undo()
    assert len(commits) == (1 if saved else 2)  # not saved: run again on a new connection
    assert [o.ok for o in out] == [True, True, True]
    for (oid, _v, _x, op_key), o in zip(items, out, strict=True):
        records = _records(oid, "CONFIRM_PAYMENT")
        assert records == list(o.change.history_ids)  # saved once
        assert StatusHistory.get_by_id(records[0]).op_key == op_key
        order = Order.get_by_id(oid)
        assert (o.change.order_to, o.change.order_version) == (order.status, order.version)
    assert ActionKey.select().count() == 3
    rows = StatusHistory.select().count()
    again = svc.bulk_action(OrderAction.CONFIRM_PAYMENT, items, operator=WHO, now=T(3))
    assert [o.change for o in again] == [o.change for o in out]
    assert StatusHistory.select().count() == rows


#: Where the backend is terminated, cycled over the calls: none, between two calls, inside the
#: transaction (before it writes), at COMMIT after the server committed, at COMMIT before.
MODES = ("none", "between", "inside", "after-commit", "before-commit")


def test_backends_terminated_around_commits_every_reported_outcome_matches_the_database(
        server_kind, db, place, monkeypatch):
    """Orders confirmed, shipped and their cancellations filed with keys while the backend is
    terminated at every point around the COMMIT in turn: each call reports an answer (no raw
    error, nothing uncertain), each answer is what the database holds, each action saved once;
    every call repeated with its key answers the same and writes nothing."""
    from app.services.common import write_step as real_step

    calls = []  # (order id, history action, the call with its key bound)
    for i in range(len(MODES) * 2):
        oid = awaiting(place) if i % 2 else paid(place)
        if i % 2:
            calls.append((oid, "SHIP", lambda k, o=oid: svc.ship(
                o, SHIPMENT, operator=WHO, now=T(26), today=date(2026, 11, 3), op_key=k)))
        else:
            calls.append((oid, "CONFIRM_PAYMENT", lambda k, o=oid: svc.confirm_payment(
                o, operator=WHO, now=T(2), op_key=k)))
    oid = place()
    calls.append((oid, "REQUEST_CANCEL_CUSTOMER", lambda k, o=oid: cs.request_cancellation(
        o, CancellationInput("不要了", REMIT), operator=WHO, by=cs.CUSTOMER, op_key=k)))

    real_commit = type(db).commit
    reported = []
    for n, (oid, action, call) in enumerate(calls):
        mode = MODES[n % len(MODES)]
        if mode == "between":
            terminate_backend(server_kind, backend_id(server_kind))
        elif mode == "inside":
            tries = []

            def inside(*args, _tries=tries, **kwargs):
                _tries.append(1)
                if len(_tries) == 1:  # its connection ends before it writes
                    terminate_backend(server_kind, backend_id(server_kind))
                return real_step(*args, **kwargs)

            for module in (svc, cs):
                monkeypatch.setattr(module, "write_step", inside)
        elif mode in ("after-commit", "before-commit"):
            _drop_at_commit(monkeypatch, db, server_kind, saved=mode == "after-commit")
        op_key = uuid.uuid4().hex
        change = call(op_key)  # any error fails the test: none may reach the caller
        monkeypatch.undo()
        assert type(db).commit is real_commit
        reported.append((oid, action, op_key, change))

    for oid, action, op_key, change in reported:
        ids = _records(oid, action)
        assert len(ids) == 1, (action, oid)  # saved once
        assert change.history_ids[0] == ids[0]
        assert StatusHistory.get_by_id(ids[0]).op_key == op_key
        order = Order.get_by_id(oid)
        assert (change.order_to, change.order_version) == (order.status, order.version)
    assert ActionKey.select().count() == len(reported)
    rows = StatusHistory.select().count()
    for (_oid, _action, call), (_o, _a, op_key, change) in zip(calls, reported, strict=True):
        assert call(op_key) == change
    assert StatusHistory.select().count() == rows


def test_a_clerks_login_acts_with_keys_and_cannot_rewrite_an_answer(server_db, staff, place):  # noqa: F811
    """The desks' logins keep answers (INSERT on ``action_key``) and read them, and the
    database refuses them any change of one (append-only, like the history)."""
    import peewee
    from test_server_people import signed_in

    from app.services import clerk_edits

    oid = place(order_date=AT)
    with signed_in(server_db, staff["clerk"]):
        first = svc.record_payment_notice(oid, NOTICE, operator=WHO, now=T(1), op_key="clerk-1")
        assert svc.record_payment_notice(oid, NOTICE, operator=WHO, now=T(1),
                                         op_key="clerk-1") == first
        note = clerk_edits.add_note(oid, "客人來電", operator=WHO, op_key="clerk-2")
        with pytest.raises(peewee.DatabaseError):
            with database.obj.atomic():
                ActionKey.update(answer="{}").where(ActionKey.op_key == "clerk-1").execute()
    assert [k.op_key for k in ActionKey.select().order_by(ActionKey.id)] == ["clerk-1", "clerk-2"]
    assert StatusHistory.get_by_id(note.history_ids[0]).op_key == "clerk-2"
    assert len(_records(oid, "RECORD_PAYMENT")) == 1
