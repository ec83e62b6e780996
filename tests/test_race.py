"""Eight desks race for the same 300 orders in one database.

Each desk is a separate process (this file run as a script: ``python tests/test_race.py URL
DESK STEP``) that connects to the database URL, loads its "screen" (every order in the step's
starting status, with the version it shows), says READY, waits for GO, then acts on every order
of its screen in its own shuffled order.  Half the desks pass the version their screen showed
(``expected_version``: they are told when another desk was first), the other half act on the
current row (they are refused once the order has moved on).

Two steps: 確認付款 (all desks the same action), then 出貨 against 缺貨 (desks disagree on
what to do with the same orders).  Each step: exactly 300 successes, each order moved by one
desk, no order with two history records for one step, no error other than "another desk was
first" or "the status no longer allows it" (no "database is locked"), and on SQLite
``PRAGMA integrity_check`` is ok.

The backends: SQLite always; PostgreSQL and MariaDB when ``ORDERDESK_TEST_PG`` /
``ORDERDESK_TEST_MYSQL`` name a server (a throw-away database is created there and dropped).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script by the race's worker processes
    sys.path.insert(0, str(ROOT))

ORDERS = 300
DESKS = 8
STEPS = {
    # step: (the status the desk's screen lists, the actions desks take on it)
    "confirm": ("PAID", ("CONFIRM_PAYMENT",)),
    "ship_or_out": ("AWAITING_SHIPMENT", ("SHIP", "OUT_OF_STOCK")),
}


# ---------------------------------------------------------------- the worker (one desk)


def desk(url: str, index: int, step: str) -> dict:
    """One desk's run; returns its report (printed as JSON by ``main``)."""
    from app.domain.errors import StaleError, TransitionError
    from app.domain.inputs import ShipInput
    from app.models.db import connect, database
    from app.models.tables import Order
    from app.services import orders as svc

    connect(url, migrate=False)
    status, actions = STEPS[step]
    action = actions[index % len(actions)]
    use_version = index % 2 == 0
    screen = dict(Order.select(Order.id, Order.version).where(Order.status == status).tuples())
    ids = sorted(screen)
    random.Random(index).shuffle(ids)
    operator = f"desk{index}"
    print("READY", flush=True)
    if sys.stdin.readline().strip() != "GO":
        return {"index": index, "errors": ["no GO"], "won": [], "counts": {}, "seconds": 0}
    won, errors, counts = [], [], Counter()
    start = time.perf_counter()
    for oid in ids:
        version = screen[oid] if use_version else None
        try:
            if action == "CONFIRM_PAYMENT":
                svc.confirm_payment(oid, operator=operator, expected_version=version)
            elif action == "SHIP":
                svc.ship(oid, ShipInput(date.today(), "黑貓", f"R{oid}-{index}"), operator=operator,
                         expected_version=version)
            else:
                svc.mark_out_of_stock(oid, f"desk{index} 缺貨", operator=operator, expected_version=version)
        except StaleError:
            counts["stale"] += 1
        except TransitionError:
            counts["refused"] += 1
        except Exception as exc:  # noqa: BLE001 - reported, and the test fails on it
            counts["error"] += 1
            errors.append(f"{type(exc).__name__}: {exc}")
        else:
            counts["ok"] += 1
            won.append(oid)
    seconds = time.perf_counter() - start
    database.close()
    return {"index": index, "action": action, "with_version": use_version, "won": won,
            "counts": dict(counts), "errors": errors, "seconds": seconds}


def main(argv: list[str]) -> int:
    url, index, step = argv[0], int(argv[1]), argv[2]
    print(json.dumps(desk(url, index, step), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


# ---------------------------------------------------------------- the test

import pytest  # noqa: E402

if str(Path(__file__).resolve().parent / "server") not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent / "server"))
from server_db import fresh_database  # noqa: E402


