"""Long work off the UI thread (docs/STYLE.md: Vorta's jobs): one ``Job`` runs ``work(progress=,
cancelled=)`` in the global QThreadPool and reports by signals; the UI thread cancels it by a
flag the work reads.  The export and the import both run this way."""

from __future__ import annotations

import threading

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMainWindow, QProgressDialog, QWidget


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

    def show_progress(self, parent: QWidget, text: str, *, cancel: str, title: str, name: str,
                      modal: bool = False) -> QProgressDialog:
        """A progress dialog for this job (shown after 300 ms) whose 【cancel】 cancels it;
        ``modal`` makes the window wait (still repainting) until the job ends."""
        dialog = QProgressDialog(text, cancel, 0, 0, parent)
        dialog.setObjectName(name)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        dialog.setValue(0)
        dialog.canceled.connect(self.cancel)

        def on_progress(done: int, total: int) -> None:
            if dialog.maximum() != total:
                dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        self.signals.progress.connect(on_progress)
        self.dialog = dialog
        return dialog

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()

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


def start(job: Job, pool: QThreadPool | None = None) -> None:
    """Run ``job`` in ``pool`` (default: the global one)."""
    (pool or QThreadPool.globalInstance()).start(_Runner(job))


class JobController(QObject):
    """What the export and the import controllers share: their running ``jobs``, the
    ``finished(result)`` / ``stopped(reason)`` signals, cancelling on quit, and waiting."""

    finished = Signal(object)
    stopped = Signal(str)

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.jobs: set[Job] = set()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel_all)

    def launch(self, job: Job) -> Job:
        self.jobs.add(job)
        start(job)
        return job

    def end(self, job: Job) -> None:
        job.close_dialog()
        self.jobs.discard(job)

    def status(self, text: str) -> None:
        """``text`` in the status bar of the window the controller belongs to, for 15 s."""
        parent = self.parent()
        window = parent.window() if isinstance(parent, QWidget) else None
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)

    def stop(self, text: str) -> None:
        """The job ended without a result: say why in the status bar and in ``stopped``."""
        self.status(text)
        self.stopped.emit(text)

    def cancel_all(self, msecs: int = 10000) -> None:
        """On quitting: stop the running jobs (an export removes its temporary file)."""
        for job in list(self.jobs):
            job.cancel()
        if self.jobs:
            QThreadPool.globalInstance().waitForDone(msecs)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for the pool's running jobs (for tests and for closing the window)."""
        return QThreadPool.globalInstance().waitForDone(msecs)
