"""Issue 15 item 6: the backup taken before a migration holds what the WAL holds, is checked,
and never lies half-written under its name; a demo build killed with ``kill -9`` leaves a
database that works once opened again (its indexes rebuilt)."""

from __future__ import annotations

import os
import shutil
import sqlite3

import pytest
from db_rows import make_shop
from kill_helpers import KILLED_IMPORT, kill_when, start, start_demo

from app.models import sqlite_backup
from app.models.db import connect, sqlite_url
from app.models.migrations import LATEST, current_version
from app.models.repair import missing_indexes
from app.models.tables import utcnow
from app.services.orders import Buyer, Item, place_order

posix_only = pytest.mark.skipif(os.name != "posix", reason="kill -9")


def _place(shop, n: int) -> None:
    for _ in range(n):
        place_order(store_id=shop["store"].id, buyer=Buyer("王小明", "0912-345-678"),
                    items=[Item("藍牙耳機", 1, 350)], payment_method_id=shop["atm"].id,
                    shipping_method_id=shop["home"].id, operator="店員甲")


def _orders(path: str) -> int:
    with sqlite3.connect(path) as c:
        return c.execute('SELECT COUNT(*) FROM "order"').fetchone()[0]


def _older_file_with_orders(path: str, n: int, *, hold_wal: bool = False):
    """A file one schema version behind holding ``n`` orders; with ``hold_wal`` they stay in
    its WAL (no checkpoint; the returned connection keeps the WAL from being folded in)."""
    db = connect(sqlite_url(path))
    shop = make_shop()
    holder = None
    if hold_wal:
        db.execute_sql("PRAGMA wal_autocheckpoint = 0")
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        holder = sqlite3.connect(path)
        holder.execute("SELECT 1 FROM store").fetchall()
    _place(shop, n)
    db.execute_sql("UPDATE schema_version SET version = ?", (LATEST - 1,))
    db.close()
    return holder


def test_the_backup_holds_what_is_still_in_the_wal(tmp_path):
    path = str(tmp_path / "shop.db")
    holder = _older_file_with_orders(path, 200, hold_wal=True)
    try:
        assert os.path.getsize(path + "-wal") > 0
        plain = str(tmp_path / "plain-copy.db")
        shutil.copyfile(path, plain)  # what a file copy saw: the orders are only in the WAL
        assert _orders(plain) < 200
        db = connect(sqlite_url(path))
        assert current_version(db) == LATEST
        db.close()
        backup = f"{path}.v{LATEST - 1}.bak"
        assert _orders(backup) == 200
        with sqlite3.connect(backup) as b:
            assert b.execute("SELECT version FROM schema_version").fetchall() == [(LATEST - 1,)]
            assert b.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert not [p for p in os.listdir(tmp_path) if p.endswith(".partial")]
    finally:
        holder.close()


def test_a_copy_that_does_not_match_stops_the_migration(tmp_path, monkeypatch):
    path = str(tmp_path / "shop.db")
    _older_file_with_orders(path, 3)
    real = sqlite_backup.counts
    calls = []

    def one_short(conn):
        got = real(conn)
        calls.append(got)
        if len(calls) == 2:  # the copy's
            got["order"] -= 1
        return got

    monkeypatch.setattr(sqlite_backup, "counts", one_short)
    with pytest.raises(sqlite_backup.BackupFailed) as err:
        connect(sqlite_url(path))
    assert "order: 2 / 3" in err.value.message()
    assert not [p for p in os.listdir(tmp_path) if p.endswith((".bak", ".partial"))]
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT version FROM schema_version").fetchall() == [(LATEST - 1,)]


KILLED_BACKUP = """
import sys, time
from app.models import sqlite_backup
sqlite_backup.BACKUP_PAGES = 1
def step(*_):
    open(sys.argv[2], "w").close()
    time.sleep(120)
sqlite_backup._step = step
from app.models.db import connect
connect(sys.argv[1])
"""


