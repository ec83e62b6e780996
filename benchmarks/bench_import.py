"""Import: seconds and peak memory for 10,000 and 100,000 orders (issue 6).

    python benchmarks/bench_import.py [--sizes 10000 100000] [--formats csv xlsx] [--services]

For each size it writes ``/tmp/imp-N.csv`` / ``/tmp/imp-N.xlsx`` when missing: N orders of
1–3 items (one row per item, about 2 rows per order) for the demo's stores and methods, and a
payment notice for every tenth order.  Then, each in a fresh process so that peaks do not mix,
into a new SQLite file holding only the demo's stores and methods (``build_demo(0)``):

* ``check``  — ``check_file``: read and check every row (nothing written);
* ``write``  — ``apply_import``: the one transaction (orders in bulk, notices through the service);
* ``total``  — both, as the clerk waits for them.

``--services`` adds a run that places every order through ``place_order`` (``bulk=False``),
for comparison (slow: use it with the small size).

Peak memory is the process's peak resident set during the import (``VmHWM``, reset just
before it), and how much that is above the resident set before it started.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from procstat import reset_peak, status_kb

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

HEADER = ["訂單編號", "訂單日期", "商店名稱", "付款方式", "送貨方式", "訂購人", "電話", "電子郵件",
          "送貨地址", "商品", "規格", "數量", "單價", "取貨門市代碼", "取貨門市名稱", "取貨門市地址"]
NOTICE_HEADER = ["訂單編號", "轉帳日期", "金額", "帳號末五碼", "備註"]




def rows(n: int):
    """(order rows, notice rows) for n orders, the same for every format."""
    rng = random.Random(n)
    stores = ("好日子生活選物", "山海茶行")
    pays = ("ATM 轉帳", "信用卡", "貨到付款", "超商代碼")
    ships = (("宅配", 120, 1500), ("7-11 取貨", 60, 999), ("全家取貨", 60, 999), ("郵寄", 80, None))
    start = datetime(2026, 1, 1, 9, 0)
    orders, notices = [], []
    for i in range(n):
        no = f"B{i:07d}"
        # Spread over 300 days whatever n (3 minutes apart would run past today at 1M).
        when = start + timedelta(seconds=300 * 86400 * i // n)
        ship, fee, free = ships[i % 4]
        pickup = [f"{i % 900000 + 100000}", f"門市{i % 500}", f"新北市板橋區文化路 {i % 200 + 1} 號"] \
            if "取貨" in ship else ["", "", ""]
        head = [no, when.strftime("%Y-%m-%d %H:%M"), stores[i % 2], pays[i % 4], ship,
                f"客人{i}", f"09{rng.randrange(10**8):08d}", f"c{i}@example.com",
                f"台北市大安區復興南路一段 {i % 300 + 1} 號"]
        subtotal = 0
        for k in range(1 + i % 3):
            qty, price = 1 + (i + k) % 3, (290, 450, 890, 1280)[(i + k) % 4]
            subtotal += qty * price
            cells = head if k == 0 else [no] + [""] * 8
            orders.append(cells + [f"商品{(i + k) % 40}", ("白 / M", "", "禮盒")[k], qty, price]
                          + (pickup if k == 0 else ["", "", ""]))
        if i % 10 == 0 and pays[i % 4] != "貨到付款":  # collected on delivery: no notice
            total = subtotal + (0 if free is not None and subtotal >= free else fee)
            notices.append([no, (when + timedelta(days=1)).strftime("%Y-%m-%d"), total,
                            f"{i % 100000:05d}", ""])
    return orders, notices


def build_file(n: int, fmt: str) -> str:
    path = f"/tmp/imp-{n}.{fmt}"
    if Path(path).exists():
        return path
    print(f"writing {path} …", file=sys.stderr, flush=True)
    orders, notices = rows(n)
    if fmt == "csv":  # a CSV holds one kind: the notices go to a second file
        for p, header, data in ((path, HEADER, orders),
                                (f"/tmp/imp-{n}-notices.csv", NOTICE_HEADER, notices)):
            with open(p, "w", encoding="utf-8-sig", newline="") as f:
                w = csv.writer(f)
                w.writerow(header)
                w.writerows(data)
    else:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        for title, header, data in (("訂單", HEADER, orders), ("付款通知", NOTICE_HEADER, notices)):
            ws = wb.create_sheet(title)
            ws.append(header)
            for r in data:
                ws.append(r)
        wb.save(path)
    return path


def run(path: str, db: str, bulk: bool) -> dict:
    sys.path.insert(0, str(ROOT))
    from app.models.db import connect
    from app.services import importer as im
    from app.services.demo import build_demo

    if path.endswith(".xlsx"):
        import openpyxl  # noqa: F401 - imported before measuring

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    connect("sqlite:///" + db)
    build_demo(0)
    files = [path]
    if path.endswith(".csv"):
        files.append(path.replace(".csv", "-notices.csv"))
    before = status_kb("VmRSS")
    reset_peak()
    check = write = 0.0
    orders = items = notices = 0
    for f in files:
        t0 = time.perf_counter()
        plan = im.check_file(f)
        t1 = time.perf_counter()
        assert not plan.bad, plan.bad[:3]
        result = im.apply_import(plan, operator="bench", bulk=bulk)
        t2 = time.perf_counter()
        check += t1 - t0
        write += t2 - t1
        orders += result.orders
        items += result.items
        notices += result.notices
    return dict(check=check, write=write, orders=orders, items=items, notices=notices,
                rss_before=before, peak=status_kb("VmHWM"))


def measure(n: int, fmt: str, bulk: bool) -> dict:
    path = build_file(n, fmt)
    db = f"/tmp/bench-import-{n}.db"
    proc = subprocess.run([sys.executable, __file__, "--child", path, db, "bulk" if bulk else "services"],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx"], choices=["csv", "xlsx"])
    parser.add_argument("--services", action="store_true",
                        help="also place every order through place_order (slow)")
    parser.add_argument("--child", nargs=3, metavar=("FILE", "DB", "HOW"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        path, db, how = args.child
        print(json.dumps(run(path, db, how == "bulk")))
        return
    print(f"{'orders':>8} {'items':>8} {'notices':>7} {'file':<5} {'how':<9} {'check s':>8} "
          f"{'write s':>8} {'total s':>8} {'peak MB':>8} {'added MB':>8}")
    for n in args.sizes:
        for fmt in args.formats:
            for bulk in (True, False) if args.services else (True,):
                r = measure(n, fmt, bulk)
                print(f"{r['orders']:>8,} {r['items']:>8,} {r['notices']:>7,} {fmt:<5} "
                      f"{'bulk' if bulk else 'services':<9} {r['check']:>8.1f} {r['write']:>8.1f} "
                      f"{r['check'] + r['write']:>8.1f} {r['peak'] / 1024:>8.0f} "
                      f"{(r['peak'] - r['rss_before']) / 1024:>8.0f}", flush=True)


if __name__ == "__main__":
    main()
