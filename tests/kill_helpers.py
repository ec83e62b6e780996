"""Killing OrderDesk mid-way (issue 15): start a command or a script in a process of its own,
wait until it has got somewhere, ``kill -9`` it; then what it left is checked.  Shared by the
SQLite tests (tests/test_backup_and_repair.py) and the server ones."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    """``python args…`` with OrderDesk (this tree) importable."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "tests")]),
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.Popen([sys.executable, *args], cwd=cwd, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def start_demo(url: str, orders: int, cwd: Path) -> subprocess.Popen:
    return start([str(ROOT / "main.py"), "demo", "--orders", str(orders), "--db", url], cwd)


#: ``python -c KILLED_IMPORT URL FILE MARKER``: imports FILE into URL, and after the first
#: batch of orders is written (inside the import's one transaction) makes MARKER and waits.
KILLED_IMPORT = """
import sys, time
from app.services import import_write
from app.services import importer as im
bulk = import_write._bulk_orders
def stopping(orders, operator, ids, tick):
    def tick_then_wait(n):
        tick(n)
        open(sys.argv[3], "w").close()  # a batch is written: the test kills now
        time.sleep(120)
    bulk(orders, operator, ids, tick_then_wait)
import_write._bulk_orders = stopping
from app.models.db import connect
connect(sys.argv[1])
im.apply_import(im.check_file(sys.argv[2]), operator="匯入")
"""


def kill_when(proc: subprocess.Popen, ready: Callable[[], bool], timeout: float = 120) -> None:
    """``kill -9`` the process as soon as ``ready()``; fails if it ended or never got there."""
    deadline = time.monotonic() + timeout
    while not ready():
        if proc.poll() is not None:
            raise AssertionError(f"ended before the kill: {proc.stderr.read().decode()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError("never got there")
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
