"""A phone number as the orders keep it, and text typed in full-width characters.

A Chinese input method types digits and Latin letters full-width (``０９１２－３４５``) unless
the clerk switches it: such text is read as its half-width characters wherever a number is
entered or searched for, so ``０９１２３４５６７８`` is the phone ``0912345678``."""

from __future__ import annotations

import re

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

#: Unicode's full-width forms of ASCII (U+FF01–FF5E) and the ideographic space, as ASCII.
_HALF = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

#: What a phone may hold: digits, spaces, dashes and brackets, a leading +.
PHONE = re.compile(r"\+?[0-9][0-9 ()\-]*")

PHONE_TEXT = QT_TRANSLATE_NOOP("Errors", "電話只能有數字、空格、-、括號與開頭的 +。")


def half_width(text: str) -> str:
    """``text`` with its full-width ASCII forms and ideographic spaces as ASCII."""
    return text.translate(_HALF)


def phone_digits(phone: str | None, field: str = "buyer_phone") -> str:
    """The phone as the orders keep it: its digits, a leading ``+`` kept ('0912-345-678' and
    '0912 345 678' are one number, found by one search); '' for none.  ``ValidationError``
    on ``field`` when it holds anything else (a word, an extension '#123', two numbers
    'a / b'): the digits of those would make another number."""
    text = half_width((phone or "").strip())
    if not text:
        return ""
    if not PHONE.fullmatch(text):
        raise ValidationError(field, PHONE_TEXT)
    return ("+" if text.startswith("+") else "") + re.sub(r"[^0-9]", "", text)
