"""OrderDesk's entry point: the only place that picks the database, reads QSettings and
installs translators.

    orderdesk [--db URL] [--lang en|zh_TW]            open the window
    orderdesk demo --orders N [--db URL]              build a demo database
    orderdesk tour --out DIR [--db URL]               render every screen to PNG
    orderdesk export --list LIST --out FILE.xlsx      export a list to an Excel workbook
    orderdesk import FILE [--yes] [--operator NAME]   import orders, notices, requests, invoices
    orderdesk print-slips --orders NO[,NO…] --out FILE.pdf [--size a4|label]
                                                      packing slips to a PDF file
    orderdesk print-pick-list --orders NO[,NO…] --out FILE.pdf [--size a4|label]
                                                      the pick list of those orders to a PDF file
    orderdesk time-zone [ZONE] [--operator NAME]      show or set the shop's time zone
    orderdesk vat-filed [PERIOD] [--on DATE]          list or record VAT periods filed
    orderdesk password --db URL                       keep a server's password in the keychain
    orderdesk users list|add|disable|setup --db URL   the people who sign in on a server
"""

from __future__ import annotations

import argparse
import gc
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


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: a subcommand's own default must not undo `orderdesk --db URL export ...`.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    common.add_argument("--db", help="database URL (sqlite:///file.db, postgresql://user@host/db, "
                        "mysql://…; the password comes from the system keychain, see `orderdesk "
                        "password`) or a SQLite file path, taken literally (# and ? are part of a name); default: "
                        "$ORDERDESK_DB, else the app-data folder")
    common.add_argument("--lang", choices=["en", "zh_TW"], help="interface language")
    parser = argparse.ArgumentParser(prog="orderdesk", parents=[common],
                                     description="OrderDesk: the order back office for a shop's clerks.")
    parser.add_argument("--no-demo", action="store_true",
                        help="start an empty new database without demo data")
    sub = parser.add_subparsers(dest="command")
    demo = sub.add_parser("demo", parents=[common], help="fill a database with demo data")
    demo.add_argument("--orders", type=int, default=300, help="how many orders (default 300)")
    demo.add_argument("--seed", type=int, default=7, help="random seed")
    tour = sub.add_parser("tour", parents=[common], help="render every screen to PNG files")
    tour.add_argument("--out", default="tour", help="folder for the PNG files")
    add_export_parser(sub, common)
    add_import_parser(sub, common)
    add_ledger_parsers(sub, common)
    add_print_parsers(sub, common)
    sub.add_parser("password", parents=[common], help="keep a server's password in the system "
                   "keychain, asked without echo (give --db without the password)")
    zone = sub.add_parser(
        "time-zone", parents=[common], help="show or set the shop's time zone",
        description="The shop's time zone, kept in the database for every desk (default "
                    "Asia/Taipei): its days number the orders, bound the lists' day filters and "
                    "date the export, whatever each desk's own zone.  Without ZONE, show it.  "
                    "Other desks use a new zone when they next open the database.")
    zone.add_argument("zone", nargs="?", metavar="ZONE", help="an IANA zone name, e.g. Asia/Taipei")
    zone.add_argument("--operator", metavar="NAME", help="who sets it (default: the login name)")
    add_key_option(zone)
    filed = sub.add_parser(
        "vat-filed", parents=[common], help="list or record the VAT periods whose return was filed",
        description="Record that the VAT return (營業稅申報) of a two-month period was filed: from "
                    "then on that period's invoices can only get allowances (折讓單), never a void "
                    "(作廢).  Without PERIOD, list the periods recorded as filed.")
    filed.add_argument("period", nargs="?", metavar="PERIOD",
                       help="the period: YYYY-MM/MM (2026-09/10) or any month of it (2026-09)")
    filed.add_argument("--on", dest="filed_on", type=_iso_date, metavar="DATE",
                       help="the day it was filed (YYYY-MM-DD; default: the shop's today)")
    filed.add_argument("--operator", metavar="NAME", help="who records it (default: the login name)")
    add_key_option(filed)

    add_users_parser(sub, common)
    return parser


