"""`orderdesk tour` renders every page, tab and dialog to PNG files that are real pictures."""

from PySide6.QtGui import QImage

import main

#: Screens the tour must render (tests/test_bundle.py checks the frozen build's tour too).
SCREENS = {f"orders-{i}-{t}" for i, t in enumerate(
    ["all", "unpaid", "paid", "awaiting-shipment", "in-delivery", "out-of-stock", "completed"], 1)} | {
    "cancellations-1-pending-review", "cancellations-7-all-requests", "order-detail",
    "payment-methods", "shipping-methods", "payment-method-add", "shipping-method-edit",
    "connection-dialog", "import-report", "action-ship", "action-request-cancellation",
    "dialog_approve", "dialog_refund_failed", "invoices-1-to-issue", "invoices-2-to-void-or-allow",
    "invoice-record", "invoice-record-bulk", "invoice-void", "invoice-allowance", "invoice-register",
    "order-detail-invoice", "reports-overview", "invoice-vat-filed", "dialog_return_done_invoice",
    "dialog_refund_done_invoice", "order-detail-notes", "action-add-note",
    "action-edit-delivery", "action-edit-delivery-error", "print-preview-slips",
    "print-preview-pick-list-label", "people", "people-add",
    "clerk-cancellations", "remittances", "remittance-record", "remittance-statement", "reports-1-ledger",
    "reports-2-ledger-refunds-by-day", "close-month", "carriers", "carrier-edit", "migration-progress"}


def check_pictures(out) -> set[str]:
    """The screens rendered to ``out``, each a real picture; their names."""
    for png in out.glob("*.png"):
        image = QImage(str(png))
        assert not image.isNull() and image.width() > 200 and image.height() > 100, png.name
    return {p.stem for p in out.glob("*.png")}


def test_tour_renders_every_screen(tmp_path, qapp):
    out = tmp_path / "tour"
    assert main.main(["tour", "--out", str(out), "--db", "sqlite:///" + str(tmp_path / "demo.db")]) == 0
    names = check_pictures(out)
    assert SCREENS <= names, SCREENS - names


def test_the_tour_shows_a_void_and_an_allowance_whatever_day_it_is_built():
    """The demo's queue of 待作廢／折讓 holds only allowances early in a VAT period; the tour
    still shows both dialogs, the missing one on a copy dated to fit its advice."""
    from datetime import timedelta

    from app.domain import invoice as inv
    from app.services import shop_clock
    from app.tour.invoices import _void_and_allowance
    from app.views.invoices_page import QueueRow

    today = shop_clock.today()
    last_period = inv.vat_period(today)[0] - timedelta(days=1)
    old = QueueRow(1, "20260101000001", None, "CANCELLED", "王", 500, 1, "DM00000001",
                   last_period, 500)
    void, allowance = _void_and_allowance([old])
    assert (void.advice, void.invoice_date, void.invoice_no) == (inv.VOID, today, "DM00000001")
    assert (allowance.advice, allowance.invoice_date) == (inv.ALLOWANCE, last_period)
    new = QueueRow(2, "20260101000002", None, "CANCELLED", "李", 300, 2, "DM00000002", today, 300)
    void, allowance = _void_and_allowance([new])
    assert (void.advice, void.invoice_no, void.invoice_date) == (inv.VOID, "DM00000002", today)
    assert allowance.advice == inv.ALLOWANCE and allowance.invoice_date < inv.vat_period(today)[0]
    assert _void_and_allowance([]) == []


def test_a_titled_shot_is_filled_by_its_dialog_when_the_screen_is_scaled(tmp_path):
    """At QT_SCALE_FACTOR=1.5 (in a process of its own: the factor is read when Qt starts) a
    dialog's shot with its title was drawn at two thirds of its size in the top-left corner
    of a larger grey picture."""
    import os
    import subprocess
    import sys

    code = f"""
from pathlib import Path
from PySide6.QtWidgets import QApplication, QDialog
app = QApplication([])
d = QDialog()
d.setWindowTitle("t")
d.setStyleSheet("background: #ff0000")
d.resize(300, 200)
from app.tour.shots import shot
shot(d, Path({str(tmp_path / "d.png")!r}), title=True)
"""
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=60)
    image = QImage(str(tmp_path / "d.png"))
    assert (image.width(), image.height()) == (450, 345)  # (300 × 200 + the 30-point title) × 1.5
    assert image.pixelColor(image.width() - 2, image.height() - 2).name() == "#ff0000"
