"""Another clerk's change shows up by itself, keeping this clerk's selection and scroll."""

from datetime import date

import pytest

from app.domain.inputs import PaymentNotice
from app.domain.tabs import OrderTab
from app.services import orders as svc
from app.services.op_changes import OpChanges


@pytest.fixture
def two_windows(clerk_window, shop, place):
    ids = [place(name=f"買家{i}") for i in range(30)]
    return [clerk_window(who, live_ms=200) for who in ("甲", "乙")], ids


def test_other_clerks_change_shows_within_two_seconds(qtbot, two_windows):
    (a, b), ids = two_windows
    for w in (a, b):
        w.orders_page.set_tab(OrderTab.UNPAID)
    tab_b = b.orders_page.current_list()
    tab_b.view.selectRow(5)
    keep = tab_b.selected_rows()[0].id
    # clerk 甲 records a payment notice through the service, as the window's button does
    target = a.orders_page.current_list().model.row_at(0)
    change = svc.record_payment_notice(target.id, PaymentNotice(date.today(), 820, "12345"), operator="甲")
    a.session.announce(OpChanges.of(change))
    qtbot.waitUntil(lambda: b.orders_page.tabs.tabText(2) == "已付款清單 (1)", timeout=2000)
    assert tab_b.model.rowCount() == 29
    assert [r.id for r in tab_b.selected_rows()] == [keep]


def test_no_refresh_under_an_open_dialog(qtbot, two_windows, monkeypatch):
    from PySide6.QtWidgets import QApplication, QDialog

    (a, b), ids = two_windows
    b.orders_page.set_tab(OrderTab.UNPAID)
    before = b.orders_page.tabs.tabText(1)
    dialog = QDialog(b)
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: dialog))
    svc.record_payment_notice(ids[0], PaymentNotice(date.today(), 820, "12345"), operator="甲")
    b.live.poll()
    assert b.orders_page.tabs.tabText(1) == before  # nothing moved under the dialog
    monkeypatch.setattr(QApplication, "activeModalWidget", staticmethod(lambda: None))
    b.live.poll()
    assert b.orders_page.tabs.tabText(1) == "未付款清單 (29)"


def test_own_change_does_not_swallow_another_desks(qtbot, two_windows):
    """Another desk confirms X, then this clerk records a notice for Y before the next tick:
    the tick still brings X into 等待出貨 (the counter moved by more than this clerk's change)."""
    (a, b), ids = two_windows
    x, y = ids[0], ids[1]
    svc.record_payment_notice(x, PaymentNotice(date.today(), 820, "12345"), operator="乙")
    a.live.poll()
    a.live.timer.stop()
    a.orders_page.set_tab(OrderTab.AWAITING_SHIPMENT)
    tab = a.orders_page.current_list()
    assert tab.model.row_of_id(x) < 0
    svc.confirm_payment(x, operator="乙")  # the other desk, not announced here
    own = svc.record_payment_notice(y, PaymentNotice(date.today(), 820, "54321"), operator="甲")
    a.session.announce(OpChanges.of(own))  # touches 未付款 / 已付款 only
    assert tab.model.row_of_id(x) < 0
    a.live.poll()
    assert tab.model.row_of_id(x) >= 0
