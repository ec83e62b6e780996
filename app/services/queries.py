"""Read-side queries for the list pages and the detail views.

Sorting, searching and filtering happen here, in SQL on indexes (docs/PERFORMANCE.md): pages of
rows come by keyset on (sort column, id) — a row-value comparison the index can use — and
the counts by one indexed COUNT per status.  Views get plain dataclasses, never peewee rows.
"""

from __future__ import annotations

import math
import operator
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache, reduce

import peewee as pw

from app.domain.bounds import storable
from app.domain.later import dataclass_when_used
from app.domain.statuses import CancelAction, CancelStatus, OrderAction, OrderStatus
from app.domain.tabs import REFUND_FAILED, REFUNDED, REVIEWED, CancelTab, OrderTab, cancel_tab_date
from app.models import grams
from app.models.db import database, own_connection, server_errors
from app.models.tables import (
    CancellationRequest,
    CancelStatusCount,
    GramStatusCount,
    Order,
    OrderGram,
    OrderHourCount,
    OrderMethodCount,
    OrderStatusCount,
    PaymentMethod,
    PaymentNotice,
    ShippingMethod,
    StatusHistory,
    Store,
)

from . import shop_clock
from .keyset import Cursor, Pager, Segment

PAGE = 200


# ---------------------------------------------------------------- shared helpers


def local_day_start_utc(d: date) -> datetime:
    """The UTC instant (naive) at which the shop's day ``d`` begins."""
    return shop_clock.day_start_utc(d)


def utc_to_local(dt: datetime | None) -> datetime | None:
    """A stored naive-UTC time as the shop's naive local time, for display and export."""
    if dt is None:
        return None
    return shop_clock.to_local(dt)


def _date_range(col, date_from: date | None, date_to: date | None):
    conds = []
    if date_from:
        conds.append(col >= local_day_start_utc(date_from))
    if date_to:
        conds.append(col < local_day_start_utc(date_to.fromordinal(date_to.toordinal() + 1)))
    return conds


def _search_text(text: str) -> tuple[str, bool]:
    """What a search looks for (A–Z folded; a phone typed with dashes or spaces as its
    digits), and whether it is all digits."""
    text = text.strip()
    compact = text.replace("-", "").replace(" ", "")
    if compact.isdigit():
        return compact, True
    return grams.fold(text), False


#: How a search's gram test is written (``Search.cond``): an ``IN`` over the grams' orders, or
#: a correlated ``EXISTS`` per order (the counts join them: ``Search.joined``).
IN, EXISTS = "in", "exists"
#: A row read by id for a page costs about this many rows walked on the sort's index with a
#: probe of the grams each (SQLite at 100,000 orders: 1.4 µs against 0.43 µs).
_CANDIDATE_COST = 3.3
#: A gram's orders are counted up to this many when ranking a search's grams.
_RANK_CAP = 5000
#: PostgreSQL counts a longer search's orders in one pass over the table, testing each
#: (``Search.counts_in_one_pass``), when its rarest gram is held by more than this share of
#: the orders: the pass costs about a quarter of what intersecting the grams' orders and
#: reading each by id costs an order found (1M orders: 1.1 µs an order against 4.7).
SCAN_SHARE = 0.25


def _holds(col, folded: str):
    """``LOWER(col)`` holds ``folded`` (A–Z folded) anywhere: SQLite's ``LIKE`` and MariaDB's
    (in a ``_ci`` collation) fold case themselves; on PostgreSQL a plain ``LIKE`` — ``LOWER``
    has folded the column, the text is folded — rather than ``ILIKE``, which folds both sides
    again for every row (a third of a pass over a million orders).  ``LOWER(col)`` as it is:
    PostgreSQL's statistics of it (migration 26) estimate the test."""
    test = pw.fn.LOWER(col).contains(folded)
    if isinstance(database.obj, pw.PostgresqlDatabase):
        test = pw.Expression(test.lhs, pw.OP.LIKE, test.rhs)
    return test


def _orders_total() -> int:
    """How many orders the shop has (the counter's sum)."""
    return int(OrderStatusCount.select(pw.fn.SUM(OrderStatusCount.n)).scalar() or 0)  # MariaDB: Decimal


