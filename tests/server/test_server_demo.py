"""``orderdesk demo`` on a PostgreSQL or MariaDB server (issue 7): the command builds the demo
into a fresh server database, which passes ``tests/test_demo.py``'s checks; the bulk path writes
there what the action services write."""

from __future__ import annotations

import sys
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


def _every_row(db: peewee.Database) -> dict[str, list]:
    """Every row of every table, sorted (the gram index and the counters have no id)."""
    out = {}
    for table in db.get_tables():
        if table in _STAMPED:
            continue
        rows = db.execute_sql(f'SELECT * FROM "{table}"').fetchall()
        out[table] = sorted(rows, key=repr)
    return out


#: Written by the migrations with the clock's time, so two databases differ there whatever
#: the demo does.
_STAMPED = ("schema_version", "shop_setting")


def test_postgresql_loads_at_once_what_the_triggers_write(monkeypatch):
    """Issue 11 item 10: on an empty PostgreSQL shop the bulk load copies everything in one
    transaction with no trigger firing and writes the grams, the counters and the indexes
    itself.  The database it gives is row for row the one the load with the triggers firing
    gives; its grams are the triggers' own SQL over its orders, its counters COUNT(*) of the
    rows, its indexes all there; and the triggers keep the index after it (a second demo
    written row by row)."""
    from app.models import grams
    from app.models.repair import missing_indexes
    from app.services import demo, demo_bulk

    now = datetime(2026, 3, 1, 9, 37, 41)
    taken = []
    # _load_at_once, _loads_at_once and BULK_BATCH are read where the bulk path is (demo_bulk).
    real = demo_bulk._load_at_once
    monkeypatch.setattr(demo_bulk, "_load_at_once", lambda *a: taken.append(1) or real(*a))
    # Some buyers named with a capital beyond A-Z: their orders' grams are left to SQL
    # (PostgreSQL's LOWER folds "É", SQLite's does not: test_search_grams' rule is not this one).
    monkeypatch.setattr(demo._Generator, "buyer", _with_odd_names(demo._Generator.buyer))
    # batches of 100: the forked helper makes every other one (``demo._Helper``, on Linux)
    monkeypatch.setattr(demo_bulk, "BULK_BATCH", 100)
    helpers = []
    real_start = demo._Helper.start
    monkeypatch.setattr(demo._Helper, "start", lambda *a: helpers.append(real_start(*a)) or helpers[-1])
    dumps = []
    for at_once in (True, False):
        with fresh_database("pg") as url, monkeypatch.context() as patch:
            if not at_once:
                patch.setattr(demo_bulk, "_loads_at_once", lambda db: False)
            db = connect(url)
            try:
                build_demo(700, seed=5, now=now, bulk_threshold=10)
                build_demo(30, seed=6, now=now, bulk_threshold=10)
                assert taken == [1]
                assert len(helpers) == 1 and (helpers[0] is not None) == sys.platform.startswith("linux")
                assert missing_indexes(db) == [] and grams.triggers_present(db)
                by_sql = set(db.execute_sql(
                    f'SELECT x.g, o.id FROM "order" o CROSS JOIN LATERAL ({grams.grams_of("pg", "o")}) x'
                ).fetchall())
                held = set(db.execute_sql("SELECT gram, order_id FROM order_gram").fetchall())
                assert held == by_sql and len(held) > 730 * 40
                for counter, sql in (
                        ("order_status_count", 'SELECT store_id, status, COUNT(*) FROM "order" '
                                               "GROUP BY store_id, status"),
                        ("cancel_status_count", "SELECT o.store_id, c.status, COUNT(*) FROM "
                                                'cancellation_request c JOIN "order" o ON o.id = c.order_id '
                                                "GROUP BY o.store_id, c.status")):
                    kept = db.execute_sql(f"SELECT store_id, status, n FROM {counter} WHERE n <> 0").fetchall()
                    assert sorted(kept) == sorted(db.execute_sql(sql).fetchall()), counter
                (odd,) = db.execute_sql('SELECT COUNT(*) FROM "order" WHERE buyer_name LIKE %s',
                                        ("Émile%",)).fetchone()
                assert odd > 50
                check_all(now)
                dumps.append(_every_row(db))
            finally:
                db.close()
    fast, slow = dumps
    assert fast.keys() == slow.keys()
    assert len(fast["order"]) == 730
    for table in fast:
        assert fast[table] == slow[table], table


def _with_odd_names(buyer):
    """A buyer whose phone ends in 7 named with a capital beyond A-Z (``grams.row_grams``
    leaves such an order to SQL)."""

    def wrapped(self, chain):
        got = buyer(self, chain)
        return ("Émile " + got[0], *got[1:]) if got[1].endswith("7") else got
    return wrapped


def test_a_bulk_load_on_postgresql_leaves_the_listed_tables_vacuumed(server_db, server_kind):
    """Issue 11 item 1: the rows a demo build wrote are visible to index-only scans at once
    (a keyset seek to the middle of the list reads no row): the tables the lists seek over
    were vacuumed, and analysed, by the build."""
    if server_kind != "pg":
        pytest.skip("VACUUM and the visibility map are PostgreSQL's")
    build_demo(300, seed=3, bulk_threshold=10)
    rows = server_db.execute_sql(
        "SELECT relname, last_vacuum IS NOT NULL, last_analyze IS NOT NULL FROM pg_stat_user_tables "
        "WHERE relname IN ('order', 'cancellation_request', 'status_history')").fetchall()
    assert sorted(rows) == [("cancellation_request", True, True), ("order", True, True),
                            ("status_history", True, True)]
    (visible,) = server_db.execute_sql(
        "SELECT relallvisible >= relpages - 1 FROM pg_class WHERE relname = 'order'").fetchone()
    assert visible
