"""Issue 11 items 4 and 5: a search most orders match (``gmail``, ``202``), or a search or a
method under a date range, takes seconds to count at a million orders.  ``count_orders(within=…)``
says so by reading at most that many orders, and the window counts such a filter off the UI
thread: its first page shows at once, the table reads on as the clerk scrolls, the tabs'
labels say "…" until the counts come, then the labels and the table's size take them.

Here on the 5,000-order demo with ``within`` lowered to 100, so that these searches are the
ones that count off the UI thread.  Not timed: benchmarks/bench_search.py measures."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

import pytest
from test_paged_table import N, big, settle, shown_page  # noqa: F401 - the fixture

from app.domain.tabs import OrderTab
from app.models.proxy import database
from app.services import cancel_list, queries
from app.views.orders_page import OrdersPage
from app.views.paged_model import Counting, PagedTableModel

WITHIN = 100


@pytest.fixture
def small_within(monkeypatch):
    monkeypatch.setattr(OrdersPage, "SPEC", replace(OrdersPage.SPEC, count_within=WITHIN))


def search(text: str, **kw) -> queries.OrderFilter:
    return queries.OrderFilter(search=text, **kw)


def broad(big) -> str:  # noqa: F811 - the fixture's value
    """A fragment most of the demo's orders hold: the year in every order number."""
    text = str(date.today().year)[:3]
    assert queries.count_orders(search(text))[OrderTab.ALL] > N // 2
    return text


def test_count_orders_within_says_none_rather_than_reading_more(big):  # noqa: F811
    text = broad(big)
    exact = queries.count_orders(search(text))
    assert queries.count_orders(search(text), within=WITHIN) is None
    assert queries.count_orders(search(text), within=N) == exact
    # The counters' counts are always taken: no search, a store, one character of a name.
    assert queries.count_orders(queries.OrderFilter(), within=0) == queries.count_orders(queries.OrderFilter())
    one = search("陳")
    assert queries.count_orders(one, within=0) == queries.count_orders(one)
    # A date range with a method: the orders of the range are what would be read.
    month = dict(date_from=date.today() - timedelta(days=30), date_to=date.today(), payment_method_id=1)
    dated = queries.OrderFilter(**month)
    assert queries.count_orders(dated, within=WITHIN) is None
    assert queries.count_orders(dated, within=N) == queries.count_orders(dated)


def type_search(qtbot, page: OrdersPage, text: str) -> None:
    page.filter_bar.search.setText(text)
    page.filter_bar._now()


def labels(page: OrdersPage) -> list[str]:
    return [page.tabs.tabText(i) for i in range(page.tabs.count())]


def test_a_search_most_orders_match_is_counted_off_the_ui_thread(qtbot, session, big, small_within):  # noqa: F811
    text = broad(big)
    exact = queries.count_orders(search(text))
    page = shown_page(qtbot, session)
    lt = page.current_list()
    type_search(qtbot, page, text)
    # At once: the first page, the labels waiting for their counts.
    assert page.counting
    assert all(label.endswith("(…)") for label in labels(page)), labels(page)
    assert page.tabs.tabToolTip(0) == "各分頁的筆數計算中…"
    assert lt.model.counting and lt.model.rowCount() == 200 and lt.model.canFetchMore()
    first = queries.fetch_orders(search(text), limit=200)[0]
    assert [lt.model.row_at(i).id for i in range(200)] == [r.id for r in first]
    # Scrolling to the end of what is read reads the next page (the view's fetchMore).
    lt.view.scrollToBottom()
    qtbot.waitUntil(lambda: lt.model.rowCount() > 200 or not page.counting, timeout=5000)
    # Then the counts come: the labels, and the table's size.
    qtbot.waitUntil(lambda: not page.counting, timeout=10000)
    assert not lt.model.counting and not lt.model.canFetchMore()
    assert lt.model.rowCount() == exact[OrderTab.ALL]
    assert page.counts == exact
    assert labels(page)[0].endswith(f"({exact[OrderTab.ALL]:,})") and not page.tabs.tabToolTip(0)
    # Ctrl+End now goes to the real last order.
    last = queries.fetch_orders(replace(search(text), descending=False), limit=1)[0][0]
    assert lt.model.row_at(lt.model.rowCount() - 1).id == last.id
    # Another tab shown is counted again (the tabs are, each time one is shown): the counts
    # known stand meanwhile, the labels and the table's size.
    page.set_tab(OrderTab.COMPLETED)
    assert page.counting and not any(label.endswith("(…)") for label in labels(page))
    done = page.current_list()
    assert done.model.rowCount() == exact[OrderTab.COMPLETED]
    qtbot.waitUntil(lambda: not page.counting, timeout=10000)
    assert page.counts == exact and done.model.rowCount() == exact[OrderTab.COMPLETED]


