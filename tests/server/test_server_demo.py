"""``orderdesk demo`` on a PostgreSQL or MariaDB server (issue 7): the command builds the demo
into a fresh server database, which passes ``tests/test_demo.py``'s checks; the bulk path writes
there what the action services write."""

from __future__ import annotations

from datetime import datetime

import peewee
import pytest
from server_db import fresh_database
from test_demo import check_all

from app.domain.statuses import CancelStatus, OrderStatus
from app.models.db import connect
from app.models.tables import ALL_TABLES, CancellationRequest, MethodHistory, Order, utcnow
from app.services.demo import build_demo


def _ansi_quotes(db: peewee.Database) -> None:
    """test_demo's checks quote "order" the standard way; MariaDB reads that as a string
    unless the session says ANSI_QUOTES."""
    if isinstance(db, peewee.MySQLDatabase):
        db.execute_sql("SET SESSION sql_mode = CONCAT(@@sql_mode, ',ANSI_QUOTES')")


def test_orderdesk_demo_command(server_kind, capsys):
    import main

    with fresh_database(server_kind) as url:
        assert main.main(["demo", "--orders", "200", "--db", url]) == 0
        now = utcnow()
        assert "Built 200 demo orders" in capsys.readouterr().out
        db = connect(url)
        try:
            assert Order.select().count() == 200
            assert {o.status for o in Order.select(Order.status)} == {s.value for s in OrderStatus}
            assert {r.status for r in CancellationRequest.select(CancellationRequest.status)} == {
                s.value for s in CancelStatus}
            _ansi_quotes(db)
            check_all(now)
        finally:
            db.close()


def _dump() -> dict:
    return {m.__name__: list(m.select().order_by(m.id).tuples()) for m in [*ALL_TABLES, MethodHistory]}


def test_bulk_writes_what_the_services_write(server_kind):
    now = datetime(2026, 3, 1, 9, 37, 41)
    dumps = []
    for threshold in (10**9, 0):
        with fresh_database(server_kind) as url:
            db = connect(url)
            try:
                build_demo(120, seed=11, now=now, bulk_threshold=threshold)
                build_demo(40, seed=12, now=now, bulk_threshold=threshold)
                dumps.append(_dump())
                _ansi_quotes(db)
                check_all(now)
            finally:
                db.close()
    services, bulk = dumps
    assert len(services["Order"]) == 160
    for table, rows in services.items():
        assert rows == bulk[table], table


@pytest.mark.parametrize("n", [0, 1])
def test_tiny_demos(server_db, n):
    build_demo(n)
    assert Order.select().count() == n


def test_bulk_inserter_writes_awkward_text_as_given(server_db):
    """The bulk paths' ``Inserter`` (COPY on PostgreSQL, executemany on MariaDB): a tab, a
    newline, a carriage return and backslashes inside a value, COPY's own NULL text, booleans
    and numbers come back exactly as given."""
    from app.models.tables import PaymentMethod
    from app.services.bulk import Inserter

    db = server_db
    texts = ["王\t小明", "第一行\n第二行\r", "C:\\path\\n not a newline", "\\N", ""]
    rows = [(f"{i} {text}", text, i, i % 2 == 0, "cod") for i, text in enumerate(texts)]
    with db.atomic():
        Inserter(db, PaymentMethod, ("title", "description", "position", "archived", "refund_channel"))(
            db.cursor(), rows)
    got = [(m.title, m.description, m.position, bool(m.archived), m.refund_channel)
           for m in PaymentMethod.select().where(PaymentMethod.title.in_([r[0] for r in rows]))
           .order_by(PaymentMethod.position)]
    assert got == rows
