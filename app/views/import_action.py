"""檔案 → 匯入… (issue 6): orders, payment notices, cancellation requests and the e-invoice
provider's issued invoices from a file.

Two jobs in a ``QThreadPool`` worker, each with a progress dialog that can cancel (docs/STYLE.md:
long work off the UI thread): the check (``importer.check_file``, reads only), then — after
the clerk has seen the bad rows in ``ImportReportDialog`` and accepted — the write
(``importer.apply_import``: staged, then written in short transactions so the other desks go on
working; all or nothing as its module says).  The clerk's name and the
announcement of the new rows go through the views' ``Runner``, every prompt through the one
door, ``prompts.show``; the report is ``ImportReportDialog.ask``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow

from app.services.credentials import redact
from app.services.op_changes import OpChanges

from . import prompts
from .background import Job, JobController
from .runner import Runner
from .settings_keys import IMPORT_DIR

if TYPE_CHECKING:
    from app.services import importer as svc


def _importer():
    """``app.services.importer``, imported when the clerk first imports (not at start-up)."""
    from app.services import importer

    return importer


class ImportController(JobController):
    """``finished(ImportResult)`` after a file is imported; ``stopped(str)`` with the reason
    when an import ends without writing (cancelled, declined, failed, nothing valid)."""

    def __init__(self, window: QMainWindow, session):
        super().__init__(window)
        self.window = window
        self.session = session
        self.runner = Runner(window, session)

    def start(self) -> None:
        """Ask for the clerk's name and a file, then check it."""
        if self.jobs:  # one import at a time: a second would only find the first's orders
            self.status(self.tr("已有一個匯入正在進行。"))
            return
        operator = self.runner.operator()
        if not operator:
            return
        folder = str(IMPORT_DIR.read(self.session.settings)) or str(Path.home())
        path = prompts.open_path(
            self.window, QCoreApplication.translate("ImportAction", "匯入訂單、付款通知、取消申請或發票"), folder,
            QCoreApplication.translate("ImportAction", "Excel 或 CSV 檔 (*.xlsx *.csv);;所有檔案 (*)"))
        if not path:
            return
        IMPORT_DIR.write(self.session.settings, str(Path(path).parent))
        self._run(lambda **kw: _importer().check_file(path, **kw),
                  self.tr("正在檢查 {0}…").format(Path(path).name), modal=False,
                  done=lambda plan: self._checked(plan, operator))

    def _run(self, work, text: str, *, modal: bool, done) -> Job:
        job = Job(work)
        # Checking only reads: the window stays usable.  Writing holds the database's write
        # lock, so the window waits for it (but still repaints and can cancel).
        job.show_progress(self.window, text, cancel=self.tr("取消"), title=self.tr("匯入"),
                          name="import_progress", modal=modal)
        job.signals.done.connect(lambda result: (self.end(job), done(result)))
        job.signals.failed.connect(lambda exc: (self.end(job), self._failed(exc)))
        return self.launch(job)

    def _checked(self, plan: svc.ImportPlan, operator: str) -> None:
        from app.dialogs.import_report_dialog import ImportReportDialog  # not at start-up

        if not ImportReportDialog.ask(self.window, plan):
            text = self.tr("沒有匯入，沒有寫入任何資料。")
            self.stop(text)
            return
        self._run(lambda **kw: _importer().apply_import(plan, operator=operator, **kw),
                  self.tr("正在匯入 {0:,} 筆…").format(plan.good), modal=True, done=self._imported)

    def _imported(self, result: svc.ImportResult) -> None:
        self.runner.announce(OpChanges.of_import())  # new rows in many tabs: reload them all
        text = result.summary(QCoreApplication.translate)
        self.status(text)
        self.finished.emit(result)
        self.runner.tell(QCoreApplication.translate("ImportAction", "匯入"), text, kind=prompts.INFO)

    def _failed(self, exc: BaseException) -> None:
        svc = _importer()
        if isinstance(exc, svc.ImportCancelled):
            text = self.tr("已取消匯入，沒有寫入任何資料。")
            self.stop(text)
            return
        if isinstance(exc, (svc.UnreadableFile, svc.ImportInterrupted)):
            # Interrupted: part is written, the rest is finished on the next open or import.
            text = exc.message(QCoreApplication.translate)
        elif isinstance(exc, svc.ImportFailed):
            text = self.tr("匯入失敗，沒有寫入任何資料：{0}").format(exc.message(QCoreApplication.translate))
        else:
            text = self.tr("匯入失敗，沒有寫入任何資料：{0}").format(exc)
        text = redact(text)  # a driver's words may hold the server's URL
        self.stopped.emit(text)
        self.runner.tell(QCoreApplication.translate("ImportAction", "匯入"), text)



