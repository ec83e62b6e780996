"""The accountant's ledger (issue 14): every money event of a period, dated when it happened.

The events come from what the actions recorded — nothing is stored twice:

=============  =========================================  ===================================
kind           from                                        day
=============  =========================================  ===================================
NOTICE         ``payment_notice`` (what the customer       the transfer date
               says: the amount is noted, not counted)
CONFIRM        history ``CONFIRM_PAYMENT``: the confirmed  the shop's day of the confirmation
               amount, counted as received (+)
SHIP           history ``SHIP`` (carrier, tracking no.)     the ship date
COD            history ``PICKED_UP``: a cash-on-delivery     the pickup date
               parcel's total, collected by the carrier
               for the shop, counted as received (+)
REMITTED       ``remittance_line``: what a carrier paid     the remittance date
               over for the order (noted: counted at
               pickup), with the remittance's reference
REFUND         history ``REFUND_DONE`` / ``REFUND_PARTIAL``  the refund date
               (−, with reference and payee account)
REFUND_FAILED  history ``REFUND_FAILED`` (noted, not        the date of the attempt
               counted: no money left the shop)
WRITE_OFF      history ``WRITE_OFF`` (what was not          the shop's day it was written off
               refunded, noted)
INVOICE        ``invoice`` (its total, noted)              the invoice date
VOID           ``invoice_void`` (−the invoice's total)      the void date
ALLOWANCE      ``invoice_allowance`` (−its total)           the allowance date
=============  =========================================  ===================================

``amount`` is the money that moved (received +, refunded −); ``noted`` the amount an event
names without moving money (a notice, a failed attempt, a write-off, an invoice).  The rows
and every sum are one SQL query (a ``UNION ALL`` of the sources, filtered and grouped in the
database, on SQLite, PostgreSQL and MariaDB alike).  A closed month is read from the rows
its close kept (``ledger_snapshot``), so it reads the same whatever happens later.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import peewee as pw

from app.domain.errors import ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.db import database, survives_server, write_transaction
from app.models.tables import ClosedMonth, LedgerSnapshot, PaymentMethod, ShopHistory, Store

from . import shop_clock
from .closing import lock_for_closing, month_of
from .common import check_operator, history_key, idempotent, now_or
from .writes import history_input

#: The kinds of event, in the order the filter lists them, with their zh-TW names.
KINDS = {
    "NOTICE": QT_TRANSLATE_NOOP("Ledger", "付款通知"),
    "CONFIRM": QT_TRANSLATE_NOOP("Ledger", "確認收款"),
    "SHIP": QT_TRANSLATE_NOOP("Ledger", "出貨"),
    "COD": QT_TRANSLATE_NOOP("Ledger", "貨到付款代收"),
    "REMITTED": QT_TRANSLATE_NOOP("Ledger", "物流撥款"),
    "REFUND": QT_TRANSLATE_NOOP("Ledger", "退款"),
    "REFUND_FAILED": QT_TRANSLATE_NOOP("Ledger", "退款失敗"),
    "WRITE_OFF": QT_TRANSLATE_NOOP("Ledger", "註銷未退餘額"),
    "INVOICE": QT_TRANSLATE_NOOP("Ledger", "開立發票"),
    "VOID": QT_TRANSLATE_NOOP("Ledger", "發票作廢"),
    "ALLOWANCE": QT_TRANSLATE_NOOP("Ledger", "折讓"),
}

#: Closing and reopening as ``shop_history`` records them.
CLOSE_MONTH = "CLOSE_MONTH"
REOPEN_MONTH = "REOPEN_MONTH"


@dataclass(frozen=True)
class LedgerFilter:
    """A period of the shop's calendar (both days included), and optionally one store, one
    payment method and some kinds of event (empty: all)."""

    date_from: date
    date_to: date
    store_id: int | None = None
    payment_method_id: int | None = None
    kinds: tuple[str, ...] = ()

    def checked(self) -> LedgerFilter:
        if self.date_from is None or self.date_to is None:
            raise ValidationError("date_from", QT_TRANSLATE_NOOP("Errors", "請選擇期間的起訖日期。"))
        if self.date_to < self.date_from:
            raise ValidationError("date_to", QT_TRANSLATE_NOOP("Errors", "結束日期不能早於開始日期。"))
        unknown = [k for k in self.kinds if k not in KINDS]
        if unknown:
            raise ValueError(f"unknown ledger kinds: {unknown}")
        return self


def month_period(month: str) -> tuple[date, date]:
    """The first and last day of "YYYY-MM"; ``ValidationError`` on ``month`` otherwise."""
    try:
        year, mon = (int(part) for part in month.split("-"))
        first = date(year, mon, 1)
    except (ValueError, AttributeError):
        raise ValidationError("month", QT_TRANSLATE_NOOP(
            "Errors", "月份請寫成 YYYY-MM，例如 2026-10。")) from None
    if len(month) != 7:
        raise ValidationError("month", QT_TRANSLATE_NOOP("Errors", "月份請寫成 YYYY-MM，例如 2026-10。"))
    return first, date(year, mon, calendar.monthrange(year, mon)[1])


def months_between(date_from: date, date_to: date) -> list[str]:
    months, d = [], date(date_from.year, date_from.month, 1)
    while d <= date_to:
        months.append(month_of(d))
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return months


@dataclass(frozen=True)
class Event:
    day: date
    kind: str
    order_no: str
    store: str
    payment_method: str
    amount: int
    noted: int | None
    reference: str | None
    account: str | None
    operator: str
    details: str | None
    order_id: int


@dataclass(frozen=True)
class Totals:
    """Sums of one group (a payment method, a store, a day; ``key`` None for the whole
    period): money received and refunded, their net, the events, and the invoices' sums."""

    key: object
    received: int = 0
    refunded: int = 0
    net: int = 0
    events: int = 0
    invoiced: int = 0
    voided: int = 0
    allowances: int = 0


