"""列印出貨單 and 列印揀貨單 (issue 17 item 5): the selected orders of 訂單管理 through Qt's
print dialog, its print preview, or straight to a PDF file, on A4 or a 10×15 cm label.

The 檔案 menu holds the entries (Ctrl+P prints the packing slips) and each tab's context menu
the two print entries.  The data comes from ``app.services.printing`` and is laid out by
``app.widgets.slips``; ``ask_printer`` is the one door to the print dialog, so a test patches it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.services import shop_clock
from app.widgets import paper

from . import prompts
from .settings_keys import EXPORT_DIR, PRINT_PAGE_SIZE

if TYPE_CHECKING:
    from PySide6.QtGui import QPagedPaintDevice
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

# Qt's printing module, the orders' print data and the pages' layout (``app.widgets.slips``)
# are imported when something is first printed, not while the window starts (issue 11, item 8):
# the menus need only the paper sizes' names (``app.widgets.paper``).


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintAction", text)


@dataclass(frozen=True)
class Document:
    """What can be printed: its name, its title (untranslated, context ``PrintAction``), the
    menu's words for it, and how its pages are painted for some orders."""

    name: str
    title: str
    entry: str  # in 預覽列印 / 存成 PDF
    paint: Callable[[list[int]], Callable[[QPagedPaintDevice], int]]


def _slips(ids: list[int]) -> Callable[[QPagedPaintDevice], int]:
    from app.services.printing import packing_slips
    from app.widgets.slips import paint_slips

    data = packing_slips(ids)
    return lambda device: paint_slips(device, data)


def _pick_list(ids: list[int]) -> Callable[[QPagedPaintDevice], int]:
    from app.services.printing import pick_list
    from app.widgets.slips import paint_pick_list

    data = pick_list(ids)
    return lambda device: paint_pick_list(device, data, len(ids))


DOCUMENTS = (
    Document("slips", QT_TRANSLATE_NOOP("PrintAction", "出貨單"),
             QT_TRANSLATE_NOOP("PrintAction", "出貨單(&S)…"), _slips),
    Document("pick_list", QT_TRANSLATE_NOOP("PrintAction", "揀貨單"),
             QT_TRANSLATE_NOOP("PrintAction", "揀貨單(&K)…"), _pick_list),
)
SLIPS, PICK_LIST = DOCUMENTS


def ask_printer(parent: QWidget | None, printer: QPrinter, title: str) -> bool:
    """Qt's print dialog for ``printer``: True when the clerk chose to print."""
    from PySide6.QtPrintSupport import QPrintDialog

    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    return dialog.exec() == QDialog.DialogCode.Accepted


