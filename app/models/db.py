"""Opening a database: bind the proxy (``proxy.database``), migrate it, refuse a SQLite file on a
network share (docs/STYLE.md: Vorta's ``peewee.Proxy``)."""

from __future__ import annotations

import functools
import ntpath
import os
import random
import re
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager

import peewee

from app.domain.errors import DomainError, PermissionDeniedError, ServerUnavailableError
from app.domain.i18n import QT_TRANSLATE_NOOP

from . import drivers, mysql_values
from .desk_roles import driver_code, is_permission_error, take_mysql_role
from .migrations import migrate_to_latest
from .private_files import private_file, private_folder
from .proxy import database, is_sqlite
from .stats import OptimizingSqliteDatabase

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
    "cache_size": -64000,
}

MYSQL_INIT_COMMAND = "SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED"


#: MariaDB's error numbers for a connection that is gone: pymysql's dead connection (0), server
#: shutdown (1053), connection killed (1927), cannot connect (2003), gone away (2006), lost
#: (2013), commands out of sync (2014), write failed (2055), client idle timeout (4031).
MYSQL_GONE = frozenset({0, 1053, 1927, 2003, 2006, 2013, 2014, 2055, 4031})
#: MariaDB's deadlock (1213) and lock wait timeout (1205): the transaction was rolled back.
MYSQL_CONFLICT = frozenset({1205, 1213})
#: PostgreSQL's deadlock_detected, serialization_failure, lock_not_available.
PG_CONFLICT = frozenset({"40P01", "40001", "55P03"})
#: PostgreSQL's admin_shutdown, crash_shutdown, cannot_connect_now (class 08: connection).
PG_GONE = frozenset({"57P01", "57P02", "57P03"})
#: How often ``survives_server`` runs a transaction before giving up, and the first pause.
RETRY_ATTEMPTS = 3
RETRY_PAUSE = 0.05


def connection_gone(exc: BaseException) -> bool:
    """Whether ``exc`` (peewee's wrapper of a driver's error) means the server connection is
    gone or cannot be made: the connection must be closed and opened again."""
    if not isinstance(exc, (peewee.OperationalError, peewee.InterfaceError)):
        return False
    code = driver_code(exc)
    if isinstance(code, int):
        return code in MYSQL_GONE
    if isinstance(exc, peewee.InterfaceError):
        return True  # psycopg2's "connection already closed"
    return code is None or code in PG_GONE or str(code).startswith("08")


def is_conflict(exc: BaseException) -> bool:
    """A deadlock, serialization failure or lock wait timeout: the server rolled the
    transaction back, running it again from its start is safe."""
    return isinstance(exc, peewee.DatabaseError) and (
        driver_code(exc) in MYSQL_CONFLICT or driver_code(exc) in PG_CONFLICT)


#: SQLite's words for a lock it waited for the whole busy timeout (SQLITE_BUSY, SQLITE_LOCKED).
_SQLITE_LOCKED = ("database is locked", "database table is locked", "database is busy")


def sqlite_locked(exc: BaseException) -> ServerUnavailableError | None:
    """``ServerUnavailableError`` (``LOCKED``, retryable) for SQLite's "database is locked"
    (another connection kept the write lock for the whole busy timeout), or None."""
    if isinstance(exc, peewee.OperationalError) and str(exc).lower().startswith(_SQLITE_LOCKED):
        return ServerUnavailableError(ServerUnavailableError.LOCKED, retryable=True)
    return None


def server_error(exc: BaseException, *, committing: bool = False) -> ServerUnavailableError | None:
    """The domain error for a server's driver error ``exc``, or None for any other error.
    ``committing``: the connection dropped during the outermost COMMIT (its outcome unknown)."""
    if isinstance(exc, ServerUnavailableError):
        return exc
    if is_conflict(exc):
        return ServerUnavailableError(ServerUnavailableError.BUSY, retryable=True)
    if connection_gone(exc):
        if committing:
            return ServerUnavailableError(ServerUnavailableError.UNCERTAIN)
        return ServerUnavailableError(ServerUnavailableError.GONE, retryable=True)
    return None


