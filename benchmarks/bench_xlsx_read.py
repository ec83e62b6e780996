"""Reading a .xlsx import: the old hand-written reader against python-calamine (issue 18), and
the expat reader the import uses for a workbook too large for calamine (issue 11).

    python benchmarks/bench_xlsx_read.py [--rows 200000]

Writes ``/tmp/xlsx-read-N.xlsx`` when missing (N order rows of the import's 13 columns, with
openpyxl's write-only mode: a date cell, text, numbers), then reads every row of it with each
reader in the same run, each in a fresh process (best of ``--repeat``), and prints the times
and each process's peak memory (``VmHWM``: calamine holds the whole sheet, the other two a few
rows at a time).  Each goes through ``importer.read_sheets`` but the old one, which is
tests/old_xlsx_reader.py (kept as the reference the tests compare with)."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

HEADER = ["訂單編號", "訂單日期", "商店名稱", "付款方式", "送貨方式", "訂購人", "電話", "電子郵件",
          "送貨地址", "商品", "規格", "數量", "單價"]


def build(n: int) -> Path:
    path = Path(f"/tmp/xlsx-read-{n}.xlsx")
    if path.exists():
        return path
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("訂單")
    ws.append(HEADER)
    start = datetime(2026, 1, 1, 9)
    for i in range(n):
        ws.append([f"B{i // 2:07d}", start + timedelta(minutes=i), "日日好物", "ATM 轉帳", "宅配",
                   "王小明", "0912345678", f"buyer{i}@example.com", "台北市大安區忠孝東路 1 號",
                   f"商品 {i % 500}", "黑", 1 + i % 3, 100 + i % 900])
    wb.save(path)
    return path


def old(path: Path) -> int:
    from old_xlsx_reader import read_xlsx

    return sum(1 for _name, rows in read_xlsx(path) for _ in rows)


def new(path: Path, stream: bool = False) -> int:
    from app.services import xlsx_stream
    from app.services.importer import read_sheets

    xlsx_stream.STREAM_ABOVE = -1 if stream else 1 << 40
    return sum(1 + sum(1 for _ in s.rows) for s in read_sheets(path))


def streamed(path: Path) -> int:
    return new(path, stream=True)


def peak_mb() -> float:
    """This process's peak resident set (Linux), else 0."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def measure(reader: str, path: Path, repeat: int) -> dict:
    read = {"old": old, "new": new, "stream": streamed}[reader]
    best, count = float("inf"), 0
    for _ in range(repeat):
        began = time.perf_counter()
        count = read(path)
        best = min(best, time.perf_counter() - began)
    return {"seconds": best, "rows": count, "peak_mb": peak_mb()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--reader", choices=["old", "new", "stream"], help=argparse.SUPPRESS)  # one, in a child
    args = ap.parse_args()
    path = build(args.rows)
    if args.reader:
        print(json.dumps(measure(args.reader, path, args.repeat)))
        return
    print(f"{path} ({path.stat().st_size / 1e6:.1f} MB, {args.rows:,} rows + header)")
    for label, reader in (("old reader (iterparse)", "old"), ("python-calamine", "new"),
                          ("xlsx_stream (expat)", "stream")):
        out = subprocess.run([sys.executable, __file__, "--rows", str(args.rows), "--repeat",
                              str(args.repeat), "--reader", reader], capture_output=True,
                             text=True, check=True).stdout
        got = json.loads(out)
        print(f"{label:24} {got['seconds']:6.2f} s  ({got['rows']:,} rows read, "
              f"peak {got['peak_mb']:.0f} MB)")


if __name__ == "__main__":
    main()
