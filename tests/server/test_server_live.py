"""On a shared server: other clerks' changes show up by themselves; a connection killed
mid-session comes back by itself; a server away is reported, leaves nothing half-done, and
comes back by itself."""

from __future__ import annotations

from datetime import date

import pytest
from server_db import _admin_connection, refuse_connections

from app.domain.errors import ServerUnavailableError
from app.domain.inputs import PaymentNotice
from app.domain.tabs import OrderTab
from app.models.tables import Order, StatusHistory
from app.services import orders as svc
from app.services.op_changes import OpChanges
from app.views import error_hook
from app.views.prompts import Kind


def _kill_our_connection(server_kind, server_db) -> None:
    """Terminate OrderDesk's own session from an administrator's connection."""
    if server_kind == "pg":
        pid = server_db.execute_sql("SELECT pg_backend_pid()").fetchone()[0]
        sql = f"SELECT pg_terminate_backend({int(pid)})"
    else:
        pid = server_db.execute_sql("SELECT CONNECTION_ID()").fetchone()[0]
        sql = f"KILL {int(pid)}"
    admin = _admin_connection(server_kind, server_db.server_url)
    try:
        with admin.cursor() as cur:
            cur.execute(sql)
    finally:
        admin.close()


def test_another_clerks_change_shows_within_two_seconds(qtbot, clerk_window, server_kind, shop, place):
    ids = [place(name=f"買家{i}") for i in range(5)]
    a = clerk_window("甲", live_ms=200)
    b = clerk_window("乙", live_ms=200)
    b.orders_page.set_tab(OrderTab.UNPAID)
    tab_b = b.orders_page.current_list()
    tab_b.view.selectRow(3)
    keep = tab_b.selected_rows()[0].id
    target = next(i for i in ids if i != keep)
    change = svc.record_payment_notice(target, PaymentNotice(date.today(), 820, "12345"), operator="甲")
    a.session.announce(OpChanges.of(change))
    qtbot.waitUntil(lambda: tab_b.model.rowCount() == 4, timeout=2000)
    assert b.orders_page.tabs.tabText(2) == "已付款清單 (1)"
    assert [r.id for r in tab_b.selected_rows()] == [keep]


def test_connection_killed_mid_session(qtbot, clerk_window, server_kind, server_db, shop, place, prompts):
    oid = place()
    svc.record_payment_notice(oid, PaymentNotice(date.today(), 820, "12345"), operator="x")
    w = clerk_window("甲", live_ms=200)
    w.live.timer.stop()  # the test drives the ticks
    _kill_our_connection(server_kind, server_db)
    svc.confirm_payment(oid, operator="甲")  # reconnected by itself (issue 15, item 3)
    assert Order.get_by_id(oid).status == "AWAITING_SHIPMENT"
    assert not w.live.lost


def test_server_away_mid_session(qtbot, clerk_window, server_kind, server_db, shop, place, prompts,
                                 monkeypatch):
    oid = place()
    svc.record_payment_notice(oid, PaymentNotice(date.today(), 820, "12345"), operator="x")
    w = clerk_window("甲", live_ms=200)
    w.live.timer.stop()  # the test drives the ticks
    history_before = StatusHistory.select().where(StatusHistory.order == oid).count()
    shown = []
    prompts.answers[Kind.WARNING] = lambda parent, prompt: shown.append(prompt.text)

    _kill_our_connection(server_kind, server_db)
    refuse_connections(monkeypatch, server_db, server_kind)  # and the server is away
    with pytest.raises(ServerUnavailableError) as caught:
        svc.confirm_payment(oid, operator="甲")
    error_hook.handle_exception(w, caught.value)
    assert shown and "沒有完成" in shown[0]
    assert w.live.lost
    assert w.connection_label.text() == "與資料庫的連線中斷，正在重試…"

    monkeypatch.undo()  # the server is back
    w.live.poll()  # the next tick reconnects
    assert not w.live.lost
    assert w.connection_label.text() == "已重新連線"
    order = Order.get_by_id(oid)
    assert order.status == "PAID" and order.version == 2  # nothing half-done
    assert StatusHistory.select().where(StatusHistory.order == oid).count() == history_before
    # and work resumes
    svc.confirm_payment(oid, operator="甲")
    assert Order.get_by_id(oid).status == "AWAITING_SHIPMENT"


def test_poll_notices_a_lost_connection_by_itself(qtbot, clerk_window, server_kind, server_db, shop,
                                                 monkeypatch):
    w = clerk_window("甲", live_ms=200)
    w.live.timer.stop()
    _kill_our_connection(server_kind, server_db)
    w.live.poll()
    assert not w.live.lost  # reconnected by itself
    _kill_our_connection(server_kind, server_db)
    refuse_connections(monkeypatch, server_db, server_kind)
    w.live.poll()
    assert w.live.lost and "中斷" in w.connection_label.text()
    monkeypatch.undo()
    w.live.poll()
    assert not w.live.lost


def test_postgresql_notifies_without_polling(qtbot, clerk_window, server_kind, shop, place):
    """With the polling timer stopped, LISTEN/NOTIFY alone brings the change (PostgreSQL)."""
    if server_kind != "pg":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; MariaDB polls the change counter")
    oid = place()
    b = clerk_window("乙", live_ms=200)
    assert b.live.listener is not None
    b.live.timer.stop()
    b.orders_page.set_tab(OrderTab.UNPAID)
    svc.record_payment_notice(oid, PaymentNotice(date.today(), 820, "12345"), operator="甲")
    qtbot.waitUntil(lambda: b.orders_page.tabs.tabText(2) == "已付款清單 (1)", timeout=2000)
    assert b.orders_page.current_list().model.rowCount() == 0


def test_a_late_commit_of_a_lower_id_is_noticed(qtbot, clerk_window, server_kind, server_db, shop, place):
    """Desk 1 takes a history id and commits late; desk 2 takes a higher id and commits first.
    The polling window (LISTEN switched off) still notices desk 1's commit."""
    oid, other = place(), place(name="另一位")
    w = clerk_window("甲", live_ms=200)
    w.live.timer.stop()
    w.live._unlisten()
    w.live._wants_listener = False
    late = _admin_connection(server_kind, server_db.server_url)
    try:
        if server_kind == "pg":
            late.autocommit = False
        else:
            late.autocommit(False)
        quote = '"' if server_kind == "pg" else "`"
        with late.cursor() as cur:
            cur.execute(
                f"INSERT INTO {quote}status_history{quote} (order_id, machine, from_status, to_status, action, "
                "operator, at, input) VALUES (%s, 'order', NULL, 'UNPAID', 'PLACE', '甲', '2026-11-26 00:00:00', '{}')",
                (oid,))
        # desk 2 acts (on another order: desk 1's insert holds a key lock on its own) and
        # commits first, with a higher id
        svc.record_payment_notice(other, PaymentNotice(date.today(), 820, "12345"), operator="乙")
        w.live.poll()
        seen = w.live.seen.token
        late.commit()  # desk 1's lower id becomes visible now
    finally:
        late.close()
    heard = []
    w.session.changed.connect(heard.append)
    w.live.poll()
    assert w.live.seen.token != seen
    assert w.live.seen.token[0] == seen[0]  # the maximum did not move: only the window's count did
    # the late record itself was read: its order's tab (未付款) is what reloads
    (change,) = heard
    assert not change.everything
    assert change.order_statuses == {"UNPAID"}
    assert len(change.history_ids) == 1 and change.history_ids[0] < seen[0]
    assert change.history_ids[0] in w.live.seen.ids
