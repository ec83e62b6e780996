"""Issue 11 item 7: a set-based bulk action beside its floor.

    python benchmarks/bench_bulk.py [--orders 10000] [--demo 20000] [--db URL] [--runs 3]
                                    [--single] [--json FILE]

A demo database (``build_demo(--demo)``, its stores, methods and history) plus ``--orders``
PAID orders (imported through ``importer.apply_import``: the orders, then a payment notice of
each order's total) is built once under ``$ORDERDESK_BENCH_DIR`` (default
/tmp/orderdesk-bench), or with ``--db`` on that PostgreSQL server as the database
``od_bulk_<demo>_<orders>``.  Each run starts from a fresh copy of it (a file copy, or
``CREATE DATABASE … TEMPLATE``), on a fresh connection:

* ``bulk_confirm_payment``: 確認付款 of every PAID order it added, by
  ``orders.bulk_action`` with each order's version (what the views' bulk form runs, in its
  background job): the reads, the per-order checks, the writes;
* its floor: the same rows (built by ``writes.order_step`` before the clock starts) written
  raw in one transaction: one ``executemany`` UPDATE of the orders, their history records
  by ``bulk.insert_rows`` (on SQLite ``bulk.ROWS`` rows a statement; on PostgreSQL
  ``bulk.executemany``: psycopg2's ``execute_batch``, a page of statements per round trip),
  as ``bulk_action`` writes;
* ``--single``: the old bulk form, ``confirm_payment`` once per order (one run; slow).

Runs alternate value and floor; medians in milliseconds.  ``--json FILE`` writes
``{"figures": {NAME: {"value", "floor", "unit"}}}``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_DIR = Path(os.environ.get("ORDERDESK_BENCH_DIR", "/tmp/orderdesk-bench"))
OPERATOR = "店員甲"


class Target:
    """The template database and its fresh copies (SQLite files or PostgreSQL databases)."""

    def __init__(self, server: str | None, demo: int, orders: int):
        self.server = server
        self.name = f"od_bulk_{demo}_{orders}"
        self.path = BENCH_DIR / f"bulk-{demo}-{orders}.db"
        self.marker = BENCH_DIR / (f"{self.name}-{server.split(':')[0]}.done" if server else f"{self.name}.done")
        self.copies = 0

    def url(self, name: str | None = None) -> str:
        if not self.server:
            return "sqlite:///" + str(BENCH_DIR / f"{name}.db" if name else self.path)
        from urllib.parse import urlsplit, urlunsplit

        p = urlsplit(self.server)
        return urlunsplit((p.scheme, p.netloc, f"/{name or self.name}", p.query, ""))

    def _admin(self, *statements: str) -> None:
        import psycopg2

        conn = psycopg2.connect(self.server, connect_timeout=5)
        conn.autocommit = True
        with conn.cursor() as cur:
            for sql in statements:
                cur.execute(sql)
        conn.close()

    def create(self) -> None:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        if self.server:
            self._admin(f"DROP DATABASE IF EXISTS {self.name}", f"CREATE DATABASE {self.name}")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)

    def fresh(self) -> str:
        """A new copy of the template; its URL."""
        self.copies += 1
        name = f"{self.name}_run{self.copies}"
        if self.server:
            self._admin(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name} TEMPLATE {self.name}")
        else:
            shutil.copyfile(self.path, BENCH_DIR / f"{name}.db")
        return self.url(name)

    def drop(self, url: str) -> None:
        from app.models.db import database

        database.obj.close()
        name = url.rsplit("/", 1)[-1].removesuffix(".db")
        if self.server:
            self._admin(f"DROP DATABASE IF EXISTS {name}")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(str(BENCH_DIR / name) + ".db" + suffix).unlink(missing_ok=True)


def build(target: Target, demo: int, orders: int) -> None:
    """The template: the demo's shop and orders, then ``orders`` PAID orders imported."""
    from app.models.db import connect, database
    from app.models.tables import Order, PaymentMethod, ShippingMethod, Store
    from app.services import importer
    from app.services.common import now_or
    from app.services.demo import build_demo

    target.create()
    connect(target.url())
    t0 = time.perf_counter()
    build_demo(demo)
    store = Store.select().order_by(Store.id).first().name
    pay = (PaymentMethod.select().where(~PaymentMethod.archived & (PaymentMethod.refund_channel != "cod"))
           .order_by(PaymentMethod.id).first().title)
    ship = (ShippingMethod.select().where(~ShippingMethod.archived & (ShippingMethod.pickup_chain == ""))
            .order_by(ShippingMethod.id).first().title)
    day = (now_or(None) - timedelta(days=1)).strftime("%Y-%m-%d")
    nos = [f"B{i:08d}" for i in range(orders)]
    folder = BENCH_DIR / "bulk-csv"
    folder.mkdir(parents=True, exist_ok=True)

    def load(name: str, header: list, rows) -> None:
        path = folder / name
        with path.open("w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
        plan = importer.check_file(path)
        assert not plan.bad, plan.bad[:3]
        importer.apply_import(plan, operator="匯入")

    load("orders.csv", ["訂單編號", "訂單日期", "商店名稱", "付款方式", "送貨方式", "訂購人", "電話",
                        "電子郵件", "送貨地址", "商品", "規格", "數量", "單價"],
         ([no, f"{day} 10:00", store, pay, ship, "王小明", "0912345678", "a@example.com", "台北市",
           "藍牙耳機", "黑", 1, 350 + i % 500] for i, no in enumerate(nos)))
    totals = dict(Order.select(Order.order_no, Order.total).where(Order.order_no.in_(nos)).tuples())
    load("notices.csv", ["訂單編號", "轉帳日期", "金額", "帳號末五碼", "備註"],
         ([no, day, totals[no], "12345", ""] for no in nos))
    database.obj.close()
    target.marker.write_text(json.dumps({"demo": demo, "orders": orders,
                                         "build_s": round(time.perf_counter() - t0, 1)}))


def _selection(prefix: str = "B") -> list[tuple[int, int]]:
    """The added PAID orders (id, version), as the clerk's screen holds them."""
    from app.models.tables import Order

    return list(Order.select(Order.id, Order.version)
                .where((Order.status == "PAID") & Order.order_no.startswith(prefix))
                .order_by(Order.id).tuples())


def run_value(target: Target) -> float:
    from app.domain.statuses import OrderAction
    from app.models.db import connect
    from app.services import orders

    url = target.fresh()
    connect(url, migrate=False)
    selected = _selection()
    t0 = time.perf_counter()
    out = orders.bulk_action(OrderAction.CONFIRM_PAYMENT, [(i, v, None) for i, v in selected],
                             operator=OPERATOR)
    ms = (time.perf_counter() - t0) * 1000
    assert all(o.ok for o in out) and len(out) == len(selected)
    target.drop(url)
    return ms


def run_floor(target: Target) -> float:
    from app.domain.statuses import OrderAction
    from app.models.db import connect, database, write_transaction
    from app.models.tables import Order, PaymentNotice, StatusHistory
    from app.services import writes
    from app.services.bulk import executemany, insert_rows, update_sql
    from app.services.common import now_or

    url = target.fresh()
    db = connect(url, migrate=False)
    ids = [i for i, _v in _selection()]
    notices = dict(PaymentNotice.select(PaymentNotice.order, PaymentNotice.amount)
                   .where(PaymentNotice.order.in_(ids)).order_by(PaymentNotice.id).tuples())
    now = now_or(None)
    updates, history = [], []
    sql_update = None
    for row in Order.select().where(Order.id.in_(ids)).order_by(Order.id).objects():
        state = writes.OrderState(row.id, row.status, row.version, row.total, notice_amount=notices[row.id])
        step = writes.order_step(state, OrderAction.CONFIRM_PAYMENT, operator=OPERATOR, at=now)
        sql_update = sql_update or update_sql(db, Order, tuple(step.order_set))
        updates.append((*step.order_set.values(), row.id, step.order_from, step.order_version))
        history.extend(step.history_rows())
    fields = ("order", "cancellation", *writes.HISTORY_COLUMNS)
    t0 = time.perf_counter()
    with write_transaction():
        cursor = database.obj.cursor()
        executemany(db, cursor, sql_update, updates)
        insert_rows(db, cursor, StatusHistory, fields, history)
    ms = (time.perf_counter() - t0) * 1000
    assert Order.select().where(Order.id.in_(ids) & (Order.status == "AWAITING_SHIPMENT")).count() == len(ids)
    target.drop(url)
    return ms


def run_single(target: Target) -> float:
    from app.models.db import connect
    from app.services import orders

    url = target.fresh()
    connect(url, migrate=False)
    selected = _selection()
    t0 = time.perf_counter()
    for i, v in selected:
        orders.confirm_payment(i, operator=OPERATOR, expected_version=v)
    ms = (time.perf_counter() - t0) * 1000
    target.drop(url)
    return ms


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=10000, help="PAID orders confirmed (default 10000)")
    parser.add_argument("--demo", type=int, default=20000, help="demo orders around them (default 20000)")
    parser.add_argument("--db", help="a PostgreSQL URL (its user may create databases); default SQLite files")
    parser.add_argument("--runs", type=int, default=3, help="runs of value and floor, alternated (median)")
    parser.add_argument("--single", action="store_true", help="also the old per-order loop (one run)")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    target = Target(args.db, args.demo, args.orders)
    if not target.marker.exists() or (not args.db and not target.path.exists()):
        print(f"building {args.demo:,} demo orders + {args.orders:,} PAID ...", file=sys.stderr, flush=True)
        build(target, args.demo, args.orders)
    value, floor = [], []
    for _ in range(args.runs):
        value.append(run_value(target))
        floor.append(run_floor(target))
    name = f"bulk confirm payment {args.orders:,} orders"
    figures = {name: {"value": round(statistics.median(value), 1), "floor": round(statistics.median(floor), 1),
                      "unit": "ms"}}
    if args.single:
        figures[f"per-order confirm payment {args.orders:,} orders (old bulk form)"] = {
            "value": round(run_single(target), 1), "floor": figures[name]["floor"], "unit": "ms"}
    where = args.db.split("@")[-1] if args.db else "SQLite"
    print(f"{args.orders:,} PAID orders among {args.demo:,} demo orders, {where}, medians of {args.runs} runs (ms):")
    print("| figure | OrderDesk | floor | ratio |")
    print("|---|---:|---:|---:|")
    for fname, f in figures.items():
        print(f"| {fname} | {f['value']:.1f} | {f['floor']:.1f} | ×{f['value'] / f['floor']:.2f} |")
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": figures, "orders": args.orders, "demo": args.demo,
                                               "db": where, "runs": {"value": value, "floor": floor}},
                                              ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