def test_a_narrow_search_typed_meanwhile_wins(qtbot, session, big, small_within):  # noqa: F811
    """The count of a search the clerk has typed on from is stopped, and never replaces the
    counts of the one now in the box."""
    text = broad(big)
    page = shown_page(qtbot, session)
    type_search(qtbot, page, text)
    assert page.counting
    narrow = queries.fetch_orders(queries.OrderFilter(), limit=1)[0][0].buyer_phone[2:]  # its last 8 digits
    type_search(qtbot, page, narrow)
    assert not page.counting  # a few orders: counted at once, the broad count stopped
    want = queries.count_orders(search(narrow))
    assert page.counts == want and 1 <= want[OrderTab.ALL] <= 3
    qtbot.wait(300)  # a broad count that ran on to its end changes nothing
    assert page.counts == want and page.current_list().model.rowCount() == want[OrderTab.ALL]


def counted_broad_search(qtbot, session, big):  # noqa: F811 - the fixture's value
    """訂單管理 shown with a search most orders match, counted; its text, the page, and a live
    refresh polled by hand (``poll``) as another desk's changes come."""
    from app.views.live_refresh import LiveRefresh

    text = broad(big)
    page = shown_page(qtbot, session)
    live = LiveRefresh(session)
    live.stop()
    type_search(qtbot, page, text)
    qtbot.waitUntil(lambda: not page.counting, timeout=10000)
    return text, page, live


def test_a_change_while_counting_shows_the_last_counts_and_counts_again(qtbot, session, big, small_within):  # noqa: F811
    text, page, live = counted_broad_search(qtbot, session, big)
    before = dict(page.counts)
    # Another desk confirms the payment of a paid order the search finds: counted again off
    # the UI thread, the last counts shown meanwhile (no "…").
    from app.services import orders

    paid = queries.fetch_orders(search(text, tab=OrderTab.PAID), limit=1)[0][0]
    orders.confirm_payment(paid.id, operator="店員乙")
    live.poll()
    assert page.counting
    assert not any(label.endswith("(…)") for label in labels(page))
    assert page.counts == before and all(isinstance(n, Counting) for n in page.counts.values())
    qtbot.waitUntil(lambda: not page.counting, timeout=10000)
    after = queries.count_orders(search(text))
    assert page.counts == after and after[OrderTab.PAID] == before[OrderTab.PAID] - 1
    assert page.current_list().model.rowCount() == page.counts[OrderTab.ALL]


def test_a_count_stopped_on_sqlite_is_interrupted(big):  # noqa: F811
    """``CountApart.cancel`` stops a count running in another thread (SQLite's interrupt):
    the thread's count ends at once with an error the window drops."""
    started, ended = threading.Event(), threading.Event()
    outcome: list = []

    def slow(_f):
        started.set()
        sql = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
               "SELECT COUNT(*) FROM n")
        return database.execute_sql(sql).fetchone()[0]

    apart = queries.CountApart(slow, queries.OrderFilter())

    def run():
        try:
            outcome.append(apart())
        except Exception as exc:  # noqa: BLE001 - what the job reports as failed
            outcome.append(exc)
        ended.set()

    thread = threading.Thread(target=run)
    thread.start()
    assert started.wait(5)
    time.sleep(0.3)  # the statement running (an interrupt before it starts is no-op in SQLite)
    apart.cancel()
    assert ended.wait(5), "the count ran on"
    thread.join()
    assert isinstance(outcome[0], Exception) and "interrupt" in str(outcome[0]).lower()


