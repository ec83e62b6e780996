"""How fast the order lists answer at 1k, 100k and 1M orders.

    python benchmarks/bench_tables.py [--sizes 1000,100000,1000000] [--runs 5] [--explain]

Each size's database is built once under /tmp/orderdesk-bench/ with ``build_demo`` (in a child
process, so the build's memory does not count) and reused while its ``.done`` marker is there.
Each size is then measured in a fresh child process:

* first page of each order tab: ``fetch_orders(OrderFilter(tab=...))`` on a fresh connection
  (as when the program starts), median of the runs;
* the seven tab counts: ``count_orders(OrderFilter())`` on a fresh connection and on a warm one,
  with the slowest of its statements;
* searches: a common buyer-name substring, a rare one, an order-number prefix (first page, and
  the tab counts under that search, which the page asks for as well);
* if ``app.views.orders_page.OrdersPage`` imports: the Qt page, from constructing it to its
  first rows painted (offscreen), and switching tabs;
* the child's peak RSS (``resource.getrusage``), before and after Qt.

Times are medians of ``--runs`` runs, in milliseconds.  ``--explain`` prints SQLite's
EXPLAIN QUERY PLAN of every statement the counts and the first pages run.

Issue 11's figures, each beside its floor measured in the same run, with the ratio:

    python benchmarks/bench_tables.py --orders 100000 [--db URL] [--runs 21] [--json FILE]

* ``cancel_counts``: the seven cancellation counts (``count_cancellations``, from the counter
  table), floor: its statement run raw (DB-API cursor, no peewee);
* ``cancel_counts_join``: the old way, COUNT(*) of the requests joined to their orders per
  status — its floor is the counter read raw, so its ratio is what the counter saves;
* ``order_counts``: the tab counts (``count_orders``), floor: its statement raw;
* ``page_<tab>`` / ``cancel_page_<tab>``: first page of each order tab and each cancellation
  tab, floor: the same statements raw;
* ``store_filter``: 訂單清單 filtered to the largest store, floor: the same statements raw;
* ``change_poll``: ``changes.change_token()`` (the once-a-second poll), floor: one primary-key
  lookup, ``SELECT MAX(id) FROM status_history``;
* items 1 and 3 (the tables know their size): ``first_page_<column>`` and ``later_page_<column>``
  (a page from the middle of the tab, by keyset) for every sortable column of 訂單清單
  (``age``: 已付款清單), ``last_page`` (Ctrl+End: the sort reversed) and ``far_jump`` (the
  index-only seek, then the page; ``far_jump_by_<column>``: the same by each sortable column,
  on a pager made for it, as after a click on the header), each beside its statements run
  raw; on screen (offscreen,
  1366×768) ``ctrl_end_screen`` and ``far_jump_screen`` beside the same with the page cached
  (painting alone), ``select_all`` (Ctrl+A on 訂單清單 to its rows in hand, buttons updated) and
  ``select_all_preview`` (then the bulk preview shown) beside their statements run raw.

The database is built once (``build_demo``, which ends with ANALYZE) under ``$ORDERDESK_BENCH_DIR``
(default /tmp/orderdesk-bench) as ``figures-<n>.db``, or with ``--db`` on that server as the
database ``od_figures_<n>`` (or the one the URL names, if its name starts with ``od_``).  ``--json FILE`` writes ``{"figures": {NAME: {"value", "floor",
"unit"}}}``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BENCH_DIR = Path(os.environ.get("ORDERDESK_BENCH_DIR", "/tmp/orderdesk-bench"))
#: Figures mode (--orders): its own files and server databases, apart from the size tables'.
FIGURES_ENV = "ORDERDESK_BENCH_FIGURES"
#: --server postgresql://… : build and measure on that server instead of SQLite files (one
#: database per size, od_bench_<n>, created once and reused).
SERVER_ENV = "ORDERDESK_BENCH_SERVER"


def server() -> str | None:
    return os.environ.get(SERVER_ENV) or None


def url_for(n: int) -> str:
    base = server()
    if not base:
        return "sqlite:///" + str(db_path(n))
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db_name(n)}", parts.query, ""))


def db_name(n: int) -> str:
    """The server database: the one the URL names if its name starts with ``od_`` (it is dropped
    and built again when its marker is missing, so never a database of anyone's work), else
    ``od_figures_<n>`` / ``od_bench_<n>``."""
    from urllib.parse import urlsplit

    named = urlsplit(server() or "").path.strip("/")
    if named.startswith("od_"):
        return named
    return f"od_figures_{n}" if os.environ.get(FIGURES_ENV) else f"od_bench_{n}"


def marker_for(n: int) -> Path:
    if not server():
        return db_path(n).with_suffix(".done")
    from urllib.parse import urlsplit

    kind = "figures-" if os.environ.get(FIGURES_ENV) else ""
    return BENCH_DIR / f"server-{kind}{urlsplit(server()).scheme}-{db_name(n)}-{n}.done"


def create_server_db(n: int) -> None:
    """(Re)create the size's database on the server (PostgreSQL, or MariaDB / MySQL)."""
    from urllib.parse import urlsplit

    parts = urlsplit(server())
    if parts.scheme.startswith("mysql"):
        import pymysql

        conn = pymysql.connect(host=parts.hostname, port=parts.port or 3306, user=parts.username,
                               password=parts.password or "", autocommit=True, connect_timeout=5)
    else:
        import psycopg2

        conn = psycopg2.connect(server(), connect_timeout=5)
        conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {db_name(n)}")
        cur.execute(f"CREATE DATABASE {db_name(n)}")
    conn.close()
GOAL_MS = 100.0


def db_path(n: int) -> Path:
    return BENCH_DIR / (f"figures-{n}.db" if os.environ.get(FIGURES_ENV) else f"orders-{n}.db")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# ---------------------------------------------------------------- building


def ensure_built(n: int) -> dict:
    """The database of ``n`` orders, built once; returns what its marker recorded."""
    path = db_path(n)
    marker = marker_for(n)
    if marker.exists() and (server() or path.exists()):
        info = json.loads(marker.read_text())
        info["reused"] = True
        return info
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)
    if server():
        create_server_db(n)
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    print(f"building {n:,} orders in {url_for(n)} ...", file=sys.stderr, flush=True)
    out = subprocess.run([sys.executable, __file__, "--build", str(n)], check=True,
                         stdout=subprocess.PIPE, text=True).stdout
    info = json.loads(out.strip().splitlines()[-1])
    marker.write_text(json.dumps(info, ensure_ascii=False))
    info["reused"] = False
    return info


