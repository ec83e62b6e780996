"""``tests/test_search_grams.py`` on PostgreSQL and MariaDB: the triggers keep the gram index
for every write path, and every kind of fragment is found and counted."""

from test_search_grams import exercise_one_character_counts, exercise_write_paths, grams_agree


def test_fragments_and_service_writes(server_db, shop):
    exercise_write_paths(shop)


def test_one_character_counts_follow_every_write(server_db, shop):
    exercise_one_character_counts(shop)


def test_the_import_keeps_the_index(server_db, shop, tmp_path):
    from test_search_grams import test_the_import_keeps_the_index as on_sqlite

    on_sqlite(shop, tmp_path)


def test_the_demo_in_bulk_keeps_the_index(server_db):
    from test_search_grams import test_the_demo_in_bulk_and_through_the_services_keeps_the_index as on_sqlite

    on_sqlite(server_db)
    grams_agree()


def test_a_bulk_load_into_an_empty_shop_fills_the_index_at_the_end(server_db):
    """The triggers dropped, the grams written set-based at the end (on PostgreSQL without the
    key, built after), the triggers back."""
    from datetime import datetime

    from app.models import grams
    from app.services import demo

    demo.build_demo(300, bulk_threshold=10, now=datetime(2026, 11, 29, 12, 0))
    grams_agree()
    assert grams.triggers_present(server_db)
    from test_search_grams import found

    from app.models.tables import Order

    some = Order.select().order_by(Order.id.desc()).first()
    assert some.id in found(some.buyer_name[-2:]) and some.id in found(some.order_no[-6:])


def test_counts_taken_apart_on_the_thread_s_own_connection(server_db, server_kind):
    """A search most orders match says it would read too many to count at once
    (``count_orders(within=…)``); its counts are then taken in a worker thread on that
    thread's own connection (``CountApart``), equal to those counted here.  A count no longer
    wanted is stopped on the server (PostgreSQL's cancel, MariaDB's KILL QUERY)."""
    import threading
    import time
    from datetime import datetime

    from app.domain.tabs import OrderTab
    from app.models.proxy import database
    from app.services import demo, queries

    demo.build_demo(300, bulk_threshold=10, now=datetime(2026, 11, 29, 12, 0))
    f = queries.OrderFilter(search="202")  # the year, in every order number
    exact = queries.count_orders(f)
    assert exact[OrderTab.ALL] == 300
    assert queries.count_orders(f, within=100) is None
    assert queries.count_orders(f, within=300) == exact
    out: list = []

    def run(apart):
        try:
            out.append(apart())
        except Exception as exc:  # noqa: BLE001 - what the window's job reports as failed
            out.append(exc)

    thread = threading.Thread(target=run, args=(queries.CountApart(queries.count_orders, f),))
    thread.start()
    thread.join(30)
    assert out == [exact]
    out.clear()
    slow_sql = ("SELECT pg_sleep(20)" if server_kind == "pg"
                else "SELECT COUNT(*) FROM information_schema.COLLATIONS a, information_schema.COLLATIONS b, "
                     "information_schema.COLLATIONS c, information_schema.COLLATIONS d")

    def slow(_f):
        return database.execute_sql(slow_sql).fetchone()

    apart = queries.CountApart(slow, f)
    thread = threading.Thread(target=run, args=(apart,))
    started = time.monotonic()
    thread.start()
    time.sleep(0.5)
    apart.cancel()
    thread.join(10)
    assert not thread.is_alive() and time.monotonic() - started < 10
    assert isinstance(out[0], Exception), out
    assert any(word in str(out[0]).lower() for word in ("cancel", "interrupt")), out


def test_a_broad_long_search_is_counted_in_one_pass_on_postgresql(server_db, server_kind, monkeypatch):
    """PostgreSQL counts a longer search most orders match by testing every order in one pass
    (``Search.counts_in_one_pass``): the same counts as intersecting its grams' orders, under
    a store or a date range too, in any case; MariaDB always intersects the grams."""
    from datetime import date, datetime

    from app.domain.tabs import OrderTab
    from app.models.tables import Store
    from app.services import demo, queries, search

    demo.build_demo(300, bulk_threshold=10, now=datetime(2026, 11, 29, 12, 0))
    store = Store.select().order_by(Store.id).first().id
    filters = [queries.OrderFilter(search=text, **extra)
               for text in ("gmail", "GMAIL.COM", "yahoo.com", "2026", "2026112")
               for extra in ({}, {"store_id": store}, {"date_from": date(2026, 11, 1), "date_to": date(2026, 11, 20)})]
    monkeypatch.setattr(search, "SCAN_SHARE", 2.0)  # more than every order: the grams intersected
    joined = [queries.count_orders(f) for f in filters]
    assert not any(search.Search.of(f.search).counts_in_one_pass() for f in filters)
    monkeypatch.setattr(search, "SCAN_SHARE", 0.25)
    assert search.Search.of("gmail").counts_in_one_pass() is (server_kind == "pg")  # 60 % of the orders
    assert search.Search.of("2026112").counts_in_one_pass() is False  # a week's orders
    assert search.Search.of("gmail").counts_in_one_pass(rarest_within=60) is False  # known: fewer than 75
    monkeypatch.setattr(search, "SCAN_SHARE", 0.0)  # every longer search in one pass on PostgreSQL
    assert all(search.Search.of(f.search).counts_in_one_pass() is (server_kind == "pg") for f in filters)
    assert [queries.count_orders(f) for f in filters] == joined
    whole = {f.search: n for f, n in zip(filters, joined, strict=True) if f.store_id is None and f.date_from is None}
    assert 100 < whole["gmail"][OrderTab.ALL] < 300 and whole["2026"][OrderTab.ALL] == 300
    assert whole["GMAIL.COM"] == whole["gmail"]  # an e-mail's domain in capitals: the same orders


