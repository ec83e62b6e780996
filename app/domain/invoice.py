"""Uniform invoices (統一發票, e-invoices): numbers, buyers, carriers, the 5% tax split, the
two-month VAT period and whether a cancelled sale's invoice is voided or gets an allowance
(docs/PRODUCT.md §8, E-invoices).

Pure: no Qt, no database.  Every check raises ``ValidationError`` naming its field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .clock import FIRST_DAY, LAST_DAY
from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP
from .inputs import required_date
from .statuses import Labelled

#: Invoice kinds: B2C (二聯式, the buyer is a person) and B2B (三聯式, a company with its 統一編號).
B2C = "B2C"
B2B = "B2B"
KINDS = (B2C, B2B)

#: Where a B2C invoice goes: a mobile barcode (手機條碼), a citizen digital certificate
#: (自然人憑證), a donation code (捐贈碼) or printed on paper.
MOBILE = "mobile"
CERTIFICATE = "certificate"
DONATION = "donation"
PRINTED = "printed"
CARRIERS = (MOBILE, CERTIFICATE, DONATION, PRINTED)

#: What a cancelled sale's invoice needs.
VOID = "void"
ALLOWANCE = "allowance"

TAX_RATE_NUM, TAX_RATE_DEN = 5, 105  # tax included in a 5% VAT total

_INVOICE_NO = re.compile(r"^[A-Z]{2}[0-9]{8}$")
_BAN = re.compile(r"^[0-9]{8}$")
_MOBILE = re.compile(r"^/[0-9A-Z+\-.]{7}$")
_CERTIFICATE = re.compile(r"^[A-Z]{2}[0-9]{14}$")
_DONATION = re.compile(r"^[0-9]{3,7}$")
_BAN_WEIGHTS = (1, 2, 1, 2, 1, 2, 4, 1)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


def invoice_number(value, field: str = "invoice_no") -> str:
    """Two capital letters and eight digits ("AB12345678"); letters typed in lower case are
    taken as capitals, spaces and a dash between the track and the digits ("AB-12345678") are
    dropped."""
    text = _text(value).upper().replace(" ", "").replace("-", "")
    if not text:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
    if not _INVOICE_NO.match(text):
        raise ValidationError(
            field, QT_TRANSLATE_NOOP("Errors", "發票號碼必須是兩個英文大寫字母加八位數字，例如 AB12345678。"))
    return text


def ban_checksum_ok(ban: str) -> bool:
    """Whether the eight digits of a 統一編號 pass the checksum of 2023 (財政部 rule since
    2023-04): with weights 1,2,1,2,1,2,4,1, the digits of each digit-times-weight product are
    summed; valid when the sum is divisible by 5, or, when the seventh digit is 7, when the
    sum plus 1 is (7 × 4 = 28 → 10 counts as 1 or 0)."""
    if not _BAN.match(ban or ""):
        return False
    total = 0
    for ch, w in zip(ban, _BAN_WEIGHTS, strict=True):
        p = int(ch) * w
        total += p // 10 + p % 10
    return total % 5 == 0 or (ban[6] == "7" and (total + 1) % 5 == 0)


def business_number(value, field: str = "buyer_ban") -> str:
    """A company's 統一編號: eight digits that pass ``ban_checksum_ok``."""
    text = _text(value).replace(" ", "")
    if not text:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
    if not _BAN.match(text):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "統一編號必須是八位數字。"))
    if not ban_checksum_ok(text):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "統一編號 {ban} 的檢查碼不正確。"), ban=text)
    return text


def carrier_id(kind: str, value, field: str = "carrier_id") -> str:
    """The carrier's code for ``kind``: a mobile barcode is "/" and seven of 0-9 A-Z + - .;
    a citizen certificate two capital letters and fourteen digits; a donation code three to
    seven digits; a printed invoice has none ("")."""
    text = _text(value)
    if kind == PRINTED:
        return ""
    if kind not in CARRIERS:
        raise ValidationError("carrier_type", QT_TRANSLATE_NOOP("Errors", "請選擇載具類別。"))
    if not text:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
    if kind == MOBILE:
        text = text.upper()
        if not _MOBILE.match(text):
            raise ValidationError(field, QT_TRANSLATE_NOOP(
                "Errors", "手機條碼必須是「/」加七個字元（數字、大寫英文字母或 + - .）。"))
    elif kind == CERTIFICATE:
        text = text.upper()
        if not _CERTIFICATE.match(text):
            raise ValidationError(field, QT_TRANSLATE_NOOP(
                "Errors", "自然人憑證條碼必須是兩個大寫英文字母加十四位數字。"))
    elif not _DONATION.match(text):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "捐贈碼必須是三到七位數字。"))
    return text


