"""Issue 11 item 10: the demo's bulk build on PostgreSQL beside its floor.

    python benchmarks/bench_demo_build.py --orders 1000000 --db postgresql://postgres@127.0.0.1/postgres
                                          [--name od_demo_build] [--keep] [--json FILE]

``--db`` is a server login that may create databases; the database ``<name>_<orders>`` is
(re)created on it, migrated, and the demo built into it with ``build_demo(--orders)`` (its
stores and methods, the orders in bulk, the VAT filings and remittances, ANALYZE):

* ``demo_build``: that build, wall clock, in seconds (the build's own phases are not split:
  on an empty PostgreSQL shop it makes the rows in one thread and a forked helper while
  another thread copies them in),
  with this process's CPU time, its forked helper's (``demo_bulk._Helper``, which makes every
  other batch's rows) and the machine's load average beside it (the Python that makes the
  rows is most of the work: on a shared machine the wall clock follows its share);
* its floor: the bare COPY of the same rows of each table the bulk path writes (``order``,
  its items, notices, requests, history, invoices, voids, allowances and ``order_gram``) into a
  copy of the table without indexes, constraints or triggers (``CREATE TABLE … (LIKE …)``),
  from a file of them written by ``COPY … TO`` before the clock starts; each table's own
  floor is printed too.

``--keep`` leaves the database there (for ``bench_tables.py`` on it); otherwise it is dropped,
with the clerk's and supervisor's group roles its migrations made.
``--json FILE`` writes ``{"figures": {NAME: {"value", "floor", "unit"}}}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: The tables the bulk path fills, largest last.
TABLES = ("invoice_void", "invoice_allowance", "cancellation_request", "payment_notice", "invoice",
          "order_item", "order", "status_history", "order_gram")


def _admin(url: str, sql: str) -> None:
    import psycopg2

    conn = psycopg2.connect(url, connect_timeout=10)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(sql)
    conn.close()


def floors(url: str) -> dict[str, float]:
    """Seconds of the bare COPY of each table's rows into an empty copy of it."""
    import psycopg2

    conn = psycopg2.connect(url)
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for table in TABLES:
            path = Path(tmp) / f"{table}.copy"
            with conn.cursor() as cur, open(path, "w", encoding="utf-8") as f:
                cur.copy_expert(f'COPY "{table}" TO STDOUT', f)
            with conn.cursor() as cur:
                cur.execute(f'CREATE TEMP TABLE "floor_{table}" (LIKE "{table}")')
            conn.commit()
            with conn.cursor() as cur, open(path, encoding="utf-8") as f:
                began = time.perf_counter()
                cur.copy_expert(f'COPY "floor_{table}" FROM STDIN', f)
                conn.commit()
                out[table] = time.perf_counter() - began
            with conn.cursor() as cur:
                cur.execute(f'DROP TABLE "floor_{table}"')
            conn.commit()
            path.unlink()
    conn.close()
    return out


def _children_cpu() -> float:
    """CPU seconds of this process's children that ended (the load's forked helper)."""
    t = os.times()
    return t.children_user + t.children_system


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--db", required=True, help="a PostgreSQL URL whose login may create databases")
    parser.add_argument("--name", default="od_demo_build", help="the database's name, before _<orders>")
    parser.add_argument("--keep", action="store_true", help="leave the database there")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)

    from app.models.db import connect
    from app.services.demo import build_demo

    name = f"{args.name}_{args.orders}"
    parts = urlsplit(args.db)
    url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
    _admin(args.db, f"DROP DATABASE IF EXISTS {name}")
    _admin(args.db, f"CREATE DATABASE {name}")
    try:
        db = connect(url)
        began, cpu, child = time.perf_counter(), time.process_time(), _children_cpu()
        summary = build_demo(args.orders)
        build, cpu = time.perf_counter() - began, time.process_time() - cpu
        child = _children_cpu() - child
        load = os.getloadavg()[1]
        db.close()
        print(summary, file=sys.stderr)
        floor = floors(url)
    finally:
        if not args.keep:  # the database and the two group roles its migrations made
            _admin(args.db, f"DROP DATABASE IF EXISTS {name}")
            from app.models.desk_roles import role_names

            for role in role_names(name):
                _admin(args.db, f'DROP ROLE IF EXISTS "{role}"')
    print(f"| figure ({args.orders:,} orders, PostgreSQL) | value s | floor s | ratio |")
    print("|---|---:|---:|---:|")
    total = sum(floor.values())
    print(f"| demo_build | {build:.1f} | {total:.1f} | ×{build / total:.1f} |")
    for table, seconds in floor.items():
        print(f"| floor: COPY {table} | | {seconds:.1f} | |")
    print(f"build: this process's CPU {cpu:.0f} s (both threads), its helper's {child:.0f} s; the "
          f"machine's load average over the last 5 minutes {load:.1f} on {os.cpu_count()} cores")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "figures": {"demo_build": {"value": build, "floor": total, "unit": "s"}},
            "floors": floor, "build_cpu_s": cpu, "helper_cpu_s": child, "load_average_5min": load, "n": args.orders,
            "database": name}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
