"""Issue 11 item 3 on PostgreSQL: every sortable column of the order tabs is read on an index,
never sorted whole (the SQLite side: tests/test_paged_table.py).  With sequential scans and
sorts priced out (``enable_seqscan``/``enable_sort`` off), a plan that still sorts the rows
has no index to read them by; an Incremental Sort (ties of a key the index ends with, e.g.
the phone index before the id) is allowed."""

import re

import pytest
from server_db import connected

from app.domain.tabs import OrderTab
from app.services import queries
from app.services.demo import build_demo


def sortable_orders():
    from app.views.order_columns import order_columns

    keys = [c.key for c in order_columns({}) if c.sortable]
    waiting = [t for t in OrderTab if t.statuses and t.statuses <= queries.WAITING_STATUSES]
    return [(t, k) for t in OrderTab for k in keys] + [(t, "age") for t in waiting]


def spy(db):
    """A list the statements run go into, and the ``execute_sql`` that puts them there (set
    it on ``db`` around the calls watched)."""
    statements: list[tuple[str, tuple]] = []
    original = db.execute_sql

    def execute_sql(sql, params=None, *args, **kwargs):
        statements.append((sql, tuple(params or ())))
        return original(sql, params, *args, **kwargs)

    return statements, execute_sql


@pytest.mark.slow
def test_every_sortable_order_column_reads_an_index_on_postgresql():
    pytest.importorskip("psycopg2")
    with connected("pg") as db:
        build_demo(500)
        statements, execute_sql = spy(db)

        for descending in (True, False):
            for tab, key in sortable_orders():
                f = queries.OrderFilter(tab=tab, sort=key, descending=descending)
                pager = queries.order_pager(f)
                statements.clear()
                db.execute_sql = execute_sql
                try:
                    first = pager.forward(None, 200)
                    if first:
                        pager.forward(first[-1][1], 200)
                    pager.backward(None, 200)
                    pager.key_at(100)
                finally:
                    del db.execute_sql
                with db.atomic():
                    db.execute_sql("SET LOCAL enable_seqscan = off")
                    db.execute_sql("SET LOCAL enable_sort = off")
                    for sql, params in statements:
                        if ("COUNT(" in sql and "OFFSET" not in sql) or "order_status_count" in sql:
                            continue  # a segment's size, for the seek (counted, or the counter's)
                        lines = [r[0] for r in db.execute_sql("EXPLAIN " + sql, params).fetchall()]
                        sorts = [line for line in lines if re.match(r"\s*(->\s*)?Sort\s+\(", line)]
                        assert not sorts, (tab, key, descending, sql, lines)
                        assert any("Index" in line for line in lines), (tab, key, sql, lines)
                        if "OFFSET" in sql and len(pager.segments) == 1:
                            # the seek steps over index entries alone, never sorting ties
                            # (by phone it read half the orders' rows: migration 30)
                            assert any("Index Only Scan" in line for line in lines), (tab, key, sql, lines)
                            assert not any("Incremental Sort" in line for line in lines), (tab, key, sql, lines)


@pytest.mark.slow
def test_a_later_page_reads_its_index_past_the_cursor_on_mariadb():
    """MariaDB's planner read a page from the middle of a status (``status = ? AND
    order_date < ?``) by the status alone (``ref``), stepping through every row before the
    cursor (158 ms at 100,000 orders): each segment's index is named (``queries._forced``),
    and the page is a range on it past the cursor, never a sort of the rows, in one statement
    (``keyset._past``: the rest of the cursor's value OR the values past it)."""
    pytest.importorskip("pymysql")
    with connected("mysql") as db:
        build_demo(500)
        statements, execute_sql = spy(db)

        checked = 0
        for descending in (True, False):
            for tab, key in sortable_orders():
                f = queries.OrderFilter(tab=tab, sort=key, descending=descending)
                pager = queries.order_pager(f)
                first = pager.forward(None, 20)
                if len(first) < 20:
                    continue
                statements.clear()
                db.execute_sql = execute_sql
                try:  # a page past a cursor inside a segment, into the next value
                    pager.forward(first[9][1], 200)
                finally:
                    del db.execute_sql
                for i, (sql, params) in enumerate(statements):
                    if "COUNT(" in sql:
                        continue
                    assert "FORCE INDEX" in sql, (tab, key, sql)
                    cur = db.execute_sql("EXPLAIN " + sql, params)
                    names = [d[0] for d in cur.description]
                    plan = dict(zip(names, cur.fetchone(), strict=True))
                    # Past the cursor a range (the rest of the cursor's own value and the values
                    # past it: one statement, two ranges of the index); the next segments'
                    # rows from their start.  None of them is sorted.
                    if i == 0:
                        assert plan["type"] == "range", (tab, key, descending, sql, plan)
                    assert f"FORCE INDEX (`{plan['key']}`)" in sql, (tab, key, sql, plan)
                    assert "filesort" not in (plan["Extra"] or ""), (tab, key, sql, plan)
                if len(pager.segments[first[9][1].segment].keys) == 2:
                    assert " OR " in statements[0][0], (tab, key, statements[0][0])
                checked += 1
        assert checked > 20
