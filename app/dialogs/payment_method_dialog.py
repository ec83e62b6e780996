"""新增付款方式 / 修改付款方式: title (付款標題, required, unique among active methods),
description (說明) and how its money is refunded (退款方式: remittance, card reversal, COD
money refunded by remittance).  Returns a ``PaymentMethodInput``; it never saves."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox

from app.domain.statuses import RefundChannel
from app.services.methods import PaymentMethodInput, PaymentMethodRow

from .method_form import MethodDialog


class PaymentMethodDialog(MethodDialog):
    def __init__(self, parent=None, existing: PaymentMethodRow | None = None, *, taken_titles=()):
        super().__init__(parent, existing, taken_titles, (self.tr("新增付款方式"), self.tr("修改付款方式")),
                         (self.tr("新增"), self.tr("修改")),
                         (self.tr("例如：ATM 轉帳"), self.tr("例如：請於下單後三日內轉帳至本店帳戶。")), 110)
        self.add_field("title", self.tr("付款標題"), self.title_edit)
        self.add_field("description", self.tr("說明"), self.description_edit)
        self.channel = QComboBox(self)
        for channel in RefundChannel:
            self.channel.addItem(QCoreApplication.translate("Channel", channel.label), channel.value)
        current = existing.refund_channel if existing is not None else RefundChannel.REMITTANCE.value
        self.channel.setCurrentIndex(self.channel.findData(current))
        self.channel.setToolTip(self.tr("信用卡以刷退退款（不需顧客帳戶）；轉帳、ATM、貨到付款以匯款退款"))
        self.add_field("refund_channel", self.tr("退款方式"), self.channel)

    def collect(self) -> PaymentMethodInput:
        raw = PaymentMethodInput(self.title_edit.text(), self.description_edit.toPlainText(),
                                 self.channel.currentData())
        return raw.validated(self._taken)
