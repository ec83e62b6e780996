"""a tab counted off the UI thread (``Counting``) whose count comes back larger.

``PagedTableModel.set_count`` adds the rows at the end but keeps the cached last page as it
was read under the old, smaller count: a partial page.  ``_read`` hands a cached page back
as it is and ``_cached`` returns None for a place past its end without asking for the page
again, so the rows between the old count and the end of that page stay empty for good
(``row_at`` None, ``data()`` None and never read), until the next reload."""
from __future__ import annotations

from list_truth import truth_ids
from PySide6.QtCore import Qt

from app.domain.tabs import OrderTab
from app.services import queries
from app.views.order_columns import order_columns
from app.views.paged_model import Counting, PagedTableModel


def test_rows_added_by_set_count_inside_a_cached_partial_page_are_read(place):
    ids = [place() for _ in range(12)]
    f = queries.OrderFilter(tab=OrderTab.ALL, sort="order_no", descending=False)
    assert truth_ids(f) == sorted(ids)
    # While the search's count is taken apart the table goes by the last count known: 7
    # (five orders came since).  The clerk's view shows the tab's end: rows 5-6 (page 1).
    counts = iter([Counting(7)])
    m = PagedTableModel(order_columns({}), queries.ORDERS, f,
                        page=5, count=lambda _f: next(counts))
    m.reload(rows=range(0, 7))
    assert m.counting and m.rowCount() == 7
    # The counts come: 12.
    m.set_count(12)
    assert m.rowCount() == 12
    got = [m.row_at(i) for i in range(12)]
    assert [r.id if r is not None else None for r in got] == truth_ids(f)


def test_data_of_rows_added_by_set_count_is_asked_for(place):
    for _ in range(12):
        place()
    f = queries.OrderFilter(tab=OrderTab.ALL, sort="order_no", descending=False)
    counts = iter([Counting(7)])
    m = PagedTableModel(order_columns({}), queries.ORDERS, f, page=5, count=lambda _f: next(counts))
    m.reload(rows=range(0, 7))
    m.set_count(12)
    # What painting does: data() of the new rows; an empty cell must ask for its page.
    shown = [m.data(m.index(i, 0), Qt.ItemDataRole.DisplayRole) for i in range(12)]
    m.fetch_wanted()
    shown = [m.data(m.index(i, 0), Qt.ItemDataRole.DisplayRole) for i in range(12)]
    assert None not in shown, shown
