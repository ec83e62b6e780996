"""The command line's arguments: every subcommand's parser (built only when the arguments
are more than the window's own: ``app.cli.window_args``)."""

from __future__ import annotations

import argparse


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

    from app.domain.clock import FIRST_DAY, LAST_DAY

    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None
    if not FIRST_DAY <= day <= LAST_DAY:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day from {FIRST_DAY} to {LAST_DAY}")
    return day


def _file_of(suffix: str):
    """An ``--out`` file's type: a path ending in ``suffix`` that is not a folder (a folder gave
    the operating system's own error on the temporary file; ``a.csv`` was written as a
    workbook)."""

    def check(text: str):
        from pathlib import Path

        path = Path(text)
        if path.is_dir():
            raise argparse.ArgumentTypeError(f"{text!r} is a folder: name the file to write, "
                                             f"ending in {suffix}")
        if path.suffix.lower() != suffix:
            raise argparse.ArgumentTypeError(f"{text!r} does not end in {suffix}: the file written "
                                             f"is {'an Excel workbook' if suffix == '.xlsx' else 'a PDF'}")
        return text

    return check


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
    export.add_argument("--out", required=True, type=_file_of(".xlsx"), metavar="FILE.xlsx",
                        help="the workbook to write")


def add_ledger_parsers(sub, common) -> None:
    ledger = sub.add_parser("ledger", parents=[common], description=LEDGER_DESCRIPTION,
                            help="export the accountant's ledger of a period")
    ledger.add_argument("--from", dest="date_from", type=_iso_date, required=True, metavar="DATE",
                        help="first day (YYYY-MM-DD, the shop's calendar)")
    ledger.add_argument("--to", dest="date_to", type=_iso_date, required=True, metavar="DATE",
                        help="last day (YYYY-MM-DD), included")
    ledger.add_argument("--store", metavar="NAME", help="only this store (its name)")
    ledger.add_argument("--operator", metavar="NAME", help="who exports (default: the login name)")
    ledger.add_argument("--out", required=True, type=_file_of(".xlsx"), metavar="FILE.xlsx",
                        help="the workbook to write")
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
        cmd.add_argument("--out", required=True, type=_file_of(".pdf"), metavar="FILE.pdf",
                         help="the PDF file to write")
        cmd.add_argument("--size", choices=["a4", "label"], default="a4",
                         help="the paper: A4 (default) or a 10×15 cm label")