def drop_connection(db: peewee.Database) -> None:
    """Forget a dead connection (closing it may fail: it is forgotten anyway); the next use
    opens a new one."""
    try:
        db.close()
    except Exception:  # noqa: BLE001 - a dead connection's close: forgotten below
        db.dispose()


#: Statements safe to send again on a new connection: they change nothing.
_REPEATABLE = re.compile(r"\s*(SELECT|SHOW|SET|BEGIN)\b", re.IGNORECASE)


class ReconnectingMixin:
    """A server connection that reconnects by itself (issue 15, item 3): a read, or a
    transaction's BEGIN, sent outside a transaction on a connection the server has dropped
    (a terminated backend, a restarted server, an idle timeout) is sent again on a new one.
    Inside a transaction nothing is sent again: ``survives_server`` runs the whole
    transaction again instead."""

    def execute_sql(self, sql, params=None):
        try:
            return super().execute_sql(sql, params)
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if self.in_transaction() or not connection_gone(exc) or not _REPEATABLE.match(sql):
                raise
        drop_connection(self)
        return super().execute_sql(sql, params)

    def begin(self, *args, **kwargs):
        try:
            return super().begin(*args, **kwargs)
        except (peewee.OperationalError, peewee.InterfaceError) as exc:
            if not connection_gone(exc):
                raise
        drop_connection(self)
        return super().begin(*args, **kwargs)


class DeskPostgresqlDatabase(ReconnectingMixin, peewee.PostgresqlDatabase):
    """PostgreSQL, reconnecting by itself (``ReconnectingMixin``)."""


class DeskMySQLDatabase(ReconnectingMixin, peewee.MySQLDatabase):
    """MariaDB / MySQL: every new connection (reconnections too) takes the person's group role
    (``desk_roles.take_mysql_role``) before it opens the shop's database — a login whose rights
    are all in its role may not open the database before.  PyMySQL reads rows in one loop, and
    dates and times at C speed unless the URL's parameters bring a ``conv`` (``mysql_values``)."""

    def _connect(self):
        params, connect = dict(self.connect_params), peewee.mysql.connect  # peewee's driver
        if peewee.mysql.__name__ == "pymysql":  # MySQLdb takes a conv of another shape
            params.setdefault("conv", mysql_values.conversions())
            connect = mysql_values.connection_class()
            if "passwd" in params:  # playhouse.db_url's name for it, deprecated by PyMySQL
                params.setdefault("password", params.pop("passwd"))
        conn = connect(autocommit=True, **params)
        if self.database:
            take_mysql_role(conn, self.database)
            conn.select_db(self.database)
        return conn


@functools.cache
def _server_urls():
    """``playhouse.db_url`` with the desks' own server databases registered, imported with
    the server drivers (``drivers.load``) when a server is first opened: a desk on its SQLite
    file imports neither (issue 11, item 8)."""
    drivers.load()
    from playhouse import db_url

    db_url.register_database(DeskPostgresqlDatabase, "postgres", "postgresql")
    db_url.register_database(DeskMySQLDatabase, "mysql")
    return db_url


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
            import subprocess  # macOS only (and not before the window's first paint)

            try:
                out = subprocess.run(["mount"], capture_output=True, text=True, timeout=5).stdout
            except subprocess.SubprocessError:
                return []
            mounts = []
            for line in out.splitlines():  # "//me@nas/shop on /Volumes/shop (smbfs, nodev, ...)"
                head, sep, tail = line.rpartition(" (")
                if not sep or " on " not in head:
                    continue
                mounts.append((head.split(" on ", 1)[1], tail.split(",")[0].strip(" )")))
            return mounts
    except OSError:
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


