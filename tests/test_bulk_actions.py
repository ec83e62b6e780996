"""Set-based bulk actions (issue 11 item 7): ``orders.bulk_action`` writes, for every order it
moves, exactly the rows the single-order service writes (the order row, the history record with
its input JSON, the payment notices), and refuses per order exactly what the single service
refuses (a stale version naming who and when, a status that does not allow the action, input
that does not fit the order), writing the rest.

Each case places twin orders (same buyer, items, dates, history) and takes one of each pair
through the single service and the other through ``bulk_action``, at the same time; the rows
then differ only in their ids and order numbers.  Run again on PostgreSQL and MariaDB by
``tests/server_actions``.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from db_rows import make_shop, snapshot
from test_status_counts import counts_agree

from app.domain.errors import DomainError, StaleError, TransitionError, ValidationError
from app.domain.inputs import PaymentNotice as Notice
from app.domain.inputs import ShipInput
from app.domain.statuses import OrderAction, OrderStatus
from app.models.tables import ActionKey, Order, PaymentMethod, PaymentNotice, StatusHistory
from app.services import orders as svc
from app.services.writes import Buyer, Item

A = OrderAction
S = OrderStatus
AT = datetime(2026, 11, 2, 2, 0)  # the orders' date (UTC: 10:00 in Taipei)
NOW = datetime(2026, 11, 6, 3, 4, 5)  # when both paths act
TODAY = date(2026, 11, 6)
SHIPPED = ShipInput(date(2026, 11, 3), "黑貓", "T-0")


def T(hours: float) -> datetime:  # noqa: N802 - a clock
    return AT + timedelta(hours=hours)


def _place(shop, cod: bool, order_date: datetime, amount: int) -> int:
    pm = shop["cod"] if cod else shop["atm"]
    return svc.place_order(store_id=shop["store"].id, buyer=Buyer("王小明", "0912345678", "a@x.tw", "台北市"),
                           items=[Item("藍牙耳機", 2, amount)], payment_method_id=pm.id,
                           shipping_method_id=shop["home"].id, operator="店員甲",
                           order_date=order_date).order_id


#: How each starting status is reached from a placed order (by 乙, an hour apart).
PATHS = {
    S.UNPAID: [],
    S.PAID: ["pay"],
    S.AWAITING_SHIPMENT: ["pay", "confirm"],
    S.OUT_OF_STOCK: ["pay", "confirm", "oos"],
    S.IN_DELIVERY: ["accept", "ship"],
}


def _drive(oid: int, status: S, short: bool) -> None:
    for i, step in enumerate(PATHS[status], start=1):
        at = T(24 + i)
        if step == "pay":
            svc.record_payment_notice(oid, Notice(AT.date(), 500 if short else 820, "54321"),
                                      operator="乙", now=at, today=TODAY)
        elif step == "confirm":
            svc.confirm_payment(oid, operator="乙", now=at, shortfall_reason="少匯" if short else None)
        elif step == "oos":
            svc.mark_out_of_stock(oid, "廠商延後", operator="乙", now=at)
        elif step == "accept":
            svc.accept_order(oid, operator="乙", now=at)
        elif step == "ship":
            svc.ship(oid, SHIPPED, operator="乙", now=at, today=TODAY)
    assert Order.get_by_id(oid).status == status


#: Per action: its single service (order id, input, version) and the orders of one selection,
#: each (starting status, cash on delivery, short notice, input, version offset, days old).
#: A version offset makes the screen's version stale; the last rows are refusals.
def _single(action):
    return {
        A.CONFIRM_PAYMENT: lambda o, v, e, k=None: svc.confirm_payment(o, shortfall_reason=v, operator="店員甲",
                                                               expected_version=e, now=NOW, op_key=k),
        A.BACK_TO_AWAITING: lambda o, v, e, k=None: svc.back_to_awaiting_shipment(o, operator="店員甲",
                                                                          expected_version=e, now=NOW, op_key=k),
        A.SHIP: lambda o, v, e, k=None: svc.ship(o, v, operator="店員甲", expected_version=e, now=NOW, today=TODAY, op_key=k),
        A.OUT_OF_STOCK: lambda o, v, e, k=None: svc.mark_out_of_stock(o, v, operator="店員甲", expected_version=e,
                                                              now=NOW, op_key=k),
        A.ACCEPT: lambda o, v, e, k=None: svc.accept_order(o, operator="店員甲", expected_version=e, now=NOW, op_key=k),
        A.PICKED_UP: lambda o, v, e, k=None: svc.picked_up(o, v, operator="店員甲", expected_version=e, now=NOW,
                                                   today=TODAY, op_key=k),
    }[action]


def _ship(n: str, day: date = date(2026, 11, 5)) -> ShipInput:
    return ShipInput(day, "新竹物流" if n.endswith("2") else "黑貓", n)


CASES = {
    A.CONFIRM_PAYMENT: [
        (S.PAID, False, False, None, 0, 4), (S.PAID, False, True, "顧客少匯 320", 0, 4),
        (S.PAID, False, False, None, 0, 4),
        (S.PAID, False, True, None, 0, 4),  # a shortfall without its reason: ValidationError
        (S.UNPAID, False, False, None, 0, 4),  # not paid: TransitionError
        (S.PAID, False, False, None, -1, 4),  # the screen's version is stale: StaleError
    ],
    A.BACK_TO_AWAITING: [
        (S.OUT_OF_STOCK, False, False, None, 0, 4), (S.OUT_OF_STOCK, False, True, None, 0, 4),
        (S.AWAITING_SHIPMENT, False, False, None, 0, 4), (S.OUT_OF_STOCK, False, False, None, 2, 4),
    ],
    A.SHIP: [
        (S.AWAITING_SHIPMENT, False, False, _ship("A1"), 0, 4),
        (S.AWAITING_SHIPMENT, False, True, _ship("A2"), 0, 4),
        (S.AWAITING_SHIPMENT, False, False, _ship("A3", date(2026, 11, 1)), 0, 4),  # before its order date
        (S.AWAITING_SHIPMENT, False, False, _ship(""), 0, 4),  # no tracking number
        (S.AWAITING_SHIPMENT, False, False, _ship("A5" * 40), 0, 4),  # longer than its column
        (S.OUT_OF_STOCK, False, False, _ship("A6"), 0, 4),
        (S.AWAITING_SHIPMENT, False, False, _ship("A7"), -1, 4),
    ],
    A.OUT_OF_STOCK: [
        (S.AWAITING_SHIPMENT, False, False, " 等廠商 ", 0, 4), (S.AWAITING_SHIPMENT, False, False, "", 0, 4),
        (S.PAID, False, False, "缺", 0, 4), (S.AWAITING_SHIPMENT, False, False, "缺", 0, 4),
    ],
    A.ACCEPT: [
        (S.UNPAID, True, False, None, 0, 4), (S.UNPAID, True, False, None, 0, 4),
        (S.UNPAID, False, False, None, 0, 4),  # paid first: no 接單
    ],
    A.PICKED_UP: [
        (S.IN_DELIVERY, True, False, date(2026, 11, 5), 0, 4),
        (S.IN_DELIVERY, True, False, date(2026, 11, 1), 0, 4),  # before its ship date
        (S.IN_DELIVERY, True, False, date(2026, 11, 5), -1, 4),
    ],
}


@pytest.fixture
def twins(db):
    shop = make_shop()
    shop["cod"] = PaymentMethod.create(title="貨到付款", position=3, refund_channel="cod")

    def make(cases) -> list[tuple[int, int, tuple]]:
        """Per case, an order for the single service and its twin for the bulk one."""
        pairs = []
        for case in cases:
            status, cod, short, _value, _off, days = case
            pair = []
            for _ in range(2):
                oid = _place(shop, cod, AT + timedelta(days=4 - days), 350)
                _drive(oid, status, short)
                pair.append(oid)
            pairs.append((*pair, case))
        return pairs

    return make


def _order(oid: int) -> dict:
    row = Order.select().where(Order.id == oid).dicts().get()
    return {k: v for k, v in row.items() if k not in ("id", "order_no")}


def _history(oid: int) -> list[tuple]:
    return [(h.cancellation_id, h.machine, h.from_status, h.to_status, h.action, h.operator, h.at, h.input)
            for h in StatusHistory.select().where(StatusHistory.order == oid).order_by(StatusHistory.id)]


def _notices(oid: int) -> list[dict]:
    return [{k: v for k, v in n.items() if k not in ("id", "order")}
            for n in PaymentNotice.select().where(PaymentNotice.order == oid).order_by(PaymentNotice.id).dicts()]


def _rows(oid: int) -> tuple:
    return _order(oid), _history(oid), _notices(oid)


def _why(err: BaseException, oid: int) -> tuple:
    """The refusal, its order number made the same for both twins."""
    return type(err), err.message().replace(Order.get_by_id(oid).order_no, "N")


@pytest.mark.parametrize("action", list(CASES), ids=lambda a: a.value)
def test_bulk_writes_what_the_single_service_writes_and_refuses_what_it_refuses(twins, action):
    pairs = twins(CASES[action])
    single = _single(action)
    expected = []
    for one, _twin, (_s, _c, _sh, value, off, _d) in pairs:
        try:
            single(one, value, Order.get_by_id(one).version + off)
            expected.append(None)
        except DomainError as err:
            expected.append(_why(err, one))
    items = [(twin, Order.get_by_id(twin).version + off, value) for _o, twin, (_s, _c, _sh, value, off, _d) in pairs]
    outcomes = svc.bulk_action(action, items, operator="店員甲", now=NOW, today=TODAY)
    assert [o.order_id for o in outcomes] == [twin for _o, twin, _c in pairs]
    got = [None if o.ok else _why(o.error, o.order_id) for o in outcomes]
    assert got == expected
    assert None in got and any(e is not None for e in got)  # the selection is mixed
    for (one, twin, _c), outcome in zip(pairs, outcomes, strict=True):
        assert _rows(twin) == _rows(one)
        if outcome.ok:
            ch = outcome.change
            o = Order.get_by_id(twin)
            assert (ch.order_id, ch.order_no, ch.order_to, ch.order_version) == (twin, o.order_no, o.status, o.version)
            assert ch.history_ids == tuple(h.id for h in StatusHistory.select().where(
                (StatusHistory.order == twin) & (StatusHistory.at == NOW)).order_by(StatusHistory.id))
            assert o.updated_by == "店員甲" and o.updated_at == NOW
    counts_agree()  # the set-based writes kept both counters (the tabs', the search's)


def test_stale_and_wrong_status_are_refused_per_order_while_the_rest_are_written(twins):
    pairs = twins([(S.PAID, False, False, None, 0, 4)] * 5)
    ids = [twin for _one, twin, _c in pairs]
    versions = {i: Order.get_by_id(i).version for i in ids}
    svc.confirm_payment(ids[1], operator="乙", now=NOW - timedelta(minutes=5))  # another desk first
    Order.update(version=Order.version + 1, updated_by="丙", updated_at=NOW - timedelta(minutes=1)).where(
        Order.id == ids[3]).execute()  # 丙 touched it (a correction): same status, new version
    items = [(i, versions[i], None) for i in ids] + [(999999, 1, None)]
    outcomes = svc.bulk_action(A.CONFIRM_PAYMENT, items, operator="店員甲", now=NOW)
    assert [o.ok for o in outcomes] == [True, False, True, False, True, False]
    assert isinstance(outcomes[1].error, StaleError) and outcomes[1].error.changed_by == "乙"
    assert "已被 乙 於 2026-11-06 02:59:05 UTC" in outcomes[1].error.message()
    assert isinstance(outcomes[3].error, StaleError) and outcomes[3].error.changed_by == "丙"
    assert outcomes[5].error.message() == "找不到訂單 999999。"
    moved = {i: Order.get_by_id(i) for i in ids}
    assert [moved[i].updated_by for i in ids] == ["店員甲", "乙", "店員甲", "丙", "店員甲"]
    assert [moved[i].status for i in ids] == ["AWAITING_SHIPMENT"] * 3 + ["PAID", "AWAITING_SHIPMENT"]
    counts = [StatusHistory.select().where((StatusHistory.order == i) & (StatusHistory.action == "CONFIRM_PAYMENT")).count()
              for i in ids]
    assert counts == [1, 1, 1, 0, 1]
    # Without a version (any), a status that no longer allows it is refused by the machine.
    again = svc.bulk_action(A.CONFIRM_PAYMENT, [(ids[0], None, None), (ids[3], None, None)], operator="店員甲", now=NOW)
    assert isinstance(again[0].error, TransitionError) and again[1].ok


def test_chunks_progress_cancel_and_twice_in_one_selection(twins, monkeypatch):
    monkeypatch.setattr(svc, "BULK_CHUNK", 2)
    pairs = twins([(S.OUT_OF_STOCK, False, False, None, 0, 4)] * 3)
    ids = [one for one, _twin, _c in pairs]
    items = [(i, Order.get_by_id(i).version, None) for i in ids]
    seen = []
    outcomes = svc.bulk_action(A.BACK_TO_AWAITING, [items[0], items[0], *items[1:]], operator="店員甲",
                               now=NOW, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(2, 4), (4, 4)]
    assert [o.ok for o in outcomes] == [True, False, True, True]
    assert isinstance(outcomes[1].error, StaleError) and outcomes[1].error.changed_by == "店員甲"
    # Cancelled after the first chunk: the rest is not run, and nothing of it is written.
    twins_ = [twin for _one, twin, _c in pairs]
    before = snapshot()["Order"]
    calls = []
    out = svc.bulk_action(A.BACK_TO_AWAITING, [(i, None, None) for i in twins_], operator="店員甲", now=NOW,
                          cancelled=lambda: calls.append(1) or len(calls) > 1)
    assert [o.ok for o in out] == [True, True, False]
    assert out[2].error.message() == "已取消，這筆訂單沒有變更。"
    after = {r["id"]: r for r in snapshot()["Order"]}
    assert after[twins_[2]] == {r["id"]: r for r in before}[twins_[2]]


def test_a_closed_month_refuses_the_ship_dates_in_it(twins):
    from app.models.tables import ClosedMonth

    pairs = twins([(S.AWAITING_SHIPMENT, False, False, None, 0, 10)] * 2)  # ordered 2026-10-27
    ClosedMonth.create(month="2026-10", closed_at=NOW, closed_by="會計")
    ids = [twin for _one, twin, _c in pairs]
    out = svc.bulk_action(A.SHIP, [(ids[0], None, _ship("C1", date(2026, 11, 5))),
                                   (ids[1], None, _ship("C2", date(2026, 10, 31)))], operator="店員甲", now=NOW,
                          today=TODAY)
    assert out[0].ok and isinstance(out[1].error, ValidationError) and out[1].error.field == "ship_date"
    assert "2026-10 月份已結帳" in out[1].error.message()
    assert [Order.get_by_id(i).status for i in ids] == ["COMPLETED", "AWAITING_SHIPMENT"]


def test_two_desks_confirming_the_same_orders_at_once_move_each_order_once(twins, monkeypatch):
    """Two desks (threads, each its own connection) bulk-confirm the same 24 orders at the same
    moment, one from each end: every order is confirmed once, by one of them; the other is
    told who was first."""
    import threading

    monkeypatch.setattr(svc, "BULK_CHUNK", 5)
    pairs = twins([(S.PAID, False, False, None, 0, 4)] * 12)
    ids = [oid for one, twin, _c in pairs for oid in (one, twin)]
    items = [(i, Order.get_by_id(i).version, None) for i in ids]
    barrier = threading.Barrier(2)
    results, errors = {}, []

    def desk(name: str, selection: list) -> None:
        try:
            barrier.wait()
            results[name] = {o.order_id: o for o in svc.bulk_action(A.CONFIRM_PAYMENT, selection,
                                                                      operator=name, now=NOW)}
        except BaseException as exc:  # noqa: BLE001 - re-raised below
            errors.append(exc)

    threads = [threading.Thread(target=desk, args=("甲", items)),
               threading.Thread(target=desk, args=("乙", items[::-1]))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors and set(results) == {"甲", "乙"}
    for oid in ids:
        a, b = results["甲"][oid], results["乙"][oid]
        assert a.ok != b.ok, oid  # exactly one desk moved it
        winner, loser = ("甲", b) if a.ok else ("乙", a)
        assert isinstance(loser.error, StaleError) and loser.error.changed_by == winner
        o = Order.get_by_id(oid)
        assert (o.status, o.updated_by) == ("AWAITING_SHIPMENT", winner)
        assert StatusHistory.select().where((StatusHistory.order == oid)
                                            & (StatusHistory.action == "CONFIRM_PAYMENT")).count() == 1


# --- idempotency keys (issue 15 item 2): a key per order ---------------------------------------


def _keyed_history(oid: int, op_key: str) -> list[tuple]:
    """``_history`` with whether each record carries ``op_key`` (only the action's first does)."""
    return [(*row, h.op_key == op_key, h.op_key is None) for row, h in zip(
        _history(oid), StatusHistory.select().where(StatusHistory.order == oid).order_by(StatusHistory.id),
        strict=True)]


def _kept(op_key: str):
    from app.services.keys import answer_of_text

    row = ActionKey.get_or_none(ActionKey.op_key == op_key)
    return None if row is None else answer_of_text(row.answer)


@pytest.mark.parametrize("action", [A.CONFIRM_PAYMENT, A.SHIP], ids=lambda a: a.value)
def test_keyed_bulk_writes_the_single_services_keyed_rows_and_keeps_its_answers(twins, action):
    """Each twin keyed: the single service's first history record carries its key, the bulk
    one's carries its own, column for column alike; both keep the answer they gave under the
    key (the bulk one in its chunk's transaction); a refusal keeps nothing."""
    pairs = twins(CASES[action])
    single = _single(action)
    keys = [(f"one-{n}", f"bulk-{n}") for n in range(len(pairs))]
    answers = []
    for (one, _twin, (_s, _c, _sh, value, off, _d)), (k1, _kb) in zip(pairs, keys, strict=True):
        try:
            answers.append(single(one, value, Order.get_by_id(one).version + off, k1))
        except DomainError:
            answers.append(None)
    items = [(twin, Order.get_by_id(twin).version + off, value, kb)
             for (_o, twin, (_s, _c, _sh, value, off, _d)), (_k1, kb) in zip(pairs, keys, strict=True)]
    outcomes = svc.bulk_action(action, items, operator="店員甲", now=NOW, today=TODAY)
    assert [o.ok for o in outcomes] == [a is not None for a in answers]
    for (one, twin, _c), (k1, kb), answer, outcome in zip(pairs, keys, answers, outcomes, strict=True):
        assert _keyed_history(twin, kb) == _keyed_history(one, k1)
        assert _rows(twin) == _rows(one)
        assert _kept(k1) == answer and _kept(kb) == outcome.change
        if answer is not None:
            ch = outcome.change
            assert StatusHistory.get_by_id(ch.history_ids[0]).op_key == kb
            assert dataclasses.replace(ch, order_id=one, order_no=answer.order_no,
                                       history_ids=answer.history_ids) == answer
    assert ActionKey.select().count() == 2 * sum(a is not None for a in answers)


def test_a_keyed_bulk_repeated_writes_nothing_and_answers_what_it_answered(twins, monkeypatch):
    """The same selection again under the same keys (the clerk's 重試): every order moved the
    first time answers that first answer — even in another chunk, after another desk moved it
    on — and nothing is written; an item repeating an earlier item's key answers its outcome;
    a refused one is refused again, with nothing kept; a single call with a bulk key answers
    the bulk's answer."""
    monkeypatch.setattr(svc, "BULK_CHUNK", 2)
    pairs = twins([(S.PAID, False, False, None, 0, 4)] * 3 + [(S.UNPAID, False, False, None, 0, 4)])
    ids = [twin for _one, twin, _c in pairs]
    items = [(oid, Order.get_by_id(oid).version, None, f"k-{n}") for n, oid in enumerate(ids)]
    first = svc.bulk_action(A.CONFIRM_PAYMENT, items, operator="店員甲", now=NOW)
    assert [o.ok for o in first] == [True, True, True, False]
    svc.ship(ids[0], SHIPPED, operator="乙", now=NOW + timedelta(hours=1), today=TODAY)
    before = snapshot()
    again = svc.bulk_action(A.CONFIRM_PAYMENT, [items[2], *items, (ids[1], None, None, "k-1")],
                            operator="店員甲", now=NOW + timedelta(hours=2))
    assert snapshot() == before  # nothing written
    assert [o.change for o in again[1:4]] == [o.change for o in first[:3]]
    assert again[0].change == first[2].change and again[5].change == first[1].change
    assert isinstance(again[4].error, TransitionError) and _kept("k-3") is None
    assert svc.confirm_payment(ids[2], operator="店員甲", op_key="k-2") == first[2].change
    assert [[h.op_key for h in StatusHistory.select().where(
        (StatusHistory.order == oid) & (StatusHistory.action == "CONFIRM_PAYMENT"))] for oid in ids] == [
        ["k-0"], ["k-1"], ["k-2"], []]
    bad = svc.bulk_action(A.CONFIRM_PAYMENT, [(ids[3], None, None, "x" * 65)], operator="店員甲")
    assert isinstance(bad[0].error, ValidationError) and bad[0].error.field == "op_key"


@pytest.mark.parametrize("saved", [True, False], ids=["saved", "not-saved"])
def test_a_keyed_chunk_whose_commit_is_uncertain_is_looked_up_and_told_truthfully(twins, monkeypatch, saved):
    """A chunk's COMMIT whose answer is lost (the connection dropped): its keys are looked up —
    kept, its outcomes stand (saved once); not kept, the chunk runs again.  Unkeyed, it stays
    UNCERTAIN for the rest of the selection, as before."""
    from app.domain.errors import ServerUnavailableError

    monkeypatch.setattr(svc, "BULK_CHUNK", 2)
    pairs = twins([(S.OUT_OF_STOCK, False, False, None, 0, 4)] * 3)
    ids = [twin for _one, twin, _c in pairs]
    real = svc._bulk_chunk
    calls = []

    def uncertain(action, chunk, *, attempt, **kw):
        calls.append(len(chunk))
        if len(calls) == 1:
            if saved:
                real(action, chunk, attempt=attempt, **kw)
            else:  # it had written its keys when the COMMIT went unanswered, and was not kept
                attempt["keys"] = [key for *_r, key in chunk if key]
            raise ServerUnavailableError(ServerUnavailableError.UNCERTAIN)
        return real(action, chunk, attempt=attempt, **kw)

    monkeypatch.setattr(svc, "_bulk_chunk", uncertain)
    out = svc.bulk_action(A.BACK_TO_AWAITING, [(oid, None, None, f"u-{oid}") for oid in ids],
                          operator="店員甲", now=NOW)
    assert calls == ([2, 1] if saved else [2, 2, 1])
    assert [o.ok for o in out] == [True, True, True]
    for oid, o in zip(ids, out, strict=True):
        hist = StatusHistory.select().where((StatusHistory.order == oid)
                                            & (StatusHistory.action == "BACK_TO_AWAITING"))
        assert [h.id for h in hist] == list(o.change.history_ids) and hist[0].op_key == f"u-{oid}"
        assert Order.get_by_id(oid).status == "AWAITING_SHIPMENT" and _kept(f"u-{oid}") == o.change
    calls.clear()
    ones = [one for one, _twin, _c in pairs]
    out = svc.bulk_action(A.BACK_TO_AWAITING, [(oid, None, None) for oid in ones], operator="店員甲", now=NOW)
    assert [o.ok for o in out] == [False] * 3
    assert all(o.error.reason == ServerUnavailableError.UNCERTAIN and not o.error.retryable for o in out)
