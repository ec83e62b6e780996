"""Read-only tables of text: the detail views' items and histories."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
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
