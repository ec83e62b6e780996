"""Convenience-store pickup (issue 12): a shipping method may be a pickup at a chain's store,
and its orders carry the pickup store (code, name, address) as fields of their own."""

from __future__ import annotations

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .later import dataclass_when_used
from .statuses import Labelled


class PickupChain(Labelled):
    """The chains a shipping method may be a pickup at ("" = delivery to an address), with
    their untranslated labels (context "Pickup")."""

    SEVEN = "7-11", QT_TRANSLATE_NOOP("Pickup", "7-ELEVEN")
    FAMILY = "family", QT_TRANSLATE_NOOP("Pickup", "全家")
    HILIFE = "hilife", QT_TRANSLATE_NOOP("Pickup", "萊爾富")
    OK = "ok", QT_TRANSLATE_NOOP("Pickup", "OK")

#: The order's columns of its pickup store, in the order shown.
PICKUP_FIELDS = ("pickup_store_code", "pickup_store_name", "pickup_store_address")

_LONGEST = {"pickup_store_code": 20, "pickup_store_name": 100, "pickup_store_address": 300}
_TOO_LONG = {
    "pickup_store_code": QT_TRANSLATE_NOOP("Errors", "取貨門市代碼最多 {n} 個字。"),
    "pickup_store_name": QT_TRANSLATE_NOOP("Errors", "取貨門市名稱最多 {n} 個字。"),
    "pickup_store_address": QT_TRANSLATE_NOOP("Errors", "取貨門市地址最多 {n} 個字。"),
}


def chain_of(value: str | None) -> PickupChain | None:
    """The chain a method's ``pickup_chain`` names, None for delivery (or an unknown value)."""
    try:
        return PickupChain(value) if value else None
    except ValueError:
        return None


@dataclass_when_used(frozen=True)
class PickupStore:
    """The store a pickup order is collected at: its chain's store code, name and address."""

    code: str = ""
    name: str = ""
    address: str = ""

    def is_empty(self) -> bool:
        return not (self.code or "").strip() and not (self.name or "").strip() and \
            not (self.address or "").strip()

    def validated(self) -> PickupStore:
        """Trimmed; the code and the name are required, each within its column
        (``ValidationError`` naming the field)."""
        code, name, address = ((v or "").strip() for v in (self.code, self.name, self.address))
        if not code:
            raise ValidationError("pickup_store_code",
                                  QT_TRANSLATE_NOOP("Errors", "取貨門市需要門市代碼。"))
        if not name:
            raise ValidationError("pickup_store_name",
                                  QT_TRANSLATE_NOOP("Errors", "取貨門市需要門市名稱。"))
        for field, value in zip(PICKUP_FIELDS, (code, name, address), strict=True):
            if len(value) > _LONGEST[field] or "\x00" in value:
                raise ValidationError(field, _TOO_LONG[field], n=_LONGEST[field])
        return PickupStore(code, name, address)

    def columns(self) -> dict:
        return dict(zip(PICKUP_FIELDS, (self.code, self.name, self.address), strict=True))


def store_text(code: str | None, name: str | None, address: str | None = None) -> str:
    """One line for a list, a slip or an export: 「name（code）address」, empty for none."""
    if not code and not name:
        return ""
    text = f"{name or ''}（{code}）" if code else (name or "")
    return f"{text} {address}" if address else text
