"""Keyset paging both ways over a sorted list, and the seek to a position (docs/PERFORMANCE.md).

A list's order is a run of *segments*: each a condition and the ascending key it sorts by
inside, the last key the row's id (so the key is unique).  Most sorts are one segment, e.g.
(total, id).  A sort that no single index serves is cut into segments that each one does:
a nullable column (its NULL rows, by id, then the rest, by (column, id)), the status in its
lifecycle order (one segment per status, each by (date, id) on the (status, date, id)
index), the store by its name (one per store, by (date, id)).  A descending list walks the
segments and each key backwards.

A row's place is a ``Cursor``: its segment and its key values.  ``Pager.forward(after, n)``
reads the n rows after a cursor (from the start without one) and ``backward(before, n)``
the n rows before one (from the end without one): each ``WHERE key > cursor ORDER BY key
LIMIT n`` on the segment's index, so any page costs the same however far down it is.  No
OFFSET ever reads rows.  ``key_at(p)`` finds the key of the row at position p for a far jump:
``SELECT key ... ORDER BY key LIMIT 1 OFFSET p`` selecting only the key columns, which the
segment's index holds, so it steps through index entries (no table row is read) and is taken
from whichever end is nearer; in a list by order date the day counter says which day holds
the row, and the seek steps over that day's orders only (``Pager.seek``) — in each segment of
a sort by status or by store too, whose rows the counters count by (store, status, day), and
whose sizes they hold (``Pager.counted``: no segment counted row by row).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import peewee as pw

from app.models.proxy import is_sqlite

#: The rows a page reads (the lists' pages; ``Search.many`` weighs a page's cost by it).
PAGE = 200


@dataclass(frozen=True)
class Segment:
    """Rows matching ``where`` (beside the list's filter), sorted by ``keys`` ascending; the
    last key is the row's id.  ``index``: the index to read it by, named to the server
    (``FORCE INDEX``), where its planner would not take it by itself (MariaDB).  ``lead``:
    columns every row of the segment holds one value of, sorted by in front of ``keys`` (no
    cursor holds them): the order of the index they lead, which PostgreSQL's planner then
    reads (``queries._steered``)."""

    where: tuple
    keys: tuple
    index: str | None = None
    lead: tuple = ()

    def order_by(self, desc: bool) -> list:
        """The ``ORDER BY`` of a walk through the segment."""
        return [k.desc() if desc else k.asc() for k in (*self.lead, *self.keys)]


def _is(e, op, lhs=None) -> bool:
    return isinstance(e, pw.Expression) and e.op == op and (lhs is None or e.lhs is lhs)


def led_by(field, segments: Sequence[Segment], held, indexed: set[tuple]) -> list[Segment] | None:
    """``segments`` read on the indexes ``field`` leads, whatever PostgreSQL's planner guesses
    (``queries._steered``): each with ``field`` in front of its ``ORDER BY``
    (``Segment.lead``; a column the segment holds NULL after it) and its value — the
    segment's own ``field = v``, else ``held`` (the list's) — tested as a range,
    ``field BETWEEN v AND v``.  An equality makes the field a constant to the planner, so an
    index without it gives the same order too; a range does not.  None (the segments left as
    they are) when there are none, or a segment holds no value of it, holds another column to
    one value (the sort by store: another index may be the one to read), sorts by what is not
    a column of ``field``'s table, or no index of ``indexed`` (column names) is (field, [NULL
    column], keys)."""
    out = []
    for seg in segments:
        own = [e.rhs for e in seg.where if _is(e, pw.OP.EQ, field)]
        value = own[0] if own else held
        nulls = tuple(e.lhs for e in seg.where if _is(e, pw.OP.IS) and e.rhs is None)
        rest = tuple(e for e in seg.where if not _is(e, pw.OP.EQ, field))
        columns = (*nulls, *seg.keys)
        if (value is None or any(_is(e, pw.OP.EQ) for e in rest)
                or not all(isinstance(c, pw.Field) and c.model is field.model for c in columns)
                or tuple(c.column_name for c in (field, *columns)) not in indexed):
            return None
        out.append(replace(seg, where=(field.between(value, value), *rest), lead=(field, *nulls)))
    return out or None


def indexed_columns(model) -> set[tuple]:
    """The column names of each index the model declares (``Meta.indexes``)."""
    fields = model._meta.fields
    return {tuple(fields[n].column_name for n in names) for names, _unique in model._meta.indexes}


class _ForceIndex(pw.Node):
    """``FROM `order` AS t1 FORCE INDEX (`index`)`` (MariaDB, MySQL)."""

    def __init__(self, model, index: str):
        self.model, self.index = model, index

    def __sql__(self, ctx):
        ctx.sql(self.model)
        return ctx.literal(f" FORCE INDEX (`{self.index}`)")


@dataclass(frozen=True)
class Cursor:
    """A row's place in its list: its segment and its key values."""

    segment: int
    values: tuple


