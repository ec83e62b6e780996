"""The tabs of the two list pages: which statuses each shows (docs/PRODUCT.md §2, §4)."""

from __future__ import annotations

from .i18n import QT_TRANSLATE_NOOP
from .statuses import CancelStatus, Labelled, OrderStatus


class OrderTab(Labelled):
    ALL = "all", QT_TRANSLATE_NOOP("Tabs", "訂單清單")
    UNPAID = "unpaid", QT_TRANSLATE_NOOP("Tabs", "未付款清單")
    PAID = "paid", QT_TRANSLATE_NOOP("Tabs", "已付款清單")
    AWAITING_SHIPMENT = "awaiting-shipment", QT_TRANSLATE_NOOP("Tabs", "等待出貨")
    IN_DELIVERY = "in-delivery", QT_TRANSLATE_NOOP("Tabs", "配送中／待取貨")
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


# ---- which date a tab's date filter looks at

#: A cancellation tab's date filter looks at its own step's date: the request on 取消訂單審核
#: and 全部申請, the review on the tabs a review leads to, the refund on the refund tabs and
#: 取消完成訂單 (a failed refund: the day it was recorded as failed).
REQUESTED, REVIEWED, REFUNDED, REFUND_FAILED = "requested", "reviewed", "refunded", "refund-failed"

DATE_LABELS = {
    REQUESTED: QT_TRANSLATE_NOOP("FilterBar", "申請日期"),
    REVIEWED: QT_TRANSLATE_NOOP("FilterBar", "審核日期"),
    REFUNDED: QT_TRANSLATE_NOOP("FilterBar", "退款日期"),
    REFUND_FAILED: QT_TRANSLATE_NOOP("FilterBar", "退款失敗日期"),
}
ORDER_DATE_LABEL = QT_TRANSLATE_NOOP("FilterBar", "訂單日期")

_CANCEL_TAB_DATES = {
    CancelTab.PENDING_REVIEW: REQUESTED,
    CancelTab.AWAITING_RETURN: REVIEWED,
    CancelTab.RETURN_FAILED: REVIEWED,
    CancelTab.REFUND_PENDING: REFUNDED,
    CancelTab.REFUND_FAILED: REFUND_FAILED,
    CancelTab.COMPLETED: REFUNDED,
    CancelTab.ALL: REQUESTED,
}


def cancel_tab_date(tab: CancelTab) -> str:
    """Which of a request's dates ``tab``'s date filter looks at (REQUESTED, REVIEWED, …)."""
    return _CANCEL_TAB_DATES[tab]


def date_label(tab) -> str:
    """The (untranslated, context "FilterBar") name of the date ``tab``'s filter looks at."""
    if isinstance(tab, CancelTab):
        return DATE_LABELS[cancel_tab_date(tab)]
    return ORDER_DATE_LABEL
