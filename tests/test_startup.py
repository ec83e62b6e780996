"""Start-up to the first painted table (issue 11, item 8; ``benchmarks/bench_startup.py`` times
it): the window paints the real orders table, its rows and every tab's count, before it has
imported what that frame does not show — the dialogs, printing, the export, the methods'
service, the server drivers — so a change that brings one back into the start fails here
(not timed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(script: str) -> str:
    """What ``python -c script`` prints, in a fresh process with this tree importable."""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _printed(script: str) -> list[str]:
    return _run(script).split()

#: What the first frame does not need; each is imported when first used.
NOT_BEFORE_THE_FIRST_PAINT = (
    "app.services.export",  # its journal is kept once the window has painted
    "app.services.export_book",  # export's workbook writer and its temporary files, with it
    "app.services.export_files",
    "app.services.methods",
    "app.services.printing",
    "app.widgets.slips",
    "PySide6.QtPrintSupport",
    "app.dialogs.form",  # the pages' actions take error_text from app.widgets.format
    "app.dialogs.bulk_dialogs",
    "app.dialogs.import_report_dialog",
    "app.dialogs.ship_dialog",
    "app.dialogs.cancellation_request_dialog",
    "app.services.importer",
    "app.services.cancel_list",  # the 取消訂單 page's list, built when the page is first shown
    "app.views.reports_page",
    "app.views.server_login",  # a SQLite file has no password to ask
    "app.services.connection",
    # the write path: the services an action calls, and what builds their rows
    "app.services.writes",
    "app.services.common",
    "app.services.orders",
    "app.services.cancellations",
    "app.services.invoices",
    "app.services.clerk_edits",
    "app.dialogs.clerk_edit_dialogs",
    "app.views.import_action",  # 檔案 → 匯入…'s controller, made when first used
    "app.domain.invoice",  # the history's invoice labels, when a history is first shown
    "app.cli.parser",  # every subcommand's arguments: the window's own are read without them
    "app.cli.commands",
    "openpyxl",
    "playhouse.db_url",  # the server drivers, and peewee's URL parser that needs them
    "pymysql",
    "psycopg2",
    "cryptography",
)

#: Runs the window as ``main.py --db URL`` does; at its first paint prints what it shows and
#: which modules are imported, as JSON, then quits.
AT_FIRST_PAINT = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
import main
from app.cli import window as window_start

def record(app, window):
    import json  # here, as the window's start has it: a stand-in until its first use (drivers.LATER)

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and not self.property("seen"):
                self.setProperty("seen", True)
                page = window.orders_page
                tabs = page.tabs
                shown = {
                    "modules": sorted(sys.modules),
                    "page": window.stack.currentWidget() is page,
                    "rows": page.current_list().model.rowCount(),
                    "first": page.current_list().model.index(0, 0).data(),
                    "tabs": [tabs.tabText(i) for i in range(tabs.count())],
                    "gc": __import__("gc").isenabled(),
                    "fitter": hasattr(app, "_orderdesk_fitter"),
                    "later": sys.modules["app.models.drivers"].stand_ins(),
                    "dataclasses": sys.modules["app.domain.later"].waiting(),
                }
                print(json.dumps(shown, ensure_ascii=False), flush=True)  # json's first use
                QTimer.singleShot(0, app.quit)
            return False
    window._first_paint = FirstPaint(window)
    window.installEventFilter(window._first_paint)

window_start.quit_after_first_paint = record  # as the window's start calls it
sys.exit(main.main(["--db", sys.argv[1], "--lang", "zh_TW"]))
"""


def _env(tmp_path: Path) -> dict:
    # Its own settings (no window state of another run: the orders page opens) and offscreen.
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", ORDERDESK_QUIT_AFTER_PAINT="1",
                XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path),
                PYTHONPATH=str(ROOT))


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("startup") / "desk.db"
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "demo", "--orders", "60", "--db", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return path


