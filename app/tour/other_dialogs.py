"""The methods' dialogs, the connection dialog and the import's report."""

from __future__ import annotations

import tempfile
from pathlib import Path

from app import resources
from app.dialogs.carrier_dialog import CarrierDialog
from app.dialogs.connection_dialog import ConnectionDialog
from app.dialogs.import_report_dialog import ImportReportDialog
from app.dialogs.payment_method_dialog import PaymentMethodDialog
from app.dialogs.shipping_method_dialog import ShippingMethodDialog
from app.services import importer, methods
from app.views.migrating import MigrationDialog

from .shots import shot


def render_method_dialogs(out: Path) -> list[Path]:
    """新增 / 修改 付款方式, 送貨方式 and 物流業者."""
    files = []
    payment = methods.list_payment_methods()
    shipping = methods.list_shipping_methods()
    carriers = methods.list_carriers()
    for name, dialog in (
        ("payment-method-add", PaymentMethodDialog(None)),
        ("payment-method-edit", PaymentMethodDialog(None, payment[0] if payment else None)),
        ("shipping-method-add", ShippingMethodDialog(None)),
        ("shipping-method-edit", ShippingMethodDialog(None, shipping[0] if shipping else None)),
        ("carrier-edit", CarrierDialog(None, carriers[0] if carriers else None)),
    ):
        files.append(shot(dialog, out / f"{name}.png"))
        dialog.close()
    return files


def render_other_dialogs(out: Path) -> list[Path]:
    """設定 → 資料庫連線, the import's report on a file with a bad row, and the update of an
    older database's structure (its safety copy half made)."""
    files = []
    migrating = MigrationDialog()
    migrating.show_phase("backup", 41_000, 85_000)
    files.append(shot(migrating, out / "migration-progress.png", title=True))
    migrating.hide()
    migrating.deleteLater()
    dialog = ConnectionDialog("postgresql://orderdesk@db.shop.lan:5432/orderdesk?sslmode=require")
    files.append(shot(dialog, out / "connection-dialog.png"))
    dialog.close()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "訂單匯入.csv"
        path.write_bytes((resources.import_samples() / "orders.csv").read_bytes())
        with path.open("a", encoding="utf-8") as f:
            f.write("IMP-BAD-001,2026-11-20 10:00,不存在的商店,ATM 轉帳,宅配,林小華,0911000111,,,"
                    "帆布袋,,1,-50\n")
            f.write("IMP-BAD-002,2026-11-31 09:00,好日子生活選物,ATM 轉帳,宅配,陳小美,0922000222,,,"
                    "馬克杯,,2,380\n")
        dialog = ImportReportDialog(importer.check_file(path))
        files.append(shot(dialog, out / "import-report.png"))
        dialog.close()
    return files
