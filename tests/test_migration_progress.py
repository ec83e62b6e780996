"""Opening a database an older OrderDesk made: the window shows how far its update is (the
safety copy by its pages, the copy's check, each step, the indexes' check) while the steps run
off the UI thread, and opens when they are done; the command line says each part on stderr.
A 1,000,000-order file's update took some 40 s with nothing on screen."""

from __future__ import annotations

import os
import sqlite3
import sys
import threading

import pytest
from db_rows import make_shop
from migration_helpers import held_step, migration_dialog, while_held
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from app.models import migrations
from app.models.db import connect, sqlite_url
from app.models.migrations import LATEST, current_version
from app.services.orders import Buyer, Item, place_order


def _older_file(path: str, orders: int = 30) -> None:
    """A file one version behind, holding ``orders`` orders."""
    db = connect(sqlite_url(path))
    shop = make_shop()
    for _ in range(orders):
        place_order(store_id=shop["store"].id, buyer=Buyer("林雅婷", "0912-345-678"),
                    items=[Item("藍牙耳機", 1, 350)], payment_method_id=shop["atm"].id,
                    shipping_method_id=shop["home"].id, operator="店員甲")
    db.execute_sql("UPDATE schema_version SET version = ?", (LATEST - 1,))
    db.close()


def _version(path: str) -> int:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT version FROM schema_version").fetchone()[0]


def test_an_update_shows_each_part_and_the_window_waits_for_it(qtbot, tmp_path, monkeypatch):
    from app.views import migrating

    path = str(tmp_path / "shop.db")
    _older_file(path)
    started, go, seen = held_step(monkeypatch)
    phases: list[tuple[str, int, int]] = []
    real_show = migrating.MigrationDialog.show_phase
    monkeypatch.setattr(migrating.MigrationDialog, "show_phase",
                        lambda self, *p: (phases.append(p), real_show(self, *p)))
    ticks = []
    ticker = QTimer(interval=10)
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start()

    def look(dialog):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # the clerk cannot close it halfway
        QApplication.processEvents()
        return {"label": dialog.labelText(), "range": (dialog.minimum(), dialog.maximum()),
                "value": dialog.value(), "visible after Esc": dialog.isVisible(),
                "ticks while held": len(ticks)}

    looked = while_held(qtbot, started, go, look)
    db = connect(sqlite_url(path), migrate=lambda _db: None)
    try:
        steps = migrating.migrate_showing_progress()
        ticker.stop()
        assert steps == [LATEST]
        assert seen["thread"] is not threading.main_thread()  # off the UI thread
        assert looked["label"].startswith("正在更新資料庫結構（第 1 步，共 1 步）")
        assert "完成後就會開啟視窗" in looked["label"]
        assert looked["range"] == (0, 1) and looked["value"] == 0
        assert looked["visible after Esc"]
        assert looked["ticks while held"] > 10  # the UI thread went on (400 ms before it showed)
        assert current_version(db) == LATEST == _version(path)
        kinds = [p[0] for p in phases]
        # the copy by its pages (the last: all of them), its check, the step, the indexes
        backup = [p for p in phases if p[0] == "backup" and p[2] > 0]
        assert backup and backup[-1][1] == backup[-1][2] == os.path.getsize(path) // 4096
        assert kinds.index("check") > kinds.index("backup")
        assert kinds.index("step") > kinds.index("check")
        assert kinds[-1] == "repair"
        assert os.path.exists(f"{path}.v{LATEST - 1}.bak")
        QApplication.processEvents()
        assert migration_dialog() is None or not migration_dialog().isVisible()
    finally:
        db.close()


def test_a_step_that_fails_leaves_the_file_as_it_was_and_says_why(qtbot, tmp_path, monkeypatch):
    from app.views import migrating

    path = str(tmp_path / "shop.db")
    _older_file(path)
    started, go, _seen = held_step(monkeypatch, fail=True)
    while_held(qtbot, started, go, lambda dialog: {})
    db = connect(sqlite_url(path), migrate=lambda _db: None)
    try:
        with pytest.raises(RuntimeError, match="could not be done"):
            migrating.migrate_showing_progress()
        assert _version(path) == LATEST - 1
        QApplication.processEvents()
        assert migration_dialog() is None or not migration_dialog().isVisible()
    finally:
        db.close()


def test_a_quick_update_never_shows_the_dialog(qtbot, tmp_path):
    from app.views import migrating

    path = str(tmp_path / "shop.db")
    _older_file(path, orders=3)
    shown = []
    QTimer.singleShot(0, lambda: shown.append(migration_dialog() is not None and migration_dialog().isVisible()))
    db = connect(sqlite_url(path), migrate=lambda _db: None)
    try:
        assert migrating.migrate_showing_progress() == [LATEST]
        assert shown == [False]
        assert _version(path) == LATEST
    finally:
        db.close()


