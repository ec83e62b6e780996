"""Start-up to the first painted table, beside its floor (issue 11, item 8).

    python benchmarks/bench_startup.py [--db URL] [--runs 7] [--json FILE] [--instructions]

Each run starts a new process and measures, with the wall clock of this process, from the
start to the line "painted" the program prints when its window has first painted itself
(``ORDERDESK_QUIT_AFTER_PAINT``, offscreen):

* ``startup``: ``python main.py --db URL`` (the demo file is built once before, not timed);
* its floor, ``startup_bare``: a bare PySide6 program that opens one window holding a
  200-row ``QTableWidget`` and quits on its first paint, the least any Qt desktop program
  with a table pays;
* beside it, ``startup_bare_model``: the same window whose table shows a Python model
  (``QAbstractTableModel`` with ``data`` and ``headerData``, as any Python program's table of
  database rows has).  Its header's first ``headerData`` call, given a ``Qt.Orientation``,
  makes PySide6 create the whole ``Qt`` namespace (93 enums, built by Python's ``enum``
  module) that the ``QTableWidget`` never touches: the cost of a table model in Python,
  shown apart so the two floors' difference is seen.

The two are run alternately, so load on the machine touches both alike; medians, with the
ratio.  Both run with Python's bytecode cache, as an installed OrderDesk does
(``PYTHONDONTWRITEBYTECODE`` is dropped: the first, untimed run writes it), else every run
would time compiling OrderDesk's modules rather than starting it.  ``--json FILE`` writes ``{"figures": {NAME: {"value", "floor", "unit"}}}`` as
``bench_tables.py`` does.

``--instructions`` also counts, under valgrind's callgrind, the instructions each of the two
executes from its start to its first paint (the process ends there: ``ORDERDESK_QUIT_AFTER_PAINT=exit``),
a figure the load on the machine does not move; one run of each (the count varies by well
under 1 % from run to run), after the timed runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

#: The floors' table, made after the ``QApplication``: a ``QTableWidget`` with C++ items, or the
#: same table showing a Python model (the roles as plain numbers, as Qt passes them: 0 is the
#: display role).
TABLE_WIDGET = """
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem
table = QTableWidget(200, 10)
for r in range(40):
    for c in range(10):
        table.setItem(r, c, QTableWidgetItem(f"{r}-{c}"))
"""
TABLE_MODEL = """
from PySide6.QtCore import QAbstractTableModel
from PySide6.QtWidgets import QTableView
class Model(QAbstractTableModel):
    def rowCount(self, parent=None):
        return 200
    def columnCount(self, parent=None):
        return 10
    def data(self, index, role=0):
        return f"{index.row()}-{index.column()}" if role == 0 and index.row() < 40 else None
    def headerData(self, section, orientation, role=0):
        return str(section + 1) if role == 0 else None
model = Model()
table = QTableView()
table.setModel(model)
"""
#: A bare program showing ``table`` (put in at ``{table}``) that quits on its first paint.
WINDOW = """
import os
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
{table}
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.property("seen"):
            self.setProperty("seen", True)
            print("painted", flush=True)
            if os.environ.get("ORDERDESK_QUIT_AFTER_PAINT") == "exit":
                os._exit(0)
            QTimer.singleShot(0, app.quit)
        return False
watcher = FirstPaint()
table.installEventFilter(watcher)
table.resize(1280, 660)
table.show()
app.exec()
"""
BARE = WINDOW.replace("{table}", TABLE_WIDGET)
BARE_MODEL = WINDOW.replace("{table}", TABLE_MODEL)


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


def instructions(argv: list[str], env: dict) -> int:
    """Instructions ``argv`` executes from its start to its first paint (callgrind's total)."""
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "callgrind.log"
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--log-file={log}",
                               f"--callgrind-out-file={Path(folder) / 'callgrind.out'}", *argv],
                              env={**env, "ORDERDESK_QUIT_AFTER_PAINT": "exit"}, cwd=ROOT,
                              capture_output=True, text=True, timeout=900)
        if "painted" not in done.stdout + done.stderr:
            raise SystemExit(f"{argv[1:]} ended without painting under valgrind (exit {done.returncode})")
        found = re.search(r"Collected\s*:\s*(\d+)", log.read_text())
        if found is None:
            raise SystemExit(f"no instruction count from valgrind for {argv[1:]}")
        return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: a demo file under the temp folder)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the instructions to the first paint (valgrind's callgrind)")
    args = parser.parse_args()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ORDERDESK_QUIT_AFTER_PAINT": "1"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    url = args.db or "sqlite:///" + str(Path(tempfile.gettempdir()) / "orderdesk-bench-startup.db")
    app = [sys.executable, "main.py", "--db", url]
    bare = [sys.executable, "-c", BARE]
    bare_model = [sys.executable, "-c", BARE_MODEL]
    until_painted(app, env)  # builds the demo file the first time; warms the caches
    until_painted(bare, env)
    until_painted(bare_model, env)
    times: dict[str, list[float]] = {"startup": [], "startup_bare": [], "startup_bare_model": []}
    for _ in range(args.runs):
        times["startup"].append(until_painted(app, env))
        times["startup_bare"].append(until_painted(bare, env))
        times["startup_bare_model"].append(until_painted(bare_model, env))
    value = statistics.median(times["startup"]) * 1000
    floor = statistics.median(times["startup_bare"]) * 1000
    floor_model = statistics.median(times["startup_bare_model"]) * 1000
    print(f"{'figure':<28}{'value ms':>10}{'floor ms':>10}{'ratio':>8}")
    ratios = [a / b for a, b in zip(times["startup"], times["startup_bare"], strict=True)]
    print(f"{'startup (first paint)':<28}{value:>10.0f}{floor:>10.0f}{value / floor:>8.2f}")
    print(f"  runs, ms: {' '.join(f'{a * 1000:.0f}/{b * 1000:.0f}' for a, b in zip(times['startup'], times['startup_bare'], strict=True))}")
    print(f"  each run's ratio: {' '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}")
    print(f"{'  beside a Python model':<28}{value:>10.0f}{floor_model:>10.0f}{value / floor_model:>8.2f}")
    figures = {"startup": {"value": round(value, 1), "floor": round(floor, 1), "unit": "ms"},
               "startup_beside_model": {"value": round(value, 1), "floor": round(floor_model, 1),
                                        "unit": "ms"}}
    if args.instructions:
        if shutil.which("valgrind") is None:
            raise SystemExit("--instructions needs valgrind")
        count, bare_count = instructions(app, env), instructions(bare, env)
        model_count = instructions(bare_model, env)
        print(f"{'':<28}{'value M':>10}{'floor M':>10}{'ratio':>8}")
        print(f"{'instructions to the paint':<28}{count / 1e6:>10,.0f}{bare_count / 1e6:>10,.0f}"
              f"{count / bare_count:>8.2f}")
        print(f"{'  beside a Python model':<28}{count / 1e6:>10,.0f}{model_count / 1e6:>10,.0f}"
              f"{count / model_count:>8.2f}")
        figures["startup_instructions"] = {"value": count, "floor": bare_count, "unit": "instructions"}
        figures["startup_instructions_beside_model"] = {"value": count, "floor": model_count,
                                                        "unit": "instructions"}
    if args.json:
        Path(args.json).write_text(json.dumps({"figures": figures}, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