@dataclass_when_used(frozen=True)
class Search:
    """How the search box's text selects orders, by the gram index (``app/models/grams.py``).

    One or two characters: the buyer names holding them (their gram); digits that short, or
    ``O`` and digits, keep the indexed prefix ranges of order number and phone (``prefix``),
    or, when the counter says they hold many orders, test the first characters of each order
    read on the sort's index (``bare``).  The counts of one or two characters of a name or of
    such a prefix come from the counter (``key``, migrations 24 and 28).
    Three: the orders holding that trigram.  Longer: the orders holding its trigrams
    (``grams.query_grams``), checked with ``LIKE`` on the five columns (``check``).  The grams
    are joined rarest first (each counted up to ``_RANK_CAP``)."""

    wanted: tuple[str, ...] = ()
    check: object = None
    prefix: object = None
    #: A prefix search's test without its ranges (``cond(EXISTS)``: read on the sort's index),
    #: and its key in the counter (``gram_status_count``, migration 24).
    bare: object = None
    key: str | None = None

    @classmethod
    def of(cls, text: str) -> Search | None:
        folded, digits = _search_text(text)
        if not folded:
            return None
        upper = text.strip().upper()
        if len(folded) <= 2 and (digits or (upper.startswith("O") and upper[1:].isdigit())):
            # The range finds the rows on the column's index, the first characters make it a
            # prefix exactly (as the counter's keys: ``grams._keys_of``).
            tests = [(Order.order_no, upper)] if not digits else [(Order.buyer_phone, folded),
                                                                 (Order.order_no, "O" + folded)]
            prefix = reduce(operator.or_, ((col >= p) & (col < p + "~") & (pw.fn.SUBSTR(col, 1, len(p)) == p)
                                           for col, p in tests))
            bare = reduce(operator.or_, (pw.fn.SUBSTR(col, 1, len(p)) == p for col, p in tests))
            return cls(prefix=prefix, bare=bare, key=grams.MARK + (folded if digits else upper))
        wanted = _ranked(grams.query_grams(folded))
        check = None
        if len(folded) > 3:
            check = reduce(operator.or_, (_holds(getattr(Order, c), folded) for c in grams.COLUMNS))
        return cls(tuple(wanted), check)

    def cond(self, how: str = IN):
        """The condition on ``Order``, written as ``how`` (``IN`` or ``EXISTS``; a prefix:
        on the columns' indexes, or tested on each order)."""
        if self.prefix is not None:
            return self.bare if how == EXISTS else self.prefix
        if how == EXISTS:
            probes = [OrderGram.alias(f"og{i}") for i in range(len(self.wanted))]
            match = reduce(operator.and_, (pw.fn.EXISTS(
                og.select(pw.SQL("1")).where((og.gram == g) & (og.order_id == Order.id)))
                for og, g in zip(probes, self.wanted, strict=True)))
        else:
            match = Order.id.in_(_gram_orders(self.wanted))
        return match if self.check is None else match & self.check

    def joined(self, q):
        """``q`` (a query of ``Order``) narrowed to the search's orders, and the conditions left
        to add: one gram is joined (its orders read by id, in its key's order); several are
        intersected first (``IN``: SQLite would read each order of the first gram before
        probing the others)."""
        if self.prefix is not None:
            return q, [self.prefix]
        if len(self.wanted) > 1:
            return q, [self.cond(IN)]
        og = OrderGram.alias("og0")
        q = q.join(og, on=((og.gram == self.wanted[0]) & (og.order_id == Order.id))).switch(Order)
        return q, [] if self.check is None else [self.check]

    def counted(self) -> str | None:
        """The key under which the counter table counts the search's orders (migration 24:
        one character of a name, or a prefix of one or two digits; migration 28: two
        characters of a name, unless the first is ``#``, the prefixes' mark), or None (a
        longer search)."""
        if self.key is not None:
            return self.key
        if self.prefix is None and len(self.wanted) == 1 and grams.name_key(self.wanted[0]):
            return self.wanted[0]
        return None

    def many(self) -> bool:
        """Whether so many orders hold the grams that a page is found faster walking the sort's
        index (``EXISTS``) than reading the candidates by id: more of them than the square
        root of ``_CANDIDATE_COST`` × 200 × the orders (where the two cost the same), counted
        up to that bound (or read from the counter)."""
        bound = max(int(math.sqrt(PAGE * _orders_total() / _CANDIDATE_COST)), PAGE)
        return self.found_upto(bound) >= bound

    def counts_in_one_pass(self, *, rarest_within: int | None = None) -> bool:
        """Whether its orders are counted faster testing every order (``check``, one pass over
        the table) than intersecting the orders of its grams: a longer search on PostgreSQL
        whose rarest gram more than ``SCAN_SHARE`` of the orders hold (``gmail`` at 1,000,000
        orders: 1.1 s against 2.8).  The pass finds the same orders: what holds the text holds
        its grams.  Not on SQLite, which reads its orders by id as fast as in a pass, nor on
        MariaDB, whose check in a ``_ci`` collation takes "à" for "a" where the grams do not.
        ``rarest_within``: its rarest gram's orders are known to be no more (not counted again)."""
        if self.check is None or not isinstance(database.obj, pw.PostgresqlDatabase):
            return False
        bound = max(int(_orders_total() * SCAN_SHARE), 1)
        if rarest_within is not None and rarest_within < bound:
            return False
        return self.found_upto(bound, rarest=True) >= bound

    def found_upto(self, cap: int, *, rarest: bool = False) -> int:
        """How many orders hold the search's grams (before its ``LIKE`` check), counted up to
        ``cap`` — or read from the counter, whole (a prefix of "0" held every order: 4.3 s
        on its ranges).  ``rarest``: the orders holding its rarest gram, a bound on those
        holding them all read on one gram's key (intersecting ``gmail``'s three grams up to
        30,000 orders took 37 ms at 100,000 orders; one gram's 30,000, 2 ms)."""
        key = self.counted()
        if key is not None:
            c = GramStatusCount
            return int(c.select(pw.fn.SUM(c.n)).where(c.gram == key).scalar() or 0)  # MariaDB: Decimal
        return _count_upto(_gram_orders(self.wanted[:1] if rarest else self.wanted, ordered=True), cap)

    def finds_more_than(self, n: int) -> bool:
        """Whether counting the search's orders would read more than ``n`` of them (its rarest
        gram's, or the counter's): ``count_orders(within=…)``."""
        return self.found_upto(n + 1, rarest=True) > n


