"""Import: seconds and peak memory for 10,000 and 100,000 orders (issue 6), and 1M order rows
(``--sizes 500000``) within 300 MB (issue 11, item 10).

    python benchmarks/bench_import.py [--sizes 10000 100000] [--formats csv xlsx] [--services]
                                      [--json FILE] [--remove]

For each size it writes ``/tmp/imp-N.csv`` / ``/tmp/imp-N.xlsx`` when missing: N orders of
1–3 items (one row per item, about 2 rows per order) for the demo's stores and methods, and a
payment notice for every tenth order (not those paid on delivery).  Then, each in a fresh
process so that peaks do not mix, into a new SQLite file holding only the demo's stores and
methods (``build_demo(0)``):

* ``check``  — ``check_file``: read and check every row (nothing written);
* ``write``  — ``apply_import``: staged, then written in slices;
* ``total``  — both, as the clerk waits for them.

``--services`` adds a run that places every order through ``place_order`` (``bulk=False``),
for comparison (slow: use it with the small size).

Peak memory is the process's peak resident set (``VmHWM``, reset just before each phase):
during the check, during the write, and the larger of the two.  Its floor, measured in the
same run, each in a fresh process: ``bare`` — the interpreter with the app's imports and the
demo's open database; ``read`` — the same, then the library alone reading every row of the
file, keeping none (python-calamine, which holds a whole sheet; expat for a workbook larger
than ``xlsx_stream.STREAM_ABOVE``, which the import streams); the floor is the larger.  ``--json FILE`` writes ``{"figures": {name: {"value", "floor", "unit"}}}``;
``--remove`` deletes the generated files afterwards (a 1M-row file is large)."""

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


def files_of(path: str) -> list[str]:
    return [path, path.replace(".csv", "-notices.csv")] if path.endswith(".csv") else [path]


def app_imports(path: str) -> None:
    """What the importing process has loaded before the import starts (the floors too)."""
    sys.path.insert(0, str(ROOT))
    import app.services.importer  # noqa: F401
    from app.models.db import connect  # noqa: F401
    from app.services.demo import build_demo  # noqa: F401

    if path.endswith(".xlsx"):
        import python_calamine  # noqa: F401


def run(path: str, db: str, bulk: bool) -> dict:
    app_imports(path)
    from app.models.db import connect
    from app.services import importer as im
    from app.services.demo import build_demo

    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    connect("sqlite:///" + db)
    build_demo(0)
    before = status_kb("VmRSS")
    check = write = 0.0
    orders = items = notices = 0
    peak_check = peak_write = 0
    for f in files_of(path):
        reset_peak()
        t0 = time.perf_counter()
        plan = im.check_file(f)
        t1 = time.perf_counter()
        peak_check = max(peak_check, status_kb("VmHWM"))
        assert not plan.bad, plan.bad[:3]
        reset_peak()
        result = im.apply_import(plan, operator="bench", bulk=bulk)
        t2 = time.perf_counter()
        peak_write = max(peak_write, status_kb("VmHWM"))
        del plan
        check += t1 - t0
        write += t2 - t1
        orders += result.orders
        items += result.items
        notices += result.notices
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    return dict(check=check, write=write, orders=orders, items=items, notices=notices,
                rss_before=before, peak_check=peak_check, peak_write=peak_write,
                peak=max(peak_check, peak_write))


def floor_bare(path: str) -> dict:
    """The floor without the file: the interpreter with the app's imports and an open
    database holding the demo's stores and methods (what ``run`` has before the import)."""
    app_imports(path)
    from app.models.db import connect
    from app.services.demo import build_demo

    db = f"/tmp/bench-import-floor-{os.getpid()}.db"
    connect("sqlite:///" + db)
    build_demo(0)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    return dict(peak=status_kb("VmHWM"))


