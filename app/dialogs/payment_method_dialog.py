"""新增付款方式 / 修改付款方式: title (付款標題, required, unique among active methods) and
description (說明).  Returns a ``PaymentMethodInput``; it never saves."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QWidget

from app.services.methods import PaymentMethodInput, PaymentMethodRow

from .method_form import MethodDialog


class PaymentMethodDialog(MethodDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        existing: PaymentMethodRow | None = None,
        *,
        taken_titles: Iterable[str] = (),
    ):
        editing = existing is not None
        super().__init__(
            self.tr("修改付款方式") if editing else self.tr("新增付款方式"),
            self.tr("修改") if editing else self.tr("新增"),
            parent, existing, taken_titles,
            title_hint=self.tr("例如：ATM 轉帳"),
            description_hint=self.tr("例如：請於下單後三日內轉帳至本店帳戶。"),
            description_height=110,
        )
        self.add_field("title", self.tr("付款標題"), self.title_edit)
        self.add_field("description", self.tr("說明"), self.description_edit)

    def collect(self) -> PaymentMethodInput:
        raw = PaymentMethodInput(self.title_edit.text(), self.description_edit.toPlainText())
        return raw.validated(self._taken)
