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
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import peewee as pw

from app.domain import invoice as inv
from app.domain.errors import NotFoundError, ValidationError
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.domain.invoice import AllowanceInput, InvoiceInput, VoidInput
from app.domain.statuses import OrderStatus
from app.models.db import write_transaction
from app.models.tables import (
    CancellationRequest,
    Invoice,
    InvoiceAllowance,
    InvoiceVoid,
    Order,
    ShopSetting,
)

from . import shop_clock, writes
from .closing import refuse_closed
from .common import Change, check_operator, insert_history, load_order, now_or, order_state

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
        out.append(InvoiceRecord(invoice, void, allowances))
    return out


def request_invoices(request_id: int) -> list[InvoiceRecord]:
    """The invoices of the request's order (what 發票已退回 refers to)."""
    req = CancellationRequest.get_or_none(CancellationRequest.id == request_id)
    return order_invoices(req.order_id) if req else []


def advice_for_request(request_id: int, on: date | None = None) -> tuple[Invoice, str] | None:
    """For an approved (or to be approved) cancellation: the order's open invoice and what it
    needs on the day ``on`` (the shop's today): ``inv.VOID`` within its VAT period, else
    ``inv.ALLOWANCE``.  None when the order has no open invoice."""
    req = CancellationRequest.get_or_none(CancellationRequest.id == request_id)
    if req is None:
        return None
    invoice = active_invoice(req.order_id)
    if invoice is None or allowed_total(invoice.id) >= invoice.total:
        return None
    return invoice, inv.void_or_allowance(invoice.invoice_date, on or shop_clock.today())


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
    """The id of the first order with an allowance (the tour shows its detail), or None."""
    return (InvoiceAllowance.select(Invoice.order).join(Invoice)
            .order_by(InvoiceAllowance.id).scalar())


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
    try:
        with model._meta.database.atomic():
            new_id = model.insert(**rows.row).execute()
    except pw.IntegrityError:
        raise duplicate() from None
    return new_id, insert_history(rows.history_rows())


def _check_new_invoice(order: Order, invoice: InvoiceInput, now: datetime | None = None) -> InvoiceInput:
    """The input checked against the order: a sale, no open invoice, the total the order's
    (None or 0 taken as the order's), the number not used before."""
    if OrderStatus(order.status) not in _SOLD:
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


def _settle(invoice_id: int, cancellation_id: int | None, operator: str, now: datetime | None,
            check: Callable) -> Change:
    """What 作廢 and 折讓 share: open the invoice and its order in one write transaction;
    ``check(invoice, today)`` checks the input against them and gives the checked input, the
    builder of its rows in ``writes`` and the error for a number already used."""
    operator = check_operator(operator)
    now = now_or(now)
    with write_transaction():
        invoice, order = _open_invoice(invoice_id)
        checked, build, taken = check(invoice, shop_clock.today(now))
        rid = _request_of(order, cancellation_id)
        rows = build(order_state(order), invoice.id, invoice.invoice_no, checked,
                     cancellation_id=rid, operator=operator, at=now)
        _, hids = _insert(rows, taken)
    return _change(order, rid, hids)


def void_invoice(invoice_id: int, void: VoidInput, *, operator: str,
                 cancellation_id: int | None = None, now: datetime | None = None) -> Change:
    """作廢: within the invoice's own VAT period, an invoice without allowances."""
    def check(invoice: Invoice, today: date):
        if allowed_total(invoice.id):
            raise ValidationError("void_date", QT_TRANSLATE_NOOP(
                "Errors", "發票 {no} 已開過折讓單，不能再作廢。"), no=invoice.invoice_no)
        checked = void.validated(invoice_date=invoice.invoice_date, today=today)
        refuse_closed(checked.void_date, "void_date")
        return (checked, writes.invoice_voided,
                lambda: ValidationError("invoice_no", QT_TRANSLATE_NOOP(
                    "Errors", "發票 {no} 已經作廢。"), no=invoice.invoice_no))
    return _settle(invoice_id, cancellation_id, operator, now, check)


def _allowance_taken(no: str) -> ValidationError:
    return ValidationError("allowance_no", QT_TRANSLATE_NOOP(
        "Errors", "折讓單號碼 {no} 已經用過，同一個號碼不能用兩次。"), no=no)


