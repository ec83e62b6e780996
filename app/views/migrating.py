"""The wait while the window's database is brought up to this OrderDesk's structure (a file or
a server an older OrderDesk made): the steps run on a worker thread (``schema_update``) while a
progress dialog says which part is running — a SQLite file's safety copy by its pages, the
copy's check, each step, the indexes' check — and the window opens when they are done.  A
1,000,000-order file takes 19-38 s; without it the clerk saw nothing at all meanwhile.

The dialog has no cancel button and Esc does not close it: a step stopped halfway would only
be rolled back and run again next time."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QProgressDialog

from app.services import schema_update

from . import background

#: A quick update (a new, empty file's steps) never shows the dialog.
SHOW_AFTER_MS = 400


def phase_text(phase: str, done: int, total: int) -> str:
    """What the dialog says while ``phase`` runs (``migrate_to_latest``'s progress)."""
    if phase == "backup":
        text = QCoreApplication.translate("Migrating", "更新資料庫結構之前，先備份資料庫檔案…")
    elif phase == "check":
        text = QCoreApplication.translate("Migrating", "正在檢查備份…")
    elif phase == "step":
        text = QCoreApplication.translate("Migrating", "正在更新資料庫結構（第 {0} 步，共 {1} 步）…").format(
            done + 1, total)
    elif phase == "wait":
        text = QCoreApplication.translate("Migrating", "另一個 OrderDesk 正在更新這個資料庫，請稍候…")
    elif phase == "repair":
        text = QCoreApplication.translate("Migrating", "正在檢查資料表的索引…")
    else:
        text = QCoreApplication.translate("Migrating", "正在更新資料庫結構…")
    return text + "\n" + QCoreApplication.translate("Migrating", "完成後就會開啟視窗。")


class _Phases(QObject):
    changed = Signal(str, int, int)  # phase, done, total (from the worker thread)


class MigrationDialog(QProgressDialog):
    """The update's progress: a bar of the copy's pages or of the steps, a busy bar while the
    copy or the indexes are checked."""

    def __init__(self):
        super().__init__()
        self.setObjectName("migration_progress")
        self.setWindowTitle("OrderDesk")
        self.setCancelButton(None)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(24 * 3600 * 1000)  # shown by ``migrate_showing_progress``
        self.setMinimumWidth(420)
        self.show_phase("", 0, 0)

    def show_phase(self, phase: str, done: int, total: int) -> None:
        self.setLabelText(phase_text(phase, done, total))
        counted = phase in ("backup", "step") and total > 0
        self.setRange(0, total if counted else 0)
        if counted:
            self.setValue(min(done, total))

    def reject(self) -> None:  # Esc
        pass

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        event.ignore()


def migrate_showing_progress() -> list[int]:
    """Run the due steps off the UI thread, showing ``MigrationDialog`` if they take longer
    than ``SHOW_AFTER_MS``; returns the steps run, or raises what stopped them (the database
    as it was before the step that failed)."""
    phases = _Phases()
    dialog = MigrationDialog()
    phases.changed.connect(dialog.show_phase)
    job = background.Job(lambda **_job: schema_update.bring_up_to_date(phases.changed.emit))
    outcome: dict = {}
    loop = QEventLoop()
    job.signals.done.connect(lambda steps: (outcome.setdefault("steps", steps), loop.quit()))
    job.signals.failed.connect(lambda exc: (outcome.setdefault("error", exc), loop.quit()))
    show = QTimer(singleShot=True, interval=SHOW_AFTER_MS)
    show.timeout.connect(dialog.show)
    show.start()
    background.start(job)
    loop.exec()
    if not outcome:  # the loop ended with the application (a logout): let the step end first
        QThreadPool.globalInstance().waitForDone()
        QCoreApplication.sendPostedEvents()
    show.stop()
    dialog.hide()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("steps", [])
