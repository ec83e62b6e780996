"""The invoice register (發票明細帳): the invoices, voids and allowances of a period or of a
two-month VAT period, with the sums the bimonthly VAT return (401) needs (docs/PRODUCT.md §8,
E-invoices).

Sheets: 申報彙總 (the return's sums, first so that any reader — and a CSV conversion, which
takes the first sheet — sees them), 發票 (every invoice dated in the period, voided ones
marked) and 折讓 (every allowance dated in the period).  The sums are **stored values**,
computed here in SQL; beside each, a formula that recomputes it from the detail sheets, so a
spreadsheet shows both and a difference would be seen.  Same file guarantees as
``export``: whole or not at all, customer text never a formula.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from app.domain import invoice as inv
from app.domain.i18n import QT_TRANSLATE_NOOP
from app.models.tables import Invoice, InvoiceAllowance, InvoiceVoid, Order

from . import shop_clock
from .export import (
    ExportResult,
    Progress,
    Translate,
    _about,
    _check,
    _check_target,
    _day,
    _Reading,
    _report,
    _rows,
    _Sheet,
    _Workbook,
    identity,
)

#: ``orderdesk export --list`` name of the register.
LIST_NAME = "invoices"
TITLE = QT_TRANSLATE_NOOP("Export", "發票明細帳")

SHEET_SUMMARY = QT_TRANSLATE_NOOP("Export", "申報彙總")
SHEET_INVOICES = QT_TRANSLATE_NOOP("Export", "發票")
SHEET_ALLOWANCES = QT_TRANSLATE_NOOP("Export", "折讓")
VALID = QT_TRANSLATE_NOOP("Export", "有效")
VOIDED = QT_TRANSLATE_NOOP("Export", "作廢")

# The columns both detail sheets have: (header, kind, width in characters).
_INVOICE_NO = (QT_TRANSLATE_NOOP("Export", "發票號碼"), "text", 13)
_INVOICE_DATE = (QT_TRANSLATE_NOOP("Export", "發票日期"), "date", 12)
_ORDER_NO = (QT_TRANSLATE_NOOP("Export", "訂單編號"), "text", 18)
_BUYER_BAN = (QT_TRANSLATE_NOOP("Export", "買方統編"), "text", 11)
_SALES = (QT_TRANSLATE_NOOP("Export", "銷售額"), "money", 13)
_TAX = (QT_TRANSLATE_NOOP("Export", "稅額"), "money", 11)
_TOTAL = (QT_TRANSLATE_NOOP("Export", "總計"), "money", 13)

INVOICE_COLUMNS = [
    _INVOICE_NO,
    _INVOICE_DATE,
    (QT_TRANSLATE_NOOP("Export", "類型"), "text", 8),
    _ORDER_NO,
    _BUYER_BAN,
    (QT_TRANSLATE_NOOP("Export", "買方名稱"), "text", 22),
    (QT_TRANSLATE_NOOP("Export", "載具類別"), "text", 11),
    (QT_TRANSLATE_NOOP("Export", "載具號碼"), "text", 18),
    _SALES,
    _TAX,
    _TOTAL,
    (QT_TRANSLATE_NOOP("Export", "狀態"), "text", 8),
    (QT_TRANSLATE_NOOP("Export", "作廢日期"), "date", 12),
    (QT_TRANSLATE_NOOP("Export", "作廢原因"), "text", 24),
]
INVOICE_MONEY = [8, 9, 10]

ALLOWANCE_COLUMNS = [
    (QT_TRANSLATE_NOOP("Export", "折讓單號碼"), "text", 16),
    (QT_TRANSLATE_NOOP("Export", "折讓日期"), "date", 12),
    _INVOICE_NO,
    _INVOICE_DATE,
    _ORDER_NO,
    _BUYER_BAN,
    _SALES,
    _TAX,
    _TOTAL,
]
ALLOWANCE_MONEY = [6, 7, 8]

SUMMARY_COLUMNS = [
    (QT_TRANSLATE_NOOP("Export", "項目"), "text", 26),
    (QT_TRANSLATE_NOOP("Export", "金額或張數"), "number", 16),
    (QT_TRANSLATE_NOOP("Export", "由明細驗算"), "number", 16),
]

#: The summary's lines: key, label.  ``RegisterSums`` has one field per key.
SUMMARY_LINES = [
    ("invoices", QT_TRANSLATE_NOOP("Export", "開立發票張數")),
    ("voided", QT_TRANSLATE_NOOP("Export", "作廢張數")),
    ("sales", QT_TRANSLATE_NOOP("Export", "應稅銷售額（未稅，不含作廢）")),
    ("tax", QT_TRANSLATE_NOOP("Export", "銷項稅額（不含作廢）")),
    ("total", QT_TRANSLATE_NOOP("Export", "銷售總計（含稅，不含作廢）")),
    ("b2b_sales", QT_TRANSLATE_NOOP("Export", "其中三聯式銷售額")),
    ("b2b_tax", QT_TRANSLATE_NOOP("Export", "其中三聯式稅額")),
    ("b2c_total", QT_TRANSLATE_NOOP("Export", "其中二聯式銷售總計（含稅）")),
    ("allowances", QT_TRANSLATE_NOOP("Export", "折讓單張數")),
    ("allowance_sales", QT_TRANSLATE_NOOP("Export", "銷貨退回及折讓（未稅）")),
    ("allowance_tax", QT_TRANSLATE_NOOP("Export", "折讓稅額")),
    ("net_sales", QT_TRANSLATE_NOOP("Export", "銷售額淨額")),
    ("net_tax", QT_TRANSLATE_NOOP("Export", "銷項稅額淨額")),
]


@dataclass(frozen=True)
class RegisterSums:
    invoices: int
    voided: int
    sales: int
    tax: int
    total: int
    b2b_sales: int
    b2b_tax: int
    b2c_total: int
    allowances: int
    allowance_sales: int
    allowance_tax: int

    @property
    def net_sales(self) -> int:
        return self.sales - self.allowance_sales

    @property
    def net_tax(self) -> int:
        return self.tax - self.allowance_tax


def _voided():
    return pw.fn.EXISTS(InvoiceVoid.select(InvoiceVoid.id).where(InvoiceVoid.invoice == Invoice.id))


def register_sums(date_from: date, date_to: date) -> RegisterSums:
    """The VAT return's sums for invoices and allowances dated from ``date_from`` to
    ``date_to`` (both included), in SQL."""
    in_period = (Invoice.invoice_date >= date_from) & (Invoice.invoice_date <= date_to)

    def total(expr, where):
        return Invoice.select(pw.fn.COALESCE(pw.fn.SUM(expr), 0)).where(in_period & where).scalar() or 0

    valid = ~_voided()
    b2b = Invoice.kind == inv.B2B
    a_in = (InvoiceAllowance.allowance_date >= date_from) & (InvoiceAllowance.allowance_date <= date_to)
    a_sales, a_tax, a_n = (InvoiceAllowance.select(
        pw.fn.COALESCE(pw.fn.SUM(InvoiceAllowance.before_tax), 0),
        pw.fn.COALESCE(pw.fn.SUM(InvoiceAllowance.tax), 0), pw.fn.COUNT(InvoiceAllowance.id))
        .where(a_in).tuples().get())
    return RegisterSums(
        invoices=Invoice.select().where(in_period).count(),
        voided=Invoice.select().where(in_period & _voided()).count(),
        sales=int(total(Invoice.before_tax, valid)), tax=int(total(Invoice.tax, valid)),
        total=int(total(Invoice.total, valid)),
        b2b_sales=int(total(Invoice.before_tax, valid & b2b)),
        b2b_tax=int(total(Invoice.tax, valid & b2b)),
        b2c_total=int(total(Invoice.total, valid & ~b2b)),
        allowances=int(a_n), allowance_sales=int(a_sales), allowance_tax=int(a_tax),
    )


def period_words(date_from: date, date_to: date, translate: Translate = identity) -> str:
    """"2026-11/12 期（2026-11-01 ～ 2026-12-31）" for a VAT period, else the two days."""
    days = f"{date_from.isoformat()} ～ {date_to.isoformat()}"
    if inv.vat_period(date_from) == (date_from, date_to):
        return translate("Export", "{period} 期（{days}）").format(
            period=inv.vat_period_label(date_from), days=days)
    return days


def export_register(
    path, *, date_from: date, date_to: date, operator: str, translate: Translate = identity,
    progress: Progress | None = None, cancelled: Callable[[], bool] | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """The register of ``date_from`` … ``date_to`` (the shop's days, both included) to
    ``path``.  ``ExportCancelled`` / ``TargetLocked`` as ``export.export_orders``."""
    t = translate
    path = _check_target(path)
    kinds = {k: t("Invoice", v) for k, v in inv.KIND_LABELS.items()}
    carriers = {k: t("Invoice", v) for k, v in inv.CARRIER_LABELS.items()}
    valid_word, void_word = t("Export", VALID), t("Export", VOIDED)
    with _Workbook(path, operator=operator, title=t("Export", TITLE)) as book:
        with _Reading():
            sums = register_sums(date_from, date_to)
            summary = _Sheet(book.wb, t("Export", SHEET_SUMMARY), SUMMARY_COLUMNS, t)
            invoices = _Sheet(book.wb, t("Export", SHEET_INVOICES), INVOICE_COLUMNS, t)
            allowances = _Sheet(book.wb, t("Export", SHEET_ALLOWANCES), ALLOWANCE_COLUMNS, t)
            done, total = 0, sums.invoices + sums.allowances
            _report(progress, 0, total)
            q = (Invoice.select(Invoice.invoice_no, Invoice.invoice_date, Invoice.kind, Order.order_no,
                                Invoice.buyer_ban, Invoice.buyer_title, Invoice.carrier_type,
                                Invoice.carrier_id, Invoice.before_tax, Invoice.tax, Invoice.total,
                                InvoiceVoid.void_date, InvoiceVoid.reason)
                 .join(Order, on=(Invoice.order == Order.id))
                 .join(InvoiceVoid, pw.JOIN.LEFT_OUTER, on=(InvoiceVoid.invoice == Invoice.id))
                 .where((Invoice.invoice_date >= date_from) & (Invoice.invoice_date <= date_to))
                 .order_by(Invoice.invoice_date, Invoice.invoice_no))
            for (no, d, kind, order_no, ban, title, ctype, cid, before, tax, tot, vdate,
                 reason) in _rows(q):
                invoices.append((no, _day(d), kinds.get(kind, kind), order_no, ban, title,
                                 carriers.get(ctype, ctype), cid, before, tax, tot,
                                 void_word if vdate else valid_word, _day(vdate), reason))
                done += 1
                if done % 500 == 0:
                    _check(cancelled)
                    _report(progress, done, total)
            q = (InvoiceAllowance.select(InvoiceAllowance.allowance_no, InvoiceAllowance.allowance_date,
                                         Invoice.invoice_no, Invoice.invoice_date, Order.order_no,
                                         Invoice.buyer_ban, InvoiceAllowance.before_tax,
                                         InvoiceAllowance.tax, InvoiceAllowance.total)
                 .join(Invoice, on=(InvoiceAllowance.invoice == Invoice.id))
                 .join(Order, on=(Invoice.order == Order.id))
                 .where((InvoiceAllowance.allowance_date >= date_from)
                        & (InvoiceAllowance.allowance_date <= date_to))
                 .order_by(InvoiceAllowance.allowance_date, InvoiceAllowance.allowance_no))
            for (ano, ad, no, d, order_no, ban, before, tax, tot) in _rows(q):
                allowances.append((ano, _day(ad), no, _day(d), order_no, ban, before, tax, tot))
                done += 1
            _check(cancelled)
        _write_summary(summary, sums, invoices, allowances, t,
                       period_words(date_from, date_to, t), valid_word, void_word)
        invoices.finish(INVOICE_MONEY, translate("Export", "合計（含作廢）"))
        allowances.finish(ALLOWANCE_MONEY, translate("Export", "合計"))
        _about(book.wb, translate=t, list_label=t("Export", TITLE),
               filters_text=period_words(date_from, date_to, t),
               sort_text=translate("Export", "發票日期、號碼（遞增）"), rows=invoices.rows, selected=False,
               operator=operator, when=now or shop_clock.local_now(),
               extra=[(translate("Export", "折讓單筆數"), allowances.rows)])
    _report(progress, done, done)
    return ExportResult(path, invoices.rows, allowances.rows)


def _write_summary(sheet: _Sheet, sums: RegisterSums, invoices: _Sheet, allowances: _Sheet,
                   translate: Translate, period: str, valid_word: str, void_word: str) -> None:
    """Each sum as a stored number, and beside it a formula over the detail sheets."""
    from openpyxl.cell import WriteOnlyCell

    inv_sheet = invoices.ws.title.replace("'", "''")
    al_sheet = allowances.ws.title.replace("'", "''")
    n_inv, n_al = max(invoices.rows + 1, 2), max(allowances.rows + 1, 2)

    def col(sheet: str, letter: str, last: int) -> str:
        return f"'{sheet}'!${letter}$2:${letter}${last}"

    status = col(inv_sheet, "L", n_inv)
    kind_col = col(inv_sheet, "C", n_inv)
    b2b_word = translate("Invoice", inv.KIND_LABELS[inv.B2B]).replace('"', '""')
    valid = valid_word.replace('"', '""')
    voided = void_word.replace('"', '""')
    row_of = {key: i for i, (key, _label) in enumerate(SUMMARY_LINES, start=3)}  # 1 header, 2 period

    def valid_sum(letter: str, extra: str = "") -> str:
        return f'=SUMIFS({col(inv_sheet, letter, n_inv)},{status},"{valid}"{extra})'

    b2b = f',{kind_col},"{b2b_word}"'
    not_b2b = f',{kind_col},"<>{b2b_word}"'
    formulas = {
        "invoices": f"=COUNTA({col(inv_sheet, 'A', n_inv)})",
        "voided": f'=COUNTIF({status},"{voided}")',
        "sales": valid_sum("I"), "tax": valid_sum("J"), "total": valid_sum("K"),
        "b2b_sales": valid_sum("I", b2b), "b2b_tax": valid_sum("J", b2b),
        "b2c_total": valid_sum("K", not_b2b),
        "allowances": f"=COUNTA({col(al_sheet, 'A', n_al)})",
        "allowance_sales": f"=SUM({col(al_sheet, 'G', n_al)})",
        "allowance_tax": f"=SUM({col(al_sheet, 'H', n_al)})",
        "net_sales": f"=B{row_of['sales']}-B{row_of['allowance_sales']}",
        "net_tax": f"=B{row_of['tax']}-B{row_of['allowance_tax']}",
    }
    sheet.ws.append([sheet.text(translate("Export", "申報期間")), sheet.text(period), None])
    for key, label in SUMMARY_LINES:
        stored = WriteOnlyCell(sheet.ws, getattr(sums, key))
        check = WriteOnlyCell(sheet.ws, formulas[key])
        if key not in ("invoices", "voided", "allowances"):
            stored.number_format = check.number_format = '#,##0'
        sheet.ws.append([sheet.text(translate("Export", label)), stored, check])
