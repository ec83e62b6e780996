"""Read-only tables of text: the detail views' items and histories, and a small model of
rows under declared columns."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem


def fill_read_only(t: QTableWidget, headers: list[str], rows: list[list[str]],
                   right: set[int] = frozenset()) -> QTableWidget:
    """``rows`` under ``headers`` in ``t``, read-only, whole rows selected, words wrapped;
    the columns in ``right`` aligned right."""
    t.setRowCount(len(rows))
    t.setColumnCount(len(headers))
    t.setHorizontalHeaderLabels(headers)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setWordWrap(True)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if c in right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            t.setItem(r, c, item)
    return t


def rows_view(view, name: str):
    """``view`` (a table widget or view) named ``name``, read-only: whole rows selected, no
    row numbers, the last column stretched."""
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def rows_table(parent, name: str, headers: list[str]) -> QTableWidget:
    """An empty ``rows_view`` table under ``headers`` (``show_rows`` fills it)."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    return rows_view(table, name)


def show_rows(table: QTableWidget, rows) -> None:
    """``rows`` (each a sequence of texts) in ``table`` instead of what it showed, the columns
    fitted to them."""
    table.setRowCount(len(rows))
    for i, row in enumerate(rows):
        for j, text in enumerate(row):
            table.setItem(i, j, QTableWidgetItem(text))
    table.resizeColumnsToContents()


class FullTable(QTableWidget):
    """A read-only table as tall as its rows, its last column wrapped to the width there is:
    the page scrolls, never the table (no row or word is hidden behind a scroll bar)."""

    def __init__(self, headers: list[str], rows: list[list[str]], parent=None):
        super().__init__(parent)
        fill_read_only(self, headers, rows)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        for c in range(len(headers) - 1):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(headers) - 1, QHeaderView.ResizeMode.Stretch)
        # Row heights follow the column widths once the layout has settled.
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self._fit)
        header.sectionResized.connect(lambda *_: self._refit.start())
        self._fit()

    def _fit(self) -> None:
        self.resizeRowsToContents()
        rows = sum(self.rowHeight(r) for r in range(self.rowCount()))
        self.setFixedHeight(self.horizontalHeader().sizeHint().height() + rows + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._refit.start()


class RowsModel(QAbstractTableModel):
    """Read-only ``rows`` under ``columns`` declared beside the table (Electrum's ``Columns``):
    each column is (header marked for ``context``, how a row shows, right-aligned or not; the
    third item may be left out)."""

    context = ""

    def __init__(self, columns, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list = []

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def right_aligned(self, column) -> bool:
        return len(column) > 2 and bool(column[2])

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column[1](self.rows[index.row()])
        if role == Qt.ItemDataRole.TextAlignmentRole and self.right_aligned(column):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and 0 <= section < len(self.columns)):
            return QCoreApplication.translate(self.context, self.columns[section][0])
        return None
