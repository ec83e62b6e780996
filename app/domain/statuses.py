"""The order and cancellation statuses and the actions between them (docs/PRODUCT.md §3, §4)."""

from __future__ import annotations

from enum import StrEnum

from .i18n import QT_TRANSLATE_NOOP


class Labelled(StrEnum):
    """A string enum whose members carry their untranslated label: ``NAME = "value", label``."""

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label
        return member

    @property
    def label(self) -> str:
        return self._label


class OrderStatus(Labelled):
    UNPAID = "UNPAID", QT_TRANSLATE_NOOP("Status", "未付款")
    PAID = "PAID", QT_TRANSLATE_NOOP("Status", "已付款")
    AWAITING_SHIPMENT = "AWAITING_SHIPMENT", QT_TRANSLATE_NOOP("Status", "等待出貨")
    OUT_OF_STOCK = "OUT_OF_STOCK", QT_TRANSLATE_NOOP("Status", "缺貨")
    COMPLETED = "COMPLETED", QT_TRANSLATE_NOOP("Status", "已完成")
    CANCELLING = "CANCELLING", QT_TRANSLATE_NOOP("Status", "取消處理中")
    CANCELLED = "CANCELLED", QT_TRANSLATE_NOOP("Status", "已取消")


class OrderAction(Labelled):
    RECORD_PAYMENT = "RECORD_PAYMENT", QT_TRANSLATE_NOOP("Action", "登錄付款通知")
    CONFIRM_PAYMENT = "CONFIRM_PAYMENT", QT_TRANSLATE_NOOP("Action", "確認付款")
    SHIP = "SHIP", QT_TRANSLATE_NOOP("Action", "出貨")
    OUT_OF_STOCK = "OUT_OF_STOCK", QT_TRANSLATE_NOOP("Action", "缺貨")
    BACK_TO_AWAITING = "BACK_TO_AWAITING", QT_TRANSLATE_NOOP("Action", "等待出貨")
    REQUEST_CANCEL_CLERK = "REQUEST_CANCEL_CLERK", QT_TRANSLATE_NOOP("Action", "退訂申請")
    REQUEST_CANCEL_CUSTOMER = "REQUEST_CANCEL_CUSTOMER", QT_TRANSLATE_NOOP("Action", "顧客申請取消")
    # Moves of the order that a cancellation request's review causes.
    CANCEL_REJECTED = "CANCEL_REJECTED", QT_TRANSLATE_NOOP("Action", "取消申請不通過")
    CANCEL_COMPLETED = "CANCEL_COMPLETED", QT_TRANSLATE_NOOP("Action", "取消完成")
    # The first record of every order.
    PLACE = "PLACE", QT_TRANSLATE_NOOP("Action", "新訂單")


class CancelStatus(Labelled):
    PENDING_REVIEW = "PENDING_REVIEW", QT_TRANSLATE_NOOP("Status", "等待審核")
    AWAITING_RETURN = "AWAITING_RETURN", QT_TRANSLATE_NOOP("Status", "等待退貨")
    RETURN_FAILED = "RETURN_FAILED", QT_TRANSLATE_NOOP("Status", "退貨失敗")
    REFUND_PENDING = "REFUND_PENDING", QT_TRANSLATE_NOOP("Status", "尚未退款")
    REFUND_FAILED = "REFUND_FAILED", QT_TRANSLATE_NOOP("Status", "退款失敗")
    COMPLETED = "COMPLETED", QT_TRANSLATE_NOOP("Status", "取消完成")
    REJECTED = "REJECTED", QT_TRANSLATE_NOOP("Status", "不通過")


class CancelAction(Labelled):
    APPROVE = "APPROVE", QT_TRANSLATE_NOOP("Action", "通過")
    REJECT = "REJECT", QT_TRANSLATE_NOOP("Action", "不通過")
    RETURN_DONE = "RETURN_DONE", QT_TRANSLATE_NOOP("Action", "退貨完成")
    RETURN_FAILED = "RETURN_FAILED", QT_TRANSLATE_NOOP("Action", "退貨失敗")
    REFUND_DONE = "REFUND_DONE", QT_TRANSLATE_NOOP("Action", "退款成功")
    REFUND_FAILED = "REFUND_FAILED", QT_TRANSLATE_NOOP("Action", "退款失敗")
    # The first record of every request.
    FILE = "FILE", QT_TRANSLATE_NOOP("Action", "提出取消申請")


#: Untranslated labels (context "Status" and "Action").
ORDER_STATUS_LABELS = {s: s.label for s in OrderStatus}
CANCEL_STATUS_LABELS = {s: s.label for s in CancelStatus}
ACTION_LABELS = {a: a.label for a in (*OrderAction, *CancelAction)}
