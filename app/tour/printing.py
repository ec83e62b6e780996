"""列印出貨單 and 列印揀貨單 in Qt's print preview: the packing slips of some orders awaiting
shipment on A4, and their pick list on a 10×15 cm label."""

from __future__ import annotations

from pathlib import Path

from app.domain.tabs import OrderTab
from app.services import queries
from app.views import print_action
from app.widgets import slips

from .shots import shot


def render_print_screens(window, out: Path) -> list[Path]:
    rows, _ = queries.fetch_orders(queries.OrderFilter(tab=OrderTab.AWAITING_SHIPMENT), limit=3)
    if not rows:
        rows, _ = queries.fetch_orders(queries.OrderFilter(tab=OrderTab.ALL), limit=3)
    printer = window.orders_page.printer
    before = printer.page_size()
    files = []
    for name, doc, size in (("print-preview-slips", print_action.SLIPS, slips.A4),
                            ("print-preview-pick-list-label", print_action.PICK_LIST, slips.LABEL)):
        printer.set_page_size(size)
        dialog = printer.preview(doc, rows)
        dialog.resize(900, 640)
        files.append(shot(dialog, out / f"{name}.png", title=True))
        dialog.close()
    printer.set_page_size(before)
    return files