class CloudSyncError(NetworkShareError):
    """A SQLite file in a cloud-sync folder (OneDrive, Dropbox, Google Drive, iCloud Drive):
    refused like a network share.  The sync tool copies the database and its -wal journal
    separately, while the app writes them, and makes "conflicted copies" when two desks open
    it: the shop's orders end up split or corrupt."""

    def __init__(self, path: str, where: str):
        self.path = path
        self.where = where
        DomainError.__init__(
            self,
            QT_TRANSLATE_NOOP(
                "Errors",
                "資料庫檔案 {path} 在雲端同步資料夾中（{where}）。同步程式會在 OrderDesk 寫入時"
                "分別複製資料庫與它的日誌檔，兩台電腦同時開啟還會產生「衝突複本」，資料會分裂或損壞，"
                "所以 OrderDesk 不開啟它。一個人使用：把檔案放在不同步的資料夾（例如預設位置）；"
                "多位店員共用：請改用一台 PostgreSQL 或 MariaDB 伺服器"
                "（--db postgresql://… 或 --db mysql://…）。備份請用匯出，而不是同步資料庫檔案。",
            ),
            path=path,
            where=where,
        )


#: Folder names that are a sync tool's root wherever they are: (name, case-folded, the tool).
#: Windows: %UserProfile%\OneDrive, "OneDrive - 公司", iCloudDrive; Google Drive for desktop's
#: drive (G:\My Drive, 我的雲端硬碟, Shared drives) and Backup and Sync's "Google Drive".
_SYNC_NAMES = (("onedrive", "OneDrive"), ("icloud drive", "iCloud Drive"),
               ("iclouddrive", "iCloud Drive"), ("google drive", "Google Drive"),
               ("my drive", "Google Drive"), ("我的雲端硬碟", "Google Drive"),
               ("shared drives", "Google Drive"), ("共用雲端硬碟", "Google Drive"),
               ("dropbox", "Dropbox"))
#: ~/Library/CloudStorage/<Provider>-<account> on macOS 12.3+ (File Provider): the provider.
_CLOUD_STORAGE = (("onedrive", "OneDrive"), ("dropbox", "Dropbox"), ("googledrive", "Google Drive"),
                  ("box", "Box"), ("icloud", "iCloud Drive"))


def _parts(path: str) -> list[str]:
    return [p for p in path.replace("\\", "/").split("/") if p]


def _under(path: str, folder: str) -> bool:
    """``path`` is ``folder`` or inside it (either separator; case-insensitive, as Windows and
    macOS file systems are)."""
    p, f = [x.casefold() for x in _parts(path)], [x.casefold() for x in _parts(folder)]
    return bool(f) and p[:len(f)] == f


def _dropbox_folders(home: str) -> list[str]:
    """The folders Dropbox syncs, from its ~/.dropbox/info.json (personal and business)."""
    import json

    try:
        with open(os.path.join(home, ".dropbox", "info.json"), encoding="utf-8") as f:
            info = json.load(f)
    except (OSError, ValueError):
        return []
    return [v["path"] for v in info.values() if isinstance(v, dict) and v.get("path")]