# ---------------------------------------------------------------- the SQL, per backend


class _Sql:
    """The few expressions that differ between SQLite, PostgreSQL and MariaDB / MySQL."""

    def __init__(self, db: pw.Database):
        self.mysql = isinstance(db, pw.MySQLDatabase)
        self.pg = isinstance(db, pw.PostgresqlDatabase)
        self.p = db.param
        self.order = "`order`" if self.mysql else '"order"'

    def json_text(self, key: str) -> str:
        if self.pg:
            return f"(CAST(h.input AS json) ->> '{key}')"
        if self.mysql:
            return f"JSON_UNQUOTE(JSON_EXTRACT(h.input, '$.{key}'))"
        return f"json_extract(h.input, '$.{key}')"

    def json_int(self, key: str) -> str:
        kind = "SIGNED" if self.mysql else ("BIGINT" if self.pg else "INTEGER")  # 64-bit money
        return f"CAST({self.json_text(key)} AS {kind})"

    def text(self, expr: str) -> str:
        """A text column every branch of the union agrees on (MariaDB compares collations)."""
        return f"CONVERT({expr} USING utf8mb4) COLLATE utf8mb4_unicode_ci" if self.mysql else expr

    def day(self, column: str) -> str:
        """A DATE column as 'YYYY-MM-DD' text."""
        if self.pg:
            return f"to_char({column}, 'YYYY-MM-DD')"
        if self.mysql:
            return self.text(f"CAST({column} AS CHAR(10))")
        return f"substr({column}, 1, 10)"

    def shifted_day(self, column: str, seconds: int) -> str:
        if self.pg:
            return f"to_char({column} + interval '{seconds} seconds', 'YYYY-MM-DD')"
        if self.mysql:
            return self.text(f"CAST(DATE(DATE_ADD({column}, INTERVAL {seconds} SECOND)) AS CHAR(10))")
        return f"date({column}, '{seconds:+d} seconds')"

    def local_day(self, column: str, segments: list[tuple[datetime, int]], params: list) -> str:
        """The shop's day of a UTC ``column``, given the zone's offsets over the period
        (``_segments``): one offset, or a CASE over the changes (daylight saving)."""
        if len(segments) == 1:
            return self.shifted_day(column, segments[0][1])
        parts = ["CASE"]
        for (_start, off), (nxt, _o) in zip(segments, segments[1:], strict=False):
            parts.append(f"WHEN {column} < {self.p} THEN {self.shifted_day(column, off)}")
            params.append(nxt)
        parts.append(f"ELSE {self.shifted_day(column, segments[-1][1])} END")
        return " ".join(parts)


