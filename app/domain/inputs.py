"""The inputs of each action, as plain values, with their validation.

Dialogs build these; services validate them again (the storefront and the import call the
services directly).  A ``ValidationError`` names the field and the problem.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from .bounds import MAX_TEXT, check_money, check_text
from .errors import ValidationError
from .i18n import QT_TRANSLATE_NOOP

_DIGITS = re.compile(r"^[0-9]+$")

def _required(value: str | None, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
    return check_text(value, field, MAX_TEXT)


def _check_day(day, field: str, order_date: date | None, today: date | None,
               too_early: str, too_late: str) -> None:
    """A required date that is neither before ``order_date`` nor after ``today`` (the shop's
    day), when given; ``ValidationError`` on ``field`` with the message that fits."""
    required_date(day, field)
    if order_date and day < order_date:
        raise ValidationError(field, too_early)
    if today and day > today:
        raise ValidationError(field, too_late)


@dataclass(frozen=True)
class PaymentNotice:
    transfer_date: date
    amount: int
    account_last5: str
    note: str = ""

    def validated(self, *, order_date: date | None = None, today: date | None = None) -> PaymentNotice:
        """The notice with its text trimmed, or ``ValidationError``: the transfer date is
        neither before ``order_date`` nor after ``today`` (the shop's day) when given."""
        _check_day(self.transfer_date, "transfer_date", order_date, today,
                   QT_TRANSLATE_NOOP("Errors", "轉帳日期不能早於訂單日期。"),
                   QT_TRANSLATE_NOOP("Errors", "轉帳日期不能晚於今天。"))
        check_money(self.amount, "amount", positive=True)
        last5 = (self.account_last5 or "").strip()
        if not (len(last5) == 5 and _DIGITS.match(last5)):
            raise ValidationError(
                "account_last5", QT_TRANSLATE_NOOP("Errors", "帳號末五碼必須是五位數字。")
            )
        return PaymentNotice(self.transfer_date, self.amount, last5,
                             check_text((self.note or "").strip(), "note", MAX_TEXT))

    def as_record(self) -> dict:
        return {"transfer_date": self.transfer_date.isoformat(), "amount": self.amount,
                "account_last5": self.account_last5, "note": self.note}


@dataclass(frozen=True)
class ShipInput:
    ship_date: date
    carrier: str
    tracking_no: str

    def validated(self, *, order_date: date | None = None, today: date | None = None) -> ShipInput:
        _check_day(self.ship_date, "ship_date", order_date, today,
                   QT_TRANSLATE_NOOP("Errors", "出貨日期不能早於訂單日期。"),
                   QT_TRANSLATE_NOOP("Errors", "出貨日期不能晚於今天。"))
        return ShipInput(
            self.ship_date, _required(self.carrier, "carrier"), _required(self.tracking_no, "tracking_no")
        )

    def as_record(self) -> dict:
        return {"ship_date": self.ship_date.isoformat(), "carrier": self.carrier, "tracking_no": self.tracking_no}


@dataclass(frozen=True)
class Remittance:
    """Where a refund is sent: bank code (3 digits), branch, account number, account name."""

    bank_code: str
    branch: str
    account_number: str
    account_name: str

    def validated(self) -> Remittance:
        bank = _required(self.bank_code, "bank_code")
        if not re.fullmatch(r"[0-9]{3}", bank):
            raise ValidationError("bank_code", QT_TRANSLATE_NOOP("Errors", "銀行代碼必須是三位數字。"))
        branch = _required(self.branch, "branch")
        account = _required(self.account_number, "account_number").replace("-", "").replace(" ", "")
        if not re.fullmatch(r"[0-9]{6,16}", account):
            raise ValidationError(
                "account_number", QT_TRANSLATE_NOOP("Errors", "帳號必須是 6 到 16 位數字。")
            )
        name = _required(self.account_name, "account_name")
        return Remittance(bank, branch, account, name)

    def as_record(self) -> dict:
        return {"bank_code": self.bank_code, "branch": self.branch,
                "account_number": self.account_number, "account_name": self.account_name}


@dataclass(frozen=True)
class CancellationInput:
    reason: str
    remittance: Remittance | None = None

    def validated(self, *, paid: bool) -> CancellationInput:
        reason = _required(self.reason, "reason")
        remittance = self.remittance
        if paid:
            if remittance is None:
                raise ValidationError(
                    "bank_code", QT_TRANSLATE_NOOP("Errors", "已付款的訂單必須填寫退款匯款資料。")
                )
            remittance = remittance.validated()
        elif remittance is not None and any(asdict(remittance).values()):
            remittance = remittance.validated()
        else:
            remittance = None
        return CancellationInput(reason, remittance)

    def as_record(self) -> dict:
        d = {"reason": self.reason}
        if self.remittance:
            d.update(self.remittance.as_record())
        return d


def required_text(value: str | None, field: str) -> str:
    """A required free-text input, stripped; ``ValidationError`` when empty, longer than
    ``MAX_TEXT`` or not storable (``bounds.check_text``)."""
    return _required(value, field)


def required_date(value, field: str) -> date:
    """A required date; ``ValidationError`` on ``field`` when there is none."""
    if not isinstance(value, date):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "此欄位必填。"))
    return value


def yes_no(value, field: str) -> bool:
    """A required yes or no; ``ValidationError`` on ``field`` when neither was chosen."""
    if not isinstance(value, bool):
        raise ValidationError(field, QT_TRANSLATE_NOOP("Errors", "請選擇是或否。"))
    return value


def day_within(value, field: str, *, not_before: date | None = None, not_after: date | None,
               before_text: str = "", after_text: str) -> date:
    """A required day, neither after ``not_after`` nor before ``not_before`` when given, or
    ``ValidationError`` on ``field`` with the bound it crosses."""
    required_date(value, field)
    if not_after and value > not_after:
        raise ValidationError(field, after_text)
    if not_before and value < not_before:
        raise ValidationError(field, before_text)
    return value


def checked_refund_date(refund_date, *, requested_on: date | None = None,
                        today: date | None = None) -> date:
    """A remittance's date (退款成功, 退款失敗), or ``ValidationError``: it is neither after
    ``today`` (the shop's day) nor before ``requested_on`` (the request's day), when given."""
    return day_within(refund_date, "refund_date", not_before=requested_on, not_after=today,
                       before_text=QT_TRANSLATE_NOOP("Errors", "匯款日期不能早於申請日期。"),
                       after_text=QT_TRANSLATE_NOOP("Errors", "匯款日期不能晚於今天。"))


def checked_pickup_date(picked_up, *, shipped_on: date | None = None, today: date | None = None) -> date:
    """The day a cash-on-delivery parcel was picked up (已取貨), or ``ValidationError``: it is
    neither after ``today`` (the shop's day) nor before ``shipped_on`` (the ship date)."""
    return day_within(picked_up, "picked_up_date", not_before=shipped_on, not_after=today,
                       before_text=QT_TRANSLATE_NOOP("Errors", "取貨日期不能早於出貨日期。"),
                       after_text=QT_TRANSLATE_NOOP("Errors", "取貨日期不能晚於今天。"))
