"""One status tab: a row of action buttons above an on-demand QTableView."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QByteArray, QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.widgets.format import bracketed

from .paged_model import LazyRows, PagedTableModel


class _Table(QTableView):
    """The list's table: a select-all (Ctrl+A, the corner button) or Ctrl+End (to the last
    row) first lets its tab's page take the counts it may still be taking
    (``ListTab.before_whole_tab``): the tab's last row, not the last read so far."""

    def __init__(self, owner: ListTab):
        super().__init__(owner)
        self._owner = owner

    def selectAll(self) -> None:  # noqa: N802
        self._owner.before_whole_tab()
        super().selectAll()

    def moveCursor(self, action, modifiers):  # noqa: N802
        if (action == QAbstractItemView.CursorAction.MoveEnd
                and modifiers & Qt.KeyboardModifier.ControlModifier):
            self._owner.before_whole_tab()
        return super().moveCursor(action, modifiers)


class ListTab(QWidget):
    """``open_requested(row)`` on 【查詢】, a double-click or Enter."""

    open_requested = Signal(object)

    def __init__(self, model: PagedTableModel, parent=None):
        super().__init__(parent)
        self.model = model
        #: Called before a select-all or Ctrl+End (the page's ``count_now``: the tab's rows
        #: all there).
        self.before_whole_tab: Callable[[], None] = lambda: None
        self.view = _Table(self)
        self.view.setModel(model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)  # Tab goes on to the next widget, not the next cell
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(26)
        header = self.view.horizontalHeader()
        # The headers get a selection of their own, always empty: painting a header asks
        # whether each column is wholly selected, and Qt answers by asking every row's flags
        # (1.1 million calls into Python after a select-all of 100,000 rows: 3 s per paint).
        self._header_selection = QItemSelectionModel(model, self)
        header.setSelectionModel(self._header_selection)
        self.view.verticalHeader().setSelectionModel(self._header_selection)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # The indicator first: enabling sorting sorts at once by the indicated column, and
        # this must be the order the model already has (order date / request date, newest
        # first) or every tab would run a second, unindexed query while the window opens.
        header.setSortIndicator(1, Qt.SortOrder.DescendingOrder)
        self.view.setSortingEnabled(True)
        #: Each column's width before fitting: at least its widest text and its header.
        self._natural = [max(col.width, self.text_width(col.widest), self.header_width(i))
                         for i, col in enumerate(model.columns)]
        for i, width in enumerate(self._natural):
            self.view.setColumnWidth(i, width)
        self._fitting = False
        self._own_widths = False
        #: ((the model's generation, the selected runs), their rows): ``selected_rows``.
        self._selected: tuple = (None, ())
        header.sectionResized.connect(self._section_resized)
        self.view.doubleClicked.connect(self._open_index)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        model.modelReset.connect(self.update_buttons)

        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self._actions: list[tuple[QAction, QPushButton | None, Callable[[list], bool]]] = []
        #: Why the signed-in role may not use an action, by its name (``Session.refusal``).
        self.gate: Callable[[str], str | None] = lambda _name: None
        self.view_action = self.add_action(
            self.tr("查詢"), lambda rows: self.open_requested.emit(rows[0]),
            enabled=lambda rows: len(rows) == 1, name="view",
        )
        self.view_action.setToolTip(self.tr("Enter 或按兩下"))
        self.view.installEventFilter(self)
        # The columns fit the room the rows have: the header's width, always the viewport's
        # (QTableView sets it so).  Not the viewport's own events: PySide6 builds the Python
        # types of every Qt widget class, and their enums, the first time the viewport is
        # asked for (a tenth of the window's start; issue 11, item 8).
        header.installEventFilter(self)
        self.buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 6, 4, 4)
        lay.addLayout(self.buttons)
        lay.addWidget(self.view)
        self.update_buttons()

    def text_width(self, text: str) -> int:
        """The width a cell needs to show ``text`` whole (the cell's margins included)."""
        if not text:
            return 0
        return self.view.fontMetrics().horizontalAdvance(text) + self.CELL_MARGINS + 12

    def fit_columns(self, room: int) -> None:
        """The columns in ``room`` px, until the clerk sets widths of their own (by hand, or
        restored): free-text columns (store, method, buyer) give way, down to a floor, so
        that the columns that must show whole (numbers, dates, amounts) need no sideways
        scrolling, in a language with longer words too; with room again they widen back.  A
        table too wide even so keeps its widths and scrolls."""
        columns = self.model.columns
        widths = list(self._natural)
        excess = sum(widths) - room
        free = [i for i, c in enumerate(columns[:-1]) if not c.widest and widths[i] > self.FLOOR]
        give = sum(widths[i] - self.FLOOR for i in free)
        # Only when that makes them fit: a table too wide anyway scrolls with its texts whole.
        share = excess / give if 0 < excess <= give else 0.0
        for i in free:
            widths[i] -= int((widths[i] - self.FLOOR) * share + 0.999)
        self._fitting = True
        for i, w in enumerate(widths[:-1]):  # the last one stretches
            self.view.setColumnWidth(i, w)
        self._fitting = False

    def _section_resized(self, section: int, _old: int, _new: int) -> None:
        if not self._fitting and section < len(self.model.columns) - 1:
            self._own_widths = True

    #: The narrowest a free-text column becomes when the columns must fit.
    FLOOR = 60

    #: A cell's text margins: twice (the style's focus-frame margin + 1), 6 px on Fusion (a
    #: margin of 2); Qt's styles keep that margin within 1–3 px, so 8 is the most they take,
    #: and the 12 px of air a text width gets besides cover a theme's wider one.  Taken, not
    #: asked: the first ``style()`` makes PySide6 build ``QStyle``'s Python type and its 566
    #: enum members, 46 M instructions (11 ms) of the window's start (issue 11, item 8).
    CELL_MARGINS = 8

    def header_width(self, section: int) -> int:
        """The width the header of ``section`` needs, its sort arrow included: the header's own
        measure (what fitting the column to its header would give)."""
        return self.view.horizontalHeader().sectionSizeHint(section)

    def add_action(self, text: str, slot: Callable[[list], None], *,
                   enabled: Callable[[list], bool] = lambda rows: bool(rows),
                   shortcut: QKeySequence | None = None, name: str = "",
                   button: bool = True) -> QAction:
        """A row action: a button (【text】), a context-menu entry and a keyboard shortcut;
        without ``button``, the menu entry and the shortcut only."""
        action = QAction(text, self)
        action.setObjectName(f"action_{name}" if name else "")
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        action.triggered.connect(lambda: self._run(slot, enabled, name))
        if not button:
            self._actions.append((action, None, enabled))
            return action
        button = QPushButton(bracketed(text), self)
        button.setObjectName(f"button_{name}" if name else "")
        if shortcut is not None:
            button.setToolTip(shortcut.toString(QKeySequence.SequenceFormat.NativeText))
        button.clicked.connect(action.trigger)
        index = self.buttons.count() - 1 if self._actions else self.buttons.count()
        self.buttons.insertWidget(max(index, 0), button)
        self._actions.append((action, button, enabled))
        return action

    def _run(self, slot, enabled, name: str = "") -> None:
        rows = self.selected_rows()
        if enabled(rows) and self.gate(name) is None:
            slot(rows)

    def update_buttons(self) -> None:
        rows = self.selected_rows()
        for action, button, enabled in self._actions:
            name = action.objectName().removeprefix("action_")
            refused = self.gate(name)
            ok = enabled(rows) and refused is None
            action.setEnabled(ok)
            if button is not None:
                button.setEnabled(ok)
            if refused is not None:  # a disabled button still shows its tooltip: the reason
                if button is not None:
                    button.setToolTip(refused)
                action.setToolTip(refused)

    def selected_ranges(self) -> list[tuple[int, int]]:
        """The selected rows as (first, last) runs, in order, from the selection's ranges (a
        select-all is one range: no index per row is made)."""
        sel = self.view.selectionModel()
        if sel is None:
            return []
        return _runs(sorted((r.top(), r.bottom()) for r in sel.selection() if r.isValid()))

    def selected_rows(self) -> list:
        """The selected rows, in the table's order, kept until the selection or the rows
        change: a large selection (a select-all of 100,000 rows) reads each run's ids and
        thin values in one query, whole rows as they are needed (``LazyRows``)."""
        ranges = tuple(self.selected_ranges())
        key = (self.model.generation, ranges)
        if self._selected[0] != key:
            self._selected = (key, self.model.selection_rows(list(ranges)))
        rows = self._selected[1]
        return list(rows) if isinstance(rows, list) else rows  # a list: the caller's own copy

    def rows_changed(self, ids) -> None:
        """The rows of ``ids`` changed in place (``PagedTableModel.update_rows``): a kept
        large selection reads again only those rows (``LazyRows.refresh``: a select-all of a
        million orders is not read again for another desk's one change); a small one holding
        any of them is read again when next asked for."""
        rows = self._selected[1]
        if not ids:
            return
        if isinstance(rows, LazyRows):
            rows.refresh(ids)
        elif any(r.id in ids for r in rows):
            self._selected = (None, ())

    def select_ids(self, ids: list[int]) -> None:
        """Select the rows of ``ids`` that are among the rows read (neighbours as one range)."""
        where = self.model.positions_of_ids()
        places = sorted(p for p in (where.get(rid, -1) for rid in ids) if p >= 0)
        self._select_ranges(_runs((p, p) for p in places))
        if places:
            sel = self.view.selectionModel()
            sel.setCurrentIndex(self.model.index(places[0], 0), sel.SelectionFlag.NoUpdate)

    def position_of(self, rows: list) -> int:
        """The first of ``rows``' places in the table (0 when none is there)."""
        where = self.model.positions_of_ids()
        places = [p for p in (where.get(r.id, -1) for r in rows) if p >= 0]
        return min(places) if places else 0

    def select_next(self, acted_ids: list[int], position: int) -> None:
        """After an action on ``acted_ids`` (first at ``position``): select the next order —
        the row after them when they stayed in the tab, else the row that took their place, or
        the last — and keep the focus in the table."""
        where = self.model.positions_of_ids()
        stayed = [p for p in (where.get(i, -1) for i in acted_ids) if p >= 0]
        target = max(stayed) + 1 if stayed else position
        count = self.model.rowCount()
        sel = self.view.selectionModel()
        sel.clearSelection()
        if count:
            index = self.model.index(min(target, count - 1), 0)
            sel.setCurrentIndex(index, sel.SelectionFlag.ClearAndSelect | sel.SelectionFlag.Rows)
            self.view.scrollTo(index)
        self.update_buttons()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def visible_rows(self) -> range:
        """The rows the view shows now (at least the first)."""
        top = max(self.view.rowAt(0), 0)
        bottom = self.view.rowAt(self.view.viewport().height() - 1)
        if bottom < 0:
            bottom = top + max(self.view.viewport().height() // max(self.view.verticalHeader().defaultSectionSize(), 1), 1)
        return range(top, bottom + 1)

    def refresh(self) -> None:
        """Count and read again the rows shown (a bounded number of queries however far the
        clerk scrolled), keeping the selection and the scroll position.  A selection of a
        page or less follows its rows' ids (looked for in the pages shown and the page where
        it began); a larger one keeps its place."""
        ranges = self.selected_ranges()
        small = sum(b - a + 1 for a, b in ranges) <= self.model.page_size
        ids = [r.id for r in self.selected_rows()] if small else []
        scroll = self.view.verticalScrollBar().value()
        self.model.reload(rows=self.visible_rows())
        if small and ranges:
            self.model.row_at(ranges[0][0])  # its page: one more page fetch at most
            self.select_ids(ids)
        else:
            self._select_ranges(ranges)
        self.view.verticalScrollBar().setValue(scroll)

    def _select_ranges(self, ranges) -> None:
        count, last = self.model.rowCount(), self.model.columnCount() - 1
        selection = QItemSelection()
        for a, b in ranges:
            if a < count:
                selection.select(self.model.index(a, 0), self.model.index(min(b, count - 1), last))
        sel = self.view.selectionModel()
        sel.clearSelection()
        if selection.size():
            sel.select(selection, sel.SelectionFlag.Select)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        """Enter on a row opens it, on every platform (macOS's Return would start editing);
        the context-menu key opens the menu at the selected row."""
        if obj is self.view.horizontalHeader() and event.type() == QEvent.Type.Resize and not self._own_widths:
            self.fit_columns(event.size().width())
        if obj is self.view and event.type() == QEvent.Type.ContextMenu and (
                event.reason() == QContextMenuEvent.Reason.Keyboard):
            rect = self.view.visualRect(self.view.currentIndex())
            self._context_menu(rect.bottomLeft() if rect.isValid() else self.view.viewport().rect().topLeft())
            return True
        if obj is self.view and event.type() == QEvent.Type.KeyPress and event.key() in (
            Qt.Key.Key_Return, Qt.Key.Key_Enter
        ):
            index = self.view.currentIndex()
            if index.isValid():
                self._open_index(index)
                return True
        return super().eventFilter(obj, event)

    def _open_index(self, index: QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.open_requested.emit(row)

    def _context_menu(self, pos) -> None:
        self.last_menu = menu = QMenu(self)
        for action, _button, _enabled in self._actions:
            menu.addAction(action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def header_state(self) -> QByteArray:
        return self.view.horizontalHeader().saveState()

    def restore_header(self, state) -> None:
        if state:
            self.view.horizontalHeader().restoreState(state)
            self._own_widths = True  # the clerk's widths stay as they were


def _runs(spans) -> list[tuple[int, int]]:
    """Sorted (first, last) spans of row positions merged where they touch or overlap."""
    merged: list[list[int]] = []
    for top, bottom in spans:
        if merged and top <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], bottom)
        else:
            merged.append([top, bottom])
    return [(a, b) for a, b in merged]