def test_the_first_paint_shows_the_orders_table_without_what_it_does_not_show(demo_file, tmp_path):
    done = subprocess.run([sys.executable, "-c", AT_FIRST_PAINT, f"sqlite:///{demo_file}"], cwd=ROOT,
                          env=_env(tmp_path), capture_output=True, text=True, encoding="utf-8", timeout=180)
    assert done.returncode == 0, done.stderr
    painted = json.loads(done.stdout.strip().splitlines()[-1])
    assert painted["gc"] is False  # the cycle collector waits for the first paint
    assert painted["fitter"] is False  # and so does the filter that fits the dialogs
    assert painted["later"] == ["calendar", "socket", "uuid", "hashlib", "json"]  # peewee's, not run yet
    # the dataclasses the first frame does not use, not made yet
    assert {"app.services.op_changes.OpChanges", "app.services.search.Search"} <= set(painted["dataclasses"])
    # The real table: the orders page, its rows, and every tab's count in its label.
    assert painted["page"] is True
    assert painted["rows"] > 0 and painted["first"]
    assert painted["tabs"][0] == "訂單清單 (60)"  # every order of the demo
    counts = [int(text.rsplit("(", 1)[1].rstrip(")").replace(",", "")) for text in painted["tabs"]]
    assert len(counts) > 5 and sum(counts[1:]) > 0
    imported = [m for m in NOT_BEFORE_THE_FIRST_PAINT
                if any(name == m or name.startswith(m + ".") for name in painted["modules"])]
    assert imported == []


def test_a_deferred_module_is_there_when_first_used(demo_file, tmp_path):
    """After the first paint the export's journal is kept (its module imported then),
    Python's cycle collector runs again, every dialog is fitted to its screen, the standard
    modules peewee got stand-ins for are run and every dataclass is made."""
    script = AT_FIRST_PAINT.replace(
        "QTimer.singleShot(0, app.quit)",
        "QTimer.singleShot(0, lambda: QTimer.singleShot(0, lambda: (print(json.dumps("
        "{'export': 'app.services.export' in sys.modules, "
        "'journal': sys.modules['app.services.export_files']._journal is not None, "
        "'gc': __import__('gc').isenabled(), 'fitter': hasattr(app, '_orderdesk_fitter'), "
        "'later': sys.modules['app.models.drivers'].stand_ins(), "
        "'dataclasses': sys.modules['app.domain.later'].waiting()}), "
        "flush=True), app.quit())))")
    done = subprocess.run([sys.executable, "-c", script, f"sqlite:///{demo_file}"], cwd=ROOT,
                          env=_env(tmp_path), capture_output=True, text=True, encoding="utf-8", timeout=180)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"export": True, "journal": True, "gc": True,
                                                                "fitter": True, "later": [], "dataclasses": []}


#: peewee's state that depends on the server drivers it found: module globals and the
#: adapters' class attributes, each described by name (not by id, which differs by process).
PEEWEE_STATE = """
import json, sys, types
{before}
import peewee
{after}
def name(value):
    if isinstance(value, types.ModuleType):
        return "module " + value.__name__
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{{value.__module__}}.{{value.__qualname__}}"
    return repr(value)
state = {{g: name(getattr(peewee, g, "<none>")) for g in (
    "psycopg2", "pg_extensions", "pg_register_uuid", "Json_pg2", "psycopg", "TransactionStatus",
    "Json_pg3", "Jsonb_pg3", "mysql")}}
for adapter in ("Psycopg2Adapter", "Psycopg3Adapter"):
    for attr in ("txn_idle", "txn_inerror", "txn_unknown"):
        state[adapter + "." + attr] = name(getattr(getattr(peewee, adapter), attr, "<none>"))
print(json.dumps(state))
"""


def _peewee_state(before: str, after: str) -> dict:
    return json.loads(_run(PEEWEE_STATE.format(before=before, after=after)))