USERS_HELP = (
    "Each clerk signs in to the PostgreSQL or MariaDB server with a login of their own; the "
    "database records that login in the history and decides what it may do (clerk or "
    "supervisor).  Run as a supervisor, or as the owner login that created the tables (which "
    "adds the first supervisor).  The password is asked without echo (or read from standard "
    "input with --password-stdin) and never printed.")


def add_users_parser(sub, common) -> None:
    users = sub.add_parser("users", parents=[common], description=USERS_HELP,
                           help="the people who sign in on a server (使用者管理)")
    verbs = users.add_subparsers(dest="verb", required=True)
    verbs.add_parser("list", parents=[common], help="every person: login, name, role, active")
    add = verbs.add_parser("add", parents=[common], help="create a person's login with a role")
    add.add_argument("login", help="the login: lower-case letters, digits and _")
    add.add_argument("--name", required=True, help="the person's name as the window shows it")
    add.add_argument("--role", required=True, choices=["clerk", "supervisor"])
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input")
    add_key_option(add)
    disable = verbs.add_parser("disable", parents=[common],
                               help="revoke a person's login; their history stays")
    disable.add_argument("login")
    add_key_option(disable)
    verbs.add_parser("setup", parents=[common],
                     help="(the owner) create the clerk and supervisor roles and their grants")


def add_key_option(cmd) -> None:
    """``--key``: the command's idempotency key (issue 15, item 2), for a script that runs it
    again after a failure whose outcome it does not know."""
    cmd.add_argument("--key", dest="op_key", metavar="KEY",
                     help="an idempotency key (at most 64 characters, e.g. a uuid): the same "
                          "command run again with the same key writes nothing again")


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def export_lists() -> dict[str, str]:
    """Each list's name for --list and the tab it is (zh-TW, as the window shows it)."""
    from app.domain.tabs import CancelTab, OrderTab

    lists = {tab.value: f"訂單管理 › {tab.label}" for tab in OrderTab}
    lists.update({tab.value: f"取消訂單 › {tab.label}" for tab in CancelTab})
    lists["invoices"] = "發票明細帳 (invoice register: --period YYYY-MM/MM or --from/--to)"
    return lists


def add_export_parser(sub, common) -> None:
    lists = export_lists()
    epilog = "lists:\n" + "\n".join(f"  {name:<20} {label}" for name, label in lists.items())
    export = sub.add_parser(
        "export", parents=[common], help="export a list to an Excel workbook",
        description="Export the rows of one list (a tab of 訂單管理 or 取消訂單), with the "
                    "given filters and newest first, to an Excel workbook.",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    export.add_argument("--list", required=True, choices=list(lists), metavar="LIST",
                        help="which list (see below)")
    export.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE",
                        help="from this day of the shop (YYYY-MM-DD): order date, or request date")
    export.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE",
                        help="up to and including this day of the shop (YYYY-MM-DD)")
    export.add_argument("--period", metavar="YYYY-MM/MM",
                        help="invoices only: a two-month VAT period, e.g. 2026-11/12")
    export.add_argument("--store", metavar="NAME", help="only this store (its name)")
    export.add_argument("--search", default="", metavar="TEXT",
                        help="any fragment of an order number, buyer name, phone, e-mail or "
                             "tracking number (as the search box)")
    export.add_argument("--operator", metavar="NAME",
                        help="who exports, for the workbook's 說明 sheet (default: the login name)")
    export.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")


