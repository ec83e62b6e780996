"""The counter tables read for the order lists (issue 11, docs/PERFORMANCE.md): each status's
count under a store and a date range or a method (``filtered_counts``, from the hour and day
counters and the methods' counter), a far jump's day and segment sizes (``DaySeek``; by ship
date ``ShipDaySeek``), and the counts taken apart from the window (``CountApart``).
``queries`` is their caller."""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from functools import reduce

import peewee as pw

from app.models.db import database, own_connection, server_errors
from app.models.tables import (
    Order,
    OrderDayCount,
    OrderHourCount,
    OrderMethodCount,
    OrderShipDayCount,
    OrderStatusCount,
)

from . import shop_clock

#: The orders of a segment by order date as the counters count them: (store id, statuses);
#: None for either: any (``DaySeek``).
Scope = tuple["int | None", "tuple[str, ...] | None"]


class DaySeek:
    """A far jump in a tab by order date (the lists' usual sort), or by status or store (each
    segment a store's orders in a status, by date), with no search, date range or method:
    the day counter (migration 29) says which UTC day holds the row at a position of a
    segment, so the seek steps over that day's orders only; the order counter (store,
    status) says how many rows each segment holds, so none is counted (a sort by status
    counted the statuses before the row's: 30–50 ms at 1,000,000 orders on SQLite).  The
    counts are read once per pager, when first needed."""

    def __init__(self, scopes: Sequence[Scope]):
        self.scopes = scopes
        self._days: dict[tuple[int, bool], list[tuple[date, int]]] = {}
        self._sizes: dict[tuple[int, str], int] | None = None

    def counted(self, si: int) -> int:
        """Segment ``si``'s orders, from the order counter."""
        if self._sizes is None:
            c = OrderStatusCount
            self._sizes = {(store, status): int(n) for store, status, n in
                           c.select(c.store_id, c.status, c.n).where(c.n > 0).tuples()}
        store, statuses = self.scopes[si]
        return sum(n for (st, status), n in self._sizes.items()
                   if store in (None, st) and (statuses is None or status in statuses))

    def _counted_days(self, si: int, desc: bool) -> list[tuple[date, int]]:
        if (si, desc) not in self._days:
            self._days[si, desc] = _by_day(OrderDayCount.at_day, self.scopes[si], desc)
        return self._days[si, desc]

    def seek(self, si: int, position: int, desc: bool):
        """``keyset.Seek``: the bound of the day holding segment ``si``'s row at ``position``."""
        before = 0
        for day, n in self._counted_days(si, desc):
            if before + n > position:
                start = datetime.combine(day, datetime.min.time())
                bound = Order.order_date < start + timedelta(days=1) if desc else Order.order_date >= start
                return bound, position - before
            before += n
        return None


def _by_day(day, scope: Scope, desc: bool) -> list[tuple[date, int]]:
    """A day counter's (``day`` its column) orders of ``scope`` per day, in walking order."""
    d = day.model
    store, statuses = scope
    conds = [d.n > 0]
    if statuses is not None:
        conds.append(d.status.in_(statuses))
    if store is not None:
        conds.append(d.store_id == store)
    q = d.select(day, pw.fn.SUM(d.n)).where(*conds).group_by(day).order_by(day.desc() if desc else day.asc())
    return [(on, int(n)) for on, n in q.tuples()]


class ShipDaySeek:
    """A far jump in a list by 出貨日期 (``queries.null_split``: the orders not shipped, by id,
    then the shipped ones by (ship date, id)) with no search, date range or method: the ship
    dates' counter (migration 32) says how many of the scope's orders are shipped, and on
    which date the shipped one at a position was, so the seek steps over that date's orders
    only — where it stepped over every shipped order before it (the middle of 訂單清單 at
    1,000,000 orders: 500,000 index entries, 26–31 ms on PostgreSQL).  ``total``: the scope's
    orders (the tab's counter); those not shipped are what the shipped leave of it."""

    #: The segment of the shipped orders (``null_split``'s second).
    SHIPPED = 1

    def __init__(self, scope: Scope, total: Callable[[], int]):
        self.scope = scope
        self.total = total
        self._days: dict[bool, list[tuple[date, int]]] = {}

    def _counted_days(self, desc: bool) -> list[tuple[date, int]]:
        if desc not in self._days:
            self._days[desc] = _by_day(OrderShipDayCount.ship_day, self.scope, desc)
        return self._days[desc]

    def counted(self, si: int) -> int:
        """The shipped orders (segment ``SHIPPED``), or those not shipped, from the counters."""
        shipped = sum(n for _day, n in self._counted_days(False))
        return shipped if si == self.SHIPPED else self.total() - shipped

    def seek(self, si: int, position: int, desc: bool):
        """``keyset.Seek``: the bound of the ship date holding the shipped row at ``position``
        (the orders not shipped: None, they are sought by id)."""
        if si != self.SHIPPED:
            return None
        before = 0
        for day, n in self._counted_days(desc):
            if before + n > position:
                return (Order.ship_date <= day if desc else Order.ship_date >= day), position - before
            before += n
        return None


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