def _gram_orders(wanted, *, ordered: bool = False):
    """The ids of the orders holding every gram of ``wanted``: the first gram's orders, each
    probed for the others on the index's key.  ``ordered``: in the key's order, for a count up
    to a bound (PostgreSQL, taking the first 30,001 of a gram's 600,000 orders to lie anywhere
    in the table, read it from its start instead of the key: 135 ms against 3 at 1,000,000
    orders; the grams were copied in sorted by gram)."""
    first = OrderGram.alias("og0")
    q = first.select(first.order_id)
    for i, g in enumerate(wanted[1:], 1):
        other = OrderGram.alias(f"og{i}")
        q = q.join(other, on=((other.gram == g) & (other.order_id == first.order_id)))
    q = q.where(first.gram == wanted[0])
    return q.order_by(first.order_id) if ordered else q


def _ranked(wanted) -> list:
    """A search's grams rarest first (each counted up to ``_RANK_CAP``).  Remembered for the
    last few searches: a refresh asks for its page and its counts, a cancellation tab for each
    tab, and the order only decides which gram is joined first, never what is found."""
    wanted = tuple(wanted)
    if len(wanted) < 2:
        return list(wanted)
    return list(_ranked_on(id(database.obj), wanted))


@lru_cache(maxsize=16)
def _ranked_on(_db: int, wanted: tuple) -> tuple:
    size = {g: _count_upto(_gram_orders([g], ordered=True), _RANK_CAP) for g in wanted}
    return tuple(sorted(wanted, key=lambda g: size[g]))


def _count_upto(q, cap: int) -> int:
    """How many rows ``q`` has, counted up to ``cap``."""
    return OrderGram.select(pw.fn.COUNT(pw.SQL("*"))).from_(q.limit(cap).alias("c")).scalar() or 0


def _walk_all(pager: Pager, cursor: Cursor | None, limit: int):
    """``limit`` rows after ``cursor`` and the cursor of the next page (None at the end): the
    one-way form the tour, the tests and the benchmarks use."""
    got = pager.forward(cursor, limit)
    rows = [row for row, _key in got]
    if len(rows) < limit:
        return rows, None
    return rows, got[-1][1]


@dataclass(frozen=True)
class ListSource:
    """What a paged table reads: ``pager(filter)`` (a ``keyset.Pager`` of the filter's rows in
    its sort order) and ``count(filter)`` (how many rows its tab has)."""

    pager: Callable[[object], Pager]
    count: Callable[[object], int]
    #: The names of the pager's ``thin`` values, as the rows' attributes.
    thin: tuple[str, ...] = ()


def tab_counts(tabs, by_status: dict[str, int]) -> dict:
    """Each tab's count from the rows per status: the sum over the statuses the tab shows
    (every status for a tab whose ``statuses`` is None)."""
    return {tab: sum(n for s, n in by_status.items() if tab.statuses is None or s in tab.statuses)
            for tab in tabs}


# ---------------------------------------------------------------- orders


@dataclass(frozen=True)
class ListFilter:
    """What both list pages filter and sort by, beside their tab: the search box, the date
    range, the store, the direction of the sort.  Characters no column holds (NUL, a lone
    surrogate: PostgreSQL's driver refuses them) are dropped from the search."""

    search: str = ""
    date_from: date | None = None
    date_to: date | None = None
    store_id: int | None = None
    descending: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "search", storable(self.search))


@dataclass(frozen=True)
class OrderFilter(ListFilter):
    tab: OrderTab = OrderTab.ALL
    sort: str = "order_date"
    #: The order's payment and shipping method (their ids; None: any).
    payment_method_id: int | None = None
    shipping_method_id: int | None = None


#: Statuses whose orders wait for the shop: an order in one of them for long is marked.
WAITING_STATUSES = frozenset({OrderStatus.PAID, OrderStatus.AWAITING_SHIPMENT, OrderStatus.OUT_OF_STOCK})

#: Sorts that read another key backwards: the waiting time (等待天數) is the time since the
#: order entered its status, so the longest wait first is the oldest ``status_since`` first,
#: on the (status, status_since, id) index.
REVERSED_SORTS = {"age": "status_since"}


#: The sortable columns: key -> the column, a never-NULL one paged by (column, id) on its index.
#: The status (in its lifecycle order), the store (by its name) and the ship date (NULL until
#: shipped) are cut into segments instead (``_order_segments``).
ORDER_SORTS = {
    "order_no": Order.order_no,
    "order_date": Order.order_date,
    "status_since": Order.status_since,
    "status": Order.status,
    "ship_date": Order.ship_date,
    "store": Order.store,
    "payment_method": Order.payment_method_name,
    "shipping_method": Order.shipping_method_name,
    "buyer_name": Order.buyer_name,
    "buyer_phone": Order.buyer_phone,
    "total": Order.total,
}


def latest_notice_amounts(order_ids: list[int]) -> dict[int, int]:
    """Each order's latest payment notice amount (the bulk 確認付款 preview compares them with
    the totals); orders without a notice are left out."""
    out: dict[int, int] = {}
    for i in range(0, len(order_ids), 500):
        q = (PaymentNotice.select(PaymentNotice.order, PaymentNotice.amount)
             .where(PaymentNotice.order.in_(order_ids[i:i + 500])).order_by(PaymentNotice.id).tuples())
        for oid, amount in q:
            out[oid] = amount  # the later notice wins
    return out


