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
    PostgreSQL the shared side of a transaction's advisory lock whose exclusive side closing
    and reopening take (``lock_for_closing``; no table privilege needed, so a clerk's login
    may); on MariaDB / MySQL a locking read of the months' index range, whose gap the close's
    INSERT waits for; SQLite's write transaction already keeps every other writer out."""
    months = list(set(months))
    if not months:
        return set()
    query = ClosedMonth.select(ClosedMonth.month).where(ClosedMonth.month.in_(months))
    db = database.obj
    locking = locking and db.in_transaction()  # a check outside any (a file's check) reads
    if locking and isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql("SELECT pg_advisory_xact_lock_shared(%s)", (CLOSE_LOCK,))
    elif locking and isinstance(db, pw.MySQLDatabase):
        query = query.for_update("LOCK IN SHARE MODE")
    return {m for (m,) in query.tuples()}


#: PostgreSQL's advisory lock key for closing months (beside the migrations' 0x4F44_0007).
CLOSE_LOCK = 0x4F44_000F


def lock_for_closing() -> None:
    """Inside the close's or the reopening's write transaction: wait for the actions checking
    a day now, and make those that come wait for this one (PostgreSQL; see
    ``closed_months``)."""
    db = database.obj
    if isinstance(db, pw.PostgresqlDatabase):
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (CLOSE_LOCK,))


def refuse_closed(days, field: str) -> None:
    """``ValidationError`` on ``field`` when any of ``days`` (a date or several) falls in a
    closed month.  Call it inside the action's write transaction, before writing."""
    closed_check()(days, field)


def closed_check():
    """A ``refuse_closed`` that asks the database about each month once: a bulk action's
    transaction checks hundreds of orders' days (call it inside that transaction)."""
    known: dict[str, bool] = {}

    def refuse(days, field: str) -> None:
        if isinstance(days, date):
            days = [days]
        months = [(d, month_of(d)) for d in sorted(d for d in days if d is not None)]
        new = {m for _d, m in months if m not in known}
        if new:
            shut = closed_months(new, locking=True)
            known.update((m, m in shut) for m in new)
        for d, m in months:
            if known[m]:
                raise ValidationError(field, CLOSED_MESSAGE, day=d.isoformat(), month=m)

    return refuse


def all_closed() -> set[str]:
    """Every closed month ("YYYY-MM")."""
    return {m for (m,) in ClosedMonth.select(ClosedMonth.month).tuples()}