def _segments(date_from: date, date_to: date) -> list[tuple[datetime, int]]:
    """The shop zone's UTC offsets (seconds) over the period: (from when, offset), first
    from the period's start."""
    start = shop_clock.day_start_utc(date_from)
    end = shop_clock.day_start_utc(date_to + timedelta(days=1))
    out: list[tuple[datetime, int]] = []
    t = start
    while t <= end:
        off = int((shop_clock.to_local(t) - t).total_seconds())
        if not out or out[-1][1] != off:
            out.append((t, off))
        t += timedelta(minutes=30)
    return out


#: The columns of every branch, in order.
COLUMNS = ("day", "kind", "at", "src", "order_id", "order_no", "store_id", "store",
           "payment_method_id", "payment_method", "amount", "noted", "reference",
           "account_1", "account_2", "account_3", "account_4", "operator", "details")


#: How long before an event's day its history record may have been written: a clerk dates an
#: event at most today, so the record is never earlier than its day; a caller replaying the
#: past with ``now`` may write one earlier, and a quarter's margin keeps those in.
HISTORY_MARGIN = timedelta(days=92)


def _branches(sql: _Sql, segments, params: list, since: datetime, until: datetime) -> list[str]:
    """One SELECT per kind of event, each giving ``COLUMNS`` in order; their parameters
    appended in the text's order (the local-day CASE's, when the offset changes in the
    period, then the history's time bounds: ``since`` ≤ at, and at < ``until`` for the events
    dated by the record's own day — the index ``(action, at)`` of migration 15)."""
    o, t = sql.order, sql.text
    order_cols = ["o.id", t("o.order_no"), "o.store_id", t("s.name"), "o.payment_method_id",
                  t("o.payment_method_name")]
    joins = f"JOIN {o} o ON o.id = {{src}}.order_id JOIN store s ON s.id = o.store_id"
    no_account = ["NULL"] * 4
    account = [t(f"c.{c}") for c in ("bank_code", "branch", "account_number", "account_name")]
    history = (f"FROM status_history h {joins.format(src='h')} "
               "LEFT JOIN cancellation_request c ON c.id = h.cancellation_id WHERE h.action")
    local_params: list = []
    local = sql.local_day("h.at", segments, local_params)
    jt, ji = (lambda k: t(sql.json_text(k))), sql.json_int
    specs = [  # (columns, source, dated by the record's day, from the history)
        ([sql.day("n.transfer_date"), "'NOTICE'", "n.recorded_at", "n.id", *order_cols, "0",
          "n.amount", t("n.account_last5"), *no_account, t("n.recorded_by"), t("n.note")],
         f"FROM payment_notice n {joins.format(src='n')}", False, False),
        ([local, "'CONFIRM'", "h.at", "h.id", *order_cols,
          f"COALESCE({ji('confirmed_amount')}, o.total)", "NULL", "NULL", *no_account,
          t("h.operator"), jt("shortfall_reason")], f"{history} = 'CONFIRM_PAYMENT'", True, True),
        ([jt("ship_date"), "'SHIP'", "h.at", "h.id", *order_cols, "0", "o.total",
          jt("tracking_no"), *no_account, t("h.operator"), jt("carrier")],
         f"{history} = 'SHIP'", False, True),
        ([jt("picked_up_date"), "'COD'", "h.at", "h.id", *order_cols,
          f"COALESCE({ji('amount')}, o.total)", "NULL", t("o.tracking_no"), *no_account,
          t("h.operator"), t("o.carrier")], f"{history} = 'PICKED_UP'", False, True),
        ([sql.day("r.remitted_on"), "'REMITTED'", "r.recorded_at", "l.id", *order_cols, "0",
          "l.collected", t("r.reference"), *no_account, t("r.recorded_by"), t("r.carrier")],
         f"FROM remittance_line l JOIN carrier_remittance r ON r.id = l.remittance_id "
         f"{joins.format(src='l')}", False, False),
        ([jt("refund_date"), "'REFUND'", "h.at", "h.id", *order_cols,
          f"-COALESCE({ji('amount')}, c.refunded_amount, 0)", "NULL", jt("reference"), *account,
          t("h.operator"), jt("reason")],
         f"{history} IN ('REFUND_DONE', 'REFUND_PARTIAL')", False, True),
        ([jt("refund_date"), "'REFUND_FAILED'", "h.at", "h.id", *order_cols, "0", ji("amount"),
          jt("reference"), *account, t("h.operator"), jt("reason")],
         f"{history} = 'REFUND_FAILED'", False, True),
        ([local, "'WRITE_OFF'", "h.at", "h.id", *order_cols, "0", ji("amount"), "NULL",
          *account, t("h.operator"), jt("reason")], f"{history} = 'WRITE_OFF'", True, True),
        ([sql.day("i.invoice_date"), "'INVOICE'", "i.recorded_at", "i.id", *order_cols, "0",
          "i.total", t("i.invoice_no"), *no_account, t("i.recorded_by"), t("i.kind")],
         f"FROM invoice i {joins.format(src='i')}", False, False),
        ([sql.day("v.void_date"), "'VOID'", "v.recorded_at", "v.id", *order_cols, "0",
          "-i.total", t("i.invoice_no"), *no_account, t("v.recorded_by"), t("v.reason")],
         f"FROM invoice_void v JOIN invoice i ON i.id = v.invoice_id {joins.format(src='i')}",
         False, False),
        ([sql.day("a.allowance_date"), "'ALLOWANCE'", "a.recorded_at", "a.id", *order_cols, "0",
          "-a.total", t("a.allowance_no"), *no_account, t("a.recorded_by"), t("i.invoice_no")],
         f"FROM invoice_allowance a JOIN invoice i ON i.id = a.invoice_id "
         f"{joins.format(src='i')}", False, False),
    ]
    branches = []
    p = sql.p
    for exprs, source, uses_local, from_history in specs:
        named = ", ".join(f"{e} AS {c}" for e, c in zip(exprs, COLUMNS, strict=True))
        if uses_local:
            params += local_params
        if from_history:
            source += f" AND h.at >= {p}"
            params.append(since - HISTORY_MARGIN)
        if uses_local:
            source += f" AND h.at < {p}"
            params.append(until)
        branches.append(f"SELECT {named} {source}")
    return branches


