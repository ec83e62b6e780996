"""A table model that knows its size and keeps a bounded cache of pages, sorted and filtered in SQL.

docs/STYLE.md: Anki's browser table; docs/PERFORMANCE.md (issue 11).  ``rowCount`` is the tab's
count (the counter table, or a filtered COUNT), so the scrollbar covers the whole tab from the
start.  Rows live in an LRU cache of pages (``CACHE_PAGES`` pages of ``page`` rows), keyed by
the page's number: memory stays bounded however far the clerk scrolls.  A page is read by
keyset (``app.services.keyset.Pager``), at most one page fetch whatever its position:

* after the cached page before it, or before the cached page after it (scrolling);
* from the end, the sort reversed, for the last page (Ctrl+End, the scrollbar dragged down);
* elsewhere (a far jump) after the key of the row before it, found by ``Pager.key_at``: an
  index-only seek reading only the key columns from the nearer end of the list — or, when a
  cached page is nearer than either end (the scrollbar dragged), from that page's key
  (``Pager.key_from``), stepping over the rows between.

``data()`` never queries: a row not yet read shows empty cells and its page is asked for; the
pages asked for are read together once painting is over (a zero-delay timer), each page
once, then the rows are repainted.  ``row_at`` (an action's rows) reads its page at once.
There is no proxy model over the rows: sorting asks the query again with another ORDER BY.
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from operator import itemgetter
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor


@dataclass(frozen=True)
class Column:
    """One column: its sort key in the query, its header (untranslated), how a row shows."""

    key: str
    header: str
    display: Callable[[Any], str]
    width: int = 110
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    sortable: bool = True
    tooltip: Callable[[Any], str] | None = None
    #: The text colour of a cell (e.g. a refund deadline that is near or past), or None.
    color: Callable[[Any], str | None] | None = None
    #: The widest text the column must show whole (money: "NT$9,999,999"); the column is at
    #: least that wide in the table's font, whatever the screen's scaling.
    widest: str = ""
    #: The background of the row's cells (a row that waits too long), or None.
    background: Callable[[Any], str | None] | None = None


#: Pages kept in memory per table (200 rows each): the visible ones and their neighbours.
CACHE_PAGES = 16


class Counting(int):
    """A tab's size while its count is being taken off the UI thread: the last count known,
    or 0 (none yet: the model shows the rows it has read and reads on as the clerk scrolls,
    until ``PagedTableModel.set_count``)."""

    __slots__ = ()


class ThinRow(tuple):
    """A row of a large selection: (id, owner, index, thin values…).  Its id and ``thin``
    values (what decides which actions fit) are there at once; any other attribute reads its
    whole row (``LazyRows.whole``)."""

    __slots__ = ()
    id = property(itemgetter(0))

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self[1].whole(self[2]), name)

    def __repr__(self) -> str:
        return f"ThinRow(id={self[0]})"


@cache
def _thin_class(names: tuple[str, ...]) -> type:
    return type("ThinRow", (ThinRow,), {"__slots__": (), **{n: property(itemgetter(3 + i)) for i, n in enumerate(names)}})


class LazyRows(Sequence):
    """The rows of a large selection (a select-all of 100,000 orders), in the table's order:
    the ids and the thin values read in one query; whole rows read ``CHUNK`` at a time by
    id when an attribute beyond them is asked for (a preview's first rows, an action on each
    row as it comes)."""

    CHUNK = 500

    def __init__(self, pager, names: tuple[str, ...], items: list[tuple[int, tuple]]):
        self._pager = pager
        self._cls = cls = _thin_class(tuple(names))
        self._rows = [cls((row_id, self, i, *values)) for i, (row_id, values) in enumerate(items)]
        self._ids = array("q", (row_id for row_id, _values in items))  # 8 bytes a row
        self._whole: dict[int, object] = {}

    def refresh(self, ids) -> int:
        """The rows of ``ids`` that are in the selection read again (their thin values, and
        their whole rows when next asked for): another desk changed them in place, no row
        came or went.  Each found by a scan of the ids in C (about a millisecond for a million
        rows); a hundred or more together in one pass.  How many were in it."""
        ids = set(ids)
        if len(ids) < 100:
            places = []
            for row_id in ids:
                try:
                    places.append(self._ids.index(row_id))
                except ValueError:
                    continue
        else:
            places = [i for i, row_id in enumerate(self._ids) if row_id in ids]
        if not places:
            return 0
        fresh = self._pager.thin_by_ids([self._ids[i] for i in places])
        for i in places:
            row_id = self._ids[i]
            self._whole.pop(row_id, None)
            if row_id in fresh:
                self._rows[i] = self._cls((row_id, self, i, *fresh[row_id]))
        return len(places)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, i):
        return self._rows[i]

    def __iter__(self):
        return iter(self._rows)

    def whole(self, index: int):
        """The whole row at ``index`` (its chunk read once)."""
        row_id = self._rows[index][0]
        if row_id not in self._whole:
            start = index - index % self.CHUNK
            self._whole.update(self._pager.by_ids([r[0] for r in self._rows[start:start + self.CHUNK]]))
        if row_id not in self._whole:
            raise LookupError(row_id)  # gone since it was selected
        return self._whole[row_id]


class PagedTableModel(QAbstractTableModel):
    """Rows of ``source`` (a ``queries.ListSource``: ``pager(filter)``, ``count(filter)``)
    under ``flt``; rows have an ``id``.  ``count`` overrides ``source.count`` (a page that
    counts every tab at once shares its counts)."""

    def __init__(self, columns: list[Column], source, flt, *, page: int = 200,
                 cache_pages: int = CACHE_PAGES, count: Callable[[Any], int] | None = None, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._source = source
        self._count_of = count or source.count
        self._filter = flt
        self._page = page
        self._cache_pages = max(cache_pages, 3)
        self._pager = None
        self._count = 0
        #: False while the count is being taken (``Counting``): no page is then read from the end.
        self._exact = True
        self._fetching = False
        #: page number -> [(row, cursor)], least recently used first.
        self._pages: OrderedDict[int, list] = OrderedDict()
        self._wanted: list[int] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.fetch_wanted)
        self._loaded = False
        #: Bumped by every reload: what was read before it (a selection's rows) is stale.
        self.generation = 0

    # ---- filter and loading

    @property
    def filter(self):
        return self._filter

    @property
    def page_size(self) -> int:
        return self._page

    def set_filter(self, flt, *, load: bool = True) -> None:
        """Replace the filter and start again from the first page (now, or when next shown)."""
        self._filter = flt
        if load:
            self.reload(keep=0)
        else:
            self._loaded = False

    def set_sort(self, key: str, descending: bool) -> None:
        """Sort by ``key`` from the next load on (a saved view being applied)."""
        self._filter = replace(self._filter, sort=key, descending=descending)
        self._loaded = False

    @property
    def is_loaded(self) -> bool:
        return self._loaded

    def reload(self, keep: int | None = None, *, rows: range | None = None) -> None:
        """Count and read again: the first page (``keep``: that many rows, default the pages
        that were in the cache, at most two), or the pages of ``rows`` (what the view shows).
        The count and a bounded number of pages: one page fetch each."""
        if rows is None:
            if keep is None:
                keep = min(len(self._pages), 2) * self._page
            rows = range(0, max(keep, 1))
        self.beginResetModel()
        self._pages.clear()
        self._wanted.clear()
        self._pager = self._source.pager(self._filter)
        count = self._count_of(self._filter)
        self._exact = not isinstance(count, Counting)
        self._count = max(int(count or 0), 0)
        self._loaded = True
        self.generation += 1
        if not self._exact and not self._count:  # no count yet: the first page says how far to go
            self._count = self._page
            got = self._read(0)
            self._count = len(got)
            self._exact = len(got) < self._page
        if self._count:
            first, last = self._page_of(min(rows.start, self._count - 1)), self._page_of(
                min(max(rows.stop - 1, rows.start), self._count - 1))
            for k in range(first, min(last, first + 3) + 1):
                self._read(k)
        self.endResetModel()

    def update_rows(self, ids, count: int) -> bool:
        """Read again, in place, the cached rows of ``ids`` — when the caller knows no row
        came, went or moved (their sort keys did not change) and the tab still counts
        ``count`` rows: one query by id for the rows in the cache, none when none of them
        is; the other rows and the cursors stay.  False (nothing done) when the count says
        rows came or went: the caller reloads."""
        if not self._loaded or count != self._count or self._pager is None:
            return False
        places = [(k, i, r.id) for k, got in self._pages.items() for i, (r, _key) in enumerate(got) if r.id in ids]
        if not places:
            return True
        fresh = self._pager.by_ids([row_id for _k, _i, row_id in places])
        for k, i, row_id in places:
            got = self._pages[k]
            if row_id in fresh:
                got[i] = (fresh[row_id], got[i][1])
            row = k * self._page + i
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
        # A selection's rows read before keep their places: the caller reads again those of
        # ``ids`` (``ListTab.rows_changed``), not the whole selection.
        return True

    def set_count(self, count: int) -> None:
        """The tab's count, taken off the UI thread, replaces the one the model went by: rows
        added at the end or taken from it (the rows read and the selection stay)."""
        count = max(int(count), 0)
        self._exact = True
        if count > self._count:
            self.beginInsertRows(QModelIndex(), self._count, count - 1)
            self._fill_last_page(count)
            self._count = count
            self.endInsertRows()
        elif count < self._count:
            self.beginRemoveRows(QModelIndex(), count, self._count - 1)
            last = self._page_of(count)
            for k in [k for k in self._pages if k >= last]:
                if k == last and count % self._page:
                    del self._pages[k][count % self._page:]
                else:
                    del self._pages[k]
            self._count = count
            self.endRemoveRows()

    def _fill_last_page(self, count: int) -> None:
        """The cached page that held the last row under the smaller count, read to where
        ``count`` ends it (it was read short: the rows after it were never asked for again)."""
        if not self._count or self._pager is None:
            return
        k = self._page_of(self._count - 1)
        got = self._pages.get(k)
        want = min(self._page, count - k * self._page)
        if got is None or len(got) >= want:
            return
        if not got:
            del self._pages[k]
            return
        got.extend(self._pager.forward(got[-1][1], want - len(got)))

    @property
    def counting(self) -> bool:
        """Whether the tab's count is still being taken (``Counting``)."""
        return self._loaded and not self._exact

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        # The whole tab is there from the start (rowCount is its count), unless the count is
        # being taken: then the rows read so far, a page more each time the view reaches them.
        return (not parent.isValid() and self.counting and not self._fetching and self._count > 0
                and self._count % self._page == 0 and self._pager is not None)

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        k = self._page_of(self._count)
        got = self._pager.forward(self._key_before(self._count), self._page)
        if len(got) < self._page:
            self._exact = True  # the end: the count is known
        if not got:
            return
        self._fetching = True  # a view (or a tester) asking again while the rows go in: not now
        try:
            self.beginInsertRows(QModelIndex(), self._count, self._count + len(got) - 1)
            self._keep(k, got)
            self._count += len(got)
            self.endInsertRows()
        finally:
            self._fetching = False

    # ---- pages

    def _page_of(self, row: int) -> int:
        return row // self._page

    def _read(self, k: int) -> list:
        """Page ``k``, read now if it is not in the cache: one page fetch (module docstring)."""
        got = self._pages.get(k)
        if got is not None:
            self._pages.move_to_end(k)
            return got
        start = k * self._page
        n = min(self._page, self._count - start)
        if n <= 0 or self._pager is None:
            return []
        pager = self._pager
        before, after = self._pages.get(k - 1), self._pages.get(k + 1)
        if before and len(before) == self._page:
            got = pager.forward(before[-1][1], n)
        elif after:
            got = pager.backward(after[0][1], n)
        elif start == 0:
            got = pager.forward(None, n)
        elif (near := self._from_cached(k, start, n)) is not None:
            got = near
        elif start + n >= self._count and self._exact:
            got = pager.backward(None, n)  # the last rows: the sort reversed
        elif not self._exact or start <= self._count - (start + n):
            # a far jump: seek the key from the nearer end (the count not known yet: never
            # from the end); no such row (the count ran ahead of the rows: another desk took
            # some away) reads none, not the list's first or last rows
            key = pager.key_at(start - 1)
            got = pager.forward(key, n) if key is not None else []
        else:
            key = pager.key_at(self._count - (start + n) - 1, from_end=True)
            got = pager.backward(key, n) if key is not None else []
        self._keep(k, got)
        return got

    def _from_cached(self, k: int, start: int, n: int) -> list | None:
        """Page ``k`` (``n`` rows from ``start``) read from the key of the nearest cached page
        when it lies nearer than either end of the list (a far jump from an end steps over
        half the list at worst: on a server some 20 ms at 1,000,000 orders); None when none
        does, when the list seeks by the day counter (a day's orders at most), or when the
        rows between cross into another segment."""
        pager = self._pager
        if pager.seek is not None or not self._pages:
            return None
        ends = start if not self._exact else min(start, self._count - (start + n))
        j = min(self._pages, key=lambda j: abs(j - k))
        page = self._pages[j]
        if not page:
            return None
        if j < k:
            steps = (start - 1) - (j * self._page + len(page) - 1)  # to the row before page k
            if 0 < steps < ends and (key := pager.key_from(page[-1][1], steps)) is not None:
                return pager.forward(key, n)
        else:
            steps = j * self._page - (start + n)  # back to the row after page k
            if 0 < steps < ends and (key := pager.key_from(page[0][1], steps, backwards=True)) is not None:
                return pager.backward(key, n)
        return None

    def _keep(self, k: int, got: list) -> None:
        """Page ``k`` in the cache, the least recently used dropped beyond ``cache_pages``."""
        self._pages[k] = got
        while len(self._pages) > self._cache_pages:
            self._pages.popitem(last=False)

    def _cached(self, row: int):
        """The row at ``row`` if its page is in the cache, else None (and its page is asked for)."""
        k = self._page_of(row)
        got = self._pages.get(k)
        if got is None:
            if 0 <= row < self._count and k not in self._wanted:
                self._wanted.append(k)
                self._timer.start()
            return None
        i = row - k * self._page
        return got[i][0] if i < len(got) else None

    def fetch_wanted(self) -> None:
        """Read the pages painting asked for (the latest few: a fast drag asks for many) and
        repaint their rows."""
        wanted, self._wanted = self._wanted[-3:], []
        for k in wanted:
            if k in self._pages:
                continue
            self._read(k)
            first = k * self._page
            last = min(first + self._page, self._count) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))

    @property
    def pending(self) -> bool:
        """Pages asked for by painting and not read yet."""
        return bool(self._wanted)

    # ---- rows

    def row_at(self, row: int):
        """The row at ``row``, its page read now if need be (None outside the table)."""
        if not (0 <= row < self._count):
            return None
        got = self._read(self._page_of(row))
        i = row % self._page
        return got[i][0] if i < len(got) else None

    def row_of_id(self, row_id: int) -> int:
        """Where the row of ``row_id`` is among the cached pages (-1 when not there)."""
        return self.positions_of_ids().get(row_id, -1)

    def positions_of_ids(self) -> dict[int, int]:
        """id -> position of every cached row."""
        return {r.id: k * self._page + i for k, got in self._pages.items() for i, (r, _key) in enumerate(got)}

    def rows_in(self, first: int, count: int) -> list:
        """The ``count`` rows from position ``first`` on, in one read (a large selection):
        after the key of the row before it (cached, or found by the seek)."""
        if count <= 0 or self._pager is None:
            return []
        count = min(count, self._count - first)
        if count <= self._page * 2:
            return [r for r in (self.row_at(i) for i in range(first, first + count)) if r is not None]
        return [r for r, _key in self._pager.forward(self._key_before(first), count)]

    def selection_rows(self, runs: list[tuple[int, int]]) -> Sequence:
        """The rows of the (first, last) runs: whole rows for a page or two, else a
        ``LazyRows`` that reads only the ids and the ``thin`` values now (one query per run)."""
        total = sum(b - a + 1 for a, b in runs)
        if total <= self._page * 2 or not self._source.thin or self._pager is None:
            rows: list = []
            for first, last in runs:
                rows.extend(self.rows_in(first, last - first + 1))
            return rows
        items: list = []
        for first, last in runs:
            count = min(last - first + 1, self._count - first)
            if count > 0:
                items.extend(self._pager.thin(self._key_before(first), count))
        return LazyRows(self._pager, self._source.thin, items)

    def _key_before(self, first: int):
        """The cursor of the row before ``first`` (None for the first row): from the cache,
        else by the seek."""
        if first <= 0:
            return None
        k, i = self._page_of(first - 1), (first - 1) % self._page
        got = self._pages.get(k)
        return got[i][1] if got is not None and i < len(got) else self._pager.key_at(first - 1)

    def loaded_rows(self) -> list:
        """The rows in the cache, in their order."""
        return [r for _k, got in sorted(self._pages.items()) for r, _key in got]

    # ---- Qt model interface

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    _ROW_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                            Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.BackgroundRole})

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[index.column()].align)
        if role not in self._ROW_ROLES:
            return None
        row = self._cached(index.row())
        if row is None:
            return None  # not read yet: an empty cell, its page asked for
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()].display(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            col = self.columns[index.column()]
            return col.tooltip(row) if col.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole:
            col = self.columns[index.column()]
            color = col.color(row) if col.color else None
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.BackgroundRole:
            col = self.columns[index.column()]
            color = col.background(row) if col.background else None
            return QColor(color) if color else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("Columns", self.columns[section].header)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)
        return super().headerData(section, orientation, role)

    _FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def flags(self, index):
        return self._FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < len(self.columns)) or not self.columns[column].sortable:
            return
        flt = replace(
            self._filter,
            sort=self.columns[column].key,
            descending=order == Qt.SortOrder.DescendingOrder,
        )
        if flt != self._filter:
            self.set_filter(flt, load=self._loaded)  # a hidden tab sorts when it is shown