def build_child(n: int) -> None:
    from app.models.db import connect
    from app.services.demo import build_demo

    connect(url_for(n))
    last = [-1]

    def progress(done: int, total: int) -> None:
        pct = 100 * done // max(total, 1)
        if pct // 10 != last[0]:
            last[0] = pct // 10
            print(f"  {pct}% ({done:,}/{total:,})", file=sys.stderr, flush=True)

    wall, cpu = time.perf_counter(), time.process_time()
    summary = build_demo(n, progress=progress)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    size = 0 if server() else db_path(n).stat().st_size
    print(json.dumps({"n": n, "build_s": round(wall, 1), "build_cpu_s": round(cpu, 1),
                      "file_mb": round(size / 2**20), "peak_rss_mb": round(peak_rss_mb()),
                      "summary": summary}, ensure_ascii=False))


# ---------------------------------------------------------------- measuring


class StatementLog:
    """Records each SQL statement the database runs, with its time (for the slowest one and
    for EXPLAIN QUERY PLAN)."""

    def __init__(self, db):
        self.db = db
        self.rows: list[tuple[str, tuple, float]] = []

    def __enter__(self):
        original = self.original = self.db.execute_sql

        def execute_sql(sql, params=None, *args, **kwargs):
            t = time.perf_counter()
            cursor = original(sql, params, *args, **kwargs)
            self.rows.append((sql, tuple(params or ()), (time.perf_counter() - t) * 1000))
            return cursor

        self.db.execute_sql = execute_sql
        return self

    def __exit__(self, *exc):
        del self.db.execute_sql  # back to the class's method