def filtered_counts(f) -> dict[str, int] | None:
    """Each status's count under ``f``'s (a ``queries.OrderFilter``) store and either its date
    range or its methods, from the counter tables (migration 25: ``app/models/filter_counts.py``);
    None under both (the caller counts the orders).  A date range adds up the whole hours inside it and
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
    start = shop_clock.day_start_utc(f.date_from) if f.date_from else None
    end = shop_clock.day_start_utc(f.date_to + timedelta(days=1)) if f.date_to else None
    first = _whole_hour(start, up=True)
    last = _whole_hour(end, up=False)
    if first is not None and last is not None and first >= last:
        return None  # less than an hour: the orders themselves
    by_status: dict[str, int] = {}
    for s, n in _counter_rows(f.store_id, first, last).tuples():
        by_status[s] = by_status.get(s, 0) + int(n or 0)
    for low, high in ((start, first), (last, end)):
        if low is not None and high is not None and low < high:  # a partial hour at an end
            edge = [Order.order_date >= low, Order.order_date < high]
            if f.store_id is not None:
                edge.append(Order.store == f.store_id)
            for s, n in Order.select(Order.status, pw.fn.COUNT(Order.id)).where(*edge).group_by(Order.status).tuples():
                by_status[s] = by_status.get(s, 0) + int(n)
    return by_status


def _counter_rows(store_id: int | None, first: datetime | None, last: datetime | None):
    """The counts of the orders from ``first`` to before ``last`` (whole hours; None: open),
    by status, in one statement: the whole UTC days inside from the day counter (migration
    29), the hours at either end from the hour counter (a status may come from both: the
    caller adds them up)."""
    hour, day = OrderHourCount, OrderDayCount
    first_day, last_day = _whole_day(first, up=True), _whole_day(last, up=False)
    parts = []
    if first_day is not None and last_day is not None and first_day >= last_day:
        spans = [(first, last)]  # no whole day inside: its hours (48 at most)
    else:
        spans = [(lo, hi) for lo, hi in ((first, first_day), (last_day, last))
                 if lo is not None and hi is not None and lo < hi]
        days = [day.store_id == store_id] if store_id is not None else []
        days += [day.at_day >= first_day.date()] if first_day is not None else []
        days += [day.at_day < last_day.date()] if last_day is not None else []
        parts.append(day.select(day.status, pw.fn.SUM(day.n)).where(*days).group_by(day.status))
    if spans:
        within = reduce(operator.or_, [(hour.at_hour >= lo) & (hour.at_hour < hi) for lo, hi in spans])
        stores = [hour.store_id == store_id] if store_id is not None else []
        parts.append(hour.select(hour.status, pw.fn.SUM(hour.n)).where(within, *stores).group_by(hour.status))
    return reduce(lambda a, b: a.union_all(b), parts)


def _whole_day(at: datetime | None, *, up: bool) -> datetime | None:
    """``at`` at a UTC midnight: the next (``up``) or the one of its day."""
    if at is None:
        return None
    day = at.replace(hour=0, minute=0, second=0, microsecond=0)
    return day + timedelta(days=1) if up and day != at else day


def _whole_hour(at: datetime | None, *, up: bool) -> datetime | None:
    """``at`` on the hour: the next whole hour (``up``) or the one it is in."""
    if at is None:
        return None
    hour = at.replace(minute=0, second=0, microsecond=0)
    return hour + timedelta(hours=1) if up and hour != at else hour
