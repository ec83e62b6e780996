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

The package: ``start`` (the database, the language and the messages of a run), ``window``
(the window's start and its first paint), ``parser`` (every subcommand's arguments) and
``commands`` (the subcommands).  This module starts the one the arguments ask for; the
window's start imports neither the parser nor the subcommands (issue 11, item 8).
"""

from __future__ import annotations

import argparse
import sys

from app.cli.start import (  # noqa: F401 - the names the program's callers look up here
    clean_export_leftovers,
    install_translator,
    migrate_in_window,
    open_database,
    open_other_database,
    resolve_db_url,
    system_language,
)


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
        from app.cli.parser import build_parser

        args = build_parser().parse_args(argv, argparse.Namespace(db=None, lang=None))
    if args.command is None:
        from app.cli.window import start_window

        return start_window(args)
    url = resolve_db_url(args.db)
    clean_export_leftovers()
    from app.cli.commands import run_command
    from app.domain.errors import ServerUnavailableError

    try:
        return run_command(url, args)
    except ServerUnavailableError as exc:  # the server went away: its message, no traceback
        print(f"\norderdesk {args.command}: {exc.message()}", file=sys.stderr)
        return 1
