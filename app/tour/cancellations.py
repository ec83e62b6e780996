"""The 取消訂單 page, the request's detail (its three blocks) and every dialog of the
cancellation actions."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication

from app.dialogs.refund_dialogs import RefundDoneDialog
from app.dialogs.return_dialogs import ReturnDoneDialog
from app.domain.statuses import CancelStatus, RefundChannel
from app.domain.tabs import CancelTab as T
from app.services.cancel_list import CancelFilter, fetch_cancellations
from app.services.cancellation_queries import cancellation_detail
from app.services.invoices import approved_request_id, needing_void_or_allowance
from app.views.cancellation_actions import ACTIONS, fits
from app.views.cancellation_detail import CancellationDetailDialog
from app.views.cancellations_page import CancellationsPage
from app.views.session import Session
from app.widgets.screen import fit_window

from .samples import first_request
from .shots import shot


def _fitting(spec):
    """A request the action is offered for (a partly refunded one for 註銷未退餘額, one refunded
    by remittance for 更正退款帳戶), if the shop has one."""
    for tab in spec.tabs:
        rows, _ = fetch_cancellations(CancelFilter(tab=tab), None, 200)
        for row in rows:
            if fits(spec, row):
                return row
    return None


def _first_reversal() -> int | None:
    """A request refunded by card reversal that is still to be refunded, if the shop has one."""
    for tab in (T.REFUND_PENDING, T.REFUND_FAILED):
        rows, _ = fetch_cancellations(CancelFilter(tab=tab), None, 200)
        for row in rows:
            if row.refund_channel == RefundChannel.REVERSAL.value:
                return row.id
    return None


def _open_invoice_request(statuses) -> int | None:
    """An approved request in one of ``statuses`` whose order's invoice still needs its void or
    allowance, if the shop has one."""
    for invoice in needing_void_or_allowance().limit(500):
        rid = approved_request_id(invoice.order_id)
        detail = cancellation_detail(rid) if rid else None
        if detail is not None and detail.status in statuses:
            return rid
    return None


#: The open requests whose order may still owe its invoice a void or an allowance.
_OPEN_WITH_INVOICE = (CancelStatus.AWAITING_RETURN, CancelStatus.RETURN_FAILED,
                      CancelStatus.REFUND_PENDING, CancelStatus.REFUND_FAILED)


def render_cancellation_screens(out_dir, *, settings: QSettings | None = None) -> list[Path]:
    """Render the page, the detail's three blocks and every dialog on the open database.

    The database should hold requests in every status (the demo data does); a dialog whose
    tab is empty is shown for any request there is.  Needs a QApplication.  Writes nothing
    to the database; the clerk's settings go to a scratch file unless ``settings`` is given.
    """
    if QApplication.instance() is None:
        raise RuntimeError("render_cancellation_screens needs a QApplication")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files: list[Path] = []
    scratch = None
    if settings is None:
        scratch = tempfile.TemporaryDirectory()
        settings = QSettings(str(Path(scratch.name) / "tour.ini"), QSettings.Format.IniFormat)
    session = Session(settings)
    try:
        page = CancellationsPage(session)
        page.resize(1280, 640)
        fit_window(page, move=False)  # as it is inside the main window on a small screen
        for i, tab in enumerate((T.PENDING_REVIEW, T.AWAITING_RETURN, T.REFUND_PENDING, T.ALL)):
            page.set_tab(tab)
            lt = page.current_list()
            if lt.model.rowCount():
                lt.view.selectRow(0)
            if i == 0:
                page.show_message(QCoreApplication.translate(
                    "CancellationActions", "選取一筆申請，按【通過】或【不通過】。"))
            else:
                page.message.hide()
            files.append(shot(page, out / f"cancellations_{i + 1}_{tab.value}.png"))
        page.close()

        # The detail: the request that went furthest (a completed one with a refund, if any).
        sample = None
        for tab in (T.COMPLETED, T.REFUND_FAILED, T.RETURN_FAILED, T.REFUND_PENDING,
                    T.AWAITING_RETURN, T.PENDING_REVIEW, T.ALL):
            row = first_request(tab)
            if row is not None and (sample is None or row.paid):
                sample = row
                if row.paid and row.shipped:
                    break
        if sample is None:
            return files
        detail = cancellation_detail(sample.id)
        dlg = CancellationDetailDialog(detail, None)
        for i, name in enumerate(("shopping", "request", "review")):
            dlg.view.blocks.setCurrentIndex(i)
            # Tall enough for the whole block: the shot shows it all, no scroll bar.
            content = dlg.view.blocks.currentWidget().widget().sizeHint().height()
            dlg.resize(1000, max(780, content + 110))
            files.append(shot(dlg, out / f"cancellation_detail_{i + 1}_{name}.png", title=True))
        dlg.close()
        dlg.deleteLater()

        # Every dialog, on a request of its own tab when there is one.
        for spec in ACTIONS:
            row = _fitting(spec) or first_request(spec.tabs[0]) or sample
            d = cancellation_detail(row.id)
            dialog = spec.dialog(d, None)
            files.append(shot(dialog, out / f"dialog_{spec.name}.png", title=True))
            if spec.name in ("reject", "return_failed", "refund_done"):
                # …and once with the fields left empty and 【確定】 pressed: the red lines.
                if spec.name == "refund_done":
                    dialog.amount.setText(str(d.refund_due + 1))
                dialog.accept()
                files.append(shot(dialog, out / f"dialog_{spec.name}_errors.png", title=True))
            dialog.close()
            dialog.deleteLater()
        # The retry of a failed refund: the failure and its reason above the form.
        failed = first_request(T.REFUND_FAILED)
        if failed is not None:
            retry = RefundDoneDialog(cancellation_detail(failed.id), None)
            files.append(shot(retry, out / "dialog_refund_retry.png", title=True))
            retry.close()
            retry.deleteLater()
        # A card payment's refund: a reversal, no bank account.
        card = _first_reversal()
        if card is not None:
            reversal = RefundDoneDialog(cancellation_detail(card), None)
            files.append(shot(reversal, out / "dialog_refund_reversal.png", title=True))
            reversal.close()
            reversal.deleteLater()
        # 【退貨完成】 and 【退款成功】 on orders whose invoice still needs its void or allowance:
        # the step records it.
        for name, dialog_class, statuses in (
                ("dialog_return_done_invoice", ReturnDoneDialog, (CancelStatus.AWAITING_RETURN,)),
                ("dialog_refund_done_invoice", RefundDoneDialog, (CancelStatus.REFUND_PENDING,))):
            # The demo's requests move with the day it is built: when none of the step's own
            # status has an open invoice, the dialog is shown on another open request's.
            rid = _open_invoice_request(statuses) or _open_invoice_request(_OPEN_WITH_INVOICE)
            if rid is not None:
                dialog = dialog_class(cancellation_detail(rid), None)
                if dialog.settle.allowance is not None:
                    dialog.settle.allowance.allowance_no.setText("DA20261120")
                files.append(shot(dialog, out / f"{name}.png", title=True))
                dialog.close()
                dialog.deleteLater()
        QApplication.processEvents()
    finally:
        if scratch is not None:
            scratch.cleanup()
    return files