def cloud_sync_folder(path: str) -> str | None:
    """Which cloud-sync folder ``path`` is in ("OneDrive C:\\Users\\…\\OneDrive"), or None.

    Windows: the folders the OneDrive, OneDriveCommercial and OneDriveConsumer variables name;
    macOS: ~/Library/Mobile Documents (iCloud Drive) and ~/Library/CloudStorage/* (OneDrive,
    Dropbox, Google Drive, Box); everywhere: Dropbox's own list (~/.dropbox/info.json), a
    folder holding Dropbox's ``.dropbox`` marker, and the sync tools' folder names."""
    windows = sys.platform == "win32" or "\\" in path or (len(path) > 1 and path[1] == ":")
    if not windows:
        path = os.path.realpath(path)
    home = os.path.expanduser("~")
    for var in ("OneDrive", "OneDriveCommercial", "OneDriveConsumer"):
        folder = os.environ.get(var)
        if folder and _under(path, folder):
            return f"OneDrive {folder}"
    icloud = os.path.join(home, "Library", "Mobile Documents")
    if _under(path, icloud):
        return f"iCloud Drive {icloud}"
    storage = os.path.join(home, "Library", "CloudStorage")
    if _under(path, storage):
        rest = _parts(path)[len(_parts(storage))]
        provider = next((tool for prefix, tool in _CLOUD_STORAGE
                         if rest.casefold().startswith(prefix)), rest)
        return f"{provider} {os.path.join(storage, rest)}"
    for folder in _dropbox_folders(home):
        if _under(path, folder):
            return f"Dropbox {folder}"
    parts = _parts(path)
    for i in range(len(parts) - 1, 0, -1):  # the folders holding the file, innermost first
        folder = ("/" if path.startswith("/") else "") + "/".join(parts[:i])
        name = parts[i - 1].casefold()
        tool = next((t for n, t in _SYNC_NAMES
                     if name == n or name.startswith((n + " - ", n + " ("))), None)
        # Dropbox marks its folder with a .dropbox file; ~/.dropbox, its settings, is a folder.
        if tool is None and not windows and os.path.isfile(os.path.join(folder, ".dropbox")):
            tool = "Dropbox"
        if tool:
            return f"{tool} {ntpath.normpath(folder) if windows else folder}"
    return None


def check_local_file(path: str) -> None:
    """Refuse a SQLite file on a network share (``NetworkShareError``) or in a cloud-sync
    folder (``CloudSyncError``)."""
    where = network_filesystem(path)
    if where:
        raise NetworkShareError(path, where)
    where = cloud_sync_folder(path)
    if where:
        raise CloudSyncError(path, where)


#: What a database URL starts with; anything else given as ``--db`` is a SQLite file's path.
_URL = re.compile(r"^(sqlite|postgres(ql)?|mysql)(\+\w+)?://", re.IGNORECASE)


def is_database_url(text: str) -> bool:
    """``sqlite:///…``, ``postgresql://…`` or ``mysql://…`` (a driver may follow a ``+``)."""
    return bool(_URL.match(text))


def sqlite_path(url: str) -> str | None:
    """The file of a SQLite URL, taken literally: everything after ``sqlite:///``, so a ``#``
    or a ``?`` in a file name is part of the name (``playhouse.db_url`` would read them as a
    fragment and a query: ``shop#1.db`` would open ``shop``).  ``:memory:`` for none; None
    when ``url`` is not SQLite's."""
    if not url.lower().startswith("sqlite:"):
        return None
    return url[len("sqlite:///"):] if url.lower().startswith("sqlite:///") else ":memory:"


def open_url(url: str, **kwargs) -> peewee.Database:
    """The (unconnected) database of ``url``: a SQLite file by its literal path, a server
    through ``playhouse.db_url``."""
    path = sqlite_path(url)
    if path is not None:
        return OptimizingSqliteDatabase(path or ":memory:", **kwargs)
    return _server_urls().connect(url, **kwargs)


def connect(url: str, *, migrate: bool | Callable[[peewee.Database], object] = True) -> peewee.Database:
    """Open ``url`` (``sqlite:///`` and the file's path as it is, or a server URL that
    ``playhouse.db_url`` understands), bind the proxy, migrate (``migrate_to_latest``, or
    ``migrate(db)`` when it is a function: the window's, which shows how far it is).

    A SQLite file on a network share or in a cloud-sync folder is refused
    (``NetworkShareError``, ``CloudSyncError``)."""
    kwargs = {}
    path = sqlite_path(url)
    if path is not None:
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
    db = open_url(url, **kwargs)
    if database.obj is not None and not database.obj.is_closed():
        database.obj.close()
    database.initialize(db)
    db.connect(reuse_if_open=True)
    if callable(migrate):
        migrate(db)
    elif migrate:
        migrate_to_latest(db)
    return db


def sqlite_url(path: str) -> str:
    return "sqlite:///" + os.path.abspath(path)


