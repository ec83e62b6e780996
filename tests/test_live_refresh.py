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


def test_another_desks_change_reloads_only_the_tabs_it_touched(qtbot, two_windows):
    """Issue 11 item 2: the history since the last id seen says which tabs changed.  A change
    that leaves the visible tab alone re-counts the labels and reads no row of it; one that
    touches it reloads it."""
    (a, b), ids = two_windows
    svc.record_payment_notice(ids[0], PaymentNotice(date.today(), 820, "12345"), operator="甲")
    b.live.poll()
    b.live.timer.stop()  # the test drives the ticks
    b.orders_page.set_tab(OrderTab.UNPAID)
    tab = b.orders_page.current_list()
    generation = tab.model.generation
    svc.confirm_payment(ids[0], operator="甲")  # 已付款 → 等待出貨: not 未付款's
    heard = []
    b.session.changed.connect(heard.append)
    b.live.poll()
    (change,) = heard
    assert change.order_statuses == {"PAID", "AWAITING_SHIPMENT"} and not change.everything
    assert tab.model.generation == generation  # 未付款清單 was not read again
    assert b.orders_page.tabs.tabText(2) == "已付款清單 (0)"
    assert b.orders_page.tabs.tabText(3) == "等待出貨 (1)"
    svc.record_payment_notice(ids[1], PaymentNotice(date.today(), 820, "12345"), operator="甲")
    b.live.poll()
    assert tab.model.generation == generation + 1
    assert tab.model.row_of_id(ids[1]) < 0 and tab.model.rowCount() == 28


def test_the_history_since_the_last_look_names_what_changed(shop, place):
    from app.services import changes

    ids = [place(name=f"買家{i}") for i in range(3)]
    seen = changes.Seen()
    seen.start()
    assert seen.look(changes.change_token()) is None  # nothing since
    done = svc.record_payment_notice(ids[0], PaymentNotice(date.today(), 820, "12345"), operator="甲")
    change = seen.look(changes.change_token())
    assert change.order_statuses == {"UNPAID", "PAID"} and not change.cancel_statuses
    assert change.history_ids == tuple(done.history_ids) and not change.everything
    assert change.order_ids == {ids[0]} and change.moved == {"UNPAID", "PAID"} and not change.placed
    assert seen.look(changes.change_token()) is None  # each record is told once
    from app.services import clerk_edits

    clerk_edits.add_note(ids[1], "備註", operator="乙")  # a record that keeps its status
    change = seen.look(changes.change_token())
    assert change.order_ids == {ids[1]} and not change.moved and not change.placed
    new = place(name="新")
    change = seen.look(changes.change_token())
    assert change.order_ids == {new} and change.placed and change.moved == {"UNPAID"}
    for i in range(changes.MANY + 1):  # more than MANY records at once: everything reloads
        place(name=f"新{i}")
    assert seen.look(changes.change_token()).everything
    assert seen.look(changes.change_token()) is None
