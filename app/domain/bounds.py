"""The bounds every input meets, wherever it comes from (a dialog, a service call, the import):
one maximum for money, one for quantities, one for a free text, and text that the database can
store.

Money columns are 64-bit on every backend (migration 12 widened them on the servers), so the
maximum amount is a shop's, not a column's: NT$9,999,999,999 for any amount, an order's total
included.  A quantity is at most 99,999.  Text is checked against its column's length (the
limit is named in the message) and refused when it holds a NUL or a lone surrogate, which
PostgreSQL and MariaDB cannot store (SQLite would, and break the export)."""

from __future__ import annotations

import re

from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

#: The largest amount of money (whole NT$) anything holds: a price, a fee, a total, a refund.
MAX_AMOUNT = 9_999_999_999
#: The largest quantity of one order line.
MAX_QUANTITY = 99_999
#: The most lines one order holds.  A web shop's order has a few; a file whose one order held
#: some 14,000 lines of long names made a record beyond MariaDB's packet (16 MB), refused
#: with the connection dropped — told to the clerk as the network's fault.
MAX_ITEMS = 1_000
#: The longest free text one field of an action takes (a note, a reason, a reference), in
#: characters.  The history keeps an action's input as one text, which MariaDB's TEXT holds to
#: 65,535 bytes: a 25,000-character reason (an Excel cell holds 32,767) failed there with the
#: driver's "Data too long", where SQLite and PostgreSQL took it.
MAX_TEXT = 2_000

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def check_amount(value: int, field: str) -> int:
    """``value`` (an int, already known not negative) if it is at most ``MAX_AMOUNT``."""
    if value > MAX_AMOUNT:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額不能超過 NT${max}。"),
                              max=f"{MAX_AMOUNT:,}")
    return value


def check_money(value, field: str, *, positive: bool) -> int:
    """A whole NT$ amount (an int, not a bool) up to ``MAX_AMOUNT``: above zero when
    ``positive``, else not negative."""
    if not isinstance(value, int) or isinstance(value, bool) or value < (1 if positive else 0):
        if positive:
            raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額必須大於零。"))
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額不能是負數。"))
    return check_amount(value, field)


def check_quantity(value, field: str = "quantity") -> int:
    """A whole quantity from 1 to ``MAX_QUANTITY``."""
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "數量必須是正整數。"))
    if value > MAX_QUANTITY:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "數量不能超過 {max}。"),
                              max=f"{MAX_QUANTITY:,}")
    return value


def check_items(count: int, field: str = "items") -> int:
    """An order's number of lines, from 1 to ``MAX_ITEMS``."""
    if count <= 0:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "訂單至少要有一項商品。"))
    if count > MAX_ITEMS:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "一筆訂單最多 {max} 項商品。"),
                              max=f"{MAX_ITEMS:,}")
    return count


def check_text(value: str, field: str, max_length: int | None = None) -> str:
    """``value`` if the database can store it in a column of ``max_length`` characters (None:
    no limit): no NUL, no lone surrogate, not longer than the column."""
    bad = _UNSTORABLE.search(value)
    if bad:
        if bad.group() == "\x00":
            raise ValidationError(field, QT_TRANSLATE_NOOP(
                "Errors", "含有無法儲存的 NUL 字元（第 {pos} 個字），請刪除後再試。"), pos=bad.start() + 1)
        raise ValidationError(field, QT_TRANSLATE_NOOP(
            "Errors", "含有無法儲存的字元（第 {pos} 個字是不成對的 Unicode 代理字元），請刪除後再試。"),
            pos=bad.start() + 1)
    if max_length is not None and len(value) > max_length:
        raise ValidationError(field, QT_TRANSLATE_NOOP(
            "Errors", "最多 {max} 個字（這一欄的長度上限），這裡有 {n} 個字。"), max=max_length, n=len(value))
    return value


def storable(text: str) -> str:
    """``text`` without the characters no database stores (NUL, lone surrogates): for a
    search box, where refusing would only get in the way."""
    return _UNSTORABLE.sub("", text)
