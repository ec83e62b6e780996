"""Issue 15 item 2: every action takes an idempotency key (``op_key``, a client-made id).
The same key again writes nothing and answers what the first call answered — even after the
order has moved on — the first history record carries the key, and two callers with one key
write once.  Issue 15 item 3 on SQLite: a write that waits out the busy timeout is the domain
error, never the driver's "database is locked".  The server tests import these."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import date, datetime, timedelta

import pytest
from db_rows import order_row

from app.domain import invoice as inv
from app.domain.clerk_edits import DeliveryInput
from app.domain.errors import ServerUnavailableError, TransitionError, ValidationError
from app.domain.inputs import CancellationInput, Remittance, ShipInput
from app.domain.inputs import PaymentNotice as Notice
from app.domain.invoice import AllowanceInput, InvoiceInput, VoidInput
from app.domain.remittance import RemittanceInput
from app.models.proxy import database, is_sqlite
from app.models.tables import (
    ActionKey,
    CancellationRequest,
    Invoice,
    MethodHistory,
    PaymentMethod,
    ShopHistory,
    StatusHistory,
)
from app.services import cancellations as cs
from app.services import clerk_edits as ce
from app.services import invoices as invs
from app.services import ledger, methods, shop_clock
from app.services import orders as svc
from app.services import remittances as rm

AT = datetime(2026, 11, 2, 2, 0)  # UTC: 10:00 in Taipei
TOTAL = 820
NOTICE = Notice(date(2026, 11, 2), TOTAL, "12345")
SHIPMENT = ShipInput(date(2026, 11, 3), "黑貓宅急便", "TW-0001")
REMIT = Remittance("812", "台北分行", "1234-5678-9012", "王小明")
WHO = "店員甲"

pytestmark = pytest.mark.usefixtures("desk_in_taipei")


def T(hours: float) -> datetime:  # noqa: N802 - a clock, read as "time + n hours"
    return AT + timedelta(hours=hours)


def key() -> str:
    return uuid.uuid4().hex


# --- reaching each action's status -----------------------------------------------------------


def paid(place) -> int:
    oid = place(order_date=AT)
    svc.record_payment_notice(oid, NOTICE, operator=WHO, now=T(1))
    return oid


def awaiting(place) -> int:
    oid = paid(place)
    svc.confirm_payment(oid, operator=WHO, now=T(2))
    return oid


def out_of_stock(place) -> int:
    oid = awaiting(place)
    svc.mark_out_of_stock(oid, "缺貨", operator=WHO, now=T(3))
    return oid


def requested(place) -> int:
    """An out-of-stock paid order's pending cancellation request (by the clerk): its id."""
    oid = out_of_stock(place)
    return cs.request_cancellation(oid, CancellationInput("不要了", REMIT), operator=WHO,
                                   now=T(4)).cancellation_id


def refund_pending(place) -> int:
    rid = requested(place)
    cs.approve_cancellation(rid, "CS-1", operator=WHO, now=T(5))
    return rid


def shipped_and_returning(place) -> int:
    """A shipped order's approved request waiting for the goods (等待退貨)."""
    oid = awaiting(place)
    svc.ship(oid, SHIPMENT, operator=WHO, now=T(26), today=date(2026, 11, 3))
    rid = cs.request_cancellation(oid, CancellationInput("不要了", REMIT), operator=WHO,
                                  by=cs.CUSTOMER, now=T(27)).cancellation_id
    cs.approve_cancellation(rid, "CS-1", operator=WHO, now=T(28))
    return rid


def cod_order(place, shop) -> int:
    cod = PaymentMethod.create(title="貨到付款", position=3, refund_channel="cod")
    return place(order_date=AT, payment=cod)


def in_delivery(place, shop) -> int:
    oid = cod_order(place, shop)
    svc.accept_order(oid, operator=WHO, now=T(1))
    svc.ship(oid, SHIPMENT, operator=WHO, now=T(26), today=date(2026, 11, 3))
    return oid


