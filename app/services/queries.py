"""Read-side queries for the list pages and the detail views.

Sorting, searching and filtering happen here, in SQL on indexes (docs/PERFORMANCE.md): pages of
rows come by keyset on (sort column, id) — a row-value comparison the index can use — and
the counts by one indexed COUNT per status.  Views get plain dataclasses, never peewee rows.
The search box's condition is ``search``'s; the cancellation requests' list, ``cancel_list``'s.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

import peewee as pw

from app.domain.bounds import storable
from app.domain.statuses import OrderAction, OrderStatus
from app.domain.tabs import OrderTab
from app.models.db import database
from app.models.tables import (
    GramStatusCount,
    Order,
    OrderStatusCount,
    PaymentMethod,
    PaymentNotice,
    ShippingMethod,
    StatusHistory,
    Store,
)

from . import shop_clock
from .keyset import PAGE, Cursor, Pager, Segment, indexed_columns, led_by
from .order_counters import CountApart as CountApart  # re-exported: the tests take it from here
from .order_counters import DaySeek, Scope, ShipDaySeek, filtered_counts
from .search import IN, Search, count_upto

# ---------------------------------------------------------------- shared helpers


def local_day_start_utc(d: date) -> datetime:
    """The UTC instant (naive) at which the shop's day ``d`` begins."""
    return shop_clock.day_start_utc(d)


def utc_to_local(dt: datetime | None) -> datetime | None:
    """A stored naive-UTC time as the shop's naive local time, for display and export."""
    if dt is None:
        return None
    return shop_clock.to_local(dt)


def date_range(col, date_from: date | None, date_to: date | None):
    conds = []
    if date_from:
        conds.append(col >= local_day_start_utc(date_from))
    if date_to:
        conds.append(col < local_day_start_utc(date_to.fromordinal(date_to.toordinal() + 1)))
    return conds


def walk_all(pager: Pager, cursor: Cursor | None, limit: int):
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

    @property
    def counted(self) -> bool:
        """Whether the counter tables count the list's rows (by store, status and day): no
        search or date range (a far jump's seek: ``DaySeek``)."""
        return not (self.search.strip() or self.date_from or self.date_to)

    @property
    def plain(self) -> bool:
        """A tab's whole list: counted, and no store (the servers' plans steered: ``_forced``,
        ``_steered``)."""
        return self.counted and self.store_id is None


def one_status(statuses) -> str | None:
    """The value of a tab's status when it shows one, else None."""
    return next(iter(statuses)).value if statuses is not None and len(statuses) == 1 else None


@dataclass(frozen=True)
class OrderFilter(ListFilter):
    tab: OrderTab = OrderTab.ALL
    sort: str = "order_date"
    #: The order's payment and shipping method (their ids; None: any).
    payment_method_id: int | None = None
    shipping_method_id: int | None = None

    @property
    def counted(self) -> bool:
        return super().counted and self.payment_method_id is None and self.shipping_method_id is None


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
    conds += date_range(Order.order_date, f.date_from, f.date_to)
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


def null_split(col, id_col) -> list[Segment]:
    """A nullable column's order: its NULL rows first (by id), then the rest by (column, id),
    each on the (…, column, id) index (``IS NULL`` is a range of that index too)."""
    return [Segment((col.is_null(),), (id_col,)), Segment((col.is_null(False),), (col, id_col))]


def _order_segments(f: OrderFilter) -> list[Segment]:
    """The order of ``f``'s sort as segments (``keyset``), each one served by an index of
    ``Order.Meta.indexes`` with the tab's status in front."""
    return [seg for seg, _scope in _scoped_segments(f)]


def _scoped_segments(f: OrderFilter) -> list[tuple[Segment, Scope | None]]:
    """``_order_segments``, each with its ``Scope`` when it sorts the orders of a store and
    statuses by order date (else None)."""
    sort_key, _descending = _sort_of(f)
    oid = Order.id
    shown = [s for s in OrderStatus if f.tab.statuses is None or s in f.tab.statuses]
    if sort_key == "status":  # lifecycle order, each status by date on (status, date, id)
        return [(Segment((Order.status == s.value,), (Order.order_date, oid)), (f.store_id, (s.value,)))
                for s in shown]
    if sort_key == "store":  # by name, as the column shows it; in a store by status, then
        # date, on the (store, status, date) index
        stores = sorted((name, sid) for sid, name in list_stores() if f.store_id in (None, sid))
        return [(Segment((Order.store == sid, Order.status == s.value), (Order.order_date, oid)), (sid, (s.value,)))
                for _name, sid in stores for s in shown]
    if sort_key == "ship_date":  # the shipped (``ShipDaySeek.SHIPPED``) after the others
        return [(seg, None) for seg in null_split(Order.ship_date, oid)]
    if sort_key == "order_date":
        return [(Segment((), (Order.order_date, oid)), _tab_scope(f))]
    return [(Segment((), (ORDER_SORTS[sort_key], oid)), None)]


def _tab_scope(f: OrderFilter) -> Scope:
    """The orders of ``f``'s tab and store, as the counters count them."""
    return f.store_id, None if f.tab.statuses is None else tuple(sorted(s.value for s in f.tab.statuses))


