"""【匯出 Excel】 on every list tab (issue 6): the rows the tab shows, in a worker thread.

The tab's filter (a frozen dataclass: plain data) is handed to ``app.services.export`` in a
``QThreadPool`` worker; a non-modal progress dialog reports and can cancel, so the window stays
usable (STYLE.md: long work off the UI thread).  Every prompt goes through one module-level
function — ``ask_save_path``, ``ask_other_name``, ``show_error`` — so a test patches one name.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from app.services import export as svc
from app.services import shop_clock

from .background import Job, start
from .settings_keys import EXPORT_DIR

# ---------------------------------------------------------------- the prompts (patch these)


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    """The file to write, or None if the clerk cancels.  ``.xlsx`` is added when missing."""
    title = QCoreApplication.translate("ExportAction", "匯出 Excel")
    kinds = QCoreApplication.translate("ExportAction", "Excel 活頁簿 (*.xlsx)")
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    if not path:
        return None
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path


def ask_other_name(parent: QWidget | None, path: str) -> bool:
    """The target could not be replaced (open in Excel?): True to save under another name."""
    title = QCoreApplication.translate("ExportAction", "匯出 Excel")
    text = QCoreApplication.translate(
        "ExportAction",
        "無法覆寫「{0}」：這個檔案可能正在 Excel 或其他程式中開啟。\n請先關閉該檔案，或另存成其他檔名。",
    ).format(path)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton,
                      parent)
    other = box.addButton(QCoreApplication.translate("ExportAction", "另存新檔…"),
                          QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QCoreApplication.translate("ExportAction", "取消"),
                  QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is other


def show_error(parent: QWidget | None, text: str) -> None:
    QMessageBox.warning(parent, QCoreApplication.translate("ExportAction", "匯出 Excel"), text)


# ---------------------------------------------------------------- the worker


class ExportJob(Job):
    """One export: its filter, target and options (kept for 另存新檔 after a refused move)."""

    def __init__(self, flt, path: str, **kw):
        self.flt = flt
        self.path = path
        self.kw = kw
        super().__init__(lambda **run: svc.export_tab(flt, path, **kw, **run))


# ---------------------------------------------------------------- the controller


def _move_right(lt, names: list[str]) -> None:
    """Put the export buttons at the right end of the tab's button row, apart from the row
    actions a page adds later (``ListTab.add_action`` inserts before the row's last item, its
    stretch, so the buttons go into a row that holds the tab's own button row)."""
    outer = lt.layout()
    index = next((i for i in range(outer.count()) if outer.itemAt(i).layout() is lt.buttons), -1)
    if index < 0:
        return
    outer.takeAt(index)
    lt.buttons.setParent(None)
    row = QHBoxLayout()
    row.setContentsMargins(0, 0, 0, 0)
    row.addLayout(lt.buttons, 1)
    for name in names:
        button = lt.findChild(QPushButton, name)
        if button is not None:
            lt.buttons.removeWidget(button)
            row.addWidget(button)
    outer.insertLayout(index, row)


class ExportController(QObject):
    """Adds 【匯出 Excel】 and 【匯出選取的列】 to each tab of a ``StatusTabsPage``.

    ``finished(ExportResult)`` after a file is written; ``stopped(str)`` with the reason when
    an export ends without a file (cancelled, failed).
    """

    finished = Signal(object)
    stopped = Signal(str)

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.jobs: set[ExportJob] = set()
        for tab, lt in page.tab_of.items():
            lt.add_action(self.tr("匯出 Excel"), lambda _rows, tab=tab: self.export(tab),
                          enabled=lambda _rows: True, name="export")
            lt.add_action(self.tr("匯出選取的列"),
                          lambda rows, tab=tab: self.export(tab, [r.id for r in rows]),
                          enabled=lambda rows: bool(rows), name="export_selected")
            _move_right(lt, ["button_export", "button_export_selected"])
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.cancel_all)

    # ---- starting

    def export(self, tab, ids: list[int] | None = None) -> None:
        """Ask for a file name and export what ``tab`` shows (only ``ids``, if given)."""
        operator = self.page.session.operator(self.page)
        if not operator:
            return
        flt = self.page.tab_of[tab].model.filter
        path = ask_save_path(self.page, self._suggested(tab))
        if path:
            self.start(flt, path, operator=operator, ids=ids, tab=tab)

    def _suggested(self, tab) -> str:
        folder = str(EXPORT_DIR.read(self.page.session.settings)) or str(Path.home())
        label = QCoreApplication.translate("Tabs", tab.label)
        return str(Path(folder) / f"{label}-{shop_clock.local_now():%Y%m%d-%H%M}.xlsx")

    def start(self, flt, path: str, *, operator: str, ids: list[int] | None, tab) -> ExportJob:
        store = self.page.store_names.get(flt.store_id) if flt.store_id is not None else None
        filters_text = svc.describe_filters(flt, store_name=store,
                                            translate=QCoreApplication.translate)
        job = ExportJob(flt, path, operator=operator, filters_text=filters_text,
                        translate=QCoreApplication.translate, ids=ids)
        what = (QCoreApplication.translate("Tabs", tab.label) if tab is not None else "")
        dialog = QProgressDialog(self.tr("正在匯出「{0}」到 {1}…").format(what, Path(path).name),
                                 self.tr("取消"), 0, 0, self.page)
        dialog.setObjectName("export_progress")
        dialog.setWindowTitle(self.tr("匯出 Excel"))
        dialog.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        dialog.setValue(0)
        dialog.canceled.connect(job.cancel)
        job.dialog = dialog

        def on_progress(done: int, total: int) -> None:
            if dialog.maximum() != total:
                dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, max(total, 1)))

        job.signals.progress.connect(on_progress)
        job.signals.done.connect(lambda result: self._done(job, result))
        job.signals.failed.connect(
            lambda exc: self._failed(job, exc, operator=operator, ids=ids, tab=tab))
        self.jobs.add(job)
        start(job)
        return job

    # ---- ending

    def _end(self, job: ExportJob) -> None:
        job.dialog.close()
        job.dialog.deleteLater()
        self.jobs.discard(job)

    def _done(self, job: ExportJob, result: svc.ExportResult) -> None:
        self._end(job)
        EXPORT_DIR.write(self.page.session.settings, str(Path(result.path).parent))
        self._status(self.tr("已匯出 {0:,} 筆到 {1}").format(result.rows, result.path))
        self.finished.emit(result)

    def _failed(self, job: ExportJob, exc: BaseException, *, operator, ids, tab) -> None:
        self._end(job)
        if isinstance(exc, svc.ExportCancelled):
            text = self.tr("已取消匯出，沒有寫入檔案。")
            self._status(text)
            self.stopped.emit(text)
            return
        if isinstance(exc, svc.TargetLocked):
            text = self.tr("無法覆寫「{0}」，檔案可能正在 Excel 中開啟。").format(job.path)
            self.stopped.emit(text)
            if ask_other_name(self.page, job.path):
                path = ask_save_path(self.page, job.path)
                if path:
                    self.start(job.flt, path, operator=operator, ids=ids, tab=tab)
            return
        text = self.tr("匯出失敗，沒有寫入檔案：{0}").format(exc)
        self.stopped.emit(text)
        show_error(self.page, text)

    def _status(self, text: str) -> None:
        window = self.page.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)

    def cancel_all(self, msecs: int = 10000) -> None:
        """On quitting: stop the running exports; each removes its temporary file."""
        for job in list(self.jobs):
            job.cancel()
        if self.jobs:
            QThreadPool.globalInstance().waitForDone(msecs)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for the pool's running exports (for tests and for closing the window)."""
        return QThreadPool.globalInstance().waitForDone(msecs)


def install_export(page) -> ExportController:
    """【匯出 Excel】 on every ``ListTab`` of ``page`` (a ``StatusTabsPage``)."""
    page.exporter = ExportController(page)
    return page.exporter