def picked_up(place, shop) -> int:
    oid = in_delivery(place, shop)
    svc.picked_up(oid, date(2026, 11, 5), operator=WHO, now=T(80), today=date(2026, 11, 5))
    return oid


def invoiced(place) -> int:
    oid = awaiting(place)
    return invs.record_invoice(oid, _invoice(), operator=WHO).history_ids and Invoice.get(
        Invoice.order == oid).id


def _invoice() -> InvoiceInput:
    return InvoiceInput("AB12345678", date(2026, 11, 3), inv.B2C, TOTAL, inv.MOBILE, "/ABC+123")


# --- every action: (name, setup(place, shop) -> call(op_key)) ---------------------------------

ACTIONS = {
    "record_payment_notice": lambda place, shop: (
        lambda oid: lambda k: svc.record_payment_notice(oid, NOTICE, operator=WHO, now=T(1),
                                                        op_key=k))(place(order_date=AT)),
    "confirm_payment": lambda place, shop: (
        lambda oid: lambda k: svc.confirm_payment(oid, operator=WHO, now=T(2), op_key=k))(
        paid(place)),
    "ship": lambda place, shop: (
        lambda oid: lambda k: svc.ship(oid, SHIPMENT, operator=WHO, now=T(26),
                                       today=date(2026, 11, 3), op_key=k))(awaiting(place)),
    "mark_out_of_stock": lambda place, shop: (
        lambda oid: lambda k: svc.mark_out_of_stock(oid, "缺貨", operator=WHO, now=T(3),
                                                    op_key=k))(awaiting(place)),
    "back_to_awaiting_shipment": lambda place, shop: (
        lambda oid: lambda k: svc.back_to_awaiting_shipment(oid, operator=WHO, now=T(5),
                                                            op_key=k))(out_of_stock(place)),
    "accept_order": lambda place, shop: (
        lambda oid: lambda k: svc.accept_order(oid, operator=WHO, now=T(1), op_key=k))(
        cod_order(place, shop)),
    "picked_up": lambda place, shop: (
        lambda oid: lambda k: svc.picked_up(oid, date(2026, 11, 5), operator=WHO, now=T(80),
                                            today=date(2026, 11, 5), op_key=k))(
        in_delivery(place, shop)),
    "not_collected": lambda place, shop: (
        lambda oid: lambda k: svc.not_collected(oid, "沒人取", operator=WHO, now=T(80),
                                                op_key=k))(in_delivery(place, shop)),
    "request_cancellation": lambda place, shop: (
        lambda oid: lambda k: cs.request_cancellation(oid, CancellationInput("不要了", REMIT),
                                                      operator=WHO, now=T(4), op_key=k))(
        out_of_stock(place)),
    "approve_cancellation": lambda place, shop: (
        lambda rid: lambda k: cs.approve_cancellation(rid, "CS-1", operator=WHO, now=T(5),
                                                      op_key=k))(requested(place)),
    "reject_cancellation": lambda place, shop: (
        lambda rid: lambda k: cs.reject_cancellation(rid, "CS-1", "已出貨", operator=WHO,
                                                     now=T(5), op_key=k))(requested(place)),
    "return_done": lambda place, shop: (
        lambda rid: lambda k: cs.return_done(rid, invoice_returned=True, goods_intact=True,
                                             operator=WHO, now=T(30), op_key=k))(
        shipped_and_returning(place)),
    "return_failed": lambda place, shop: (
        lambda rid: lambda k: cs.return_failed(rid, invoice_returned=False, goods_intact=False,
                                               reason="沒收到", operator=WHO, now=T(30),
                                               op_key=k))(shipped_and_returning(place)),
    "close_request": lambda place, shop: (
        lambda rid: lambda k: cs.close_request(rid, refund=False, reason="不退", operator=WHO,
                                               now=T(30), op_key=k))(shipped_and_returning(place)),
    "refund_done": lambda place, shop: (
        lambda rid: lambda k: cs.refund_done(rid, refund_date=date(2026, 11, 3), amount=None,
                                             reference="TX-1", operator=WHO, now=T(30),
                                             op_key=k))(refund_pending(place)),
    "refund_failed": lambda place, shop: (
        lambda rid: lambda k: cs.refund_failed(rid, refund_date=date(2026, 11, 3), amount=None,
                                               reference="TX-1", reason="帳號錯誤", operator=WHO,
                                               now=T(30), op_key=k))(refund_pending(place)),
    "correct_account": lambda place, shop: (
        lambda rid: lambda k: cs.correct_account(rid, Remittance("700", "郵局", "00012345678901",
                                                                 "王小明"),
                                                 operator=WHO, now=T(30), op_key=k))(
        refund_pending(place)),
    "write_off": lambda place, shop: (
        lambda rid: (cs.refund_done(rid, refund_date=date(2026, 11, 3), amount=500,
                                    reference="TX-1", partial_reason="先退一半", operator=WHO,
                                    now=T(30)),
                     lambda k: cs.write_off(rid, "其餘不退", operator=WHO, now=T(31),
                                            op_key=k))[1])(refund_pending(place)),
    "add_note": lambda place, shop: (
        lambda oid: lambda k: ce.add_note(oid, "客人來電", operator=WHO, now=T(1), op_key=k))(
        place(order_date=AT)),
    "edit_delivery": lambda place, shop: (
        lambda oid: lambda k: ce.edit_delivery(oid, DeliveryInput("王大明", "0911222333", "台中市"),
                                               operator=WHO, now=T(1), op_key=k))(
        place(order_date=AT)),
    "record_invoice": lambda place, shop: (
        lambda oid: lambda k: invs.record_invoice(oid, _invoice(), operator=WHO, op_key=k))(
        awaiting(place)),
    "void_invoice": lambda place, shop: (
        lambda iid: lambda k: invs.void_invoice(iid, VoidInput(date(2026, 11, 4), "開錯"),
                                                operator=WHO, op_key=k))(invoiced(place)),
    "issue_allowance": lambda place, shop: (
        lambda iid: lambda k: invs.issue_allowance(iid, AllowanceInput("AL-1", date(2026, 11, 4),
                                                                       100),
                                                   operator=WHO, op_key=k))(invoiced(place)),
    "set_issue_at": lambda place, shop: lambda k: invs.set_issue_at(invs.AT_SHIPMENT, operator=WHO,
                                                                    op_key=k),
    "set_shop_zone": lambda place, shop: lambda k: shop_clock.set_shop_zone("Asia/Taipei", operator=WHO,
                                                                            op_key=k),
    "record_vat_filing": lambda place, shop: lambda k: invs.record_vat_filing(
        "2026-07/08", filed_on=date(2026, 9, 10), operator=WHO, op_key=k),
    "record_remittance": lambda place, shop: (
        lambda oid: lambda k: rm.record_remittance(
            RemittanceInput("黑貓宅急便", date(2026, 11, 10), 800, 20, "TCAT-1"), [oid],
            operator=WHO, now=T(200), today=date(2026, 11, 20), op_key=k))(picked_up(place, shop)),
    "add_payment_method": lambda place, shop: lambda k: methods.add_payment_method(
        methods.PaymentMethodInput("LINE Pay"), operator=WHO, op_key=k),
    "edit_payment_method": lambda place, shop: lambda k: methods.edit_payment_method(
        shop["atm"].id, methods.PaymentMethodInput("ATM", "轉帳"), operator=WHO,
        expected_version=shop["atm"].version, op_key=k),
    "delete_shipping_methods": lambda place, shop: lambda k: methods.delete_shipping_methods(
        [shop["post"].id], operator=WHO, op_key=k),
    "move_payment_method": lambda place, shop: lambda k: methods.move_payment_method(
        shop["card"].id, -1, operator=WHO, op_key=k),
    "close_month": lambda place, shop: lambda k: ledger.close_month("2026-09", operator=WHO,
                                                                    op_key=k),
    "reopen_month": lambda place, shop: (
        ledger.close_month("2026-08", operator=WHO),
        lambda k: ledger.reopen_month("2026-08", "補登", operator=WHO, op_key=k))[1],
}