def test_peewee_gets_the_server_drivers_its_own_import_would_have_given_it():
    own = _peewee_state("", "")
    assert own["mysql"] == "module pymysql" and own["psycopg2"] == "module psycopg2"  # installed
    without = _peewee_state(
        "from app.models import drivers\ndrivers.without_server_drivers()",
        "assert drivers.deferred() and peewee.mysql is None and peewee.psycopg2 is None\n"
        "assert not {'pymysql', 'psycopg2', 'cryptography'} & set(sys.modules)\n"
        "drivers.load()\nassert not drivers.deferred()")
    assert without == own


def test_a_stand_in_becomes_the_module_on_its_first_use():
    """peewee's ``uuid``, ``socket``, ``calendar`` and ``hashlib`` are stand-ins until first
    used: then each is the module itself, the same object for peewee and for an ``import``."""
    script = ("import sys, types\nfrom app.models import drivers\ndrivers.without_server_drivers()\n"
              "import peewee\n"
              "assert drivers.stand_ins() == ['calendar', 'socket', 'uuid', 'hashlib', 'json']\n"
              "assert 'platform' not in sys.modules and 'selectors' not in sys.modules\n"
              "import uuid\nassert drivers.stand_ins() == ['calendar', 'socket', 'uuid', 'hashlib', 'json']\n"
              "u = uuid.uuid4()\n"
              "assert peewee.UUIDField().python_value(u.hex) == u and 'platform' in sys.modules\n"
              "from socket import inet_aton\n"
              "assert peewee.IPField().db_value('1.2.3.4') == 16909060\n"
              "assert drivers.stand_ins() == ['calendar', 'hashlib', 'json']\n"
              "assert peewee.JSONField()._dumps([1, 2]) == '[1, 2]' and drivers.stand_ins() == ['calendar', 'hashlib']\n"
              "drivers.load_later_modules()\nassert drivers.stand_ins() == []\n"
              "for name in drivers.LATER:\n"
              "    assert type(sys.modules[name]) is types.ModuleType and getattr(peewee, name) is sys.modules[name]\n"
              "print(peewee.calendar.timegm((2020, 1, 1, 0, 0, 0)), peewee.hashlib.md5(b'x').hexdigest())")
    assert _printed(script) == ["1577836800", "9dd4e461268c8034f5c8564e155c67a6"]


def test_a_server_url_loads_the_drivers_first(tmp_path):
    """``open_url`` of a server URL loads them before playhouse.db_url (which needs them): the
    database it returns has its driver's adapter, without connecting."""
    script = ("from app.models import drivers\ndrivers.without_server_drivers()\n"
              "from app.models.db import open_url\n"
              "import peewee\n"
              "db = open_url('postgresql://nobody@127.0.0.1:1/none')\n"
              "print(type(db).__name__, type(db._adapter).__name__, peewee.mysql.__name__)")
    assert _printed(script) == ["DeskPostgresqlDatabase", "Psycopg2Adapter", "pymysql"]


def test_pysides_look_at_a_module_answers_as_its_own_would():
    """``pyside_imports.uses_pyside`` (the module's file, as bytes) says of every module what
    PySide6's ``inspect.getsource`` look says: a module with PySide6 in its source, one
    without, and one with no source file."""
    import _json
    import inspect

    import app.domain.money
    import app.views.main_window
    from app.widgets.pyside_imports import uses_pyside

    def slow(module):
        try:
            return "PySide6" in inspect.getsource(module)
        except (TypeError, OSError):
            return False

    modules = [m for m in list(sys.modules.values()) if getattr(m, "__file__", None)]
    assert len(modules) > 100
    assert [m.__name__ for m in modules if uses_pyside(m, slow=slow) != slow(m)] == []
    assert uses_pyside(app.views.main_window, slow=slow) is True
    assert uses_pyside(app.domain.money, slow=slow) is False
    assert uses_pyside(_json, slow=lambda module: "PySide6's own look") == "PySide6's own look"  # a .so


def test_the_window_start_installs_it_once():
    script = ("import sys\nfrom app.widgets import pyside_imports\n"
              "assert pyside_imports.install() and pyside_imports.install()\n"
              "feature = sys.modules['PySide6.support.feature']\n"
              "print(feature._mod_uses_pyside.from_file, feature._mod_uses_pyside.__name__)")
    assert _printed(script) == ["True", "fast"]


