"""Issue 11 items 1 and 3: a table that knows its size, and every sortable column on an index.

The scrollbar covers the whole tab from the start, Ctrl+End shows the last order, a refresh
far down runs a bounded number of queries, memory holds a bounded number of pages, and every
sortable column's statements (first page, next page, last page, the seek) read an index:
SQLite's EXPLAIN QUERY PLAN here, PostgreSQL's in tests/server/test_server_sort_plans.py.
Not timed: benchmarks/bench_tables.py measures."""

from __future__ import annotations

import contextlib

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.domain.tabs import CancelTab, OrderTab
from app.models.proxy import database
from app.services import cancel_list, queries
from app.services.demo import build_demo
from app.views.orders_page import OrdersPage
from app.views.paged_model import PagedTableModel

N = 5000


@contextlib.contextmanager
def statements():
    """Every SQL statement the database runs inside the block: [(sql, params)]."""
    db = database.obj
    seen: list[tuple[str, tuple]] = []
    original = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        seen.append((sql, tuple(params or ())))
        return original(sql, params, *args, **kwargs)

    db.execute_sql = execute_sql
    try:
        yield seen
    finally:
        del db.execute_sql


@pytest.fixture
def big(db):
    """A demo shop of 5,000 orders (its bulk path, statistics gathered as after a build)."""
    build_demo(N, bulk_threshold=1000)
    return N


def last_order_no(tab: OrderTab = OrderTab.ALL) -> str:
    """The last row of the tab sorted newest first: its oldest order."""
    f = queries.OrderFilter(tab=tab, descending=False)
    return queries.fetch_orders(f, limit=1)[0][0].order_no


def shown_page(qtbot, session) -> OrdersPage:
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    qtbot.waitExposed(page)
    return page


def settle(qtbot, model: PagedTableModel) -> None:
    """Let painting ask for its pages and the model read them."""
    for _ in range(5):
        QTest.qWait(1)
        qtbot.wait(5)
        if not model.pending:
            return


