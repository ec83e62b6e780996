"""What every run of OrderDesk opens with, the window's and a subcommand's alike: the
database (``--db``, else $ORDERDESK_DB, else this desk's saved connection, else the file in the
app-data folder), its update to the current structure, an import cut short finished, the
interface language, and the messages that name a database without its password."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ORG = "OrderDesk"


APP = "OrderDesk"


def app_data_folder() -> str:
    """OrderDesk's own data folder (0700, its files 0600)."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    from app.models.private_files import private_folder

    private_folder(folder)
    return folder


def default_db_url() -> str:
    """A SQLite file in the user's application-data folder."""
    from app.models.private_files import sqlite_files, tighten

    folder = app_data_folder()
    for path in sqlite_files(Path(folder) / "orderdesk.db"):
        tighten(path)
    return "sqlite:///" + str(Path(folder) / "orderdesk.db")


def saved_db_url() -> str | None:
    """The connection this desk chose in 設定 → 資料庫連線 (QSettings, per machine)."""
    from PySide6.QtCore import QCoreApplication, QSettings

    from app.views.settings_keys import DATABASE_URL

    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    from app.models.private_files import private_settings

    private_settings(QSettings().fileName(), ORG)
    url = str(DATABASE_URL.read(QSettings())) or None
    from app.services.credentials import move_to_keychain

    if url and move_to_keychain(url):  # saved by an older OrderDesk, password included
        save_db_url(QSettings(), url)
    return url


def save_db_url(settings, url: str) -> None:
    """Remember this desk's connection, without its password (that is in the keychain)."""
    from app.services.credentials import strip_password
    from app.views.settings_keys import DATABASE_URL

    DATABASE_URL.write(settings, strip_password(url))
    settings.sync()


def resolve_db_url(arg: str | None) -> str:
    """--db, else $ORDERDESK_DB, else the desk's saved connection, else the app-data file."""
    from app.models.db import is_database_url

    url = arg or os.environ.get("ORDERDESK_DB") or saved_db_url() or default_db_url()
    if not is_database_url(url):  # any other text is a SQLite file's path, taken literally
        url = "sqlite:///" + str(Path(url).resolve())
    return url


def clean_export_leftovers() -> None:
    """Start this run's journal of export temporaries, removing what a killed export left
    (``app.services.export.keep_journal``); a folder that cannot be written stops nothing."""
    from app.services import export

    try:
        export.keep_journal(Path(app_data_folder()) / "exports")
    except OSError:
        pass


def migrate_saying(db) -> None:
    """The command line's migration: updating an older database says each part on stderr as
    it begins (a 1,000,000-order file's: 19-38 s); a new database's steps are not told."""
    from app.models.migrations import current_version, migrate_to_latest

    told: set[tuple[str, int]] = set()

    def say(phase: str, done: int, total: int) -> None:
        if phase == "backup":
            key, text = (phase, 0), "copying the database file before updating its structure"
        elif phase == "check":
            key, text = (phase, 0), "checking the copy"
        elif phase == "step":
            key, text = (phase, done), f"updating the database's structure: step {done + 1} of {total}"
        elif phase == "wait":
            key, text = (phase, done), "another OrderDesk is updating this database; waiting for it"
        else:
            key, text = (phase, 0), "checking the tables' indexes"
        if key not in told and sys.stderr is not None:
            told.add(key)
            print(f"orderdesk: {text}…", file=sys.stderr, flush=True)

    if current_version(db) > 0:
        migrate_to_latest(db, say)
    else:
        migrate_to_latest(db)


def migrate_in_window(db) -> None:
    """The window's migration: the due steps of an older database off the UI thread behind a
    progress dialog (``app.views.migrating``, imported only then: start-up)."""
    from app.models.migrations import migrate_to_latest, pending_steps

    if not pending_steps(db) or db.database in ("", ":memory:"):
        migrate_to_latest(db)  # nothing to update (``repair``'s look alone), or a database
        return  # only this thread's connection holds
    from app.views.migrating import migrate_showing_progress

    migrate_showing_progress()


def open_database(url: str, migrate=migrate_saying):
    from app.models.db import connect
    from app.services.credentials import fill_password, password_hint

    url, note = fill_password(url)  # the keychain's password, never one from a saved file
    try:
        db = connect(url, migrate=migrate)
    except Exception as exc:  # noqa: BLE001 - shown to the person, then exit
        sys.exit(f"orderdesk: cannot open the database {redact(url)}: {redact(exc)}"
                 + password_hint(url, note))
    finish_interrupted_imports()
    return db