def issue_allowance(invoice_id: int, allowance: AllowanceInput, *, operator: str,
                    cancellation_id: int | None = None, now: datetime | None = None) -> Change:
    """折讓單 against an invoice that is not voided, for at most what it still holds."""
    def check(invoice: Invoice, today: date):
        checked = allowance.validated(invoice_date=invoice.invoice_date,
                                      remaining=invoice.total - allowed_total(invoice.id), today=today)
        refuse_closed(checked.allowance_date, "allowance_date")
        if InvoiceAllowance.select().where(InvoiceAllowance.allowance_no == checked.allowance_no).exists():
            raise _allowance_taken(checked.allowance_no)
        return checked, writes.allowance_issued, lambda: _allowance_taken(checked.allowance_no)
    return _settle(invoice_id, cancellation_id, operator, now, check)


# ---------------------------------------------------------------- the provider's file

#: Header names (after trimming and lower-casing) → the column they fill.  The names of the
#: common providers' issued-invoice exports are included (自訂編號 is the shop's order number).
IMPORT_HEADERS = {
    "訂單編號": "order_no", "自訂編號": "order_no", "order_no": "order_no", "order number": "order_no",
    "發票號碼": "invoice_no", "invoice_no": "invoice_no", "invoice number": "invoice_no",
    "發票日期": "invoice_date", "開立日期": "invoice_date", "invoice_date": "invoice_date",
    "invoice date": "invoice_date",
    "發票類型": "kind", "類型": "kind", "kind": "kind", "type": "kind",
    "發票金額": "total", "總計": "total", "金額": "total", "total": "total", "amount": "total",
    "買方統編": "buyer_ban", "統一編號": "buyer_ban", "buyer_ban": "buyer_ban",
    "買方名稱": "buyer_title", "公司抬頭": "buyer_title", "buyer_title": "buyer_title",
    "載具類別": "carrier_type", "carrier_type": "carrier_type",
    "載具號碼": "carrier_id", "載具編號": "carrier_id", "carrier_id": "carrier_id",
    "捐贈碼": "donation", "愛心碼": "donation", "donation_code": "donation",
}
_KIND_WORDS = {"b2c": inv.B2C, "二聯": inv.B2C, "二聯式": inv.B2C, "": None,
               "b2b": inv.B2B, "三聯": inv.B2B, "三聯式": inv.B2B}
_CARRIER_WORDS = {"mobile": inv.MOBILE, "手機條碼": inv.MOBILE, "3j0002": inv.MOBILE,
                  "certificate": inv.CERTIFICATE, "自然人憑證": inv.CERTIFICATE,
                  "cq0001": inv.CERTIFICATE, "donation": inv.DONATION, "捐贈": inv.DONATION,
                  "printed": inv.PRINTED, "紙本": inv.PRINTED, "": None}


@dataclass(frozen=True)
class FileIssue:
    sheet: str
    row: int
    column: str
    template: str
    params: dict = field(default_factory=dict)

    def message(self, translate=None) -> str:
        text = translate("Errors", self.template) if translate else self.template
        return text.format(**self.params)


@dataclass
class InvoiceFilePlan:
    """What the file holds: the invoices to record (order id, ``InvoiceInput``), the rows
    skipped because that invoice is already recorded, and the bad rows."""

    good: list = field(default_factory=list)
    already: int = 0
    issues: list[FileIssue] = field(default_factory=list)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _cell_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell_text(value).replace("/", "-").replace(".", "-")
    if len(text) == 8 and text.isdigit():
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        return date.fromisoformat("-".join(p.zfill(2) for p in text.split(" ")[0].split("-")))
    except ValueError:
        return None