def test_a_counting_model_passes_qtmodeltester(qtmodeltester, big):  # noqa: F811
    from app.views.order_columns import order_columns

    f = search(broad(big))
    exact = queries.count_orders(f)[OrderTab.ALL]
    model = PagedTableModel(order_columns({}), queries.ORDERS, f, page=50, cache_pages=4,
                            count=lambda _f: Counting(0))
    model.reload()
    assert model.counting and model.rowCount() == 50
    qtmodeltester.check(model)  # it fetches more itself
    read = model.rowCount()
    assert read % 50 == 0
    for _ in range(6):
        model.fetchMore()
    read_on = model.rowCount()  # the tester, still watching, fetches more on each insert too
    assert read_on >= read + 300 and read_on % 50 == 0 and model.counting
    assert len(model.loaded_rows()) <= 4 * 50
    first = queries.fetch_orders(f, limit=read_on)[0]
    assert [model.row_at(i).id for i in range(read_on)] == [r.id for r in first]  # read again forward
    qtmodeltester.check(model)
    model.set_count(exact)
    assert not model.counting and model.rowCount() == exact
    qtmodeltester.check(model)
    model.set_count(120)  # fewer: rows taken from the end, the pages cut
    assert model.rowCount() == 120 and all(len(got) <= 50 for got in model._pages.values())
    qtmodeltester.check(model)


def test_select_all_while_counting_takes_the_counts_first(qtbot, session, big, small_within):  # noqa: F811
    """Ctrl+A on a tab still being counted selects every row of the tab, not the rows read
    so far: the counts are taken first, on the UI thread."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    text = broad(big)
    exact = queries.count_orders(search(text))
    page = shown_page(qtbot, session)
    lt = page.current_list()
    type_search(qtbot, page, text)
    assert page.counting and lt.model.rowCount() == 200
    lt.view.setFocus()
    QTest.keyClick(lt.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert not page.counting and page.counts == exact
    rows = lt.selected_rows()
    assert len(rows) == lt.model.rowCount() == exact[OrderTab.ALL]
    assert not any(label.endswith("(…)") for label in labels(page))


def test_the_cancellation_requests_are_counted_off_the_ui_thread_too(qtbot, session, big, monkeypatch):  # noqa: F811
    """取消訂單's search finds the requests of the orders a search finds, or whose reason holds
    the text; a search most orders hold is counted off the UI thread there too."""
    from app.domain.tabs import CancelTab
    from app.views.cancellations_page import CancellationsPage

    text = broad(big)
    f = cancel_list.CancelFilter(search=text)
    exact = cancel_list.count_cancellations(f)
    assert exact[CancelTab.ALL] > 100
    assert cancel_list.count_cancellations(f, within=WITHIN) is None
    assert cancel_list.count_cancellations(f, within=N) == exact
    # the rows: the requests of those orders, or with the reason typed
    reason = cancel_list.fetch_cancellations(cancel_list.CancelFilter(tab=CancelTab.ALL), limit=1)[0][0].reason
    by_reason = cancel_list.fetch_cancellations(cancel_list.CancelFilter(tab=CancelTab.ALL, search=reason), limit=10_000)[0]
    assert by_reason and all(reason in r.reason or reason in r.buyer_name for r in by_reason)
    assert len(by_reason) == cancel_list.count_cancellations(cancel_list.CancelFilter(search=reason))[CancelTab.ALL]
    monkeypatch.setattr(CancellationsPage, "SPEC", replace(CancellationsPage.SPEC, count_within=WITHIN))
    page = CancellationsPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    page.set_tab(CancelTab.ALL)
    type_search(qtbot, page, text)
    assert page.counting and all(label.endswith("(…)") for label in labels(page))
    qtbot.waitUntil(lambda: not page.counting, timeout=10000)
    assert page.counts == exact
    assert page.current_list().model.rowCount() == exact[CancelTab.ALL]


def test_the_reasons_are_read_from_their_own_index(db):
    """Migration 27 (SQLite): a search reads the requests' reasons from their index, not the
    requests' rows (half the time at 1,000,000 orders)."""
    sql = 'SELECT "id" FROM "cancellation_request" WHERE "reason" LIKE ?'
    plan = " ".join(r[3] for r in database.execute_sql("EXPLAIN QUERY PLAN " + sql, ("%瑕疵%",)).fetchall())
    assert "COVERING INDEX cancellation_request_reason" in plan


