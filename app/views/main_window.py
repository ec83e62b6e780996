"""The main window: a sidebar of modules, the 商品訂單 module's four sub-functions along the
top, and the page of the one selected."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
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
from .cancellations_page import CancellationsPage
from .import_action import install_import
from .invoices_page import InvoicesPage
from .live_refresh import LiveRefresh
from .methods_page import PaymentMethodsPage, ShippingMethodsPage
from .orders_page import OrdersPage
from .print_action import install_printing
from .remittances_page import RemittancesPage
from .session import Session

#: The first start's size: the window with its title bar fits a 1366×768 screen above a taskbar.
DEFAULT_SIZE = QSize(1280, 660)


class MainWindow(QMainWindow):
    PAGES = ("orders", "cancellations", "payment", "shipping", "invoices", "remittances")
    #: The clerk chose another database in 設定 → 資料庫連線; main.py opens it.
    reconnect_requested = Signal(str)

    def __init__(self, settings: QSettings, *, db_label: str = "", db_url: str = "", parent=None):
        super().__init__(parent)
        self.settings = settings
        self.db_url = db_url or db_label
        self.session = Session(settings, self)
        self.session.setObjectName("session")
        self.session.sign_in(people.signed_in())  # the role, read from the database
        fit.install(QApplication.instance())  # every dialog fits the screen it opens on
        self.setWindowTitle(self.tr("OrderDesk 訂單管理後台"))

        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        module = QListWidgetItem(self.tr("商品訂單"))
        self.sidebar.addItem(module)
        self.sidebar.setCurrentItem(module)
        self.sidebar.setMaximumWidth(160)

        self.subnav = QTabBar(self)
        self.subnav.setObjectName("subnav")
        self.subnav.setExpanding(False)
        self.stack = QStackedWidget(self)
        self.orders_page = OrdersPage(self.session, self)
        self.cancellations_page = CancellationsPage(self.session, self)
        self.payment_page = PaymentMethodsPage(self.session, self)
        self.shipping_page = ShippingMethodsPage(self.session, self)
        self.invoices_page = InvoicesPage(self.session, self)
        self.remittances_page = RemittancesPage(self.session, self)
        for label, page in (
            (self.tr("訂單管理"), self.orders_page),
            (self.tr("取消訂單"), self.cancellations_page),
            (self.tr("付款方式"), self.payment_page),
            (self.tr("送貨方式"), self.shipping_page),
            (self.tr("發票"), self.invoices_page),
            (self.tr("代收款對帳"), self.remittances_page),
        ):
            self.subnav.addTab(label)
            self.stack.addWidget(page)
        self.subnav.currentChanged.connect(self._show_page)

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
        self.invoices_page.import_button.clicked.connect(lambda _checked=False: self.importer.start())
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
        file_menu.addAction(install_import(self))  # 匯入…
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
        help_menu = self.menuBar().addMenu(self.tr("說明(&H)"))
        about = QAction(self.tr("關於 OrderDesk(&A)"), self)
        about.triggered.connect(self._about)
        keys_action = QAction(self.tr("快速鍵(&K)"), self)
        keys_action.setObjectName("action_shortcuts")
        keys_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(keys_action)
        help_menu.addAction(about)

    def shortcuts(self) -> list[tuple[str, str]]:
        """Every action's shortcut, read from the actions themselves (menus, the pages' keys,
        the row actions of every tab) — no list kept by hand."""
        seen: dict[tuple[str, str], None] = {}
        for action in self.findChildren(QAction):
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if key:
                text = action.text().replace("&", "").split("(")[0].rstrip("…").strip()
                seen.setdefault((text, key), None)
        return list(seen)

    def show_shortcuts(self) -> None:
        from app.dialogs.shortcuts_dialog import ShortcutsDialog

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

    def _show_page(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self.stack.currentWidget().reload_if_stale()

    def show_page(self, name: str) -> None:
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
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None and not self.isMaximized():
            fitted = fit_on_screen(self.geometry(), screen.availableGeometry())
            if fitted.size() != self.size():
                self.resize(fitted.size())
            if geometry and fitted.topLeft() != self.geometry().topLeft():
                self.move(fitted.topLeft() - (self.geometry().topLeft() - self.pos()))
        self.orders_page.restore_state(self.settings)
        self.cancellations_page.restore_state(self.settings)
        page = int(keys.WINDOW_PAGE.read(self.settings) or 0)
        if 0 <= page < self.subnav.count():
            self.subnav.setCurrentIndex(page)
            self.stack.setCurrentIndex(page)

    def save_state(self) -> None:
        keys.WINDOW_GEOMETRY.write(self.settings, self.saveGeometry())
        keys.WINDOW_SIZE.write(self.settings, self.size())
        keys.WINDOW_PAGE.write(self.settings, self.subnav.currentIndex())
        self.orders_page.save_state(self.settings)
        self.cancellations_page.save_state(self.settings)
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.live.stop()
        self.save_state()
        super().closeEvent(event)


__all__ = ["DEFAULT_SIZE", "FRAME", "MainWindow", "fit_on_screen"]
