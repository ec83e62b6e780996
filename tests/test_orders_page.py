"""The 訂單管理 page driven like a person: tabs, counts, search, sort, filters, detail."""

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from app.domain.inputs import PaymentNotice, ShipInput
from app.domain.tabs import OrderTab
from app.models.tables import Order
from app.services import orders as svc
from app.services.op_changes import OpChanges
from app.views.orders_page import OrdersPage
from app.views.paged_model import PagedTableModel


@pytest.fixture
def filled(place, shop):
    """12 orders: 4 unpaid, 4 paid, 2 awaiting shipment, 2 completed."""
    base = datetime(2026, 10, 1, 2, 0)
    ids = []
    for i in range(12):
        when = base + timedelta(days=i)
        oid = place(name=f"買家{i:02d}", phone=f"09110000{i:02d}", order_date=when)
        ids.append(oid)
        if i >= 4:
            svc.record_payment_notice(oid, PaymentNotice(when.date(), 820, "12345"), operator="x",
                                      now=when + timedelta(hours=1))
        if i >= 8:
            svc.confirm_payment(oid, operator="x", now=when + timedelta(hours=2))
        if i >= 10:
            svc.ship(oid, ShipInput(when.date(), "黑貓", f"T{i}"), operator="x", now=when + timedelta(hours=3))
    return ids


def texts(tab, column):
    m = tab.model
    return [m.data(m.index(r, column)) for r in range(m.rowCount())]


def test_tabs_show_counts_and_rows(qtbot, session, filled):
    page = OrdersPage(session)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == ["訂單清單 (12)", "未付款清單 (4)", "已付款清單 (4)", "等待出貨 (2)",
                      "配送中／待取貨 (0)", "缺貨訂單 (0)", "已完成訂單 (2)"]
    # counts equal SELECT COUNT(*) per status
    for tab, n in page.counts.items():
        q = Order.select()
        if tab.statuses is not None:
            q = q.where(Order.status.in_([s.value for s in tab.statuses]))
        assert q.count() == n
    page.tabs.setCurrentIndex(6)  # click the 已完成訂單 tab
    done = page.tab_of[OrderTab.COMPLETED]
    assert done.model.rowCount() == 2
    assert set(texts(done, 2)) == {"已完成"}
    assert texts(done, 3)[0] == "2026-10-12"  # ship date column, newest first


def test_search_by_name_phone_and_order_number(qtbot, session, filled, monkeypatch):
    page = OrdersPage(session)
    qtbot.addWidget(page)
    opened = []
    monkeypatch.setattr(page, "open_detail", lambda row: opened.append(row.id))
    all_tab = page.tab_of[OrderTab.ALL]
    page.filter_bar.search.insert("買家03")  # QTest can't type non-ASCII; insert() is what an IME does
    qtbot.waitUntil(lambda: all_tab.model.rowCount() == 1, timeout=2000)
    assert texts(all_tab, 6) == ["買家03"]
    assert page.tabs.tabText(1) == "未付款清單 (1)"
    page.filter_bar.search.clear()
    qtbot.keyClicks(page.filter_bar.search, "0911000011")
    qtbot.waitUntil(lambda: texts(all_tab, 6) == ["買家11"], timeout=2000)
    no = Order.get_by_id(filled[5]).order_no
    page.filter_bar.search.clear()
    qtbot.keyClicks(page.filter_bar.search, no)
    qtbot.keyClick(page.filter_bar.search, Qt.Key.Key_Return)
    assert texts(all_tab, 0) == [no]
    assert opened == [filled[5]]  # Enter on a single hit opens it (issue 17)


def test_sort_by_clicking_header(qtbot, session, filled):
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.show()
    tab = page.tab_of[OrderTab.ALL]
    header = tab.view.horizontalHeader()
    x = header.sectionViewportPosition(6) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=header.rect().center().__class__(x, 5))
    names = texts(tab, 6)
    assert names == sorted(names) or names == sorted(names, reverse=True)
    assert tab.model.filter.sort == "buyer_name"


