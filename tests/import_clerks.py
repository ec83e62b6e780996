"""An import racing the clerks (issue 15, item 5), shared by the SQLite test and the server
ones: while a file of new orders (a third of them with their payment notice) is written, a
clerk on another connection keeps placing orders and confirming payments — the import's own
orders once its notices are in — and each action's wait is timed.  Also used by
benchmarks/bench_import_clerks.py for the figure."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime
from pathlib import Path

import peewee as pw
import pytest
from db_rows import make_shop
from test_import import OH, order_row, write_csv

from app.domain.inputs import PaymentNotice as Notice
from app.models.db import database
from app.models.tables import Order, OrderStatusCount, PaymentNotice, StatusHistory
from app.services import import_write
from app.services import importer as im
from app.services import orders as svc

DAY = date(2026, 11, 2)
#: order_row's order: one item of NT$350 and 宅配's NT$120.
TOTAL = 470
#: The longest a clerk may wait behind an import (issue 15, item 5).
WAIT_BOUND = 2.0


def prepared(tmp_path: Path, orders: int) -> tuple[dict, im.ImportPlan, list[int]]:
    """A shop with 30 paid orders for the clerk to confirm, and the checked plan of ``orders``
    new orders ("I000000"...) with the payment notices of every third."""
    shop = make_shop()
    paid = []
    for _ in range(30):
        ch = svc.place_order(store_id=shop["store"].id, buyer=svc.Buyer("早到的", "0912000111"),
                             items=[svc.Item("茶葉", 1, 500)], payment_method_id=shop["atm"].id,
                             shipping_method_id=shop["home"].id, operator="店員甲",
                             order_date=datetime(2026, 11, 1, 1))
        svc.record_payment_notice(ch.order_id, Notice(DAY, 620, "12345"), operator="店員甲", today=DAY)
        paid.append(ch.order_id)
    path = write_csv(tmp_path / "orders.csv", OH, [order_row(f"I{i:06d}") for i in range(orders)])
    plan = im.check_file(path, today=DAY)
    assert plan.bad == [] and len(plan.orders) == orders
    # The same workbook's 付款 sheet, as its check makes it (a CSV holds one sheet).
    plan.notices = [im.NewNotice("付款", i + 2, o.order_no, Notice(DAY, TOTAL, f"{i % 100000:05d}"))
                    for i, o in enumerate(plan.orders[::3])]
    return shop, plan, paid


def race(tmp_path: Path, orders: int) -> dict:
    """Import ``orders`` new orders while a clerk works; what each side saw."""
    shop, plan, paid = prepared(tmp_path, orders)
    waits: list[tuple[str, float, float]] = []  # (action, seconds waited, when it ended)
    errors: list[str] = []
    stop = threading.Event()

    def clerk() -> None:
        database.connect(reuse_if_open=True)  # the clerk's own connection (peewee's per thread)
        try:
            k = 0
            while not stop.is_set():
                k += 1
                mine = (Order.select(Order.id).where((Order.status == "PAID") & Order.order_no.startswith("I"))
                        .order_by(Order.id).limit(1).scalar())
                if k % 2 or not (mine or paid):
                    action = "place_order"
                    call = lambda: svc.place_order(  # noqa: E731
                        store_id=shop["store"].id, buyer=svc.Buyer("門市客人", "0933222111"),
                        items=[svc.Item("濾掛咖啡", 2, 180)], payment_method_id=shop["atm"].id,
                        shipping_method_id=shop["home"].id, operator="店員乙")
                else:
                    action = "confirm_payment"  # the import's own order once one is paid
                    oid = mine or paid.pop()
                    call = lambda oid=oid: svc.confirm_payment(oid, operator="店員乙")  # noqa: E731
                began = time.perf_counter()
                try:
                    call()
                except Exception as exc:  # noqa: BLE001 - every failure is the test's finding
                    errors.append(f"{action}: {type(exc).__name__}: {exc}")
                ended = time.perf_counter()
                waits.append((action, ended - began, ended))
                time.sleep(0.02)
        finally:
            database.close()

    worker = threading.Thread(target=clerk)
    worker.start()
    try:
        time.sleep(0.3)  # the clerk is at work before the import starts
        began = time.perf_counter()
        result = im.apply_import(plan, operator="匯入")
        ended = time.perf_counter()
        time.sleep(0.3)
    finally:
        stop.set()
        worker.join(60)
    during = [w for w in waits if began <= w[2] <= ended + 2.0]
    return dict(result=result, plan=plan, seconds=ended - began, waits=waits, during=during,
                errors=errors, longest=max(w[1] for w in waits))


def assert_whole_and_waits_bounded(seen: dict) -> None:
    """The import is all there, every clerk action succeeded, none waited over 2 s."""
    plan, result = seen["plan"], seen["result"]
    assert seen["errors"] == []
    assert result.conflicts == () and result.orders == len(plan.orders)
    mine = Order.select().where(Order.order_no.startswith("I"))
    assert mine.count() == len(plan.orders)
    assert (StatusHistory.select().join(Order).where(Order.order_no.startswith("I") & (StatusHistory.action == "PLACE"))
            .count() == len(plan.orders))
    assert (PaymentNotice.select().join(Order).where(Order.order_no.startswith("I")).count()
            == len(plan.notices))
    # The counters the triggers keep agree with the orders, clerks' and import's together.
    counted = set(Order.select(Order.store, Order.status, pw.fn.COUNT(Order.id))
                  .group_by(Order.store, Order.status).tuples())
    kept = set(OrderStatusCount.select(OrderStatusCount.store_id, OrderStatusCount.status, OrderStatusCount.n)
               .where(OrderStatusCount.n != 0).tuples())
    assert kept == counted
    # The clerk really worked while the import was written, and never waited long.
    assert len(seen["during"]) >= 10, seen["during"]
    assert {a for a, _w, _e in seen["during"]} == {"place_order", "confirm_payment"}
    assert seen["longest"] <= WAIT_BOUND, sorted(w for _a, w, _e in seen["waits"])[-5:]


def figures(seen: dict) -> str:
    waits = sorted(w for _a, w, _e in seen["during"])
    return (f"{len(seen['plan'].orders):,} orders imported in {seen['seconds']:.1f} s; "
            f"{len(waits)} clerk actions meanwhile, longest wait {waits[-1] * 1000:.0f} ms "
            f"(median {waits[len(waits) // 2] * 1000:.0f} ms; bound {WAIT_BOUND * 1000:.0f} ms)")


def after_first_slice(monkeypatch, then) -> None:
    """Slices of a few records, and ``then()`` run once the import's first slice has
    committed (between two of its transactions, as a clerk or a failure would come)."""
    monkeypatch.setattr(import_write, "SLICE_SECONDS", 0.0)
    monkeypatch.setattr(import_write, "SERVER_SLICE_SECONDS", 0.0)
    monkeypatch.setattr(import_write, "SQLITE_GAP", 0.0)
    real = import_write._slice_again
    calls = []

    def slice_then(*args):
        if len(calls) == 1:
            then()
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(import_write, "_slice_again", slice_then)


def imported(plan: im.ImportPlan) -> dict:
    """What of ``plan`` is in the database: its orders, their PLACE records, their notices."""
    mine = Order.select(Order.id).where(Order.order_no.startswith("I"))
    return dict(
        orders=mine.count(),
        placed=StatusHistory.select().where(StatusHistory.order.in_(mine) & (StatusHistory.action == "PLACE")).count(),
        notices=PaymentNotice.select().where(PaymentNotice.order.in_(mine)).count())


def whole(plan: im.ImportPlan) -> dict:
    return dict(orders=len(plan.orders), placed=len(plan.orders), notices=len(plan.notices))


def cut_short_then_finished(tmp_path: Path, monkeypatch, finish) -> None:
    """The import fails after its first slice committed (the server went away for good):
    ``ImportInterrupted``, part of it written; ``finish()`` (the next open, or the next import)
    writes the rest — every record once — and the journal says done."""
    from app.models.tables import ImportBatch
    from app.services import import_journal as journal

    _shop, plan, _paid = prepared(tmp_path, 120)

    def server_gone():
        def fails(*_args):
            raise RuntimeError("the server went away")
        monkeypatch.setattr(import_write, "_write", fails)

    real_write = import_write._write
    after_first_slice(monkeypatch, server_gone)
    with pytest.raises(im.ImportInterrupted) as err:
        im.apply_import(plan, operator="匯入")
    assert "the server went away" in err.value.message() and "下次開啟資料庫或再次匯入時會自動補完" in err.value.message()
    half = imported(plan)
    assert 0 < half["orders"] < len(plan.orders) and half["placed"] == half["orders"]
    batch = ImportBatch.get()
    assert batch.state == journal.APPLYING and batch.touched_at is None
    monkeypatch.setattr(import_write, "_write", real_write)  # the server is back
    monkeypatch.setattr(import_write, "SLICE_SECONDS", 0.4)
    monkeypatch.setattr(import_write, "SERVER_SLICE_SECONDS", 0.25)
    finish()
    assert imported(plan) == whole(plan)
    assert ImportBatch.get_by_id(batch.id).state == journal.DONE
    assert im.finish_interrupted() == []  # nothing left to finish: nothing written twice
    assert imported(plan) == whole(plan)


def failing_first_slice_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    """A failure inside the first slice: nothing written, nothing left in the journal."""
    from app.models.tables import ImportBatch, ImportChunk

    _shop, plan, _paid = prepared(tmp_path, 120)
    monkeypatch.setattr(import_write, "SLICE_SECONDS", 0.0)
    monkeypatch.setattr(import_write, "SERVER_SLICE_SECONDS", 0.0)

    def fails(*_args):
        raise RuntimeError("the server went away")

    monkeypatch.setattr(import_write, "_write", fails)
    with pytest.raises(im.ImportFailed) as err:
        im.apply_import(plan, operator="匯入")
    assert not isinstance(err.value, im.ImportInterrupted)
    assert imported(plan) == dict(orders=0, placed=0, notices=0)
    assert ImportBatch.select().count() == 0 and ImportChunk.select().count() == 0


def a_clerk_first_is_reported_by_row(tmp_path: Path, monkeypatch) -> None:
    """After the import's first slice, a clerk records the payment of an order whose notice
    the import carries at its end: the import leaves that one notice out and names its row;
    everything else is written, the order has the clerk's notice only."""
    shop, plan, _paid = prepared(tmp_path, 120)
    early = svc.place_order(store_id=shop["store"].id, buyer=svc.Buyer("先付款的"),
                            items=[svc.Item("茶葉", 1, 500)], payment_method_id=shop["atm"].id,
                            shipping_method_id=shop["home"].id, operator="店員甲",
                            order_date=datetime(2026, 11, 1, 1))
    no = Order.get_by_id(early.order_id).order_no
    plan.notices.append(im.NewNotice("付款", 999, no, Notice(DAY, 620, "54321")))
    after_first_slice(monkeypatch, lambda: svc.record_payment_notice(
        early.order_id, Notice(DAY, 620, "11111"), operator="店員乙", today=DAY))
    result = im.apply_import(plan, operator="匯入")
    assert [(c.sheet, c.row, c.message()) for c in result.conflicts] == [
        ("付款", 999, f"訂單 {no} 在匯入開始後已被其他店員變更，這筆付款通知沒有匯入。")]
    assert "其中 1 列在匯入時，其他店員已先變更了它的訂單，所以沒有匯入：" in result.summary()
    assert f"付款:999 訂單 {no} 在匯入開始後已被其他店員變更" in result.summary()
    plan.notices.pop()
    assert imported(plan) == whole(plan)
    assert [n.account_last5 for n in PaymentNotice.select().where(PaymentNotice.order == early.order_id)] == ["11111"]