def tax_split(total: int) -> tuple[int, int]:
    """(amount before tax, tax) of a 5%-VAT-inclusive ``total`` in whole NT$:
    tax = total × 5 / 105 rounded half up, before tax = total − tax."""
    if not isinstance(total, int) or isinstance(total, bool) or total < 0:
        raise ValueError(f"total must be a non-negative int, not {total!r}")
    tax = (total * TAX_RATE_NUM * 2 + TAX_RATE_DEN) // (TAX_RATE_DEN * 2)
    return total - tax, tax


def vat_period(d: date) -> tuple[date, date]:
    """The two-month VAT period holding ``d``: Jan–Feb, Mar–Apr, …, Nov–Dec (first, last day)."""
    first_month = d.month - (d.month - 1) % 2
    start = date(d.year, first_month, 1)
    end = date(d.year + 1, 1, 1) if first_month == 11 else date(d.year, first_month + 2, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def vat_period_label(d: date) -> str:
    """"2026-11/12" for the period of November and December 2026."""
    start, end = vat_period(d)
    return f"{start.year}-{start.month:02d}/{end.month:02d}"


def parse_vat_period(text) -> tuple[date, date]:
    """"2026-11/12", "2026-11" or "202611" (any month of the period) → its first and last day."""
    s = _text(text).replace(" ", "")
    m = re.match(r"^(\d{4})-?(\d{1,2})(?:/(\d{1,2}))?$", s)
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise ValidationError("period", QT_TRANSLATE_NOOP(
            "Errors", "申報期別必須是年-月，例如 2026-11/12 或 2026-11。"))
    if not FIRST_DAY.year <= int(m.group(1)) <= LAST_DAY.year:
        raise ValidationError("period", QT_TRANSLATE_NOOP(
            "Errors", "申報期別的年份必須在 {first} 到 {last} 之間。"), first=FIRST_DAY.year, last=LAST_DAY.year)
    start, end = vat_period(date(int(m.group(1)), int(m.group(2)), 1))
    if m.group(3) and int(m.group(3)) != end.month:
        raise ValidationError("period", QT_TRANSLATE_NOOP(
            "Errors", "申報期別是連續兩個月，單月開始：1/2、3/4、5/6、7/8、9/10、11/12。"))
    return start, end


def void_or_allowance(invoice_date: date, on: date, *, filed: bool = False) -> str:
    """What a cancelled sale's invoice needs on the day ``on``: a void (VOID) while ``on`` is
    in the invoice's own VAT period and that period's return is not yet filed; otherwise an
    allowance (ALLOWANCE)."""
    if not filed and vat_period(invoice_date) == vat_period(on):
        return VOID
    return ALLOWANCE


def _positive(value, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "金額必須大於零。"))
    return value