class Gate:
    """The counts taken off the UI thread held until the test lets them go (``open``), then
    taken, or failed with ``fail``."""

    def __init__(self):
        self.open = threading.Event()
        self.started = threading.Event()
        self.fail: BaseException | None = None


@pytest.fixture
def gated(monkeypatch):
    gate = Gate()
    real = queries.count_orders

    def count(f, *, within=None):
        if within is not None or threading.current_thread() is threading.main_thread():
            return real(f, within=within)
        gate.started.set()
        assert gate.open.wait(20)
        if gate.fail is not None:
            raise gate.fail
        return real(f)

    monkeypatch.setattr(OrdersPage, "SPEC", replace(OrdersPage.SPEC, count_within=WITHIN, count=count))
    return gate


def test_a_change_that_touches_no_tab_while_counting_does_not_drop_the_count(qtbot, session, big, gated):  # noqa: F811
    """A change of another page's statuses or of a method (here a carrier) forgets the counts
    without asking for them again: the count running meanwhile is still the one wanted, and
    its counts come (they were dropped: the labels said "(…)" for good)."""
    from app.services.op_changes import OpChanges

    text = broad(big)
    page = shown_page(qtbot, session)
    type_search(qtbot, page, text)
    assert page.counting and gated.started.wait(5)
    page.on_change(OpChanges.of_methods("carrier"))
    gated.open.set()
    qtbot.waitUntil(lambda: not page.counting, timeout=10000)
    exact = queries.count_orders(search(text))
    assert page.counts == exact and not any(label.endswith("(…)") for label in labels(page))
    lt = page.current_list()
    assert not lt.model.counting and lt.model.rowCount() == exact[OrderTab.ALL]


def test_a_count_that_fails_says_so_and_a_refresh_counts_again(qtbot, session, big, gated):  # noqa: F811
    """The server gone while the tabs were counted: the labels said "(…)" for good.  Now they
    say "?" where no count is known, why is in their tooltip and the status bar, the table
    still reads on as the clerk scrolls, and a refresh (F5) counts again."""
    from app.domain.errors import ServerUnavailableError

    text = broad(big)
    page = shown_page(qtbot, session)
    said: list[str] = []
    session.said.connect(said.append)
    lt = page.current_list()
    type_search(qtbot, page, text)
    assert gated.started.wait(5)
    gated.fail = ServerUnavailableError()
    gated.open.set()
    qtbot.waitUntil(lambda: not page.counting, timeout=10000)
    assert all(label.endswith("(?)") for label in labels(page)), labels(page)
    why = ServerUnavailableError().message()
    assert why in page.tabs.tabToolTip(0) and "F5" in page.tabs.tabToolTip(0)
    assert len(said) == 1 and why in said[0]
    assert lt.model.counting and lt.model.canFetchMore()  # the rows still read on
    page.update_counts()  # asked again meanwhile (a tab shown): not counted again on its own
    assert not page.counting and labels(page)[0].endswith("(?)")
    gated.fail = None
    page.refresh()  # F5
    qtbot.waitUntil(lambda: not page.counting, timeout=10000)
    exact = queries.count_orders(search(text))
    assert page.counts == exact and not page.tabs.tabToolTip(0)
    assert labels(page)[0].endswith(f"({exact[OrderTab.ALL]:,})")
    assert page.current_list().model.rowCount() == exact[OrderTab.ALL]


