"""The tabs of the two list pages: which statuses each shows (docs/PRODUCT.md §2, §4)."""

from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP
from .statuses import CancelStatus, Labelled, OrderStatus


class OrderTab(Labelled):
    ALL = "all", QT_TRANSLATE_NOOP("Tabs", "訂單清單")
    UNPAID = "unpaid", QT_TRANSLATE_NOOP("Tabs", "未付款清單")
    PAID = "paid", QT_TRANSLATE_NOOP("Tabs", "已付款清單")
    AWAITING_SHIPMENT = "awaiting-shipment", QT_TRANSLATE_NOOP("Tabs", "等待出貨")
    OUT_OF_STOCK = "out-of-stock", QT_TRANSLATE_NOOP("Tabs", "缺貨訂單")
    COMPLETED = "completed", QT_TRANSLATE_NOOP("Tabs", "已完成訂單")

    @property
    def statuses(self) -> frozenset[OrderStatus] | None:
        """The statuses shown (the status of the tab's name); None means every order."""
        return None if self is OrderTab.ALL else frozenset({OrderStatus[self.name]})


class CancelTab(Labelled):
    PENDING_REVIEW = "pending-review", QT_TRANSLATE_NOOP("Tabs", "取消訂單審核")
    AWAITING_RETURN = "awaiting-return", QT_TRANSLATE_NOOP("Tabs", "等待退貨")
    RETURN_FAILED = "return-failed", QT_TRANSLATE_NOOP("Tabs", "退貨失敗")
    REFUND_PENDING = "refund-pending", QT_TRANSLATE_NOOP("Tabs", "尚未退款")
    REFUND_FAILED = "refund-failed", QT_TRANSLATE_NOOP("Tabs", "退款失敗")
    COMPLETED = "cancel-completed", QT_TRANSLATE_NOOP("Tabs", "取消完成訂單")
    ALL = "all-requests", QT_TRANSLATE_NOOP("Tabs", "全部申請")

    @property
    def statuses(self) -> frozenset[CancelStatus] | None:
        """The statuses shown (the status of the tab's name); None means every request."""
        return None if self is CancelTab.ALL else frozenset({CancelStatus[self.name]})
