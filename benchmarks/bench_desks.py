"""Many desks on one server (issue 11, item 9): how current every desk stays, and what the
server's CPU pays for it.

    python benchmarks/bench_desks.py --db postgresql://…/od_desks [--desks 50] [--seconds 30]
                                     [--orders 100000] [--json FILE]

A simulation on this machine, as the window does it:

* ``--desks`` desks, each its own connection (threads spread over ``--procs`` processes, so
  the desks' own Python uses both cores, as desks on separate computers would), each polling
  ``changes.change_token()`` once a second — the window's ``LiveRefresh`` — and, when it
  moved, refreshing what the window shows (on PostgreSQL each desk also LISTENs, as the window
  does, and polls at once when a NOTIFY arrives): the order tab counts, the cancellation counts and
  the first page of 訂單清單;
* one clerk making one change a second (a storefront order, ``place_order``).

Reported: every desk's lag from a change's commit to the poll that saw it (the largest and
the 95th percentile; the poll is once a second, so up to 1 s is the design, 2 s the limit),
the server's CPU (the server processes' user+system time from /proc, before and after:
the server runs on this machine), split per poll and per desk per change, and what a
200-desk shop would need.  The floor of a poll is one primary-key lookup (``SELECT MAX(id)
FROM status_history``) measured raw in the same run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import select
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SERVER_NAMES = ("postgres", "mariadbd", "mysqld")
#: The desks go on polling this long after the clerk's last change, to see it.
GRACE = 3.0


def process_cpu(pids) -> float:
    """CPU seconds (user + system) used so far by the processes ``pids`` (gone ones count 0)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        total += int(fields[11]) + int(fields[12])
    return total / tick


def backend_pids(db, listener=None) -> list[int]:
    """PostgreSQL: the server processes serving this desk (its connection, its LISTEN one),
    so that only their CPU is counted (other work on the same server is not); elsewhere []
    (MariaDB serves every connection from threads of one process: the whole server counts)."""
    import peewee as pw

    if not isinstance(db, pw.PostgresqlDatabase):
        return []
    pids = [db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]]
    if listener is not None:
        pids.append(listener.conn.get_backend_pid())
    return pids