def median_ms(fn, runs: int, *, fresh=None) -> float:
    times = []
    for _ in range(runs):
        if fresh:
            fresh()
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def measure_child(n: int, runs: int, explain: bool) -> None:
    from app.domain.tabs import OrderTab
    from app.models.db import connect
    from app.services.queries import OrderFilter, count_orders, fetch_orders

    url = url_for(n)

    def fresh():
        connect(url, migrate=False)

    connect(url)  # brings a database built by an older OrderDesk up to the current schema
    from app.models.db import database

    db = database.obj
    result: dict = {"n": n, "first_page_ms": {}}
    for tab in OrderTab:
        flt = OrderFilter(tab=tab)
        result["first_page_ms"][tab.value] = median_ms(lambda f=flt: fetch_orders(f), runs, fresh=fresh)
    result["counts_ms"] = median_ms(lambda: count_orders(OrderFilter()), runs, fresh=fresh)
    fresh()
    count_orders(OrderFilter())  # the page cache warmed, as in a program that has been running
    result["counts_warm_ms"] = median_ms(lambda: count_orders(OrderFilter()), runs)
    fresh()
    with StatementLog(database.obj) as log:
        count_orders(OrderFilter())
    slowest = max(log.rows, key=lambda r: r[2])
    result["counts_slowest"] = {"sql": slowest[0], "params": [str(p) for p in slowest[1]],
                                "ms": round(slowest[2], 2)}

    # Search words taken from the data: a common given name, a rare full name, a day's prefix.
    common = "淑芬"
    rare = db.execute_sql(
        'SELECT buyer_name FROM "order" WHERE id = (SELECT MAX(id) FROM "order") / 2 + 1').fetchone()
    # (PostgreSQL and SQLite both quote with double quotes; MariaDB is not benchmarked here.)
    rare = rare[0] if rare else "王小明"
    day = db.execute_sql('SELECT substr(order_no, 1, 9) FROM "order" WHERE id = '
                         '(SELECT MAX(id) FROM "order") * 3 / 4 + 1').fetchone()
    day = day[0] if day else "O20250101"
    searches = {"name_common": common, "name_rare": rare, "order_no_prefix": day}
    result["search_words"] = searches
    result["search_page_ms"] = {}
    result["search_counts_ms"] = {}
    for key, word in searches.items():
        flt = OrderFilter(search=word)
        result["search_page_ms"][key] = median_ms(lambda f=flt: fetch_orders(f), runs, fresh=fresh)
        result["search_counts_ms"][key] = median_ms(lambda f=flt: count_orders(f), runs, fresh=fresh)
    result["peak_rss_mb_queries"] = round(peak_rss_mb())

    if explain and not server():
        fresh()
        with StatementLog(database.obj) as log:
            count_orders(OrderFilter())
            for tab in OrderTab:
                fetch_orders(OrderFilter(tab=tab))
            fetch_orders(OrderFilter(search=common))
            fetch_orders(OrderFilter(search=day))
        plans = []
        for sql, params, ms in log.rows:
            plan = database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()
            plans.append({"sql": sql, "params": [str(p) for p in params], "ms": round(ms, 2),
                          "plan": [row[-1] for row in plan]})
        result["explain"] = plans

    result["qt"] = measure_qt(url, runs, fresh)
    result["peak_rss_mb"] = round(peak_rss_mb())
    print(json.dumps(result, ensure_ascii=False))


