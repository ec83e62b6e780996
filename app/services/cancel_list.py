"""The cancellation requests' list: its filter and rows, its sorts, its pages and its tabs' counts.

Read as the orders' list is (``queries``): pages by keyset on (sort column, id), the counts
from the counter table the triggers keep, and a search finds the requests of the orders it
finds (``Search``) and those whose reason holds the text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import peewee as pw

from app.domain.later import dataclass_when_used
from app.domain.statuses import CancelAction, CancelStatus
from app.domain.tabs import REFUND_FAILED, REFUNDED, REVIEWED, CancelTab, cancel_tab_date
from app.models.db import database
from app.models.tables import CancellationRequest, CancelStatusCount, Order, StatusHistory

from .keyset import PAGE, Cursor, Pager, Segment, indexed_columns, led_by
from .queries import (
    ListFilter,
    ListSource,
    date_range,
    null_split,
    one_status,
    segments_order,
    tab_counts,
    walk_all,
)
from .search import EXISTS, Search, holds_text


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
                         *date_range(StatusHistory.at, f.date_from, f.date_to)))
        return [pw.fn.EXISTS(failed)]
    column = cr.reviewed_at if kind == REVIEWED else cr.requested_at
    return date_range(column, f.date_from, f.date_to)


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
        return search.cond(EXISTS) | holds_text(cr.reason, reason)
    inner = CancellationRequest.alias("cr_found")
    found, more = search.joined(inner.select(inner.id).join(Order, on=(inner.order == Order.id)))
    if more:
        found = found.where(*more)
    by_reason = inner.select(inner.id).where(holds_text(inner.reason, reason))
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
        return null_split(CANCEL_SORTS[sort_key], cr.id)
    return [Segment((), (CANCEL_SORTS[sort_key], cr.id))]


def _cancel_filtered(f: CancelFilter, *, page: bool = True, with_tab: bool = True):
    q = CancellationRequest.select(*_CANCEL_COLS).join(Order)
    conds = _cancel_where(f, page=page, with_tab=with_tab)
    return q.where(*conds) if conds else q


def _steered(f: CancelFilter, segments: list[Segment]) -> list[Segment] | None:
    """On PostgreSQL, a tab's plain list (or the sort by status) read on the (status, date,
    id) index, as ``queries._steered`` the orders': the first page of 取消完成訂單 stepped over
    the 2,193 newer requests still open (1,000,000 orders: 3.4 ms).  None if not so steered."""
    if not isinstance(database.obj, pw.PostgresqlDatabase) or not f.plain:
        return None
    return led_by(CancellationRequest.status, segments, one_status(f.tab.statuses),
                  indexed_columns(CancellationRequest))


def cancel_query(f: CancelFilter):
    order = segments_order(_cancel_segments(f))
    return _cancel_filtered(f, page=False).order_by(*[o.desc() if f.descending else o.asc() for o in order])


def cancel_pager(f: CancelFilter) -> Pager:
    """``f``'s requests in its sort order, a page at a time (``keyset.Pager``)."""
    segments = _cancel_segments(f)
    steered = _steered(f, segments)
    return Pager(_cancel_filtered(f, with_tab=steered is None), steered or segments, f.descending, _cancel_row,
                 len(_CANCEL_COLS),
                 thin=(CancellationRequest.status,), thin_convert=lambda t: (CancelStatus(t[0]),))


def fetch_cancellations(
    f: CancelFilter, cursor: Cursor | None = None, limit: int = PAGE
) -> tuple[list[CancelRow], Cursor | None]:
    return walk_all(cancel_pager(f), cursor, limit)


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