def preview(parent: QWidget | None, printer: QPrinter, title: str,
            paint: Callable[[QPagedPaintDevice], int]) -> QPrintPreviewDialog:
    """Qt's print preview of ``paint``'s pages (its own button prints them)."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    dialog = QPrintPreviewDialog(printer, parent)
    dialog.printer = printer  # the dialog does not own it: kept alive as long as the dialog
    dialog.setObjectName("print_preview")
    dialog.setWindowTitle(title)
    dialog.paintRequested.connect(paint)
    return dialog


class PrintController(QObject):
    """The print entries of the 訂單管理 page ``page``: ``page.printer`` after installing."""

    def __init__(self, page):
        super().__init__(page)
        self.page = page
        self.settings = page.session.settings
        page.each_list(self._install)  # each tab's table as it is built

    def _install(self, _tab, lt) -> None:
        for doc, text in ((SLIPS, QT_TRANSLATE_NOOP("PrintAction", "列印出貨單…")),
                          (PICK_LIST, QT_TRANSLATE_NOOP("PrintAction", "列印揀貨單…"))):
            lt.add_action(_tr(text), partial(self.print_document, doc), name=f"print_{doc.name}",
                          button=False)

    # ---- the menu

    def add_to_menu(self, menu: QMenu) -> None:
        """列印出貨單 (Ctrl+P), 列印揀貨單, 預覽列印 ▸, 存成 PDF ▸ and 紙張大小 ▸ in ``menu``."""
        def entry(target, text: str, slot, name: str) -> QAction:
            action = QAction(text, menu)
            action.setObjectName(name)
            action.triggered.connect(lambda _checked=False: slot())
            target.addAction(action)
            return action

        translate = QCoreApplication.translate
        slips_action = entry(menu, translate("PrintAction", "列印出貨單(&P)…"),
                             partial(self.print_document, SLIPS), "action_print_slips")
        slips_action.setShortcut(QKeySequence.StandardKey.Print)
        entry(menu, translate("PrintAction", "列印揀貨單(&K)…"), partial(self.print_document, PICK_LIST),
              "action_print_pick_list")
        for title, how in ((translate("PrintAction", "預覽列印(&V)"), self.preview),
                           (translate("PrintAction", "存成 PDF(&D)"), self.save_pdf)):
            sub = menu.addMenu(title)
            for doc in DOCUMENTS:
                entry(sub, _tr(doc.entry), partial(how, doc), f"action_{how.__name__}_{doc.name}")
        sizes = menu.addMenu(translate("PrintAction", "紙張大小(&Z)"))
        group = QActionGroup(menu)
        for key in paper.NAMES:
            action = entry(sizes, paper.size_label(key), partial(self.set_page_size, key),
                           f"action_size_{key}")
            action.setCheckable(True)
            action.setChecked(key == self.page_size())
            group.addAction(action)

    # ---- the paper

    def page_size(self) -> str:
        key = str(PRINT_PAGE_SIZE.read(self.settings))
        return key if key in paper.NAMES else paper.A4

    def set_page_size(self, key: str) -> None:
        PRINT_PAGE_SIZE.write(self.settings, key)

    def _printer(self, doc: Document) -> QPrinter:
        from PySide6.QtPrintSupport import QPrinter

        from app.widgets.slips import page_layout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.page_size()))
        printer.setDocName(_tr(doc.title))
        printer.setCreator("OrderDesk")
        return printer

    # ---- what is printed

    def _ids(self, doc: Document, rows: list | None) -> list[int] | None:
        """The ids of ``rows``, else of the rows selected on the 訂單管理 page; None (after
        saying why) when there are none."""
        if rows is None:
            rows = self.page.current_list().selected_rows() if self.page.isVisible() else []
        if not rows:
            prompts.tell(self.page,
                         QCoreApplication.translate("PrintAction", "列印{0}").format(_tr(doc.title)),
                         QCoreApplication.translate("PrintAction", "請先在「訂單管理」的清單選取要列印的訂單。"),
                         kind=prompts.INFO)
            return None
        return [r.id for r in rows]

    def _done(self, doc: Document, ids: list[int], where: str = "") -> None:
        text = QCoreApplication.translate("PrintAction", "已列印 {0} 筆訂單的{1}").format(len(ids), _tr(doc.title))
        if where:
            text += QCoreApplication.translate("PrintAction", "：{0}").format(where)
        self.page.session.say(text)

    def print_document(self, doc: Document, rows: list | None = None) -> bool:
        """Qt's print dialog, then ``doc`` of the orders on the printer chosen."""
        ids = self._ids(doc, rows)
        if ids is None:
            return False
        printer = self._printer(doc)
        title = QCoreApplication.translate("PrintAction", "列印{0}").format(_tr(doc.title))
        if not ask_printer(self.page, printer, title):
            return False
        return self._write(doc, ids, lambda: doc.paint(ids)(printer), printer.outputFileName())

    def preview(self, doc: Document, rows: list | None = None) -> QPrintPreviewDialog | None:
        ids = self._ids(doc, rows)
        if ids is None:
            return None
        title = QCoreApplication.translate("PrintAction", "預覽列印：{0}").format(_tr(doc.title))
        dialog = preview(self.page, self._printer(doc), title, doc.paint(ids))
        dialog.open()
        return dialog

    def save_pdf(self, doc: Document, rows: list | None = None) -> str | None:
        """``doc`` of the orders to a PDF file the clerk names; its path."""
        ids = self._ids(doc, rows)
        if ids is None:
            return None
        folder = str(EXPORT_DIR.read(self.settings)) or str(Path.home())
        suggested = str(Path(folder) / f"{_tr(doc.title)}-{shop_clock.local_now():%Y%m%d-%H%M}.pdf")
        path = prompts.save_path(self.page, QCoreApplication.translate("PrintAction", "存成 PDF"), suggested,
                                 QCoreApplication.translate("PrintAction", "PDF 文件 (*.pdf)"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        from app.widgets.slips import write_pdf

        if not self._write(doc, ids, lambda: write_pdf(path, doc.paint(ids), self.page_size(),
                                                       title=_tr(doc.title)), path):
            return None
        EXPORT_DIR.write(self.settings, str(Path(path).parent))
        return path

    def _write(self, doc: Document, ids: list[int], write: Callable[[], object], where: str) -> bool:
        """``write()`` the pages, then say so in the status bar; False (after saying why) when
        they could not be written (a folder that cannot be written to, a printer gone)."""
        try:
            write()
        except OSError as exc:
            prompts.tell(self.page, QCoreApplication.translate("PrintAction", "列印{0}").format(_tr(doc.title)),
                         QCoreApplication.translate("PrintAction", "無法寫入「{0}」：{1}").format(where, exc))
            return False
        self._done(doc, ids, where)
        return True


def install_printing(page, menu: QMenu) -> PrintController:
    """The print entries of ``page`` (the 訂單管理 page) in its tabs' context menus and in
    ``menu`` (the window's 檔案 menu)."""
    page.printer = PrintController(page)
    page.printer.add_to_menu(menu)
    return page.printer
