"""檔案 → 匯入… (issue 6): orders, payment notices and cancellation requests from a file.

Two jobs in a ``QThreadPool`` worker, each with a progress dialog that can cancel (STYLE.md:
long work off the UI thread): the check (``importer.check_file``, reads only), then — after
the clerk has seen the bad rows in ``ImportReportDialog`` and accepted — the write
(``importer.apply_import``, one transaction: all or nothing).  Every prompt goes through one
module-level function — ``ask_open_path``, ``show_error``, ``show_done`` — so a test patches
one name; the report is ``ImportReportDialog.ask``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox, QProgressDialog, QWidget

from app.dialogs.import_report_dialog import ImportReportDialog
from app.services import importer as svc

from .background import Job, start
from .settings_keys import IMPORT_DIR

# ---------------------------------------------------------------- the prompts (patch these)


def ask_open_path(parent: QWidget | None, folder: str) -> str | None:
    """The file to import, or None if the clerk cancels."""
    title = QCoreApplication.translate("ImportAction", "匯入訂單、付款通知或取消申請")
    kinds = QCoreApplication.translate("ImportAction", "Excel 或 CSV 檔 (*.xlsx *.csv);;所有檔案 (*)")
    path, _filter = QFileDialog.getOpenFileName(parent, title, folder, kinds)
    return path or None


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("ImportAction", "匯入"), text)


def show_done(parent: QWidget | None, text: str) -> None:
    QMessageBox.information(parent, QCoreApplication.translate("ImportAction", "匯入"), text)


# ---------------------------------------------------------------- the worker




# ---------------------------------------------------------------- the controller


class ImportController(QObject):
    """``finished(ImportResult)`` after a file is imported; ``stopped(str)`` with the reason
    when an import ends without writing (cancelled, declined, failed, nothing valid)."""

    finished = Signal(object)
    stopped = Signal(str)

    def __init__(self, window: QMainWindow, session):
        super().__init__(window)
        self.window = window
        self.session = session
        self.jobs: set[Job] = set()
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel_all)

    def start(self) -> None:
        """Ask for the clerk's name and a file, then check it."""
        if self.jobs:  # one import at a time: a second would only find the first's orders
            self._status(self.tr("已有一個匯入正在進行。"))
            return
        operator = self.session.operator(self.window)
        if not operator:
            return
        folder = str(IMPORT_DIR.read(self.session.settings)) or str(Path.home())
        path = ask_open_path(self.window, folder)
        if not path:
            return
        IMPORT_DIR.write(self.session.settings, str(Path(path).parent))
        self._run(lambda **kw: svc.check_file(path, **kw),
                  self.tr("正在檢查 {0}…").format(Path(path).name), modal=False,
                  done=lambda plan: self._checked(plan, operator))

    def _run(self, work, text: str, *, modal: bool, done) -> Job:
        job = Job(work)
        dialog = QProgressDialog(text, self.tr("取消"), 0, 0, self.window)
        dialog.setObjectName("import_progress")
        dialog.setWindowTitle(self.tr("匯入"))
        # Checking only reads: the window stays usable.  Writing holds the database's write
        # lock, so the window waits for it (but still repaints and can cancel).
        dialog.setWindowModality(Qt.WindowModality.WindowModal if modal else Qt.WindowModality.NonModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        dialog.setValue(0)
        dialog.canceled.connect(job.cancel)
        job.dialog = dialog

        def on_progress(n: int, total: int) -> None:
            if dialog.maximum() != total:
                dialog.setMaximum(max(total, 1))
            dialog.setValue(min(n, max(total, 1)))

        job.signals.progress.connect(on_progress)
        job.signals.done.connect(lambda result: (self._end(job), done(result)))
        job.signals.failed.connect(lambda exc: (self._end(job), self._failed(exc)))
        self.jobs.add(job)
        start(job)
        return job

    def _end(self, job: Job) -> None:
        job.dialog.close()
        job.dialog.deleteLater()
        self.jobs.discard(job)

    def _checked(self, plan: svc.ImportPlan, operator: str) -> None:
        if not ImportReportDialog.ask(self.window, plan):
            text = self.tr("沒有匯入，沒有寫入任何資料。")
            self._status(text)
            self.stopped.emit(text)
            return
        self._run(lambda **kw: svc.apply_import(plan, operator=operator, **kw),
                  self.tr("正在匯入 {0:,} 筆…").format(plan.good), modal=True, done=self._imported)

    def _imported(self, result: svc.ImportResult) -> None:
        self.session.announce(None)  # new orders in many tabs: reload them all
        text = result.summary(QCoreApplication.translate)
        self._status(text)
        self.finished.emit(result)
        show_done(self.window, text)

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, svc.ImportCancelled):
            text = self.tr("已取消匯入，沒有寫入任何資料。")
            self._status(text)
            self.stopped.emit(text)
            return
        if isinstance(exc, svc.UnreadableFile):
            text = exc.message(QCoreApplication.translate)
        elif isinstance(exc, svc.ImportFailed):
            text = self.tr("匯入失敗，沒有寫入任何資料：{0}").format(exc.message(QCoreApplication.translate))
        else:
            text = self.tr("匯入失敗，沒有寫入任何資料：{0}").format(exc)
        self.stopped.emit(text)
        show_error(self.window, text)

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, 15000)

    def cancel_all(self, msecs: int = 10000) -> None:
        for job in list(self.jobs):
            job.cancel()
        if self.jobs:
            QThreadPool.globalInstance().waitForDone(msecs)

    def wait(self, msecs: int = 30000) -> bool:
        return QThreadPool.globalInstance().waitForDone(msecs)


def install_import(window) -> QAction:
    """The 檔案 → 匯入… action of ``window`` (a ``MainWindow`` with a ``session``)."""
    window.importer = ImportController(window, window.session)
    action = QAction(QCoreApplication.translate("ImportAction", "匯入…"), window)
    action.setObjectName("action_import")
    action.triggered.connect(lambda _checked=False: window.importer.start())
    return action
