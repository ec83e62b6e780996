"""The window's first start on a new file says on the terminal what it is doing while it builds
the demo shop, and opens the window; the next start builds nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(db: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, ORDERDESK_QUIT_AFTER_PAINT="1", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "--db", str(db)], cwd=db.parent,
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=180)


def test_first_start_says_it_builds_the_demo_then_opens_the_window(tmp_path):
    db = tmp_path / "desk.db"
    first = start(db)
    assert first.returncode == 0, first.stderr
    lines = [line for line in first.stderr.splitlines() if line.startswith(("OrderDesk", "painted"))]
    assert lines == [f"OrderDesk: building the demo shop (300 orders) in sqlite:///{db}…",
                     "OrderDesk: the demo shop is ready; opening the window.",
                     "painted"]
    again = start(db)
    assert again.returncode == 0, again.stderr
    assert "building" not in again.stderr and "painted" in again.stderr


def test_the_windowed_program_says_why_the_database_did_not_open(qapp, monkeypatch, tmp_path):
    """OrderDesk.exe has no console (sys.stderr is None): the reason comes in a message box."""
    from PySide6.QtWidgets import QMessageBox

    import main

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    monkeypatch.setattr(sys, "stderr", None)
    missing = tmp_path / "no-such-folder" / "sub" / "desk.db"
    (tmp_path / "no-such-folder").write_text("a file where the folder should be")
    assert main.main(["--db", str(missing), "--lang", "zh_TW"]) == 1
    ((title, text),) = shown
    assert title == "資料庫連線"
    assert text.startswith(f"orderdesk: cannot open the database sqlite:///{missing}")
