"""The columns of the order tables (docs/STYLE.md: each table declares its columns)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.pickup import store_text
from app.domain.statuses import OrderStatus
from app.widgets import format as fmt

from .paged_model import Column

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def order_columns(store_names: dict[int, str], background=None) -> list[Column]:
    """The columns; ``background(row)`` colours a row's cells (an order waiting too long)."""
    # Narrow widths, each widened to the widest text it must show whole (order numbers, times,
    # phones, amounts) and to its header: the whole row fits the default window (1280 px).
    columns = [
        Column("order_no", QT_TRANSLATE_NOOP("Columns", "訂單編號"), lambda r: r.order_no, 100,
               widest="O2026123100009"),
        Column("order_date", QT_TRANSLATE_NOOP("Columns", "訂單日期"), lambda r: fmt.local_dt(r.order_date), 100,
               widest="2026-12-31 23:59"),
        Column("status", QT_TRANSLATE_NOOP("Columns", "目前狀態"), lambda r: fmt.order_status(r.status), 80,
               widest=max((fmt.order_status(s) for s in OrderStatus), key=len)),
        Column("ship_date", QT_TRANSLATE_NOOP("Columns", "出貨日期"), lambda r: fmt.day(r.ship_date), 80,
               widest="2026-12-31"),
        Column("store", QT_TRANSLATE_NOOP("Columns", "商店名稱"), lambda r: store_names.get(r.store_id, ""), 120),
        Column("payment_method", QT_TRANSLATE_NOOP("Columns", "付款方式"), lambda r: r.payment_method, 100),
        Column("buyer_name", QT_TRANSLATE_NOOP("Columns", "訂購人"), lambda r: r.buyer_name, 80),
        Column("buyer_phone", QT_TRANSLATE_NOOP("Columns", "電話"), lambda r: r.buyer_phone, 80,
               widest="0912345678"),
        Column("total", QT_TRANSLATE_NOOP("Columns", "訂單金額"), lambda r: fmt.money(r.total), 100, RIGHT,
               widest=fmt.WIDEST_MONEY),
        # Issue 12: the convenience-store pickup's store (its name; the code in the tooltip),
        # columns of the order itself; empty for a home delivery.  Not sortable (no index).
        Column("pickup_store", QT_TRANSLATE_NOOP("Columns", "取貨門市"), lambda r: r.pickup_store_name or "", 100,
               sortable=False, tooltip=lambda r: store_text(r.pickup_store_code, r.pickup_store_name)),
        # Issue 12: the tracking number, a column of the order itself (no join, no query per
        # row); not sortable (no index of its own).
        Column("tracking_no", QT_TRANSLATE_NOOP("Columns", "貨運單號"), lambda r: r.tracking_no or "", 90,
               sortable=False, tooltip=lambda r: r.carrier or ""),
        note_column(),
    ]
    return [replace(c, background=background) for c in columns] if background else columns


def note_column() -> Column:
    """備註: how many notes clerks added to the order (its requests' included), from the
    order's own ``note_count`` (no query per row); empty when none."""
    return Column("note_count", QT_TRANSLATE_NOOP("Columns", "備註"), fmt.note_mark, 48, sortable=False,
                  tooltip=fmt.note_tip)
