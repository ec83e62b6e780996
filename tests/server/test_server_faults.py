"""Issue 15 item 3 on both servers: the service layer survives the server.

A backend terminated between two calls (PostgreSQL's ``pg_terminate_backend``, MariaDB's
``KILL``) or in the middle of a transaction: the next call reconnects and succeeds.  A real
deadlock (the service's transaction chosen as its victim): run again and saved once; on every
attempt: ``ServerUnavailableError`` (busy), nothing saved.  A server that cannot be reached:
``ServerUnavailableError`` (gone).  ``orderdesk export`` whose connection drops mid-way: the
message, exit code 1, no traceback, no file left.
"""

from __future__ import annotations

import threading
import time

import pytest
from server_db import _admin_connection, backend_id, refuse_connections, terminate_backend

import main
from app.domain.errors import ServerUnavailableError
from app.domain.inputs import PaymentNotice
from app.models import db as dbm
from app.models.tables import Order, StatusHistory
from app.services import orders as svc
from app.services import shop_clock


def _notice(amount: int = 700) -> PaymentNotice:
    return PaymentNotice(shop_clock.today(), amount, "12345")


def _history(order_id: int) -> list[str]:
    return [h.action for h in StatusHistory.select().where(StatusHistory.order == order_id)
            .order_by(StatusHistory.id)]


def test_a_terminated_backend_between_calls_reconnects(server_kind, db, place):
    first = place()
    terminate_backend(server_kind, backend_id(server_kind))
    second = place()  # the storefront's next call: reconnected, saved
    assert Order.get_by_id(second).status == "UNPAID"
    terminate_backend(server_kind, backend_id(server_kind))
    assert Order.select().count() >= 2  # a read reconnects too
    terminate_backend(server_kind, backend_id(server_kind))
    svc.record_payment_notice(first, _notice(), operator="店員甲")
    assert Order.get_by_id(first).status == "PAID"


def test_a_connection_dropped_inside_the_transaction_runs_it_again(server_kind, db, place, monkeypatch):
    order_id = place()
    real = svc.write_step
    calls = []

    def dropped_once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:  # the first attempt: its connection ends before it writes
            terminate_backend(server_kind, backend_id(server_kind))
        return real(*args, **kwargs)

    monkeypatch.setattr(svc, "write_step", dropped_once)
    change = svc.record_payment_notice(order_id, _notice(), operator="店員甲")
    assert len(calls) == 2
    assert change.order_to == "PAID"
    assert _history(order_id) == ["PLACE", "RECORD_PAYMENT"]  # saved once


def _quoted(kind: str) -> str:
    return '"order"' if kind == "pg" else "`order`"


def _deadlock(kind: str, url: str, victim_row: int, others: list[int]) -> threading.Thread:
    """Inside the service's transaction: a second connection holds ``others`` (several
    orders: the heavier transaction, MariaDB's survivor), the service's
    transaction locks ``victim_row`` and waits for ``others[0]``, the second then waits for
    ``victim_row``: a deadlock whose victim is the service's transaction (on PostgreSQL the
    second's deadlock_timeout is long, so the service's check finds it)."""
    conn = _admin_connection(kind, url)  # autocommit: BEGIN and COMMIT are sent here
    holding = threading.Event()
    table = _quoted(kind)

    def other():
        with conn.cursor() as cur:
            cur.execute("BEGIN")
            if kind == "pg":
                cur.execute("SET LOCAL deadlock_timeout = '20s'")
            for row in others:  # by its key: only these rows are locked
                cur.execute(f"UPDATE {table} SET note_count = note_count + 1 WHERE id = %s", (row,))
            holding.set()
            time.sleep(0.5)  # the service waits for others[0] by now
            cur.execute(f"UPDATE {table} SET note_count = note_count + 1 WHERE id = %s", (victim_row,))
            cur.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=other)
    thread.start()
    holding.wait(10)
    Order.update(note_count=Order.note_count).where(Order.id == victim_row).execute()
    Order.update(note_count=Order.note_count).where(Order.id == others[0]).execute()  # the victim
    return thread