def finish_interrupted_imports() -> None:
    """An import cut short (a crash, a server gone) is finished on the next open (issue 15,
    item 5: never left half); what it did, or why it still cannot, is said, and the open goes
    on either way."""
    from app.services import import_journal

    try:
        if not import_journal.claimable():  # the importer itself only when needed (start-up time)
            return
        from app.services import importer as im

        try:
            said = [f"orderdesk: finished an import that was cut short: {r.summary()}"
                    for r in im.finish_interrupted()]
        except im.ImportFailed as exc:
            said = [f"orderdesk: {redact(exc.message())}"]
    except Exception as exc:  # noqa: BLE001 - said, the database opens anyway
        said = [f"orderdesk: an import cut short could not be finished yet: {redact(exc)}"]
    for line in said:
        if sys.stderr is not None:
            print(line, file=sys.stderr)


def redact(url: str) -> str:
    """The URL (or any message) without any part of a password, for messages."""
    from app.services.credentials import redact as hide

    return hide(url)


def system_language(preferred: list[str]) -> str:
    """The interface language for the system's preferred display languages, in their order
    (Windows' and macOS' language lists, $LANGUAGE / $LANG on Linux): the first one OrderDesk
    speaks, Chinese of any script as zh-TW; English when it speaks none of them."""
    for tag in preferred:
        code = tag.replace("_", "-").split("-")[0].lower()
        if code == "zh":
            return "zh_TW"
        if code == "en":
            return "en"
    return "en"


def open_other_database(window, old_url: str, new_url: str) -> bool:
    """Connect to the newly chosen database; on failure say why through the views' message
    door and stay on the old one (False)."""
    from PySide6.QtCore import QCoreApplication

    from app.models.db import connect
    from app.views import prompts

    try:
        connect(new_url, migrate=migrate_in_window)  # an older database's update shown as it goes
    except Exception as exc:  # noqa: BLE001 - shown to the clerk
        prompts.tell(window, QCoreApplication.translate("MainWindow", "資料庫連線"),
                     QCoreApplication.translate("MainWindow", "無法開啟 {0}：{1}").format(
                         redact(new_url), redact(exc)))
        connect(old_url)
        return False
    return True


def install_translator(app, lang: str | None) -> str:
    """Install the English translation unless the language is zh-TW (the source language)."""
    from PySide6.QtCore import QLocale, QTranslator

    if not lang:
        lang = system_language(QLocale.system().uiLanguages())
    if lang == "en":
        from app import resources

        translator = QTranslator(app)
        with resources.on_disk(resources.translations() / resources.ENGLISH_QM) as qm:
            if translator.load(str(qm)):
                app.installTranslator(translator)
    else:
        # Qt's own buttons (OK, Cancel, Save in message and file dialogs) in zh-TW too.
        from PySide6.QtCore import QLibraryInfo

        qt = QTranslator(app)
        folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load("qtbase_zh_TW", folder):
            app.installTranslator(qt)
    # Month and day names (calendars, spin boxes) in the interface's language, whatever the
    # desk's system locale (issue 17: English months in a zh-TW calendar).
    QLocale.setDefault(QLocale("en_US" if lang == "en" else "zh_TW"))
    return lang


def progress_printer(render, *, tty_only: bool = False):
    """A ``progress(done, total)`` callback for the subcommands: one line on stderr, rewritten
    in place each time the percentage changes (only on a terminal when ``tty_only``)."""
    last = [-1]

    def progress(done: int, total: int) -> None:
        pct = 100 * done // max(total, 1)
        if pct != last[0] and (not tty_only or sys.stderr.isatty()):
            last[0] = pct
            print("\r" + render(pct, done, total), end="", file=sys.stderr, flush=True)

    return progress


def first_run_progress(url: str):
    """While the window's first start builds the demo shop in a new file: say so on the
    terminal, with a bar rewritten in place (one line when the output is a file; nothing
    where there is no console, as for a windowed program on Windows)."""
    if sys.stderr is None:
        return None
    where = redact(url)
    if sys.stderr.isatty():
        return progress_printer(lambda pct, done, total: (
            f"OrderDesk: building the demo shop in {where}  [{'#' * (pct // 4):<25}] {pct:3d}%  "
            f"{done:,}/{total:,} orders"))
    said = []

    def once(done: int, total: int) -> None:
        if not said:
            said.append(True)
            print(f"OrderDesk: building the demo shop ({total:,} orders) in {where}…",
                  file=sys.stderr, flush=True)

    return once


def ensure_demo_shop(url: str) -> bool:
    """The demo shop in a database without a store (``app.services.demo.ensure_demo``)."""
    from app.services.demo import ensure_demo

    return ensure_demo(progress=first_run_progress(url))
