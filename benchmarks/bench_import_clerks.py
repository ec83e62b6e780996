"""An import beside working clerks (issue 15, item 5): the import's time and the longest wait
of a clerk's action behind it, beside the 2 s bound.

    python benchmarks/bench_import_clerks.py [--orders 30000] [--server-orders 8000]

A SQLite file under a temporary folder, and the PostgreSQL / MariaDB servers named by
``ORDERDESK_TEST_PG`` / ``ORDERDESK_TEST_MYSQL`` when set (a throw-away database each).  The
race is the test's (tests/import_clerks.py): new orders, a third with their payment notice,
imported while a clerk on another connection keeps placing orders and confirming payments
(the import's own orders once they are paid), every action timed.

Before issue 15 item 5 (one transaction for the whole import) the adversarial run measured:
SQLite, ~150k orders held the write lock 11.5 s and clerks' actions failed with "database is
locked"; PostgreSQL blocked every place_order for the whole write (8.8 s at 20k orders, 71 s
at 80k) and failed with "deadlock detected"; MariaDB passed deadlocks (1213) to the clerks.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "server")]


def one(name: str, url: str | None, orders: int) -> str:
    from import_clerks import WAIT_BOUND, race

    from app.models.db import connect, database

    with tempfile.TemporaryDirectory() as folder:
        connect(url or "sqlite:///" + str(Path(folder) / "bench.db"))
        try:
            seen = race(Path(folder), orders)
        finally:
            database.close()
    waits = sorted(w for _a, w, _e in seen["during"])
    fails = len(seen["errors"])
    return (f"{name:<11} {orders:>8,} {seen['seconds']:>8.1f} {len(waits):>8} "
            f"{waits[len(waits) // 2] * 1000:>8.0f} {waits[-1] * 1000:>8.0f} {WAIT_BOUND * 1000:>8.0f} {fails:>6}")


def main() -> None:
    from server_db import base_url, fresh_database

    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=30_000, help="orders imported into SQLite")
    ap.add_argument("--server-orders", type=int, default=8_000, help="orders imported into a server")
    args = ap.parse_args()
    print(f"{'backend':<11} {'orders':>8} {'import s':>8} {'actions':>8} {'median ms':>8} "
          f"{'longest':>8} {'bound':>8} {'failed':>6}")
    print(one("SQLite", None, args.orders), flush=True)
    for kind, name in (("pg", "PostgreSQL"), ("mysql", "MariaDB")):
        if base_url(kind):
            with fresh_database(kind) as url:
                print(one(name, url, args.server_orders), flush=True)


if __name__ == "__main__":
    main()
