"""The grams of a longer search are joined rarest first even when several are common: counted
to ``_RANK_CAP`` they tied, and the search was joined from the first typed (five digits of a
phone, "0948165", from "094", held by every phone starting 094: 100 ms for the first page at
1,000,000 orders on SQLite, 18 ms from its rarest trigram).  And digits typed with a dash
(``EitherSearch``) are looked for in one set of candidates, the union of both lookups
(MariaDB read every order to test two ``IN``s joined by ``OR``)."""

import peewee as pw
from search_shop import place

from app.domain.tabs import OrderTab
from app.models.tables import Order
from app.services import search


def test_common_grams_are_told_apart_beyond_the_cap(shop, monkeypatch):
    # 12 phones hold "777", 5 of them "888" too, 4 others "999": all three tie at a cap of 3
    for i in range(12):
        phone = "0977799900" if i < 4 else "0977788800" if i < 9 else "0977700000"
        place(shop, f"買家{i}", phone=phone, email=f"b{i}@x.tw", minutes=i)
    monkeypatch.setattr(search, "_RANK_CAP", 3)
    monkeypatch.setattr(search, "_RANK_FAR", 100)
    search._ranked_on.cache_clear()
    assert search._ranked(["777", "888", "999"]) == ["999", "888", "777"]
    search._ranked_on.cache_clear()
    monkeypatch.setattr(search, "_RANK_FAR", 3)  # no further count: the typed order stands
    assert search._ranked(["777", "888", "999"]) == ["777", "888", "999"]
    search._ranked_on.cache_clear()


def test_digits_typed_with_a_dash_are_one_set_of_candidates(shop):
    either = search.Search.of("0948-165")
    assert isinstance(either, search.EitherSearch)
    sql, _params = Order.select(Order.id).where(either.cond(search.IN)).sql()
    assert sql.count(" IN (") == 1 and " UNION " in sql, sql
    sql, _params = Order.select(Order.id).where(either.cond(search.EXISTS)).sql()
    assert " UNION " not in sql  # walking an index, each order tested: two EXISTS
    assert isinstance(either.cond(search.IN), pw.Expression)


def test_a_page_of_few_candidates_intersects_the_grams_once(shop):
    """Five digits of a phone: the look that tells the candidates are few (``many``'s bound)
    finds them all, and the page names them (``Search.page_cond``) — the grams were
    intersected twice, counted to the bound then again for the page (33 + 34 ms on PostgreSQL
    at 1,000,000 orders)."""
    from app.models.db import database
    from app.services import queries

    for i in range(6):
        place(shop, f"買家{i}", phone=f"09{i}1234567", email=f"c{i}@x.tw", minutes=i)
    f = queries.OrderFilter(search="34567")
    queries.fetch_orders(f)  # the grams ranked (remembered for the next look)
    db = database.obj
    seen: list = []
    real = db.execute_sql
    db.execute_sql = lambda sql, params=None, *a, **k: seen.append(sql) or real(sql, params, *a, **k)
    try:
        rows, _more = queries.fetch_orders(f)
    finally:
        db.execute_sql = real
    assert len(rows) == 6
    assert sum("order_gram" in sql for sql in seen) == 1, seen


def test_digits_with_a_dash_are_counted_on_one_derived_table(shop):
    """The counts of digits typed with a dash join the orders to the union of both lookups
    (a derived table): MariaDB ran ``IN`` over a ``UNION`` for every order (381 ms at 100,000
    orders), and two ``IN``s joined by ``OR`` by testing every order (120 ms)."""
    from app.models.db import database
    from app.services import queries

    for i in range(4):
        place(shop, f"買家{i}", phone=f"09{i}8165000", email=f"d{i}@x.tw", minutes=i)
    db = database.obj
    seen: list = []
    real = db.execute_sql
    db.execute_sql = lambda sql, params=None, *a, **k: seen.append(sql) or real(sql, params, *a, **k)
    try:
        counts = queries.count_orders(queries.OrderFilter(search="8165-000"))
    finally:
        db.execute_sql = real
    assert counts[OrderTab.ALL] == 4  # as a phone keeps it, "8165000"; as typed, none
    (sql,) = [q for q in seen if "GROUP BY" in q and "order_gram" in q]
    assert '"either_ids"' in sql and " UNION " in sql, sql
