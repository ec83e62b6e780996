"""訂單管理: the six status tabs of docs/PRODUCT.md §2, each with its count."""

from __future__ import annotations

from app.domain.tabs import OrderTab
from app.services import queries

from .order_columns import order_columns
from .status_page import StatusTabsPage


class OrdersPage(StatusTabsPage):
    TABS = OrderTab
    FILTER = queries.OrderFilter
    SETTINGS_KEY = "orders"
    fetch = staticmethod(queries.fetch_orders)
    count = staticmethod(queries.count_orders)

    def __init__(self, session, parent=None):
        super().__init__(
            session,
            date_label=self.tr("訂單日期"),
            placeholder=self.tr("訂單編號、訂購人姓名或電話"),
            parent=parent,
        )
        from .order_actions import install_order_actions

        install_order_actions(self)

    def columns(self):
        return order_columns(self.store_names)

    def touched(self, change) -> frozenset[str]:
        return change.order_statuses

    def open_detail(self, row) -> None:
        from .order_detail import OrderDetailDialog

        OrderDetailDialog.show_for(self, row.id)
