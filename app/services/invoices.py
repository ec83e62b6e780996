"""Invoices (統一發票): recording those the shop issued through its provider, voids (作廢) and
allowances (折讓單), the shop's setting of when invoices are issued, the queues of what is
missing, and importing the provider's issued-invoice file (docs/PRODUCT.md §8, E-invoices).

OrderDesk does not talk to the tax platform: it records what the provider issued.  Every
action is one write transaction that checks its input, writes its row as the builder of
``writes`` makes it and a history record on the order (machine "invoice"), and returns a
``Change`` (the order's status does not move).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from app.domain import invoice as inv
from app.domain.errors import NotFoundError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.inputs import required_date
from app.domain.invoice import AllowanceInput, InvoiceInput, VoidInput
from app.domain.statuses import OrderStatus
from app.models.db import survives_server, write_transaction
from app.models.tables import (
    CancellationRequest,
    Invoice,
    InvoiceAllowance,
    InvoiceVoid,
    Order,
    ShopSetting,
    VatFiling,
)

from . import shop_clock, writes
from .closing import refuse_closed
from .common import (
    Change,
    check_columns,
    check_operator,
    idempotent,
    insert_history,
    load_order,
    now_or,
    order_state,
)

#: The shop_setting row saying when invoices are issued, and its two values.
ISSUE_AT = "invoice_issue_at"
AT_PAYMENT = "payment"
AT_SHIPMENT = "shipment"
ISSUE_AT_LABELS = {AT_PAYMENT: QT_TRANSLATE_NOOP("Invoice", "確認付款時"),
                   AT_SHIPMENT: QT_TRANSLATE_NOOP("Invoice", "出貨時")}

#: Orders that are a sale: an invoice may be recorded for them.
_SOLD = (OrderStatus.PAID, OrderStatus.AWAITING_SHIPMENT, OrderStatus.OUT_OF_STOCK,
         OrderStatus.COMPLETED)
#: Orders past the point where the shop issues its invoice (``issue_at``).
_PAST = {AT_PAYMENT: (OrderStatus.AWAITING_SHIPMENT, OrderStatus.OUT_OF_STOCK, OrderStatus.COMPLETED),
         AT_SHIPMENT: (OrderStatus.COMPLETED,)}
SOURCES = ("clerk", "import", "demo")


# ---------------------------------------------------------------- the shop's setting


def issue_at() -> str:
    """When the shop issues invoices: at payment confirmation (default) or at shipment."""
    value = ShopSetting.select(ShopSetting.value).where(ShopSetting.name == ISSUE_AT).scalar()
    return value if value in ISSUE_AT_LABELS else AT_PAYMENT


@idempotent
@survives_server
def set_issue_at(value: str, *, operator: str, now: datetime | None = None) -> str:
    if value not in ISSUE_AT_LABELS:
        raise ValidationError("issue_at", QT_TRANSLATE_NOOP("Errors", "請選擇開立發票的時機。"))
    operator = check_operator(operator)
    at = now_or(now)
    with write_transaction():
        n = (ShopSetting.update(value=value, updated_at=at, updated_by=operator)
             .where(ShopSetting.name == ISSUE_AT).execute())
        if n == 0:
            ShopSetting.insert(name=ISSUE_AT, value=value, updated_at=at, updated_by=operator).execute()
    return value


# ---------------------------------------------------------------- reading


def active_invoice(order_id: int) -> Invoice | None:
    """The order's invoice that is not voided (at most one), or None."""
    return (Invoice.select().where((Invoice.order == order_id) & ~pw.fn.EXISTS(
        InvoiceVoid.select(InvoiceVoid.id).where(InvoiceVoid.invoice == Invoice.id)))
        .order_by(Invoice.id.desc()).first())


def allowed_total(invoice_id: int) -> int:
    """What the invoice's allowances add up to."""
    return (InvoiceAllowance.select(pw.fn.COALESCE(pw.fn.SUM(InvoiceAllowance.total), 0))
            .where(InvoiceAllowance.invoice == invoice_id).scalar()) or 0


