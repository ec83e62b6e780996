"""The screenshot tour: every page, tab and dialog on the current (demo) database, as PNGs.

``orderdesk tour --out DIR`` calls ``render_tour``; the README's screenshots come from it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.tabs import CancelTab, OrderTab
from app.services import queries

from .settings_keys import OPERATOR


def _save(widget: QWidget, path: Path) -> Path:
    QApplication.processEvents()
    widget.grab().save(str(path))
    return path


def render_method_dialogs(out: Path) -> list[Path]:
    """新增 / 修改 付款方式 and 送貨方式, the shipping one with its fee tester filled in."""
    from app.dialogs.payment_method_dialog import PaymentMethodDialog
    from app.dialogs.shipping_method_dialog import ShippingMethodDialog
    from app.services import methods

    files = []
    payment = methods.list_payment_methods()
    shipping = methods.list_shipping_methods()
    for name, dialog in (
        ("payment-method-add", PaymentMethodDialog(None)),
        ("payment-method-edit", PaymentMethodDialog(None, payment[0] if payment else None)),
        ("shipping-method-add", ShippingMethodDialog(None)),
        ("shipping-method-edit", ShippingMethodDialog(None, shipping[0] if shipping else None)),
    ):
        dialog.show()
        files.append(_save(dialog, out / f"{name}.png"))
        dialog.close()
    return files


def render_other_dialogs(out: Path) -> list[Path]:
    """設定 → 資料庫連線, and the import's report on a file with a bad row."""
    import shutil
    import tempfile

    from app.dialogs.connection_dialog import ConnectionDialog
    from app.dialogs.import_report_dialog import ImportReportDialog
    from app.services import importer

    files = []
    dialog = ConnectionDialog("postgresql://orderdesk@db.shop.lan:5432/orderdesk?sslmode=require")
    dialog.show()
    files.append(_save(dialog, out / "connection-dialog.png"))
    dialog.close()

    samples = Path(__file__).resolve().parents[2] / "resources" / "import-samples"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "訂單匯入.csv"
        shutil.copy(samples / "orders.csv", path)
        with path.open("a", encoding="utf-8") as f:
            f.write("IMP-BAD-001,2026-11-20 10:00,不存在的商店,ATM 轉帳,宅配,林小華,0911000111,,,"
                    "帆布袋,,1,-50\n")
            f.write("IMP-BAD-002,2026-11-31 09:00,好日子生活選物,ATM 轉帳,宅配,陳小美,0922000222,,,"
                    "馬克杯,,2,380\n")
        plan = importer.check_file(path)
        dialog = ImportReportDialog(plan)
        dialog.show()
        files.append(_save(dialog, out / "import-report.png"))
        dialog.close()
    return files


def render_tour(out: Path, settings: QSettings | None = None) -> list[Path]:
    from .main_window import MainWindow

    out.mkdir(parents=True, exist_ok=True)
    settings = settings or QSettings(str(out / "tour-settings.ini"), QSettings.Format.IniFormat)
    settings.clear()
    OPERATOR.write(settings, "陳怡君")
    window = MainWindow(settings, db_label="sqlite:///demo.db")
    window.resize(1360, 820)
    window.show()
    files = []
    window.show_page("orders")
    for i, tab in enumerate(OrderTab):
        window.orders_page.set_tab(tab)
        files.append(_save(window, out / f"orders-{i + 1}-{tab.value}.png"))
    window.show_page("cancellations")
    for i, tab in enumerate(CancelTab):
        window.cancellations_page.set_tab(tab)
        files.append(_save(window, out / f"cancellations-{i + 1}-{tab.value}.png"))
    window.show_page("payment")
    files.append(_save(window, out / "payment-methods.png"))
    window.show_page("shipping")
    files.append(_save(window, out / "shipping-methods.png"))

    from .order_detail import OrderDetailDialog

    rows, _ = queries.fetch_orders(queries.OrderFilter(tab=OrderTab.COMPLETED), limit=1)
    if rows:
        dialog = OrderDetailDialog(queries.order_detail(rows[0].id), window)
        dialog.show()
        files.append(_save(dialog, out / "order-detail.png"))
        dialog.close()

    files += render_method_dialogs(out)
    from .order_actions import render_order_action_dialogs

    files += render_order_action_dialogs(out)
    from .cancellation_actions import render_cancellation_screens

    files += render_cancellation_screens(out)
    files += render_other_dialogs(out)
    window.close()
    return files
