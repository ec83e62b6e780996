"""The truth a paged list is checked against (a plain SELECT … ORDER BY written apart from the
pager's segments) and a model read whole with its pages reached in any order
(tests/test_paged_search_steps.py, tests/test_paged_count_grows.py)."""
from __future__ import annotations

import random

import peewee as pw

from app.domain.statuses import OrderStatus
from app.models.tables import Order
from app.services import queries
from app.services.search import IN, Search
from app.views.paged_model import PagedTableModel

COL = {"order_no": Order.order_no, "order_date": Order.order_date, "status_since": Order.status_since,
       "payment_method": Order.payment_method_name, "shipping_method": Order.shipping_method_name,
       "buyer_name": Order.buyer_name, "buyer_phone": Order.buyer_phone, "total": Order.total}


def truth_ids(f: queries.OrderFilter) -> list[int]:
    """The ids ``f`` lists, in an ORDER BY written here (not the pager's segments)."""
    conds = queries._order_where(f)  # the filter as the lists write it: the order is the question
    s = Search.of(f.search)
    if s is not None:
        conds.append(s.cond(IN))
    desc = f.descending
    sort = f.sort
    if sort == "age":
        sort, desc = "status_since", not desc
    if sort in COL:
        keys = [COL[sort], Order.id]
    elif sort == "status":
        rank = pw.Case(Order.status, [(st.value, i) for i, st in enumerate(OrderStatus)])
        keys = [rank, Order.order_date, Order.id]
    elif sort == "store":
        stores = sorted((name, sid) for sid, name in queries.list_stores())
        srank = pw.Case(Order.store, [(sid, i) for i, (_n, sid) in enumerate(stores)])
        rank = pw.Case(Order.status, [(st.value, i) for i, st in enumerate(OrderStatus)])
        keys = [srank, rank, Order.order_date, Order.id]
    elif sort == "ship_date":
        keys = [pw.Case(None, [(Order.ship_date.is_null(), 0)], 1), Order.ship_date, Order.id]
    else:
        raise ValueError(sort)
    q = Order.select(Order.id)
    if conds:
        q = q.where(*conds)
    q = q.order_by(*[k.desc() if desc else k.asc() for k in keys])
    return [i for (i,) in q.tuples()]


def read_all(m: PagedTableModel, rng: random.Random) -> list:
    """Every row's id, its pages reached in random order (far jumps, from the end, from
    cached pages); None where the model has no row."""
    n = m.rowCount()
    ps = m.page_size
    pages = list(range((n + ps - 1) // ps))
    rng.shuffle(pages)
    got: list = [None] * n
    for k in pages:
        first = k * ps
        last = min(first + ps, n)
        m.row_at(rng.randrange(first, last))  # the page read from a row of it, as a jump lands
        for i in range(first, last):
            r = m.row_at(i)
            got[i] = r.id if r is not None else None
    return got

