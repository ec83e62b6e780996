"""A sheet's columns and its cells' values, as ``importer``'s check reads them.

Each kind's columns (``COLUMNS``: the zh-TW header and its English aliases) and the ones it
needs, how a sheet's kind is recognised (``sheet_kind``) and its headers matched (``_columns``);
then each cell's value — text, a date (a 民國 date too), an amount, a quantity, digits — or
``_Bad``, naming the column's key and why; and ``_Rec``, one row's values by column key."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from decimal import Decimal

from app.domain.bounds import MAX_QUANTITY, check_quantity, check_text
from app.domain.clock import FIRST_DAY
from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.money import parse_amount

from . import shop_clock
from .import_records import CANCELLATIONS, CTX, INVOICES, NOTICES, ORDERS

#: Each kind's columns: key -> (zh-TW header, English aliases).  The first header is the one
#: the samples and docs/IMPORT.md use.
COLUMNS: dict[str, dict[str, tuple[str, tuple[str, ...]]]] = {
    ORDERS: {
        "order_no": ("訂單編號", ("order_no", "order no", "order number", "order")),
        "order_date": ("訂單日期", ("order_date", "order date", "date")),
        "store": ("商店名稱", ("store", "store name", "商店", "shop")),
        "payment_method": ("付款方式", ("payment_method", "payment method", "payment")),
        "shipping_method": ("送貨方式", ("shipping_method", "shipping method", "shipping")),
        "buyer_name": ("訂購人", ("buyer", "buyer_name", "buyer name", "name", "customer")),
        "phone": ("電話", ("phone", "buyer_phone", "tel")),
        "email": ("電子郵件", ("email", "e-mail", "buyer_email")),
        "address": ("送貨地址", ("address", "delivery_address", "delivery address")),
        "product": ("商品", ("product", "item", "商品名稱")),
        "options": ("規格", ("options", "option", "spec", "variant")),
        "quantity": ("數量", ("quantity", "qty")),
        "unit_price": ("單價", ("unit_price", "unit price", "price")),
        # A convenience-store pickup method's store (optional columns; required for its orders).
        "pickup_store_code": ("取貨門市代碼", ("pickup_store_code", "pickup store code", "store code")),
        "pickup_store_name": ("取貨門市名稱", ("pickup_store_name", "pickup store name", "pickup store")),
        "pickup_store_address": ("取貨門市地址", ("pickup_store_address", "pickup store address")),
    },
    NOTICES: {
        "order_no": ("訂單編號", ("order_no", "order no", "order number", "order")),
        "transfer_date": ("轉帳日期", ("transfer_date", "transfer date", "paid on")),
        "amount": ("金額", ("amount",)),
        "account_last5": ("帳號末五碼", ("account_last5", "last5", "last 5 digits", "account last 5")),
        "note": ("備註", ("note", "notes", "remark")),
    },
    CANCELLATIONS: {
        "order_no": ("訂單編號", ("order_no", "order no", "order number", "order")),
        "request_date": ("申請日期", ("request_date", "request date", "requested on", "date")),
        "reason": ("取消原因", ("reason", "cancel reason", "cancellation reason")),
        "bank_code": ("銀行代碼", ("bank_code", "bank code", "bank")),
        "branch": ("分行", ("branch",)),
        "account_number": ("帳號", ("account_number", "account number", "account")),
        "account_name": ("戶名", ("account_name", "account name", "account holder")),
    },
    # The e-invoice provider's issued-invoice file (its usual headers among the aliases:
    # 自訂編號 is the shop's order number).
    INVOICES: {
        "order_no": ("訂單編號", ("order_no", "order no", "order number", "order", "自訂編號")),
        "invoice_no": ("發票號碼", ("invoice_no", "invoice no", "invoice number")),
        "invoice_date": ("發票日期", ("invoice_date", "invoice date", "開立日期")),
        "kind": ("發票類型", ("kind", "type", "invoice type", "類型")),
        "total": ("發票金額", ("total", "amount", "總計", "金額")),
        "buyer_ban": ("買方統編", ("buyer_ban", "buyer ban", "統一編號")),
        "buyer_title": ("買方名稱", ("buyer_title", "buyer title", "公司抬頭")),
        "carrier_type": ("載具類別", ("carrier_type", "carrier type", "carrier")),
        "carrier_id": ("載具號碼", ("carrier_id", "carrier id", "載具編號")),
        "donation": ("愛心碼", ("donation", "donation_code", "donation code", "捐贈碼")),
    },
}
REQUIRED = {
    ORDERS: ("order_no", "order_date", "store", "payment_method", "shipping_method", "buyer_name",
             "product", "quantity", "unit_price"),
    NOTICES: ("order_no", "transfer_date", "amount", "account_last5"),
    CANCELLATIONS: ("order_no", "reason"),
    INVOICES: ("order_no", "invoice_no", "invoice_date"),
}
#: The columns that say what a sheet holds (checked in this order: an orders or a
#: cancellations workbook the program exported carries the invoice number too).
SIGNATURE = ((ORDERS, "product"), (NOTICES, "account_last5"), (NOTICES, "transfer_date"),
             (CANCELLATIONS, "reason"), (INVOICES, "invoice_no"))
#: The order-level columns: every row of one order must agree on them.
ORDER_LEVEL = ("order_date", "store", "payment_method", "shipping_method", "buyer_name", "phone",
               "email", "address", "pickup_store_code", "pickup_store_name", "pickup_store_address")


def _norm(header) -> str:
    return " ".join(str(header or "").replace("_", " ").replace("-", " ").split()).lower()


#: normalised header -> key, per kind.
_ALIASES = {
    kind: {_norm(a): key for key, (zh, aliases) in cols.items() for a in (zh, key, *aliases)}
    for kind, cols in COLUMNS.items()
}


def _columns(kind: str, header: list) -> tuple[dict[int, str], list[tuple[int, int]]]:
    """Column index -> key for the headers of ``kind`` (a header not understood is left out);
    and each column whose key an earlier one has (訂購人 twice, or 訂購人 and buyer_name), as
    (the earlier one's index, its own)."""
    aliases = _ALIASES[kind]
    columns: dict[int, str] = {}
    first: dict[str, int] = {}
    repeated = []
    for i, h in enumerate(header):
        key = aliases.get(_norm(h))
        if key is None:
            continue
        if key in first:
            repeated.append((first[key], i))
        else:
            first[key] = i
            columns[i] = key
    return columns, repeated


def sheet_kind(header: list) -> str | None:
    for kind, key in SIGNATURE:
        if key in _ALIASES[kind].values() and any(_ALIASES[kind].get(_norm(h)) == key for h in header):
            return kind
    return None


# ---------------------------------------------------------------- cell values


class _Bad(Exception):
    def __init__(self, key: str, template: str, context: str = CTX, **params):
        self.key = key
        self.template = template
        self.context = context
        self.params = params


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


#: 2026-03-01, 2026/3/1, 2026.03.01 or 20260301, then optionally a time 14:30 or 14:30:05.
_DATE = re.compile(r"^(\d{4})(?:[-/.](\d{1,2})[-/.](\d{1,2})|(\d{2})(\d{2}))"
                   r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


#: A Republic-of-China (民國) date as Taiwanese forms and government files write it:
#: 115/11/01, 115-11-01 or 115.11.01 (a three-digit year), then optionally a time.
_ROC_DATE = re.compile(r"^(?:民國\s*)?(\d{3})[-/.](\d{1,2})[-/.](\d{1,2})"
                       r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
#: 民國115年11月1日 (or 115年11月1日), and 2026年11月1日; optionally a time.
_CJK_DATE = re.compile(r"^(民國\s*)?(\d{1,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
                       r"(?:\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")


#: The earliest day a date in a file may name (0001-01-01, or an empty date cell read as
#: 1899-12-30, is a mistake; and a time before it cannot be turned into UTC everywhere).
EARLIEST = datetime.combine(FIRST_DAY, datetime.min.time())


def _datetime(value, key: str, *, required: bool = True) -> datetime | None:
    """A local date or date-time, not before ``EARLIEST``: a spreadsheet date cell, or text
    such as 2026-03-01, 2026/3/1, 2026-03-01 14:30, or a 民國 date (115/11/01, 115-11-01,
    民國115年11月1日; year + 1911).  None when empty and not required."""
    when = _any_datetime(value, key, required)
    if when is not None and when < EARLIEST:
        raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "日期「{value}」太早：不能早於 {earliest}。"),
                   value=when.date().isoformat(), earliest=EARLIEST.date().isoformat())
    return when


def _not_after(day: date, today: date | None, key: str) -> None:
    """``_Bad`` on ``key`` (an order's or a request's date) when ``day`` is after the shop's
    ``today`` (9999-12-31 included)."""
    if today is not None and day > today:
        raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "日期 {value} 晚於今天（{today}）。"),
                   value=day.isoformat(), today=today.isoformat())


