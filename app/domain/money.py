"""Money: whole New Taiwan dollars held as ``int`` (the unit the shop prices in).

Never a float.  ``parse_amount`` is the one door for typed or imported amounts.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .bounds import MAX_AMOUNT, check_amount
from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

_AMOUNT = re.compile(r"^\s*(?:NT\$)?\s*([0-9][0-9,]*)\s*$")


def parse_amount(text, field: str = "amount", *, allow_empty: bool = False) -> int | None:
    """Parse a whole, non-negative NT$ amount from text, an int or a Decimal.

    "1,200" and "NT$300" are accepted; "abc", "-5", "12.5" and more than
    ``bounds.MAX_AMOUNT`` raise ``ValidationError``.
    """
    if text is None or (isinstance(text, str) and not text.strip()):
        if allow_empty:
            return None
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "請填寫金額。"))
    if isinstance(text, bool):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額必須是數字。"))
    if isinstance(text, int):
        value = text
    elif isinstance(text, (Decimal, float)):
        try:
            d = Decimal(str(text))
        except InvalidOperation:
            raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額必須是數字。")) from None
        if not d.is_finite():
            raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額必須是數字。"))
        if d != d.to_integral_value():
            raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額必須是整數元，不能有小數。"))
        value = int(d) if d <= MAX_AMOUNT else MAX_AMOUNT + 1  # no int() of 10^999999
    else:
        s = str(text).strip()
        m = _AMOUNT.match(s)
        if not m:
            if s.lstrip().startswith("-"):
                raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額不能是負數。"))
            try:
                Decimal(s.replace(",", ""))
            except InvalidOperation:
                raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額必須是數字。")) from None
            raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額必須是整數元，不能有小數。"))
        digits = m.group(1).replace(",", "").lstrip("0") or "0"
        # More digits than any bound: too large, without int() of thousands of digits.
        value = int(digits) if len(digits) <= 18 else MAX_AMOUNT + 1
    if value < 0:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額不能是負數。"))
    return check_amount(value, field)


def format_ntd(amount: int | None) -> str:
    """'NT$1,234' for display."""
    if amount is None:
        return ""
    return f"NT${amount:,}"


def shipping_fee_for(subtotal: int, fee: int, free_threshold: int | None) -> int:
    """The shop's one free-shipping rule: an order whose goods subtotal reaches the threshold
    ships free; no threshold means no free shipping."""
    if free_threshold is not None and subtotal >= free_threshold:
        return 0
    return fee
