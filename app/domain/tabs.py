"""The tabs of the two list pages: which statuses each shows (PRODUCT.md §2, §4)."""

from __future__ import annotations

from enum import StrEnum

from .i18n import QT_TRANSLATE_NOOP
from .statuses import CancelStatus, OrderStatus


class OrderTab(StrEnum):
    ALL = "all"
    UNPAID = "unpaid"
    PAID = "paid"
    AWAITING_SHIPMENT = "awaiting-shipment"
    OUT_OF_STOCK = "out-of-stock"
    COMPLETED = "completed"

    @property
    def label(self) -> str:
        return ORDER_TAB_LABELS[self]

    @property
    def statuses(self) -> frozenset[OrderStatus] | None:
        """The statuses shown; None means every order."""
        return ORDER_TAB_STATUSES[self]


ORDER_TAB_LABELS = {
    OrderTab.ALL: QT_TRANSLATE_NOOP("Tabs", "訂單清單"),
    OrderTab.UNPAID: QT_TRANSLATE_NOOP("Tabs", "未付款清單"),
    OrderTab.PAID: QT_TRANSLATE_NOOP("Tabs", "已付款清單"),
    OrderTab.AWAITING_SHIPMENT: QT_TRANSLATE_NOOP("Tabs", "等待出貨"),
    OrderTab.OUT_OF_STOCK: QT_TRANSLATE_NOOP("Tabs", "缺貨訂單"),
    OrderTab.COMPLETED: QT_TRANSLATE_NOOP("Tabs", "已完成訂單"),
}

ORDER_TAB_STATUSES = {
    OrderTab.ALL: None,
    OrderTab.UNPAID: frozenset({OrderStatus.UNPAID}),
    OrderTab.PAID: frozenset({OrderStatus.PAID}),
    OrderTab.AWAITING_SHIPMENT: frozenset({OrderStatus.AWAITING_SHIPMENT}),
    OrderTab.OUT_OF_STOCK: frozenset({OrderStatus.OUT_OF_STOCK}),
    OrderTab.COMPLETED: frozenset({OrderStatus.COMPLETED}),
}


class CancelTab(StrEnum):
    PENDING_REVIEW = "pending-review"
    AWAITING_RETURN = "awaiting-return"
    RETURN_FAILED = "return-failed"
    REFUND_PENDING = "refund-pending"
    REFUND_FAILED = "refund-failed"
    COMPLETED = "cancel-completed"
    ALL = "all-requests"

    @property
    def label(self) -> str:
        return CANCEL_TAB_LABELS[self]

    @property
    def statuses(self) -> frozenset[CancelStatus] | None:
        return None if self is CancelTab.ALL else frozenset({CancelStatus[self.name]})


CANCEL_TAB_LABELS = {
    CancelTab.PENDING_REVIEW: QT_TRANSLATE_NOOP("Tabs", "取消訂單審核"),
    CancelTab.AWAITING_RETURN: QT_TRANSLATE_NOOP("Tabs", "等待退貨"),
    CancelTab.RETURN_FAILED: QT_TRANSLATE_NOOP("Tabs", "退貨失敗"),
    CancelTab.REFUND_PENDING: QT_TRANSLATE_NOOP("Tabs", "尚未退款"),
    CancelTab.REFUND_FAILED: QT_TRANSLATE_NOOP("Tabs", "退款失敗"),
    CancelTab.COMPLETED: QT_TRANSLATE_NOOP("Tabs", "取消完成訂單"),
    CancelTab.ALL: QT_TRANSLATE_NOOP("Tabs", "全部申請"),
}
