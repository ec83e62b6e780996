"""【新增備註】 and 【修改收件資訊】 (issue 17): a clerk's internal note on an order or a
cancellation request, and the recipient, phone and delivery address corrected before the
order ships.  Each returns a plain value and never saves."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit

from app.domain.clerk_edits import DeliveryInput, note_text
from app.domain.errors import DomainError
from app.domain.pickup import PickupStore

from .form import FormDialog


class NoteDialog(FormDialog):
    """備註: what the clerk writes; kept with their name and the time, never changed."""

    def __init__(self, order_no: str, parent=None, *, request: bool = False):
        super().__init__(self.tr("新增備註 — {0}").format(order_no), self.tr("新增"), parent)
        if request:
            text = self.tr("這則備註記在訂單 {0} 的取消申請上，只有店內人員看得到；新增後不能修改或刪除。")
        else:
            text = self.tr("這則備註記在訂單 {0} 上，只有店內人員看得到；新增後不能修改或刪除。")
        intro = QLabel(text.format(order_no), self)
        intro.setWordWrap(True)
        self.top.addWidget(intro)
        self.note = self.add_field("note", self.tr("備註"), QPlainTextEdit(self))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(110)

    def fill(self, value: str) -> None:
        self.note.setPlainText(value)

    def collect(self) -> str:
        return note_text(self.note.toPlainText())

    @classmethod
    def ask(cls, parent, order_no: str, *, request: bool = False, initial=None,
            error: DomainError | None = None) -> str | None:
        """The note, or None if cancelled."""
        return cls(order_no, parent, request=request).answer(initial, error)



class DeliveryDialog(FormDialog):
    """修改收件資訊: 收件人, 電話, 送貨地址, filled with what the order has now."""

    def __init__(self, detail, parent=None):
        super().__init__(self.tr("修改收件資訊 — {0}").format(detail.order_no), self.tr("儲存"), parent)
        intro = QLabel(self.tr("出貨前可以更正收件資訊；每項變更的舊值與新值都會記在訂單歷程。"), self)
        intro.setWordWrap(True)
        self.top.addWidget(intro)
        self.buyer_name = self.add_field("buyer_name", self.tr("收件人"), QLineEdit(detail.buyer_name))
        self.buyer_phone = self.add_field("buyer_phone", self.tr("電話"), QLineEdit(detail.buyer_phone))
        self.delivery_address = self.add_field("delivery_address", self.tr("送貨地址"),
                                               QLineEdit(detail.delivery_address))
        self.buyer_name.setMaxLength(100)
        self.buyer_phone.setMaxLength(30)
        self.delivery_address.setMaxLength(300)
        self.delivery_address.setMinimumWidth(420)
        self.pickup = bool(detail.pickup_store_code)  # a store pickup needs no address

    def fill(self, value: DeliveryInput) -> None:
        self.buyer_name.setText(value.buyer_name)
        self.buyer_phone.setText(value.buyer_phone)
        self.delivery_address.setText(value.delivery_address)

    def collect(self) -> DeliveryInput:
        return DeliveryInput(self.buyer_name.text(), self.buyer_phone.text(),
                             self.delivery_address.text()).validated(address_required=not self.pickup)

    @classmethod
    def ask(cls, parent, detail, *, initial=None, error: DomainError | None = None) -> DeliveryInput | None:
        """The corrected details, or None if cancelled."""
        return cls(detail, parent).answer(initial, error)


class PickupStoreDialog(FormDialog):
    """修改取貨門市 (issue 12): 門市代碼, 門市名稱, 門市地址 of a pickup order, filled with its
    store now."""

    def __init__(self, detail, parent=None):
        super().__init__(self.tr("修改取貨門市 — {0}").format(detail.order_no), self.tr("儲存"), parent)
        intro = QLabel(self.tr("出貨前可以更換取貨門市；每項變更的舊值與新值都會記在訂單歷程。"), self)
        intro.setWordWrap(True)
        self.top.addWidget(intro)
        self.code = self.add_field("pickup_store_code", self.tr("門市代碼"),
                                   QLineEdit(detail.pickup_store_code or ""))
        self.name = self.add_field("pickup_store_name", self.tr("門市名稱"),
                                   QLineEdit(detail.pickup_store_name or ""))
        self.address = self.add_field("pickup_store_address", self.tr("門市地址"),
                                      QLineEdit(detail.pickup_store_address or ""))
        for edit, longest in ((self.code, 20), (self.name, 100), (self.address, 300)):
            edit.setMaxLength(longest)
        self.address.setMinimumWidth(420)

    def fill(self, value: PickupStore) -> None:
        self.code.setText(value.code)
        self.name.setText(value.name)
        self.address.setText(value.address)

    def collect(self) -> PickupStore:
        return PickupStore(self.code.text(), self.name.text(), self.address.text()).validated()

    @classmethod
    def ask(cls, parent, detail, *, initial=None, error: DomainError | None = None) -> PickupStore | None:
        """The new pickup store, or None if cancelled."""
        return cls(detail, parent).answer(initial, error)
