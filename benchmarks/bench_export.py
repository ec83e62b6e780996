"""Excel export: seconds and peak memory for 10,000 and 100,000 orders (issue 6).

    python benchmarks/bench_export.py [--sizes 10000 100000] [--repeat 1]

For each size it builds ``/tmp/exp-N.db`` with ``orderdesk demo`` when missing, then runs,
each in a fresh process so that peaks do not mix:

* ``orderdesk``  — ``export_orders`` of 訂單清單 (all orders, newest first): 訂單 + 商品明細 + 說明;
* ``orderdesk-2MB`` — the same with SQLite's page cache at 2 MB instead of the app's 64 MB
  (``SQLITE_PRAGMAS``): what is left is the export's own memory;
* ``openpyxl``   — the floor: the same rows read with plain ``sqlite3`` and the same cells
  (12 order columns, 6 item columns, dates and money as ``WriteOnlyCell`` with a number format)
  written by openpyxl's write-only mode, nothing else.

Peak memory is the process's peak resident set during the export (``VmHWM``, reset just before
it), and how much that is above the resident set before the export started.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from procstat import reset_peak, status_kb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent




def build_db(n: int) -> str:
    path = f"/tmp/exp-{n}.db"
    if not Path(path).exists():
        print(f"building {path} …", file=sys.stderr, flush=True)
        subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--orders", str(n),
                        "--db", "sqlite:///" + path], check=True, cwd=ROOT)
    return path


def run_orderdesk(db: str, out: str, cache_kb: int | None = None) -> dict:
    sys.path.insert(0, str(ROOT))
    import openpyxl  # noqa: F401 - imported before measuring, as the raw run does

    from app.models.db import connect
    from app.services.export import export_orders
    from app.services.queries import OrderFilter

    database = connect("sqlite:///" + db)
    if cache_kb is not None:
        database.execute_sql(f"PRAGMA cache_size=-{cache_kb}")
    before = status_kb("VmRSS")
    reset_peak()
    t0 = time.perf_counter()
    result = export_orders(OrderFilter(), out, operator="bench", filters_text="無")
    seconds = time.perf_counter() - t0
    return dict(seconds=seconds, rows=result.rows, items=result.items, rss_before=before,
                peak=status_kb("VmHWM"))


def run_openpyxl(db: str, out: str) -> dict:
    import sqlite3
    from datetime import UTC, date, datetime

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    con = sqlite3.connect(db)
    before = status_kb("VmRSS")
    reset_peak()
    t0 = time.perf_counter()
    stores = dict(con.execute("SELECT id, name FROM store"))
    wb = Workbook(write_only=True)
    orders = wb.create_sheet("訂單")
    items = wb.create_sheet("商品明細")
    orders.append(["訂單編號", "訂單日期", "目前狀態", "出貨日期", "商店名稱", "付款方式", "運送方式",
                   "訂購人", "電話", "商品小計", "運費", "訂單金額"])
    items.append(["訂單編號", "商品", "規格", "數量", "單價", "小計"])
    money = '"NT$"#,##0;-"NT$"#,##0'

    def cell(ws, value, fmt):
        c = WriteOnlyCell(ws, value)
        c.number_format = fmt
        return c

    rows = n_items = 0
    batch = []

    def flush():
        nonlocal n_items
        if not batch:
            return
        ids = [oid for oid, _no in batch]
        found = {}
        q = (f"SELECT order_id, product, options, quantity, unit_price FROM order_item "
             f"WHERE order_id IN ({','.join('?' * len(ids))}) ORDER BY order_id, id")
        for oid, product, options, qty, price in con.execute(q, ids):
            found.setdefault(oid, []).append((product, options, qty, price))
        for oid, no in batch:
            for product, options, qty, price in found.get(oid, ()):
                items.append([no, product, options, qty, cell(items, price, money),
                              cell(items, qty * price, money)])
                n_items += 1
        batch.clear()

    q = ('SELECT id, order_no, order_date, status, ship_date, store_id, payment_method_name, '
         'shipping_method_name, buyer_name, buyer_phone, subtotal, shipping_fee, total '
         'FROM "order" ORDER BY order_date DESC, id DESC')
    for (oid, no, odate, status, sdate, store, pm, sm, name, phone, sub, fee, total) in con.execute(q):
        local = datetime.fromisoformat(odate).replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
        orders.append([no, cell(orders, local, "yyyy-mm-dd hh:mm"), status,
                       cell(orders, date.fromisoformat(sdate), "yyyy-mm-dd") if sdate else None,
                       stores[store], pm, sm, name, phone, cell(orders, sub, money),
                       cell(orders, fee, money), cell(orders, total, money)])
        rows += 1
        batch.append((oid, no))
        if len(batch) >= 500:
            flush()
    flush()
    wb.save(out)
    seconds = time.perf_counter() - t0
    return dict(seconds=seconds, rows=rows, items=n_items, rss_before=before, peak=status_kb("VmHWM"))


def measure(kind: str, n: int) -> dict:
    db = build_db(n)
    out = f"/tmp/bench-export-{kind}-{n}.xlsx"
    proc = subprocess.run([sys.executable, __file__, "--child", kind, db, out],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["size_mb"] = os.path.getsize(out) / 1e6
    os.remove(out)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each; the best is shown")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, db, out = args.child
        if kind == "openpyxl":
            result = run_openpyxl(db, out)
        else:
            result = run_orderdesk(db, out, 2000 if kind == "orderdesk-2MB" else None)
        print(json.dumps(result))
        return
    print(f"{'orders':>8} {'writer':<13} {'items':>8} {'seconds':>8} {'peak MB':>8} "
          f"{'added MB':>8} {'file MB':>8}")
    for n in args.sizes:
        for kind in ("orderdesk", "orderdesk-2MB", "openpyxl"):
            runs = [measure(kind, n) for _ in range(args.repeat)]
            best = min(runs, key=lambda r: r["seconds"])
            peak = max(r["peak"] for r in runs) / 1024
            added = max(r["peak"] - r["rss_before"] for r in runs) / 1024
            print(f"{best['rows']:>8,} {kind:<13} {best['items']:>8,} {best['seconds']:>8.1f} "
                  f"{peak:>8.0f} {added:>8.0f} {best['size_mb']:>8.1f}", flush=True)


if __name__ == "__main__":
    main()
