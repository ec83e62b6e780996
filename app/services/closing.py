"""Closed months: the one check every action that writes a dated money event makes.

A month the accountant closed (``app.services.ledger.close_month``) is frozen: its ledger is
read from the snapshot taken at the close, and no payment notice, confirmation, shipment,
refund (done or failed), write-off, invoice, void or allowance may be dated in it.  Such an
event is refused with a message naming the month (docs/PRODUCT.md, month close: the shop
chose "refuse" over booking an adjustment in the open month).  The check runs inside the
action's own write transaction, so it sees a close that committed before it.
"""

from __future__ import annotations

from datetime import date

import peewee as pw

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.db import database
from app.models.tables import ClosedMonth

CLOSED_MESSAGE = QT_TRANSLATE_NOOP(
    "Errors", "{day} 所屬的 {month} 月份已結帳，不能再記入這個月份的收付款、出貨、退款或發票；"
              "請改用未結帳月份的日期，或請會計先重新開啟 {month}。")


def month_of(day: date) -> str:
    """The "YYYY-MM" a day of the shop's calendar belongs to."""
    return f"{day.year:04d}-{day.month:02d}"


def closed_months(months, *, locking: bool = False) -> set[str]:
    """Which of ``months`` ("YYYY-MM") are closed.  ``locking`` (inside a write transaction):
    a month closed by another desk at the same moment is seen, or waits for this one — on
    PostgreSQL a SHARE lock on ``closed_month`` (closing inserts, which waits for it); on
    MariaDB / MySQL a locking read of the months' index range; SQLite's write transaction
    already keeps every other writer out."""
    months = list(set(months))
    if not months:
        return set()
    query = ClosedMonth.select(ClosedMonth.month).where(ClosedMonth.month.in_(months))
    db = database.obj
    locking = locking and db.in_transaction()  # a check outside any (a file's check) reads
    if locking and isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql("LOCK TABLE closed_month IN SHARE MODE")
    elif locking and isinstance(db, pw.MySQLDatabase):
        query = query.for_update("LOCK IN SHARE MODE")
    return {m for (m,) in query.tuples()}


def refuse_closed(days, field: str) -> None:
    """``ValidationError`` on ``field`` when any of ``days`` (a date or several) falls in a
    closed month.  Call it inside the action's write transaction, before writing."""
    if isinstance(days, date):
        days = [days]
    days = sorted(d for d in days if d is not None)
    shut = closed_months((month_of(d) for d in days), locking=True)
    for d in days:
        if month_of(d) in shut:
            raise ValidationError(field, CLOSED_MESSAGE, day=d.isoformat(), month=month_of(d))


def all_closed() -> set[str]:
    """Every closed month ("YYYY-MM")."""
    return {m for (m,) in ClosedMonth.select(ClosedMonth.month).tuples()}