def test_a_page_closed_while_counting_stops_the_count(qtbot, session, big, monkeypatch):  # noqa: F811
    """The window closed (the old one, on switching databases) while the tabs are counted:
    the page goes at once, its count interrupted — its pool waited for the count to end —
    and the count's end reaches no page (no traceback)."""
    import shiboken6

    started = threading.Event()
    real = queries.count_orders

    def count(f, *, within=None):
        if within is not None or threading.current_thread() is threading.main_thread():
            return real(f, within=within)
        started.set()
        sql = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50000000) "
               "SELECT COUNT(*) FROM n")
        database.execute_sql(sql).fetchone()
        return real(f)

    monkeypatch.setattr(OrdersPage, "SPEC", replace(OrdersPage.SPEC, count_within=WITHIN, count=count))
    page = OrdersPage(session)
    page.show()
    qtbot.waitExposed(page)
    type_search(qtbot, page, broad(big))
    assert page.counting and started.wait(5)
    time.sleep(0.2)  # the statement running
    pool = page._count_pool
    t0 = time.monotonic()
    shiboken6.delete(page)
    assert time.monotonic() - t0 < 1.0, "the page waited for its count"
    assert not shiboken6.isValid(pool)
    qtbot.wait(200)  # the interrupted count's end delivered to no page


