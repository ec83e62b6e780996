"""What a clerk adds to or corrects on an order without moving it (issue 17): internal notes,
and the delivery details (recipient, phone, delivery address) before the order ships.

Neither moves the order's status; each is recorded in the order's history (a note with
machine "note", a correction with machine "order", from and to both the order's status).
"""

from __future__ import annotations

from .bounds import MAX_TEXT
from .errors import TransitionError, ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .later import dataclass_when_used
from .phone import PHONE, PHONE_TEXT, half_width
from .statuses import Labelled, OrderStatus


class ClerkAction(Labelled):
    """The history's actions of this module, with their untranslated labels (context "Action")."""

    NOTE = "ADD_NOTE", QT_TRANSLATE_NOOP("Action", "新增備註")
    EDIT_DELIVERY = "EDIT_DELIVERY", QT_TRANSLATE_NOOP("Action", "修改收件資訊")
    EDIT_PICKUP_STORE = "EDIT_PICKUP_STORE", QT_TRANSLATE_NOOP("Action", "修改取貨門市")

#: The history's machine of a note.
NOTE_MACHINE = "note"

#: The longest note (characters): as any free text (``bounds.MAX_TEXT``).
NOTE_MAX = MAX_TEXT

#: The statuses whose delivery details may still be corrected: the order has not shipped, is
#: not being cancelled and is not cancelled.
EDITABLE_STATUSES = frozenset({OrderStatus.UNPAID, OrderStatus.PAID, OrderStatus.AWAITING_SHIPMENT,
                               OrderStatus.OUT_OF_STOCK})

#: The columns a correction may change, in the order shown.
DELIVERY_FIELDS = ("buyer_name", "buyer_phone", "delivery_address")

def note_text(text: str | None) -> str:
    """A note as kept: trimmed, required, at most ``NOTE_MAX`` characters."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("note", QT_TRANSLATE_NOOP("Errors", "請輸入備註內容。"))
    if len(text) > NOTE_MAX:
        raise ValidationError("note", QT_TRANSLATE_NOOP("Errors", "備註最多 {n} 個字。"), n=NOTE_MAX)
    return text


def check_editable(status: str) -> None:
    """``TransitionError`` when an order in ``status`` can no longer be corrected (it shipped,
    is being cancelled or is cancelled)."""
    status = OrderStatus(status)
    if status not in EDITABLE_STATUSES:
        raise TransitionError(status.label, ClerkAction.EDIT_DELIVERY.label,
                              status.value, ClerkAction.EDIT_DELIVERY.value)


@dataclass_when_used(frozen=True)
class DeliveryInput:
    """The corrected delivery details: recipient (the order's buyer name), phone, address."""

    buyer_name: str
    buyer_phone: str
    delivery_address: str

    def validated(self, *, address_required: bool = True) -> DeliveryInput:
        """Trimmed; ``ValidationError`` naming the field: the recipient and the address are
        required (not the address of a store pickup's order: ``address_required``), the phone (optional) is digits with spaces, dashes, brackets and a leading
        +, each within its column's length."""
        name = (self.buyer_name or "").strip()
        phone = (self.buyer_phone or "").strip()
        address = (self.delivery_address or "").strip()
        if not name:
            raise ValidationError("buyer_name", QT_TRANSLATE_NOOP("Errors", "請填寫收件人姓名。"))
        if not address and address_required:
            raise ValidationError("delivery_address", QT_TRANSLATE_NOOP("Errors", "請填寫送貨地址。"))
        if phone and not PHONE.fullmatch(half_width(phone)):
            raise ValidationError("buyer_phone", PHONE_TEXT)
        for field, value, longest in (("buyer_name", name, 100), ("buyer_phone", phone, 30),
                                      ("delivery_address", address, 300)):
            if len(value) > longest:
                raise ValidationError(field, _TOO_LONG[field], n=longest)
        return DeliveryInput(name, phone, address)


_TOO_LONG = {
    "buyer_name": QT_TRANSLATE_NOOP("Errors", "收件人姓名最多 {n} 個字。"),
    "buyer_phone": QT_TRANSLATE_NOOP("Errors", "電話最多 {n} 個字。"),
    "delivery_address": QT_TRANSLATE_NOOP("Errors", "送貨地址最多 {n} 個字。"),
}