def _row_input(rec: dict) -> InvoiceInput:
    kind = _KIND_WORDS.get(_cell_text(rec.get("kind")).lower(), "?")
    ban = _cell_text(rec.get("buyer_ban"))
    if isinstance(rec.get("buyer_ban"), (int, float)) and ban:
        ban = ban.zfill(8)  # a spreadsheet drops the leading zeros of a number
    if kind is None:
        kind = inv.B2B if ban else inv.B2C
    if kind == "?":
        raise ValidationError("kind", QT_TRANSLATE_NOOP("Errors", "請選擇發票類型（二聯式或三聯式）。"))
    donation = _cell_text(rec.get("donation"))
    carrier = _CARRIER_WORDS.get(_cell_text(rec.get("carrier_type")).lower(), "?")
    if carrier == "?":
        raise ValidationError("carrier_type", QT_TRANSLATE_NOOP("Errors", "請選擇載具類別。"))
    carrier_id = _cell_text(rec.get("carrier_id"))
    if carrier is None:
        carrier = inv.DONATION if donation else inv.PRINTED
    if carrier == inv.DONATION and not carrier_id:
        carrier_id = donation
    d = _cell_date(rec.get("invoice_date"))
    if d is None:
        raise ValidationError("invoice_date", QT_TRANSLATE_NOOP(
            "Errors", "日期「{value}」看不懂，請寫成 2026-03-01。"), value=_cell_text(rec.get("invoice_date")))
    total_text = _cell_text(rec.get("total")).replace(",", "")
    if total_text and not total_text.isdigit():
        raise ValidationError("total", QT_TRANSLATE_NOOP("Errors", "金額必須是數字。"))
    return InvoiceInput(_cell_text(rec.get("invoice_no")), d, kind,
                        int(total_text) if total_text else 0, carrier, carrier_id, ban,
                        _cell_text(rec.get("buyer_title")))


def check_invoice_file(path: str | Path) -> InvoiceFilePlan:
    """Read the provider's file (``.csv`` or ``.xlsx``, through the importer's readers) and
    check every row against its order (matched by 訂單編號 / 自訂編號); writes nothing.
    ``UnreadableFile`` when the file cannot be read."""
    from .importer import read_sheets

    plan = InvoiceFilePlan()
    seen: dict[str, tuple[str, int]] = {}
    for sheet in read_sheets(path):
        columns = {i: IMPORT_HEADERS.get(_cell_text(h).lower()) for i, h in enumerate(sheet.header)}
        if not {"order_no", "invoice_no"} <= set(columns.values()):
            if sheet.header:
                plan.issues.append(FileIssue(sheet.name, 1, "", QT_TRANSLATE_NOOP(
                    "Errors", "找不到「訂單編號」和「發票號碼」欄。")))
            continue
        for number, values in sheet.rows:
            rec = {key: values[i] for i, key in columns.items() if key and i < len(values)}
            if not any(_cell_text(v) for v in rec.values()):
                continue
            _check_row(plan, seen, sheet.name, number, rec)
    return plan


def _check_row(plan: InvoiceFilePlan, seen: dict, sheet: str, number: int, rec: dict) -> None:
    def bad(column, template, **params):
        plan.issues.append(FileIssue(sheet, number, column, template, params))

    order_no = _cell_text(rec.get("order_no"))
    order = Order.get_or_none(Order.order_no == order_no) if order_no else None
    if order is None:
        bad("order_no", QT_TRANSLATE_NOOP("Errors", "找不到訂單 {id}。"), id=order_no or "?")
        return
    try:
        given = _row_input(rec)
        no = inv.invoice_number(given.invoice_no)
        existing = Invoice.get_or_none(Invoice.invoice_no == no)
        if existing is not None and existing.order_id == order.id:
            plan.already += 1
            return
        if no in seen:
            bad("invoice_no", QT_TRANSLATE_NOOP("Errors", "發票號碼 {no} 在第 {row} 列已出現過。"),
                no=no, row=seen[no][1])
            return
        if any(o == order.id for o, _ in plan.good):
            bad("order_no", QT_TRANSLATE_NOOP("Errors", "訂單 {order_no} 在檔案中有兩張發票。"),
                order_no=order.order_no)
            return
        checked = _check_new_invoice(order, given)
    except ValidationError as err:
        bad(err.field, err.template, **err.params)
        return
    seen[no] = (sheet, number)
    plan.good.append((order.id, checked))


def apply_invoice_file(plan: InvoiceFilePlan, *, operator: str,
                       now: datetime | None = None) -> list[Change]:
    """Record the plan's invoices in one transaction, each as 【開立發票】 writes it (source
    "import"); refused when the plan has bad rows."""
    if plan.issues:
        raise ValidationError("file", QT_TRANSLATE_NOOP("Errors", "檔案有 {n} 列錯誤，沒有匯入任何發票。"),
                              n=len(plan.issues))
    operator = check_operator(operator)
    now = now_or(now)
    changes = []
    with write_transaction():
        for order_id, invoice in plan.good:
            order = load_order(order_id)
            checked = _check_new_invoice(order, invoice, now)
            rows = writes.invoice_issued(order_state(order), checked, source="import",
                                         operator=operator, at=now)
            _, hids = _insert(rows, lambda c=checked: _number_taken(c.invoice_no))
            changes.append(_change(order, None, hids))
    return changes