@dataclass(frozen=True)
class OrderRow:
    id: int
    order_no: str
    order_date: datetime  # UTC
    status: OrderStatus
    ship_date: date | None
    store_id: int
    payment_method: str
    shipping_method: str
    buyer_name: str
    buyer_phone: str
    subtotal: int
    shipping_fee: int
    total: int
    version: int
    #: How many notes clerks added (the lists' 備註 mark; a column, not a query per row).
    note_count: int = 0
    #: Cash on delivery: the carrier collects (【接單】, 已取貨, 未取件退回; no payment notice).
    cod: bool = False
    #: When it entered its status (UTC): the 等待天數.
    status_since: datetime | None = None
    #: The tracking number once shipped (a list column), and its carrier.
    tracking_no: str | None = None
    carrier: str | None = None
    #: A convenience-store pickup's store (name and code), None for a delivery.
    pickup_store_code: str | None = None
    pickup_store_name: str | None = None


_ORDER_ROW_COLS = (
    Order.id, Order.order_no, Order.order_date, Order.status, Order.ship_date, Order.store,
    Order.payment_method_name, Order.shipping_method_name, Order.buyer_name, Order.buyer_phone,
    Order.subtotal, Order.shipping_fee, Order.total, Order.version, Order.note_count, Order.collect_on_delivery,
    Order.status_since,
    Order.tracking_no, Order.carrier, Order.pickup_store_code, Order.pickup_store_name,
)


def _order_where(f: OrderFilter, *, with_tab: bool = True):
    """The conditions of ``f``'s tab, store, methods and dates (its search: ``Search``)."""
    conds = []
    if with_tab and f.tab.statuses is not None:
        statuses = sorted(f.tab.statuses)
        conds.append(Order.status == statuses[0] if len(statuses) == 1 else Order.status.in_(statuses))
    if f.store_id is not None:
        conds.append(Order.store == f.store_id)
    if f.payment_method_id is not None:
        conds.append(Order.payment_method == f.payment_method_id)
    if f.shipping_method_id is not None:
        conds.append(Order.shipping_method == f.shipping_method_id)
    conds += _date_range(Order.order_date, f.date_from, f.date_to)
    return conds


def _order_row(t) -> OrderRow:
    (oid, no, odate, status, sdate, store, pm, sm, name, phone, sub, fee, total, ver, notes, cod, since,
     tracking, carrier, pickup_code, pickup_name) = t
    if isinstance(odate, str):  # SQLite hands back text for some drivers
        odate = datetime.fromisoformat(odate)
    if isinstance(sdate, str):
        sdate = date.fromisoformat(sdate)
    if isinstance(since, str):
        since = datetime.fromisoformat(since)
    return OrderRow(oid, no, odate, OrderStatus(status), sdate, store, pm, sm, name, phone, sub,
                    fee, total, ver, notes or 0, bool(cod), since or odate, tracking, carrier, pickup_code,
                    pickup_name)


def _sort_of(f: OrderFilter) -> tuple[str, bool]:
    """The key ``f`` sorts by in ``ORDER_SORTS`` and its direction (an age sorts by date)."""
    if f.sort in REVERSED_SORTS:
        return REVERSED_SORTS[f.sort], not f.descending
    return (f.sort if f.sort in ORDER_SORTS else "order_date"), f.descending


def _null_split(col, id_col) -> list[Segment]:
    """A nullable column's order: its NULL rows first (by id), then the rest by (column, id),
    each on the (…, column, id) index (``IS NULL`` is a range of that index too)."""
    return [Segment((col.is_null(),), (id_col,)), Segment((col.is_null(False),), (col, id_col))]


def _order_segments(f: OrderFilter) -> list[Segment]:
    """The order of ``f``'s sort as segments (``keyset``), each one served by an index of
    ``Order.Meta.indexes`` with the tab's status in front."""
    sort_key, _descending = _sort_of(f)
    oid = Order.id
    shown = [s for s in OrderStatus if f.tab.statuses is None or s in f.tab.statuses]
    if sort_key == "status":  # lifecycle order, each status by date on (status, date, id)
        return [Segment((Order.status == s.value,), (Order.order_date, oid)) for s in shown]
    if sort_key == "store":  # by name, as the column shows it; in a store by status, then
        # date, on the (store, status, date) index
        stores = sorted((name, sid) for sid, name in list_stores() if f.store_id in (None, sid))
        return [Segment((Order.store == sid, Order.status == s.value), (Order.order_date, oid))
                for _name, sid in stores for s in shown]
    if sort_key == "ship_date":
        return _null_split(Order.ship_date, oid)
    return [Segment((), (ORDER_SORTS[sort_key], oid))]


def _filtered(f: OrderFilter, *, page: bool = True):
    """The rows ``f`` selects, unordered.  ``page``: read a page at a time (a search most
    orders match walks the sort's index: ``Search.many``); else all of them (export)."""
    q = Order.select(*_ORDER_ROW_COLS)
    conds = _order_where(f)
    search = Search.of(f.search)
    if search is not None:
        conds.append(search.cond(EXISTS if page and search.many() else IN))
    return q.where(*conds) if conds else q


