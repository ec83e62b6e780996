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
    #: A cash-on-delivery parcel on its way, or waiting at the store for its buyer.
    IN_DELIVERY = "IN_DELIVERY", QT_TRANSLATE_NOOP("Status", "配送中／待取貨")
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
    #: The request was closed without a refund (【結案】): the sale stands, the order goes back.
    CANCEL_CLOSED = "CANCEL_CLOSED", QT_TRANSLATE_NOOP("Action", "取消申請結案")
    # The first record of every order.
    PLACE = "PLACE", QT_TRANSLATE_NOOP("Action", "新訂單")
    # Cash on delivery (the carrier collects): the clerk accepts the unpaid order, ships it,
    # and the carrier reports the buyer took it and paid, or brought the parcel back.
    ACCEPT = "ACCEPT", QT_TRANSLATE_NOOP("Action", "接單")
    PICKED_UP = "PICKED_UP", QT_TRANSLATE_NOOP("Action", "已取貨")
    NOT_COLLECTED = "NOT_COLLECTED", QT_TRANSLATE_NOOP("Action", "未取件退回")


class CancelStatus(Labelled):
    PENDING_REVIEW = "PENDING_REVIEW", QT_TRANSLATE_NOOP("Status", "等待審核")
    AWAITING_RETURN = "AWAITING_RETURN", QT_TRANSLATE_NOOP("Status", "等待退貨")
    RETURN_FAILED = "RETURN_FAILED", QT_TRANSLATE_NOOP("Status", "退貨失敗")
    REFUND_PENDING = "REFUND_PENDING", QT_TRANSLATE_NOOP("Status", "尚未退款")
    REFUND_FAILED = "REFUND_FAILED", QT_TRANSLATE_NOOP("Status", "退款失敗")
    COMPLETED = "COMPLETED", QT_TRANSLATE_NOOP("Status", "取消完成")
    REJECTED = "REJECTED", QT_TRANSLATE_NOOP("Status", "不通過")
    #: Closed by a supervisor (【結案】) without a refund: goods not recovered, money kept.
    CLOSED = "CLOSED", QT_TRANSLATE_NOOP("Status", "已結案")


class CancelAction(Labelled):
    APPROVE = "APPROVE", QT_TRANSLATE_NOOP("Action", "通過")
    REJECT = "REJECT", QT_TRANSLATE_NOOP("Action", "不通過")
    RETURN_DONE = "RETURN_DONE", QT_TRANSLATE_NOOP("Action", "退貨完成")
    RETURN_FAILED = "RETURN_FAILED", QT_TRANSLATE_NOOP("Action", "退貨失敗")
    REFUND_DONE = "REFUND_DONE", QT_TRANSLATE_NOOP("Action", "退款成功")
    REFUND_FAILED = "REFUND_FAILED", QT_TRANSLATE_NOOP("Action", "退款失敗")
    #: A refund of less than the outstanding amount, with a reason; the rest stays due.
    REFUND_PARTIAL = "REFUND_PARTIAL", QT_TRANSLATE_NOOP("Action", "部分退款")
    #: The outstanding part of a partly refunded request written off, with a reason.
    WRITE_OFF = "WRITE_OFF", QT_TRANSLATE_NOOP("Action", "註銷未退餘額")
    #: The payee account corrected (after a failed refund), old and new in the history.
    CORRECT_ACCOUNT = "CORRECT_ACCOUNT", QT_TRANSLATE_NOOP("Action", "更正退款帳戶")
    #: Supervisor's 【結案】 of a stuck return: on to the refund (goods not recovered) ...
    CLOSE_TO_REFUND = "CLOSE_TO_REFUND", QT_TRANSLATE_NOOP("Action", "結案（轉退款）")
    #: ... or closed without a refund.
    CLOSE_NO_REFUND = "CLOSE_NO_REFUND", QT_TRANSLATE_NOOP("Action", "結案（不退款）")
    # The first record of every request.
    FILE = "FILE", QT_TRANSLATE_NOOP("Action", "提出取消申請")


class RefundChannel(Labelled):
    """How a payment method's money goes back (its ``refund_channel``): card payments are
    reversed through the gateway, transfers and ATM codes are refunded by remittance, and COD
    money a carrier collected is refunded by remittance too."""

    REMITTANCE = "remittance", QT_TRANSLATE_NOOP("Channel", "匯款退款")
    REVERSAL = "reversal", QT_TRANSLATE_NOOP("Channel", "刷退")
    COD = "cod", QT_TRANSLATE_NOOP("Channel", "貨到付款（匯款退款）")

    @property
    def needs_account(self) -> bool:
        """Whether the refund is a remittance to the buyer's bank account."""
        return self is not RefundChannel.REVERSAL


#: Untranslated labels (context "Status" and "Action").
ORDER_STATUS_LABELS = {s: s.label for s in OrderStatus}
CANCEL_STATUS_LABELS = {s: s.label for s in CancelStatus}
ACTION_LABELS = {a: a.label for a in (*OrderAction, *CancelAction)}
