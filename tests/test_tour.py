"""`orderdesk tour` renders every page, tab and dialog to PNG files that are real pictures."""

from PySide6.QtGui import QImage

import main

#: Screens the tour must render (tests/test_bundle.py checks the frozen build's tour too).
SCREENS = {f"orders-{i}-{t}" for i, t in enumerate(
    ["all", "unpaid", "paid", "awaiting-shipment", "out-of-stock", "completed"], 1)} | {
    "cancellations-1-pending-review", "cancellations-7-all-requests", "order-detail",
    "payment-methods", "shipping-methods", "payment-method-add", "shipping-method-edit",
    "connection-dialog", "import-report", "action-ship", "action-request-cancellation",
    "dialog_approve", "dialog_refund_failed", "invoices-1-to-issue", "invoices-2-to-void-or-allow",
    "invoice-record", "invoice-record-bulk", "invoice-void", "invoice-allowance", "invoice-register",
    "order-detail-invoice"}


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
