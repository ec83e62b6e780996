"""Start-up to the first painted table, beside its floor (issue 11, item 8).

    python benchmarks/bench_startup.py [--db URL] [--runs 7] [--json FILE]

Each run starts a new process and measures, with the wall clock of this process, from the
start to the line "painted" the program prints when its window has first painted itself
(``ORDERDESK_QUIT_AFTER_PAINT``, offscreen):

* ``startup``: ``python main.py --db URL`` (the demo file is built once before, not timed);
* its floor, ``startup_bare``: a bare PySide6 program that opens one window holding a
  200-row ``QTableWidget`` and quits on its first paint, the least any Qt desktop program
  with a table pays.

The two are run alternately, so load on the machine touches both alike; medians, with the
ratio.  Both run with Python's bytecode cache, as an installed OrderDesk does
(``PYTHONDONTWRITEBYTECODE`` is dropped: the first, untimed run writes it), else every run
would time compiling OrderDesk's modules rather than starting it.  ``--json FILE`` writes ``{"figures": {NAME: {"value", "floor", "unit"}}}`` as
``bench_tables.py`` does.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

BARE = """
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
app = QApplication([])
table = QTableWidget(200, 10)
for r in range(40):
    for c in range(10):
        table.setItem(r, c, QTableWidgetItem(f"{r}-{c}"))
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.property("seen"):
            self.setProperty("seen", True)
            print("painted", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
watcher = FirstPaint()
table.installEventFilter(watcher)
table.resize(1280, 660)
table.show()
app.exec()
"""


def until_painted(argv: list[str], env: dict) -> float:
    """Seconds from starting ``argv`` to its "painted" line (then it quits by itself)."""
    began = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, cwd=ROOT)
    for line in proc.stdout:
        if line.strip() == "painted":
            took = time.perf_counter() - began
            break
    else:
        proc.wait()
        raise SystemExit(f"{argv[1:]} ended without painting (exit {proc.returncode})")
    proc.wait(timeout=60)
    return took


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a demo file under the temp folder)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORDERDESK_QUIT_AFTER_PAINT": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    url = args.db or "sqlite:///" + str(Path(tempfile.gettempdir()) / "orderdesk-bench-startup.db")
    app = [sys.executable, "main.py", "--db", url]
    bare = [sys.executable, "-c", BARE]
    until_painted(app, env)  # builds the demo file the first time; warms the caches
    until_painted(bare, env)
    times: dict[str, list[float]] = {"startup": [], "startup_bare": []}
    for _ in range(args.runs):
        times["startup"].append(until_painted(app, env))
        times["startup_bare"].append(until_painted(bare, env))
    value = statistics.median(times["startup"]) * 1000
    floor = statistics.median(times["startup_bare"]) * 1000
    print(f"{'figure':<28}{'value ms':>10}{'floor ms':>10}{'ratio':>8}")
    print(f"{'startup (first paint)':<28}{value:>10.0f}{floor:>10.0f}{value / floor:>8.2f}")
    if args.json:
        Path(args.json).write_text(json.dumps(
            {"figures": {"startup": {"value": round(value, 1), "floor": round(floor, 1), "unit": "ms"}}},
            indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
