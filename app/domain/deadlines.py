"""The refund deadline (消保法 §19-2): a cancelled distance sale's money goes back within 15
days of the goods coming back (or, when none were shipped, of the approval)."""

from __future__ import annotations

from datetime import date
from enum import Enum

#: Days within which a refund is due.
REFUND_DEADLINE_DAYS = 15
#: From this many days on, a refund is marked as near its deadline.
REFUND_WARN_DAYS = 12


class Deadline(Enum):
    OK = "ok"
    NEAR = "near"
    PAST = "past"


def refund_days(since: date, today: date) -> int:
    """Days since the refund became due (0 on that day)."""
    return (today - since).days


def refund_deadline(days: int) -> Deadline:
    if days > REFUND_DEADLINE_DAYS:
        return Deadline.PAST
    if days >= REFUND_WARN_DAYS:
        return Deadline.NEAR
    return Deadline.OK