def test_ctrl_end_while_counting_goes_to_the_last_order(qtbot, session, big, small_within):  # noqa: F811
    """Ctrl+End on a tab still being counted went to the last row read so far (row 200 of
    5,000): the counts are taken first, as for a select-all, and it reaches the tab's last
    order.  A plain End (the row's last column) counts nothing."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    text = broad(big)
    exact = queries.count_orders(search(text))[OrderTab.ALL]
    page = shown_page(qtbot, session)
    lt = page.current_list()
    type_search(qtbot, page, text)
    lt.view.setFocus()
    lt.select_next([], 0)
    QTest.keyClick(lt.view, Qt.Key.Key_End)
    assert page.counting and lt.model.counting
    QTest.keyClick(lt.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert not page.counting and not lt.model.counting
    assert lt.view.currentIndex().row() == exact - 1 == lt.model.rowCount() - 1
    last = queries.fetch_orders(replace(search(text), descending=False), limit=1)[0][0]
    assert lt.model.row_at(lt.view.currentIndex().row()).id == last.id
    assert labels(page)[0].endswith(f"({exact:,})")


def test_a_select_all_whose_count_fails_says_so(qtbot, session, big, small_within, monkeypatch):  # noqa: F811
    """Ctrl+A stops the count off the UI thread and counts at once; when that count fails
    (the server gone) the labels said "(…)", their tooltip 'counting', for good, though
    nothing counted any more.  They now say "?" and why, as for a count that fails off it."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.domain.errors import ServerUnavailableError

    text = broad(big)
    page = shown_page(qtbot, session)
    lt = page.current_list()
    type_search(qtbot, page, text)
    assert page.counting

    def gone(_f, **_kw):
        raise ServerUnavailableError()

    monkeypatch.setattr(OrdersPage, "SPEC", replace(OrdersPage.SPEC, count=gone))
    lt.view.setFocus()
    with qtbot.capture_exceptions(), pytest.raises(ServerUnavailableError):  # for the window's error hook
        QTest.keyClick(lt.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert not page.counting
    assert all(label.endswith("(?)") for label in labels(page)), labels(page)
    assert ServerUnavailableError().message() in page.tabs.tabToolTip(0)


def test_set_count_keeps_the_selection_and_passes_qtmodeltester(qtbot, qtmodeltester, big):  # noqa: F811
    """The counts coming (``set_count``) to a larger size, a smaller one (a change came) and
    larger again: the rows selected that are still there stay selected, and the model stays
    sound throughout."""
    from PySide6.QtCore import QItemSelectionModel

    from app.views.order_columns import order_columns

    f = search(broad(big))
    exact = queries.count_orders(f)[OrderTab.ALL]
    model = PagedTableModel(order_columns({}), queries.ORDERS, f, page=50, cache_pages=4,
                            count=lambda _f: Counting(0))
    model.reload()
    selection = QItemSelectionModel(model)
    rows = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (10, 40):
        selection.select(model.index(row, 0), rows)
    qtmodeltester.check(model)
    model.set_count(exact)
    assert {i.row() for i in selection.selectedRows()} == {10, 40}
    qtmodeltester.check(model)
    model.set_count(30)
    assert {i.row() for i in selection.selectedRows()} == {10}
    qtmodeltester.check(model)
    model.set_count(exact)
    assert {i.row() for i in selection.selectedRows()} == {10} and model.rowCount() == exact
    qtmodeltester.check(model)
    last = queries.fetch_orders(replace(f, descending=False), limit=1)[0][0]
    assert model.row_at(exact - 1).id == last.id


def test_a_count_s_own_connection_is_closed_after_the_desk_switched_databases(db, tmp_path):
    """The old window's count, still running when the desk opens another database, closes the
    connection it opened (on the old database), not the new database's."""
    from app.models.db import connect, own_connection

    first = database.obj
    counting, switched = threading.Event(), threading.Event()
    seen = {}

    def count_in_old_window():
        with own_connection():
            seen["opened"] = not first.is_closed()
            counting.set()
            switched.wait(10)  # the count goes on while the desk switches
        seen["first_closed"] = first.is_closed()

    worker = threading.Thread(target=count_in_old_window)
    worker.start()
    assert counting.wait(10)
    second = connect(f"sqlite:///{tmp_path / 'other.db'}")  # the desk opens another database
    switched.set()
    worker.join()
    assert seen == {"opened": True, "first_closed": True}
    assert database.obj is second
    second.close()


def test_a_busy_shop_is_counted_again_after_a_rest_not_back_to_back(qtbot, session, big, small_within,  # noqa: F811
                                                                      monkeypatch):
    """Changes coming while a count runs off the UI thread (a busy shop: a change every 0.1 s
    for 1.2 s, each count 0.4 s): the next count starts once the desk has rested as long as the last one
    took, so a desk counts at most half the time; the tabs say they are being counted
    meanwhile, and once the changes stop the counts are exact."""
    from app.services import orders

    real = queries.count_orders
    spans: list[list[float]] = []

    def slow(f, *, within=None):
        if within is not None or threading.current_thread() is threading.main_thread():
            return real(f, within=within)
        spans.append([time.monotonic()])
        time.sleep(0.4)
        try:
            return real(f)
        finally:
            spans[-1].append(time.monotonic())

    monkeypatch.setattr(OrdersPage, "SPEC", replace(OrdersPage.SPEC, count=slow))
    text, page, live = counted_broad_search(qtbot, session, big)
    spans.clear()
    paid = [r.id for r in queries.fetch_orders(search(text, tab=OrderTab.PAID), limit=12)[0]]
    assert len(paid) == 12
    for oid in paid:  # another desk confirms a payment every 0.1 s
        orders.confirm_payment(oid, operator="店員乙")
        live.poll()
        assert page.counting
        qtbot.wait(100)
    qtbot.waitUntil(lambda: not page.counting, timeout=15000)
    assert len(spans) >= 2 and all(len(span) == 2 for span in spans)
    for (began, ended), (after, _) in pairwise(spans):
        assert after - ended >= 0.9 * (ended - began), spans  # rested as long as it counted
    assert page.counts == real(search(text))
