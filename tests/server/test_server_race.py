"""Clerks racing on one PostgreSQL or MariaDB server (issue 7), each in a process of its own:
8 clerks try the same action on the same 300 orders; exactly one wins each order, the others
are told it is stale or refused, and no order gets a step twice.

Twice over: with ``tests/test_race.py``'s desks (its worker and its checks, on this
directory's fresh databases), and with ``race_worker.py``'s clerks, who also start OrderDesk
(and its migration check) at the same moment.  And 8 copies of OrderDesk opening a fresh
database at once migrate it once."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

import pytest
import race_worker
from db_rows import race
from server_db import fresh_database

from app.models.db import connect
from app.models.migrations import LATEST, current_version
from app.models.tables import ALL_TABLES, MethodHistory, Order, PaymentNotice, StatusHistory

CLERKS = 8
ORDER_AT = datetime(2024, 5, 1, 2, 0, 0)
ORDERS = 300

pytestmark = pytest.mark.slow


def _round(url: str, ids: list[int], action: str, expected_version: int) -> list[dict]:
    args = [(url, f"店員{i}", ids, action, expected_version, i) for i in range(CLERKS)]
    results = race(race_worker.clerk, args)
    errors = [e for r in results for e in r["errors"]]
    assert errors == [], errors[0]
    won = Counter(oid for r in results for oid in r["ok"])
    assert sum(won.values()) == ORDERS  # exactly 300 succeed ...
    assert set(won) == set(ids) and set(won.values()) == {1}  # ... one per order
    assert sum(r["stale"] + r["refused"] for r in results) == (CLERKS - 1) * ORDERS
    return results


def test_eight_clerks_race_on_the_same_300_orders(server_db, place):
    ids = [place(order_date=ORDER_AT) for _ in range(ORDERS)]
    url = server_db.server_url
    server_db.close()

    paid = _round(url, ids, race_worker.PAY, 1)
    confirmed = _round(url, ids, race_worker.CONFIRM, 2)

    server_db.connect(reuse_if_open=True)
    winner = {oid: (r["clerk"]) for r in confirmed for oid in r["ok"]}
    payer = {oid: (r["clerk"]) for r in paid for oid in r["ok"]}
    orders = {o.id: o for o in Order.select()}
    assert {(o.status, o.version) for o in orders.values()} == {("AWAITING_SHIPMENT", 3)}
    assert all(orders[oid].updated_by == winner[oid] for oid in ids)
    steps = Counter((h.order_id, h.machine, h.from_status, h.to_status)
                    for h in StatusHistory.select())
    assert max(steps.values()) == 1  # no order has two history records for one step
    assert len(steps) == 3 * ORDERS
    for h in StatusHistory.select().where(StatusHistory.action != "PLACE"):
        assert h.operator == (payer if h.action == "RECORD_PAYMENT" else winner)[h.order_id]
    notices = Counter(n.order_id for n in PaymentNotice.select())
    assert set(notices) == set(ids) and set(notices.values()) == {1}


def test_eight_copies_opening_a_fresh_database_migrate_it_once(server_kind):
    with fresh_database(server_kind) as url:
        errors = [e for e in race(race_worker.opener, [(url,)] * CLERKS) if e]
        assert errors == [], errors[0]
        db = connect(url)
        try:
            assert current_version(db) == LATEST
            assert list(db.execute_sql("SELECT version FROM schema_version").fetchall()) == [(LATEST,)]
            for model in [*ALL_TABLES, MethodHistory]:
                assert model.table_exists()
        finally:
            db.close()


def test_eight_desks_of_test_race_on_the_server(server_db, shop):
    """tests/test_race.py's worker and checks, unchanged, against this server database."""
    test_race = pytest.importorskip("test_race", reason="tests/test_race.py is not there")
    from app.domain.inputs import PaymentNotice
    from app.services.orders import Buyer, Item, place_order, record_payment_notice

    kind = {"PostgresqlDatabase": "pg"}.get(type(server_db).__name__, "mysql")
    today = date.today()
    for i in range(test_race.ORDERS):
        ch = place_order(store_id=shop["store"].id, buyer=Buyer(f"買家{i:03d}"),
                         items=[Item("杯子", 1, 300 + i)], payment_method_id=shop["atm"].id,
                         shipping_method_id=shop["home"].id, operator="storefront")
        record_payment_notice(ch.order_id, PaymentNotice(today, 420 + i, "12345"), operator="storefront")
    for step in ("confirm", "ship_or_out"):
        server_db.close()  # the desks are the only clients while they race
        reports, seconds = test_race.race(server_db.server_url, step)
        server_db.connect(reuse_if_open=True)
        test_race.check_step(kind, step, reports, seconds)