def _after(keys: tuple, values: tuple, descending: bool):
    """Rows past ``values`` in the walk's direction (a row-value comparison an index serves)."""
    if len(keys) == 1:
        return keys[0] < values[0] if descending else keys[0] > values[0]
    left, right = pw.Tuple(*keys), pw.Tuple(*values)
    return left < right if descending else left > right


def _raw(query: pw.Select) -> list[tuple]:
    """The query's rows as the driver returns them: no peewee conversion per value (a
    100,000-row selection spent most of its time there); ``convert`` reads the driver's
    values (SQLite's dates as text), and a key goes back to the driver as it came."""
    return query.model._meta.database.execute(query).fetchall()


def _past(keys: tuple, values: tuple, descending: bool, *, one: bool = False, counted: bool = False) -> list:
    """The conditions, in walking order, of the rows past ``values``: for (column, id), the
    rest of the cursor's own value (``column = v AND id > i``) then the values past it
    (``column > v``), each an exact seek on the (…, column, id) index.  (One row-value
    comparison seeks on the column alone in SQLite, then steps over the rest of the value's
    rows: 3.7 ms in the middle of a payment method's 16,000 orders, against 0.8 ms.)

    ``one``: both in one statement, ``(column = v AND id > i) OR column > v``, for a segment
    read by the index named to the server (MariaDB): two ranges of that index, read in its
    order, and one round trip where there were two (0.3 ms of a 2-3 ms page).

    ``counted``: for a COUNT of the rest, the id tested ``+id`` on SQLite, which no index
    serves.  SQLite 3.40 (Debian 12's) counted ``id IN (…) AND total = ? AND id < ?`` on the
    covering (total, id) index without the bound on the id — the cursor's own row counted
    in the rest of its value — so a step from a cached page in a search landed a row off
    (its page repeated a row of the one before and left one out); 3.51 counts right.  The
    rest of a value is its ties: the plain test costs nothing an index would save."""
    if len(keys) != 2:
        return [_after(keys, values, descending)]
    col, id_col = keys
    value, row_id = values
    if counted and is_sqlite():
        id_col = pw.NodeList((pw.SQL("+"), id_col), glue="")
    rest = (col == value) & _after((id_col,), (row_id,), descending)
    beyond = _after((col,), (value,), descending)
    return [rest | beyond] if one else [rest, beyond]


#: ``seek(segment, position, descending)``: a condition that leaves out the segment's rows
#: before a point (in its walking order) and the position of the row counted from that point;
#: None when it cannot tell (the seek then steps from the segment's start).  A far jump's
#: ``OFFSET`` steps over every index entry before its row — on InnoDB 7 ms for 50,000, on
#: PostgreSQL 18 ms for 500,000 — and with such a point over at most a day's orders
#: (``order_counters.DaySeek``).
Seek = Callable[[int, int, bool], "tuple[object, int] | None"]
#: ``counted(segment)``: its rows as a counter table holds them (no row read), or None.
Counted = Callable[[int], "int | None"]