@pytest.fixture
def race_url(request, tmp_path):
    """A fresh, migrated database of the parametrized backend, with 300 PAID orders."""
    from app.domain.inputs import PaymentNotice
    from app.models.db import connect
    from app.models.tables import PaymentMethod, ShippingMethod, Store
    from app.services.orders import Buyer, Item, place_order, record_payment_notice

    kind = request.param
    with contextlib.ExitStack() as stack:
        if kind == "sqlite":
            url = "sqlite:///" + str(tmp_path / "race.db")
        else:
            url = stack.enter_context(fresh_database(kind))  # a throw-away database, dropped after
        db = connect(url)
        stack.callback(db.close)
        store = Store.create(name="競速商店")
        pm = PaymentMethod.create(title="ATM 轉帳")
        sm = ShippingMethod.create(title="宅配", fee=120, free_threshold=1000)
        today = date.today()
        for i in range(ORDERS):
            ch = place_order(store_id=store.id, buyer=Buyer(f"買家{i:03d}"), items=[Item("杯子", 1, 300 + i)],
                             payment_method_id=pm.id, shipping_method_id=sm.id, operator="storefront")
            record_payment_notice(ch.order_id, PaymentNotice(today, 420 + i, "12345"), operator="storefront")
        yield kind, url


def race(url: str, step: str) -> tuple[list[dict], float]:
    """Start the desks, wait until each has loaded its screen, say GO, collect the reports."""
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    procs = [subprocess.Popen([sys.executable, __file__, url, str(i), step], cwd=ROOT, env=env, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in range(DESKS)]
    try:
        for p in procs:
            line = p.stdout.readline().strip()
            assert line == "READY", f"desk did not start: {line!r} {p.stderr.read()}"
        start = time.perf_counter()
        for p in procs:
            p.stdin.write("GO\n")
            p.stdin.flush()
        reports = []
        for p in procs:
            out, err = p.communicate(timeout=600)
            assert p.returncode == 0, err
            reports.append(json.loads(out.strip().splitlines()[-1]))
        return reports, time.perf_counter() - start
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()


def check_step(kind: str, step: str, reports: list[dict], seconds: float) -> None:
    from peewee import fn

    from app.models.db import database
    from app.models.tables import Order, StatusHistory

    status, actions = STEPS[step]
    errors = [e for r in reports for e in r["errors"]]
    assert errors == [], errors[:5]
    assert not any("locked" in e for e in errors)
    won = [oid for r in reports for oid in r["won"]]
    assert len(won) == ORDERS and len(set(won)) == ORDERS  # exactly 300, each order once
    attempts = sum(sum(r["counts"].values()) for r in reports)
    assert attempts == DESKS * ORDERS
    winner = {oid: r for r in reports for oid in r["won"]}
    rows = {o.id: o for o in Order.select()}
    assert len(rows) == ORDERS
    for oid, o in rows.items():
        r = winner[oid]
        assert o.updated_by == f"desk{r['index']}"
        expected = {"CONFIRM_PAYMENT": "AWAITING_SHIPMENT", "SHIP": "COMPLETED", "OUT_OF_STOCK": "OUT_OF_STOCK"}
        assert o.status == expected[r["action"]]
    # no order has two history records for one step
    doubled = (StatusHistory.select(StatusHistory.order, StatusHistory.from_status, fn.COUNT(StatusHistory.id))
               .group_by(StatusHistory.order, StatusHistory.from_status)
               .having(fn.COUNT(StatusHistory.id) > 1))
    assert list(doubled.tuples()) == []
    moved = StatusHistory.select().where(StatusHistory.from_status == status)
    assert moved.count() == ORDERS
    assert {(h.order_id, h.operator, h.action) for h in moved} == {
        (oid, f"desk{winner[oid]['index']}", winner[oid]["action"]) for oid in rows}
    if kind == "sqlite":
        assert database.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    totals = Counter()
    for r in reports:
        totals.update(r["counts"])
    slowest = max(r["seconds"] for r in reports)
    print(f"\n[race {kind} {step}] {DESKS} desks x {ORDERS} orders: {dict(totals)}; "
          f"{seconds:.2f} s from GO to the last report (slowest desk {slowest:.2f} s, "
          f"{attempts / seconds:.0f} attempts/s)")


@pytest.mark.slow
@pytest.mark.parametrize("race_url", [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("pg", id="postgresql", marks=pytest.mark.server),
    pytest.param("mysql", id="mariadb", marks=pytest.mark.server),
], indirect=True)
def test_eight_desks_race_for_the_same_orders(race_url):
    kind, url = race_url
    from app.models.db import database

    database.obj.close()  # the desks are the only clients while they race
    reports, seconds = race(url, "confirm")
    database.obj.connect(reuse_if_open=True)
    check_step(kind, "confirm", reports, seconds)
    database.obj.close()
    reports, seconds = race(url, "ship_or_out")
    database.obj.connect(reuse_if_open=True)
    check_step(kind, "ship_or_out", reports, seconds)