@dataclass(frozen=True)
class InvoiceRecord:
    """An invoice with its void and allowances, as the detail views show it."""

    invoice: Invoice
    void: InvoiceVoid | None
    allowances: tuple[InvoiceAllowance, ...]
    #: The return of the invoice's VAT period was filed: no void any more, only allowances.
    filed: bool = False

    @property
    def remaining(self) -> int:
        return 0 if self.void else self.invoice.total - sum(a.total for a in self.allowances)


def order_invoices(order_id: int) -> list[InvoiceRecord]:
    """Every invoice of the order, oldest first, each with its void and allowances."""
    out = []
    for invoice in Invoice.select().where(Invoice.order == order_id).order_by(Invoice.id):
        void = InvoiceVoid.get_or_none(InvoiceVoid.invoice == invoice.id)
        allowances = tuple(InvoiceAllowance.select().where(InvoiceAllowance.invoice == invoice.id)
                           .order_by(InvoiceAllowance.id))
        out.append(InvoiceRecord(invoice, void, allowances, period_filed(invoice.invoice_date)))
    return out


def request_invoices(request_id: int) -> list[InvoiceRecord]:
    """The invoices of the request's order (what 發票已退回 refers to)."""
    req = CancellationRequest.get_or_none(CancellationRequest.id == request_id)
    return order_invoices(req.order_id) if req else []


def advice_for_request(request_id: int, on: date | None = None) -> tuple[Invoice, str] | None:
    """For an approved (or to be approved) cancellation: the order's open invoice and what it
    needs on the day ``on`` (the shop's today): ``inv.VOID`` within its VAT period while that
    period is not filed, else ``inv.ALLOWANCE``.  None when the order has no open invoice."""
    req = CancellationRequest.get_or_none(CancellationRequest.id == request_id)
    if req is None:
        return None
    invoice = active_invoice(req.order_id)
    if invoice is None or allowed_total(invoice.id) >= invoice.total:
        return None
    return invoice, inv.void_or_allowance(invoice.invoice_date, on or shop_clock.today(),
                                          filed=period_filed(invoice.invoice_date))


def needing_invoice():
    """Orders past the shop's point of issuing (``issue_at``) that have no invoice, or only
    voided ones: a query of ``Order``, oldest first."""
    has = Invoice.select(Invoice.id).where((Invoice.order == Order.id) & ~pw.fn.EXISTS(
        InvoiceVoid.select(InvoiceVoid.id).where(InvoiceVoid.invoice == Invoice.id)))
    return (Order.select().where(Order.status.in_([s.value for s in _PAST[issue_at()]])
                                 & ~pw.fn.EXISTS(has))
            .order_by(Order.order_date, Order.id))


def needing_void_or_allowance():
    """Invoices of cancelled orders (or of orders whose cancellation was approved) that are
    neither voided nor fully allowed: a query of ``Invoice`` joined to its ``Order``."""
    approved = CancellationRequest.select(CancellationRequest.id).where(
        (CancellationRequest.order == Order.id) & (CancellationRequest.decision == "approved"))
    allowed = (InvoiceAllowance.select(pw.fn.COALESCE(pw.fn.SUM(InvoiceAllowance.total), 0))
               .where(InvoiceAllowance.invoice == Invoice.id))
    return (Invoice.select(Invoice, Order).join(Order)
            .where(~pw.fn.EXISTS(InvoiceVoid.select(InvoiceVoid.id)
                                 .where(InvoiceVoid.invoice == Invoice.id))
                   & ((Order.status == OrderStatus.CANCELLED.value) | pw.fn.EXISTS(approved))
                   & (allowed < Invoice.total))
            .order_by(Invoice.invoice_date, Invoice.id))


def approved_request_id(order_id: int) -> int | None:
    """The order's latest approved cancellation request (what a void or an allowance is
    linked to), or None."""
    return (CancellationRequest.select(CancellationRequest.id)
            .where((CancellationRequest.order == order_id) & (CancellationRequest.decision == "approved"))
            .order_by(CancellationRequest.id.desc()).scalar())