def _forced(f: OrderFilter, segments: list[Segment]) -> list[Segment]:
    """On MariaDB, each segment with the index it is read by named (``Segment.index``).
    Its planner reads ``status = ? AND order_date < ? ORDER BY order_date DESC LIMIT 200`` on
    the (status, order_date, id) index by the status alone (``ref``), stepping through every
    row of the status past the cursor: a page from the middle of 已完成 at 100,000 orders took
    158 ms, and 12.7 ms with the index named.  Only a tab's plain list: under a search or a
    filter another index may be the one to read."""
    db = database.obj
    if not isinstance(db, pw.MySQLDatabase) or (
            f.search or f.date_from or f.date_to or f.store_id is not None
            or f.payment_method_id is not None or f.shipping_method_id is not None):
        return segments
    statuses = f.tab.statuses
    lead = ["status"] if statuses is not None and len(statuses) == 1 else []
    named = _index_names(db, Order)
    out = []
    for seg in segments:
        # The columns the segment holds to one value: its status and store, a NULL ship date.
        fixed = [e.lhs.column_name for e in seg.where
                 if isinstance(e, pw.Expression) and isinstance(e.lhs, pw.Field)
                 and (e.op == pw.OP.EQ or (e.op == pw.OP.IS and e.rhs is None))]
        wanted = ([] if "status" in fixed else lead) + fixed + [k.column_name for k in seg.keys]
        # InnoDB ends every index with the primary key: (buyer_phone) is (buyer_phone, id).
        index = named.get(tuple(wanted)) or named.get(tuple(wanted[:-1]))
        out.append(replace(seg, index=index) if index else seg)
    return out


_INDEX_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _index_names(db: pw.Database, model) -> dict[tuple, str]:
    """The table's indexes by their columns (read once per connection)."""
    found = _INDEX_NAMES.setdefault(db, {})
    table = model._meta.table_name
    if table not in found:
        found[table] = {tuple(i.columns): i.name for i in db.get_indexes(table)}
    return found[table]


def order_pager(f: OrderFilter) -> Pager:
    """``f``'s rows in its sort order, a page at a time (``keyset.Pager``)."""
    return Pager(_filtered(f), _forced(f, _order_segments(f)), _sort_of(f)[1], _order_row,
                 len(_ORDER_ROW_COLS),
                 thin=(Order.status, Order.collect_on_delivery), thin_convert=_thin_order)


#: What a large selection of orders reads first (``keyset.Pager.thin``): what decides which
#: actions fit (``order_actions.ActionSpec.enabled``); the rest when it is needed.
THIN_ORDER = ("status", "cod")


_ORDER_STATUS = {s.value: s for s in OrderStatus}


def _thin_order(t) -> tuple:
    return _ORDER_STATUS[t[0]], bool(t[1])


def segments_order(segments: list[Segment]) -> list:
    """The ORDER BY of a whole list in one statement (export): the segment's number, then the
    keys of the longest segment (a NULL segment's missing column is NULL on all its rows)."""
    keys = list(max(segments, key=lambda seg: len(seg.keys)).keys)
    if len(segments) == 1:
        return keys
    number = pw.Case(None, [(pw.NodeList(seg.where, " AND "), i) for i, seg in enumerate(segments)],
                     len(segments))
    return [number, *keys]


def order_query(f: OrderFilter):
    """The peewee query of every row ``f`` selects, in its sort order (for export)."""
    order = segments_order(_order_segments(f))
    return _filtered(f, page=False).order_by(*[o.desc() if _sort_of(f)[1] else o.asc() for o in order])


def fetch_orders(
    f: OrderFilter, cursor: Cursor | None = None, limit: int = PAGE
) -> tuple[list[OrderRow], Cursor | None]:
    """One page of the rows ``f`` selects, and the cursor of the next page (None at the end)."""
    return _walk_all(order_pager(f), cursor, limit)


ORDERS = ListSource(order_pager, lambda f: count_orders(f)[f.tab], THIN_ORDER)


#: The most orders ``count_orders(within=…)`` reads to count now (SQLite joins about a million
#: found orders a second: some 20–30 ms); the counts of a search or filter that finds more are
#: taken off the UI thread (``app.views.status_page``).
COUNT_NOW = 30_000


def count_orders(f: OrderFilter, *, within: int | None = None) -> dict[OrderTab, int] | None:
    """Each tab's count under ``f``'s store, date and search (the tab itself ignored).

    ``within``: None when counting would read more than that many orders (a search most
    orders match, such as ``gmail``, or a search or a method under a date range: seconds at a
    million orders), rather than counting them; the counter tables' counts are always taken."""
    by_status: dict[str, int] | None = {}
    methods = f.payment_method_id is not None or f.shipping_method_id is not None
    search = Search.of(f.search)
    if f.date_from is None and f.date_to is None and not methods and (search is None or search.counted()):
        # A counter table the triggers keep: constant time at any size.  Without a search, the
        # orders per (store, status); with one character, its gram's (migration 24: the
        # commonest surname's 136,086 orders at 1M were 94 ms joined).
        if search is None:
            counter, where = OrderStatusCount, []
        else:
            counter, where = GramStatusCount, [GramStatusCount.gram == search.counted()]
        if f.store_id is not None:
            where.append(counter.store_id == f.store_id)
        q = counter.select(counter.status, pw.fn.SUM(counter.n))
        if where:
            q = q.where(*where)
        by_status = {s: int(n or 0) for s, n in q.group_by(counter.status).tuples()}
    elif search is None and (by_status := _filtered_counts(f)) is not None:
        pass
    elif search is not None:
        # The orders holding the search's grams, joined to their status (rarest gram first);
        # on PostgreSQL a longer search most orders match, every order tested in one pass.
        if within is not None and search.finds_more_than(within):
            return None
        base = _order_where(f, with_tab=False)
        if search.counts_in_one_pass(rarest_within=within):
            q, more = Order.select(Order.status, pw.fn.COUNT(Order.id)), [search.check]
        else:
            q, more = search.joined(Order.select(Order.status, pw.fn.COUNT(Order.id)))
        if base or more:
            q = q.where(*base, *more)
        by_status = dict(q.group_by(Order.status).tuples())
    else:  # a date range and a method together: the orders themselves
        by_status = {}
        base = _order_where(f, with_tab=False)
        if within is not None:
            dated = Order.select(Order.id).where(*_order_where(replace(f, payment_method_id=None,
                                                                       shipping_method_id=None), with_tab=False))
            if _count_upto(dated, within + 1) > within:
                return None
        for status in OrderStatus:
            q = Order.select(pw.fn.COUNT(Order.id)).where(Order.status == status, *base)
            by_status[status.value] = q.scalar() or 0
    return tab_counts(OrderTab, by_status)