def test_the_scrollbar_covers_the_whole_tab_from_the_start(qtbot, session, big):
    page = shown_page(qtbot, session)
    lt = page.current_list()
    assert lt.model.rowCount() == N
    assert len(lt.model.loaded_rows()) == 200  # the first page only
    bar = lt.view.verticalScrollBar()
    bar.setValue(bar.maximum())  # dragged to the bottom
    settle(qtbot, lt.model)
    bottom = lt.view.rowAt(lt.view.viewport().height() - 1)
    assert bottom in (N - 1, -1)  # the last row is on screen (-1: it ends above the edge)
    last_row = lt.view.rowAt(lt.view.viewport().height() // 2)
    assert last_row > N - 40
    assert lt.model.index(N - 1, 0).data() == last_order_no()


def test_ctrl_end_shows_the_last_order_with_one_page_read(qtbot, session, big):
    page = shown_page(qtbot, session)
    lt = page.current_list()
    lt.view.setFocus()
    lt.view.setCurrentIndex(lt.model.index(0, 0))
    with statements() as seen:
        QTest.keyClick(lt.view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        settle(qtbot, lt.model)
    assert lt.view.currentIndex().row() == N - 1
    rect = lt.view.visualRect(lt.model.index(N - 1, 0))
    assert lt.view.viewport().rect().intersects(rect)  # on screen
    assert lt.model.index(N - 1, 0).data() == last_order_no()
    assert lt.model.row_at(lt.view.currentIndex().row()).order_no == last_order_no()
    reads = [sql for sql, _ in seen if 'FROM "order"' in sql]
    assert len(reads) == 1, reads  # the last page, by the sort reversed
    assert "OFFSET" not in reads[0]


def test_a_far_jump_reads_one_page_after_an_index_only_seek(qtbot, session, big):
    page = shown_page(qtbot, session)
    lt = page.current_list()
    middle = N // 2 + 7
    with statements() as seen:
        lt.view.scrollTo(lt.model.index(middle, 0), lt.view.ScrollHint.PositionAtTop)
        settle(qtbot, lt.model)
    expected = queries.fetch_orders(queries.OrderFilter(), limit=middle + 1)[0][-1]
    assert lt.model.index(middle, 0).data() == expected.order_no
    reads = [sql for sql, _ in seen if 'FROM "order"' in sql]
    assert len(reads) <= 4, reads  # at most two pages on screen, each a seek and a page
    seeks = [sql for sql in reads if "OFFSET" in sql]
    assert all('"t1"."order_no"' not in sql.split("FROM")[0] for sql in seeks), seeks  # keys only


@pytest.mark.parametrize("key", ["total", "buyer_phone", "ship_date", "payment_method"])
def test_a_jump_near_a_page_read_steps_from_it_not_from_an_end(qtbot, session, big, key):
    """The scrollbar dragged on from the middle of 訂單清單 sorted by a column no counter
    seeks by: each jump is stepped from the key of the nearest page already read (its
    ``OFFSET`` the rows between, not half the list), both ways, and shows the very rows the
    list has there."""
    page = shown_page(qtbot, session)
    lt = page.current_list()
    column = next(i for i, c in enumerate(lt.model.columns) if c.key == key)
    lt.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    settle(qtbot, lt.model)
    f = lt.model.filter
    every = [row.id for row, _ in queries.order_pager(f).forward(None, None)]
    for row in (N // 2, N // 2 + 1300, N // 2 + 1700, N // 2 - 900, N // 2 - 2100):
        with statements() as seen:
            lt.view.scrollTo(lt.model.index(row, 0), lt.view.ScrollHint.PositionAtTop)
            settle(qtbot, lt.model)
        offsets = [params[-1] for sql, params in seen if "OFFSET" in sql]
        if row != N // 2:  # from the pages read before: the rows between, at most
            assert offsets and max(offsets) <= 1300, (row, offsets)
        shown = [lt.model.row_at(i).id for i in range(row, row + 30)]
        assert shown == every[row:row + 30], row


def test_a_jump_past_the_rows_there_are_shows_no_other_rows(qtbot, session, big):
    """The count ran ahead of the rows (another desk took orders out of the tab since it was
    taken): a far jump to a place past the rows there are, from either end, shows nothing
    there — before, the list's first rows (its seek from the start found no row) or its last
    rows (from the end).  (The last page still shows the last rows: Ctrl+End.)"""
    page = shown_page(qtbot, session)
    lt = page.current_list()
    stale = 3 * N
    lt.model.set_count(stale)
    for row in (N + 600, stale // 2 + 300):
        lt.view.scrollTo(lt.model.index(row, 0), lt.view.ScrollHint.PositionAtTop)
        settle(qtbot, lt.model)
        assert not lt.model.index(row, 0).data(), row


def test_memory_stays_bounded_however_far_the_clerk_scrolls(qtbot, session, big):
    page = shown_page(qtbot, session)
    lt = page.current_list()
    for row in range(0, N, 150):
        lt.view.scrollTo(lt.model.index(row, 0), lt.view.ScrollHint.PositionAtTop)
        settle(qtbot, lt.model)
    assert len(lt.model.loaded_rows()) <= 16 * 200
    ids = [lt.model.row_at(i).id for i in range(N)]  # every row read at last, page by page
    assert len(set(ids)) == N


def scrolled_far(qtbot, lt) -> tuple[int, int, int]:
    """The tab scrolled 1,200 rows from its end, a row selected there: (the first row shown,
    the selected row's id, the scrollbar's value)."""
    far = N - 1200
    lt.view.scrollTo(lt.model.index(far, 0), lt.view.ScrollHint.PositionAtTop)
    settle(qtbot, lt.model)
    lt.view.selectRow(far + 3)
    return far, lt.selected_rows()[0].id, lt.view.verticalScrollBar().value()


def test_a_refresh_far_down_runs_a_bounded_number_of_queries(qtbot, session, big):
    page = shown_page(qtbot, session)
    lt = page.current_list()
    far, keep, scroll = scrolled_far(qtbot, lt)
    with statements() as seen:
        page.refresh()  # what a change from another desk does
        settle(qtbot, lt.model)
    assert len(seen) <= 12, [s for s, _ in seen]  # the counts and the pages on screen
    assert lt.view.verticalScrollBar().value() == scroll
    assert [r.id for r in lt.selected_rows()] == [keep]
    assert lt.model.index(far, 0).data()  # the rows on screen are there


def test_select_all_reads_the_rows_in_one_query(qtbot, session, big):
    page = shown_page(qtbot, session)
    lt = page.current_list()
    with statements() as seen:
        lt.view.selectAll()
        rows = lt.selected_rows()
    assert len(rows) == N and len({r.id for r in rows}) == N
    assert len([s for s, _ in seen if 'FROM "order"' in s]) <= 2  # the run, once (buttons and action share it)
    assert rows[-1].order_no == last_order_no()


def plan(sql: str, params) -> list[str]:
    return [row[-1] for row in database.obj.execute_sql("EXPLAIN QUERY PLAN " + sql, params).fetchall()]


def sortable_orders() -> list[tuple[OrderTab, str]]:
    """(tab, sort key) of every sortable column each order tab shows."""
    from app.views.order_columns import order_columns

    keys = [c.key for c in order_columns({}) if c.sortable]
    waiting = [t for t in OrderTab if t.statuses and t.statuses <= queries.WAITING_STATUSES]
    return [(t, k) for t in OrderTab for k in keys] + [(t, "age") for t in waiting]


def walk_statements(pager, count: int) -> list[tuple[str, tuple]]:
    """The statements of every way the model reads a page: the first, the next, the last, the
    one before it, and a far jump (the seek and its page)."""
    with statements() as seen:
        first = pager.forward(None, 200)
        if first:
            pager.forward(first[-1][1], 200)
        last = pager.backward(None, 200)
        if last:
            pager.backward(last[0][1], 200)
        key = pager.key_at(max(count // 2, 0))
        pager.forward(key, 200)
        pager.key_at(max(count // 3, 0), from_end=True)
    # Not the segments' sizes: counted, or read whole from the order counter (a row per store
    # and status: order_counters.DaySeek).
    return [(sql, params) for sql, params in seen
            if ("COUNT(" not in sql or "OFFSET" in sql) and "order_status_count" not in sql]


@pytest.mark.parametrize("descending", [True, False])
def test_every_sortable_order_column_reads_an_index_never_a_sort(big, descending):
    for tab, key in sortable_orders():
        f = queries.OrderFilter(tab=tab, sort=key, descending=descending)
        count = queries.count_orders(f)[tab]
        for sql, params in walk_statements(queries.order_pager(f), count):
            lines = plan(sql, params)
            assert not any("TEMP B-TREE" in line for line in lines), (tab, key, sql, lines)
            assert not any(line.startswith("SCAN") and "USING" not in line for line in lines), (
                tab, key, sql, lines)
            if "OFFSET" in sql:  # the seek reads the index alone
                assert any("COVERING INDEX" in line for line in lines), (tab, key, sql, lines)


def test_the_pages_follow_the_sort_in_both_directions(big):
    """Walking forward page by page, backward from the end, and seeking give the same order
    as one sorted query (the export's), for a segmented sort too (status, store, ship date)."""
    for key in ("order_date", "status", "store", "ship_date", "total", "buyer_name"):
        for descending in (True, False):
            f = queries.OrderFilter(tab=OrderTab.ALL, sort=key, descending=descending)
            whole = [r[0] for r in queries.order_query(f).tuples()]
            pager = queries.order_pager(f)
            forward, cursor = [], None
            while True:
                got = pager.forward(cursor, 700)
                forward += [r.id for r, _ in got]
                if len(got) < 700:
                    break
                cursor = got[-1][1]
            assert forward == whole, key
            backward, cursor = [], None
            while True:
                got = pager.backward(cursor, 900)
                backward = [r.id for r, _ in got] + backward
                if len(got) < 900:
                    break
                cursor = got[0][1]
            assert backward == whole, key
            for p in (0, 1, 1234, N - 2):
                assert pager.forward(pager.key_at(p), 1)[0][0].id == whole[p + 1], (key, p)
                assert pager.key_at(N - 1 - p, from_end=True) == pager.key_at(p), (key, p)


def test_cancellation_tabs_are_keyset_paged_on_an_index(big):
    from app.views.cancellations_page import cancel_columns, refund_columns

    keys = [c.key for c in cancel_columns() + refund_columns() if c.sortable]
    for tab in CancelTab:
        for key in keys:
            f = cancel_list.CancelFilter(tab=tab, sort=key)
            count = cancel_list.count_cancellations(f)[tab]
            pager = cancel_list.cancel_pager(f)
            for sql, params in walk_statements(pager, count):
                if "OFFSET" in sql:
                    continue  # the seek
                lines = plan(sql, params)
                # The tab's status index, or the table's own id order (a NULL segment's rows by id).
                assert any(" t1 USING" in line and ("INDEX" in line or "PRIMARY KEY" in line)
                           for line in lines) or (
                    tab is CancelTab.ALL or 'ORDER BY "t1"."id"' in sql), (tab, key, sql, lines)
            whole = [r[0] for r in cancel_list.cancel_query(f).tuples()]
            got = [r.id for r, _ in pager.forward(None, None)]
            assert got == whole, (tab, key)


def test_the_model_passes_qtmodeltester_with_pages_not_read(qtmodeltester, big):
    from app.views.order_columns import order_columns

    model = PagedTableModel(order_columns({}), queries.ORDERS, queries.OrderFilter(), page=50, cache_pages=4)
    model.reload()
    qtmodeltester.check(model)
    model.row_at(N - 1)
    qtmodeltester.check(model)
    assert len(model.loaded_rows()) <= 4 * 50


def test_a_bulk_action_on_a_whole_tab_reads_ids_first_and_rows_as_needed(qtbot, session, big):
    """Select-all on a large tab reads the ids and what decides the actions (status, cash on
    delivery) in one query; the preview's rows and each action's row are read by id."""
    from app.dialogs.bulk_dialogs import PREVIEW_ROWS, BulkPreviewDialog

    page = shown_page(qtbot, session)
    page.set_tab(OrderTab.COMPLETED)
    lt = page.current_list()
    n = lt.model.rowCount()
    assert n > 400
    with statements() as seen:
        lt.view.selectAll()
        rows = lt.selected_rows()
    assert len(rows) == n and len([s for s, _ in seen if 'FROM "order"' in s]) == 1
    assert all(r.status.value == "COMPLETED" for r in rows)
    whole = queries.fetch_orders(queries.OrderFilter(tab=OrderTab.COMPLETED), limit=n)[0]
    assert [r.id for r in rows] == [r.id for r in whole]
    dialog = BulkPreviewDialog("t", "t", "q", rows)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == min(n, PREVIEW_ROWS)
    assert dialog.table.item(0, 0).text() == whole[0].order_no
    assert rows[n - 1].version == whole[-1].version and rows[n - 1].order_no == whole[-1].order_no


def test_another_desks_change_far_down_reads_again_only_its_row(qtbot, session, big):
    """Issue 11 item 2: the history since the last id seen names the order another desk
    changed; 訂單清單 scrolled far down reads that row again by id (no page, no seek) and
    keeps the selection and position; a change of an order not in the cache reads no row."""
    from app.models.tables import Order
    from app.services import clerk_edits
    from app.views.live_refresh import LiveRefresh

    page = shown_page(qtbot, session)
    live = LiveRefresh(session)
    live.stop()  # the test drives the ticks
    lt = page.current_list()
    far, keep, scroll = scrolled_far(qtbot, lt)
    target = lt.model.row_at(far + 5)
    generation = lt.model.generation
    clerk_edits.add_note(target.id, "另一位店員的備註", operator="店員乙")  # another desk
    with statements() as seen:
        live.poll()
        settle(qtbot, lt.model)
    sql = [s for s, _ in seen]
    assert len(sql) <= 4, sql  # the token, the records since, the counts, the row by id
    assert not any("OFFSET" in s or "LIMIT 200" in s for s in sql), sql
    assert lt.model.row_at(far + 5).id == target.id
    assert lt.model.row_at(far + 5).note_count == target.note_count + 1
    assert lt.model.generation == generation  # the selection keeps its rows
    assert lt.view.verticalScrollBar().value() == scroll
    assert [r.id for r in lt.selected_rows()] == [keep]

    cached = set(lt.model.positions_of_ids())
    elsewhere = Order.select(Order.id).where(Order.id.not_in(list(cached))).order_by(Order.id).first().id
    clerk_edits.add_note(elsewhere, "不在畫面上", operator="店員乙")
    with statements() as seen:
        live.poll()
        settle(qtbot, lt.model)
    assert len(seen) <= 3, [s for s, _ in seen]  # no row of the tab read
    assert lt.model.generation == generation


def test_a_new_order_from_another_desk_reloads_the_rows_on_screen(qtbot, session, big):
    """A placed order moves every row of 訂單清單 down one: the rows on screen are read
    again (not updated in place), and the count grows."""
    from app.models.tables import PaymentMethod, ShippingMethod, Store
    from app.services.orders import Buyer, Item, place_order
    from app.views.live_refresh import LiveRefresh

    page = shown_page(qtbot, session)
    live = LiveRefresh(session)
    live.stop()
    lt = page.current_list()
    generation = lt.model.generation
    new = place_order(store_id=Store.select().first().id, buyer=Buyer("新來的", "0912345678", "a@example.com", "台北市"),
                      items=[Item("藍牙耳機", 1, 350)], payment_method_id=PaymentMethod.select().first().id,
                      shipping_method_id=ShippingMethod.select().first().id, operator="店員乙").order_id
    live.poll()
    settle(qtbot, lt.model)
    assert lt.model.rowCount() == N + 1
    assert lt.model.generation > generation
    assert lt.model.row_at(0).id == new


def test_a_select_all_shows_the_status_another_desk_gave_an_order_far_from_the_screen(qtbot, session, big):
    """Ctrl+A on 訂單清單 keeps the thin rows it read; another desk pays an order that is not
    in the page cache: after the poll the selection's row carries the new status (the
    actions' buttons are decided on it), read again by id alone — the selection's other
    rows are not read again (a select-all of a million orders took 3 s on PostgreSQL for
    each change another desk made)."""
    from datetime import date

    from app.domain.inputs import PaymentNotice
    from app.models.tables import Order
    from app.services import orders as svc
    from app.views.live_refresh import LiveRefresh

    page = shown_page(qtbot, session)
    live = LiveRefresh(session)
    live.stop()
    lt = page.current_list()
    lt.view.setFocus()
    QTest.keyClick(lt.view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    rows = lt.selected_rows()
    assert len(rows) == N
    cached = set(lt.model.positions_of_ids())
    unpaid = (Order.select(Order.id).where(Order.status == "UNPAID", Order.id.not_in(list(cached)))
              .order_by(Order.id).first().id)
    assert next(r for r in rows if r.id == unpaid).status.value == "UNPAID"
    svc.record_payment_notice(unpaid, PaymentNotice(date.today(), 820, "12345"), operator="店員乙")
    with statements() as seen:
        live.poll()
        again = lt.selected_rows()
    assert again is rows  # kept, not read again
    assert next(r for r in again if r.id == unpaid).status.value == "PAID"
    # The token, the records since, the counts, and the one row's thin values by id.
    orders = [s for s, _ in seen if 'FROM "order" ' in s]
    assert len(seen) <= 4 and len(orders) == 1, [s for s, _ in seen]
    assert orders[0].endswith('WHERE ("t1"."id" IN (?))'), orders
    # Its whole row, when asked, is the one read now.
    assert next(r for r in again if r.id == unpaid).version == Order.get_by_id(unpaid).version


def test_a_move_that_keeps_the_count_but_moves_the_row_reloads_the_rows(qtbot, session, big):
    """訂單清單 sorted by status: another desk's confirmation keeps the tab's count but moves
    the order from 已付款 to 等待出貨 in the sort: the rows are read again, the order is in
    its new place."""
    from app.models.tables import Order
    from app.services import orders as svc
    from app.views.live_refresh import LiveRefresh

    page = shown_page(qtbot, session)
    live = LiveRefresh(session)
    live.stop()
    lt = page.current_list()
    column = next(i for i, c in enumerate(lt.model.columns) if c.key == "status")
    lt.view.sortByColumn(column, Qt.SortOrder.AscendingOrder)
    settle(qtbot, lt.model)
    first_paid = queries.count_orders(lt.model.filter)[OrderTab.UNPAID]  # the lifecycle's order
    lt.view.scrollTo(lt.model.index(first_paid, 0), lt.view.ScrollHint.PositionAtTop)
    settle(qtbot, lt.model)
    target = lt.model.row_at(first_paid)
    assert target.status.value == "PAID"
    svc.confirm_payment(target.id, operator="店員乙")
    live.poll()
    settle(qtbot, lt.model)
    assert lt.model.rowCount() == N
    assert lt.model.row_at(first_paid).id != target.id  # it left its place on screen
    assert lt.model.row_at(first_paid).status.value == "PAID"
    assert Order.get_by_id(target.id).status == "AWAITING_SHIPMENT"


def test_a_large_selection_reads_again_only_the_rows_named(qtbot, session, big):
    """``LazyRows.refresh``: the rows of the ids given that are in the selection have their
    thin values read again in one statement and their whole rows forgotten (read again when
    asked); ids not in it are ignored; a hundred or more are found in one pass."""
    from app.models.tables import Order

    page = shown_page(qtbot, session)
    lt = page.current_list()
    lt.view.selectAll()
    rows = lt.selected_rows()
    assert len(rows) == N
    picked = [rows[i].id for i in range(0, N, 25)]  # 200: the one-pass way
    _ = rows[25].order_no  # a whole row read (its chunk)
    outside = Order.select(Order.id).order_by(Order.id.desc()).first().id + 10
    with statements() as seen:
        assert rows.refresh([*picked, outside]) == len(picked)
    assert len(seen) == 1 and seen[0][0].count("?") == len(picked)
    assert [r.id for r in rows][::25] == picked and rows[25].id == picked[1]
    assert rows[25].order_no == Order.get_by_id(picked[1]).order_no  # read again, whole
    with statements() as seen:
        assert rows.refresh([outside]) == 0
    assert seen == []


def test_rows_that_cannot_be_updated_in_place_reload_with_the_counts_taken_once(qtbot, session, big, monkeypatch):
    """When the tab's count says rows came or went after all (``update_rows`` refuses), the
    rows on screen are read again with the counts just taken for the update in place: the
    tabs are counted once per change, not twice."""
    from app.services import clerk_edits
    from app.views.live_refresh import LiveRefresh

    page = shown_page(qtbot, session)
    live = LiveRefresh(session)
    live.stop()
    lt = page.current_list()
    target = lt.model.row_at(3)
    monkeypatch.setattr(lt.model, "update_rows", lambda ids, count: False)
    clerk_edits.add_note(target.id, "另一位店員的備註", operator="店員乙")
    with statements() as seen:
        live.poll()
        settle(qtbot, lt.model)
    counts = [s for s, _ in seen if "order_status_count" in s]
    assert len(counts) == 1, [s for s, _ in seen]
    assert lt.model.row_at(3).note_count == target.note_count + 1  # read again, reloaded


def test_a_status_leads_only_segments_its_index_serves_whole():
    """``keyset.led_by`` (PostgreSQL's lists, ``queries._steered``) steers a segment only when
    the (status, [NULL column], keys) index serves it alone: the sort by store (a store held
    to one value too), a sort by another table's column (the cancellation list by the order's
    number) or by an expression, and no segments at all, are left as they are; a status tab's
    rows by date, and the NULL ship dates by id, are steered."""
    import peewee as pw

    from app.models.tables import CancellationRequest as CR
    from app.models.tables import Order
    from app.services import keyset

    orders, requests = keyset.indexed_columns(Order), keyset.indexed_columns(CR)
    by_date = keyset.Segment((Order.status == "PAID",), (Order.order_date, Order.id))
    steered = keyset.led_by(Order.status, [by_date], None, orders)
    assert steered is not None and steered[0].lead == (Order.status,)
    (where,) = steered[0].where
    assert where.op == "BETWEEN"
    nulls = keyset.Segment((Order.ship_date.is_null(),), (Order.id,))
    assert keyset.led_by(Order.status, [nulls], "PAID", orders)[0].lead == (Order.status, Order.ship_date)
    by_store = keyset.Segment((Order.store == 1, Order.status == "PAID"), (Order.order_date, Order.id))
    assert keyset.led_by(Order.status, [by_store], None, orders) is None
    assert keyset.led_by(Order.status, [by_date, by_store], None, orders) is None
    by_order_no = keyset.Segment((), (Order.order_no, CR.id))
    assert keyset.led_by(CR.status, [by_order_no], "COMPLETED", requests) is None
    by_expr = keyset.Segment((), (pw.fn.COALESCE(CR.returned_at, CR.closed_at), CR.id))
    assert keyset.led_by(CR.status, [by_expr], "COMPLETED", requests) is None
    assert keyset.led_by(Order.status, [], "PAID", orders) is None