@contextmanager
def own_connection():
    """In a worker thread (peewee gives each thread its own connection): open it for the job
    and close it after, as the export does.  On a thread already connected, nothing.  The
    connection closed is the one opened, even when the desk has switched to another database
    meanwhile (a count still running in the old window)."""
    db = database.obj
    opened = db.is_closed()
    if opened:
        db.connect()
    try:
        yield
    finally:
        if opened:
            db.close()


@contextmanager
def write_transaction():
    """A transaction taken for writing from its start.

    On SQLite ``BEGIN IMMEDIATE`` takes the write lock at once, so two processes wait on the
    busy timeout instead of failing with "database is locked" when a reader upgrades; a lock
    held for the whole busy timeout (an import) becomes ``ServerUnavailableError``
    (``LOCKED``, retryable), never the driver's "database is locked".

    On a server, the database refusing the signed-in login a privilege (a clerk's login trying
    a supervisor's action) becomes ``PermissionDeniedError``; the transaction is rolled back.
    A dropped connection, a deadlock or a serialization failure becomes
    ``ServerUnavailableError`` (``server_error``): retryable unless the connection dropped
    while the outermost transaction was committing (``UNCERTAIN``); ``survives_server`` runs
    the caller's whole transaction again.
    """
    db = database.obj
    if is_sqlite(db):
        with server_errors(), db.atomic("IMMEDIATE") as txn:  # the busy timeout: LOCKED
            yield txn
        return
    outermost = not db.in_transaction()
    committing = False
    try:
        with db.atomic() as txn:
            yield txn
            committing = outermost
    except Exception as exc:
        if is_permission_error(exc):
            raise PermissionDeniedError() from exc
        err = server_error(exc, committing=committing)
        if err is None or err is exc:
            raise
        raise err from exc


def _pause(attempt: int) -> float:
    """A short jittered backoff: about 50, 100, 200 ms."""
    return RETRY_PAUSE * 2 ** (attempt - 1) * random.uniform(0.5, 1.5)  # noqa: S311 - jitter


def survives_server(action):
    """A service function that survives the server (issue 15, item 3): run whole, again from
    its start, when its transaction was rolled back by a deadlock or a serialization failure,
    or when the connection dropped before its COMMIT (closed and reopened first), at most
    ``RETRY_ATTEMPTS`` times; then ``ServerUnavailableError``.  No raw driver error of a
    dropped connection or a deadlock escapes.  Called inside another transaction, it runs once
    and the outermost call retries; on SQLite it runs once."""

    @functools.wraps(action)
    def run(*args, **kwargs):
        db = database.obj
        if db is not None and is_sqlite(db):
            with server_errors():  # a read waited out the busy timeout: LOCKED
                return action(*args, **kwargs)
        if db is None or db.in_transaction():
            return action(*args, **kwargs)
        for attempt in range(1, RETRY_ATTEMPTS + 1):
            try:
                if db.is_closed():
                    db.connect()
                return action(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - only the server's errors, below
                err = server_error(exc)
                if err is None:
                    raise
                if err.reason != ServerUnavailableError.BUSY and not db.in_transaction():
                    drop_connection(db)
                if not err.retryable or attempt == RETRY_ATTEMPTS:
                    if err is exc:
                        raise
                    raise err from exc
            time.sleep(_pause(attempt))
        raise AssertionError("unreachable")

    return run


@contextmanager
def server_errors():
    """A read (an export) on a server whose connection drops: ``ServerUnavailableError``
    instead of the driver's error, the dead connection forgotten; on SQLite, a read that waited
    out the busy timeout: ``ServerUnavailableError`` (``LOCKED``)."""
    try:
        yield
    except Exception as exc:
        db = database.obj
        err = None if db is None else sqlite_locked(exc) if is_sqlite(db) else server_error(exc)
        if err is None or err is exc:
            raise
        if err.reason == ServerUnavailableError.GONE and not db.in_transaction():
            drop_connection(db)
        raise err from exc