def test_the_cycle_collector_is_back_when_the_window_never_opens(qapp, monkeypatch, tmp_path):
    """A database that does not open: the message, and Python collects cycles again."""
    import gc

    from PySide6.QtWidgets import QMessageBox

    import main

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(title))
    monkeypatch.setattr(sys, "stderr", None)
    (tmp_path / "no-such-folder").write_text("a file where the folder should be")
    assert main.main(["--db", str(tmp_path / "no-such-folder" / "desk.db"), "--lang", "zh_TW"]) == 1
    assert shown == ["資料庫連線"]
    assert gc.isenabled()
    from app.domain import later

    assert later.waiting() == [] and not later._deferring  # every dataclass made, and at once from now on


@pytest.mark.parametrize("argv", [
    [], ["--db", "sqlite:///x.db"], ["--db=sqlite:///x.db"], ["--lang", "en"], ["--lang=zh_TW"],
    ["--no-demo"], ["--db", "desk.db", "--lang", "en", "--no-demo"], ["--no-demo", "--db", "a#b?.db"],
    ["--db", "postgresql://clerk@host/shop"], ["--db", ""], ["--db="],
])
def test_the_window_s_arguments_parse_as_the_whole_parser_parses_them(argv):
    """``main.window_args`` (the window's start, without building every subcommand's parser)
    gives what ``build_parser`` gives."""
    import argparse

    import main
    from app.cli.parser import build_parser

    fast = main.window_args(argv)
    assert fast is not None
    assert fast == build_parser().parse_args(argv, argparse.Namespace(db=None, lang=None))


@pytest.mark.parametrize("argv", [
    ["demo"], ["--db", "x", "export", "--list", "all"], ["-h"], ["--help"], ["--lang", "fr"],
    ["--db"], ["--db", "--no-demo"], ["--no-demo=1"], ["--d", "x"], ["--db", "a", "--db", "b"],
    ["--", "x"], ["x.db"], ["--version"],
])
def test_anything_else_goes_to_the_whole_parser(argv):
    import main

    assert main.window_args(argv) is None


def test_the_script_python_runs_is_small_and_the_program_is_a_module():
    """Python compiles the script it is given at every start (no bytecode is kept for
    ``__main__``): the program lives in the package ``app/cli``, whose bytecode is cached, and
    ``main.py`` only runs it — 1,100 lines there cost 15–20 ms a start.  ``import main`` (the
    ``orderdesk`` command, the tests) is that module."""
    import ast

    script = (ROOT / "main.py").read_text(encoding="utf-8")
    statements = ast.parse(script).body  # the docstring, two imports, the run, the alias
    assert len(script.splitlines()) <= 20 and len(statements) <= 5, script
    assert _printed("import main, app.cli; print(main is app.cli, main.main is app.cli.main)") == ["True", "True"]
    done = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "usage: orderdesk" in done.stdout, done.stderr


def test_the_bench_s_two_floors_paint_and_only_the_python_model_builds_the_qt_namespace():
    """``bench_startup.py``'s floors: the bare window with a ``QTableWidget`` and the same with
    a Python model both paint; only the model's header, handing Python a ``Qt.Orientation``,
    makes PySide6 build the ``Qt`` namespace (its 93 enums: the difference of the two floors,
    docs/PERFORMANCE.md)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_startup", ROOT / "benchmarks" / "bench_startup.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ORDERDESK_QUIT_AFTER_PAINT="1")
    built = {}
    for name, script in (("table widget", bench.BARE), ("python model", bench.BARE_MODEL)):
        check = script + "import sys\nprint('Qt' in sys.modules['PySide6.QtCore'].__dict__)\n"
        done = subprocess.run([sys.executable, "-c", check], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.split()[0] == "painted"
        built[name] = done.stdout.split()[-1]
    assert built == {"table widget": "False", "python model": "True"}
