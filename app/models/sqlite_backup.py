"""The copy of a SQLite database taken before a migration (docs/STYLE.md: Vorta's
``store/migrations.py``).

Copying the file would miss what is committed but still in its ``-wal`` journal (200 orders
committed, 177 in a plain copy), and a copy cut short by a kill would lie under the backup's
name.  So the copy is made with SQLite's online backup API, which reads the database as the
connection sees it (the WAL included), in one read transaction (one snapshot, whatever other
desks write meanwhile); it is written under a temporary name beside the backup, checked
(``PRAGMA quick_check`` and the row counts of the shop's tables, against the database's),
synced to disk and only then renamed to the backup's name.  A kill at any moment leaves at
most a ``….partial`` file, which the next backup removes.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable

import peewee as pw

from app.domain.errors import DomainError
from app.domain.i18n import QT_TRANSLATE_NOOP

from .private_files import POSIX, private_file

#: Pages copied per step of the backup (SQLite's default page is 4 KB).
BACKUP_PAGES = 4096
#: The tables whose row counts the copy must match.
KEY_TABLES = ("order", "order_item", "status_history", "payment_notice", "cancellation_request",
              "method_history", "invoice")


class BackupFailed(DomainError):
    """The copy taken before a migration is not a faithful one: the migration does not run."""

    def __init__(self, path: str, why: str):
        self.path = path
        super().__init__(QT_TRANSLATE_NOOP(
            "Errors", "更新資料庫結構之前的備份 {path} 驗證失敗（{why}），資料庫沒有變更。"
                      "請確認磁碟空間足夠後再開啟一次。"), path=path, why=why)


def _step(_status: int, _remaining: int, _total: int) -> None:
    """Called after each step of the copy (the kill test waits here)."""


def _copied(say: Progress, status: int, remaining: int, total: int) -> None:
    _step(status, remaining, total)
    say("backup", total - remaining, total)


def quiet(_phase: str, _done: int, _total: int) -> None:
    """A ``Progress`` that tells no one."""


def partial_name(target: str) -> str:
    return f"{target}.{os.getpid()}.partial"


def _alive(pid: int) -> bool:
    if not POSIX:
        return False  # Windows refuses to remove a file another process has open
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def remove_partials(target: str) -> None:
    """The temporary copies a killed backup of ``target`` left (not one being written)."""
    import glob  # when a backup is made, not while the window starts

    for path in glob.glob(glob.escape(target) + ".*.partial"):
        pid = path[len(target) + 1:-len(".partial")]
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
            continue
        try:
            os.remove(path)
        except OSError:
            pass


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {t: conn.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]
            for t in KEY_TABLES if t in present}


def _verify(copy: sqlite3.Connection, expected: dict[str, int]) -> str | None:
    """Why the copy is not good, or None."""
    check = copy.execute("PRAGMA quick_check").fetchall()
    if check != [("ok",)]:
        return "quick_check: " + "; ".join(str(r[0]) for r in check[:3])
    got = counts(copy)
    for table, n in expected.items():
        if got.get(table) != n:
            return f"{table}: {got.get(table)} / {n}"
    return None


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


#: ``progress(phase, done, total)`` as the copy goes: ``"backup"`` with the pages copied and
#: the file's pages, then ``"check"`` (0, 0) while the copy is verified.
Progress = Callable[[str, int, int], None]


def backup_sqlite(db: pw.SqliteDatabase, target: str, progress: Progress = quiet, *,
                  unchanged: Callable[[], bool] | None = None) -> bool:
    """Copy ``db`` (open, in WAL mode or not) to ``target`` (0600), verified, atomically;
    ``progress`` is told how far it is (on the calling thread).  With ``unchanged``, asked in
    the copy's own snapshot, only a database it finds as the caller read it is copied (False,
    nothing written, otherwise): another OrderDesk may have run a step since, and a copy of
    the newer file would replace, under the older version's name, the copy that desk took
    first."""
    remove_partials(target)
    partial = partial_name(target)
    if os.path.exists(partial):
        os.remove(partial)
    private_file(partial)
    try:
        # One read transaction: the counts and the copy see the same snapshot.  (Not the write
        # lock: SQLite's backup refuses to read through a connection that is writing.)
        with db.atomic():
            source = db.connection()
            if unchanged is not None and not unchanged():
                return False
            progress("backup", 0, 0)
            expected = counts(source)
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy, pages=BACKUP_PAGES, progress=lambda *a: _copied(progress, *a))
                progress("check", 0, 0)
                why = _verify(copy, expected)
            finally:
                copy.close()
        if why:
            raise BackupFailed(target, why)
        _fsync(partial)
        os.replace(partial, target)
        if POSIX:
            _fsync(os.path.dirname(os.path.abspath(target)))
        return True
    finally:
        if os.path.exists(partial):
            os.remove(partial)
