"""Issue 11 item 6 on PostgreSQL: a list whose rows hold one status is read on the index the
status leads, whatever the planner guesses (``queries._steered``).  The demo's newest orders
are the ones not yet completed or cancelled; PostgreSQL takes a status's rows to lie evenly
along the order dates, and read 已完成訂單's first page on the date index, stepping over the
newer orders of every other status (at 1,000,000 orders 16,000 of them: 10.4 ms for 0.5);
the same for the cancellation requests' tabs."""

import re

import pytest
from server_db import connected
from test_server_sort_plans import spy

from app.domain.tabs import OrderTab
from app.services import queries
from app.services.demo import build_demo


def plan_of(db, pager_call) -> list[list[str]]:
    """The plans of the statements ``pager_call`` runs (not a segment's count)."""
    statements, execute_sql = spy(db)
    db.execute_sql = execute_sql
    try:
        pager_call()
    finally:
        del db.execute_sql
    return [[r[0] for r in db.execute_sql("EXPLAIN " + sql, params).fetchall()]
            for sql, params in statements if "COUNT(" not in sql and not REST.search(sql)]


#: The rest of a cursor's own value (``keyset._past``): one key value's few rows, read on
#: whichever index finds that value.
REST = re.compile(r'\("t1"\."\w+" = %s\) AND \("t1"\."id" [<>] %s\)')


@pytest.mark.slow
def test_a_status_s_rows_are_read_on_the_index_the_status_leads_on_postgresql():
    pytest.importorskip("psycopg2")
    with connected("pg") as db:
        build_demo(20000)
        lists = [queries.OrderFilter(tab=t, descending=d) for t in OrderTab if t.statuses for d in (True, False)]
        lists += [queries.OrderFilter(tab=OrderTab.ALL, sort="status", descending=d) for d in (True, False)]
        lists += [queries.OrderFilter(tab=t, sort=k) for t in (OrderTab.COMPLETED, OrderTab.PAID)
                  for k in ("total", "buyer_name", "ship_date", "age")]
        checked = 0
        for f in lists:
            pager = queries.order_pager(f)
            first = pager.forward(None, 200)
            assert first, f
            for plan in (plan_of(db, lambda p=pager: p.forward(None, 200))
                         + plan_of(db, lambda p=pager, c=first[-1][1]: p.forward(c, 200))
                         + plan_of(db, lambda p=pager: p.backward(None, 200))):
                text = "\n".join(plan)
                # Only the status's rows read: on an index it leads (in its order, or a few
                # hundred sorted), never one that steps over other statuses' rows.
                scans = [line for line in plan if "Index" in line and " on " in line]
                if not scans or not all("order_status_" in line for line in scans) or "Filter:" in text:
                    pytest.fail(f"{f}\n{text}")
                checked += 1
        assert checked >= 40
        # The cancellation requests' tabs, by request date and by status.
        from app.domain.tabs import CancelTab
        from app.services import cancel_list

        for f in [cancel_list.CancelFilter(tab=t, descending=d) for t in CancelTab if t.statuses
                  for d in (True, False)] + [cancel_list.CancelFilter(tab=CancelTab.ALL, sort="status")]:
            pager = cancel_list.cancel_pager(f)
            first = pager.forward(None, 20)
            calls = [lambda p=pager: p.forward(None, 200), lambda p=pager: p.backward(None, 200)]
            if first:
                calls.append(lambda p=pager, c=first[-1][1]: p.forward(c, 200))
            for plan in [plan for call in calls for plan in plan_of(db, call)]:
                text = "\n".join(plan)
                scans = [line for line in plan if re.search(r"Index .*(using|on) cancellation_request", line)]
                if not scans or not all("cancellation_request_status_" in line for line in scans) \
                        or "Filter:" in text:
                    pytest.fail(f"{f}\n{text}")
                checked += 1
        assert checked >= 70
        # The rows are those of the status, in the list's order, as on SQLite's plan.
        f = queries.OrderFilter(tab=OrderTab.COMPLETED)
        rows = [r for r, _c in queries.order_pager(f).forward(None, 500)]
        assert {r.status.value for r in rows} == {"COMPLETED"}
        assert [(r.order_date, r.id) for r in rows] == sorted(((r.order_date, r.id) for r in rows), reverse=True)