def _any_datetime(value, key: str, required: bool) -> datetime | None:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = _text(value)
    if not text:
        if not required:
            return None
        raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "日期必填。"))
    m = _DATE.match(text)
    if m:
        y, mo, d, mo2, d2, hh, mm, ss = m.groups()
        try:
            return datetime(int(y), int(mo or mo2), int(d or d2), int(hh or 0), int(mm or 0),
                            int(ss or 0))
        except ValueError:
            pass
    m = _ROC_DATE.match(text) or _CJK_DATE.match(text)
    if m:
        y, mo, d, hh, mm, ss = m.groups()[-6:]
        year = int(y) + 1911 if len(y) <= 3 else int(y)  # 民國 1 年 is 1912
        try:
            return datetime(year, int(mo), int(d), int(hh or 0), int(mm or 0), int(ss or 0))
        except ValueError:
            pass
    raise _Bad(key, QT_TRANSLATE_NOOP("Importer", "日期「{value}」看不懂，請寫成 2026-03-01 或 2026-03-01 14:30。"),
               value=text)


def _blank(values) -> bool:
    for v in values:
        if v is not None and (not isinstance(v, str) or v.strip()):
            return False
    return True


def _local_to_utc(local: datetime) -> datetime:
    """A naive local (the shop's) time as the naive UTC the columns hold.  The zone's offset
    is looked up once per local hour (``astimezone`` costs ~4 µs; 100,000 orders share a few
    thousand hours)."""
    local = local.replace(microsecond=0)
    return local - _utc_offset(local.replace(minute=0, second=0))


