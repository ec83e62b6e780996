"""訂單管理: the six status tabs of docs/PRODUCT.md §2, each with its count."""

from __future__ import annotations

from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.tabs import OrderTab
from app.services import queries

from .order_columns import order_columns
from .status_page import PageSpec, StatusTabsPage


class OrdersPage(StatusTabsPage):
    SPEC = PageSpec(OrderTab, queries.OrderFilter, queries.fetch_orders, queries.count_orders, "orders",
                    QT_TRANSLATE_NOOP("OrdersPage", "訂單編號、訂購人姓名或電話"))

    def install_actions(self) -> None:
        from .order_actions import install_order_actions

        install_order_actions(self)

    def columns(self):
        return order_columns(self.store_names)

    def touched(self, change) -> frozenset[str]:
        return change.order_statuses

    def open_detail(self, row) -> None:
        from .order_detail import OrderDetailDialog

        OrderDetailDialog.show_for(self, row.id)