@posix_only
def test_a_killed_backup_leaves_nothing_under_the_backups_name(tmp_path):
    path = str(tmp_path / "shop.db")
    _older_file_with_orders(path, 50)
    backup = f"{path}.v{LATEST - 1}.bak"
    marker = tmp_path / "copying"
    script = tmp_path / "migrate.py"
    script.write_text(KILLED_BACKUP)
    proc = start([str(script), sqlite_url(path), str(marker)], tmp_path)
    kill_when(proc, marker.exists)
    assert not os.path.exists(backup)
    assert [p for p in os.listdir(tmp_path) if p.endswith(".partial")]  # it was copying
    # Opened again: migrated, with a whole backup; the dead process's partial copy is gone.
    db = connect(sqlite_url(path))
    assert current_version(db) == LATEST
    db.close()
    assert _orders(backup) == 50
    assert not [p for p in os.listdir(tmp_path) if p.endswith(".partial")]


def _index_names(path: str) -> set[str]:
    with sqlite3.connect(path) as c:
        return {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


@posix_only
def test_a_killed_demo_build_leaves_a_usable_database(tmp_path):
    fresh = str(tmp_path / "fresh.db")
    connect(sqlite_url(fresh)).close()
    path = str(tmp_path / "demo.db")
    proc = start_demo(sqlite_url(path), 60_000, tmp_path)

    def loading() -> bool:  # a batch written while the indexes are dropped
        try:
            return _orders(path) > 0
        except sqlite3.Error:
            return False

    kill_when(proc, loading)
    assert _index_names(path) < _index_names(fresh)  # the kill left them dropped
    db = connect(sqlite_url(path))
    try:
        assert missing_indexes(db) == []
        assert _index_names(path) == _index_names(fresh)
        ch = place_order(store_id=1, buyer=Buyer("王小明", "0912345678"), items=[Item("茶葉", 1, 500)],
                         payment_method_id=1, shipping_method_id=1, operator="店員甲",
                         order_date=utcnow())
        assert ch.order_id > 1
        plan = db.execute_sql('EXPLAIN QUERY PLAN SELECT id FROM "order" WHERE status = ? '
                              "ORDER BY order_date DESC, id DESC LIMIT 50", ("UNPAID",)).fetchall()
        assert "order_status_order_date_id" in " ".join(str(r) for r in plan)
    finally:
        db.close()


@posix_only
def test_a_killed_import_leaves_nothing_and_a_usable_database(tmp_path):
    from test_import import OH, order_row, write_csv

    path = str(tmp_path / "shop.db")
    db = connect(sqlite_url(path))
    shop = make_shop()
    db.close()
    csv_path = write_csv(tmp_path / "orders.csv", OH, [order_row(f"K{i:05d}") for i in range(5000)])
    marker = tmp_path / "writing"
    script = tmp_path / "import.py"
    script.write_text(KILLED_IMPORT)
    proc = start([str(script), sqlite_url(path), str(csv_path), str(marker)], tmp_path)
    kill_when(proc, marker.exists)
    db = connect(sqlite_url(path))
    try:
        assert _orders(path) == 0  # all or nothing: the one transaction never committed
        assert missing_indexes(db) == []
        assert db.execute_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
        _place(shop, 1)
        assert _orders(path) == 1
    finally:
        db.close()


def test_sqlite_s_one_look_at_its_indexes_finds_what_each_table_s_look_finds(db):
    """``missing_indexes`` reads SQLite's catalogue once (start-up, issue 11 item 8): the
    same indexes missing as a look at each table's indexes, and ``repair`` builds them."""
    from app.models import repair

    assert missing_indexes(db) == []
    db.execute_sql('DROP INDEX "order_status_order_date_id"')
    db.execute_sql('DROP INDEX "invoice_invoice_no"')
    per_table = []
    tables = set(db.get_tables())
    for model in repair.MODELS:
        if model._meta.table_name in tables:
            present = {i.name for i in db.get_indexes(model._meta.table_name)}
            per_table.extend((model, i) for i in model._meta.fields_to_index() if i._name not in present)
    found = missing_indexes(db)
    assert [i._name for _m, i in found] == [i._name for _m, i in per_table]
    assert sorted(i._name for _m, i in found) == ["invoice_invoice_no", "order_status_order_date_id"]
    assert sorted(repair.repair(db)[0]) == ["invoice_invoice_no", "order_status_order_date_id"]
    assert missing_indexes(db) == []
