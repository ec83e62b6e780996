"""Carriers' remittances of cash-on-delivery money (代收款對帳, issue 12; the domain's
``remittance``).

* ``record_remittance``: 【登錄撥款】 — a carrier's payment (carrier, date, amount, fee,
  reference) and the picked-up COD orders it covers, in one transaction, through the one
  builder ``writes.remittance_recorded``.  An order that is not a picked-up COD order, or
  that a remittance already covers, is refused by its number: nothing is matched twice (the
  ``remittance_line.order`` column is unique, so two desks racing cannot both record it).
* ``read_statement``: a carrier's statement file (CSV / xlsx, read by the import's readers)
  matched line by line to orders by order number or tracking number: matched lines with their
  short or over amounts, unknown lines, and lines of orders already remitted (refused).
  ``record_statement`` records the matched lines as one remittance (all or nothing).
* Queries: ``unremitted`` (collected, not yet remitted, with the days since pickup) and
  ``remittances`` (each with its short or over amount).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import peewee as pw

from app.domain.errors import DomainError, NotFoundError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.money import parse_amount
from app.domain.remittance import RemittanceInput
from app.domain.statuses import OrderAction
from app.models.db import survives_server, write_transaction
from app.models.tables import CarrierRemittance, Order, RemittanceLine, StatusHistory

from . import importer, writes
from .closing import refuse_closed
from .common import check_columns, check_operator, idempotent, insert_history, now_or, order_state
from .shop_clock import local_date

SOURCES = ("clerk", "statement")


@dataclass(frozen=True)
class Recorded:
    """A recorded remittance: its id, what its orders collected, short (< 0) or over (> 0),
    and the orders' history records."""

    remittance_id: int
    collected: int
    difference: int
    history_ids: tuple[int, ...]


def _refuse(order_no: str, template: str, **params) -> ValidationError:
    return ValidationError("orders", template, order_no=order_no, **params)


def _covered(order_ids) -> dict[int, CarrierRemittance]:
    """The remittance already covering each of ``order_ids`` that one covers."""
    rows = (RemittanceLine.select(RemittanceLine.order, CarrierRemittance)
            .join(CarrierRemittance).where(RemittanceLine.order.in_(list(order_ids))))
    return {line.order_id: line.remittance for line in rows}


def _check_remittable(order: Order, covered: dict[int, CarrierRemittance]) -> None:
    if not order.collect_on_delivery or order.confirmed_amount is None:
        raise _refuse(order.order_no, QT_TRANSLATE_NOOP(
            "Errors", "訂單 {order_no} 不是已取貨的貨到付款訂單，不能對帳。"))
    if order.id in covered:
        r = covered[order.id]
        raise _refuse(order.order_no, QT_TRANSLATE_NOOP(
            "Errors", "訂單 {order_no} 已對帳（{day} {carrier} 的撥款），不能重複對帳。"),
            day=str(r.remitted_on)[:10], carrier=r.carrier)


@idempotent
@survives_server
def record_remittance(value: RemittanceInput, order_ids: list[int], *, operator: str,
                      fee_shares: dict[int, int] | None = None, source: str = "clerk",
                      now: datetime | None = None, today: date | None = None) -> Recorded:
    """【登錄撥款】: record ``value`` covering the orders ``order_ids`` (each a picked-up COD
    order no remittance covers yet), in one transaction.  ``fee_shares``: order id → the
    fee a statement line names.  The orders' statuses and versions do not move."""
    operator = check_operator(operator)
    at = now_or(now)
    value = value.validated(today=today or local_date(at))
    check_columns(CarrierRemittance, {"carrier": value.carrier, "reference": value.reference})
    ids = list(dict.fromkeys(order_ids))
    if not ids:
        raise ValidationError("orders", QT_TRANSLATE_NOOP("Errors", "請選擇這筆撥款包含的訂單。"))
    shares = fee_shares or {}
    try:
        with write_transaction():
            refuse_closed(value.remitted_on, "remitted_on")  # the ledger books it on this day
            orders = {o.id: o for o in Order.select().where(Order.id.in_(ids))}
            covered = _covered(ids)
            for oid in ids:
                if oid not in orders:
                    raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到訂單 {id}。"), id=oid)
                _check_remittable(orders[oid], covered)
            rows = writes.remittance_recorded(
                [(order_state(orders[i]), orders[i].confirmed_amount, shares.get(i)) for i in ids],
                value, source=source, operator=operator, at=at)
            rid = CarrierRemittance.insert(**rows.row).execute()
            RemittanceLine.insert_many([{**line, "remittance": rid} for line in rows.lines]).execute()
            hids = insert_history(rows.history_rows(rid))
    except pw.IntegrityError:  # another desk recorded one of these orders first
        covered = _covered(ids)
        first = next((orders[i] for i in ids if i in covered), None)
        if first is None:
            raise
        _check_remittable(first, covered)
        raise
    return Recorded(rid, rows.row["collected"], rows.row["difference"], hids)


