"""The main window: a sidebar of modules — 商品訂單, whose sub-functions run along the top, and
報表 (Reports), a page of report tabs — and the page of the one selected."""

from __future__ import annotations

import importlib

from PySide6.QtCore import QCoreApplication, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

import app
from app.services import people
from app.services.op_changes import OpChanges
from app.widgets import screen as fit
from app.widgets.screen import FRAME, fit_on_screen

from . import prompts
from . import settings_keys as keys
from .live_refresh import LiveRefresh
from .print_action import install_printing
from .session import Session

#: The first start's size: the window with its title bar fits a 1366×768 screen above a taskbar.
DEFAULT_SIZE = QSize(1280, 660)


class MainWindow(QMainWindow):
    PAGES = ("orders", "cancellations", "payment", "shipping", "invoices", "remittances", "carriers", "reports")
    #: The sidebar's modules, in order: 商品訂單 (the pages along the top), 報表.
    ORDERS_MODULE, REPORTS_MODULE = range(2)
    #: The clerk chose another database in 設定 → 資料庫連線; main.py opens it.
    reconnect_requested = Signal(str)

    def __init__(self, settings: QSettings, *, db_label: str = "", db_url: str = "",
                 fit_dialogs: bool = True, parent=None):
        """``fit_dialogs=False``: the caller makes every dialog fit its screen itself
        (``screen.install``); ``main.py`` does once the window has painted itself."""
        super().__init__(parent)
        self.settings = settings
        self.db_url = db_url or db_label
        self._importer = None
        self.session = Session(settings, self)
        self.session.setObjectName("session")
        self.session.sign_in(people.signed_in())  # the role, read from the database
        if fit_dialogs:
            fit.install(QApplication.instance())  # every dialog fits the screen it opens on
        self.setWindowTitle(self.tr("OrderDesk 訂單管理後台"))

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        module = QListWidgetItem(self.tr("商品訂單"))
        self.sidebar.addItem(module)
        self.sidebar.addItem(QListWidgetItem(self.tr("報表")))
        self.sidebar.setCurrentItem(module)
        self.sidebar.setMaximumWidth(160)

        self.subnav = QTabBar(self)
        self.subnav.setObjectName("subnav")
        self.subnav.setExpanding(False)
        self.stack = QStackedWidget(self)
        # Every page but 訂單管理 is built, and its modules imported, when first shown (or
        # first asked for: ``page``); until then a blank stands in its place in the stack.
        self._pages: dict[str, QWidget] = {}
        for label in (self.tr("訂單管理"), self.tr("取消訂單"), self.tr("付款方式"), self.tr("送貨方式"),
                      self.tr("發票"), self.tr("代收款對帳"), self.tr("物流業者")):
            self.subnav.addTab(label)
            self.stack.addWidget(QWidget(self.stack))
        self.stack.addWidget(QWidget(self.stack))  # 報表
        self.page("orders")
        self.subnav.currentChanged.connect(self._show_page)
        self.sidebar.currentRowChanged.connect(self._show_module)

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.subnav)
        rl.addWidget(self.stack)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.sidebar)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([150, 1100])
        self.setCentralWidget(split)

        self._menus()
        self.operator_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.operator_label)
        self.statusBar().addPermanentWidget(QLabel(db_label, self))
        self.session.operator_changed.connect(self._show_operator)
        self.session.said.connect(lambda text: self.statusBar().showMessage(text, 30_000))
        self._show_operator()
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connection_label")
        self.statusBar().addWidget(self.connection_label)
        self.live = LiveRefresh(self.session, parent=self)
        self.live.connection_lost.connect(self._connection_lost)
        self.live.connection_back.connect(self._connection_back)
        self.restore_state()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("檔案(&F)"))
        refresh = QAction(self.tr("重新整理(&R)"), self)
        refresh.setShortcut(QKeySequence.StandardKey.Refresh)
        refresh.triggered.connect(lambda: self.session.announce(OpChanges.all()))
        file_menu.addAction(refresh)
        importing = QAction(QCoreApplication.translate("ImportAction", "匯入…"), self)
        importing.setObjectName("action_import")
        importing.triggered.connect(lambda _checked=False: self.importer.start())
        file_menu.addAction(importing)
        file_menu.addSeparator()
        install_printing(self.orders_page, file_menu)  # 列印出貨單 (Ctrl+P), 列印揀貨單, …
        file_menu.addSeparator()
        quit_action = QAction(self.tr("結束(&X)"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        settings_menu = self.menuBar().addMenu(self.tr("設定(&S)"))
        settings_menu.setToolTipsVisible(True)  # a disabled entry says why
        who = QAction(self.tr("操作人員(&O)…"), self)
        who.setObjectName("action_operator")
        who.triggered.connect(lambda: self.session.ask_operator(self))
        settings_menu.addAction(who)
        if self.session.is_person():  # the database writes the login: no name to choose
            who.setEnabled(False)
            who.setToolTip(self.tr("您已用自己的帳號登入，歷程記錄的是這個帳號。"))
        if self.session.signed_in is not None:  # on a server
            users = QAction(self.tr("使用者管理(&U)…"), self)
            users.setObjectName("action_people")
            users.triggered.connect(self.manage_people)
            self.session.refuse("people", users)
            settings_menu.addAction(users)
        connection = QAction(self.tr("資料庫連線(&D)…"), self)
        connection.setObjectName("action_connection")
        connection.triggered.connect(self.choose_database)
        settings_menu.addAction(connection)
        settings_menu.addSeparator()
        close_month = QAction(self.tr("結帳／關帳(&M)…"), self)
        close_month.setObjectName("action_close_month")
        close_month.triggered.connect(lambda: self.reports_page.ask_close_month())
        settings_menu.addAction(close_month)
        for row, (name, key) in enumerate(((self.tr("商品訂單"), "Alt+1"), (self.tr("報表"), "Alt+2"))):
            go = QAction(name, self)
            go.setObjectName(f"action_module_{row + 1}")
            go.setShortcut(QKeySequence(key))
            go.triggered.connect(lambda _c=False, row=row: self.sidebar.setCurrentRow(row))
            self.addAction(go)
        help_menu = self.menuBar().addMenu(self.tr("說明(&H)"))
        about = QAction(self.tr("關於 OrderDesk(&A)"), self)
        about.triggered.connect(self._about)
        keys_action = QAction(self.tr("快速鍵(&K)"), self)
        keys_action.setObjectName("action_shortcuts")
        keys_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys_action)
        help_menu.addAction(about)

    @property
    def importer(self):
        """檔案 → 匯入…'s ``ImportController``, made when first used: its module, and the
        runner's behind it, are not imported while the window starts (issue 11, item 8)."""
        if self._importer is None:
            from .import_action import ImportController

            self._importer = ImportController(self, self.session)
        return self._importer

    def shortcuts(self) -> list[tuple[str, str]]:
        """Every action's shortcut, read from the actions themselves (menus, the pages' keys,
        the row actions of every tab) — no list kept by hand."""
        for page in self.built_pages():  # the tabs not shown yet have their row actions too
            if hasattr(page, "all_lists"):
                page.all_lists()
        seen: dict[tuple[str, str], None] = {}
        for action in self.findChildren(QAction):
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if key:
                text = action.text().replace("&", "").split("(")[0].rstrip("…").strip()
                seen.setdefault((text, key), None)
        return list(seen)

    def show_shortcuts(self) -> None:
        from app.dialogs.shortcuts_dialog import ShortcutsDialog

        for name in self.PAGES:  # the pages not shown yet have keys too
            self.page(name)

        ShortcutsDialog(self.shortcuts(), self).exec()

    def choose_database(self) -> None:
        from app.dialogs.connection_dialog import ConnectionDialog

        url = ConnectionDialog.ask(self, self.db_url)
        if url and url != self.db_url:
            self.reconnect_requested.emit(url)

    def manage_people(self) -> None:
        from .people_page import PeoplePage

        if self.session.refuse("people", parent=self):
            return
        page = PeoplePage(self.session, self)
        page.exec()
        page.deleteLater()

    def _about(self) -> None:
        prompts.tell(self, self.tr("關於 OrderDesk"),
                     self.tr("OrderDesk {0}\n商店訂單管理後台。").format(app.__version__),
                     kind=prompts.Kind.ABOUT)

    def _show_operator(self, *_args) -> None:
        name = self.session.operator_shown()
        self.operator_label.setText(self.tr("操作人員：{0}").format(name or self.tr("（未設定）")))

    def _connection_lost(self, detail: str) -> None:
        self.connection_label.setStyleSheet("color: #c62828; font-weight: bold;")
        self.connection_label.setText(self.tr("與資料庫的連線中斷，正在重試…"))
        self.connection_label.setToolTip(detail)

    def _connection_back(self) -> None:
        self.connection_label.setStyleSheet("color: #2e7d32;")
        self.connection_label.setText(self.tr("已重新連線"))
        self.connection_label.setToolTip("")

    #: Where each page's class lives (``page``): imported when the page is first built.
    PAGE_CLASSES = {
        "orders": ("orders_page", "OrdersPage"),
        "cancellations": ("cancellations_page", "CancellationsPage"),
        "payment": ("methods_page", "PaymentMethodsPage"),
        "shipping": ("methods_page", "ShippingMethodsPage"),
        "invoices": ("invoices_page", "InvoicesPage"),
        "remittances": ("remittances_page", "RemittancesPage"),
        "carriers": ("methods_page", "CarriersPage"),
        # 報表: its charts' library (pyqtgraph, numpy) costs more to import than the rest of
        # the window takes to open.
        "reports": ("reports_page", "ReportsPage"),
    }

    #: The pages that keep their tab, sort and column widths in the settings.
    STATEFUL_PAGES = ("orders", "cancellations")

    def page(self, name: str) -> QWidget:
        """The page ``name`` (one of ``PAGES``), built the first time it is asked for, in the
        stack where its blank stood."""
        page = self._pages.get(name)
        if page is None:
            module, cls = self.PAGE_CLASSES[name]
            page = getattr(importlib.import_module(f"{__package__}.{module}"), cls)(self.session, self)
            self._pages[name] = page
            index = self.PAGES.index(name)
            blank = self.stack.widget(index)
            current = self.stack.currentIndex()
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(blank)
            blank.deleteLater()
            self.stack.setCurrentIndex(current)
            if name in self.STATEFUL_PAGES:
                page.restore_state(self.settings)
            if name == "invoices":
                page.import_button.clicked.connect(lambda _checked=False: self.importer.start())
        return page

    def built_pages(self) -> list[QWidget]:
        return list(self._pages.values())

    orders_page = property(lambda self: self.page("orders"))
    cancellations_page = property(lambda self: self.page("cancellations"))
    payment_page = property(lambda self: self.page("payment"))
    shipping_page = property(lambda self: self.page("shipping"))
    invoices_page = property(lambda self: self.page("invoices"))
    remittances_page = property(lambda self: self.page("remittances"))
    carriers_page = property(lambda self: self.page("carriers"))
    reports_page = property(lambda self: self.page("reports"))

    def _show_page(self, index: int) -> None:
        page = self.page(self.PAGES[index])
        self.stack.setCurrentIndex(index)
        page.reload_if_stale()

    def _show_module(self, row: int) -> None:
        reports = row == self.REPORTS_MODULE
        self.subnav.setVisible(not reports)
        if reports:
            self.stack.setCurrentWidget(self.reports_page)
            self.reports_page.reload_if_stale()
        else:
            self._show_page(self.subnav.currentIndex())

    def show_page(self, name: str) -> None:
        if name == "reports":
            self.sidebar.setCurrentRow(self.REPORTS_MODULE)
            return
        self.sidebar.setCurrentRow(self.ORDERS_MODULE)
        self.subnav.setCurrentIndex(self.PAGES.index(name))

    # ---- window state in QSettings

    def restore_state(self) -> None:
        geometry = keys.WINDOW_GEOMETRY.read(self.settings)
        size = keys.WINDOW_SIZE.read(self.settings)
        if geometry:
            self.restoreGeometry(geometry)
        if size is not None and not self.isMaximized():
            self.resize(size)  # restoreGeometry clamps to the screen it thinks it has
        elif not geometry:
            self.resize(DEFAULT_SIZE)
        screen = fit.screen_of(self)
        if screen is not None and not self.isMaximized():
            fitted = fit_on_screen(self.geometry(), screen.availableGeometry())
            if fitted.size() != self.size():
                self.resize(fitted.size())
            if geometry and fitted.topLeft() != self.geometry().topLeft():
                self.move(fitted.topLeft() - (self.geometry().topLeft() - self.pos()))
        page = int(keys.WINDOW_PAGE.read(self.settings) or 0)
        if 0 <= page < self.subnav.count():
            self.subnav.setCurrentIndex(page)
            self._show_page(page)
        elif page == self.PAGES.index("reports"):
            self.show_page("reports")

    def save_state(self) -> None:
        keys.WINDOW_GEOMETRY.write(self.settings, self.saveGeometry())
        keys.WINDOW_SIZE.write(self.settings, self.size())
        reports = self.sidebar.currentRow() == self.REPORTS_MODULE
        keys.WINDOW_PAGE.write(self.settings, self.PAGES.index("reports") if reports
                               else self.subnav.currentIndex())
        for name in self.STATEFUL_PAGES:
            if name in self._pages:
                self._pages[name].save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.live.stop()
        self.save_state()
        super().closeEvent(event)


__all__ = ["DEFAULT_SIZE", "FRAME", "MainWindow", "fit_on_screen"]
