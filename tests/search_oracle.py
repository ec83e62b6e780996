"""A naive Python oracle of the lists' search (app/services/search.py, documented rule), and the
list/counts as the app gives them, for the search tests of awkward texts
(test_search_case_fold.py and its siblings).

The documented rule (search.py, grams.py, docs/PERFORMANCE.md "Search by any fragment"):

* the text is stripped; empty: no search;
* with "-" and " " removed, all digits (a leading "+" kept): those digits (as a phone keeps
  them) or the text as typed (as a tracking number keeps its dashes);
* 1-2 digits: a prefix of the phone, or of the order number after its "O";
  "O" and 1 digit (any case): a prefix of the order number;
* other 1-2 characters: a fragment of the buyer name;
* 3 and more: a fragment of order number, phone, e-mail, tracking number or buyer name;
* case folded as the database's ``LOWER`` folds it: A-Z on SQLite, every cased letter on the
  servers ("Latin letters in any case"; PostgreSQL and MariaDB fold É, Ж, Ａ and İ too).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import lru_cache

from app.domain.bounds import storable
from app.domain.tabs import OrderTab
from app.models.db import database
from app.models.proxy import is_sqlite
from app.models.tables import Order
from app.services import queries

_FOLD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def fold(s: str) -> str:
    """``s`` folded as the database's ``LOWER`` folds it: A-Z in Python where that is all it
    can fold (SQLite, or no cased letter beyond ASCII), else the server's answer."""
    s = s or ""
    if is_sqlite() or all(c.lower() == c == c.upper() for c in s if c > "\x7f"):
        return s.translate(_FOLD)
    return _server_lower(id(database.obj), s)


@lru_cache(maxsize=4096)
def _server_lower(_db: int, s: str) -> str:
    db = database.obj
    (low,) = db.execute_sql(f"SELECT LOWER({db.param})", (s,)).fetchone()
    return low


def matches(text: str, o: dict) -> bool:
    t = storable(text).strip()  # NUL and lone surrogates dropped (ListFilter, documented)
    if not t:
        return True
    compact = t.replace("-", "").replace(" ", "")
    if compact != t and compact.lstrip("+").isdigit():  # as a phone keeps it, or as typed
        return _matches(compact, o) or _matches(t, o)
    return _matches(t, o)


def _matches(t: str, o: dict) -> bool:
    digits = t.isdigit()
    q = t if digits else fold(t)
    up = t.upper()
    if len(q) <= 2 and digits:
        return (o["buyer_phone"] or "").startswith(q) or o["order_no"].startswith("O" + q)
    if len(q) <= 2 and up.startswith("O") and up[1:].isdigit():
        return o["order_no"].startswith(up)
    if len(q) <= 2:
        return q in fold(o["buyer_name"])
    cols = (o["order_no"], o["buyer_name"], o["buyer_phone"], o["buyer_email"], o["tracking_no"] or "")
    return any(q in fold(c) for c in cols)


def all_orders() -> list[dict]:
    return list(Order.select(Order.id, Order.order_no, Order.buyer_name, Order.buyer_phone, Order.buyer_email,
                             Order.tracking_no, Order.status, Order.store, Order.order_date,
                             Order.payment_method, Order.shipping_method).dicts())


def oracle_orders(text: str, orders=None, **kw) -> dict[OrderTab, list[int]]:
    """Each tab's ids the documented rule selects (``kw``: store_id, payment/shipping ids)."""
    orders = all_orders() if orders is None else orders
    out = {}
    for tab in OrderTab:
        ids = []
        for o in orders:
            if kw.get("store_id") is not None and o["store"] != kw["store_id"]:
                continue
            if kw.get("payment_method_id") is not None and o["payment_method"] != kw["payment_method_id"]:
                continue
            if kw.get("shipping_method_id") is not None and o["shipping_method"] != kw["shipping_method_id"]:
                continue
            if tab.statuses is not None and o["status"] not in {s.value for s in tab.statuses}:
                continue
            od = o["order_date"]
            if isinstance(od, str):
                od = datetime.fromisoformat(od)
            if kw.get("date_from") is not None and od < queries.local_day_start_utc(kw["date_from"]):
                continue
            if kw.get("date_to") is not None and od >= queries.local_day_start_utc(kw["date_to"] + timedelta(days=1)):
                continue
            if matches(text, o):
                ids.append(o["id"])
        out[tab] = sorted(ids)
    return out


def listed_orders(f: queries.OrderFilter, limit: int = 7) -> list[int]:
    rows, cursor = queries.fetch_orders(f, limit=limit)
    while cursor is not None:
        more, cursor = queries.fetch_orders(f, cursor, limit=limit)
        rows += more
    ids = [r.id for r in rows]
    assert len(ids) == len(set(ids)), ("a row listed twice", f)
    return sorted(ids)


def app_orders(text: str, *, tabs=(OrderTab.ALL,), limit: int = 7, **kw) -> tuple[dict, dict]:
    """(rows per tab over all pages, count per tab) as the app gives them."""
    counts = queries.count_orders(queries.OrderFilter(search=text, **kw))
    rows = {tab: listed_orders(queries.OrderFilter(search=text, tab=tab, **kw), limit) for tab in tabs}
    return rows, counts


def mismatches(texts, orders=None, *, tabs=tuple(OrderTab), **kw) -> list:
    """Each (text, tab, what, app, oracle) where the app differs from the oracle."""
    orders = all_orders() if orders is None else orders
    bad = []
    for text in texts:
        want = oracle_orders(text, orders, **kw)
        try:
            rows, counts = app_orders(text, tabs=tabs, **kw)
        except Exception as exc:  # noqa: BLE001
            bad.append((text, None, "error", repr(exc)[:200], None))
            continue
        for tab in tabs:
            if rows[tab] != want[tab]:
                bad.append((text, tab, "rows", rows[tab][:8], want[tab][:8]))
        for tab in OrderTab:
            if counts[tab] != len(want[tab]):
                bad.append((text, tab, "count", counts[tab], len(want[tab])))
    return bad
