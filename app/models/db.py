"""Opening a database: bind the proxy (``proxy.database``), migrate it, refuse a SQLite file on a
network share (docs/STYLE.md: Vorta's ``peewee.Proxy``)."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager

import peewee
from playhouse import db_url

from app.domain.errors import DomainError
from app.domain.i18n import QT_TRANSLATE_NOOP

from .migrations import migrate_to_latest
from .private_files import private_file, private_folder
from .proxy import database, is_sqlite

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
    "cache_size": -64000,
}

MYSQL_INIT_COMMAND = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"


#: File systems whose locks SQLite cannot rely on (Linux /proc/mounts and macOS ``mount`` names;
#: fuse.gvfsd-fuse is a share opened in the GNOME file manager, 9p also WSL 2's /mnt/c).
NETWORK_FSTYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "fuse.gvfsd-fuse", "fuse.rclone", "9p",
     "afpfs", "webdav", "davfs"}
)


class NetworkShareError(DomainError):
    """A SQLite file on a network share: refused, because SQLite's file locks do not work
    reliably over network file systems (several clerks would corrupt it)."""

    def __init__(self, path: str, where: str):
        self.path = path
        self.where = where
        super().__init__(
            QT_TRANSLATE_NOOP(
                "Errors",
                "資料庫檔案 {path} 在網路磁碟上（{where}）。SQLite 的檔案鎖在網路檔案系統上不可靠，"
                "多人同時使用會損壞資料，所以 OrderDesk 不開啟它。"
                "一個人使用：把檔案放在這台電腦的磁碟上。多位店員共用：請改用一台 PostgreSQL 或 "
                "MariaDB 伺服器（--db postgresql://… 或 --db mysql://…）。",
            ),
            path=path,
            where=where,
        )


def _unescape_mount(field: str) -> str:
    """/proc/mounts writes a space as \\040, a tab as \\011, a backslash as \\134."""
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def read_mounts() -> list[tuple[str, str]]:
    """(mount point, file system type) of every mount: Linux /proc/mounts, macOS ``mount``.

    Empty when the table cannot be read (the check is then skipped, never a refusal)."""
    try:
        if sys.platform.startswith("linux"):
            with open("/proc/mounts", encoding="utf-8", errors="replace") as f:
                rows = [line.split() for line in f]
            return [(_unescape_mount(r[1]), r[2]) for r in rows if len(r) >= 3]
        if sys.platform == "darwin":
            out = subprocess.run(["mount"], capture_output=True, text=True, timeout=5).stdout
            mounts = []
            for line in out.splitlines():  # "//me@nas/shop on /Volumes/shop (smbfs, nodev, ...)"
                head, sep, tail = line.rpartition(" (")
                if not sep or " on " not in head:
                    continue
                mounts.append((head.split(" on ", 1)[1], tail.split(",")[0].strip(" )")))
            return mounts
    except (OSError, subprocess.SubprocessError):
        pass
    return []


def _windows_remote(path: str) -> str | None:
    path = os.path.abspath(path) if sys.platform == "win32" else path
    if path.startswith(("\\\\?\\", "\\\\.\\")):  # \\?\C:\... or \\?\UNC\server\share\...
        rest = path[4:]
        path = "\\\\" + rest[4:] if rest.upper().startswith("UNC\\") else rest
    if path.startswith(("\\\\", "//")):
        return "UNC " + "\\".join(path.replace("/", "\\").split("\\")[:4])
    drive = os.path.splitdrive(path)[0]
    if drive and sys.platform == "win32":
        import ctypes

        drive_remote = 4  # GetDriveTypeW's DRIVE_REMOTE: a mapped network drive
        if ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == drive_remote:
            return f"{drive} network drive"
    return None


def network_filesystem(path: str) -> str | None:
    """What network share ``path`` is on ("nfs4 /mnt/shop", "UNC \\\\nas\\shop"), or None.

    Linux reads /proc/mounts, macOS the ``mount`` command (``read_mounts``); Windows knows a
    UNC path by its shape and a mapped drive by ``GetDriveTypeW``."""
    if sys.platform == "win32" or path.startswith("\\\\"):
        return _windows_remote(path)
    real = os.path.realpath(path)
    best = ("", "")
    for mount_point, fstype in read_mounts():
        mp = mount_point.rstrip("/") or "/"
        if (real == mp or real.startswith(mp.rstrip("/") + "/")) and len(mp) >= len(best[0]):
            best = (mp, fstype)
    if best[1].lower() in NETWORK_FSTYPES:
        return f"{best[1]} {best[0]}"
    return None


def check_local_file(path: str) -> None:
    """Refuse a SQLite file on a network share (``NetworkShareError``)."""
    where = network_filesystem(path)
    if where:
        raise NetworkShareError(path, where)


def connect(url: str, *, migrate: bool = True) -> peewee.Database:
    """Open ``url`` (anything ``playhouse.db_url`` understands), bind the proxy, migrate.

    A SQLite file on a network share is refused (``NetworkShareError``)."""
    kwargs = {}
    if url.startswith("sqlite:"):
        path = url.split("sqlite:///", 1)[-1] if "sqlite:///" in url else ""
        if path and path != ":memory:":
            check_local_file(path)
            private_folder(os.path.dirname(os.path.abspath(path)), own=False)
            private_file(path, tighten_existing=False)  # WAL and SHM take its mode
        kwargs["pragmas"] = SQLITE_PRAGMAS
        kwargs["timeout"] = 10
    elif url.startswith("mysql"):
        # READ COMMITTED, as PostgreSQL: a read inside a transaction sees what other clerks
        # have committed since it began (InnoDB's default REPEATABLE READ would show this
        # transaction's first snapshot, so a StaleError named the wrong clerk).
        kwargs["init_command"] = MYSQL_INIT_COMMAND
        kwargs.setdefault("connect_timeout", 10)
    elif url.startswith("postgres") and "connect_timeout" not in url:
        # A server that went away must not freeze the window while it reconnects.
        kwargs["connect_timeout"] = 10
    db = db_url.connect(url, **kwargs)
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if migrate:
        migrate_to_latest(db)
    return db


def sqlite_url(path: str) -> str:
    return "sqlite:///" + os.path.abspath(path)


@contextmanager
def write_transaction():
    """A transaction taken for writing from its start.

    On SQLite ``BEGIN IMMEDIATE`` takes the write lock at once, so two processes wait on the
    busy timeout instead of failing with "database is locked" when a reader upgrades.
    """
    db = database.obj
    if is_sqlite(db):
        with db.atomic("IMMEDIATE") as txn:
            yield txn
    else:
        with db.atomic() as txn:
            yield txn