def add_ledger_parsers(sub, common) -> None:
    ledger = sub.add_parser("ledger", parents=[common], description=LEDGER_DESCRIPTION,
                            help="export the accountant's ledger of a period")
    ledger.add_argument("--from", dest="date_from", type=_iso_date, required=True, metavar="DATE",
                        help="first day (YYYY-MM-DD, the shop's calendar)")
    ledger.add_argument("--to", dest="date_to", type=_iso_date, required=True, metavar="DATE",
                        help="last day (YYYY-MM-DD), included")
    ledger.add_argument("--store", metavar="NAME", help="only this store (its name)")
    ledger.add_argument("--operator", metavar="NAME", help="who exports (default: the login name)")
    ledger.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    for name, what, description in (
            ("close-month", "close a month of the ledger (結帳)",
             "Freeze the month's ledger: its events are kept as they are now and no money event "
             "may be dated in it afterwards (refused, naming the month).  The month must have "
             "ended."),
            ("reopen-month", "reopen a closed month (重新開啟)",
             "Reopen a closed month: it takes events again and its ledger is read from the "
             "history again.  The reason is recorded with the reopening.")):
        month = sub.add_parser(name, parents=[common], help=what, description=description)
        month.add_argument("month", metavar="YYYY-MM")
        if name == "reopen-month":
            month.add_argument("--reason", required=True, help="why it is reopened")
        month.add_argument("--operator", metavar="NAME", help="who does it (default: the login name)")
        add_key_option(month)


LEDGER_DESCRIPTION = (
    "Every money event of the period (payment notices and confirmations, shipments, refunds "
    "and failed attempts, write-offs, invoices, voids and allowances), dated when it happened, "
    "with sums by payment method, store and day, to an Excel workbook (帳務明細, 彙總, 說明).  "
    "A closed month is written from what its close kept.")


def add_import_parser(sub, common) -> None:
    imp = sub.add_parser(
        "import", parents=[common], help="import orders, payment notices, cancellation requests or invoices",
        description="Import new orders (one row per item), payment notices, customer "
                    "cancellation requests or the e-invoice provider's issued invoices from a "
                    ".xlsx workbook or a .csv file (UTF-8 or Big5); "
                    "the columns are in docs/IMPORT.md.  Every row is checked first; the bad rows "
                    "are listed by sheet, row and reason, and nothing is written until you accept "
                    "importing the good rows, in short transactions that let other desks work "
                    "meanwhile (an import cut short is finished on the next open).  Exit code 2 "
                    "when the file has nothing valid to import.")
    imp.add_argument("file", metavar="FILE", help="the .xlsx or .csv file")
    imp.add_argument("--yes", "-y", action="store_true",
                     help="import the good rows without asking")
    imp.add_argument("--operator", default="import", metavar="NAME",
                     help="who imports, recorded on each history record (default: import)")


#: The printing subcommands: name -> (help, the document in app.views.print_action).
PRINTS = {
    "print-slips": ("packing slips (出貨單) of some orders to a PDF file: one order a page, "
                    "the order number also as a Code 128 barcode", "slips"),
    "print-pick-list": ("the pick list (揀貨單) of some orders to a PDF file: their items summed "
                        "by product and spec, with the orders of each", "pick_list"),
}


def add_print_parsers(sub, common) -> None:
    for name, (text, _doc) in PRINTS.items():
        cmd = sub.add_parser(name, parents=[common], help=text.split(":")[0], description=text + ".")
        cmd.add_argument("--orders", required=True, action="append", metavar="NO[,NO…]",
                         help="the order numbers, comma-separated (the option may be repeated)")
        cmd.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF file to write")
        cmd.add_argument("--size", choices=["a4", "label"], default="a4",
                         help="the paper: A4 (default) or a 10×15 cm label")


def safe_console() -> None:
    """A console or log file whose encoding cannot write every character (cp950 on a zh-TW
    Windows desk has no 堃, nor any 造字): such characters print as ``?`` instead of
    stopping the command with ``UnicodeEncodeError``.  UTF-8 streams are left alone."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if encoding not in ("utf8", "utf8sig") and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="replace")
            except (ValueError, OSError):  # a closed or unusual stream: leave it
                pass


#: The window's own options, as ``build_parser`` gives them (``window_args``).
WINDOW_OPTIONS = {"--db": None, "--lang": ("en", "zh_TW"), "--no-demo": ()}


def window_args(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of ``argv`` when it only opens the window — no subcommand, nothing but
    ``--db URL``, ``--lang en|zh_TW`` and ``--no-demo``, each at most once, in their full
    spelling — as ``build_parser`` parses them, without building every subcommand's parser
    (a start-up cost: issue 11, item 8); None for anything else (the whole parser then
    decides, and says what is wrong)."""
    args = argparse.Namespace(db=None, lang=None, no_demo=False, command=None)
    seen = set()
    words = iter(argv)
    for word in words:
        name, eq, value = word.partition("=")
        if name not in WINDOW_OPTIONS or name in seen:
            return None
        seen.add(name)
        choices = WINDOW_OPTIONS[name]
        if choices == ():  # a flag
            if eq:
                return None
            args.no_demo = True
            continue
        if not eq:
            value = next(words, None)
            if value is None or value.startswith("-"):
                return None
        if choices is not None and value not in choices:
            return None
        setattr(args, name[2:], value)
    return args