def an_allowed_order() -> int | None:
    """The id of the first order with an allowance (the tour shows its detail), or else of the
    first order with an invoice (the demo, built at some minutes, has no allowance), or None."""
    allowed = (InvoiceAllowance.select(Invoice.order).join(Invoice)
               .order_by(InvoiceAllowance.id).scalar())
    return allowed if allowed is not None else Invoice.select(Invoice.order).order_by(Invoice.id).scalar()


def load_invoice(invoice_id: int) -> Invoice:
    invoice = Invoice.get_or_none(Invoice.id == invoice_id)
    if invoice is None:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到發票 {id}。"), id=invoice_id)
    return invoice


# ---------------------------------------------------------------- actions


def _change(order: Order, cancellation_id, hids) -> Change:
    return Change(order.id, order.order_no, None, OrderStatus(order.status), order.version,
                  cancellation_id, None, None, tuple(hids))


def _number_taken(no: str) -> ValidationError:
    other = Invoice.select(Invoice, Order).join(Order).where(Invoice.invoice_no == no).first()
    return ValidationError("invoice_no", QT_TRANSLATE_NOOP(
        "Errors", "發票號碼 {no} 已經用於訂單 {order_no}，同一個號碼不能用兩次。"),
        no=no, order_no=other.order.order_no if other else "?")


def _insert(rows: writes.InvoiceRows, duplicate) -> tuple[int, tuple[int, ...]]:
    """Insert the rows; a unique index refusing the row (another desk was first with the same
    number) becomes the ``duplicate()`` ValidationError, nothing kept."""
    model = {"invoice": Invoice, "invoice_void": InvoiceVoid,
             "invoice_allowance": InvoiceAllowance}[rows.table]
    check_columns(model, rows.row)
    try:
        with model._meta.database.atomic():
            new_id = model.insert(**rows.row).execute()
    except pw.IntegrityError:
        raise duplicate() from None
    return new_id, insert_history(rows.history_rows())


def _check_new_invoice(order: Order, invoice: InvoiceInput, now: datetime | None = None, *,
                       status: str | None = None) -> InvoiceInput:
    """The input checked against the order: a sale (``status``, default the order's), no open
    invoice, the total the order's (None or 0 taken as the order's), the number not used
    before."""
    if OrderStatus(status or order.status) not in _SOLD:
        raise ValidationError("order", QT_TRANSLATE_NOOP(
            "Errors", "訂單 {order_no} 目前狀態不能開立發票（要已付款、尚未取消）。"), order_no=order.order_no)
    if not invoice.total:
        invoice = InvoiceInput(invoice.invoice_no, invoice.invoice_date, invoice.kind, order.total,
                               invoice.carrier_type, invoice.carrier_id, invoice.buyer_ban,
                               invoice.buyer_title)
    checked = invoice.validated(order_date=shop_clock.local_date(order.order_date),
                                today=shop_clock.today(now))
    refuse_closed(checked.invoice_date, "invoice_date")
    if checked.total != order.total:
        raise ValidationError("total", QT_TRANSLATE_NOOP(
            "Errors", "發票金額 NT${amount:,} 與訂單金額 NT${total:,} 不符。"),
            amount=checked.total, total=order.total)
    current = active_invoice(order.id)
    if current is not None:
        raise ValidationError("order", QT_TRANSLATE_NOOP(
            "Errors", "訂單 {order_no} 已有發票 {no}；要重開請先作廢它。"),
            order_no=order.order_no, no=current.invoice_no)
    if Invoice.select().where(Invoice.invoice_no == checked.invoice_no).exists():
        raise _number_taken(checked.invoice_no)
    return checked


