"""The subcommands (``orderdesk demo|tour|export|import|ledger|close-month|reopen-month|
print-slips|print-pick-list|password|time-zone|vat-filed|users``): each opens the database,
calls the services and prints what it did; exit 0 done, 1 nothing written (the message says
why), 2 refused."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from app.cli.parser import PRINTS
from app.cli.start import install_translator, open_database, progress_printer, redact


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
    from app.cli.window import run_gui

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
    translate = _translate(args, ex.identity)
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
    from app.services import export as ex
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
        flt, Path(args.out), operator=operator, translate=_translate(args, ex.identity)))
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


def _translate(args, identity):
    """The subcommand's ``translate(context, text)``: Qt's, with the English translation
    installed, for ``--lang en``; else ``identity`` (zh-TW is the source language)."""
    if args.lang != "en":
        return identity
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    install_translator(app, "en")
    return QCoreApplication.translate


def cmd_export_register(args) -> int:
    """``orderdesk export --list invoices``: the invoice register of a VAT period or of the
    days --from … --to."""
    from app.domain.errors import ValidationError
    from app.domain.invoice import parse_vat_period
    from app.services import export as ex
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
    translate = _translate(args, ex.identity)
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

    translate = _translate(args, im.identity)
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