def measure_qt(url: str, runs: int, fresh) -> dict:
    """The orders page as the clerk sees it: construct, show, first rows painted; then each
    tab switch.  Skipped with a note when the page is not there (yet)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    try:
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication

        from app.domain.tabs import OrderTab
        from app.views.orders_page import OrdersPage
        from app.views.session import Session
    except ImportError as exc:
        return {"skipped": f"the Qt page does not import: {exc}"}

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    session = Session(settings)
    pages = []

    def first_rows():
        page = OrdersPage(session)
        page.resize(1280, 800)
        page.restore_state(settings)  # as the main window does: loads the visible tab
        page.show()
        app.processEvents()
        lt = page.current_list()
        page.grab()  # paint it all now
        pages.append(page)
        return lt.model.rowCount()

    times = []
    rows = 0
    for _ in range(runs):
        fresh()
        t = time.perf_counter()
        rows = first_rows()
        times.append((time.perf_counter() - t) * 1000)
        while pages:
            pages.pop().deleteLater()
        app.processEvents()
    result = {"first_rows_ms": statistics.median(times), "first_rows": rows}

    fresh()
    page = OrdersPage(session)
    page.resize(1280, 800)
    page.restore_state(settings)
    page.show()
    app.processEvents()
    switch = {}
    for tab in OrderTab:
        t = time.perf_counter()
        page.set_tab(tab)
        app.processEvents()
        page.grab()
        switch[tab.value] = (time.perf_counter() - t) * 1000
    result["tab_switch_ms"] = switch
    page.deleteLater()
    app.processEvents()
    return result


# ---------------------------------------------------------------- issue 11's figures


def raw_replay(db, statements):
    """The statements an OrderDesk call ran, run again on the DB-API cursor: the floor."""

    def run():
        for sql, params, _ms in statements:
            cur = db.cursor()
            cur.execute(sql, params)
            cur.fetchall()

    return run


#: --only a,b: the figures whose names start so (the others are not measured).
ONLY_ENV = "ORDERDESK_BENCH_ONLY"
#: The figures measured on screen (``table_figures``): a window is built only for them.
SCREEN_FIGURES = ("ctrl_end_screen", "far_jump_screen", "select_all", "select_all_preview",
                  "refresh_scrolled", "refresh_untouched", "refresh_moved")


def wanted(name: str) -> bool:
    only = [p for p in os.environ.get(ONLY_ENV, "").split(",") if p]
    return not only or any(name.startswith(p) for p in only)


def figures_child(n: int, runs: int) -> None:
    import peewee as pw

    from app.domain.tabs import CancelTab, OrderTab
    from app.models.db import connect, database
    from app.models.tables import CancellationRequest, Order
    from app.services import cancel_list, changes, queries

    connect(url_for(n))
    db = database.obj
    figures: dict[str, dict] = {}

    def figure(name: str, call, floor=None) -> None:
        """``call`` timed beside ``floor`` (default: its own statements replayed raw)."""
        if not wanted(name):
            return
        call()  # warm: the program has been running
        if floor is None:
            with StatementLog(db) as log:
                call()
            floor = raw_replay(db, log.rows)
        floor()
        value_ms, floor_ms = [], []
        for _ in range(runs):  # alternated, so both see the same machine load
            value_ms.append(median_ms(call, 1))
            floor_ms.append(median_ms(floor, 1))
        figures[name] = {"value": round(statistics.median(value_ms), 3),
                         "floor": round(statistics.median(floor_ms), 3), "unit": "ms"}

    figure("cancel_counts", lambda: cancel_list.count_cancellations(cancel_list.CancelFilter()))
    cr = CancellationRequest
    joined = (cr.select(cr.status, pw.fn.COUNT(cr.id)).join(Order).group_by(cr.status))
    counter = "SELECT status, SUM(n) FROM cancel_status_count GROUP BY status"
    figure("cancel_counts_join", lambda: list(joined.tuples()), raw_replay(db, [(counter, (), 0)]))
    figure("order_counts", lambda: queries.count_orders(queries.OrderFilter()))
    for tab in OrderTab:
        figure(f"page_{tab.value}", lambda t=tab: queries.fetch_orders(queries.OrderFilter(tab=t)))
    for tab in CancelTab:
        figure(f"cancel_page_{tab.value}",
               lambda t=tab: cancel_list.fetch_cancellations(cancel_list.CancelFilter(tab=t)))
    (store,) = (Order.select(Order.store).group_by(Order.store)
                .order_by(pw.fn.COUNT(Order.id).desc()).limit(1).tuples())[0]
    figure("store_filter",
           lambda: queries.fetch_orders(queries.OrderFilter(tab=OrderTab.ALL, store_id=store)))
    counts_figures(figure, store)
    figure("change_poll", changes.change_token,
           raw_replay(db, [("SELECT MAX(id) FROM status_history", (), 0)]))
    sorted_figures(figure)
    if any(wanted(name) for name in SCREEN_FIGURES):
        figures.update({k: v for k, v in table_figures(runs, db).items() if wanted(k)})
    print(json.dumps({"n": n, "url": url_for(n).split("@")[-1], "runs": runs, "figures": figures},
                     ensure_ascii=False))


def counts_figures(figure, store: int) -> None:
    """Issue 11 item 4: every tab's count under a filter — the store (the counter table), the
    last month and the last year of order dates, a payment method — each beside its own
    statements run raw."""
    from datetime import datetime, timedelta

    from app.models.tables import Order, PaymentMethod
    from app.services import queries

    newest = Order.select(Order.order_date).order_by(Order.order_date.desc()).limit(1).scalar()
    newest = datetime.fromisoformat(newest) if isinstance(newest, str) else newest
    last = newest.date()
    (method,) = PaymentMethod.select(PaymentMethod.id).order_by(PaymentMethod.id).limit(1).tuples()
    for name, f in (("counts_store", queries.OrderFilter(store_id=store)),
                    ("counts_month", queries.OrderFilter(date_from=last - timedelta(days=30), date_to=last)),
                    ("counts_year", queries.OrderFilter(date_from=last - timedelta(days=365), date_to=last)),
                    ("counts_payment_method", queries.OrderFilter(payment_method_id=method[0]))):
        figure(name, lambda f=f: queries.count_orders(f))


def sorted_figures(figure) -> None:
    """Issue 11 item 3: the first page and a later page (from the middle of the tab) by each
    sortable column, 訂單清單 (等待天數 on 已付款清單); the last page (Ctrl+End: the sort
    reversed) and a far jump (the index-only seek, then the page), each beside its statements
    run raw."""
    from app.domain.tabs import OrderTab
    from app.services import queries
    from app.views.order_columns import order_columns

    for key in [c.key for c in order_columns({}) if c.sortable] + ["age"]:
        f = queries.OrderFilter(tab=OrderTab.PAID if key == "age" else OrderTab.ALL, sort=key)
        pager = queries.order_pager(f)
        half = queries.count_orders(f)[f.tab] // 2
        middle = pager.key_at(half)
        figure(f"first_page_{key}", lambda p=pager: p.forward(None, 200))
        figure(f"later_page_{key}", lambda p=pager, k=middle: p.forward(k, 200))

        def jump(f=f, half=half):  # a fresh pager: the first jump after the header's click
            p = queries.order_pager(f)
            return p.forward(p.key_at(half - 1), 200)

        figure(f"far_jump_by_{key}", jump)
    f = queries.OrderFilter(tab=OrderTab.ALL)
    count = queries.count_orders(f)[f.tab]
    figure("last_page", lambda: queries.order_pager(f).backward(None, 200))

    def far_jump():
        pager = queries.order_pager(f)
        return pager.forward(pager.key_at(count // 2 - 1), 200)

    figure("far_jump", far_jump)


def table_figures(runs: int, db) -> dict:
    """Issue 11 item 1, as the clerk sees it: 訂單清單 on screen (offscreen, 1366×768).

    * ``ctrl_end_screen``: Ctrl+End from the top to the last rows painted; floor: the same
      key press when the last page is already in the cache (painting alone);
    * ``far_jump_screen``: the scrollbar dragged to the middle, rows painted; floor: the same
      with the page cached;
    * ``select_all``: Ctrl+A on the whole tab to the selected rows in hand (the buttons
      enabled for them); floor: its statements run raw;
    * ``select_all_preview``: that, then the bulk preview of those rows shown; floor: the
      statements run raw."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from app.dialogs.bulk_dialogs import BulkPreviewDialog
    from app.views.orders_page import OrdersPage
    from app.views.session import Session

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    page = OrdersPage(Session(settings))
    page.resize(1366, 768)
    page.show()
    app.processEvents()
    lt = page.current_list()
    view, model = lt.view, lt.model

    def painted() -> None:
        for _ in range(10):
            app.processEvents()
            view.viewport().repaint()
            if not model.pending:
                break

    def timed(setup, act) -> float:
        setup()
        painted()
        t = time.perf_counter()
        act()
        painted()
        return (time.perf_counter() - t) * 1000

    def top():
        model.reload(keep=0)
        view.setFocus()
        view.setCurrentIndex(model.index(0, 0))

    def ctrl_end():
        QTest.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)

    def ctrl_home_cached():
        QTest.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)

    def middle():
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() // 2)

    out: dict[str, dict] = {}

    def pair(name, setup, act, floor_setup, floor_act) -> None:
        if not wanted(name):
            return
        values, floors = [], []
        for _ in range(runs):
            values.append(timed(setup, act))
            floors.append(timed(floor_setup, floor_act))
        out[name] = {"value": round(statistics.median(values), 3), "floor": round(statistics.median(floors), 3),
                     "unit": "ms"}

    def end_cached():
        top()
        ctrl_end()
        painted()
        ctrl_home_cached()

    pair("ctrl_end_screen", top, ctrl_end, end_cached, ctrl_end)

    def middle_cached():
        top()
        middle()
        painted()
        view.verticalScrollBar().setValue(0)

    pair("far_jump_screen", top, middle, middle_cached, middle)

    def select_all():
        view.selectAll()
        return lt.selected_rows()

    def unselect():
        model.reload(keep=0)
        view.clearSelection()

    shown = []

    def select_all_preview():
        rows = select_all()
        dialog = BulkPreviewDialog("bench", "bench", "bench", rows)
        dialog.show()
        app.processEvents()
        shown.append(dialog)

    if wanted("select_all"):
        with StatementLog(db) as log:
            unselect()
            log.rows.clear()
            select_all()
        replay = raw_replay(db, log.rows)
    for name, act in (("select_all", select_all), ("select_all_preview", select_all_preview)):
        if not wanted(name):
            continue
        values, floors = [], []
        for _ in range(runs):
            values.append(timed(unselect, act))
            while shown:
                shown.pop().close()
            floors.append(median_ms(replay, 1))
        out[name] = {"value": round(statistics.median(values), 3), "floor": round(statistics.median(floors), 3),
                     "unit": "ms", "rows": model.rowCount()}
    view.clearSelection()  # the refresh figures: no selection left by the ones above
    out.update(refresh_figures(runs, db, page, painted))
    page.close()
    return out