@idempotent
@survives_server
def record_invoice(order_id: int, invoice: InvoiceInput, *, operator: str, source: str = "clerk",
                   now: datetime | None = None) -> Change:
    """【開立發票】: record the invoice the provider issued for the order."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}")
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        order = load_order(order_id)
        checked = _check_new_invoice(order, invoice, now)
        rows = writes.invoice_issued(order_state(order), checked, source=source, operator=operator,
                                     at=now)
        _, hids = _insert(rows, lambda: _number_taken(checked.invoice_no))
    return _change(order, None, hids)


def _open_invoice(invoice_id: int) -> tuple[Invoice, Order]:
    invoice = load_invoice(invoice_id)
    if InvoiceVoid.select().where(InvoiceVoid.invoice == invoice.id).exists():
        raise ValidationError("invoice_no", QT_TRANSLATE_NOOP("Errors", "發票 {no} 已經作廢。"),
                              no=invoice.invoice_no)
    return invoice, load_order(invoice.order_id)


def _request_of(order: Order, cancellation_id: int | None) -> int | None:
    if cancellation_id is None:
        return None
    req = CancellationRequest.get_or_none(CancellationRequest.id == cancellation_id)
    if req is None or req.order_id != order.id:
        raise NotFoundError(QT_TRANSLATE_NOOP("Errors", "找不到取消申請 {id}。"), id=cancellation_id)
    return req.id


def _void_check(void: VoidInput) -> Callable:
    """作廢's check: within the invoice's own VAT period, that period not filed, an invoice
    without allowances."""
    def check(invoice: Invoice, today: date):
        if allowed_total(invoice.id):
            raise ValidationError("void_date", QT_TRANSLATE_NOOP(
                "Errors", "發票 {no} 已開過折讓單，不能再作廢。"), no=invoice.invoice_no)
        checked = void.validated(invoice_date=invoice.invoice_date, today=today,
                                 filed=period_filed(invoice.invoice_date))
        refuse_closed(checked.void_date, "void_date")
        return (checked, writes.invoice_voided,
                lambda: ValidationError("invoice_no", QT_TRANSLATE_NOOP(
                    "Errors", "發票 {no} 已經作廢。"), no=invoice.invoice_no))
    return check


def _allowance_taken(no: str) -> ValidationError:
    return ValidationError("allowance_no", QT_TRANSLATE_NOOP(
        "Errors", "折讓單號碼 {no} 已經用過，同一個號碼不能用兩次。"), no=no)


def _allowance_check(allowance: AllowanceInput) -> Callable:
    """折讓's check: at most what the invoice still holds, a number not used before."""
    def check(invoice: Invoice, today: date):
        checked = allowance.validated(invoice_date=invoice.invoice_date,
                                      remaining=invoice.total - allowed_total(invoice.id), today=today)
        refuse_closed(checked.allowance_date, "allowance_date")
        if InvoiceAllowance.select().where(InvoiceAllowance.allowance_no == checked.allowance_no).exists():
            raise _allowance_taken(checked.allowance_no)
        return checked, writes.allowance_issued, lambda: _allowance_taken(checked.allowance_no)
    return check


def _write_settlement(invoice: Invoice, state: writes.OrderState, check: Callable,
                      cancellation_id: int | None, operator: str, now: datetime) -> tuple[int, ...]:
    """What 作廢 and 折讓 share, inside the caller's write transaction: ``check(invoice,
    today)`` checks the input against the invoice and gives the checked input, the builder of
    its rows in ``writes`` and the error for a number already used; the rows are written."""
    checked, build, taken = check(invoice, shop_clock.today(now))
    rows = build(state, invoice.id, invoice.invoice_no, checked, cancellation_id=cancellation_id,
                 operator=operator, at=now)
    return _insert(rows, taken)[1]


@survives_server
def _settle(invoice_id: int, cancellation_id: int | None, operator: str, now: datetime | None,
            check: Callable) -> Change:
    """作廢 or 折讓 by itself: the invoice and its order opened in one write transaction."""
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        invoice, order = _open_invoice(invoice_id)
        rid = _request_of(order, cancellation_id)
        hids = _write_settlement(invoice, order_state(order), check, rid, operator, now)
    return _change(order, rid, hids)


@idempotent
def void_invoice(invoice_id: int, void: VoidInput, *, operator: str,
                 cancellation_id: int | None = None, now: datetime | None = None) -> Change:
    """作廢: within the invoice's own VAT period (not yet filed), an invoice without allowances."""
    return _settle(invoice_id, cancellation_id, operator, now, _void_check(void))


