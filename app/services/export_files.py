"""The temporary files of an export and this process's journal of them (split from ``export``).

Every temporary file — each sheet's stream and the workbook being saved — is made beside the
target by ``scratch_file``, named ``.orderdesk-export-*.tmp``, and listed in this process's
journal (``keep_journal``); ``sweep_journals`` removes what a process that ended left.  The
journal (``_journal``) lives here and only here.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
import tempfile
from pathlib import Path

# ---------------------------------------------------------------- temporary files and their journal


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except FileNotFoundError:
        pass


#: Every temporary file of an export is named ``.orderdesk-export-<random>.<part>.tmp``.
SCRATCH_PREFIX = ".orderdesk-export-"
SCRATCH_SUFFIX = ".tmp"
_SCRATCH_NAME = re.compile(r"^\.orderdesk-export-[A-Za-z0-9_]+\.[a-z0-9]+\.tmp$")
_journal = None  # this process's open, locked journal file (``keep_journal``)


def is_scratch_name(name: str) -> bool:
    return bool(_SCRATCH_NAME.match(name))


def scratch_file(folder: Path, part: str) -> str:
    """A new empty temporary file in ``folder`` (0600, mkstemp's), listed in the journal."""
    fd, path = tempfile.mkstemp(prefix=SCRATCH_PREFIX, suffix=f".{part}{SCRATCH_SUFFIX}",
                                dir=folder)
    os.close(fd)
    if _journal is not None:
        _journal.write(os.path.abspath(path) + "\n")
        _journal.flush()
    return path


def _stream_beside(ws, folder: Path) -> None:
    """Give the write-only sheet ``ws`` its stream in ``folder`` (openpyxl would make it in the
    system's temp folder), as openpyxl does on the sheet's first row."""
    from openpyxl.worksheet import _writer

    out = scratch_file(folder, "sheet")
    _writer.ALL_TEMP_FILES.append(out)  # openpyxl removes it after saving, and at exit
    ws._writer = _writer.WorksheetWriter(ws, out=out)
    ws._writer.write_top()


def _lock(f) -> bool:
    """An exclusive lock on the open file ``f`` without waiting; whether it was got."""
    try:
        if sys.platform == "win32":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False


def keep_journal(folder: Path) -> list[str]:
    """Start this process's journal of export temporaries in ``folder`` (the app-data folder's
    ``exports``), held locked while the process lives, and remove what earlier processes left:
    each journal nobody holds (its process ended, or was killed) has its listed temporary
    files removed, then itself.  Returns the files removed."""
    global _journal
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    removed = sweep_journals(folder)
    if _journal is None:
        f = open(folder / f"{os.getpid()}-{os.urandom(4).hex()}.journal", "a+",  # noqa: SIM115
                 encoding="utf-8")
        _lock(f)
        _journal = f
        atexit.register(_end_journal)
    return removed


def _end_journal() -> None:
    """At a normal exit the journal goes (its files were removed or moved into place)."""
    global _journal
    if _journal is not None:
        _journal.close()
        _remove(_journal.name)
        _journal = None


def sweep_journals(folder: Path) -> list[str]:
    """Remove the temporary files listed by every journal in ``folder`` that no live process
    holds, and those journals.  Only names of the export's pattern are removed."""
    removed = []
    for journal in sorted(Path(folder).glob("*.journal")):
        if _journal is not None and os.path.abspath(journal) == os.path.abspath(_journal.name):
            continue
        try:
            f = open(journal, "r+", encoding="utf-8")  # noqa: SIM115
        except OSError:
            continue
        with f:
            if not _lock(f):
                continue  # its process is still running (perhaps exporting)
            f.seek(0)
            for line in f.read().splitlines():
                if is_scratch_name(os.path.basename(line)) and os.path.exists(line):
                    _remove(line)
                    removed.append(line)
        _remove(str(journal))
    return removed