@pytest.fixture
def deadlocked(server_kind, db, place, monkeypatch):
    """``deadlocked(times)``: the next ``record_payment_notice`` meets a real deadlock on its
    first ``times`` attempts; returns (the order's id, how many attempts ran)."""
    orders = [place() for _ in range(6)]
    victim, others = orders[0], orders[1:]
    real = svc.write_step
    attempts = []
    threads = []

    def locked(times):
        def step(*args, **kwargs):
            attempts.append(1)
            if len(attempts) <= times:
                threads.append(_deadlock(server_kind, db.server_url, victim, others))
            return real(*args, **kwargs)

        monkeypatch.setattr(svc, "write_step", step)
        return victim, attempts

    yield locked
    for t in threads:
        t.join(30)


def test_a_deadlock_is_run_again_and_saved_once(deadlocked):
    order_id, attempts = deadlocked(1)
    change = svc.record_payment_notice(order_id, _notice(), operator="店員甲")
    assert len(attempts) == 2
    assert change.order_to == "PAID"
    assert _history(order_id) == ["PLACE", "RECORD_PAYMENT"]


def test_deadlocks_on_every_attempt_end_in_the_domain_error(deadlocked):
    order_id, attempts = deadlocked(dbm.RETRY_ATTEMPTS)
    with pytest.raises(ServerUnavailableError) as err:
        svc.record_payment_notice(order_id, _notice(), operator="店員甲")
    assert err.value.reason == ServerUnavailableError.BUSY
    assert "資料庫忙碌中" in err.value.message()
    assert len(attempts) == dbm.RETRY_ATTEMPTS
    assert Order.get_by_id(order_id).status == "UNPAID"
    assert _history(order_id) == ["PLACE"]


def test_a_server_that_cannot_be_reached_is_the_domain_error(server_kind, db, place, monkeypatch):
    order_id = place()
    terminate_backend(server_kind, backend_id(server_kind))
    refuse_connections(monkeypatch, db, server_kind)
    with pytest.raises(ServerUnavailableError) as err:
        svc.record_payment_notice(order_id, _notice(), operator="店員甲")
    assert err.value.reason == ServerUnavailableError.GONE
    assert "無法連線到資料庫伺服器" in err.value.message()
    monkeypatch.undo()  # the server is back
    svc.record_payment_notice(order_id, _notice(), operator="店員甲")
    assert Order.get_by_id(order_id).status == "PAID"


def test_a_drop_during_commit_is_uncertain_and_not_run_again(server_kind, db, place, monkeypatch):
    order_id = place()
    real_commit = type(db).commit
    commits = []

    def dropped_commit(self):
        commits.append(1)
        terminate_backend(server_kind, backend_id(server_kind))
        return real_commit(self)

    monkeypatch.setattr(type(db), "commit", dropped_commit)
    with pytest.raises(ServerUnavailableError) as err:
        svc.record_payment_notice(order_id, _notice(), operator="店員甲")
    monkeypatch.setattr(type(db), "commit", real_commit)
    assert err.value.reason == ServerUnavailableError.UNCERTAIN
    assert not err.value.retryable
    assert len(commits) == 1  # not run again: the outcome was unknown
    assert Order.get_by_id(order_id).status == "UNPAID"  # (terminated before COMMIT arrived)


def test_export_whose_connection_drops_says_so(server_kind, db, place, tmp_path, monkeypatch, capsys):
    from app.services import export as ex

    for _ in range(3):
        place()
    url = db.server_url
    real = ex._write_orders

    def dropped(*args, **kwargs):
        terminate_backend(server_kind, backend_id(server_kind))
        return real(*args, **kwargs)

    monkeypatch.setattr(ex, "_write_orders", dropped)
    out = tmp_path / "unpaid.xlsx"
    code = main.main(["export", "--list", "unpaid", "--db", url, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    assert "無法連線到資料庫伺服器" in err
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary left beside the target