def test_store_and_date_filters(qtbot, session, filled, shop):
    from app.models.tables import Store

    Store.create(name="第二家")
    page = OrdersPage(session)
    qtbot.addWidget(page)
    tab = page.tab_of[OrderTab.ALL]
    page.filter_bar.store.setCurrentIndex(2)  # 第二家: no orders
    assert tab.model.rowCount() == 0 and page.counts[OrderTab.ALL] == 0
    page.filter_bar.store.setCurrentIndex(1)
    assert tab.model.rowCount() == 12
    from PySide6.QtCore import QDate

    page.filter_bar.date_from.setDate(QDate(2026, 10, 3))
    page.filter_bar.date_to.setDate(QDate(2026, 10, 5))
    page.filter_bar.use_dates.setChecked(True)
    assert tab.model.rowCount() == 3


def test_the_date_fields_end_at_the_shops_last_day(qtbot, session, filled):
    """Qt's last day, 9999-12-31, typed as 至 made the list's day after it overflow (an
    ``OverflowError`` in the filter): the fields stop at 9998-12-31 and at 1970-01-01."""
    from PySide6.QtCore import QDate

    page = OrdersPage(session)
    qtbot.addWidget(page)
    bar = page.filter_bar
    assert bar.date_to.maximumDate() == QDate(9998, 12, 31) == bar.date_from.maximumDate()
    assert bar.date_from.minimumDate() == QDate(1970, 1, 1)
    bar.use_dates.setChecked(True)
    bar.date_from.setDate(QDate(1970, 1, 1))
    bar.date_to.setFocus()
    bar.date_to.setCurrentSection(bar.date_to.sectionAt(0))  # the year
    qtbot.keyClicks(bar.date_to, "9999")
    qtbot.keyClick(bar.date_to, Qt.Key_Return)
    assert bar.date_to.date() <= QDate(9998, 12, 31)
    bar.date_to.setDate(QDate(9998, 12, 31))
    assert page.tab_of[OrderTab.ALL].model.rowCount() == page.counts[OrderTab.ALL] > 0


def test_paging_fetches_on_demand(qtbot, session, place):
    """Issue 11: the table is the tab's size from the start (the scrollbar covers it all), and
    only the pages looked at are read, each page once."""
    for i in range(450):
        place(name=f"b{i}", order_date=datetime(2026, 9, 1) + timedelta(minutes=i))
    page = OrdersPage(session)
    qtbot.addWidget(page)
    tab = page.tab_of[OrderTab.ALL]
    assert tab.model.rowCount() == 450
    assert not tab.model.canFetchMore()
    assert len(tab.model.loaded_rows()) == 200  # the first page only
    assert tab.model.row_at(449).buyer_name == "b0"  # the oldest, last: read from the end
    assert tab.model.row_at(200).buyer_name == "b249"
    ids = [r.id for r in tab.model.loaded_rows()]
    assert len(ids) == 450 and len(set(ids)) == 450


def test_detail_opens_on_query_button_double_click_and_enter(qtbot, session, filled, monkeypatch):
    from app.views import order_detail

    opened = []
    monkeypatch.setattr(order_detail.OrderDetailDialog, "exec", lambda self: opened.append(self) or 0)
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.show()
    page.set_tab(OrderTab.COMPLETED)
    tab = page.current_list()
    from PySide6.QtWidgets import QPushButton

    button = tab.findChild(QPushButton, "button_view")
    assert not button.isEnabled()
    tab.view.selectRow(0)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = opened[-1]
    d = dialog.detail
    assert d.status == "COMPLETED" and d.carrier == "黑貓"
    from PySide6.QtWidgets import QGroupBox

    blocks = {g.objectName(): g.title() for g in dialog.findChildren(QGroupBox)}
    assert blocks == {"block_items": "購買物品內容", "block_order": "訂單明細",
                      "block_buyer": "訂購人資訊", "block_history": "訂單歷程",
                      "block_other_orders": "此訂購人的其他訂單（同電話或電子郵件）"}
    hist = dialog.view.history_table
    assert hist.rowCount() == 4
    assert hist.item(3, 1).text() == "出貨" and "黑貓" in hist.item(3, 5).text()
    # double-click and Enter open it too
    rect = tab.view.visualRect(tab.model.index(1, 0))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(opened) == 2
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_Return)
    assert len(opened) == 3


def test_order_model_passes_qtmodeltester(qtmodeltester, session, filled):
    from app.services import queries
    from app.views.order_columns import order_columns

    model = PagedTableModel(order_columns({}), queries.ORDERS, queries.OrderFilter(), page=5)
    model.reload()
    qtmodeltester.check(model)
    model.fetchMore()
    qtmodeltester.check(model)