class CountApart:
    """``count(f)`` taken in a worker thread, on the thread's own connection (opened and closed
    for it), as the window takes the counts ``count_orders(within=…)`` would not take at once;
    ``cancel`` (from another thread) stops a count that is no longer wanted: SQLite's
    interrupt, PostgreSQL's cancel, MariaDB's ``KILL QUERY`` of the count's connection, sent on
    the cancelling thread's own (a login may stop its own statements)."""

    def __init__(self, count: Callable, f):
        self.count = count
        self.filter = f
        self._conn = None
        self._mysql_thread: int | None = None
        self.cancelled = False

    def __call__(self, **_job):
        """The counts (run as a ``Job``'s work: its ``progress`` and ``cancelled`` unused); None
        when cancelled before it began (no connection opened for it)."""
        if self.cancelled:
            return None
        with server_errors(), own_connection():
            conn = database.connection()
            self._conn = conn
            if isinstance(database.obj, pw.MySQLDatabase):
                self._mysql_thread = conn.thread_id()
            try:
                if self.cancelled:
                    return None
                return self.count(self.filter)
            finally:
                self._conn = self._mysql_thread = None

    def cancel(self) -> None:
        self.cancelled = True
        conn, thread = self._conn, self._mysql_thread
        try:
            if thread is not None:
                database.execute_sql(f"KILL QUERY {int(thread)}")
                return
            stop = getattr(conn, "interrupt", None) or getattr(conn, "cancel", None)
            if stop is not None:
                stop()
        except Exception:  # noqa: BLE001 - the count ended (its connection closed) meanwhile
            pass


def _filtered_counts(f: OrderFilter) -> dict[str, int] | None:
    """Each status's count under ``f``'s store and either its date range or its methods,
    from the counter tables (migration 25: ``app/models/filter_counts.py``); None under both
    (the caller counts the orders).  A date range adds up the whole hours inside it and
    counts the orders of the partial hours at its ends (a shop's day may start on the half
    hour)."""
    methods = f.payment_method_id is not None or f.shipping_method_id is not None
    dated = f.date_from is not None or f.date_to is not None
    if methods and dated:
        return None
    if methods:
        c = OrderMethodCount
        conds = [c.store_id == f.store_id] if f.store_id is not None else []
        if f.payment_method_id is not None:
            conds.append(c.payment_method_id == f.payment_method_id)
        if f.shipping_method_id is not None:
            conds.append(c.shipping_method_id == f.shipping_method_id)
        q = c.select(c.status, pw.fn.SUM(c.n)).where(*conds).group_by(c.status)
        return {s: int(n or 0) for s, n in q.tuples()}
    start = local_day_start_utc(f.date_from) if f.date_from else None
    end = local_day_start_utc(f.date_to + timedelta(days=1)) if f.date_to else None
    first = _whole_hour(start, up=True)
    last = _whole_hour(end, up=False)
    if first is not None and last is not None and first >= last:
        return None  # less than an hour: the orders themselves
    c = OrderHourCount
    conds = [c.store_id == f.store_id] if f.store_id is not None else []
    conds += [c.at_hour >= first] if first is not None else []
    conds += [c.at_hour < last] if last is not None else []
    q = c.select(c.status, pw.fn.SUM(c.n)).where(*conds).group_by(c.status)
    by_status = {s: int(n or 0) for s, n in q.tuples()}
    for low, high in ((start, first), (last, end)):
        if low is not None and high is not None and low < high:  # a partial hour at an end
            edge = [Order.order_date >= low, Order.order_date < high]
            if f.store_id is not None:
                edge.append(Order.store == f.store_id)
            for s, n in Order.select(Order.status, pw.fn.COUNT(Order.id)).where(*edge).group_by(Order.status).tuples():
                by_status[s] = by_status.get(s, 0) + int(n)
    return by_status


def _whole_hour(at: datetime | None, *, up: bool) -> datetime | None:
    """``at`` on the hour: the next whole hour (``up``) or the one it is in."""
    if at is None:
        return None
    hour = at.replace(minute=0, second=0, microsecond=0)
    return hour + timedelta(hours=1) if up and hour != at else hour


#: What an order's detail shows, in ``order_details`` (its classes made when first used).
_DETAILS = frozenset({"NoticeInfo", "HistoryEntry", "OrderDetail", "OtherOrder", "OTHER_ORDERS",
                      "order_detail", "buyer_orders", "order_history"})


