"""The 發票 page's queues, its dialogs, and an order's detail with its invoice and allowance."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from app.dialogs import invoice_dialogs as dlg
from app.domain import invoice as inv
from app.services import invoices as invoice_svc
from app.services import queries, shop_clock
from app.views.invoices_page import invoice_shown, invoice_target
from app.views.order_detail import OrderDetailDialog

from .shots import shot


def _targets(window) -> list[dlg.InvoiceTarget]:
    return [invoice_target(r) for r in window.invoices_page.issue_tab.model.rows[:3]]


def _void_and_allowance(rows) -> list[dlg.InvoiceShown]:
    """One invoice of 待作廢／折讓 that is voided today and one that gets an allowance.  Which
    the demo's queue holds depends on the day it is built (a void needs an invoice of the
    current VAT period), so a kind the queue lacks is shown on a copy of a queued invoice,
    dated today (void) or in the period before (allowance)."""
    found: dict[str, dlg.InvoiceShown] = {}
    for row in rows:
        shown = invoice_shown(row)
        found.setdefault(shown.advice, shown)
    if not found:
        return []
    any_shown = next(iter(found.values()))
    today = shop_clock.today()
    if inv.VOID not in found:
        found[inv.VOID] = replace(any_shown, invoice_date=today, advice=inv.VOID)
    if inv.ALLOWANCE not in found:
        earlier = inv.vat_period(today)[0] - timedelta(days=1)
        found[inv.ALLOWANCE] = replace(any_shown, invoice_date=earlier, advice=inv.ALLOWANCE)
    return [found[inv.VOID], found[inv.ALLOWANCE]]


def render_invoice_screens(window, out: Path) -> list[Path]:
    files = []
    window.show_page("invoices")
    page = window.invoices_page
    page.reload()
    for index, name in ((page.ISSUE, "invoices-1-to-issue"), (page.CANCELLED, "invoices-2-to-void-or-allow")):
        page.tabs.setCurrentIndex(index)
        files.append(shot(window, out / f"{name}.png"))
    page.tabs.setCurrentIndex(page.ISSUE)

    targets = _targets(window)
    if targets:
        dialog = dlg.InvoiceDialog(targets[0])
        dialog.invoice_no.setText("QX20261101")
        dialog.kind.setCurrentIndex(dialog.kind.findData(inv.B2B))
        dialog.buyer_ban.setText("83045210")
        dialog.buyer_title.setText("好日子設計有限公司")
        files.append(shot(dialog, out / "invoice-record.png"))
        dialog.close()
        dialog = dlg.BulkInvoiceDialog(targets)
        dialog.first_no.setText("QX20261102")
        files.append(shot(dialog, out / "invoice-record-bulk.png"))
        dialog.close()
    for shown in _void_and_allowance(page.cancel_tab.model.rows):
        name = "invoice-void" if shown.advice == inv.VOID else "invoice-allowance"
        dialog = dlg.VoidDialog(shown) if shown.advice == inv.VOID else dlg.AllowanceDialog(shown)
        if shown.advice == inv.ALLOWANCE:
            dialog.allowance_no.setText("DA20261101")
        files.append(shot(dialog, out / f"{name}.png"))
        dialog.close()
    dialog = dlg.RegisterDialog()
    files.append(shot(dialog, out / "invoice-register.png"))
    dialog.close()
    dialog = dlg.FilingDialog(invoice_svc.filed_periods())
    files.append(shot(dialog, out / "invoice-vat-filed.png"))
    dialog.close()

    allowed = invoice_svc.an_allowed_order()
    if allowed is not None:
        dialog = OrderDetailDialog(queries.order_detail(allowed), window)
        files.append(shot(dialog, out / "order-detail-invoice.png"))
        dialog.close()
    return files
