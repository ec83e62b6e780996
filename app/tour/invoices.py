"""The 發票 page's queues, its dialogs, and an order's detail with its invoice and allowance."""

from __future__ import annotations

from pathlib import Path

from app.dialogs.invoice_dialogs import (
    AllowanceDialog,
    BulkInvoiceDialog,
    InvoiceDialog,
    InvoiceShown,
    InvoiceTarget,
    RegisterDialog,
    VoidDialog,
)
from app.domain import invoice as inv
from app.models.tables import Invoice, InvoiceAllowance
from app.services import queries, shop_clock
from app.views.order_detail import OrderDetailDialog

from .shots import shot


def _targets(window) -> list[InvoiceTarget]:
    rows = window.invoices_page.issue_tab.model.rows[:3]
    return [InvoiceTarget(r.order_no, shop_clock.local_date(r.order_date), r.buyer_name, r.total) for r in rows]


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
        dialog = InvoiceDialog(targets[0])
        dialog.invoice_no.setText("QX20261101")
        dialog.kind.setCurrentIndex(dialog.kind.findData(inv.B2B))
        dialog.buyer_ban.setText("83045210")
        dialog.buyer_title.setText("好日子設計有限公司")
        files.append(shot(dialog, out / "invoice-record.png"))
        dialog.close()
        dialog = BulkInvoiceDialog(targets)
        dialog.first_no.setText("QX20261102")
        files.append(shot(dialog, out / "invoice-record-bulk.png"))
        dialog.close()
    today = shop_clock.today()
    last = Invoice.select().order_by(Invoice.id.desc()).first()
    if last is not None:
        shown = InvoiceShown(last.invoice_no, last.invoice_date, last.order.order_no, last.total, last.total,
                             inv.void_or_allowance(last.invoice_date, today))
        dialog = VoidDialog(shown)
        files.append(shot(dialog, out / "invoice-void.png"))
        dialog.close()
        old = Invoice.select().order_by(Invoice.id).first()
        shown = InvoiceShown(old.invoice_no, old.invoice_date, old.order.order_no, old.total, old.total,
                             inv.void_or_allowance(old.invoice_date, today))
        dialog = AllowanceDialog(shown)
        dialog.allowance_no.setText("DA20261101")
        files.append(shot(dialog, out / "invoice-allowance.png"))
        dialog.close()
    dialog = RegisterDialog()
    files.append(shot(dialog, out / "invoice-register.png"))
    dialog.close()

    allowed = InvoiceAllowance.select().order_by(InvoiceAllowance.id).first()
    if allowed is not None:
        dialog = OrderDetailDialog(queries.order_detail(allowed.invoice.order_id), window)
        files.append(shot(dialog, out / "order-detail-invoice.png"))
        dialog.close()
    return files
