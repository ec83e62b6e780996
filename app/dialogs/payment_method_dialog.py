"""新增付款方式 / 修改付款方式: title (付款標題, required, unique among active methods) and
description (說明).  Returns a ``PaymentMethodInput``; it never saves."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QWidget

from app.services.methods import TITLE_MAX, PaymentMethodInput, PaymentMethodRow

from .form import FormDialog


class PaymentMethodDialog(FormDialog):
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
            parent,
        )
        self._taken = tuple(taken_titles)
        self.value: PaymentMethodInput | None = None

        self.title_edit = QLineEdit(existing.title if editing else "")
        self.title_edit.setMaxLength(TITLE_MAX)
        self.title_edit.setPlaceholderText(self.tr("例如：ATM 轉帳"))
        self.description_edit = QPlainTextEdit(existing.description if editing else "")
        self.description_edit.setPlaceholderText(self.tr("例如：請於下單後三日內轉帳至本店帳戶。"))
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setFixedHeight(110)
        self.add_field("title", self.tr("付款標題"), self.title_edit)
        self.add_field("description", self.tr("說明"), self.description_edit)
        self.title_error = self.errors["title"]
        self.title_edit.textEdited.connect(lambda _t: self.title_error.hide())

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        existing: PaymentMethodRow | None = None,
        *,
        taken_titles: Iterable[str] = (),
    ) -> PaymentMethodInput | None:
        """The one door: the clerk's input, or None if cancelled.  ``taken_titles``: the
        titles of the other active payment methods (refused while the dialog is open)."""
        dlg = cls(parent, existing, taken_titles=taken_titles)
        try:
            return dlg.value if dlg.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dlg.deleteLater()

    def collect(self) -> PaymentMethodInput:
        raw = PaymentMethodInput(self.title_edit.text(), self.description_edit.toPlainText())
        return raw.validated(self._taken)