def refresh_figures(runs: int, db, page, painted) -> dict:
    """Issue 11 item 2: another desk's change made current on this desk's screen.  Another
    desk confirms a payment (已付款 → 等待出貨; not timed); then the timed part: this desk's
    poll reads the history since the last id seen, re-counts the tabs and reads again the
    changed rows on screen: until the model and the tab labels are current (floor: the
    statements it ran, run raw), and ``…_painted`` until the screen shows it (floor: those
    statements and the same screen painted again unchanged).

    * ``refresh_scrolled``: 訂單清單 scrolled to its middle (the change touches every
      order tab's count and this tab's rows);
    * ``refresh_untouched``: 未付款清單 shown (the change is not this tab's: the counts
      alone);
    * ``refresh_moved``: 已付款清單 scrolled to its middle, and the order leaves it (the
      rows on screen move up one: they are read again)."""
    from app.domain.tabs import OrderTab
    from app.models.tables import Order
    from app.services import orders as svc
    from app.views.live_refresh import LiveRefresh

    live = LiveRefresh(page.session)
    live.stop()
    paid = [r for (r,) in Order.select(Order.id).where(Order.status == "PAID").order_by(Order.id)
            .limit(6 * runs + 6).tuples()]
    out: dict[str, dict] = {}
    for name, tab in (("refresh_scrolled", OrderTab.ALL), ("refresh_untouched", OrderTab.UNPAID),
                      ("refresh_moved", OrderTab.PAID)):
        if not wanted(name):
            continue
        page.set_tab(tab)
        lt = page.current_list()
        bar = lt.view.verticalScrollBar()
        current, shown, raw, repaint = [], [], [], []
        for _ in range(runs + 1):
            bar.setValue(bar.maximum() // 2)
            painted()
            svc.confirm_payment(paid.pop(), operator="bench")  # the other desk
            with StatementLog(db) as log:
                t = time.perf_counter()
                live.poll()
                current.append((time.perf_counter() - t) * 1000)
                painted()
                shown.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            lt.view.viewport().update()  # the same screen painted again, nothing changed
            painted()
            repaint.append((time.perf_counter() - t) * 1000)
            raw.append(median_ms(raw_replay(db, log.rows), 1))
        floors_shown = [a + b for a, b in zip(raw, repaint, strict=True)]
        for key, values, floors in ((name, current, raw), (f"{name}_painted", shown, floors_shown)):
            values, floors = values[1:], floors[1:]  # the first warms
            out[key] = {"value": round(statistics.median(values), 3), "floor": round(statistics.median(floors), 3),
                        "unit": "ms", "statements": len(log.rows)}
    return out


def figures_report(result: dict) -> None:
    print(f"{result['n']:,} orders, {result['url']}, medians of {result['runs']} runs (ms):")
    print("| figure | OrderDesk | floor | ratio |")
    print("|---|---:|---:|---:|")
    for name, f in result["figures"].items():
        ratio = f["value"] / f["floor"] if f["floor"] else float("inf")
        print(f"| {name} | {f['value']:.2f} | {f['floor']:.2f} | ×{ratio:.1f} |")


def figures_main(n: int, runs: int, json_file: str | None) -> int:
    os.environ[FIGURES_ENV] = "1"  # the child processes inherit it
    info = ensure_built(n)
    print(f"database of {n:,} orders {'reused' if info.get('reused') else 'built'} "
          f"(build {info['build_s']} s)", file=sys.stderr)
    out = subprocess.run([sys.executable, __file__, "--figures", str(n), "--runs", str(runs)],
                         check=True, stdout=subprocess.PIPE, text=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    figures_report(result)
    if json_file:
        Path(json_file).write_text(json.dumps({"figures": result["figures"], "n": n, "url": result["url"]},
                                              ensure_ascii=False, indent=1))
    return 0


# ---------------------------------------------------------------- report


def fmt(ms: float) -> str:
    mark = "" if ms < GOAL_MS else " ✗"
    return f"{ms:.1f}{mark}" if ms < 10 else f"{ms:.0f}{mark}"


def report(builds: dict, results: list[dict], explain: bool) -> None:
    from app.domain.tabs import OrderTab

    print()
    print("Build (build_demo, own process):")
    for n, info in builds.items():
        how = "reused" if info.get("reused") else "built now"
        print(f"  {n:>9,} orders: {info['build_s']} s wall, {info.get('build_cpu_s', '?')} s CPU, "
              f"{info.get('file_mb', '?')} MB file, build peak RSS {info.get('peak_rss_mb', '?')} MB ({how})")
    print()
    print(f"Medians in ms (✗ = over the {GOAL_MS:.0f} ms goal):")
    head = ["orders"] + [f"page {t.value}" for t in OrderTab] + [f"{len(OrderTab)} counts", f"{len(OrderTab)} counts, warm connection"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        cells = [f"{r['n']:,}"] + [fmt(r["first_page_ms"][t.value]) for t in OrderTab] + [fmt(r["counts_ms"]), fmt(r["counts_warm_ms"])]
        print("| " + " | ".join(cells) + " |")
    print()
    head = ["orders", "name (common) page/counts", "name (rare) page/counts", "order-no prefix page/counts",
            "peak RSS queries", "Qt first rows", "Qt tab switch max", "peak RSS with Qt"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        sp, sc = r["search_page_ms"], r["search_counts_ms"]
        qt = r["qt"]
        if "skipped" in qt:
            qt_first = qt_switch = "skipped"
        else:
            qt_first = fmt(qt["first_rows_ms"])
            qt_switch = fmt(max(qt["tab_switch_ms"].values()))
        cells = [f"{r['n']:,}",
                 f"{fmt(sp['name_common'])} / {fmt(sc['name_common'])}",
                 f"{fmt(sp['name_rare'])} / {fmt(sc['name_rare'])}",
                 f"{fmt(sp['order_no_prefix'])} / {fmt(sc['order_no_prefix'])}",
                 f"{r['peak_rss_mb_queries']} MB", qt_first, qt_switch, f"{r['peak_rss_mb']} MB"]
        print("| " + " | ".join(cells) + " |")
    for r in results:
        print()
        print(f"{r['n']:,} orders: search words {r['search_words']}")
        print(f"  slowest count statement ({r['counts_slowest']['ms']} ms): "
              f"{r['counts_slowest']['sql']} {r['counts_slowest']['params']}")
        if "skipped" in r["qt"]:
            print(f"  Qt: {r['qt']['skipped']}")
        else:
            print(f"  Qt: {r['qt']['first_rows']} rows in the first page; tab switches (ms): "
                  + ", ".join(f"{k} {v:.0f}" for k, v in r["qt"]["tab_switch_ms"].items()))
        if explain:
            for e in r.get("explain", []):
                print(f"  {e['ms']:8.2f} ms  {e['sql']}  {e['params']}")
                for line in e["plan"]:
                    print(f"             {line}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,100000,1000000",
                        help="comma-separated order counts (default 1000,100000,1000000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--explain", action="store_true", help="print EXPLAIN QUERY PLAN")
    parser.add_argument("--server", help="a PostgreSQL URL to benchmark on instead of SQLite "
                        "(its user may create databases od_bench_<n>)")
    parser.add_argument("--orders", type=int, help="issue 11's figures at this size, each beside its floor")
    parser.add_argument("--db", help="with --orders: a server URL (its user may create databases "
                        "od_figures_<n>); default a SQLite file")
    parser.add_argument("--json", help="with --orders: write the figures to this file")
    parser.add_argument("--only", help="with --orders: only the figures whose names start with "
                        "one of these comma-separated prefixes (e.g. refresh,select_all)")
    parser.add_argument("--figures", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--build", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.server:
        os.environ[SERVER_ENV] = args.server  # the child processes inherit it
    if args.db:
        os.environ[SERVER_ENV] = args.db
    if args.figures is not None:
        os.environ[FIGURES_ENV] = "1"
        figures_child(args.figures, args.runs)
        return 0
    if args.orders is not None:
        if args.only:
            os.environ[ONLY_ENV] = args.only  # the child process inherits it
        return figures_main(args.orders, args.runs if args.runs != 5 else 21, args.json)
    if args.build is not None:
        build_child(args.build)
        return 0
    if args.measure is not None:
        measure_child(args.measure, args.runs, args.explain)
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    builds, results = {}, []
    for n in sizes:
        builds[n] = ensure_built(n)
        cmd = [sys.executable, __file__, "--measure", str(n), "--runs", str(args.runs)]
        if args.explain:
            cmd.append("--explain")
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        results.append(json.loads(out.strip().splitlines()[-1]))
    report(builds, results, args.explain)
    return 0


if __name__ == "__main__":
    sys.exit(main())