# ---------------------------------------------------------------- queries


@dataclass(frozen=True)
class Unremitted:
    """A picked-up COD order no remittance covers yet."""

    order_id: int
    order_no: str
    buyer_name: str
    carrier: str
    tracking_no: str
    picked_up_on: date | None
    collected: int
    days: int | None


def pickup_day(history_input: str | None) -> date | None:
    """The day an 已取貨 history record's input names (None when it names none)."""
    day = json.loads(history_input or "{}").get("picked_up_date")
    return date.fromisoformat(day[:10]) if day else None


def _pickup_days(order_ids: list[int]) -> dict[int, date]:
    rows = (StatusHistory.select(StatusHistory.order, StatusHistory.input)
            .where(StatusHistory.order.in_(order_ids)
                   & (StatusHistory.action == OrderAction.PICKED_UP.value)))
    return {h.order_id: day for h in rows if (day := pickup_day(h.input)) is not None}


def unremitted(*, today: date | None = None) -> list[Unremitted]:
    """Orders the carrier collected and has not remitted, the longest waiting first, each
    with its days since pickup (the shop's today)."""
    today = today or local_date(now_or(None))
    orders = list(Order.select(Order.id, Order.order_no, Order.buyer_name, Order.carrier,
                               Order.tracking_no, Order.confirmed_amount)
                  .where((Order.collect_on_delivery == True) & Order.confirmed_amount.is_null(False)  # noqa: E712
                         & ~pw.fn.EXISTS(RemittanceLine.select(RemittanceLine.id)
                                         .where(RemittanceLine.order == Order.id)))
                  .order_by(Order.id))
    days = _pickup_days([o.id for o in orders]) if orders else {}
    out = [Unremitted(o.id, o.order_no, o.buyer_name, o.carrier or "", o.tracking_no or "",
                      days.get(o.id), o.confirmed_amount,
                      (today - days[o.id]).days if o.id in days else None) for o in orders]
    out.sort(key=lambda u: (u.picked_up_on or date.max, u.order_id))
    return out


@dataclass(frozen=True)
class RemittanceSummary:
    id: int
    carrier: str
    remitted_on: date
    amount: int
    fee: int
    collected: int
    difference: int
    reference: str
    orders: int
    source: str
    recorded_by: str
    recorded_at: datetime


def remittances() -> list[RemittanceSummary]:
    """Every remittance, newest first, with its short (< 0) or over (> 0) amount."""
    count = (RemittanceLine.select(pw.fn.COUNT(RemittanceLine.id))
             .where(RemittanceLine.remittance == CarrierRemittance.id))
    rows = (CarrierRemittance.select(CarrierRemittance, count.alias("n"))
            .order_by(CarrierRemittance.remitted_on.desc(), CarrierRemittance.id.desc()))
    return [RemittanceSummary(r.id, r.carrier, _day(r.remitted_on), r.amount, r.fee, r.collected,
                              r.difference, r.reference, r.n or 0, r.source, r.recorded_by,
                              r.recorded_at) for r in rows]


def remitted_orders(remittance_id: int) -> list[tuple[str, int, int | None]]:
    """(order number, collected, fee share) of each order the remittance covers."""
    rows = (RemittanceLine.select(RemittanceLine, Order.order_no).join(Order)
            .where(RemittanceLine.remittance == remittance_id).order_by(RemittanceLine.id))
    return [(r.order.order_no, r.collected, r.fee_share) for r in rows]


def _day(value) -> date:
    return date.fromisoformat(value[:10]) if isinstance(value, str) else value


# ---------------------------------------------------------------- a carrier's statement file

#: A statement's columns: key → the headers that name it (compared without case or spaces).
STATEMENT_COLUMNS = {
    "order_no": ("訂單編號", "訂單號碼", "order no", "order number", "order_no"),
    "tracking_no": ("託運單號", "物流單號", "配送單號", "貨運單號", "tracking no", "tracking number",
                    "tracking_no"),
    "amount": ("代收金額", "金額", "amount", "collected"),
    "fee": ("手續費", "fee"),
}


def _norm(header) -> str:
    return "".join(str(header or "").split()).lower().replace("_", "")


_HEADERS = {_norm(a): key for key, names in STATEMENT_COLUMNS.items() for a in names}


