"""A table model that fetches rows on demand, sorted and filtered in SQL.

docs/STYLE.md: Anki's browser table and Qt's fetchmore example.  The model holds only the rows
fetched so far (pages of 200); ``canFetchMore``/``fetchMore`` bring the next page when the
view scrolls near the end.  Sorting asks the query again with another ORDER BY; there is no
proxy model over the rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
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


class PagedTableModel(QAbstractTableModel):
    """Rows of ``fetch(filter, cursor, limit) -> (rows, next_cursor)``; rows have an ``id``."""

    def __init__(self, columns: list[Column], fetch, flt, *, page: int = 200, parent=None):
        super().__init__(parent)
        self.columns = columns
        self._fetch = fetch
        self._filter = flt
        self._page = page
        self._rows: list = []
        self._cursor = None
        self._at_end = True
        self._loaded = False

    # ---- filter and loading

    @property
    def filter(self):
        return self._filter

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

    def reload(self, keep: int | None = None) -> None:
        """Fetch again.  ``keep`` rows (default: as many as are loaded now) are re-read, so a
        refresh keeps the clerk's scroll position."""
        want = len(self._rows) if keep is None else keep
        self.beginResetModel()
        self._rows, self._cursor = self._fetch(self._filter, None, self._page)
        self._at_end = self._cursor is None
        while not self._at_end and len(self._rows) < want:
            more, self._cursor = self._fetch(self._filter, self._cursor, self._page)
            self._rows.extend(more)
            self._at_end = self._cursor is None
        self._loaded = True
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and self._loaded and not self._at_end

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self._at_end:
            return
        more, cursor = self._fetch(self._filter, self._cursor, self._page)
        self._cursor = cursor
        self._at_end = cursor is None
        if more:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)  # last is inclusive
            self._rows.extend(more)
            self.endInsertRows()

    # ---- rows

    def row_at(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, row_id: int) -> int:
        for i, r in enumerate(self._rows):
            if r.id == row_id:
                return i
        return -1

    def loaded_rows(self) -> list:
        return list(self._rows)

    # ---- Qt model interface

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()].display(self._rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[index.column()].align)
        if role == Qt.ItemDataRole.ToolTipRole:
            col = self.columns[index.column()]
            return col.tooltip(self._rows[index.row()]) if col.tooltip else None
        if role == Qt.ItemDataRole.ForegroundRole:
            col = self.columns[index.column()]
            color = col.color(self._rows[index.row()]) if col.color else None
            return QColor(color) if color else None
        if role == Qt.ItemDataRole.BackgroundRole:
            col = self.columns[index.column()]
            color = col.background(self._rows[index.row()]) if col.background else None
            return QColor(color) if color else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("Columns", self.columns[section].header)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(self.columns[section].align)
        return super().headerData(section, orientation, role)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

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
