"""Money (whole NT$, never a float) and the validation of each action's input."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.domain.errors import ValidationError
from app.domain.inputs import CancellationInput, PaymentNotice, Remittance, ShipInput, required_text
from app.domain.money import format_ntd, parse_amount, shipping_fee_for

# --- parse_amount ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,200", 1200),
        ("NT$300", 300),
        ("NT$ 1,234,567", 1234567),
        ("  42  ", 42),
        ("0", 0),
        (0, 0),
        (15, 15),
        (Decimal("5"), 5),
        (Decimal("5.00"), 5),
        (7.0, 7),
    ],
)
def test_parse_amount_accepts(text, expected):
    value = parse_amount(text)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize(
    "text",
    ["abc", "-5", "12.5", "", "   ", None, "NT$", "1 200", "5-", "1e3", "NT$12.50", "--5"],
)
def test_parse_amount_refuses(text):
    with pytest.raises(ValidationError) as excinfo:
        parse_amount(text, "fee")
    assert excinfo.value.field == "fee"


@pytest.mark.parametrize("value", [12.5, 0.1, -3.0, Decimal("12.5"), Decimal("-1"), -1, True, False])
def test_parse_amount_refuses_fractions_negatives_and_bools(value):
    with pytest.raises(ValidationError) as excinfo:
        parse_amount(value)
    assert excinfo.value.field == "amount"


@pytest.mark.parametrize("value", [float("inf"), float("-inf"), float("nan"), Decimal("Infinity"),
                                   Decimal("NaN"), Decimal("sNaN")])
def test_parse_amount_refuses_non_finite_numbers_with_a_validation_error(value):
    with pytest.raises(ValidationError):
        parse_amount(value)


def test_parse_amount_messages_say_what_is_wrong():
    with pytest.raises(ValidationError, match="負數"):
        parse_amount("-5")
    with pytest.raises(ValidationError, match="小數"):
        parse_amount("12.5")
    with pytest.raises(ValidationError, match="數字"):
        parse_amount("abc")
    with pytest.raises(ValidationError, match="請填寫金額"):
        parse_amount("")


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_parse_amount_allow_empty(empty):
    assert parse_amount(empty, allow_empty=True) is None
    with pytest.raises(ValidationError):
        parse_amount(empty)


def test_format_ntd():
    assert format_ntd(1234) == "NT$1,234"
    assert format_ntd(0) == "NT$0"
    assert format_ntd(None) == ""


# --- shipping_fee_for --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subtotal", "expected"),
    [(999, 120), (1000, 0), (1001, 0), (0, 120)],
)
def test_free_shipping_threshold_boundary(subtotal, expected):
    assert shipping_fee_for(subtotal, 120, 1000) == expected


@pytest.mark.parametrize("subtotal", [0, 999, 1000, 10**9])
def test_no_threshold_means_no_free_shipping(subtotal):
    assert shipping_fee_for(subtotal, 65, None) == 65


def test_threshold_zero_means_always_free():
    assert shipping_fee_for(0, 80, 0) == 0


# --- PaymentNotice -----------------------------------------------------------------------


def _notice(**kw):
    base = dict(transfer_date=date(2024, 5, 2), amount=700, account_last5="12345", note=" 晚上轉 ")
    base.update(kw)
    return PaymentNotice(**base)


def test_payment_notice_valid_is_stripped():
    checked = _notice(account_last5=" 54321 ").validated(order_date=date(2024, 5, 1))
    assert checked.account_last5 == "54321"
    assert checked.note == "晚上轉"
    assert checked.as_record() == {
        "transfer_date": "2024-05-02", "amount": 700, "account_last5": "54321", "note": "晚上轉",
    }


@pytest.mark.parametrize("last5", ["1234", "123456", "12a45", "", None, "１２３４５", "12 45", "-1234"])
def test_payment_notice_last5_exactly_five_digits(last5):
    with pytest.raises(ValidationError) as excinfo:
        _notice(account_last5=last5).validated()
    assert excinfo.value.field == "account_last5"


def test_payment_notice_last5_keeps_leading_zeros():
    assert _notice(account_last5="00012").validated().account_last5 == "00012"


@pytest.mark.parametrize("amount", [0, -1, True, 12.0, "700", None])
def test_payment_notice_amount_positive_int(amount):
    with pytest.raises(ValidationError) as excinfo:
        _notice(amount=amount).validated()
    assert excinfo.value.field == "amount"


def test_payment_notice_date_required_and_not_before_order():
    with pytest.raises(ValidationError) as excinfo:
        _notice(transfer_date=None).validated()
    assert excinfo.value.field == "transfer_date"
    with pytest.raises(ValidationError) as excinfo:
        _notice(transfer_date=date(2024, 4, 30)).validated(order_date=date(2024, 5, 1))
    assert excinfo.value.field == "transfer_date"
    # The same day as the order is fine.
    assert _notice(transfer_date=date(2024, 5, 1)).validated(order_date=date(2024, 5, 1))


# --- ShipInput ---------------------------------------------------------------------------

ORDER_DAY = date(2024, 5, 1)
TODAY = date(2024, 5, 10)


def _ship(**kw):
    base = dict(ship_date=date(2024, 5, 3), carrier=" 黑貓宅急便 ", tracking_no=" 9001-22 ")
    base.update(kw)
    return ShipInput(**base)


def test_ship_input_valid_is_stripped():
    checked = _ship().validated(order_date=ORDER_DAY, today=TODAY)
    assert checked == ShipInput(date(2024, 5, 3), "黑貓宅急便", "9001-22")
    assert checked.as_record() == {"ship_date": "2024-05-03", "carrier": "黑貓宅急便",
                                   "tracking_no": "9001-22"}


@pytest.mark.parametrize("field", ["carrier", "tracking_no"])
@pytest.mark.parametrize("value", ["", "   ", None])
def test_ship_input_carrier_and_tracking_required(field, value):
    with pytest.raises(ValidationError) as excinfo:
        _ship(**{field: value}).validated(order_date=ORDER_DAY, today=TODAY)
    assert excinfo.value.field == field


def test_ship_date_required():
    with pytest.raises(ValidationError) as excinfo:
        _ship(ship_date=None).validated(order_date=ORDER_DAY, today=TODAY)
    assert excinfo.value.field == "ship_date"


@pytest.mark.parametrize(
    ("ship_date", "ok"),
    [
        (date(2024, 4, 30), False),  # the day before the order
        (ORDER_DAY, True),
        (TODAY, True),
        (date(2024, 5, 11), False),  # tomorrow
    ],
)
def test_ship_date_between_order_date_and_today(ship_date, ok):
    inp = _ship(ship_date=ship_date)
    if ok:
        assert inp.validated(order_date=ORDER_DAY, today=TODAY).ship_date == ship_date
    else:
        with pytest.raises(ValidationError) as excinfo:
            inp.validated(order_date=ORDER_DAY, today=TODAY)
        assert excinfo.value.field == "ship_date"


# --- Remittance and CancellationInput ----------------------------------------------------


def _rem(**kw):
    base = dict(bank_code="812", branch="台北分行", account_number="1234-5678-9012", account_name="王小明")
    base.update(kw)
    return Remittance(**base)


def test_remittance_valid_normalises_account_number():
    checked = _rem(account_number=" 1234 5678-9012 ").validated()
    assert checked.account_number == "123456789012"
    assert checked.bank_code == "812"


@pytest.mark.parametrize("code", ["81", "8120", "8a2", "", None, "８１２"])
def test_remittance_bank_code_three_digits(code):
    with pytest.raises(ValidationError) as excinfo:
        _rem(bank_code=code).validated()
    assert excinfo.value.field == "bank_code"


@pytest.mark.parametrize(
    ("account", "ok"),
    [("12345", False), ("123456", True), ("1" * 16, True), ("1" * 17, False), ("12345a", False),
     ("", False), (None, False)],
)
def test_remittance_account_six_to_sixteen_digits(account, ok):
    if ok:
        assert _rem(account_number=account).validated().account_number == account
    else:
        with pytest.raises(ValidationError) as excinfo:
            _rem(account_number=account).validated()
        assert excinfo.value.field == "account_number"


@pytest.mark.parametrize("field", ["branch", "account_name"])
def test_remittance_branch_and_name_required(field):
    with pytest.raises(ValidationError) as excinfo:
        _rem(**{field: "  "}).validated()
    assert excinfo.value.field == field


def test_cancellation_input_reason_required():
    with pytest.raises(ValidationError) as excinfo:
        CancellationInput("  ").validated(paid=False)
    assert excinfo.value.field == "reason"


def test_cancellation_input_remittance_required_when_paid():
    with pytest.raises(ValidationError) as excinfo:
        CancellationInput("不想要了").validated(paid=True)
    assert excinfo.value.field == "bank_code"
    checked = CancellationInput(" 不想要了 ", _rem()).validated(paid=True)
    assert checked.reason == "不想要了"
    assert checked.remittance.account_number == "123456789012"
    assert checked.as_record() == {
        "reason": "不想要了", "bank_code": "812", "branch": "台北分行",
        "account_number": "123456789012", "account_name": "王小明",
    }


def test_cancellation_input_paid_remittance_is_validated():
    with pytest.raises(ValidationError) as excinfo:
        CancellationInput("x", _rem(bank_code="1")).validated(paid=True)
    assert excinfo.value.field == "bank_code"


def test_cancellation_input_unpaid_needs_no_remittance():
    assert CancellationInput("x").validated(paid=False).remittance is None
    # An all-empty remittance form counts as none.
    assert CancellationInput("x", Remittance("", "", "", "")).validated(paid=False).remittance is None
    assert CancellationInput("x").validated(paid=False).as_record() == {"reason": "x"}
    # A filled-in one is still checked.
    with pytest.raises(ValidationError):
        CancellationInput("x", _rem(account_number="12")).validated(paid=False)


def test_required_text():
    assert required_text("  a ", "f") == "a"
    with pytest.raises(ValidationError) as excinfo:
        required_text(None, "f")
    assert excinfo.value.field == "f"
