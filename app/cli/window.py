"""The window's start, to its first paint (issue 11, item 8) and on: the application, its
translators, the database opened (its update shown in a dialog), the demo shop on a new file,
the main window and what waits until it has painted."""

from __future__ import annotations

import gc
import os
import sys

from app.cli.start import (
    APP,
    ORG,
    clean_export_leftovers,
    ensure_demo_shop,
    install_translator,
    migrate_in_window,
    open_database,
    open_other_database,
    redact,
    resolve_db_url,
    save_db_url,
)


def start_window(args) -> int:
    """The window, started for its first paint (issue 11, item 8): PySide6's look at each
    module imported from now on reads the module's file (``app.widgets.pyside_imports``);
    peewee comes without the server drivers, loaded when a server is opened
    (``app.models.drivers``); Python's cycle collector waits for the first paint (the start
    makes objects, it leaves little garbage), and so do the dataclasses the first frame does
    not use (``app.domain.later``); the export journal is kept after it (``run_gui``)."""
    from app.domain import later
    from app.models import drivers
    from app.widgets import pyside_imports

    gc.disable()  # enabled once the window has painted (run_gui), or when it never opens
    later.defer()
    try:
        pyside_imports.install()
        drivers.without_server_drivers()
        return run_gui(resolve_db_url(args.db), args)
    finally:
        gc.enable()
        later.make_all()  # done once the window has painted; not yet if it never opened


def run_gui(url: str, args) -> int:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    from app.models.private_files import private_settings

    private_settings(QSettings().fileName(), ORG)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translator(app, args.lang)
    from app.services.credentials import is_server_url

    if is_server_url(url):  # a SQLite file has no password (nor its module imported: start-up)
        from app.views.server_login import login_url

        url = login_url(url)  # the keychain's password, else ~/.pgpass, else the clerk is asked
    try:
        open_database(url, migrate_in_window)
    except SystemExit as exc:
        if sys.stderr is not None:
            raise
        # The windowed program (Windows, macOS) has no console to say it on.
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, QCoreApplication.translate("MainWindow", "資料庫連線"), str(exc.code))
        return 1
    if not args.no_demo and url.startswith("sqlite:"):
        # A new desk file opens on the demo shop; a shop's shared server never gets fake
        # orders by accident (`orderdesk demo --db URL` puts them there on purpose).  The
        # demo builder is imported only for a file without a shop (a fifth of the start-up).
        from app.models.tables import Store

        if not Store.select().exists() and ensure_demo_shop(url) and sys.stderr is not None:
            print("\n" * sys.stderr.isatty() + "OrderDesk: the demo shop is ready; opening the window.",
                  file=sys.stderr, flush=True)
    from app.views import error_hook
    from app.views.main_window import MainWindow

    windows = []

    def open_window(db_url: str) -> None:
        # Every dialog fits its screen from the first paint on (``screen.install`` below): with an
        # application-wide event filter in place, PySide6 builds the Python types of every Qt
        # class (and their enums) during the first widget made after it — an eighth of the
        # instructions to the first paint, for no dialog before the window is on screen.
        window = MainWindow(QSettings(), db_label=redact(db_url), db_url=db_url, fit_dialogs=False)
        window.reconnect_requested.connect(lambda new_url: switch_database(window, db_url, new_url))
        windows.append(window)
        error_hook.install(window)
        if os.environ.get("ORDERDESK_QUIT_AFTER_PAINT"):
            quit_after_first_paint(app, window)
        window.show()

    def switch_database(window, old_url: str, new_url: str) -> None:
        if open_other_database(window, old_url, new_url):
            settings = QSettings()
            save_db_url(settings, new_url)
            settings.sync()
            window.save_state()
            window.hide()
            open_window(new_url)
            window.deleteLater()

    open_window(url)
    # Not needed for the first frame (issue 11, item 8): the cycle collector (``start_window``),
    # the filter that fits every dialog to its screen, the export's journal (and the module
    # that keeps it), the standard modules peewee got stand-ins for (``drivers.LATER``) and
    # the dataclasses not used yet (``later``) once the window is on screen, before the clerk
    # can open a dialog or start an export.
    from app.domain import later
    from app.models import drivers
    from app.views.first_paint import after_first_paint
    from app.widgets import screen

    after_first_paint(windows[0], gc.enable, lambda: screen.install(app), clean_export_leftovers,
                      drivers.load_later_modules, later.make_all)
    return app.exec()


def quit_after_first_paint(app, window) -> None:
    """For measuring the start (tests/test_bundle.py, $ORDERDESK_QUIT_AFTER_PAINT): print
    "painted" once the window has painted itself, then quit ($ORDERDESK_QUIT_AFTER_PAINT=exit:
    end the process there and then, for counting the instructions up to the first paint)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    at_once = os.environ.get("ORDERDESK_QUIT_AFTER_PAINT") == "exit"

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.property("seen"):
                self.setProperty("seen", True)
                print("painted", file=sys.stderr, flush=True)
                if at_once:
                    os._exit(0)
                QTimer.singleShot(0, app.quit)
            return False

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)
