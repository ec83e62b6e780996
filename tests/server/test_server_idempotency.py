"""Issue 15 item 2 on both servers: ``place_order``'s ``client_ref``.  The same reference
again, or from eight callers at once, places one order; after a COMMIT whose connection
dropped, the service finds out whether the order was saved and answers truthfully, never
placing it twice."""

from __future__ import annotations

import threading

import peewee
import pytest
from db_rows import place_ref
from server_db import backend_id, terminate_backend

from app.domain.errors import ServerUnavailableError
from app.models.tables import Order, StatusHistory


def test_the_same_reference_again_places_one_order(server_kind, db, shop):
    first = place_ref(shop, "SHOP-1")
    assert place_ref(shop, "SHOP-1") == first
    assert Order.select().count() == 1


def test_callers_at_once_with_one_reference_place_one_order(server_kind, db, shop):
    changes, errors = [], []

    def call():
        try:
            changes.append(place_ref(shop, "SHOP-RACE"))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            db.close()  # this thread's own connection

    threads = [threading.Thread(target=call) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(changes) == 8 and len({c.order_id for c in changes}) == 1
    assert Order.select().count() == 1
    assert StatusHistory.select().count() == 1


def _drop_at_commit(monkeypatch, db, server_kind, *, saved: bool) -> list:
    """The next COMMIT's connection drops: after the server committed (``saved``: only the
    answer is lost) or before the COMMIT reached it."""
    real = type(db).commit
    commits = []

    def commit(self):
        commits.append(1)
        if len(commits) > 1:
            return real(self)
        backend = backend_id(server_kind)
        if saved:
            real(self)
        terminate_backend(server_kind, backend)
        with peewee.__exception_wrapper__:  # what the desk meets waiting for the answer
            self._state.conn.cursor().execute("SELECT 1")
        return None

    monkeypatch.setattr(type(db), "commit", commit)
    return commits


@pytest.mark.parametrize("saved", [True, False], ids=["saved", "not-saved"])
def test_an_uncertain_commit_is_answered_truthfully(server_kind, db, shop, monkeypatch, saved):
    commits = _drop_at_commit(monkeypatch, db, server_kind, saved=saved)
    change = place_ref(shop, "SHOP-UNCERTAIN")
    monkeypatch.undo()
    assert len(commits) == 2  # asked again on a new connection
    order = Order.get(Order.client_ref == "SHOP-UNCERTAIN")
    assert Order.select().count() == 1  # never twice
    assert (change.order_id, change.order_no) == (order.id, order.order_no)
    assert change.history_ids == tuple(h.id for h in StatusHistory.select())


def test_without_a_reference_an_uncertain_commit_says_so(server_kind, db, shop, monkeypatch):
    _drop_at_commit(monkeypatch, db, server_kind, saved=True)
    with pytest.raises(ServerUnavailableError) as err:
        place_ref(shop, None)
    monkeypatch.undo()
    assert err.value.reason == ServerUnavailableError.UNCERTAIN
    assert "無法確定" in err.value.message()
    assert Order.select().count() == 1  # it was saved: the clerk is told to look, not to redo