def test_change_reloads_touched_tab_keeping_selection(qtbot, session, filled):
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.set_tab(OrderTab.UNPAID)
    tab = page.current_list()
    tab.view.selectRow(2)
    keep = tab.selected_rows()[0].id
    first = tab.model.row_at(0)
    change = svc.record_payment_notice(first.id, PaymentNotice(first.order_date.date(), 820, "54321"),
                                       operator="乙")
    session.announce(OpChanges.of(change))
    assert tab.model.rowCount() == 3
    assert [r.id for r in tab.selected_rows()] == [keep]
    assert page.tabs.tabText(2) == "已付款清單 (5)"


def _reads_of_orders(monkeypatch):
    """Every statement run from now on that reads the rows of the order lists: (sql, params)."""
    from app.models.db import database

    seen: list[tuple[str, tuple]] = []
    run = database.obj.execute_sql

    def spy(sql, params=None, *args, **kwargs):
        if sql.lstrip().upper().startswith("SELECT") and 'FROM "order"' in sql and "LIMIT" in sql.upper():
            seen.append((sql, tuple(params or ())))
        return run(sql, params, *args, **kwargs)

    monkeypatch.setattr(database.obj, "execute_sql", spy)
    return seen


def test_a_tab_not_shown_is_built_and_read_when_first_shown(qtbot, session, filled, monkeypatch):
    """Issue 11, item 8: the page builds the table of the tab it shows; another tab's table,
    model and rows come when the tab is first shown — its count is in its label at once."""
    from app.views.list_tab import ListTab

    reads = _reads_of_orders(monkeypatch)
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    assert [lt.objectName() for lt in page.findChildren(ListTab)] == ["tab_all"]
    assert len(page.findChildren(PagedTableModel)) == 1
    assert reads and not any("PAID" in params for _sql, params in reads)  # only 訂單清單's rows
    assert page.tabs.tabText(2) == "已付款清單 (4)"
    reads.clear()
    page.tabs.setCurrentIndex(2)  # the clerk clicks 已付款清單
    paid = page.findChild(ListTab, "tab_paid")
    assert paid is page.tab_of[OrderTab.PAID] and paid.isVisible()
    assert paid.model.is_loaded and paid.model.rowCount() == 4
    assert reads and all("PAID" in params for _sql, params in reads)
    assert {b.objectName() for b in paid.findChildren(QPushButton)} >= {
        "button_view", "button_confirm_payment", "button_export"}  # its row actions too
    assert [lt.objectName() for lt in page.findChildren(ListTab)] == ["tab_all", "tab_paid"]


def test_a_tab_built_later_sorts_and_takes_focus_like_one_built_with_the_page(qtbot, session, filled):
    """A saved view's sort and the filters set before a tab is first shown apply to it when
    it is; Tab from its last button goes where it goes from the first tab's."""
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.saved_views.apply({"sort": "order_no", "descending": False, "filters": {"search": "買家0"}})
    qtbot.waitUntil(lambda: page.current_list().model.filter.search == "買家0", timeout=3000)
    page.tabs.setCurrentIndex(2)
    paid = page.tab_of[OrderTab.PAID]
    assert (paid.model.filter.sort, paid.model.filter.descending, paid.model.filter.search) == (
        "order_no", False, "買家0")
    assert paid.model.rowCount() == 4
    header = paid.view.horizontalHeader()
    assert paid.model.columns[header.sortIndicatorSection()].key == "order_no"
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    assert [paid.model.index(r, 0).data() for r in range(paid.model.rowCount())] == sorted(
        paid.model.index(r, 0).data() for r in range(paid.model.rowCount()))

    def after(lt):
        last = lt.view
        for w in lt.findChildren(QWidget):
            if w.isVisible() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                last = w
        nxt = last.nextInFocusChain()
        while not (nxt.isVisible() and nxt.focusPolicy() & Qt.FocusPolicy.TabFocus):
            nxt = nxt.nextInFocusChain()
        return nxt

    assert after(paid) is page.saved_views.box
    page.tabs.setCurrentIndex(0)
    assert after(page.tab_of[OrderTab.ALL]) is page.saved_views.box
    assert paid.view.focusPolicy() == page.tab_of[OrderTab.ALL].view.focusPolicy() == Qt.FocusPolicy.StrongFocus