def _filtered(f: OrderFilter, *, page: bool = True, with_tab: bool = True):
    """The rows ``f`` selects, unordered.  ``page``: read a page at a time (a search most
    orders match walks the sort's index: ``Search.many``); else all of them (export).
    ``with_tab``: the tab's status tested (else each segment tests it: ``_steered``)."""
    q = Order.select(*_ORDER_ROW_COLS)
    conds = _order_where(f, with_tab=with_tab)
    search = Search.of(f.search)
    if search is not None:
        conds.append(search.page_cond() if page else search.cond(IN))
    return q.where(*conds) if conds else q


def _forced(f: OrderFilter, segments: list[Segment]) -> list[Segment]:
    """On MariaDB, each segment with the index it is read by named (``Segment.index``).
    Its planner reads ``status = ? AND order_date < ? ORDER BY order_date DESC LIMIT 200`` on
    the (status, order_date, id) index by the status alone (``ref``), stepping through every
    row of the status past the cursor: a page from the middle of 已完成 at 100,000 orders took
    158 ms, and 12.7 ms with the index named.  Only a tab's plain list: under a search or a
    filter another index may be the one to read."""
    db = database.obj
    if not isinstance(db, pw.MySQLDatabase) or not f.plain:
        return segments
    lead = ["status"] if one_status(f.tab.statuses) else []
    named = _index_names(db, Order)
    out = []
    for seg in segments:
        # The columns the segment holds to one value: its status and store, a NULL ship date.
        fixed = [e.lhs.column_name for e in seg.where
                 if isinstance(e, pw.Expression) and isinstance(e.lhs, pw.Field)
                 and (e.op == pw.OP.EQ or (e.op == pw.OP.IS and e.rhs is None))]
        wanted = ([] if "status" in fixed else lead) + fixed + [k.column_name for k in seg.keys]
        # InnoDB ends every index with the primary key: (store, status, order_date) is
        # (store, status, order_date, id).
        index = named.get(tuple(wanted)) or named.get(tuple(wanted[:-1]))
        out.append(replace(seg, index=index) if index else seg)
    return out


def _steered(f: OrderFilter, segments: list[Segment]) -> list[Segment] | None:
    """On PostgreSQL, a list whose rows hold one status (a tab's, or each segment of the sort
    by status) read on the (status, key, id) index (``keyset.led_by``): tested for equality
    the status is a constant to the planner, so the (key, id) index gives the same order and
    it reads that one, taking the status's rows to lie evenly along it — but the newest orders
    are the ones not yet completed or cancelled: the first page of 已完成訂單 stepped over
    16,000 newer orders to find its 200 (1,000,000 orders: 10.4 ms; the sort by 目前狀態
    20.7 ms, over 33,000; 0.5 and 0.6 ms on the status's index).  Only a tab's plain list,
    as ``_forced``; the segments so steered (each testing the tab's status: the list's query
    then leaves it out), else None."""
    if not isinstance(database.obj, pw.PostgresqlDatabase) or not f.plain:
        return None
    return led_by(Order.status, segments, one_status(f.tab.statuses), indexed_columns(Order))


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
    scoped = _scoped_segments(f)  # none for the sort by store in a shop without stores
    segments = _forced(f, [seg for seg, _scope in scoped])
    scopes = [scope for _seg, scope in scoped]
    steered = _steered(f, segments)
    total = (lambda: count_orders(f)[f.tab]) if f.counted else None
    days: DaySeek | ShipDaySeek | None = None
    if f.counted and _sort_of(f)[0] == "ship_date":
        days = ShipDaySeek(_tab_scope(f), total)
    elif f.counted and None not in scopes:
        days = DaySeek(scopes)
    return Pager(_filtered(f, with_tab=steered is None), steered or segments, _sort_of(f)[1], _order_row,
                 len(_ORDER_ROW_COLS),
                 thin=(Order.status, Order.collect_on_delivery), thin_convert=_thin_order,
                 seek=days and days.seek, counted=days and days.counted, total=total)


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
    return walk_all(order_pager(f), cursor, limit)


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
    elif search is None and (by_status := filtered_counts(f)) is not None:
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
            # few candidates (PostgreSQL gathers their ids first: ``search.FEW``) when the
            # look above found so, or, with no bound, the same look says so (asked only of
            # candidates that are intersected)
            def few() -> bool:
                return within is not None or not search.finds_more_than(COUNT_NOW)

            q, more = search.joined(Order.select(Order.status, pw.fn.COUNT(Order.id)), few=few)
        if base or more:
            q = q.where(*base, *more)
        by_status = dict(q.group_by(Order.status).tuples())
    else:  # a date range and a method together: the orders themselves
        by_status = {}
        base = _order_where(f, with_tab=False)
        if within is not None:
            dated = Order.select(Order.id).where(*_order_where(replace(f, payment_method_id=None,
                                                                       shipping_method_id=None), with_tab=False))
            if count_upto(dated, within + 1) > within:
                return None
        for status in OrderStatus:
            q = Order.select(pw.fn.COUNT(Order.id)).where(Order.status == status, *base)
            by_status[status.value] = q.scalar() or 0
    return tab_counts(OrderTab, by_status)


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
