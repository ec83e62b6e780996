"""The order and cancellation statuses and the actions between them (PRODUCT.md §3, §4)."""

from __future__ import annotations

from enum import StrEnum

from .i18n import QT_TRANSLATE_NOOP


class OrderStatus(StrEnum):
    UNPAID = "UNPAID"
    PAID = "PAID"
    AWAITING_SHIPMENT = "AWAITING_SHIPMENT"
    OUT_OF_STOCK = "OUT_OF_STOCK"
    COMPLETED = "COMPLETED"
    CANCELLING = "CANCELLING"
    CANCELLED = "CANCELLED"

    @property
    def label(self) -> str:
        return ORDER_STATUS_LABELS[self]


ORDER_STATUS_LABELS = {
    OrderStatus.UNPAID: QT_TRANSLATE_NOOP("Status", "未付款"),
    OrderStatus.PAID: QT_TRANSLATE_NOOP("Status", "已付款"),
    OrderStatus.AWAITING_SHIPMENT: QT_TRANSLATE_NOOP("Status", "等待出貨"),
    OrderStatus.OUT_OF_STOCK: QT_TRANSLATE_NOOP("Status", "缺貨"),
    OrderStatus.COMPLETED: QT_TRANSLATE_NOOP("Status", "已完成"),
    OrderStatus.CANCELLING: QT_TRANSLATE_NOOP("Status", "取消處理中"),
    OrderStatus.CANCELLED: QT_TRANSLATE_NOOP("Status", "已取消"),
}


class OrderAction(StrEnum):
    RECORD_PAYMENT = "RECORD_PAYMENT"
    CONFIRM_PAYMENT = "CONFIRM_PAYMENT"
    SHIP = "SHIP"
    OUT_OF_STOCK = "OUT_OF_STOCK"
    BACK_TO_AWAITING = "BACK_TO_AWAITING"
    REQUEST_CANCEL_CLERK = "REQUEST_CANCEL_CLERK"
    REQUEST_CANCEL_CUSTOMER = "REQUEST_CANCEL_CUSTOMER"
    # Moves of the order that a cancellation request's review causes.
    CANCEL_REJECTED = "CANCEL_REJECTED"
    CANCEL_COMPLETED = "CANCEL_COMPLETED"
    # The first record of every order.
    PLACE = "PLACE"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


class CancelStatus(StrEnum):
    PENDING_REVIEW = "PENDING_REVIEW"
    AWAITING_RETURN = "AWAITING_RETURN"
    RETURN_FAILED = "RETURN_FAILED"
    REFUND_PENDING = "REFUND_PENDING"
    REFUND_FAILED = "REFUND_FAILED"
    COMPLETED = "COMPLETED"
    REJECTED = "REJECTED"

    @property
    def label(self) -> str:
        return CANCEL_STATUS_LABELS[self]


CANCEL_STATUS_LABELS = {
    CancelStatus.PENDING_REVIEW: QT_TRANSLATE_NOOP("Status", "等待審核"),
    CancelStatus.AWAITING_RETURN: QT_TRANSLATE_NOOP("Status", "等待退貨"),
    CancelStatus.RETURN_FAILED: QT_TRANSLATE_NOOP("Status", "退貨失敗"),
    CancelStatus.REFUND_PENDING: QT_TRANSLATE_NOOP("Status", "尚未退款"),
    CancelStatus.REFUND_FAILED: QT_TRANSLATE_NOOP("Status", "退款失敗"),
    CancelStatus.COMPLETED: QT_TRANSLATE_NOOP("Status", "取消完成"),
    CancelStatus.REJECTED: QT_TRANSLATE_NOOP("Status", "不通過"),
}


class CancelAction(StrEnum):
    APPROVE = "APPROVE"
    REJECT = "REJECT"
    RETURN_DONE = "RETURN_DONE"
    RETURN_FAILED = "RETURN_FAILED"
    REFUND_DONE = "REFUND_DONE"
    REFUND_FAILED = "REFUND_FAILED"
    # The first record of every request.
    FILE = "FILE"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    OrderAction.RECORD_PAYMENT: QT_TRANSLATE_NOOP("Action", "登錄付款通知"),
    OrderAction.CONFIRM_PAYMENT: QT_TRANSLATE_NOOP("Action", "確認付款"),
    OrderAction.SHIP: QT_TRANSLATE_NOOP("Action", "出貨"),
    OrderAction.OUT_OF_STOCK: QT_TRANSLATE_NOOP("Action", "缺貨"),
    OrderAction.BACK_TO_AWAITING: QT_TRANSLATE_NOOP("Action", "等待出貨"),
    OrderAction.REQUEST_CANCEL_CLERK: QT_TRANSLATE_NOOP("Action", "退訂申請"),
    OrderAction.REQUEST_CANCEL_CUSTOMER: QT_TRANSLATE_NOOP("Action", "顧客申請取消"),
    OrderAction.CANCEL_REJECTED: QT_TRANSLATE_NOOP("Action", "取消申請不通過"),
    OrderAction.CANCEL_COMPLETED: QT_TRANSLATE_NOOP("Action", "取消完成"),
    OrderAction.PLACE: QT_TRANSLATE_NOOP("Action", "新訂單"),
    CancelAction.APPROVE: QT_TRANSLATE_NOOP("Action", "通過"),
    CancelAction.REJECT: QT_TRANSLATE_NOOP("Action", "不通過"),
    CancelAction.RETURN_DONE: QT_TRANSLATE_NOOP("Action", "退貨完成"),
    CancelAction.RETURN_FAILED: QT_TRANSLATE_NOOP("Action", "退貨失敗"),
    CancelAction.REFUND_DONE: QT_TRANSLATE_NOOP("Action", "退款成功"),
    CancelAction.REFUND_FAILED: QT_TRANSLATE_NOOP("Action", "退款失敗"),
    CancelAction.FILE: QT_TRANSLATE_NOOP("Action", "提出取消申請"),
}