@idempotent
def issue_allowance(invoice_id: int, allowance: AllowanceInput, *, operator: str,
                    cancellation_id: int | None = None, now: datetime | None = None) -> Change:
    """折讓單 against an invoice that is not voided, for at most what it still holds."""
    return _settle(invoice_id, cancellation_id, operator, now, _allowance_check(allowance))


def settle_with_step(order_id: int, state: writes.OrderState, cancellation_id: int,
                     settlement: VoidInput | AllowanceInput, *, operator: str,
                     now: datetime) -> tuple[int, ...]:
    """The void or the allowance a cancellation step (【退貨完成】, 【退款成功】) records with it,
    inside that step's write transaction: the order's open invoice, checked and written as
    ``void_invoice`` / ``issue_allowance`` write it, linked to the request; ``state`` is the
    order as the step left it.  The history records' ids."""
    invoice = active_invoice(order_id)
    if invoice is None:
        raise ValidationError("invoice_no", QT_TRANSLATE_NOOP("Errors", "這筆訂單沒有尚未作廢的發票。"))
    if isinstance(settlement, VoidInput):
        check = _void_check(settlement)
    elif isinstance(settlement, AllowanceInput):
        check = _allowance_check(settlement)
    else:
        raise TypeError(f"a VoidInput or an AllowanceInput, not {settlement!r}")
    return _write_settlement(invoice, state, check, cancellation_id, operator, now)


# ---------------------------------------------------------------- VAT periods filed


@dataclass(frozen=True)
class Filing:
    """A VAT period whose return was filed: its first and last day, the day it was filed, and
    who recorded it when (naive UTC)."""

    period_start: date
    period_end: date
    filed_on: date
    recorded_at: datetime
    recorded_by: str


def filings() -> list[Filing]:
    """Every period recorded as filed, the latest first."""
    return [Filing(f.period_start, f.period_end, f.filed_on, f.recorded_at, f.recorded_by)
            for f in VatFiling.select().order_by(VatFiling.period_start.desc())]


def filed_periods() -> frozenset[date]:
    """The first days of the periods recorded as filed (what the queues check rows against)."""
    return frozenset(start for (start,) in VatFiling.select(VatFiling.period_start).tuples())


def period_filed(day: date) -> bool:
    """Whether the return of the VAT period holding ``day`` was filed."""
    return VatFiling.select().where(VatFiling.period_start == inv.vat_period(day)[0]).exists()


def _already_filed(start: date) -> ValidationError:
    done = VatFiling.get_or_none(VatFiling.period_start == start)
    return ValidationError("period", QT_TRANSLATE_NOOP(
        "Errors", "申報期別 {period} 已經登錄申報完成（{day}，{who}）。"),
        period=inv.vat_period_label(start), day=done.filed_on.isoformat() if done else "?",
        who=done.recorded_by if done else "?")


@idempotent
@survives_server
def record_vat_filing(period, *, filed_on: date | None = None, operator: str,
                      now: datetime | None = None) -> Filing:
    """【申報完成】: the return of the VAT period ``period`` (a day in it, or its label such as
    "2026-01/02") was filed on ``filed_on`` (default the shop's today).  The period must have
    ended; the day is after its end and not after today; a period is filed once.  From then
    its invoices can only get allowances."""
    operator = check_operator(operator)
    now = now_or(now)
    start, end = inv.vat_period(period) if isinstance(period, date) else inv.parse_vat_period(period)
    today = shop_clock.today(now)
    if end >= today:
        raise ValidationError("period", QT_TRANSLATE_NOOP(
            "Errors", "申報期別 {period} 還沒結束，不能申報。"), period=inv.vat_period_label(start))
    day = today if filed_on is None else required_date(filed_on, "filed_on")
    if day <= end:
        raise ValidationError("filed_on", QT_TRANSLATE_NOOP(
            "Errors", "申報日期要在申報期別結束之後。"))
    if day > today:
        raise ValidationError("filed_on", QT_TRANSLATE_NOOP("Errors", "申報日期不能晚於今天。"))
    with write_transaction():
        if VatFiling.select().where(VatFiling.period_start == start).exists():
            raise _already_filed(start)
        try:
            with VatFiling._meta.database.atomic():
                VatFiling.insert(period_start=start, period_end=end, filed_on=day, recorded_at=now,
                                 recorded_by=operator).execute()
        except pw.IntegrityError:  # another desk was first
            raise _already_filed(start) from None
    return Filing(start, end, day, now, operator)


