"""Carrier remittances (代收款對帳, issue 12): a carrier pays the cash-on-delivery money it
collected in batches, less its fees.  A remittance names its carrier, the day the money came,
the amount received, the fee, a reference, and the picked-up COD orders it covers.

The short or over amount (短少／溢收) compares what the carrier accounts for — the amount
received plus the fee — with what the orders say was collected: below is short, above is
over.  Recording a remittance does not move an order's status; each order gets a history
record (machine "remittance").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .bounds import check_money
from .i18n import QT_TRANSLATE_NOOP
from .inputs import day_within, required_text
from .statuses import Labelled

#: The history's machine of a remittance record on an order.
REMITTANCE_MACHINE = "remittance"


class RemittanceAction(Labelled):
    """With its untranslated label (context "Action")."""

    REMIT = "REMITTED", QT_TRANSLATE_NOOP("Action", "代收款已撥款")


@dataclass(frozen=True)
class RemittanceInput:
    """What the clerk records of one payment from a carrier (【登錄撥款】)."""

    carrier: str
    remitted_on: date
    amount: int
    fee: int = 0
    reference: str = ""

    def validated(self, *, today: date | None = None) -> RemittanceInput:
        """Trimmed, or ``ValidationError`` naming the field: carrier and date required, the
        date not after ``today`` (the shop's day), amount and fee whole NT$ not below 0."""
        carrier = required_text(self.carrier, "carrier")
        day_within(self.remitted_on, "remitted_on", not_after=today,
                   after_text=QT_TRANSLATE_NOOP("Errors", "撥款日期不能晚於今天。"))
        return RemittanceInput(carrier, self.remitted_on,
                               check_money(self.amount, "amount", positive=False),
                               check_money(self.fee, "fee", positive=False), (self.reference or "").strip())

    def as_record(self) -> dict:
        return {"carrier": self.carrier, "remitted_on": self.remitted_on.isoformat(),
                "amount": self.amount, "fee": self.fee, "reference": self.reference}


def difference(amount: int, fee: int, collected: int) -> int:
    """Short (below 0) or over (above 0): the amount received plus the fee against the sum of
    the orders' collected amounts."""
    return amount + fee - collected
