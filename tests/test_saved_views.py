"""Issue 17 item 4: filters by payment and shipping method, named saved views per desk, and
orders waiting too long in 已付款 / 等待出貨 / 缺貨 marked and sortable by the days waited."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor

from app.domain.inputs import PaymentNotice
from app.domain.tabs import OrderTab
from app.services import orders as svc
from app.services import queries, shop_clock
from app.views import settings_keys as keys
from app.views.orders_page import LATE_BACKGROUND, OrdersPage
from app.views.session import Session


def _orders(place, shop):
    """Five orders paid 1, 2, 5, 8 and 10 days ago, placed a week before (the wait counts from
    the payment, not the order): ATM by home delivery, but the 5-day one by card and the 8-day
    one by post.  They are placed in the reverse order of their waits."""
    now = datetime.utcnow().replace(microsecond=0)
    ids = {}
    for days in (1, 2, 5, 8, 10):
        kw = {"order_date": now - timedelta(days=7 + 20 - days, hours=1)}
        if days == 5:
            kw["payment"] = shop["card"]
        if days == 8:
            kw["shipping"] = shop["post"]
        oid = place(name=f"買家{days}", **kw)
        paid = now - timedelta(days=days)  # the local day exactly `days` before today, at any hour
        svc.record_payment_notice(oid, PaymentNotice(shop_clock.local_date(paid), 820, "12345"), operator="x",
                                  now=paid, today=shop_clock.today())
        ids[days] = oid
    return ids


def _column(lt, key):
    return [c.key for c in lt.model.columns].index(key)


def _names(lt):
    return [lt.model.row_at(r).buyer_name for r in range(lt.model.rowCount())]


def test_payment_and_shipping_filters_beside_the_store(qtbot, session, place, shop):
    _orders(place, shop)
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.set_tab(OrderTab.PAID)
    lt = page.current_list()
    assert lt.model.rowCount() == 5
    bar = page.filter_bar
    bar.payment.setCurrentIndex(bar.payment.findText("信用卡"))
    assert _names(lt) == ["買家5"]
    assert page.counts[OrderTab.PAID] == 1 and page.counts[OrderTab.UNPAID] == 0
    bar.payment.setCurrentIndex(0)
    bar.shipping.setCurrentIndex(bar.shipping.findText("郵寄"))
    assert _names(lt) == ["買家8"]
    assert "送貨方式：郵寄" in bar.describe()
    # The query the export uses filters the same way.
    assert [o.buyer_name for o in queries.order_query(page.base_filter())] == ["買家8"]


def test_late_orders_are_marked_and_sort_by_days_waited(qtbot, session, place, shop):
    ids = _orders(place, shop)
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.set_tab(OrderTab.PAID)
    lt = page.current_list()
    age = _column(lt, "age")
    m = lt.model
    by_name = {m.row_at(r).buyer_name: r for r in range(m.rowCount())}
    assert m.data(m.index(by_name["買家5"], age)) == "5 天"
    # Default 3 days: 5, 8 and 10 days are marked (the row's background and a tooltip).
    late = {n for n, r in by_name.items() if m.data(m.index(r, 0), Qt.ItemDataRole.BackgroundRole)}
    assert late == {"買家5", "買家8", "買家10"}
    assert m.data(m.index(by_name["買家5"], 0), Qt.ItemDataRole.BackgroundRole) == QColor(LATE_BACKGROUND)
    assert "超過 3 天" in m.data(m.index(by_name["買家10"], age), Qt.ItemDataRole.ToolTipRole)
    # The setting: 7 days, kept on the desk.
    page.wait_days.setValue(7)
    late = {n for n, r in by_name.items() if m.data(m.index(r, 0), Qt.ItemDataRole.BackgroundRole)}
    assert late == {"買家8", "買家10"}
    assert int(keys.WAIT_DAYS.read(session.settings)) == 7
    # Sorting by the days waited: the longest wait first, then back.
    lt.view.sortByColumn(age, Qt.SortOrder.DescendingOrder)
    assert _names(lt) == ["買家10", "買家8", "買家5", "買家2", "買家1"]
    lt.view.sortByColumn(age, Qt.SortOrder.AscendingOrder)
    assert _names(lt) == ["買家1", "買家2", "買家5", "買家8", "買家10"]
    # Keyset paging on the age sort: pages of 2 give every row once, in order.
    f = queries.OrderFilter(tab=OrderTab.PAID, sort="age", descending=True)
    rows, cursor = queries.fetch_orders(f, None, 2)
    while cursor is not None:
        more, cursor = queries.fetch_orders(f, cursor, 2)
        rows += more
    assert [r.id for r in rows] == [ids[d] for d in (10, 8, 5, 2, 1)]
    # Unpaid and completed orders wait on nobody: no age column there.
    assert "age" not in [c.key for c in page.tab_of[OrderTab.UNPAID].model.columns]


def test_a_named_view_saves_search_filters_and_sort_and_comes_back(qtbot, session, place, shop,
                                                                   prompts, tmp_path):
    _orders(place, shop)
    page = OrdersPage(session)
    qtbot.addWidget(page)
    page.set_tab(OrderTab.PAID)
    lt = page.current_list()
    bar = page.filter_bar
    bar.shipping.setCurrentIndex(bar.shipping.findText("宅配"))
    lt.view.sortByColumn(_column(lt, "age"), Qt.SortOrder.DescendingOrder)
    assert _names(lt) == ["買家10", "買家5", "買家2", "買家1"]
    prompts.answers[prompts.text_kind] = "宅配逾期"
    qtbot.mouseClick(page.saved_views.save_button, Qt.MouseButton.LeftButton)
    assert page.saved_views.box.currentText() == "宅配逾期"

    # Another day: everything cleared, then the view chosen again.
    bar.set_values({})
    lt.view.sortByColumn(_column(lt, "buyer_name"), Qt.SortOrder.AscendingOrder)
    assert len(_names(lt)) == 5
    box = page.saved_views.box
    box.setCurrentIndex(box.findText("宅配逾期"))
    box.activated.emit(box.currentIndex())
    assert _names(lt) == ["買家10", "買家5", "買家2", "買家1"]
    assert bar.shipping.currentText() == "宅配"

    # Kept per desk: a new page over the same settings file offers it; another desk does not.
    again = OrdersPage(session)
    qtbot.addWidget(again)
    assert again.saved_views.box.findText("宅配逾期") > 0
    other = Session(QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    elsewhere = OrdersPage(other)
    qtbot.addWidget(elsewhere)
    assert elsewhere.saved_views.box.findText("宅配逾期") < 0

    # Deleted.
    qtbot.mouseClick(page.saved_views.delete_button, Qt.MouseButton.LeftButton)
    assert page.saved_views.box.findText("宅配逾期") < 0
    assert "宅配逾期" not in keys.saved_views("orders").read(session.settings)


def test_a_new_method_joins_the_filter_and_the_choice_stays(qtbot, session, place, shop):
    from app.services import methods
    from app.services.op_changes import OpChanges

    page = OrdersPage(session)
    qtbot.addWidget(page)
    bar = page.filter_bar
    bar.payment.setCurrentIndex(bar.payment.findText("信用卡"))
    methods.add_payment_method(methods.PaymentMethodInput("LINE Pay"), operator="店員甲")
    session.announce(OpChanges.of_methods(methods.PAYMENT))
    assert bar.payment.findText("LINE Pay") > 0
    assert bar.payment.currentText() == "信用卡"