def main(argv: list[str] | None = None) -> int:
    safe_console()
    args = window_args(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser().parse_args(argv, argparse.Namespace(db=None, lang=None))
    if args.command is None:
        return start_window(args)
    url = resolve_db_url(args.db)
    clean_export_leftovers()
    from app.domain.errors import ServerUnavailableError

    try:
        return run_command(url, args)
    except ServerUnavailableError as exc:  # the server went away: its message, no traceback
        print(f"\norderdesk {args.command}: {exc.message()}", file=sys.stderr)
        return 1


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


def run_command(url: str, args) -> int:
    """Run the subcommand ``args.command``; its exit code."""
    if args.command == "demo":
        return cmd_demo(url, args)
    if args.command == "tour":
        return cmd_tour(url, args)
    if args.command == "export":
        return cmd_export(url, args)
    if args.command == "import":
        return cmd_import(url, args)
    if args.command in PRINTS:
        return cmd_print(url, args)
    if args.command == "password":
        from app.services.credentials import prompt_and_store

        return prompt_and_store(url)
    if args.command == "time-zone":
        return cmd_time_zone(url, args)
    if args.command in ("ledger", "close-month", "reopen-month"):
        return cmd_ledger(url, args)
    if args.command == "vat-filed":
        return cmd_vat_filed(url, args)
    if args.command == "users":
        return cmd_users(url, args)
    return run_gui(url, args)


def login_name() -> str:
    """Who runs a subcommand, for the records it writes: the login name, or "?" without one
    (a service account)."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name: say so
        return "?"


def cmd_time_zone(url: str, args) -> int:
    """Print the shop's time zone, or set it to ``args.zone``; 2 for a zone tzdata lacks."""
    from app.domain.errors import DomainError
    from app.services import shop_clock

    open_database(url)
    if args.zone is None:
        print(shop_clock.shop_zone().key)
        return 0
    try:
        tz = shop_clock.set_shop_zone(args.zone, operator=args.operator or login_name(),
                                      op_key=getattr(args, "op_key", None))
    except DomainError as exc:  # a zone tzdata lacks; a clerk's login (a supervisor's setting)
        print(f"orderdesk time-zone: {exc.message()}", file=sys.stderr)
        return 2
    print(tz.key)
    return 0


def cmd_vat_filed(url: str, args) -> int:
    """List the VAT periods recorded as filed, or record ``args.period``; 2 when refused."""
    from app.domain import invoice as inv
    from app.domain.errors import ValidationError
    from app.services import invoices, shop_clock

    open_database(url)
    if args.period is None:
        for f in invoices.filings():
            print(f"{inv.vat_period_label(f.period_start)}  filed {f.filed_on}  "
                  f"recorded by {f.recorded_by} at {shop_clock.to_local(f.recorded_at):%Y-%m-%d %H:%M}")
        return 0
    try:
        f = invoices.record_vat_filing(args.period, filed_on=getattr(args, "filed_on", None),
                                       operator=args.operator or login_name(),
                                       op_key=getattr(args, "op_key", None))
    except ValidationError as exc:
        print(f"orderdesk vat-filed: {exc.message()}", file=sys.stderr)
        return 2
    print(f"{inv.vat_period_label(f.period_start)} filed on {f.filed_on}: its invoices now get "
          "allowances, never a void")
    return 0


def read_new_password(from_stdin: bool, *, getpass=None) -> str:
    """A new login's password: the first line of standard input, or asked twice without echo."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if getpass is None:
        from getpass import getpass
    first = getpass("Password for the new login: ")
    if getpass("The same password again: ") != first:
        sys.exit("orderdesk users add: the two passwords differ; nothing was created")
    return first


def cmd_users(url: str, args) -> int:
    """``orderdesk users list|add|disable|setup``; 2 when the database refuses."""
    from app.domain.errors import DomainError
    from app.domain.people import check_person
    from app.services import people

    open_database(url)
    try:
        if args.verb == "list":
            for p in people.list_people():
                state = "active" if p.active else "disabled"
                print(f"{p.login}\t{p.display_name}\t{p.role.value}\t{state}")
        elif args.verb == "add":
            password = read_new_password(args.password_stdin)
            p = people.add_person(check_person(args.login, args.name, args.role, password),
                                  op_key=args.op_key)
            print(f"added {p.login} ({p.display_name}) as {p.role.value}")
        elif args.verb == "disable":
            people.disable_person(args.login, op_key=args.op_key)
            print(f"disabled {args.login}: it can no longer sign in; its history stays")
        else:
            clerk, supervisor = people.set_up_roles()
            print(f"roles {clerk} and {supervisor} are ready")
    except DomainError as exc:
        print(f"orderdesk users {args.verb}: {exc.message()}", file=sys.stderr)
        return 2
    return 0


def cmd_demo(url: str, args) -> int:
    from app.services.demo import build_demo

    if args.orders < 0:
        sys.exit("orderdesk demo: --orders must be zero or more")
    open_database(url)
    progress = progress_printer(
        lambda pct, done, total: f"[{'#' * (pct // 4):<25}] {pct:3d}%  {done:,}/{total:,} orders")

    summary = build_demo(args.orders, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    print(summary)
    return 0


def cmd_export(url: str, args) -> int:
    from app.domain.tabs import CancelTab, OrderTab
    from app.services import export as ex
    from app.services.cancel_list import CancelFilter
    from app.services.queries import OrderFilter, list_stores

    if args.date_from and args.date_to and args.date_from > args.date_to:
        print("orderdesk export: --from is after --to", file=sys.stderr)
        return 2
    open_database(url)
    if args.list == "invoices":
        return cmd_export_register(args)
    store_id = _store_id(args.store, "export", list_stores())
    if store_id is False:
        return 2
    kw = dict(search=args.search.strip(), date_from=args.date_from, date_to=args.date_to,
              store_id=store_id)
    if args.list in {t.value for t in OrderTab}:
        flt = OrderFilter(tab=OrderTab(args.list), **kw)
    else:
        flt = CancelFilter(tab=CancelTab(args.list), **kw)
    translate = _export_translate(args)
    operator = args.operator or login_name()
    progress = progress_printer(lambda pct, done, total: f"{pct:3d}%  {done:,}/{total:,}", tty_only=True)

    result, code = _run_export(lambda: ex.export_tab(
        flt, Path(args.out), operator=operator, translate=translate, progress=progress,
        filters_text=ex.describe_filters(flt, store_name=args.store, translate=translate)))
    if result is None:
        return code
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"{result.rows:,} rows written to {result.path}")
    return 0


def _store_id(name: str | None, command: str, stores) -> int | None | bool:
    """The id of the store named ``name`` (None without a name); False, after saying which
    stores there are, when there is none of that name."""
    if not name:
        return None
    ids = {store: sid for sid, store in stores}
    if name not in ids:
        known = "、".join(ids) or "(none)"
        print(f"orderdesk {command}: no store named {name!r}; the stores are: {known}",
              file=sys.stderr)
        return False
    return ids[name]


def cmd_ledger(url: str, args) -> int:
    """``ledger``, ``close-month`` and ``reopen-month``: 0 done, 2 refused (the message says
    why), 1 nothing written."""
    from app.domain.errors import ValidationError
    from app.services import ledger, shop_clock

    open_database(url)
    operator = args.operator or login_name()
    try:
        if args.command == "close-month":
            closed = ledger.close_month(args.month, operator=operator, op_key=args.op_key)
            print(f"{closed.month} closed: {closed.events:,} events, received "
                  f"NT${closed.totals.received:,}, refunded NT${closed.totals.refunded:,}, "
                  f"net NT${closed.totals.net:,}")
            return 0
        if args.command == "reopen-month":
            ledger.reopen_month(args.month, args.reason, operator=operator, op_key=args.op_key)
            print(f"{args.month} reopened")
            return 0
        from app.services.ledger_export import export_ledger

        store_id = _store_id(args.store, "ledger", ledger.choices()[0])
        if store_id is False:
            return 2
        flt = ledger.LedgerFilter(args.date_from, args.date_to, store_id=store_id).checked()
    except ValidationError as exc:
        print(f"orderdesk {args.command}: {shop_clock.error_message(exc)}", file=sys.stderr)
        return 2
    result, code = _run_export(lambda: export_ledger(
        flt, Path(args.out), operator=operator, translate=_export_translate(args)))
    if result is None:
        return code
    print(f"{result.rows:,} events written to {result.path}")
    return 0


def _run_export(write):
    """``(write(), 0)``, or ``(None, exit code)`` after saying why nothing was written."""
    from app.domain.errors import ServerUnavailableError
    from app.services import export as ex

    try:
        return write(), 0
    except ex.TargetLocked as exc:
        print(f"\norderdesk export: cannot replace {exc.path}: is it open in Excel? "
              "Close it or choose another --out.", file=sys.stderr)
        return None, 1
    except (ex.ExportError, OSError) as exc:
        print(f"\norderdesk export: nothing written: {redact(exc)}", file=sys.stderr)
        return None, 1
    except ServerUnavailableError as exc:  # the connection dropped: the workbook is discarded
        print(f"\norderdesk export: nothing written: {exc.message()}", file=sys.stderr)
        return None, 1
    except KeyboardInterrupt:
        print("\norderdesk export: cancelled, nothing written", file=sys.stderr)
        return None, 130


def _export_translate(args):
    from app.services import export as ex

    if args.lang != "en":
        return ex.identity
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, "en")
    return QCoreApplication.translate


def cmd_export_register(args) -> int:
    """``orderdesk export --list invoices``: the invoice register of a VAT period or of the
    days --from … --to."""
    from app.domain.errors import ValidationError
    from app.domain.invoice import parse_vat_period
    from app.services import invoice_register as reg

    if args.period:
        try:
            date_from, date_to = parse_vat_period(args.period)
        except ValidationError as exc:
            print(f"orderdesk export: {exc.message()}", file=sys.stderr)
            return 2
    elif args.date_from and args.date_to:
        date_from, date_to = args.date_from, args.date_to
    else:
        print("orderdesk export: the invoice register needs --period or both --from and --to",
              file=sys.stderr)
        return 2
    translate = _export_translate(args)
    result, code = _run_export(lambda: reg.export_register(
        Path(args.out), date_from=date_from, date_to=date_to,
        operator=args.operator or login_name(), translate=translate))
    if result is None:
        return code
    print(f"{result.rows:,} invoices and {result.items:,} allowances written to {result.path}")
    return 0


def cmd_import(url: str, args) -> int:
    """Check the file, list the bad rows, ask (unless --yes), then write it in slices
    (docs/IMPORT.md: finished, never left half).

    0: imported (or everything was already imported); 1: declined, cancelled or failed, nothing
    written; 2: the file is unreadable or has no valid row."""
    from app.services import importer as im

    translate = im.identity
    if args.lang == "en":
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
        install_translator(app, "en")
        translate = QCoreApplication.translate
    if not Path(args.file).is_file():
        print(f"orderdesk import: no such file: {args.file}", file=sys.stderr)
        return 2
    open_database(url)
    # (An import cut short before is finished first: when it cannot be, ImportInterrupted, exit 1.)
    plan, code = _import_step(lambda progress: im.check_file(args.file, progress=progress),
                              (im.UnreadableFile, im.ImportFailed),
                              lambda exc: f"orderdesk import: {redact(exc.message(translate))}",
                              lambda exc: 2 if isinstance(exc, im.UnreadableFile) else 1)
    if plan is None:
        return code
    for issue in plan.bad:
        print(f"bad row {issue.line(translate)}")
    for issue in plan.skipped:
        print(f"skipped {issue.line(translate)}")
    for issue in plan.warnings:
        print(f"warning {issue.line(translate)}")
    print(plan.summary(translate))
    if plan.good == 0:
        if plan.bad or not plan.skipped:
            print("orderdesk import: nothing valid to import, nothing written", file=sys.stderr)
            return 2
        print("Nothing new: everything in the file was already imported.")
        return 0
    if not args.yes:
        if plan.bad:
            question = f"Import the {plan.good:,} good records and leave out the {len(plan.bad):,} bad rows? [y/N] "
        else:
            question = f"Import {plan.good:,} records? [y/N] "
        try:
            answer = input(question)
        except (EOFError, KeyboardInterrupt):
            answer = ""
        if answer.strip().lower() not in ("y", "yes", "是", "好"):
            print("orderdesk import: not imported, nothing written", file=sys.stderr)
            return 1
    result, code = _import_step(  # the write, its progress from 0 again
        lambda progress: im.apply_import(plan, operator=args.operator, progress=progress), im.ImportFailed,
        lambda exc: f"\norderdesk import: {redact(exc.message(translate))}" if isinstance(exc, im.ImportInterrupted)
        else f"\norderdesk import: failed, nothing written: {redact(exc.message(translate))}", 1)
    if result is None:
        return code
    print(result.summary(translate) + f" ({result.seconds:.1f} s)")
    return 0


def _import_step(call, refused, say, code):
    """One step of ``orderdesk import`` (the check, then the write) with its progress line:
    ``(call(progress), None)``, or ``(None, exit code)`` once it has said why it stopped —
    ``say(exc)`` for ``refused`` (an exception class or a tuple of them; exit ``code``, or
    ``code(exc)``), cancelled for Ctrl+C (exit 1)."""
    progress = progress_printer(lambda pct, done, total: f"{pct:3d}%", tty_only=True)
    try:
        result = call(progress)
    except refused as exc:
        print(say(exc), file=sys.stderr)
        return None, code(exc) if callable(code) else code
    except KeyboardInterrupt:
        print("\norderdesk import: cancelled, nothing written", file=sys.stderr)
        return None, 1
    if sys.stderr.isatty():
        print(file=sys.stderr)
    return result, None


def cmd_print(url: str, args) -> int:
    """``orderdesk print-slips`` / ``print-pick-list``: 0 written; 1 the file could not be
    written; 2 an order number no order has (nothing written)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # pages, no window
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    if args.lang == "en":
        install_translator(app, "en")
    from app.services.printing import order_ids_by_number
    from app.views import print_action
    from app.widgets.slips import write_pdf

    open_database(url)
    numbers = [n for arg in args.orders for n in arg.split(",")]
    ids, missing = order_ids_by_number(numbers)
    if missing or not ids:
        print(f"orderdesk {args.command}: no order numbered {', '.join(missing) or '(none given)'}; "
              "nothing written", file=sys.stderr)
        return 2
    doc = next(d for d in print_action.DOCUMENTS if d.name == PRINTS[args.command][1])
    try:
        pages = write_pdf(args.out, doc.paint(ids), args.size, title=doc.title)
    except OSError as exc:
        print(f"orderdesk {args.command}: cannot write {args.out}: {exc}", file=sys.stderr)
        return 1
    print(f"{pages:,} page{'s' * (pages != 1)} for {len(ids):,} order{'s' * (len(ids) != 1)} "
          f"written to {args.out}")
    return 0


def cmd_tour(url: str, args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    install_translator(app, args.lang or "zh_TW")
    open_database(url)
    from app.services.demo import ensure_demo
    from app.tour import render_tour

    ensure_demo()
    files = render_tour(Path(args.out))
    for f in files:
        print(f)
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
