"""Files only the clerk can read (Linux and macOS; on Windows these are no-ops).

Buyers' names, phones and addresses live in the SQLite file, and the settings name the
database server: both are created 0600 in folders that OrderDesk makes 0700, so other users of
the same computer cannot read them.  A folder the clerk chose (for the database file or an
export) keeps its own mode; only a folder OrderDesk creates, or its own data and settings
folders, are made 0700.
"""

from __future__ import annotations

import os

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
POSIX = os.name == "posix"


def private_folder(path: str | os.PathLike, *, own: bool = True) -> None:
    """Make ``path`` (and any missing parents) 0700; an existing folder is tightened only when
    it is OrderDesk's ``own`` (its data or settings folder), never one the clerk chose."""
    os.makedirs(path, mode=PRIVATE_FOLDER, exist_ok=True)
    if POSIX and own:
        os.chmod(path, PRIVATE_FOLDER)


def private_file(path: str | os.PathLike, *, tighten_existing: bool = True) -> None:
    """Create ``path`` empty with mode 0600 when it is missing (an empty file is a valid new
    SQLite database); an existing file of this user is tightened to 0600 when
    ``tighten_existing``."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, PRIVATE_FILE)
    except FileExistsError:
        if tighten_existing:
            tighten(path)
        return
    os.close(fd)
    if POSIX:
        os.chmod(path, PRIVATE_FILE)  # whatever the umask said


def tighten(path: str | os.PathLike) -> None:
    """Make an existing file of this user 0600 (someone else's file is left alone)."""
    if not POSIX:
        return
    try:
        st = os.stat(path)
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            os.chmod(path, PRIVATE_FILE)
    except OSError:
        pass


def sqlite_files(path: str | os.PathLike) -> list[str]:
    """A SQLite database and its companions: the WAL, the shared memory and the journal."""
    return [str(path) + suffix for suffix in ("", "-wal", "-shm", "-journal")]


def private_settings(path: str, own_folder: str) -> None:
    """The settings file (QSettings' INI file on Linux, its plist on macOS) 0600, and its
    folder 0700 when it is OrderDesk's own (named ``own_folder``; macOS keeps every app's
    preferences in one shared folder, which is left alone).  Windows keeps them in the
    registry: nothing to do."""
    if not POSIX or not path:
        return
    folder = os.path.dirname(path)
    private_folder(folder, own=os.path.basename(folder) == own_folder)
    private_file(path)
