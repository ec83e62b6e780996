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

SORTS = ["order_no", "order_date", "status_since", "age", "status", "ship_date", "store",
         "payment_method", "shipping_method", "buyer_name", "buyer_phone", "total"]
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


def read_all(m: PagedTableModel, rng: random.Random, *, mode="random") -> list:
    """Every row's id, its pages reached in ``mode`` order (random / reverse / forward /
    neighbours); None where the model has no row."""
    n = m.rowCount()
    ps = m.page_size
    pages = list(range((n + ps - 1) // ps))
    if mode == "random":
        rng.shuffle(pages)
    elif mode == "reverse":
        pages.reverse()
    elif mode == "neighbours":  # a far jump, then crawl out both ways from it
        if pages:
            mid = rng.choice(pages)
            out = [mid]
            lo, hi = mid - 1, mid + 1
            while lo >= 0 or hi < len(pages):
                if hi < len(pages) and (lo < 0 or rng.random() < 0.5):
                    out.append(hi)
                    hi += 1
                else:
                    out.append(lo)
                    lo -= 1
            pages = out
    got: list = [None] * n
    for k in pages:
        first = k * ps
        last = min(first + ps, n)
        r = m.row_at(rng.randrange(first, last))
        for i in range(first, last):
            r = m.row_at(i)
            got[i] = r.id if r is not None else None
    return got