def first_commit_answer_lost(tmp_path: Path, monkeypatch) -> None:
    """The first slice commits but its answer is lost (the connection dropped during COMMIT):
    the importer cannot know, the journal does — the batch is "applying", so the import is
    reported as stopped part-way (not "nothing written") and the next import finishes it."""
    _shop, plan, _paid = prepared(tmp_path, 120)
    monkeypatch.setattr(import_write, "SLICE_SECONDS", 0.0)
    monkeypatch.setattr(import_write, "SERVER_SLICE_SECONDS", 0.0)
    real = import_write._slice_again

    def committed_then_lost(*args):
        real(*args)
        raise RuntimeError("server closed the connection unexpectedly")

    monkeypatch.setattr(import_write, "_slice_again", committed_then_lost)
    with pytest.raises(im.ImportInterrupted):
        im.apply_import(plan, operator="匯入")
    assert 0 < imported(plan)["orders"] < len(plan.orders)
    monkeypatch.setattr(import_write, "_slice_again", real)
    monkeypatch.setattr(import_write, "SLICE_SECONDS", 0.4)
    monkeypatch.setattr(import_write, "SERVER_SLICE_SECONDS", 0.25)
    im.apply_import(im.check_file(tmp_path / "orders.csv", today=DAY), operator="匯入")
    assert imported(plan) == whole(plan)
