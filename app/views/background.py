"""Long work off the UI thread (STYLE.md: Vorta's jobs): one ``Job`` runs ``work(progress=,
cancelled=)`` in the global QThreadPool and reports by signals; the UI thread cancels it by a
flag the work reads.  The export and the import both run this way."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog


class JobSignals(QObject):
    progress = Signal(int, int)
    done = Signal(object)  # what the work returned
    failed = Signal(object)  # the exception


class Job:
    """One piece of work, its signals, its progress dialog, and a cancel flag."""

    def __init__(self, work):
        self.work = work
        self.signals = JobSignals()
        self.dialog: QProgressDialog | None = None
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        """In the pool thread; the end is reported by ``done`` or ``failed``."""
        try:
            result = self.work(progress=self.signals.progress.emit, cancelled=self._cancel.is_set)
        except BaseException as exc:  # noqa: BLE001 - reported on the UI thread
            self.signals.failed.emit(exc)
            return
        self.signals.done.emit(result)


class _Runner(QRunnable):
    """The pool's handle on a job; Qt deletes it after ``run`` (auto-delete)."""

    def __init__(self, job: Job):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.run()


def start(job: Job) -> None:
    QThreadPool.globalInstance().start(_Runner(job))
