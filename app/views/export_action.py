"""【匯出 Excel】 on every list tab (issue 6): the rows the tab shows, in a worker thread.

The tab's filter (a frozen dataclass: plain data) is handed to ``app.services.export`` in a
``QThreadPool`` worker; a non-modal progress dialog reports and can cancel, so the window stays
usable (docs/STYLE.md: long work off the UI thread).  The clerk's name comes from the views'
``Runner``, every prompt goes through the one door, ``prompts.show``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QPushButton

from app.services import shop_clock
from app.services.credentials import redact

from . import prompts
from .background import Job, JobController
from .runner import Runner
from .settings_keys import EXPORT_DIR

if TYPE_CHECKING:
    from app.services import export as svc


def _svc():
    """``app.services.export``, imported when the clerk first exports: not while the window
    starts (issue 11, item 8)."""
    from app.services import export

    return export

# ---------------------------------------------------------------- the worker


class ExportJob(Job):
    """One export: its filter and target (kept for 另存新檔 after a refused move)."""

    def __init__(self, flt, path: str, **kw):
        self.flt = flt
        self.path = path
        super().__init__(lambda **run: _svc().export_tab(flt, path, **kw, **run))


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


class ExportController(JobController):
    """Adds 【匯出 Excel】 and 【匯出選取的列】 to each tab of a ``StatusTabsPage``.

    ``finished(ExportResult)`` after a file is written; ``stopped(str)`` with the reason when
    an export ends without a file (cancelled, failed).
    """

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.runner = Runner(page, page.session)
        page.each_list(self._install)  # each tab's table as it is built

    def _install(self, tab, lt) -> None:
        lt.add_action(self.tr("匯出 Excel"), lambda _rows: self.export(tab),
                      enabled=lambda _rows: True, name="export")
        lt.add_action(self.tr("匯出選取的列"), lambda rows: self.export(tab, [r.id for r in rows]),
                      enabled=lambda rows: bool(rows), name="export_selected")
        _move_right(lt, ["button_export", "button_export_selected"])

    # ---- starting

    def export(self, tab, ids: list[int] | None = None) -> None:
        """Ask for a file name and export what ``tab`` shows (only ``ids``, if given)."""
        operator = self.runner.operator()
        if not operator:
            return
        flt = self.page.tab_of[tab].model.filter
        path = self._ask_path(self._suggested(tab))
        if path:
            self.start(flt, path, operator=operator, ids=ids, tab=tab)

    def _ask_path(self, suggested: str) -> str | None:
        """The file to write, or None if the clerk cancels.  ``.xlsx`` is added when missing."""
        title = QCoreApplication.translate("ExportAction", "匯出 Excel")
        kinds = QCoreApplication.translate("ExportAction", "Excel 活頁簿 (*.xlsx)")
        path = prompts.save_path(self.page, title, suggested, kinds)
        if path and not path.lower().endswith(".xlsx"):
            path += ".xlsx"
        return path

    def _ask_other_name(self, path: str) -> bool:
        """The target could not be replaced (open in Excel?): True to save under another name."""
        title = QCoreApplication.translate("ExportAction", "匯出 Excel")
        text = QCoreApplication.translate(
            "ExportAction",
            "無法覆寫「{0}」：這個檔案可能正在 Excel 或其他程式中開啟。\n請先關閉該檔案，或另存成其他檔名。",
        ).format(path)
        return prompts.confirm(self.page, title, text,
                               yes=QCoreApplication.translate("ExportAction", "另存新檔…"),
                               no=QCoreApplication.translate("ExportAction", "取消"), path=path)

    def _suggested(self, tab) -> str:
        folder = str(EXPORT_DIR.read(self.page.session.settings)) or str(Path.home())
        label = QCoreApplication.translate("Tabs", tab.label)
        return str(Path(folder) / f"{label}-{shop_clock.local_now():%Y%m%d-%H%M}.xlsx")

    def start(self, flt, path: str, *, operator: str, ids: list[int] | None, tab) -> ExportJob:
        store = self.page.store_names.get(flt.store_id) if flt.store_id is not None else None
        filters_text = _svc().describe_filters(flt, store_name=store,
                                               translate=QCoreApplication.translate)
        job = ExportJob(flt, path, operator=operator, filters_text=filters_text,
                        translate=QCoreApplication.translate, ids=ids)
        what = (QCoreApplication.translate("Tabs", tab.label) if tab is not None else "")
        job.show_progress(self.page, self.tr("正在匯出「{0}」到 {1}…").format(what, Path(path).name),
                          cancel=self.tr("取消"), title=self.tr("匯出 Excel"),
                          name="export_progress")  # not modal: the window stays usable
        job.signals.done.connect(lambda result: self._done(job, result))
        job.signals.failed.connect(
            lambda exc: self._failed(job, exc, operator=operator, ids=ids, tab=tab))
        return self.launch(job)

    # ---- ending

    def _done(self, job: ExportJob, result: svc.ExportResult) -> None:
        self.end(job)
        EXPORT_DIR.write(self.page.session.settings, str(Path(result.path).parent))
        self.status(self.tr("已匯出 {0:,} 筆到 {1}").format(result.rows, result.path))
        self.finished.emit(result)

    def _failed(self, job: ExportJob, exc: BaseException, *, operator, ids, tab) -> None:
        self.end(job)
        if isinstance(exc, _svc().ExportCancelled):
            text = self.tr("已取消匯出，沒有寫入檔案。")
            self.stop(text)
            return
        if isinstance(exc, _svc().TargetLocked):
            text = self.tr("無法覆寫「{0}」，檔案可能正在 Excel 中開啟。").format(job.path)
            self.stopped.emit(text)
            if self._ask_other_name(job.path):
                path = self._ask_path(job.path)
                if path:
                    self.start(job.flt, path, operator=operator, ids=ids, tab=tab)
            return
        text = self.tr("匯出失敗，沒有寫入檔案：{0}").format(redact(exc))
        self.stopped.emit(text)
        self.runner.tell(QCoreApplication.translate("ExportAction", "匯出 Excel"), text)




def install_export(page) -> ExportController:
    """【匯出 Excel】 on every ``ListTab`` of ``page`` (a ``StatusTabsPage``)."""
    page.exporter = ExportController(page)
    return page.exporter