def _where(sql: _Sql, flt: LedgerFilter, params: list) -> str:
    """The filter's conditions on a union's row ``x``; their parameters appended."""
    p = sql.p
    where = [f"x.day >= {p}", f"x.day <= {p}"]
    params += [flt.date_from.isoformat(), flt.date_to.isoformat()]
    if flt.store_id is not None:
        where.append(f"x.store_id = {p}")
        params.append(flt.store_id)
    if flt.payment_method_id is not None:
        where.append(f"x.payment_method_id = {p}")
        params.append(flt.payment_method_id)
    if flt.kinds:
        where.append(f"x.kind IN ({', '.join([p] * len(flt.kinds))})")
        params += list(flt.kinds)
    return " AND ".join(where)


def events_sql(flt: LedgerFilter, *, live_only: bool = False) -> tuple[str, list]:
    """The filter's events as one SQL query (columns ``COLUMNS``) and its parameters: the open
    months' from the history, the closed months' from their snapshot."""
    flt = flt.checked()
    db = database.obj
    sql = _Sql(db)
    p = sql.p
    closed = [] if live_only else sorted(
        m for (m,) in ClosedMonth.select(ClosedMonth.month)
        .where(ClosedMonth.month.in_(months_between(flt.date_from, flt.date_to))).tuples())
    params: list = []
    since = shop_clock.day_start_utc(flt.date_from)
    until = shop_clock.day_start_utc(flt.date_to + timedelta(days=1))
    branches = _branches(sql, _segments(flt.date_from, flt.date_to), params, since, until)
    live_cols = ", ".join(f"x.{c}" for c in COLUMNS)
    text = (f"SELECT {live_cols} FROM ({' UNION ALL '.join(branches)}) x "
            f"WHERE {_where(sql, flt, params)}")
    if closed:
        text += f" AND substr(x.day, 1, 7) NOT IN ({', '.join([p] * len(closed))})"
        params += closed
        t = sql.text
        snap = (f"SELECT x.day, x.kind, x.at, x.src, x.order_id, {t('x.order_no')}, x.store_id, "
                f"{t('x.store')}, x.payment_method_id, {t('x.payment_method')}, x.amount, x.noted, "
                f"{t('x.reference')}, {t('x.account')}, NULL, NULL, NULL, {t('x.operator')}, "
                f"{t('x.details')} FROM ledger_snapshot x WHERE x.month IN "
                f"({', '.join([p] * len(closed))}) AND ")
        params += closed
        snap += _where(sql, flt, params)
        text = f"{text} UNION ALL {snap}"
    return text, params