@dataclass(frozen=True)
class InvoiceInput:
    """An issued invoice as the clerk records it (【開立發票】) or the provider's file has it."""

    invoice_no: str
    invoice_date: date
    kind: str = B2C
    total: int = 0
    carrier_type: str = PRINTED
    carrier_id: str = ""
    buyer_ban: str = ""
    buyer_title: str = ""

    def validated(self, *, order_date: date | None = None, today: date | None = None) -> InvoiceInput:
        """Every field checked and normalised; the date neither before the order's nor after
        the shop's ``today``.  A B2B invoice needs the 統一編號 and the company title and is
        never donated; a B2C one has neither."""
        no = invoice_number(self.invoice_no)
        d = required_date(self.invoice_date, "invoice_date")
        if order_date and d < order_date:
            raise ValidationError("invoice_date", QT_TRANSLATE_NOOP("Errors", "發票日期不能早於訂單日期。"))
        if today and d > today:
            raise ValidationError("invoice_date", QT_TRANSLATE_NOOP("Errors", "發票日期不能晚於今天。"))
        if self.kind not in KINDS:
            raise ValidationError("kind", QT_TRANSLATE_NOOP("Errors", "請選擇發票類型（二聯式或三聯式）。"))
        total = _positive(self.total, "total")
        ctype = self.carrier_type or PRINTED
        cid = carrier_id(ctype, self.carrier_id)
        ban = title = ""
        if self.kind == B2B:
            ban = business_number(self.buyer_ban)
            title = _text(self.buyer_title)
            if not title:
                raise ValidationError("buyer_title", QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
            if ctype == DONATION:
                raise ValidationError("carrier_type", QT_TRANSLATE_NOOP(
                    "Errors", "三聯式（有統一編號）的發票不能捐贈。"))
        elif _text(self.buyer_ban) or _text(self.buyer_title):
            raise ValidationError("buyer_ban", QT_TRANSLATE_NOOP(
                "Errors", "二聯式發票沒有買受人統一編號；有統一編號請選三聯式。"))
        return InvoiceInput(no, d, self.kind, total, ctype, cid, ban, title)

    def as_record(self) -> dict:
        before, tax = tax_split(self.total)
        return {"invoice_no": self.invoice_no, "invoice_date": self.invoice_date.isoformat(),
                "kind": self.kind, "total": self.total, "before_tax": before, "tax": tax,
                "carrier_type": self.carrier_type, "carrier_id": self.carrier_id,
                "buyer_ban": self.buyer_ban, "buyer_title": self.buyer_title}


@dataclass(frozen=True)
class VoidInput:
    """作廢: the day and the reason."""

    void_date: date
    reason: str

    def validated(self, *, invoice_date: date, today: date | None = None,
                  filed: bool = False) -> VoidInput:
        """``filed``: the return of the invoice's VAT period was filed (then only an
        allowance is possible)."""
        d = required_date(self.void_date, "void_date")
        if d < invoice_date:
            raise ValidationError("void_date", QT_TRANSLATE_NOOP("Errors", "作廢日期不能早於發票日期。"))
        if today and d > today:
            raise ValidationError("void_date", QT_TRANSLATE_NOOP("Errors", "作廢日期不能晚於今天。"))
        if filed:
            raise ValidationError("void_date", QT_TRANSLATE_NOOP(
                "Errors", "發票的申報期別 {period} 已申報，不能作廢；請開立折讓單。"),
                period=vat_period_label(invoice_date))
        if void_or_allowance(invoice_date, d) != VOID:
            raise ValidationError("void_date", QT_TRANSLATE_NOOP(
                "Errors", "發票的申報期別 {period} 已過，不能作廢；請開立折讓單。"),
                period=vat_period_label(invoice_date))
        reason = _text(self.reason)
        if not reason:
            raise ValidationError("reason", QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
        return VoidInput(d, reason)

    def as_record(self) -> dict:
        return {"void_date": self.void_date.isoformat(), "reason": self.reason}


@dataclass(frozen=True)
class AllowanceInput:
    """折讓單: its number, day and amount (tax included); the tax is split as an invoice's."""

    allowance_no: str
    allowance_date: date
    total: int

    def validated(self, *, invoice_date: date, remaining: int,
                  today: date | None = None) -> AllowanceInput:
        """``remaining`` is what the invoice still holds (its total less earlier allowances)."""
        no = _text(self.allowance_no).upper()
        if not no:
            raise ValidationError("allowance_no", QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
        if len(no) > 40:
            raise ValidationError("allowance_no", QT_TRANSLATE_NOOP("Errors", "折讓單號碼最多 40 個字元。"))
        d = required_date(self.allowance_date, "allowance_date")
        if d < invoice_date:
            raise ValidationError("allowance_date", QT_TRANSLATE_NOOP("Errors", "折讓日期不能早於發票日期。"))
        if today and d > today:
            raise ValidationError("allowance_date", QT_TRANSLATE_NOOP("Errors", "折讓日期不能晚於今天。"))
        total = _positive(self.total, "allowance_total")
        if total > remaining:
            raise ValidationError("allowance_total", QT_TRANSLATE_NOOP(
                "Errors", "折讓金額不能超過發票尚餘的 NT${remaining:,}。"), remaining=remaining)
        return AllowanceInput(no, d, total)

    def as_record(self) -> dict:
        before, tax = tax_split(self.total)
        return {"allowance_no": self.allowance_no, "allowance_date": self.allowance_date.isoformat(),
                "total": self.total, "before_tax": before, "tax": tax}


class InvoiceAction(Labelled):
    """The invoice actions as the order's history records them (machine "invoice"), with their
    untranslated labels (context "Action")."""

    ISSUE = "ISSUE_INVOICE", QT_TRANSLATE_NOOP("Action", "開立發票")
    VOID = "VOID_INVOICE", QT_TRANSLATE_NOOP("Action", "作廢發票")
    ALLOWANCE = "INVOICE_ALLOWANCE", QT_TRANSLATE_NOOP("Action", "開立折讓單")

#: Untranslated labels of kinds and carriers (context "Invoice").
KIND_LABELS = {B2C: QT_TRANSLATE_NOOP("Invoice", "二聯式（個人）"),
               B2B: QT_TRANSLATE_NOOP("Invoice", "三聯式（公司）")}
CARRIER_LABELS = {MOBILE: QT_TRANSLATE_NOOP("Invoice", "手機條碼"),
                  CERTIFICATE: QT_TRANSLATE_NOOP("Invoice", "自然人憑證"),
                  DONATION: QT_TRANSLATE_NOOP("Invoice", "捐贈"),
                  PRINTED: QT_TRANSLATE_NOOP("Invoice", "紙本")}