def __getattr__(name: str):
    """Imported when first asked for, not by the window's start (issue 11, item 8):
    ``ItemLine``, an order's item line as read back — the very class the order was placed
    with, ``writes.Item`` (the write path's module) — and an order's detail
    (``order_details``: ``order_detail``, ``OrderDetail``, ``order_history``, …)."""
    if name == "ItemLine":
        from .writes import Item

        return Item
    if name in _DETAILS:
        from . import order_details

        return getattr(order_details, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def no_show_counts(phones) -> dict[str, int]:
    """For each buyer phone, how many of its orders came back uncollected (【未取件退回】 in
    their history): the no-shows 【接單】 warns about.  By the index on ``buyer_phone``."""
    wanted = sorted({p for p in phones if p})
    if not wanted:
        return {}
    q = (Order.select(Order.buyer_phone, pw.fn.COUNT(pw.fn.DISTINCT(Order.id)))
         .join(StatusHistory, on=(StatusHistory.order == Order.id))
         .where(Order.buyer_phone.in_(wanted)
                & (StatusHistory.action == OrderAction.NOT_COLLECTED.value))
         .group_by(Order.buyer_phone))
    return {phone: n for phone, n in q.tuples()}


def list_stores() -> list[tuple[int, str]]:
    return list(Store.select(Store.id, Store.name).order_by(Store.id).tuples())


def method_choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The payment and the shipping methods to filter by, as (id, title): the active ones in
    their order, then the archived (old orders still name them)."""
    def choices(model) -> list[tuple[int, str]]:
        q = model.select(model.id, model.title).order_by(model.archived, model.position, model.id)
        return list(q.tuples())

    return choices(PaymentMethod), choices(ShippingMethod)


# ---------------------------------------------------------------- cancellation requests


@dataclass_when_used(frozen=True)
class CancelFilter(ListFilter):
    tab: CancelTab = CancelTab.PENDING_REVIEW
    sort: str = "requested_at"


@dataclass_when_used(frozen=True)
class CancelRow:
    id: int
    order_id: int
    order_no: str
    requested_at: datetime
    reason: str
    paid: bool
    shipped: bool
    payment_method: str
    requested_by: str
    refund_due: int
    status: CancelStatus
    buyer_name: str
    version: int
    #: Refunded so far (partial refunds included) and written off.
    refunded: int = 0
    written_off: int = 0
    refund_channel: str = "remittance"
    #: When the refund became due: the goods came back, a supervisor closed the return on to
    #: the refund, else the approval (the 15-day clock of 消保法 §19-2).
    refund_since: datetime | None = None
    #: The order's notes (its own and its requests'): the list's 備註 mark.
    note_count: int = 0

    @property
    def outstanding(self) -> int:
        """What is still to be refunded (0 for a request that owes nothing)."""
        return max(self.refund_due - self.refunded - self.written_off, 0)

    @property
    def refunded_amount(self) -> int:
        return self.refunded


#: The sortable columns of the requests: key -> the column (paged by (column, id)).  The
#: status (in its order) and the nullable ones are cut into segments (``_cancel_segments``).
CANCEL_SORTS = {
    "order_no": Order.order_no,
    "requested_at": CancellationRequest.requested_at,
    "reason": CancellationRequest.reason,
    "paid": CancellationRequest.paid,
    "shipped": CancellationRequest.shipped,
    "payment_method": Order.payment_method_name,
    "requested_by": CancellationRequest.requested_by,
    "refund_due": CancellationRequest.refund_due,
    "refunded": CancellationRequest.refunded_amount,
    "refund_since": pw.fn.COALESCE(CancellationRequest.returned_at, CancellationRequest.closed_at,
                                   CancellationRequest.reviewed_at),
    "status": CancellationRequest.status,
    "buyer_name": Order.buyer_name,
}
_NULLABLE_CANCEL_SORTS = frozenset({"refunded", "refund_since"})


_CANCEL_COLS = (
    CancellationRequest.id, Order.id, Order.order_no, CancellationRequest.requested_at,
    CancellationRequest.reason, CancellationRequest.paid, CancellationRequest.shipped,
    Order.payment_method_name, CancellationRequest.requested_by, CancellationRequest.refund_due,
    CancellationRequest.status, Order.buyer_name, CancellationRequest.version,
    CancellationRequest.refunded_amount, CancellationRequest.written_off,
    CancellationRequest.refund_channel, CancellationRequest.returned_at,
    CancellationRequest.closed_at, CancellationRequest.reviewed_at, Order.note_count,
)


def _cancel_dates(f: CancelFilter) -> list:
    """The date filter on the tab's own step's date (``tabs.cancel_tab_date``)."""
    if f.date_from is None and f.date_to is None:
        return []
    cr = CancellationRequest
    kind = cancel_tab_date(f.tab)
    if kind == REFUNDED:  # a shop day already
        conds = []
        if f.date_from is not None:
            conds.append(cr.refund_date >= f.date_from)
        if f.date_to is not None:
            conds.append(cr.refund_date <= f.date_to)
        return conds
    if kind == REFUND_FAILED:  # a failed attempt recorded in the days (a retry keeps it)
        failed = (StatusHistory.select(StatusHistory.id)
                  .where((StatusHistory.cancellation == cr.id)
                         & (StatusHistory.action == CancelAction.REFUND_FAILED.value),
                         *_date_range(StatusHistory.at, f.date_from, f.date_to)))
        return [pw.fn.EXISTS(failed)]
    column = cr.reviewed_at if kind == REVIEWED else cr.requested_at
    return _date_range(column, f.date_from, f.date_to)


def _cancel_where(f: CancelFilter, *, with_tab: bool = True, page: bool = False):
    """The conditions of ``f``'s tab, store, dates and search (``page``: for a page of rows,
    ``_cancel_search``)."""
    conds = []
    if with_tab and f.tab.statuses is not None:
        (status,) = f.tab.statuses
        conds.append(CancellationRequest.status == status)
    if f.store_id is not None:
        conds.append(Order.store == f.store_id)
    conds += _cancel_dates(f)
    s = _cancel_search(f.search, page=page)
    if s is not None:
        conds.append(s)
    return conds


def _cancel_search(text: str, *, page: bool):
    """The requests a search finds: those of the orders it finds (``Search``) and those whose
    reason holds the text.  As the ids of both, found first — the orders' requests by their
    ``order_id`` index, the reasons on their own index (migration 27) — unless, for a page,
    so many orders hold the grams that walking the sort's index and testing each request's
    order is faster (``Search.many``), or the search is a prefix of digits (its first
    characters tested on each request's order: every order may hold it).  (Written as one
    ``OR`` on each request, a search read every request and the found orders' ids: 雅婷 500 ms
    to count at 1,000,000 orders, `gmail` 2.4 s, its first page 985 ms.)"""
    search = Search.of(text)
    if search is None:
        return None
    cr = CancellationRequest
    reason = text.strip()
    if search.prefix is not None or (page and search.many()):  # a prefix: tested on each order
        return search.cond(EXISTS) | cr.reason.contains(reason)
    inner = CancellationRequest.alias("cr_found")
    found, more = search.joined(inner.select(inner.id).join(Order, on=(inner.order == Order.id)))
    if more:
        found = found.where(*more)
    by_reason = inner.select(inner.id).where(inner.reason.contains(reason))
    return cr.id.in_(found | by_reason)


def _cancel_row(t) -> CancelRow:
    (rid, oid, no, at, reason, paid, shipped, pm, by, due, status, buyer, ver, refunded,
     written_off, channel, returned, closed, reviewed, notes) = t
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    since = returned or closed or reviewed
    if isinstance(since, str):
        since = datetime.fromisoformat(since)
    return CancelRow(rid, oid, no, at, reason, bool(paid), bool(shipped), pm, by, due,
                     CancelStatus(status), buyer, ver, refunded or 0, written_off or 0, channel,
                     since, notes or 0)


def _cancel_segments(f: CancelFilter) -> list[Segment]:
    """The order of ``f``'s sort as segments (``keyset``): requests are few next to orders, so
    a sort by a column of their own or of their order is keyset-paged on the tab's status
    index and sorts that tab's requests; the request date has its (status, date, id) index."""
    cr = CancellationRequest
    sort_key = f.sort if f.sort in CANCEL_SORTS else "requested_at"
    if sort_key == "status":
        shown = [s for s in CancelStatus if f.tab.statuses is None or s in f.tab.statuses]
        return [Segment((cr.status == s.value,), (cr.requested_at, cr.id)) for s in shown]
    if sort_key in _NULLABLE_CANCEL_SORTS:
        return _null_split(CANCEL_SORTS[sort_key], cr.id)
    return [Segment((), (CANCEL_SORTS[sort_key], cr.id))]


