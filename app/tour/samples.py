"""The rows the tour's dialogs are shown on: the connected (demo) database's, with stand-ins
when it has too few.  Nothing here writes to the database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication

from app.domain.statuses import OrderStatus
from app.domain.tabs import CancelTab, OrderTab
from app.services import cancel_list, queries


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None, microsecond=0)


def sample_rows(status: OrderStatus, n: int) -> list:
    """Up to ``n`` rows of the connected database in ``status``; other orders stand in
    (with that status) when there are too few, and a made-up one when there are none."""
    tab = next(t for t in OrderTab if t.statuses == frozenset({status}))
    rows, _ = queries.fetch_orders(queries.OrderFilter(tab=tab), limit=n)
    if len(rows) < n:
        others, _ = queries.fetch_orders(queries.OrderFilter(), limit=n)
        rows += [replace(r, status=status) for r in others if r.id not in {x.id for x in rows}]
    if not rows:
        when = utcnow() - timedelta(days=2)
        rows = [queries.OrderRow(0, "O00000000000", when, status, None, 0, QCoreApplication.translate("OrderActions", "ATM 轉帳"),
                                 QCoreApplication.translate("OrderActions", "宅配"), QCoreApplication.translate("OrderActions", "王小明"), "0912345678", 700, 120, 820, 1)]
    return rows[:n]


def sample_detail(row) -> queries.OrderDetail:
    """``row``'s detail, with a payment notice and an out-of-stock reason where its status
    would have them."""
    detail = queries.order_detail(row.id) if row.id else None
    if detail is None:
        detail = queries.OrderDetail(
            id=row.id, order_no=row.order_no, order_date=row.order_date, status=row.status,
            store=QCoreApplication.translate("OrderActions", "示範商店"), payment_method=row.payment_method,
            shipping_method=row.shipping_method, shipping_method_fee=row.shipping_fee,
            subtotal=row.subtotal, shipping_fee=row.shipping_fee, total=row.total, ship_date=None,
            carrier=None, tracking_no=None, out_of_stock_reason=None, buyer_name=row.buyer_name,
            buyer_phone=row.buyer_phone, buyer_email="", delivery_address="", version=row.version,
            updated_at=row.order_date, updated_by="", items=[queries.ItemLine(QCoreApplication.translate("OrderActions", "藍牙耳機"), 2, 350)],
        )
    if not detail.notices and row.status is not OrderStatus.UNPAID:
        detail = replace(detail, notices=[queries.NoticeInfo(
            queries.utc_to_local(row.order_date).date(), row.total, "12345", "", row.order_date, "storefront")])
    if row.status is OrderStatus.OUT_OF_STOCK and not detail.out_of_stock_reason:
        detail = replace(detail, out_of_stock_reason=QCoreApplication.translate("OrderActions", "廠商延後到貨"))
    return replace(detail, status=row.status)


def first_request(tab: CancelTab):
    """The first cancellation request on ``tab``, or None."""
    rows, _ = cancel_list.fetch_cancellations(cancel_list.CancelFilter(tab=tab), None, 1)
    return rows[0] if rows else None