def server_cpu() -> float:
    """CPU seconds (user + system) used so far by every server process on this machine."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        if name in SERVER_NAMES or name.startswith("postgres"):
            fields = stat[stat.rindex(")") + 2:].split()
            total += int(fields[11]) + int(fields[12])
    return total / tick


def _desk(url: str, seconds: float, start: float, out: list, counts: dict, listen: bool) -> None:
    try:
        _desk_loop(url, seconds, start, out, counts, listen)
    except Exception as exc:  # noqa: BLE001 - counted and reported, not hidden
        counts["error"] = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0][:120]}"


def _desk_loop(url: str, seconds: float, start: float, out: list, counts: dict, listen: bool) -> None:
    from app.models.db import database
    from app.services import cancel_list, changes, queries

    db = database.obj  # the process's database: each thread has its own connection to it
    # PostgreSQL: woken by the NOTIFY at commit, as the window is (a second connection each).
    listener = changes.listener() if listen else None
    pids = backend_pids(db, listener)
    cpu0 = process_cpu(pids)
    seen = None
    next_poll = time.monotonic() + random.uniform(0, 1)  # desks started at different moments
    while time.monotonic() < start + seconds + GRACE:
        wait = max(0.0, next_poll - time.monotonic())
        woken = False
        if listener is not None:
            woken = bool(select.select([listener.fileno()], [], [], wait)[0]) and listener.drain() > 0
        else:
            time.sleep(wait)
        if not woken:
            next_poll += 1.0
        token = changes.change_token()
        counts["polls"] += 1
        if token != seen:
            seen = token
            queries.count_orders(queries.OrderFilter())
            cancel_list.count_cancellations(cancel_list.CancelFilter())
            queries.fetch_orders(queries.OrderFilter())
            counts["refreshes"] += 1
            out.append((token[0], time.monotonic()))
    counts["cpu"] = process_cpu(pids) - cpu0 if pids else None
    if listener is not None:
        listener.close()


def desks_process(url: str, n: int, seconds: float, start: float, queue, listen: bool) -> None:
    """``n`` desks as threads; their observations (history id seen, when) back on ``queue``."""
    from app.models.db import connect

    connect(url, migrate=False)  # once: peewee keeps a connection per thread
    observations: list[list] = [[] for _ in range(n)]
    counts = [{"polls": 0, "refreshes": 0, "cpu": None, "error": None} for _ in range(n)]
    threads = [threading.Thread(target=_desk, args=(url, seconds, start, observations[i], counts[i], listen))
               for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    queue.put((observations, [c["polls"] for c in counts], [c["refreshes"] for c in counts],
               [c["cpu"] for c in counts], [c["error"] for c in counts]))


def clerk(url: str, seconds: float, start: float) -> list[tuple[int, float]]:
    """One change a second: returns (its last history id, the moment its commit returned)."""
    from app.models.db import connect
    from app.models.tables import PaymentMethod, ShippingMethod, Store
    from app.services.orders import Buyer, Item, place_order

    connect(url, migrate=False)
    store, pm, sm = Store.select().first(), PaymentMethod.select().first(), ShippingMethod.select().first()
    made = []
    i = 0
    while time.monotonic() < start + seconds:
        t0 = time.monotonic()
        change = place_order(store_id=store.id, buyer=Buyer(f"模擬{i}", "0912345678"),
                             items=[Item("測試商品", 1, 100)], payment_method_id=pm.id,
                             shipping_method_id=sm.id, operator="storefront")
        made.append((max(change.history_ids), time.monotonic()))
        i += 1
        time.sleep(max(0.0, 1.0 - (time.monotonic() - t0)))
    return made


def _server_ms(db, call, runs: int) -> float:
    """Server CPU per ``call()`` (ms): its own backend's on PostgreSQL, the server's elsewhere."""
    pids = backend_pids(db)
    cpu = (lambda: process_cpu(pids)) if pids else server_cpu
    before = cpu()
    for _ in range(runs):
        call()
    return (cpu() - before) / runs * 1000


def poll_floor(url: str, runs: int = 1000) -> float:
    """Server CPU of the raw floor: ``SELECT MAX(id) FROM status_history``, per call (ms)."""
    from app.models.db import connect

    db = connect(url, migrate=False)
    cursor = db.cursor()
    return _server_ms(db, lambda: (cursor.execute("SELECT MAX(id) FROM status_history"), cursor.fetchone()),
                      runs)


def poll_cost(url: str, runs: int = 1000) -> float:
    """Server CPU of one ``change_token()`` (ms)."""
    from app.models.db import connect
    from app.services import changes

    return _server_ms(connect(url, migrate=False), changes.change_token, runs)


def ensure_shop(url: str, orders: int) -> int:
    from app.models.db import connect
    from app.models.tables import Order
    from app.services.demo import build_demo

    connect(url)
    have = Order.select().count()
    if have < orders:
        print(f"building {orders - have:,} demo orders in {url} …", flush=True)
        build_demo(orders - have, bulk_threshold=0)
    return Order.select().count()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the server's URL (PostgreSQL or MariaDB)")
    parser.add_argument("--desks", type=int, default=50)
    parser.add_argument("--procs", type=int, default=5, help="processes the desks run in")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--no-listen", action="store_true",
                        help="PostgreSQL: poll only (one connection a desk instead of two)")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()

    orders = ensure_shop(args.db, args.orders)
    floor = poll_floor(args.db)
    poll = poll_cost(args.db)
    ctx = mp.get_context("spawn")
    queue = ctx.Queue()
    start = time.monotonic() + 3  # every process connected before the clock starts
    per = [args.desks // args.procs + (i < args.desks % args.procs) for i in range(args.procs)]
    procs = [ctx.Process(target=desks_process, args=(args.db, n, args.seconds, start, queue, not args.no_listen))
             for n in per if n]
    for p in procs:
        p.start()
    time.sleep(max(0.0, start - time.monotonic()))
    cpu0 = server_cpu()
    made = clerk(args.db, args.seconds, start)
    results = [queue.get() for _ in procs]
    for p in procs:
        p.join()
    cpu = server_cpu() - cpu0
    failed = [e for r in results for e in r[4] if e]
    desk_cpu = [c for r in results for c in r[3]]
    if all(c is not None for c in desk_cpu):  # PostgreSQL: only the desks' own backends
        cpu = sum(desk_cpu)

    observations = [obs for r in results for obs in r[0]]
    polls = sum(sum(r[1]) for r in results)
    refreshes = sum(sum(r[2]) for r in results)
    lags = []
    for hid, committed in made:
        for desk in observations:
            when = next((t for seen, t in desk if seen >= hid), None)
            if when is not None:
                lags.append(when - committed)
    missed = len(made) * len(observations) - len(lags)
    refresh_cpu = max(0.0, cpu - polls * poll / 1000)
    per_change = refresh_cpu / max(1, refreshes) * 1000
    figures = {
        "desk_lag_max": {"value": round(max(lags) * 1000, 1), "floor": 1000.0, "unit": "ms"},
        "desk_lag_p95": {"value": round(statistics.quantiles(lags, n=20)[-1] * 1000, 1), "floor": 1000.0,
                         "unit": "ms"},
        "server_cpu_poll": {"value": round(poll, 3), "floor": round(floor, 3), "unit": "ms"},
        "server_cpu_refresh_per_desk_per_change": {"value": round(per_change, 2), "floor": None, "unit": "ms"},
    }
    seconds = args.seconds
    print(f"{orders:,} orders; {args.desks} desks in {len(procs)} processes; {len(made)} changes in "
          f"{seconds:.0f} s; {polls:,} polls, {refreshes:,} refreshes")
    if failed:
        print(f"desks that failed: {len(failed)} (first: {failed[0]})")
    print(f"lag from commit to the desk's refresh: max {max(lags):.2f} s, p95 "
          f"{statistics.quantiles(lags, n=20)[-1]:.2f} s, median {statistics.median(lags):.2f} s; "
          f"changes a desk never saw: {missed}")
    print(f"server CPU: {cpu:.2f} s in {seconds:.0f} s ({cpu / seconds * 100:.0f}% of one core); "
          f"a poll {poll:.3f} ms (floor {floor:.3f} ms, ×{poll / floor if floor else 0:.1f}); "
          f"a refresh {per_change:.2f} ms per desk per change")
    need = (200 * poll / 1000) + (200 * per_change / 1000)  # core-seconds per second at 1 change/s
    print(f"200 desks at one change a second: about {need:.2f} server cores "
          f"({200 * poll / 1000:.2f} for polls, {200 * per_change / 1000:.2f} for refreshes)")
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": figures}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