def _day(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _at(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def _rows(flt: LedgerFilter, *, live_only: bool = False) -> list[tuple]:
    text, params = events_sql(flt, live_only=live_only)
    ordered = f"SELECT * FROM ({text}) e ORDER BY e.day, e.at, e.kind, e.src"
    return list(database.execute_sql(ordered, params).fetchall())


def _event(row: tuple) -> Event:
    (day, kind, _at, _src, order_id, order_no, _sid, store, _pid, method, amount, noted,
     reference, *account, operator, details) = row
    joined = " ".join(str(a) for a in account if a) or None
    return Event(_day(day), kind, order_no, store, method, int(amount or 0),
                 None if noted is None else int(noted), reference or None, joined, operator,
                 details or None, order_id)


def events(flt: LedgerFilter) -> list[Event]:
    """The filter's events, by day, then the time they were recorded."""
    return [_event(r) for r in _rows(flt)]


_GROUPS = {"payment_method": "payment_method", "store": "store", "day": "day", "kind": "kind",
           None: None}


def totals(flt: LedgerFilter, by: str | None = None) -> list[Totals]:
    """The filter's sums, computed by the database: for the whole period (``by`` None: one
    row, zeros when there is nothing), or per ``"payment_method"``, ``"store"``, ``"day"``
    or ``"kind"``, in that key's order."""
    column = _GROUPS[by]
    text, params = events_sql(flt)
    sums = ("SUM(CASE WHEN e.amount > 0 THEN e.amount ELSE 0 END), "
            "SUM(CASE WHEN e.amount < 0 THEN -e.amount ELSE 0 END), SUM(e.amount), COUNT(*), "
            "SUM(CASE WHEN e.kind = 'INVOICE' THEN e.noted ELSE 0 END), "
            "SUM(CASE WHEN e.kind = 'VOID' THEN -e.noted ELSE 0 END), "
            "SUM(CASE WHEN e.kind = 'ALLOWANCE' THEN -e.noted ELSE 0 END)")
    if column is None:
        q = f"SELECT NULL, {sums} FROM ({text}) e"
    else:
        q = f"SELECT e.{column}, {sums} FROM ({text}) e GROUP BY e.{column} ORDER BY e.{column}"
    out = []
    for key, *values in database.execute_sql(q, params).fetchall():
        if by == "day" and key is not None:
            key = _day(key)
        out.append(Totals(key, *(int(v) if isinstance(v, (int, Decimal)) else 0 for v in values)))
    return out


# ---------------------------------------------------------------- closed months


@dataclass(frozen=True)
class MonthState:
    month: str
    closed_at: datetime | None = None  # naive UTC
    closed_by: str | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


def month_states(date_from: date, date_to: date) -> list[MonthState]:
    """Each month the period touches, closed (by whom, when) or open."""
    months = months_between(date_from, date_to)
    rows = {m: (at, by) for m, at, by in ClosedMonth.select(
        ClosedMonth.month, ClosedMonth.closed_at, ClosedMonth.closed_by)
        .where(ClosedMonth.month.in_(months)).tuples()}
    return [MonthState(m, *(( _at(rows[m][0]), rows[m][1]) if m in rows else ())) for m in months]


def period_closed(flt: LedgerFilter) -> bool | None:
    """True when every month of the period is closed, False when none is, None when some."""
    states = month_states(flt.date_from, flt.date_to)
    n = sum(s.closed for s in states)
    return True if n == len(states) else (False if n == 0 else None)


@dataclass(frozen=True)
class Closed:
    month: str
    events: int
    totals: Totals
    history_id: int


def _month_sums(month: str) -> Totals:
    first, last = month_period(month)
    return totals(LedgerFilter(first, last))[0]


@idempotent
@survives_server
def close_month(month: str, *, operator: str, now: datetime | None = None) -> Closed:
    """結帳: freeze the month's ledger.  Its events are kept as they are now
    (``ledger_snapshot``), the close recorded in ``shop_history`` with the sums; from now on
    no money event may be dated in the month (``closing.refuse_closed``).  A month that has
    not ended yet, or is already closed, is refused."""
    operator = check_operator(operator)
    first, last = month_period(month)
    now = now_or(now)
    if last >= shop_clock.today(now):
        raise ValidationError("month", QT_TRANSLATE_NOOP(
            "Errors", "{month} 還沒有結束，月底過後才能結帳。"), month=month)
    with write_transaction():
        lock_for_closing()
        if ClosedMonth.select().where(ClosedMonth.month == month).exists():
            raise ValidationError("month", QT_TRANSLATE_NOOP("Errors", "{month} 已經結帳了。"),
                                  month=month)
        flt = LedgerFilter(first, last)
        rows = _rows(flt, live_only=True)
        sums = totals(flt)[0]
        ClosedMonth.insert(month=month, closed_at=now, closed_by=operator).execute()
        batch = []
        for seq, row in enumerate(rows, 1):
            (day, kind, at, src, order_id, order_no, sid, store, pid, method, amount, noted,
             reference, *account, who, details) = row
            batch.append({
                "month": month, "seq": seq, "day": _day(day).isoformat(), "kind": kind,
                "at": _at(at), "src": src, "order_id": order_id, "order_no": order_no,
                "store_id": sid, "store": store, "payment_method_id": pid,
                "payment_method": method, "amount": int(amount or 0),
                "noted": None if noted is None else int(noted), "reference": reference,
                "account": " ".join(str(a) for a in account if a) or None, "operator": who,
                "details": details})
        for i in range(0, len(batch), 200):
            LedgerSnapshot.insert_many(batch[i:i + 200]).execute()
        hid = ShopHistory.insert(action=CLOSE_MONTH, subject=month, operator=operator, at=now,
                                 input=history_input(_sums_record(sums)),
                                 op_key=history_key()).execute()
    return Closed(month, len(rows), sums, hid)


def _sums_record(sums: Totals) -> dict:
    return {"events": sums.events, "received": sums.received, "refunded": sums.refunded,
            "net": sums.net}


@idempotent
@survives_server
def reopen_month(month: str, reason: str, *, operator: str, now: datetime | None = None) -> int:
    """重新開啟: the month takes events again and its ledger is read from the history again;
    the snapshot it had is dropped, and the reopening (with the reason and the sums the
    snapshot held) recorded in ``shop_history``.  Returns the record's id."""
    operator = check_operator(operator)
    month_period(month)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("reason", QT_TRANSLATE_NOOP("Errors", "請填寫重新開啟的原因。"))
    now = now_or(now)
    with write_transaction():
        lock_for_closing()
        if not ClosedMonth.select().where(ClosedMonth.month == month).exists():
            raise ValidationError("month", QT_TRANSLATE_NOOP("Errors", "{month} 沒有結帳。"),
                                  month=month)
        sums = _month_sums(month)
        LedgerSnapshot.delete().where(LedgerSnapshot.month == month).execute()
        ClosedMonth.delete().where(ClosedMonth.month == month).execute()
        return ShopHistory.insert(action=REOPEN_MONTH, subject=month, operator=operator, at=now,
                                  input=history_input({**_sums_record(sums), "reason": reason}),
                                  op_key=history_key()).execute()


def closed_list() -> list[MonthState]:
    """Every closed month, latest first."""
    return [MonthState(m, _at(at), by) for m, at, by in ClosedMonth.select(
        ClosedMonth.month, ClosedMonth.closed_at, ClosedMonth.closed_by)
        .order_by(ClosedMonth.month.desc()).tuples()]


def books_history(subject: str | None = None) -> list[ShopHistory]:
    """The record of closing and reopening (of one month when ``subject`` is given)."""
    q = ShopHistory.select().order_by(ShopHistory.id)
    if subject:
        q = q.where(ShopHistory.subject == subject)
    return list(q)


def choices() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """The stores and payment methods (archived ones too: old events name them) to filter by."""
    stores = [(s.id, s.name) for s in Store.select().order_by(Store.name)]
    methods = [(m.id, m.title) for m in PaymentMethod.select().order_by(
        PaymentMethod.archived, PaymentMethod.position, PaymentMethod.id)]
    return stores, methods


__all__ = ["KINDS", "Closed", "Event", "LedgerFilter", "MonthState", "Totals", "close_month",
           "events", "events_sql", "month_period", "month_states", "reopen_month", "totals"]
