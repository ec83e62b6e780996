"""The desk's QScreen is never deleted by Python's garbage collector: the segfault that hung on
the order of the tests (tests/test_ledger_gui.py, then tests/test_clerk_edits_gui.py, in one
process: QWidget::screen() -> QGuiApplication::screenAt -> QScreen::virtualSiblings).

PySide6 6.11 makes a widget the Python parent of the QScreen that ``widget.screen()`` returns
(shiboken's return-value heuristic; ``QWindow.screen()`` does the same), and the QScreen's
wrapper moves to each widget that asks in turn. When that widget's wrapper is collected in a
reference cycle in the same collection as the QScreen's wrapper, and the QScreen's wrapper is
the older of the two, the collector clears it first: shiboken hands the C++ QScreen to Python
and deletes it, while Qt keeps the pointer in its list of screens. The next widget made reads
it. OrderDesk asks a window's screen through ``app.widgets.screen.screen_of``, which never asks
a widget. Each crashing run is in a subprocess, so a segfault fails the test."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

#: A window fitted to its screen, then a dialog (in a reference cycle, as many are) fitted
#: too, both dropped and collected; then the screens are asked for, and a widget is made.
#: Prints DELETED if the QScreen was destroyed; with PySide's heuristic it segfaults.
FIT_THEN_COLLECT = r"""
import gc
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget
from app.widgets.screen import fit_window
app = QApplication([])
deleted = []
QGuiApplication.primaryScreen().destroyed.connect(lambda *_: deleted.append(True))
window = QWidget()
fit_window(window)
dialog = QDialog()
dialog.cycle = dialog
dialog.show()
fit_window(dialog)
del window, dialog
gc.collect()
print("DELETED" if deleted else "KEPT", flush=True)
print(len(QGuiApplication.screens()), QWidget().font().pointSize(), flush=True)
"""


def run(args: list[str], timeout: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout)


def test_a_collected_dialog_leaves_the_screen_alone():
    done = run(["-c", FIT_THEN_COLLECT], timeout=60)
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert done.stdout.splitlines()[0] == "KEPT"


@pytest.mark.slow
def test_the_ledger_then_the_clerk_edits_in_one_process():
    """The order that crashed (about 5 s): the 報表 tests leave a MainWindow, the QScreen's
    wrapper with it, alive past their end; the clerk-edit tests' dialogs, made later, then
    take that older wrapper over, and one collected in a cycle deleted the QScreen."""
    done = run(["-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_ledger_gui.py",
                "tests/test_clerk_edits_gui.py"], timeout=120)
    assert done.returncode == 0, (done.returncode, done.stdout[-3000:], done.stderr[-2000:])


def test_no_widget_or_window_is_asked_its_screen():
    """``.screen()`` on a widget or a QWindow is asked only through ``screen_of``."""
    asked = [f"{path.relative_to(ROOT)}:{n}"
             for path in [ROOT / "main.py", *sorted((ROOT / "app").rglob("*.py"))]
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if re.search(r"\.screen\(\)", line.split("#")[0])]
    assert asked == []