def keyed_records(op_key: str) -> list:
    """The history records carrying ``op_key``, of every history table."""
    return [r for model in (StatusHistory, MethodHistory, ShopHistory)
            for r in model.select().where(model.op_key == op_key)]


def counts() -> dict:
    return {m.__name__: m.select().count() for m in (StatusHistory, MethodHistory, ShopHistory,
                                                      ActionKey, CancellationRequest, Invoice)}


@pytest.mark.parametrize("name", ACTIONS)
def test_every_action_repeated_with_its_key_writes_once_and_answers_the_same(name, place, shop):
    call = ACTIONS[name](place, shop)
    op_key = key()
    first = call(op_key)
    before = counts()
    assert call(op_key) == first
    assert counts() == before  # nothing written again
    records = keyed_records(op_key)
    no_history = name in ("set_issue_at", "set_shop_zone", "record_vat_filing")
    assert len(records) == (0 if no_history else 1)  # the action's first record
    if records and hasattr(first, "history_ids") and first.history_ids:
        assert records[0].id == first.history_ids[0]
    assert ActionKey.select().where(ActionKey.op_key == op_key).count() == 1


def test_the_same_key_answers_the_first_answer_after_the_order_moved_on(place):
    oid = paid(place)
    op_key = key()
    first = svc.confirm_payment(oid, operator=WHO, now=T(2), op_key=op_key)
    svc.ship(oid, SHIPMENT, operator=WHO, now=T(26), today=date(2026, 11, 3))
    assert svc.confirm_payment(oid, operator=WHO, now=T(2), op_key=op_key) == first
    assert order_row(oid).status == "COMPLETED"
    assert [h.action for h in StatusHistory.select().where(StatusHistory.order == oid)
            .order_by(StatusHistory.id)] == ["PLACE", "RECORD_PAYMENT", "CONFIRM_PAYMENT", "SHIP"]
    # without a key, the same call is refused as before: the order is no longer PAID
    with pytest.raises(TransitionError):
        svc.confirm_payment(oid, operator=WHO, now=T(2))


