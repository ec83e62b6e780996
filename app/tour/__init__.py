"""The screenshot tour: every page, tab and dialog on the current (demo) database, as PNGs.

``orderdesk tour --out DIR`` calls ``render_tour``; the README's screenshots come from it.  The
tour builds every page and dialog, so it sits above the views and the dialogs, and nothing in
the program imports it.  Nothing here writes to the database.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.domain.tabs import CancelTab, OrderTab
from app.services import queries
from app.views.main_window import MainWindow
from app.views.order_detail import OrderDetailDialog
from app.views.settings_keys import OPERATOR

from .cancellations import render_cancellation_screens
from .clerk_edits import render_clerk_edit_screens
from .invoices import render_invoice_screens
from .order_dialogs import render_order_action_dialogs
from .other_dialogs import render_method_dialogs, render_other_dialogs
from .overview import render_overview
from .people import render_people_screens
from .printing import render_print_screens
from .remittances import render_remittance_screens
from .shots import shot


def render_tour(out: Path, settings: QSettings | None = None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    settings = settings or QSettings(str(out / "tour-settings.ini"), QSettings.Format.IniFormat)
    settings.clear()
    OPERATOR.write(settings, "陳怡君")
    window = MainWindow(settings, db_label="sqlite:///demo.db")
    window.show()
    files = []
    window.show_page("orders")
    for i, tab in enumerate(OrderTab):
        window.orders_page.set_tab(tab)
        files.append(shot(window, out / f"orders-{i + 1}-{tab.value}.png"))
    window.show_page("cancellations")
    for i, tab in enumerate(CancelTab):
        window.cancellations_page.set_tab(tab)
        files.append(shot(window, out / f"cancellations-{i + 1}-{tab.value}.png"))
    window.show_page("payment")
    files.append(shot(window, out / "payment-methods.png"))
    window.show_page("shipping")
    files.append(shot(window, out / "shipping-methods.png"))

    rows, _ = queries.fetch_orders(queries.OrderFilter(tab=OrderTab.COMPLETED), limit=1)
    if rows:
        dialog = OrderDetailDialog(queries.order_detail(rows[0].id), window)
        files.append(shot(dialog, out / "order-detail.png"))
        dialog.close()

    files += render_method_dialogs(out)
    files += render_order_action_dialogs(out)
    files += render_cancellation_screens(out)
    files += render_other_dialogs(out)
    files += render_invoice_screens(window, out)
    files += render_print_screens(window, out)
    files += render_overview(out)
    files += render_clerk_edit_screens(window, out)
    files += render_people_screens(window, out)
    files += render_remittance_screens(window, out)
    window.close()
    return files