def test_the_window_opens_an_up_to_date_file_without_the_dialogs_module(tmp_path):
    import subprocess

    path = tmp_path / "shop.db"
    connect(sqlite_url(str(path))).close()
    code = ("import sys, main; from app.models.db import connect, sqlite_url; "
            f"connect(sqlite_url({str(path)!r}), migrate=main.migrate_in_window); "
            "print('app.views.migrating' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_the_command_line_says_each_part_of_an_update(tmp_path, capsys):
    import main

    path = str(tmp_path / "shop.db")
    _older_file(path)
    assert main.main(["time-zone", "--db", sqlite_url(path)]) == 0
    err = capsys.readouterr().err.splitlines()
    assert err[:4] == [
        "orderdesk: copying the database file before updating its structure…",
        "orderdesk: checking the copy…",
        "orderdesk: updating the database's structure: step 1 of 1…",
        "orderdesk: checking the tables' indexes…",
    ]
    assert _version(path) == LATEST


def test_the_command_line_says_nothing_for_a_new_file(tmp_path, capsys):
    import main

    assert main.main(["time-zone", "--db", sqlite_url(str(tmp_path / "new.db"))]) == 0
    assert "orderdesk: " not in capsys.readouterr().err



#: One desk opening the file: its last step (recorded in a file) takes a second and a half,
#: five times what a desk's write waits for the file here (its busy timeout made 0.3 s).
DESK = """
import sys, time
from app.models import migrations
from app.models.db import SQLITE_PRAGMAS, connect, sqlite_url
SQLITE_PRAGMAS["busy_timeout"] = 300
real = migrations.MIGRATIONS[migrations.LATEST]
def slow(db):
    with open(sys.argv[2], "a") as ran:
        ran.write("ran\\n")
    print("step", flush=True)
    time.sleep(1.5)
    return real(db)
migrations.MIGRATIONS[migrations.LATEST] = slow
db = connect(sqlite_url(sys.argv[1]), migrate=False)
say = lambda phase, done, total: print(phase, done, total, file=sys.stderr, flush=True)
print("steps", migrations.migrate_to_latest(db, say), flush=True)
"""


def test_two_desks_opening_an_older_file_at_once_run_its_step_once(tmp_path):
    """Both read the old version; the second waits for the first's step (SQLite's write lock,
    however much longer than a write's wait it takes) and finds it done: the step runs once,
    and each desk opens the file.  The second says it waits for another desk, not that it
    runs the step."""
    import subprocess

    path = str(tmp_path / "shop.db")
    _older_file(path)
    ran = tmp_path / "ran.txt"
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    desk = [sys.executable, "-c", DESK, path, str(ran)]
    first = subprocess.Popen(desk, cwd=root, stdout=subprocess.PIPE, text=True)
    try:
        assert first.stdout.readline().strip() == "step"  # the first is in its step
        second = subprocess.run(desk, cwd=root, capture_output=True, text=True, timeout=60)
        out, _ = first.communicate(timeout=60)
    finally:
        first.kill()
    assert second.returncode == 0 and first.returncode == 0, second.stderr
    assert out.strip() == f"steps [{LATEST}]"
    assert second.stdout.strip() == "steps []"
    assert ran.read_text().splitlines() == ["ran"]
    told = second.stderr.splitlines()
    assert "wait 0 1" in told and not [line for line in told if line.startswith("step")], told
    assert _version(path) == LATEST


def test_switching_the_window_to_an_older_file_updates_it_off_the_ui_thread(qtbot, tmp_path, monkeypatch):
    """設定 → 資料庫連線 to a file an older OrderDesk made: its update runs as at start-up (the
    window goes on painting), and the window is then on the new file at the latest version."""
    import main
    from app.models.db import database

    old = sqlite_url(str(tmp_path / "old.db"))
    main.open_database(old)
    newer = str(tmp_path / "older.db")
    _older_file(newer)
    started, go, seen = held_step(monkeypatch)
    while_held(qtbot, started, go, lambda dialog: {})
    assert main.open_other_database(None, old, sqlite_url(newer)) is True
    assert seen["thread"] is not threading.main_thread()
    assert _version(newer) == LATEST and database.obj.database == newer
    database.obj.close()


def test_a_desk_that_read_the_old_version_keeps_the_first_desks_copy(tmp_path, monkeypatch):
    """The second of two desks opening an older file read its version before the first desk's
    step committed: its copy would be of the updated file, under the old version's name, over
    the first desk's copy of the file as it was. It takes none, and runs no step."""
    path = str(tmp_path / "shop.db")
    _older_file(path)
    connect(sqlite_url(path)).close()  # the first desk: its copy taken, its step run
    backup = f"{path}.v{LATEST - 1}.bak"
    assert _version(backup) == LATEST - 1
    first_copy = open(backup, "rb").read()
    db = connect(sqlite_url(path), migrate=False)
    reads = iter([LATEST - 1])  # the second desk's first look: before the first's step
    real = migrations.current_version
    monkeypatch.setattr(migrations, "current_version", lambda d: next(reads, None) or real(d))
    try:
        assert migrations.migrate_to_latest(db) == []
    finally:
        db.close()
    assert open(backup, "rb").read() == first_copy and _version(backup) == LATEST - 1
    assert _version(path) == LATEST