def test_postgresql_knows_how_many_orders_a_long_search_matches(server_db, server_kind):
    """Migration 26: PostgreSQL has statistics of ``LOWER(column)`` for the five searched
    columns and of the first characters of phone and order number, so it estimates a
    search's tests from them — without them it guessed one order in 200 for any, and for a
    search most orders match (``gmail``) read and sorted every order (365 ms at 100,000)
    rather than walk the date index (13 ms)."""
    import json
    from datetime import datetime

    import pytest

    from app.models.proxy import database
    from app.services import demo

    if server_kind != "pg":
        pytest.skip("PostgreSQL's planner statistics")
    demo.build_demo(2000, bulk_threshold=500, now=datetime(2026, 11, 29, 12, 0))
    database.execute_sql('ANALYZE "order"')
    names = {r[0] for r in database.execute_sql(
        "SELECT stxname FROM pg_statistic_ext WHERE stxrelid = '\"order\"'::regclass").fetchall()}
    assert {f"order_lower_{c}" for c in ("order_no", "buyer_name", "buyer_phone", "buyer_email", "tracking_no")} <= names
    sql = '''SELECT id FROM "order" WHERE LOWER(buyer_email) ILIKE '%%gmail%%' '''
    (found,) = database.execute_sql(f"SELECT COUNT(*) FROM ({sql}) AS s").fetchone()
    (plan,) = database.execute_sql("EXPLAIN (FORMAT JSON) " + sql).fetchone()
    plan = plan if isinstance(plan, list) else json.loads(plan)
    guessed = plan[0]["Plan"]["Plan Rows"]
    assert found > 500 and guessed > found / 2, (guessed, found)
    # The first characters of a phone (a one-digit search most orders match), the same.
    sql = 'SELECT id FROM "order" WHERE SUBSTR(buyer_phone, 1, 2) = \'09\''
    (plan,) = database.execute_sql("EXPLAIN (FORMAT JSON) " + sql).fetchone()
    plan = plan if isinstance(plan, list) else json.loads(plan)
    assert plan[0]["Plan"]["Plan Rows"] > 1000  # every demo phone starts with 09
    # No parallel workers for the orders' statements, after the demo's bulk load too (its
    # index builds had them).
    (options,) = database.execute_sql(
        "SELECT reloptions FROM pg_class WHERE oid = '\"order\"'::regclass").fetchone()
    assert "parallel_workers=0" in options


def test_postgresql_gathers_a_few_candidates_before_checking_them(server_db, server_kind, monkeypatch):
    """A longer search whose grams few orders hold (five digits of a phone): the counts the
    window waits for gather the grams' ids first (``search.FEW``: ``= ANY(ARRAY(…))``, an
    InitPlan), the first page names the ids the look at ``many``'s bound found
    (``Search.page_cond``), and both read those orders by their key.  Given ``IN``, PostgreSQL took the
    ``LIKE`` check for selective and tested it on every order before probing the grams (150 ms
    at 100,000 orders against 2)."""
    import json
    from datetime import datetime

    import pytest

    from app.models.proxy import database
    from app.models.tables import Order
    from app.services import demo, queries

    if server_kind != "pg":
        pytest.skip("PostgreSQL's plans")
    demo.build_demo(2000, bulk_threshold=500, now=datetime(2026, 11, 29, 12, 0))
    database.execute_sql('ANALYZE "order"')
    phone = Order.select(Order.buyer_phone).where(Order.id == 1000).scalar()
    statements = []
    real = type(server_db).execute_sql

    def spy(self, sql, params=None, *args, **kwargs):
        if "LIKE" in sql and not sql.startswith("EXPLAIN"):
            statements.append((sql, params))
        return real(self, sql, params, *args, **kwargs)

    monkeypatch.setattr(type(server_db), "execute_sql", spy)
    f = queries.OrderFilter(search=phone[3:8])
    rows, _more = queries.fetch_orders(f)
    counts = queries.count_orders(f, within=queries.COUNT_NOW)
    monkeypatch.undo()
    assert any(phone[3:8] in r.buyer_phone for r in rows) and counts is not None
    assert len(statements) == 2, statements

    def nodes(node):
        yield node
        for child in node.get("Plans", []):
            yield from nodes(child)

    for sql, params in statements:
        (plan,) = server_db.execute_sql("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()
        plan = plan if isinstance(plan, list) else json.loads(plan)
        every = list(nodes(plan[0]["Plan"]))
        if "order_gram" in sql:  # the counts: the ids gathered by an InitPlan
            assert any(n.get("Parent Relationship") == "InitPlan" for n in every), sql
        else:  # the page: the ids the look that told they were few found (Search.page_cond)
            assert "IN (" in sql and len(params) > 5, sql
        assert not any(n["Node Type"] == "Seq Scan" and n.get("Relation Name") == "order" for n in every), sql