# ---------------------------------------------------------------- the provider's file

# The provider's issued-invoice file is a kind of the spreadsheet import (``importer``, sheets
# with a 發票號碼 column, docs/IMPORT.md): its rows are read into ``InvoiceInput``s here and
# checked as 【開立發票】 checks them.

_KIND_WORDS = {"b2c": inv.B2C, "二聯": inv.B2C, "二聯式": inv.B2C, "": None,
               "b2b": inv.B2B, "三聯": inv.B2B, "三聯式": inv.B2B}
_CARRIER_WORDS = {"mobile": inv.MOBILE, "手機條碼": inv.MOBILE, "3j0002": inv.MOBILE,
                  "certificate": inv.CERTIFICATE, "自然人憑證": inv.CERTIFICATE,
                  "cq0001": inv.CERTIFICATE, "donation": inv.DONATION, "捐贈": inv.DONATION,
                  "printed": inv.PRINTED, "紙本": inv.PRINTED, "": None}


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def invoice_from_cells(cells: dict, day: date) -> InvoiceInput:
    """A row of the provider's file as an ``InvoiceInput`` (not yet validated): ``cells`` by
    column key (invoice_no, kind, total, carrier_type, carrier_id, donation, buyer_ban,
    buyer_title), ``day`` its date as the importer read it.  An empty kind is B2B when a
    統一編號 is given; an empty carrier is a donation when a donation code is given, else
    printed; an empty total is the order's.  ``ValidationError`` naming the column for a kind,
    a carrier or a total it cannot read."""
    kind = _KIND_WORDS.get(_cell_text(cells.get("kind")).lower(), "?")
    ban = _cell_text(cells.get("buyer_ban"))
    if isinstance(cells.get("buyer_ban"), (int, float)) and ban:
        ban = ban.zfill(8)  # a spreadsheet drops the leading zeros of a number
    if kind is None:
        kind = inv.B2B if ban else inv.B2C
    if kind == "?":
        raise ValidationError("kind", QT_TRANSLATE_NOOP("Errors", "請選擇發票類型（二聯式或三聯式）。"))
    donation = _cell_text(cells.get("donation"))
    carrier = _CARRIER_WORDS.get(_cell_text(cells.get("carrier_type")).lower(), "?")
    if carrier == "?":
        raise ValidationError("carrier_type", QT_TRANSLATE_NOOP("Errors", "請選擇載具類別。"))
    carrier_id = _cell_text(cells.get("carrier_id"))
    if carrier is None:
        carrier = inv.DONATION if donation else inv.PRINTED
    if carrier == inv.DONATION and not carrier_id:
        carrier_id = donation
    total_text = _cell_text(cells.get("total")).replace(",", "").removeprefix("NT$")
    if total_text and not total_text.isdigit():
        raise ValidationError("total", QT_TRANSLATE_NOOP("Errors", "金額必須是數字。"))
    return InvoiceInput(_cell_text(cells.get("invoice_no")), day, kind,
                        int(total_text) if total_text else 0, carrier, carrier_id, ban,
                        _cell_text(cells.get("buyer_title")))


def recorded_on(invoice_no: str, order_id: int) -> bool:
    """Whether the invoice ``invoice_no`` is already recorded on the order (a file imported
    again: the row is skipped)."""
    return Invoice.select().where((Invoice.invoice_no == invoice_no) & (Invoice.order == order_id)).exists()


def check_new_invoice(order_id: int, invoice: InvoiceInput, *, status: str | None = None,
                      now: datetime | None = None) -> InvoiceInput:
    """The checks of 【開立發票】 without writing (the import's check): ``status`` is the order's
    as the file leaves it (a payment notice of the same file), default the stored one."""
    return _check_new_invoice(load_order(order_id), invoice, now, status=status)