@dataclass(frozen=True)
class StatementLine:
    """A line of the statement: its row in the file, the number it names (order or
    tracking), and its amount and fee."""

    row: int
    key: str
    amount: int
    fee: int | None
    order_id: int | None = None
    order_no: str = ""
    collected: int = 0

    @property
    def difference(self) -> int:
        """The line's amount against what the order collected: short (< 0) or over (> 0)."""
        return self.amount - self.collected


@dataclass
class StatementMatch:
    """A statement matched to orders: ``matched`` (picked-up COD orders not remitted yet),
    ``unknown`` (no such order, or not a picked-up COD order), ``already`` (orders a remittance
    covers: refused, not matched twice), and ``problems`` (row, column, message) of lines
    that could not be read."""

    file: str
    matched: list[StatementLine] = field(default_factory=list)
    unknown: list[StatementLine] = field(default_factory=list)
    already: list[StatementLine] = field(default_factory=list)
    problems: list[tuple[int, str, DomainError]] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return sum(m.amount for m in self.matched)

    @property
    def fee(self) -> int:
        return sum(m.fee or 0 for m in self.matched)

    @property
    def collected(self) -> int:
        return sum(m.collected for m in self.matched)

    @property
    def short_over(self) -> list[StatementLine]:
        return [m for m in self.matched if m.difference]


def _cell(values: list, index: int | None):
    if index is None or index >= len(values):
        return None
    value = values[index]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return value


def _key_text(value) -> str:
    return "" if value is None else str(value).strip()


def read_statement(path: str | Path) -> StatementMatch:
    """Read a carrier's statement and match its lines to orders (nothing is written).  The
    file needs an order number or tracking number column and an amount column (代收金額);
    a fee column (手續費) is optional.  ``importer.UnreadableFile`` when it cannot be read."""
    sheets = importer.read_sheets(path)
    sheet = sheets[0] if sheets else None
    index = {}
    for i, header in enumerate(sheet.header if sheet else []):
        key = _HEADERS.get(_norm(header))
        if key and key not in index:
            index[key] = i
    if "amount" not in index or not ({"order_no", "tracking_no"} & index.keys()):
        raise importer.UnreadableFile(QT_TRANSLATE_NOOP(
            "Importer", "對帳單需要「訂單編號」或「託運單號」欄，以及「代收金額」欄。"))
    match = StatementMatch(Path(path).name)
    lines = []
    for row, values in sheet.rows:
        key = _key_text(_cell(values, index.get("order_no"))) or _key_text(
            _cell(values, index.get("tracking_no")))
        amount_cell, fee_cell = _cell(values, index["amount"]), _cell(values, index.get("fee"))
        if not key and amount_cell in (None, ""):
            continue  # an empty line
        try:
            if not key:
                raise ValidationError("order_no", QT_TRANSLATE_NOOP(
                    "Errors", "請填寫訂單編號或託運單號。"))
            amount = parse_amount(amount_cell, "amount")
            fee = parse_amount(fee_cell, "fee", allow_empty=True)
        except ValidationError as err:
            match.problems.append((row, err.field, err))
            continue
        lines.append(StatementLine(row, key, amount, fee))
    _match(match, lines)
    return match


def _match(match: StatementMatch, lines: list[StatementLine]) -> None:
    keys = list({line.key for line in lines})
    found: dict[str, Order] = {}
    for start in range(0, len(keys), 500):
        part = keys[start:start + 500]
        for o in Order.select().where(Order.order_no.in_(part) | Order.tracking_no.in_(part)):
            found.setdefault(o.order_no, o)
            if o.tracking_no:
                found.setdefault(o.tracking_no, o)
    orders = {o.id: o for o in found.values()}
    covered = _covered(orders) if orders else {}
    seen: set[int] = set()
    for line in lines:
        o = found.get(line.key)
        if o is None or not o.collect_on_delivery or o.confirmed_amount is None:
            match.unknown.append(line)
            continue
        line = StatementLine(line.row, line.key, line.amount, line.fee, o.id, o.order_no,
                             o.confirmed_amount)
        if o.id in covered or o.id in seen:  # remitted before, or twice in this file
            match.already.append(line)
        else:
            seen.add(o.id)
            match.matched.append(line)


@idempotent
def record_statement(match: StatementMatch, value: RemittanceInput, *, operator: str,
                     now: datetime | None = None, today: date | None = None) -> Recorded:
    """Record the statement's matched lines as one remittance (all or nothing: an order
    another desk remitted meanwhile refuses the whole, naming it)."""
    if not match.matched:
        raise ValidationError("orders", QT_TRANSLATE_NOOP("Errors", "對帳單沒有可對帳的訂單。"))
    shares = {m.order_id: m.fee for m in match.matched if m.fee is not None}
    return record_remittance(value, [m.order_id for m in match.matched], operator=operator,
                             fee_shares=shares, source="statement", now=now, today=today)
