"""Issue 17 item 4 on PostgreSQL and MariaDB: the method filters (list and counts) and the
等待天數 sort paged by keyset on the order date."""

from __future__ import annotations

from datetime import datetime, timedelta

from app.domain.tabs import OrderTab
from app.services import queries


def test_method_filters_and_the_age_sort(server_db, shop, place):
    now = datetime(2026, 11, 1, 2, 0)
    ids = {}
    for days in (1, 3, 6, 9):
        kw = {"order_date": now - timedelta(days=days)}
        if days == 6:
            kw["payment"] = shop["card"]
        if days == 9:
            kw["shipping"] = shop["post"]
        ids[days] = place(**kw)
    card = queries.OrderFilter(tab=OrderTab.UNPAID, payment_method_id=shop["card"].id)
    assert [r.id for r in queries.fetch_orders(card)[0]] == [ids[6]]
    assert queries.count_orders(card)[OrderTab.UNPAID] == 1
    post = queries.OrderFilter(shipping_method_id=shop["post"].id)
    assert queries.count_orders(post)[OrderTab.ALL] == 1
    f = queries.OrderFilter(tab=OrderTab.UNPAID, sort="age", descending=True)
    rows, cursor = queries.fetch_orders(f, None, 2)
    while cursor is not None:
        more, cursor = queries.fetch_orders(f, cursor, 2)
        rows += more
    assert [r.id for r in rows] == [ids[d] for d in (9, 6, 3, 1)]