def test_a_refused_action_keeps_nothing_under_its_key(place):
    oid = place(order_date=AT)
    op_key = key()
    with pytest.raises(TransitionError):
        svc.confirm_payment(oid, operator=WHO, op_key=op_key)
    assert ActionKey.select().count() == 0
    svc.record_payment_notice(oid, NOTICE, operator=WHO, now=T(1))
    assert svc.confirm_payment(oid, operator=WHO, now=T(2), op_key=op_key).order_to == "AWAITING_SHIPMENT"


def test_a_key_is_checked_like_any_text(place):
    oid = place(order_date=AT)
    for bad in ("x" * 65, "   ", "a\x00b"):
        with pytest.raises(ValidationError) as err:
            svc.confirm_payment(oid, operator=WHO, op_key=bad)
        assert err.value.field == "op_key"
    assert ActionKey.select().count() == 0


def test_two_callers_with_one_key_write_once(place, db):
    """Two threads, each its own connection, call with one key at once: one writes, the other
    answers the same, neither gets an error."""
    oid = paid(place)
    op_key = key()
    answers, errors = [], []
    start = threading.Barrier(2)

    def call():
        try:
            start.wait(10)
            answers.append(cs.request_cancellation(oid, CancellationInput("不要了", REMIT),
                                                   operator=WHO, by=cs.CUSTOMER, now=T(4),
                                                   op_key=op_key))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            database.obj.close()  # this thread's connection

    threads = [threading.Thread(target=call) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(answers) == 2 and answers[0] == answers[1]
    assert CancellationRequest.select().count() == 1
    assert len(keyed_records(op_key)) == 1


# --- SQLite: the write lock held by another connection ------------------------------------


def test_a_write_behind_a_held_lock_is_the_domain_error_not_database_is_locked(place, db, tmp_path):
    if not is_sqlite(db):
        pytest.skip("SQLite's file lock")
    oid = place(order_date=AT)
    other = sqlite3.connect(db.database, timeout=0.1, isolation_level=None)
    db.execute_sql("PRAGMA busy_timeout = 200")
    other.execute("BEGIN IMMEDIATE")  # an import holding the write lock
    try:
        with pytest.raises(ServerUnavailableError) as err:
            svc.record_payment_notice(oid, NOTICE, operator=WHO, now=T(1))
        assert err.value.reason == ServerUnavailableError.LOCKED and err.value.retryable
        assert "佔用" in err.value.message() and "沒有儲存" in err.value.message()
        assert "locked" not in err.value.message()
        with pytest.raises(ServerUnavailableError):  # with a key too: nothing kept
            svc.record_payment_notice(oid, NOTICE, operator=WHO, now=T(1), op_key="k-1")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert order_row(oid).status == "UNPAID"
    assert ActionKey.select().count() == 0
    change = svc.record_payment_notice(oid, NOTICE, operator=WHO, now=T(1), op_key="k-1")
    assert change.order_to == "PAID"


def test_the_command_line_says_the_database_is_busy_without_a_traceback(place, db, capsys,
                                                                        monkeypatch):
    if not is_sqlite(db):
        pytest.skip("SQLite's file lock")
    import main
    from app.models import db as dbm

    monkeypatch.setitem(dbm.SQLITE_PRAGMAS, "busy_timeout", 200)
    path = db.database
    db.close()
    other = sqlite3.connect(path, timeout=0.1, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        code = main.main(["close-month", "2026-09", "--db", path, "--operator", WHO])
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and "database is locked" not in err
    assert "佔用" in err
    code = main.main(["close-month", "2026-09", "--db", path, "--operator", WHO, "--key", "m-9"])
    assert code == 0
    capsys.readouterr()
    code = main.main(["close-month", "2026-09", "--db", path, "--operator", WHO, "--key", "m-9"])
    assert code == 0  # the same key again: answered from what was saved, not "already closed"
    assert "2026-09 closed" in capsys.readouterr().out


# --- the views' runner: a key per click, kept by 重試 ------------------------------------------


def test_the_runner_keys_each_click_and_a_retry_is_done_once(qtbot, session, prompts, place):
    """A click's action is saved but the answer is lost (the database could not be asked):
    the clerk is offered 重試, and the retry, under the same key, answers the saved action
    instead of confirming twice.  The next click is a new action with a key of its own."""
    from PySide6.QtWidgets import QWidget

    from app.views.prompts import Kind
    from app.views.runner import Runner

    page = QWidget()
    qtbot.addWidget(page)
    runner = Runner(page, session, refresh=lambda: None)
    asked = []
    prompts.answers[Kind.CONFIRM] = lambda _parent, prompt: asked.append(prompt.text) or True
    oid = paid(place)
    first = []

    def call(_value, operator):
        change = svc.confirm_payment(oid, operator=operator, now=T(2))
        if not first:  # saved, and then the answer was lost
            first.append(change)
            raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN, retryable=True)
        return change

    result = runner.run("確認付款", call)
    assert len(asked) == 1 and "重試" in asked[0] and "不會重複儲存" in asked[0]
    assert result == first[0]
    assert [h.action for h in StatusHistory.select().where(StatusHistory.order == oid)
            .order_by(StatusHistory.id)][-1:] == ["CONFIRM_PAYMENT"]
    assert len(keyed_records(ActionKey.get().op_key)) == 1
    # the next click: another key, so the service acts (and is refused: already confirmed)
    assert runner.run("確認付款", lambda _v, op: svc.confirm_payment(oid, operator=op)) is None
    assert ActionKey.select().count() == 1


def test_the_runner_keys_each_row_of_a_bulk_action(qtbot, session, prompts, place, monkeypatch):
    from types import SimpleNamespace

    from PySide6.QtWidgets import QWidget

    from app.views import runner as runner_module

    page = QWidget()
    qtbot.addWidget(page)
    runner = runner_module.Runner(page, session, refresh=lambda: None)
    rows = [SimpleNamespace(id=oid, order_no=order_row(oid).order_no)
            for oid in (awaiting(place), awaiting(place))]
    shown = []
    monkeypatch.setattr(runner_module.BulkResultDialog, "report",
                        staticmethod(lambda _p, _t, outcomes: shown.append(outcomes)))
    runner.run_each("缺貨", rows, lambda row, value, op: svc.mark_out_of_stock(row.id, value, operator=op),
                    ask=lambda _rows: "缺貨", done=lambda change: change.order_to)
    assert [o.ok for o in shown[0]] == [True, True]
    keys = [k.op_key for k in ActionKey.select().order_by(ActionKey.id)]
    assert len(keys) == 2 and keys[0] != keys[1]
    assert keys[0].rsplit("-", 1)[0] == keys[1].rsplit("-", 1)[0]  # one click, a key per row
    assert sorted(h.order_id for k in keys for h in keyed_records(k)) == sorted(r.id for r in rows)


def test_the_runner_keys_each_row_of_a_set_based_bulk_action_and_a_retry_is_done_once(
        qtbot, session, prompts, place, monkeypatch):
    """``Runner.run_bulk``: a key per row; the database does not answer for the rows (two saved,
    their answers lost; the third not reached): the clerk is offered 重試, and the retry runs
    those rows under the same keys — the saved ones answered from what was kept, the third
    written — so each order is confirmed once and every row is told done."""
    from types import SimpleNamespace

    from PySide6.QtWidgets import QWidget

    from app.domain.statuses import OrderAction
    from app.views import runner as runner_module
    from app.views.prompts import Kind

    page = QWidget()
    qtbot.addWidget(page)
    runner = runner_module.Runner(page, session, refresh=lambda: None)
    rows = [SimpleNamespace(id=oid, order_no=order_row(oid).order_no) for oid in (paid(place), paid(place), paid(place))]
    shown, asked, calls = [], [], []
    monkeypatch.setattr(runner_module.BulkResultDialog, "report",
                        staticmethod(lambda _p, _t, outcomes: shown.append(outcomes)))
    prompts.answers[Kind.CONFIRM] = lambda _parent, prompt: asked.append(prompt.text) or True

    def work(todo, _value, operator, keys, **job):
        calls.append(([r.id for r in todo], list(keys)))
        items = [(r.id, None, None, k) for r, k in zip(todo, keys, strict=True)]
        if len(calls) > 1:
            return svc.bulk_action(OrderAction.CONFIRM_PAYMENT, items, operator=operator, **job)
        saved = svc.bulk_action(OrderAction.CONFIRM_PAYMENT, items[:2], operator=operator, **job)
        lost = ServerUnavailableError(ServerUnavailableError.UNCERTAIN, retryable=True)
        return [svc.BulkOutcome(o.order_id, error=lost) for o in saved] + [
            svc.BulkOutcome(todo[2].id, error=ServerUnavailableError(ServerUnavailableError.GONE))]

    runner.run_bulk("確認付款", rows, work, ask=lambda _rows: {}, done=lambda change: change.order_to)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert len(asked) == 1 and "重試" in asked[0]
    assert calls[1] == calls[0]  # the same rows again, under the same keys
    keys = calls[0][1]
    assert len(set(keys)) == 3 and len({k.rsplit("-", 1)[0] for k in keys}) == 1
    assert [o.ok for o in shown[0]] == [True, True, True]
    for row, k in zip(rows, keys, strict=True):
        confirms = StatusHistory.select().where((StatusHistory.order == row.id)
                                                & (StatusHistory.action == "CONFIRM_PAYMENT"))
        assert [h.op_key for h in confirms] == [k]
    assert ActionKey.select().count() == 3
