"""OrderDesk's entry point: the only place that picks the database, reads QSettings and
installs translators.

    orderdesk [--db URL] [--lang en|zh_TW]            open the window
    orderdesk demo --orders N [--db URL]              build a demo database
    orderdesk tour --out DIR [--db URL]               render every screen to PNG
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESOURCES = HERE / "resources"
ORG = "OrderDesk"
APP = "OrderDesk"


def default_db_url() -> str:
    """A SQLite file in the user's application-data folder."""
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return "sqlite:///" + str(Path(folder) / "orderdesk.db")


def resolve_db_url(arg: str | None) -> str:
    url = arg or os.environ.get("ORDERDESK_DB") or default_db_url()
    if "://" not in url:  # a bare path means a SQLite file
        url = "sqlite:///" + str(Path(url).resolve())
    return url


def open_database(url: str):
    from app.models.db import connect

    try:
        return connect(url)
    except Exception as exc:  # noqa: BLE001 - shown to the person, then exit
        sys.exit(f"orderdesk: cannot open the database {redact(url)}: {exc}")


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    if parts.password:
        netloc = parts.netloc.replace(":" + parts.password + "@", ":***@")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def install_translator(app, lang: str | None) -> str:
    """Install the English translation unless the language is zh-TW (the source language)."""
    from PySide6.QtCore import QLocale, QTranslator

    if not lang:
        name = QLocale.system().name()
        lang = "zh_TW" if name.startswith("zh") else "en"
    if lang == "en":
        translator = QTranslator(app)
        if translator.load(str(RESOURCES / "translations" / "orderdesk_en.qm")):
            app.installTranslator(translator)
    return lang


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", help="database URL (sqlite:///file.db, postgresql://…, mysql://…) "
                        "or a SQLite file path; default: $ORDERDESK_DB, else the app-data folder")
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = resolve_db_url(args.db)
    if args.command == "demo":
        return cmd_demo(url, args)
    if args.command == "tour":
        return cmd_tour(url, args)
    return run_gui(url, args)


def cmd_demo(url: str, args) -> int:
    from app.services.demo import build_demo

    if args.orders < 0:
        sys.exit("orderdesk demo: --orders must be zero or more")
    open_database(url)
    last = [-1]

    def progress(done: int, total: int) -> None:
        pct = 100 * done // max(total, 1)
        if pct != last[0]:
            last[0] = pct
            bar = "#" * (pct // 4)
            print(f"\r[{bar:<25}] {pct:3d}%  {done:,}/{total:,} orders", end="", file=sys.stderr, flush=True)

    summary = build_demo(args.orders, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    print(summary)
    return 0


def cmd_tour(url: str, args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    install_translator(app, args.lang or "zh_TW")
    open_database(url)
    from app.services.demo import ensure_demo
    from app.views.tour import render_tour

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
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_translator(app, args.lang)
    open_database(url)
    if not args.no_demo:
        from app.services.demo import ensure_demo

        ensure_demo()
    from app.views.main_window import MainWindow

    window = MainWindow(QSettings(), db_label=redact(url))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