class Pager:
    """Pages of ``query`` (the filtered rows, unordered, selecting ``width`` columns) in the
    order of ``segments`` (descending: backwards); ``convert(tuple) -> row``."""

    def __init__(self, query: pw.Select, segments: Sequence[Segment], descending: bool,
                 convert: Callable[[tuple], object], width: int, *,
                 thin: tuple = (), thin_convert: Callable[[tuple], tuple] = tuple,
                 seek: Seek | None = None, counted: Counted | None = None,
                 total: Callable[[], int] | None = None):
        self.query = query
        #: Where a segment's row at a position lies, near enough that the seek steps over few
        #: rows (``Seek``); each segment's size, if known without counting (``Counted``); the
        #: whole list's, if known without counting (the last segment's is what the others
        #: leave: a list by ship date counts its unshipped orders only).
        self.seek = seek
        self.counted = counted
        self.total = total
        self.segments = list(segments)
        self.descending = descending
        self.convert = convert
        self.width = width
        #: The few columns a large selection reads first (what decides which actions fit),
        #: and how their values are read (``thin``).
        self.thin_columns = thin
        self.thin_convert = thin_convert
        self._counts: dict[int, int] = {}
        self._places = [self._key_places(seg) for seg in self.segments]

    def _key_places(self, seg: Segment) -> tuple[int, ...] | None:
        """Where ``seg``'s keys are among the list's own columns, so a page's cursor is read
        from its rows and no key is selected twice (on MariaDB every value a row brings is
        decoded in Python: the order date and the id again were 2 of a row's 23); None when
        a key is not one of them (it is selected after them)."""
        columns = self.query.selected_columns
        if len(columns) != self.width:
            return None
        places = []
        for key in seg.keys:
            place = next((i for i, column in enumerate(columns) if column is key), None)
            if place is None:
                return None
            places.append(place)
        return tuple(places)

    # ---- the walks

    def _order(self, reverse: bool) -> tuple[list[int], bool]:
        """The segments in walking order, and whether the keys are walked descending."""
        desc = self.descending != reverse
        order = list(range(len(self.segments)))
        return (order[::-1] if desc else order), desc

    def _segment_query(self, si: int, columns=None):
        seg = self.segments[si]
        q = self.query if columns is None else self.query.select(*columns)
        if seg.index is not None:
            q = q.from_(_ForceIndex(q.model, seg.index))
        return q.where(*seg.where) if seg.where else q

    def _walk(self, cursor: Cursor | None, limit: int | None, reverse: bool,
              columns: tuple | None = None) -> list[tuple[object, Cursor]]:
        order, desc = self._order(reverse)
        if cursor is not None:
            order = order[order.index(cursor.segment):]
        out: list[tuple[object, Cursor]] = []
        for si in order:
            seg = self.segments[si]
            places = self._places[si] if columns is None else None
            base = self._segment_query(si, columns)
            if places is None:
                base = base.select_extend(*seg.keys)
            if cursor is not None and si == cursor.segment:
                wheres = _past(seg.keys, cursor.values, desc, one=seg.index is not None)
            else:
                wheres = [None]
            for where in wheres:
                q = base if where is None else base.where(where)
                q = q.order_by(*seg.order_by(desc))
                if limit is not None:
                    q = q.limit(limit - len(out))
                if columns is not None:  # the raw tuples: (values…, keys…)
                    out.extend(_raw(q))
                elif places is not None:
                    convert = self.convert
                    out.extend((convert(t), Cursor(si, tuple([t[i] for i in places]))) for t in _raw(q))
                else:
                    w, convert = self.width, self.convert
                    out.extend((convert(t[:w]), Cursor(si, t[w:])) for t in _raw(q))
                if limit is not None and len(out) >= limit:
                    return out
        return out

    def forward(self, after: Cursor | None = None, limit: int | None = PAGE) -> list[tuple[object, Cursor]]:
        """The ``limit`` rows after ``after`` (from the first without it; None: all of
        them), each with its cursor, in the list's order."""
        return self._walk(after, limit, reverse=False)

    def backward(self, before: Cursor | None = None, limit: int = PAGE) -> list[tuple[object, Cursor]]:
        """The ``limit`` rows before ``before`` (the last ones without it), in the list's order."""
        return self._walk(before, limit, reverse=True)[::-1]

    def thin(self, after: Cursor | None, limit: int) -> list[tuple[int, tuple]]:
        """Like ``forward`` but only the ``thin`` columns of each row (a select-all of a
        large tab: no whole rows read): (id, values read by ``thin_convert``) each."""
        n, convert = len(self.thin_columns), self.thin_convert
        return [(t[-1], convert(t[:n])) for t in self._walk(after, limit, reverse=False, columns=self.thin_columns)]

    def _of_ids(self, ids: Sequence[int], columns: tuple | None = None) -> list[tuple]:
        """The rows of ``ids`` (their ``columns``, else the list's), wherever they are now:
        the list's filter off, by id alone."""
        id_col = self.segments[0].keys[-1]
        query = self.query.clone() if columns is None else self.query.select(*columns)
        query._where = None
        return _raw(query.where(id_col.in_(list(ids))))

    def thin_by_ids(self, ids: Sequence[int]) -> dict[int, tuple]:
        """The ``thin`` values of ``ids`` (read by ``thin_convert``), by id, wherever the rows
        are now: a large selection's rows another desk changed."""
        n, convert = len(self.thin_columns), self.thin_convert
        return {t[-1]: convert(t[:n])
                for t in self._of_ids(ids, (*self.thin_columns, self.segments[0].keys[-1]))}

    def by_ids(self, ids: Sequence[int]) -> dict[int, object]:
        """The whole rows of ``ids`` (a few hundred at a time), by id, wherever they are now
        (a row another desk moved out of the list since is read too: its action refuses it
        with the reason)."""
        rows = (self.convert(t) for t in self._of_ids(ids))
        return {row.id: row for row in rows}

    # ---- the seek

    def segment_count(self, si: int) -> int:
        """Rows in segment ``si`` (only asked when there are several), once per pager: from
        ``counted`` when it knows, else counted."""
        if si not in self._counts:
            n = self.counted(si) if self.counted is not None else None
            if n is None and self.total is not None and si == len(self.segments) - 1:
                n = self.total() - sum(self.segment_count(j) for j in range(si))
            if n is None:
                n = self._count(si)
            self._counts[si] = n
        return self._counts[si]

    def _count(self, si: int, *where) -> int:
        """The rows of segment ``si`` (meeting ``where``), counted on its index."""
        q = self._segment_query(si, [pw.fn.COUNT(pw.SQL("*"))])
        return int((q.where(*where) if where else q).scalar() or 0)

    def key_from(self, cursor: Cursor, steps: int, *, backwards: bool = False) -> Cursor | None:
        """The cursor of the row ``steps`` rows after ``cursor`` in the list's order (before it,
        ``backwards``), within the cursor's segment, reading only key columns on its index;
        None when the segment ends first.  A far jump near a page already read steps over
        the rows between, not every row from an end of the list."""
        si = cursor.segment
        seg = self.segments[si]
        _order, desc = self._order(backwards)
        base = self._segment_query(si, seg.keys)
        wheres = _past(seg.keys, cursor.values, desc, one=seg.index is not None)
        skip = steps - 1
        for i, where in enumerate(wheres):
            found = _raw(base.where(where).order_by(*seg.order_by(desc)).limit(1).offset(skip))
            if found:
                return Cursor(si, found[0])
            if i + 1 < len(wheres):  # the rest of the cursor's value was fewer: past it
                skip -= self._count(si, _past(seg.keys, cursor.values, desc, counted=True)[0])
        return None

    def key_at(self, position: int, *, from_end: bool = False) -> Cursor | None:
        """The cursor of the row at ``position`` (0 is the first, or with ``from_end`` the
        last), reading only key columns on the segment's index; None past the end.  In a
        segment whose size is known (a list of several), from the segment's nearer end: the
        middle of 訂單清單 by 出貨日期 lies in its shipped orders, and stepping over 500,000 of
        them from their newest took 15 ms on SQLite (its index walked backwards), 324,000 from
        their oldest 7."""
        order, desc = self._order(from_end)
        for si in order:
            n = None
            if len(self.segments) > 1:
                n = self.segment_count(si)
                if position >= n:
                    position -= n
                    continue
            seg = self.segments[si]
            q = self._segment_query(si, seg.keys)
            near = self.seek(si, position, desc) if self.seek is not None else None
            walk, skip = desc, position
            if near is not None:
                bound, skip = near
                q = q.where(bound)
            elif n is not None and position > (n - 1) // 2:
                walk, skip = not desc, n - 1 - position
            q = q.order_by(*seg.order_by(walk)).limit(1).offset(skip)
            found = _raw(q)
            if found:
                return Cursor(si, found[0])
        return None