def _utc_offset(hour: datetime) -> timedelta:
    return shop_clock.utc_offset(hour)  # cached by (zone, hour)


def _checked(check, *args):
    """``check(*args)`` (a domain check), its ``ValidationError`` as the row's ``_Bad``."""
    try:
        return check(*args)
    except ValidationError as err:
        raise _Bad(err.field, err.template, err.context, **err.params) from None


def _amount(value, key: str) -> int:
    return _checked(parse_amount, value, key)


def _storable(rec: _Rec, limits: dict[str, int]) -> None:
    """Every text cell of the row can be stored (``bounds.check_text``): no NUL or lone
    surrogate in any column, and each column of ``limits`` (key → its database column's
    length) within its length, the limit named in the message."""
    for key, i in rec.index.items():
        value = rec.values[i] if i < len(rec.values) else None
        if isinstance(value, str):
            _checked(check_text, value.strip(), key, limits.get(key))


def _quantity(value, key: str) -> int:
    """A whole number from 1 to ``MAX_QUANTITY``.  Never an ``int()`` of what the cell says
    before its size is known: ``1e999999999`` is refused by its exponent (not turned into a
    billion-digit number), NaN and Infinity as not whole numbers."""
    n = None
    if isinstance(value, int) and not isinstance(value, bool):
        n = Decimal(value)
    elif isinstance(value, (float, Decimal)):
        n = Decimal(str(value))
    elif not isinstance(value, bool):
        try:
            n = Decimal(_text(value).replace(",", ""))
        except ArithmeticError:
            n = None
    if n is None or not n.is_finite() or n <= 0:
        raise _Bad(key, QT_TRANSLATE_NOOP("Errors", "數量必須是正整數。"), "Errors")
    if n.adjusted() >= len(str(MAX_QUANTITY)) or n > MAX_QUANTITY:
        raise _Bad(key, QT_TRANSLATE_NOOP("Errors", "數量不能超過 {max}。"), "Errors",
                   max=f"{MAX_QUANTITY:,}")
    if n != n.to_integral_value():
        raise _Bad(key, QT_TRANSLATE_NOOP("Errors", "數量必須是正整數。"), "Errors")
    return _checked(check_quantity, int(n), key)


def _required(value, key: str) -> str:
    text = _text(value)
    if not text:
        raise _Bad(key, QT_TRANSLATE_NOOP("Errors", "此欄位必填。"), "Errors")
    return text


def _digits(value, width: int | None = None) -> str:
    """Digits typed as text, or a number cell: a spreadsheet drops the leading zeros of a
    number (00123 → 123), so a number cell is padded back to ``width`` digits."""
    if width and isinstance(value, (int, float)) and not isinstance(value, bool) \
            and float(value).is_integer() and value >= 0:
        return str(int(value)).zfill(width)
    return _text(value)


class _Rec:
    """One row's values by column key (a dict per row would double the check's memory)."""

    __slots__ = ("values", "index")

    def __init__(self, values: list, index: dict[str, int]):
        self.values = values
        self.index = index

    def get(self, key: str):
        i = self.index.get(key)
        return self.values[i] if i is not None and i < len(self.values) else None
