"""Issue 15, item 9: an export's temporary files live beside the target (never in the system's
temp folder), are removed on failure, and — when the export was killed — on the next start,
through the journal each process keeps; ``--db`` takes any plain file path literally (``#``
and ``?`` are part of a file's name), only ``sqlite:///``, ``postgresql://`` and ``mysql://``
being URLs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import main
from app.models.db import connect, is_database_url, sqlite_path
from app.models.tables import Order
from app.services import export as ex
from app.services.queries import OrderFilter

ROOT = Path(__file__).resolve().parent.parent


def scratch(folder: Path) -> list[str]:
    return sorted(p for p in os.listdir(folder) if ex.is_scratch_name(p))


# ---------------------------------------------------------------- export temporaries


def test_an_exports_temporaries_are_beside_the_target(place, tmp_path, monkeypatch):
    for _ in range(6):
        place()
    systmp = tmp_path / "systmp"
    systmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(systmp))
    monkeypatch.setattr(ex, "STEP", 2)
    out = tmp_path / "out"
    out.mkdir()
    seen = []

    def progress(_done, _total):
        seen.append(scratch(out))
        assert os.listdir(systmp) == []

    ex.export_orders(OrderFilter(), out / "訂單.xlsx", operator="甲", filters_text="",
                     progress=progress)
    assert any(len(s) == 2 and all(n.endswith(".sheet.tmp") for n in s) for s in seen), seen
    assert os.listdir(out) == ["訂單.xlsx"] and os.listdir(systmp) == []


_KILLED_EXPORT = """
import sys, time
from app.models.db import connect
from app.services import export as ex
from app.services.queries import OrderFilter
connect(sys.argv[1], migrate=False)
ex.keep_journal(sys.argv[2])
ex.STEP = 1
def progress(done, total):
    print("row", done, flush=True)
    time.sleep(0.2)
ex.export_orders(OrderFilter(), sys.argv[3], operator="x", filters_text="", progress=progress)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="kill -9")
def test_a_killed_export_leaves_nothing_after_the_next_start(db, place, tmp_path):
    for _ in range(20):
        place()
    journals, out = tmp_path / "exports", tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_EXPORT, "sqlite:///" + db.database, str(journals),
         str(out / "訂單.xlsx")], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        for line in child.stdout:
            if line.startswith("row 3"):
                break
        left = scratch(out)
        assert len(left) == 2  # the two sheets' streams, mid-export
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    assert scratch(out) == left and list(journals.glob("*.journal"))
    removed = ex.sweep_journals(journals)  # what the next start does (main.clean_export_leftovers)
    assert sorted(os.path.basename(p) for p in removed) == left
    assert os.listdir(out) == [] and list(journals.glob("*.journal")) == []


def test_a_running_processs_journal_is_left_alone(tmp_path):
    journals, out = tmp_path / "exports", tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom app.services import export as ex\n"
         "ex.keep_journal(sys.argv[1]); ex.scratch_file(sys.argv[2], 'sheet')\n"
         "print('ready', flush=True); time.sleep(30)", str(journals), str(out)],
        cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "ready"
        assert ex.sweep_journals(journals) == [] and len(scratch(out)) == 1
    finally:
        child.kill()
        child.wait(10)
    assert len(ex.sweep_journals(journals)) == 1 and scratch(out) == []


def test_only_the_exports_own_names_are_removed(tmp_path):
    journals = tmp_path / "exports"
    journals.mkdir()
    mine = tmp_path / "accounts.xlsx"
    mine.write_text("the clerk's own file")
    (journals / "1-dead.journal").write_text(f"{mine}\n{tmp_path / '.orderdesk-export-ab.sheet.tmp'}\n")
    (tmp_path / ".orderdesk-export-ab.sheet.tmp").write_text("")
    assert [os.path.basename(p) for p in ex.sweep_journals(journals)] == [".orderdesk-export-ab.sheet.tmp"]
    assert mine.exists()


def test_a_normal_run_removes_its_journal_at_exit(tmp_path):
    journals = tmp_path / "exports"
    subprocess.run([sys.executable, "-c", "import sys\nfrom app.services import export as ex\n"
                    "ex.keep_journal(sys.argv[1])", str(journals)], cwd=ROOT, check=True)
    assert list(journals.iterdir()) == []


# ---------------------------------------------------------------- --db paths


@pytest.mark.parametrize("name", ["shop#1.db", "shop?.db", "a b?x=1#frag.db", "weird://x.db"])
def test_db_takes_a_plain_path_literally(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    url = main.resolve_db_url(name)
    assert sqlite_path(url) == str((tmp_path / name).resolve())
    db = connect(url)
    try:
        Order.select().count()
    finally:
        db.close()
    assert (tmp_path / name).is_file()
    assert not (tmp_path / "shop").exists()


def test_db_command_line_on_a_file_with_a_hash(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main.main(["--db", "shop#1.db", "time-zone"]) == 0
    assert capsys.readouterr().out.strip() == "Asia/Taipei"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".db"] == ["shop#1.db"]


def test_only_the_three_schemes_are_urls():
    for url in ("sqlite:///x.db", "postgresql://u@h/d", "postgres://h/d", "mysql://root@h/d",
                "mysql+pymysql://h/d", "SQLITE:///X.DB"):
        assert is_database_url(url), url
    for path in ("shop#1.db", "C:\\shop\\a.db", "weird://x", "./sqlite:x", "/srv/shop?.db"):
        assert not is_database_url(path), path
    assert sqlite_path("sqlite:////srv/a#1?b.db") == "/srv/a#1?b.db"
    assert sqlite_path("postgresql://h/d") is None
