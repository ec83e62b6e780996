"""The invoice validators of app/domain/invoice.py with real-shape values (docs/PRODUCT.md §8)."""

from __future__ import annotations

from datetime import date

import pytest

from app.domain import invoice as inv
from app.domain.errors import ValidationError
from app.domain.invoice import AllowanceInput, InvoiceInput, VoidInput

W = (1, 2, 1, 2, 1, 2, 4, 1)


def old_rule(ban: str) -> bool:
    """The checksum before 2023 (what python-stdnum still checks): divisible by 10."""
    t = sum(int(c) * w // 10 + int(c) * w % 10 for c, w in zip(ban, W, strict=True))
    return t % 10 == 0 or (ban[6] == "7" and (t + 1) % 10 == 0)


@pytest.mark.parametrize("no", ["AB12345678", "ZZ00000001", "ab12345678", " QX-98765432 "])
def test_invoice_number_valid(no):
    assert inv.invoice_number(no) == no.strip().upper().replace("-", "")


@pytest.mark.parametrize("no", ["A123456789", "AB1234567", "AB123456789", "1212345678", "AB1234567X",
                                "ＡＢ12345678", "", None, "AB12 34567"])
def test_invoice_number_invalid(no):
    with pytest.raises(ValidationError) as e:
        inv.invoice_number(no)
    assert e.value.field == "invoice_no"


@pytest.mark.parametrize("ban", ["22099131", "04595257", "53212539", "88117125", "12345675"])
def test_ban_valid_under_both_rules(ban):
    assert old_rule(ban) and inv.ban_checksum_ok(ban)
    assert inv.business_number(ban) == ban


@pytest.mark.parametrize("ban", ["10458570", "83045210", "72979298", "73935045"])
def test_ban_valid_only_since_2023(ban):
    """Weighted sum divisible by 5 but not by 10: refused by the old rule, valid now."""
    assert not old_rule(ban)
    assert inv.ban_checksum_ok(ban)
    assert inv.business_number(ban) == ban


@pytest.mark.parametrize("ban", ["12701179", "23686772", "70776774"])
def test_ban_seventh_digit_seven_only_since_2023(ban):
    """The seventh digit 7 (7 × 4 = 28 → 10, counted as 1 or 0): sum + 1 divisible by 5."""
    assert ban[6] == "7" and not old_rule(ban)
    t = sum(int(c) * w // 10 + int(c) * w % 10 for c, w in zip(ban, W, strict=True))
    assert t % 5 != 0 and (t + 1) % 5 == 0
    assert inv.ban_checksum_ok(ban)


@pytest.mark.parametrize("ban", ["22099132", "04595258", "12345678", "10458571", "12701178"])
def test_ban_bad_checksum(ban):
    assert not inv.ban_checksum_ok(ban)
    with pytest.raises(ValidationError, match="檢查碼") as e:
        inv.business_number(ban)
    assert e.value.field == "buyer_ban"


def test_ban_seven_rule_needs_the_seventh_digit_seven():
    """Sum + 1 divisible by 5 is valid only when the seventh digit is 7."""
    assert not inv.ban_checksum_ok("22099130")  # sum 29, seventh digit 3
    assert inv.ban_checksum_ok("10458574")  # sum 29, seventh digit 7


@pytest.mark.parametrize("ban", ["2209913", "220991311", "2209913A", ""])
def test_ban_shape(ban):
    with pytest.raises(ValidationError):
        inv.business_number(ban)


@pytest.mark.parametrize("code", ["/ABC1234", "/A+B-C.1", "/1234567", "/abc.123"])
def test_mobile_barcode_valid(code):
    assert inv.carrier_id(inv.MOBILE, code) == code.upper()


@pytest.mark.parametrize("code", ["ABC12345", "/ABC123", "/ABC12345", "/ABC_123", "/ABC 123", "//ABC123"])
def test_mobile_barcode_invalid(code):
    with pytest.raises(ValidationError, match="手機條碼"):
        inv.carrier_id(inv.MOBILE, code)


def test_certificate_and_donation():
    assert inv.carrier_id(inv.CERTIFICATE, "ab12345678901234") == "AB12345678901234"
    for bad in ("A123456789012345", "AB1234567890123", "AB123456789012345"):
        with pytest.raises(ValidationError, match="自然人憑證"):
            inv.carrier_id(inv.CERTIFICATE, bad)
    for good in ("919", "8585", "25885", "5380", "1234567"):
        assert inv.carrier_id(inv.DONATION, good) == good
    for bad in ("12", "12345678", "12a4"):
        with pytest.raises(ValidationError, match="捐贈碼"):
            inv.carrier_id(inv.DONATION, bad)
    assert inv.carrier_id(inv.PRINTED, "whatever") == ""
    with pytest.raises(ValidationError) as e:
        inv.carrier_id(inv.MOBILE, "")
    assert e.value.field == "carrier_id"


@pytest.mark.parametrize("total, before, tax", [
    (1050, 1000, 50), (105, 100, 5), (820, 781, 39),  # 39.047…
    (10, 10, 0),  # 0.476… rounds down
    (21, 20, 1),  # 1.0 exactly
    (31, 30, 1),  # 1.476…
    (32, 30, 2),  # 1.523…
    (63, 60, 3),  # 3.0
    (42, 40, 2), (1, 1, 0), (0, 0, 0), (2_100_000, 2_000_000, 100_000),
])
def test_tax_split(total, before, tax):
    assert inv.tax_split(total) == (before, tax)


def test_tax_split_half_rounds_up():
    # total × 5 / 105 = x.5 exactly when total × 5 ≡ 52.5 (mod 105): never for an integer total,
    # so half-up is checked against Decimal for every total up to 10 000.
    from decimal import ROUND_HALF_UP, Decimal

    for total in range(0, 10_001):
        want = int((Decimal(total) * 5 / 105).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        assert inv.tax_split(total) == (total - want, want)


def test_tax_split_refuses_floats():
    with pytest.raises(ValueError):
        inv.tax_split(10.5)


@pytest.mark.parametrize("d, start, end", [
    (date(2026, 1, 1), date(2026, 1, 1), date(2026, 2, 28)),
    (date(2024, 2, 29), date(2024, 1, 1), date(2024, 2, 29)),
    (date(2026, 3, 1), date(2026, 3, 1), date(2026, 4, 30)),
    (date(2026, 10, 31), date(2026, 9, 1), date(2026, 10, 31)),
    (date(2026, 12, 31), date(2026, 11, 1), date(2026, 12, 31)),
])
def test_vat_period(d, start, end):
    assert inv.vat_period(d) == (start, end)


def test_vat_period_label_and_parse():
    assert inv.vat_period_label(date(2026, 12, 5)) == "2026-11/12"
    assert inv.parse_vat_period("2026-11/12") == (date(2026, 11, 1), date(2026, 12, 31))
    assert inv.parse_vat_period("2026-12") == (date(2026, 11, 1), date(2026, 12, 31))
    assert inv.parse_vat_period("202603") == (date(2026, 3, 1), date(2026, 4, 30))
    for bad in ("2026-12/01", "2026-13", "2026-02/03", "soon", "9999-11/12", "1969-11"):
        with pytest.raises(ValidationError) as e:
            inv.parse_vat_period(bad)
        assert e.value.field == "period"


@pytest.mark.parametrize("issued, on, want", [
    (date(2026, 1, 1), date(2026, 2, 28), inv.VOID),        # first and last day of Jan–Feb
    (date(2026, 2, 28), date(2026, 3, 1), inv.ALLOWANCE),   # across the edge by one day
    (date(2024, 2, 29), date(2024, 2, 29), inv.VOID),
    (date(2026, 4, 30), date(2026, 5, 1), inv.ALLOWANCE),
    (date(2026, 11, 1), date(2026, 12, 31), inv.VOID),
    (date(2026, 12, 31), date(2027, 1, 1), inv.ALLOWANCE),  # across the year
    (date(2025, 11, 3), date(2026, 11, 3), inv.ALLOWANCE),  # same months, a year later
])
def test_void_or_allowance_at_period_edges(issued, on, want):
    assert inv.void_or_allowance(issued, on) == want


def test_void_or_allowance_filed_period():
    assert inv.void_or_allowance(date(2026, 1, 5), date(2026, 2, 1), filed=True) == inv.ALLOWANCE


def B2B_INPUT(**kw):  # noqa: N802
    base = dict(invoice_no="ab12345678", invoice_date=date(2026, 3, 2), kind=inv.B2B, total=1050,
                carrier_type=inv.PRINTED, buyer_ban="83045210", buyer_title=" 好日子有限公司 ")
    base.update(kw)
    return InvoiceInput(**base)


def test_invoice_input_b2b():
    v = B2B_INPUT().validated(order_date=date(2026, 3, 1), today=date(2026, 3, 2))
    assert (v.invoice_no, v.buyer_ban, v.buyer_title) == ("AB12345678", "83045210", "好日子有限公司")
    rec = v.as_record()
    assert (rec["before_tax"], rec["tax"], rec["total"]) == (1000, 50, 1050)


@pytest.mark.parametrize("kw, field", [
    (dict(buyer_ban="22099132"), "buyer_ban"),
    (dict(buyer_title=""), "buyer_title"),
    (dict(carrier_type=inv.DONATION, carrier_id="919"), "carrier_type"),
    (dict(kind=inv.B2C), "buyer_ban"),
    (dict(kind="B2X"), "kind"),
    (dict(total=0), "total"),
    (dict(invoice_date=date(2026, 2, 28)), "invoice_date"),
    (dict(invoice_date=date(2026, 3, 3)), "invoice_date"),
    (dict(invoice_date=None), "invoice_date"),
    (dict(invoice_no="AB1234"), "invoice_no"),
    (dict(carrier_type=inv.MOBILE, carrier_id="/AB"), "carrier_id"),
])
def test_invoice_input_refusals(kw, field):
    with pytest.raises(ValidationError) as e:
        B2B_INPUT(**kw).validated(order_date=date(2026, 3, 1), today=date(2026, 3, 2))
    assert e.value.field == field


def test_invoice_input_b2c_donation():
    v = InvoiceInput("CD00000001", date(2026, 3, 2), inv.B2C, 820, inv.DONATION, " 919 ").validated()
    assert (v.carrier_type, v.carrier_id, v.buyer_ban) == (inv.DONATION, "919", "")


def test_void_input():
    issued = date(2026, 3, 2)
    assert VoidInput(date(2026, 4, 30), " 取消訂單 ").validated(invoice_date=issued).reason == "取消訂單"
    for d, field in ((date(2026, 5, 1), "void_date"), (date(2026, 3, 1), "void_date"), (None, "void_date")):
        with pytest.raises(ValidationError) as e:
            VoidInput(d, "x").validated(invoice_date=issued)
        assert e.value.field == field
    with pytest.raises(ValidationError, match="2026-03/04"):
        VoidInput(date(2026, 5, 1), "x").validated(invoice_date=issued)
    with pytest.raises(ValidationError) as e:
        VoidInput(date(2026, 3, 5), " ").validated(invoice_date=issued)
    assert e.value.field == "reason"
    with pytest.raises(ValidationError):
        VoidInput(date(2026, 3, 5), "x").validated(invoice_date=issued, today=date(2026, 3, 4))


def test_allowance_input():
    a = AllowanceInput(" ab-001 ", date(2026, 5, 3), 525).validated(invoice_date=date(2026, 3, 2),
                                                                      remaining=1050)
    assert a.allowance_no == "AB-001"
    assert (a.as_record()["before_tax"], a.as_record()["tax"]) == (500, 25)
    for kw, field in ((dict(total=1051), "allowance_total"), (dict(total=0), "allowance_total"),
                      (dict(allowance_no=""), "allowance_no"),
                      (dict(allowance_date=date(2026, 3, 1)), "allowance_date")):
        base = dict(allowance_no="A1", allowance_date=date(2026, 5, 3), total=100) | kw
        with pytest.raises(ValidationError) as e:
            AllowanceInput(**base).validated(invoice_date=date(2026, 3, 2), remaining=1050)
        assert e.value.field == field