def floor_read(path: str) -> dict:
    """The floor of reading the file: the same imports, then the library alone goes through
    every row of every sheet keeping none: the csv module line by line; python-calamine, which
    loads each sheet whole, for a workbook the import reads with it; expat for one the import
    streams (``xlsx_stream.STREAM_ABOVE``)."""
    app_imports(path)
    from app.services import xlsx_stream

    reset_peak()
    rows_read = 0
    for f in files_of(path):
        if f.endswith(".csv"):
            with open(f, encoding="utf-8-sig", newline="") as fh:
                for _row in csv.reader(fh):
                    rows_read += 1
        elif xlsx_stream.worksheet_bytes(f) > xlsx_stream.STREAM_ABOVE:
            # The import streams it (xlsx_stream): expat alone through every sheet's XML.
            import zipfile
            from xml.parsers.expat import ParserCreate

            with zipfile.ZipFile(f) as zf:
                for info in zf.infolist():
                    if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml":
                        with zf.open(info) as fh:
                            ParserCreate(namespace_separator=" ").ParseFile(fh)
                        rows_read += 1
        else:
            from python_calamine import CalamineWorkbook

            book = CalamineWorkbook.from_path(f)
            for name in book.sheet_names:
                for _row in book.get_sheet_by_name(name).iter_rows():
                    rows_read += 1
            del book
    return dict(peak=status_kb("VmHWM"), rows=rows_read)


def child(what: str, *args: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--child", what, *args],
                          check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000],
                        help="orders per file (about 2 rows each: 500000 is 1M order rows)")
    parser.add_argument("--formats", nargs="+", default=["csv", "xlsx"], choices=["csv", "xlsx"])
    parser.add_argument("--services", action="store_true",
                        help="also place every order through place_order (slow)")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--remove", action="store_true", help="remove the generated files afterwards")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, *rest = args.child
        if what == "run":
            path, db, how = rest
            print(json.dumps(run(path, db, how == "bulk")))
        else:
            print(json.dumps({"bare": floor_bare, "read": floor_read}[what](*rest)))
        return
    figures = {}
    print(f"{'orders':>8} {'rows':>9} {'notices':>7} {'file':<5} {'how':<9} {'check s':>8} "
          f"{'write s':>8} {'total s':>8} {'check MB':>8} {'write MB':>8} {'peak MB':>8} "
          f"{'bare MB':>8} {'read MB':>8} {'floor MB':>8}")
    for n in args.sizes:
        for fmt in args.formats:
            path = build_file(n, fmt)
            for bulk in (True, False) if args.services else (True,):
                r = child("run", path, f"/tmp/bench-import-{n}-{fmt}.db", "bulk" if bulk else "services")
                bare = child("bare", path)["peak"]
                read = child("read", path)["peak"]
                floor = max(bare, read)
                print(f"{r['orders']:>8,} {r['items']:>9,} {r['notices']:>7,} {fmt:<5} "
                      f"{'bulk' if bulk else 'services':<9} {r['check']:>8.1f} {r['write']:>8.1f} "
                      f"{r['check'] + r['write']:>8.1f} {r['peak_check'] / 1024:>8.0f} "
                      f"{r['peak_write'] / 1024:>8.0f} {r['peak'] / 1024:>8.0f} {bare / 1024:>8.0f} "
                      f"{read / 1024:>8.0f} {floor / 1024:>8.0f}", flush=True)
                name = f"import peak RSS, {r['items']:,} order rows ({r['orders']:,} orders), {fmt}" + (
                    "" if bulk else ", services")
                figures[name] = {"value": round(r["peak"] / 1024, 1), "floor": round(floor / 1024, 1),
                                 "unit": "MB", "check_MB": round(r["peak_check"] / 1024, 1),
                                 "write_MB": round(r["peak_write"] / 1024, 1),
                                 "bare_MB": round(bare / 1024, 1), "read_MB": round(read / 1024, 1),
                                 "seconds": round(r["check"] + r["write"], 1)}
            if args.remove:
                for f in files_of(path):
                    os.remove(f)
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": figures}, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