def _cancel_filtered(f: CancelFilter, *, page: bool = True):
    q = CancellationRequest.select(*_CANCEL_COLS).join(Order)
    conds = _cancel_where(f, page=page)
    return q.where(*conds) if conds else q


def cancel_query(f: CancelFilter):
    order = segments_order(_cancel_segments(f))
    return _cancel_filtered(f, page=False).order_by(*[o.desc() if f.descending else o.asc() for o in order])


def cancel_pager(f: CancelFilter) -> Pager:
    """``f``'s requests in its sort order, a page at a time (``keyset.Pager``)."""
    return Pager(_cancel_filtered(f), _cancel_segments(f), f.descending, _cancel_row, len(_CANCEL_COLS),
                 thin=(CancellationRequest.status,), thin_convert=lambda t: (CancelStatus(t[0]),))


def fetch_cancellations(
    f: CancelFilter, cursor: Cursor | None = None, limit: int = PAGE
) -> tuple[list[CancelRow], Cursor | None]:
    return _walk_all(cancel_pager(f), cursor, limit)


CANCELLATIONS = ListSource(cancel_pager, lambda f: count_cancellations(f)[f.tab], ("status",))


def count_cancellations(f: CancelFilter, *, within: int | None = None) -> dict[CancelTab, int] | None:
    """Each tab's count under ``f``'s store, dates and search; ``within`` as
    ``count_orders``' (a search whose orders are more than that many: None)."""
    q = (
        CancellationRequest.select(CancellationRequest.status, pw.fn.COUNT(CancellationRequest.id))
        .join(Order)
    )
    search = Search.of(f.search)
    if within is not None and search is not None and search.finds_more_than(within):
        return None
    if f.date_from is not None or f.date_to is not None:
        # Each tab filters on its own step's date: one count per tab.
        return {tab: _count_one_tab(replace(f, tab=tab)) for tab in CancelTab}
    if not f.search.strip():
        # The counter table the triggers keep (migration 19): constant time at any size.
        c = CancelStatusCount.select(CancelStatusCount.status, pw.fn.SUM(CancelStatusCount.n))
        if f.store_id is not None:
            c = c.where(CancelStatusCount.store_id == f.store_id)
        by_status = {s: int(n or 0) for s, n in c.group_by(CancelStatusCount.status).tuples()}
        return tab_counts(CancelTab, by_status)
    conds = _cancel_where(f, with_tab=False)
    if conds:
        q = q.where(*conds)
    by_status = dict(q.group_by(CancellationRequest.status).tuples())
    return tab_counts(CancelTab, by_status)


def _count_one_tab(f: CancelFilter) -> int:
    q = CancellationRequest.select().join(Order)
    conds = _cancel_where(f)
    return (q.where(*conds) if conds else q).count()
